package intest

import coro "github.com/stackless-go/coro/runtime"

// want +2 `//coro:gen in a test file is not supported yet: move the function to a file that does not end in _test.go`
//
//coro:gen
func twos(co *coro.Co[int, struct{}]) {
	for {
		co.Yield(2)
	}
}
