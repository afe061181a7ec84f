// Package ok is accepted by the tool, and so is the coroutine of its test file. Its generated
// file is stale: the analyzer leaves it out and checks the package against declarations derived
// from the directives, as the tool does.
package ok

import coro "github.com/stackless-go/coro/runtime"

// count yields 0 to n-1 and returns what it was sent, summed.
//
//coro:gen
func count(co *coro.Co[int, int], n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		sum += co.Yield(i)
	}
	return sum
}

// twice delegates to count twice.
//
//coro:gen
func twice(co *coro.Co[int, int], n int) int {
	a := coro.YieldFrom(co, newCountCoro(n))
	b := coro.YieldFrom(co, newCountCoro(n))
	return a + b
}

// First returns the first value of count.
func First() int {
	v, _ := newCountCoro(3).Next()
	return v
}
