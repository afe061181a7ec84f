// Package intest has a //coro:gen function in a test file.
package intest

import coro "github.com/stackless-go/coro/runtime"

// Ones yields ones.
//
//coro:gen
func Ones(co *coro.Co[int, struct{}]) { // want Ones:"//coro:gen OnesCoro"
	for {
		co.Yield(1)
	}
}
