// Package xoldcaller delegates to the coroutine of package xold, whose generated file an older
// coro wrote: the generated code of the call would not compile.
package xoldcaller

import (
	coro "github.com/stackless-go/coro/runtime"

	"xold"
)

//coro:gen
func twice(co *coro.Co[int, int]) {
	xold.Count(co, 2) // want `the delegated call of xold.Count needs the method Unwound of xold.CountCoro, which the generated file of package xold lacks \(.*xold_coro.go:\d+:\d+, written by an older coro\): regenerate that package, with go generate xold or go run github.com/stackless-go/coro/cmd/coro xold, or run coro on both packages at once`
	xold.Count(co, 1) // want `the delegated call of xold.Count needs the method Unwound`
}
