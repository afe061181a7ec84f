// Package looptest holds //coro:gen tasks for the tests and benchmarks of package loop, with
// their generated file beside them (go generate ./runtime/loop/... rewrites it). They live here
// because the generator once read non-test files only; they could move into loop's test files.
package looptest

import (
	coro "github.com/stackless-go/coro/runtime"
	"github.com/stackless-go/coro/runtime/loop"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// Passer is a task that yields to the loop n times: the unit of the benchmarks.
//
//coro:gen
func Passer(co *coro.Co[loop.Request, struct{}], n int) {
	for i := 0; i < n; i++ {
		co.Yield(loop.Pass())
	}
}

// Probe is a task that calls f when it first runs, then yields n times. Spawned after a crowd
// of tasks, it runs when all of them have run once and are suspended: the moment to measure them.
//
//coro:gen
func Probe(co *coro.Co[loop.Request, struct{}], f func(), n int) {
	f()
	for i := 0; i < n; i++ {
		co.Yield(loop.Pass())
	}
}

// Producer puts 0..n-1 into q, then -1.
//
//coro:gen
func Producer(co *coro.Co[loop.Request, struct{}], q *loop.Queue[int], n int) {
	for i := 0; i < n; i++ {
		co.Yield(q.Put(i))
	}
	co.Yield(q.Put(-1))
}

// Consumer adds up what it gets from q until -1.
//
//coro:gen
func Consumer(co *coro.Co[loop.Request, struct{}], q *loop.Queue[int]) int {
	sum := 0
	for {
		var v int
		co.Yield(q.Get(&v))
		if v < 0 {
			return sum
		}
		sum += v
	}
}
