package intest_test

import (
	"intest"

	coro "github.com/stackless-go/coro/runtime"
)

// fours delegates to a coroutine of the package and to one of its test file.
//
//coro:gen
func fours(co *coro.Co[int, struct{}]) int {
	co.Yield(4)
	n := intest.Threes(co, 2)
	intest.Ones(co)
	return n
}

//coro:gen
func deferred(co *coro.Co[int, struct{}]) {
	defer co.Yield(4) // want `defer co.Yield\(...\) would yield when the body returns`
}
