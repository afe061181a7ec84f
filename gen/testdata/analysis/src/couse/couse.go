// Package couse misuses co: the tool's check stage rejects it.
package couse

import coro "github.com/stackless-go/coro/runtime"

var saved *coro.Co[int, int]

//coro:gen
func stores(co *coro.Co[int, int]) {
	saved = co // want `co may only be used to yield, as co.Yield\(v\), co.YieldErr\(v\) or coro.YieldFrom\(co, sub\)`
	co.Yield(1)
}

func helper(co *coro.Co[int, int]) {}

//coro:gen
func passes(co *coro.Co[int, int]) {
	helper(co) // want `co may only be used to yield`
}

//coro:gen
func inLiteral(co *coro.Co[int, int]) {
	f := func() {
		co.Yield(1) // want `co.Yield inside a func literal cannot suspend the coroutine`
	}
	f()
}

//coro:gen
func deferred(co *coro.Co[int, int]) {
	defer co.Yield(1) // want `defer co.Yield\(...\) would yield when the body returns`
}

//coro:gen
func goes(co *coro.Co[int, int]) {
	go co.YieldErr(1) // want `go co.YieldErr\(...\): a go statement would yield on another goroutine`
}

//coro:gen
func delegatesInLiteral(co *coro.Co[int, int], sub coro.Coroutine[int, int, string]) {
	func() {
		coro.YieldFrom(co, sub) // want `coro.YieldFrom inside a func literal cannot suspend the coroutine`
	}()
}

// Co is not the runtime's.
type Co[Y, S any] struct{}

//coro:gen
func notRuntime(co *Co[int, int]) { // want `must be co \*coro.Co\[Y, S\] from github.com/stackless-go/coro/runtime, found \*Co\[int, int\]`
}
