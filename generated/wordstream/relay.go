package main

import (
	"iter"

	coro "github.com/stackless-go/coro/runtime"
)

// The coroutines of the benchmark in bench_test.go.

// count yields 0, 1, ..., n-1: an iterator for the loops below.
func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// counter is count as a generated coroutine.
//
//coro:gen
func counter(co *coro.Co[int, struct{}], n int) {
	for i := range n {
		co.Yield(i)
	}
}

// relaySeq yields what count yields, from inside a range over it: the loop pulls through
// iter.Pull.
//
//coro:gen
func relaySeq(co *coro.Co[int, struct{}], n int) {
	for v := range count(n) {
		co.Yield(v)
	}
}

// relayAll yields what a counter yields, from inside a range over its All(): the loop drives
// the counter with Next.
//
//coro:gen
func relayAll(co *coro.Co[int, struct{}], n int) {
	for v := range newCounterCoro(n).All() {
		co.Yield(v)
	}
}
