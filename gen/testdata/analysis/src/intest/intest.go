// Package intest has //coro:gen functions in its test files, in-package (intest_test.go) and
// external (intest_x_test.go): they delegate to the package's coroutines, and each file has an
// error that the tool and the analyzer report once, in the variant that holds the file.
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
