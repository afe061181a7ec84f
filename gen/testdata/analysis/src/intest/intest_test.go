package intest

import coro "github.com/stackless-go/coro/runtime"

// twos delegates to Ones, a coroutine of the package's non-test file.
//
//coro:gen
func twos(co *coro.Co[int, struct{}]) {
	co.Yield(2)
	Ones(co)
}

// Threes is for the external test package.
//
//coro:gen
func Threes(co *coro.Co[int, struct{}], n int) int { // want Threes:"//coro:gen ThreesCoro"
	for range n {
		co.Yield(3)
	}
	return n
}

//coro:gen
func stored(co *coro.Co[int, struct{}]) {
	c := co // want `co may only be used to yield`
	c.Yield(1)
}
