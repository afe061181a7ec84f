// Package xold has a generated file that an older coro wrote (xold_coro.go): its machine has no
// Unwound method, which the generated code of a delegated call calls.
package xold

import coro "github.com/stackless-go/coro/runtime"

// Count yields 0 to n-1.
//
//coro:gen
func Count(co *coro.Co[int, int], n int) { // want Count:"//coro:gen CountCoro, outdated in xold_coro.go"
	for i := range n {
		co.Yield(i)
	}
}
