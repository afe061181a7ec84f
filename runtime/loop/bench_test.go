package loop_test

import (
	"runtime"
	"testing"
	"time"

	coro "github.com/stackless-go/coro/runtime"
	"github.com/stackless-go/coro/runtime/loop"
)

// One million tasks that each yield to the loop ten times (eleven resumes each: ten yields and
// the return), every way, in one run so the ratios hold:
//
//	go test -run '^$' -bench . -benchtime 3x ./runtime/loop
//
// ns/task is the time per task, everything included (making it, running it to its end); ns/switch
// is that over the eleven resumes. B/task is the memory each task holds while suspended: heap in
// use plus goroutine stacks, after a GC, measured once all the tasks have run once, minus the
// same before they were made. The "hot" shape, a thousand tasks yielding a thousand times, is the
// cost of a switch when everything fits in the caches.

type shape struct {
	name          string
	tasks, yields int
}

var shapes = []shape{
	{"1Mx10", 1_000_000, 10},
	{"hot-1kx1000", 1000, 1000},
}

// measure returns a function to call before making the tasks and one to call with every task
// suspended, which stores the bytes per task in out.
func measure(n int, out *float64) (before func(), at func()) {
	var base uint64
	inUse := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc + m.StackInuse
	}
	return func() { base = inUse() }, func() { *out = float64(inUse()-base) / float64(n) }
}

func report(b *testing.B, sh shape, perTask float64) {
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(sh.tasks)
	b.ReportMetric(ns, "ns/task")
	b.ReportMetric(ns/float64(sh.yields+1), "ns/switch")
	b.ReportMetric(perTask, "B/task")
}

// bench runs run once measuring memory, then b.N times for the time.
func bench(b *testing.B, run func(sh shape, probe func()), shs ...shape) {
	for _, sh := range shs {
		b.Run(sh.name, func(b *testing.B) {
			var perTask float64
			before, at := measure(sh.tasks, &perTask)
			before()
			run(sh, at)
			for b.Loop() {
				run(sh, nil)
			}
			report(b, sh, perTask)
		})
	}
}

// runLoop spawns the tasks mk makes on a new loop and runs it; probe, if not nil, runs once all
// of them have run once.
func runLoop(b *testing.B, sh shape, mk func(yields int) loop.Coroutine[struct{}], probe func()) {
	l := loop.New(loop.NewVirtual(time.Time{}))
	for range sh.tasks {
		loop.Spawn(l, mk(sh.yields))
	}
	if probe != nil {
		loop.Spawn(l, NewProbeCoro(probe, sh.yields))
	}
	if err := l.Run(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLoopGenerated: the tasks are machines coro generated (Passer).
func BenchmarkLoopGenerated(b *testing.B) {
	mk := func(yields int) loop.Coroutine[struct{}] { return NewPasserCoro(yields) }
	bench(b, func(sh shape, probe func()) { runLoop(b, sh, mk, probe) }, shapes...)
}

// BenchmarkLoopReference: the same body run by coro.New, a goroutine per task, on the loop; a
// tenth of the tasks.
func BenchmarkLoopReference(b *testing.B) {
	mk := func(yields int) loop.Coroutine[struct{}] {
		return coro.New(func(co *loop.Co) (struct{}, error) {
			Passer(co, yields)
			return struct{}{}, nil
		})
	}
	bench(b, func(sh shape, probe func()) { runLoop(b, sh, mk, probe) },
		shape{"100kx10", 100_000, 10}, shapes[1])
}

// runGoroutines is the same hand-off with goroutines and channels: a scheduler goroutine (the
// caller) resumes each goroutine in turn through its own channel and waits on a shared one for
// it to hand the turn back, yields times and once more to end, first in first out as the loop.
func runGoroutines(sh shape, probe func()) {
	back := make(chan bool) // true: yielded, false: returned
	ready := make([]chan struct{}, 0, sh.tasks)
	for range sh.tasks {
		resume := make(chan struct{})
		go func() {
			for range sh.yields {
				<-resume
				back <- true // yield
			}
			<-resume
			back <- false // return
		}()
		ready = append(ready, resume)
	}
	round := 0
	for len(ready) > 0 {
		next := ready[:0]
		for _, r := range ready {
			r <- struct{}{}
			if <-back {
				next = append(next, r)
			}
		}
		ready = next
		if round == 0 && probe != nil {
			probe()
		}
		round++
	}
}

// BenchmarkGoroutines: one goroutine per task, hand-offs through unbuffered channels.
func BenchmarkGoroutines(b *testing.B) {
	bench(b, runGoroutines, shapes...)
}

// TestGeneratedTasksSmall checks, quickly, what the benchmarks measure: generated tasks on the
// loop, the producer and consumer machines through a bounded queue.
func TestGeneratedTasksSmall(t *testing.T) {
	l := loop.New(loop.NewVirtual(time.Time{}))
	var tasks []loop.Awaitable
	for range 1000 {
		tasks = append(tasks, loop.Spawn(l, NewPasserCoro(10)))
	}
	q := loop.NewQueue[int](l, 3)
	loop.Spawn(l, NewProducerCoro(q, 100))
	sum := loop.Spawn(l, NewConsumerCoro(q))
	if err := l.Run(); err != nil {
		t.Fatal(err)
	}
	if v, err := sum.Result(); v != 99*100/2 || err != nil {
		t.Errorf("consumer: %v, %v", v, err)
	}
	_ = tasks
}

// The tasks of the benchmarks, generated into bench_coro_test.go.
//
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
