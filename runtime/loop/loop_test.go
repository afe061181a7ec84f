package loop_test

import (
	"errors"
	"fmt"
	"iter"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	coro "github.com/stackless-go/coro/runtime"
	"github.com/stackless-go/coro/runtime/loop"
)

var errBoom = errors.New("boom")

// tracer is a log the tasks write to. coro.New bodies run on their own goroutines, one at a time
// (the loop waits for each), so a plain slice would do; the mutex keeps the argument simple.
type tracer struct {
	mu    sync.Mutex
	lines []string
}

func (tr *tracer) printf(format string, args ...any) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.lines = append(tr.lines, fmt.Sprintf(format, args...))
}

func (tr *tracer) check(t *testing.T, want ...string) {
	t.Helper()
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if !reflect.DeepEqual(tr.lines, want) {
		t.Errorf("trace:\n  %s\nwant:\n  %s", strings.Join(tr.lines, "\n  "), strings.Join(want, "\n  "))
	}
}

// body makes a task from a function body run by the reference implementation.
func body[R any](f func(co *loop.Co) (R, error)) loop.Coroutine[R] { return coro.New(f) }

func virtual() *loop.Loop { return loop.New(loop.NewVirtual(time.Unix(0, 0))) }

func mustRun(t *testing.T, l *loop.Loop) {
	t.Helper()
	if err := l.Run(); err != nil {
		t.Fatalf("Run: %v", err)
	}
}

func TestSleepVirtualOrder(t *testing.T) {
	l := virtual()
	var tr tracer
	sleeper := func(name string, ds ...time.Duration) {
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			tr.printf("%v %s starts", l.Elapsed(), name)
			for _, d := range ds {
				co.Yield(loop.Sleep(d))
				tr.printf("%v %s slept %v", l.Elapsed(), name, d)
			}
			return struct{}{}, nil
		}))
	}
	sleeper("a", 3*time.Second, time.Second)
	sleeper("b", time.Second, time.Second, time.Second)
	sleeper("c", 2*time.Second, 0, 2*time.Second)
	start := time.Now()
	mustRun(t, l)
	if d := time.Since(start); d > time.Second {
		t.Errorf("virtual time took %v of real time", d)
	}
	tr.check(t,
		"0s a starts", "0s b starts", "0s c starts",
		"1s b slept 1s",
		// b's second sleep ends at 2s too, but c called Sleep first.
		"2s c slept 2s", "2s b slept 1s", "2s c slept 0s",
		"3s a slept 3s", "3s b slept 1s",
		// c called Sleep(2s) at 2s, before a called Sleep(1s) at 3s.
		"4s c slept 2s", "4s a slept 1s",
	)
	if got := l.Elapsed(); got != 4*time.Second {
		t.Errorf("Elapsed() after Run = %v", got)
	}
}

func TestPassRoundRobin(t *testing.T) {
	l := loop.New(loop.NewVirtual(time.Time{})) // the zero time is a start like any other
	var tr tracer
	for _, name := range []string{"a", "b", "c"} {
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			for i := range 3 {
				tr.printf("%s%d", name, i)
				co.Yield(loop.Pass())
			}
			return struct{}{}, nil
		}))
	}
	mustRun(t, l)
	tr.check(t, "a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2")
	if l.Elapsed() != 0 || !l.Now().IsZero() {
		t.Errorf("time moved: %v %v", l.Elapsed(), l.Now())
	}
}

func TestRealClock(t *testing.T) {
	l := loop.New(nil)
	var slept time.Duration
	loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
		start := time.Now()
		co.Yield(loop.Sleep(30 * time.Millisecond))
		slept = time.Since(start)
		return struct{}{}, nil
	}))
	mustRun(t, l)
	if slept < 30*time.Millisecond {
		t.Errorf("slept %v, want at least 30ms", slept)
	}
}

func TestAwait(t *testing.T) {
	l := virtual()
	var tr tracer
	parent := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		child := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			tr.printf("child starts")
			co.Yield(loop.Sleep(time.Second))
			tr.printf("child ends")
			return 21, nil
		}))
		if _, err := child.Result(); !errors.Is(err, loop.ErrNotDone) {
			t.Errorf("Result of a running child: %v, want ErrNotDone", err)
		}
		tr.printf("parent awaits")
		co.Yield(child.Await())
		v, err := child.Result()
		tr.printf("parent got %d %v at %v", v, err, l.Elapsed())
		// Awaiting a finished task goes on at once.
		co.Yield(child.Await())
		tr.printf("again")
		return 2 * v, nil
	}))
	mustRun(t, l)
	tr.check(t, "parent awaits", "child starts", "child ends", "parent got 21 <nil> at 1s", "again")
	if v, err := parent.Result(); v != 42 || err != nil {
		t.Errorf("parent.Result() = %v, %v", v, err)
	}
}

func TestAwaitError(t *testing.T) {
	l := virtual()
	var tr tracer
	failing := func() *loop.Task[int] {
		return loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			co.Yield(loop.Pass())
			return 0, errBoom
		}))
	}
	f1, f2 := failing(), failing()
	// A plain Yield unwinds, as an exception propagates through await.
	plain := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		defer tr.printf("plain defer")
		co.Yield(f1.Await())
		tr.printf("plain after await")
		return 1, nil
	}))
	// YieldErr receives the error.
	caught := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		_, err := co.YieldErr(f2.Await())
		tr.printf("caught %v", err)
		return 2, nil
	}))
	err := l.Run()
	tr.check(t, "plain defer", "caught boom")
	// f1 and f2 were observed; plain's own error was not.
	te, _ := err.(*loop.TaskError)
	if te == nil || te.Task != "task 3" || te.Err != errBoom {
		t.Errorf("Run() = %v, want one TaskError of task 3", err)
	}
	if _, err := plain.Result(); err != errBoom {
		t.Errorf("plain: %v", err)
	}
	if v, err := caught.Result(); v != 2 || err != nil {
		t.Errorf("caught: %v %v", v, err)
	}
}

func TestUnobservedErrors(t *testing.T) {
	l := virtual()
	errOther := errors.New("other")
	loop.Spawn(l, body(func(co *loop.Co) (int, error) { return 0, errBoom }))
	loop.Spawn(l, body(func(co *loop.Co) (int, error) { co.Yield(loop.Pass()); return 0, errOther })).SetName("other")
	loop.Spawn(l, body(func(co *loop.Co) (int, error) { return 0, nil }))
	err := l.Run()
	if !errors.Is(err, errBoom) || !errors.Is(err, errOther) {
		t.Fatalf("Run() = %v", err)
	}
	want := "loop: task 1 failed and nothing awaited it: boom\nloop: other failed and nothing awaited it: other"
	if err.Error() != want {
		t.Errorf("Run() = %q, want %q", err, want)
	}
}

func TestGather(t *testing.T) {
	l := virtual()
	var tr tracer
	mk := func(name string, d time.Duration, err error) *loop.Task[string] {
		return loop.Spawn(l, body(func(co *loop.Co) (string, error) {
			co.Yield(loop.Sleep(d))
			tr.printf("%s done at %v", name, l.Elapsed())
			return name, err
		}))
	}
	loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
		a, b, c := mk("a", 3*time.Second, nil), mk("b", time.Second, nil), mk("c", 2*time.Second, nil)
		co.Yield(loop.Gather(a, b, c))
		var got []string
		for _, x := range []*loop.Task[string]{a, b, c} {
			v, _ := x.Result()
			got = append(got, v)
		}
		tr.printf("gathered %v at %v", got, l.Elapsed())

		// An empty gather and a gather of finished tasks go on at once.
		co.Yield(loop.Gather())
		co.Yield(loop.Gather(a, b))
		tr.printf("again at %v", l.Elapsed())

		// The first error in argument order, once all have finished.
		errX, errY := errors.New("x"), errors.New("y")
		x, y, z := mk("x", time.Second, errX), mk("y", 500*time.Millisecond, errY), mk("z", 2*time.Second, nil)
		_, err := co.YieldErr(loop.Gather(z, x, y))
		tr.printf("gather error %v at %v", err, l.Elapsed())

		// A future among tasks.
		f := loop.NewFuture[int](l)
		w := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			co.Yield(loop.Sleep(time.Second))
			f.Set(7)
			return 0, nil
		}))
		co.Yield(loop.Gather(f, w))
		v, err := f.Result()
		tr.printf("future %d %v", v, err)
		return struct{}{}, nil
	}))
	mustRun(t, l) // x and y failed, but the gather observed them
	tr.check(t,
		"b done at 1s", "c done at 2s", "a done at 3s", "gathered [a b c] at 3s", "again at 3s",
		"y done at 3.5s", "x done at 4s", "z done at 5s", "gather error x at 5s",
		"future 7 <nil>",
	)
}

func TestCancel(t *testing.T) {
	t.Run("sleeping", func(t *testing.T) {
		l := loop.New(nil) // real time: the canceled timer must not keep Run waiting
		var tr tracer
		sleeper := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			defer tr.printf("sleeper defer")
			co.Yield(loop.Sleep(time.Hour))
			tr.printf("sleeper woke")
			return 1, nil
		}))
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			co.Yield(loop.Pass())
			tr.printf("cancel: %v", sleeper.Cancel())
			_, err := co.YieldErr(sleeper.Await())
			tr.printf("awaiter got %v", err)
			tr.printf("cancel again: %v", sleeper.Cancel())
			return struct{}{}, nil
		}))
		start := time.Now()
		mustRun(t, l) // a canceled task's error is not reported
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("Run took %v", d)
		}
		tr.check(t, "cancel: true", "sleeper defer", "awaiter got loop: task canceled", "cancel again: false")
		if _, err := sleeper.Result(); err != loop.ErrCanceled {
			t.Errorf("sleeper: %v", err)
		}
	})

	t.Run("not started", func(t *testing.T) {
		l := virtual()
		ran := false
		task := loop.Spawn(l, body(func(co *loop.Co) (int, error) { ran = true; return 1, nil }))
		task.Cancel()
		mustRun(t, l)
		if _, err := task.Result(); ran || err != loop.ErrCanceled {
			t.Errorf("ran %v, err %v", ran, err)
		}
	})

	t.Run("caught", func(t *testing.T) {
		l := virtual()
		var tr tracer
		task := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			_, err := co.YieldErr(loop.Sleep(time.Hour))
			tr.printf("got %v at %v", err, l.Elapsed())
			co.Yield(loop.Sleep(time.Second))
			tr.printf("slept at %v", l.Elapsed())
			return 5, nil
		}))
		loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			co.Yield(loop.Sleep(time.Second))
			task.Cancel()
			return 0, nil
		}))
		mustRun(t, l)
		tr.check(t, "got loop: task canceled at 1s", "slept at 2s")
		if v, err := task.Result(); v != 5 || err != nil {
			t.Errorf("Result() = %v, %v", v, err)
		}
	})

	t.Run("itself", func(t *testing.T) {
		l := virtual()
		var tr tracer
		var self *loop.Task[int]
		self = loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			defer tr.printf("defer")
			self.Cancel()
			tr.printf("still running")
			co.Yield(loop.Pass())
			tr.printf("after yield")
			return 1, nil
		}))
		mustRun(t, l)
		tr.check(t, "still running", "defer")
		if _, err := self.Result(); err != loop.ErrCanceled {
			t.Errorf("err %v", err)
		}
	})

	t.Run("answered wait keeps its answer", func(t *testing.T) {
		// The getter is woken with an item, then canceled before it runs: it keeps the item
		// and gets the cancellation at its next yield.
		l := virtual()
		var tr tracer
		q := loop.NewQueue[int](l, 0)
		getter := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			var v int
			co.Yield(q.Get(&v))
			tr.printf("got %d", v)
			_, err := co.YieldErr(loop.Pass())
			tr.printf("then %v", err)
			return v, nil
		}))
		loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			co.Yield(q.Put(1))
			getter.Cancel()
			return 0, nil
		}))
		mustRun(t, l)
		tr.check(t, "got 1", "then loop: task canceled")
	})

	t.Run("waiting getter leaves the item", func(t *testing.T) {
		l := virtual()
		var tr tracer
		q := loop.NewQueue[int](l, 0)
		getter := func(name string) *loop.Task[int] {
			return loop.Spawn(l, body(func(co *loop.Co) (int, error) {
				var v int
				_, err := co.YieldErr(q.Get(&v))
				tr.printf("%s got %d %v", name, v, err)
				return v, nil
			}))
		}
		g1, _ := getter("g1"), getter("g2")
		loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			co.Yield(loop.Pass())
			g1.Cancel()
			co.Yield(q.Put(1))
			return 0, nil
		}))
		mustRun(t, l)
		tr.check(t, "g1 got 0 loop: task canceled", "g2 got 1 <nil>")
	})
}

func TestQueue(t *testing.T) {
	t.Run("bounded", func(t *testing.T) {
		l := virtual()
		var tr tracer
		q := loop.NewQueue[int](l, 2)
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			for i := range 5 {
				co.Yield(q.Put(i))
				tr.printf("put %d (len %d)", i, q.Len())
			}
			return struct{}{}, nil
		}))
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			for range 5 {
				co.Yield(loop.Sleep(time.Second))
				var v int
				co.Yield(q.Get(&v))
				tr.printf("got %d at %v", v, l.Elapsed())
			}
			return struct{}{}, nil
		}))
		mustRun(t, l)
		tr.check(t,
			"put 0 (len 1)", "put 1 (len 2)",
			"got 0 at 1s", "put 2 (len 2)",
			"got 1 at 2s", "put 3 (len 2)",
			"got 2 at 3s", "put 4 (len 2)",
			"got 3 at 4s", "got 4 at 5s",
		)
	})

	t.Run("getters in order", func(t *testing.T) {
		l := virtual()
		var tr tracer
		q := loop.NewQueue[string](l, 0)
		for i := range 3 {
			loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
				for {
					var s string
					co.Yield(q.Get(&s))
					if s == "" {
						return struct{}{}, nil
					}
					tr.printf("worker %d: %s", i, s)
					co.Yield(loop.Sleep(time.Second))
				}
			}))
		}
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			for _, s := range []string{"a", "b", "c", "d", "e", "", "", ""} {
				co.Yield(q.Put(s))
			}
			return struct{}{}, nil
		}))
		mustRun(t, l)
		tr.check(t, "worker 0: a", "worker 1: b", "worker 2: c", "worker 0: d", "worker 1: e")
	})

	t.Run("try", func(t *testing.T) {
		l := virtual()
		q := loop.NewQueue[int](l, 1)
		if _, ok := q.TryGet(); ok {
			t.Errorf("TryGet on empty")
		}
		if !q.TryPut(1) || q.TryPut(2) {
			t.Errorf("TryPut on a queue of 1")
		}
		if v, ok := q.TryGet(); v != 1 || !ok {
			t.Errorf("TryGet = %v, %v", v, ok)
		}
		var got int
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			co.Yield(q.Get(&got))
			co.Yield(q.Get(nil)) // dropped
			return struct{}{}, nil
		}))
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			q.TryPut(5) // the waiting getter gets it
			q.TryPut(6)
			return struct{}{}, nil
		}))
		mustRun(t, l)
		if got != 5 || q.Len() != 0 {
			t.Errorf("got %d, len %d", got, q.Len())
		}
	})
}

func TestFuture(t *testing.T) {
	t.Run("from goroutines", func(t *testing.T) {
		l := loop.New(nil)
		const n = 50
		var futures []*loop.Future[int]
		for i := range n {
			futures = append(futures, loop.Go(l, func() (int, error) {
				time.Sleep(time.Duration(n-i) * time.Millisecond)
				if i == 7 {
					return 0, errBoom
				}
				return i * i, nil
			}))
		}
		var sum int
		var caught error
		var tr tracer
		// A sleeping task: the loop waits for its timer and for the futures at once.
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			co.Yield(loop.Sleep(time.Second))
			tr.printf("sleeper woke")
			return struct{}{}, nil
		}))
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			defer tr.printf("futures done")
			for i, f := range futures {
				_, err := co.YieldErr(f.Await())
				if i == 7 {
					caught = err
					continue
				}
				v, _ := f.Result()
				sum += v
			}
			return struct{}{}, nil
		}))
		mustRun(t, l)
		want := 0
		for i := range n {
			if i != 7 {
				want += i * i
			}
		}
		if sum != want || caught != errBoom {
			t.Errorf("sum %d (want %d), caught %v", sum, want, caught)
		}
		tr.check(t, "futures done", "sleeper woke")
	})

	t.Run("virtual clock waits for outside when nothing else", func(t *testing.T) {
		l := virtual()
		release := make(chan struct{})
		f := loop.Go(l, func() (string, error) { <-release; return "late", nil })
		var got string
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			co.Yield(loop.Sleep(time.Hour))
			close(release)
			co.Yield(f.Await())
			got, _ = f.Result()
			return struct{}{}, nil
		}))
		mustRun(t, l)
		if got != "late" {
			t.Errorf("got %q", got)
		}
	})

	t.Run("set once, before and after Run", func(t *testing.T) {
		l := virtual()
		f := loop.NewFuture[int](l)
		if _, err := f.Result(); !errors.Is(err, loop.ErrNotDone) {
			t.Errorf("Result before: %v", err)
		}
		if !f.Set(1) || f.Set(2) || f.Fail(errBoom) {
			t.Errorf("Set twice")
		}
		var got int
		loop.Spawn(l, body(func(co *loop.Co) (struct{}, error) {
			co.Yield(f.Await())
			got, _ = f.Result()
			return struct{}{}, nil
		}))
		mustRun(t, l)
		g := loop.NewFuture[int](l)
		g.Fail(errBoom) // after Run: applied at once
		if _, err := g.Result(); got != 1 || err != errBoom {
			t.Errorf("got %d, g %v", got, err)
		}
		if v := mustPanic(func() { g.Fail(nil) }); v == nil {
			t.Errorf("Fail(nil) did not panic")
		}
	})
}

func TestDeadlock(t *testing.T) {
	l := virtual()
	var tr tracer
	var a, b *loop.Task[int]
	a = loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		defer tr.printf("a defer")
		co.Yield(loop.Pass())
		co.Yield(b.Await())
		return 1, nil
	})).SetName("a")
	b = loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		defer tr.printf("b defer")
		co.Yield(a.Await())
		return 2, nil
	})).SetName("b")
	q := loop.NewQueue[int](l, 0)
	c := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		// It catches the first error; Close makes it return.
		for {
			_, err := co.YieldErr(q.Get(nil))
			tr.printf("c got %v", err)
			if errors.Is(err, coro.ErrClosed) {
				return 0, err
			}
		}
	})).SetName("c")
	fut := loop.NewFuture[int](l)
	d := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		defer tr.printf("d defer")
		co.Yield(loop.Gather(c, fut))
		return 0, nil
	}))
	fut.Set(1)
	err := l.Run()
	var de *loop.DeadlockError
	if !errors.As(err, &de) || !errors.Is(err, loop.ErrDeadlock) {
		t.Fatalf("Run() = %v, want a DeadlockError", err)
	}
	want := []string{"a awaits b", "b awaits a", "c gets from an empty queue", "task 4 gathers c"}
	if !reflect.DeepEqual(de.Waiting, want) {
		t.Errorf("Waiting = %q, want %q", de.Waiting, want)
	}
	if !strings.Contains(err.Error(), "loop: deadlock: every task is waiting") {
		t.Errorf("message %q", err)
	}
	// a is closed first; b, which awaits a, is woken with a's error (not closed), and so is d
	// when c has been closed: they unwind when they run, after the closing.
	tr.check(t, "a defer", "c got coro: coroutine closed", "b defer", "d defer")
	for _, task := range []*loop.Task[int]{a, b, c, d} {
		if _, err := task.Result(); !errors.Is(err, loop.ErrDeadlock) {
			t.Errorf("%v: %v", task, err)
		}
	}
}

func TestDeadlockWakesAwaiters(t *testing.T) {
	// A task that awaits a deadlocked task is woken with its error, not closed: it may react.
	l := virtual()
	var tr tracer
	q := loop.NewQueue[int](l, 0)
	stuck := loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		co.Yield(q.Get(nil))
		return 0, nil
	}))
	loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		co.Yield(loop.Pass()) // stuck waits first: it is closed first
		_, err := co.YieldErr(stuck.Await())
		tr.printf("awaiter got deadlock: %v", errors.Is(err, loop.ErrDeadlock))
		return 0, nil
	}))
	if err := l.Run(); !errors.Is(err, loop.ErrDeadlock) {
		t.Errorf("Run() = %v", err)
	}
	tr.check(t, "awaiter got deadlock: true")
}

func TestBadUse(t *testing.T) {
	t.Run("run twice", func(t *testing.T) {
		l := virtual()
		loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			if err := l.Run(); err != loop.ErrRunning {
				t.Errorf("Run inside: %v", err)
			}
			return 0, nil
		}))
		mustRun(t, l)
		if err := l.Run(); err != loop.ErrRunTwice {
			t.Errorf("second Run: %v", err)
		}
		v := mustPanic(func() { loop.Spawn(l, body(func(co *loop.Co) (int, error) { return 0, nil })) })
		if s, _ := v.(string); !strings.Contains(s, "finished") {
			t.Errorf("Spawn after Run: %v", v)
		}
	})

	t.Run("requests", func(t *testing.T) {
		other := virtual()
		otherTask := loop.Spawn(other, body(func(co *loop.Co) (int, error) { return 0, nil }))
		otherQueue := loop.NewQueue[int](other, 0)
		otherFuture := loop.NewFuture[int](other)
		var nilTask *loop.Task[int]
		var nilQueue *loop.Queue[int]
		var nilFuture *loop.Future[int]
		tests := []struct {
			name string
			req  func(self *loop.Task[int]) loop.Request
			msg  string
		}{
			{"zero", func(*loop.Task[int]) loop.Request { return loop.Request{} }, "task 1 yielded the zero Request"},
			{"self", func(self *loop.Task[int]) loop.Request { return self.Await() }, "task 1 awaits itself"},
			{"gather self", func(self *loop.Task[int]) loop.Request { return loop.Gather(self) }, "task 1 awaits itself"},
			{"nil task", func(*loop.Task[int]) loop.Request { return nilTask.Await() }, "task 1 yielded an await of a nil *Task"},
			{"nil future", func(*loop.Task[int]) loop.Request { return nilFuture.Await() }, "an await of a nil *Future"},
			{"nil queue", func(*loop.Task[int]) loop.Request { return nilQueue.Get(nil) }, "a Get on a nil *Queue"},
			{"gather nil", func(*loop.Task[int]) loop.Request { return loop.Gather(nilTask) }, "a Gather of a nil task or future (argument 0)"},
			{"gather nil interface", func(*loop.Task[int]) loop.Request { return loop.Gather(nil) }, "a Gather of a nil Awaitable (argument 0)"},
			{"other task", func(*loop.Task[int]) loop.Request { return otherTask.Await() }, "task 1 awaits task 1 of another loop"},
			{"other future", func(*loop.Task[int]) loop.Request { return otherFuture.Await() }, "task 1 awaits a future of another loop"},
			{"other queue", func(*loop.Task[int]) loop.Request { return otherQueue.Put(1) }, "task 1 uses a queue of another loop"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				l := virtual()
				var self *loop.Task[int]
				var caught error
				self = loop.Spawn(l, body(func(co *loop.Co) (int, error) {
					_, caught = co.YieldErr(tt.req(self))
					co.Yield(tt.req(self)) // uncaught: the task ends with it
					return 0, nil
				}))
				err := l.Run()
				if !errors.Is(caught, loop.ErrBadRequest) || !strings.Contains(caught.Error(), tt.msg) {
					t.Errorf("caught %v, want ErrBadRequest with %q", caught, tt.msg)
				}
				if _, terr := self.Result(); terr == nil || terr.Error() != caught.Error() {
					t.Errorf("task error %v", terr)
				}
				if !errors.Is(err, loop.ErrBadRequest) {
					t.Errorf("Run() = %v, want the task's error", err)
				}
			})
		}
	})

	t.Run("result from outside", func(t *testing.T) {
		l := virtual()
		task := loop.Spawn(l, body(func(co *loop.Co) (int, error) { return 3, nil }))
		_, err := task.Result()
		if !errors.Is(err, loop.ErrNotDone) || !strings.Contains(err.Error(), "await it from a task") {
			t.Errorf("Result before Run: %v", err)
		}
		mustRun(t, l)
		if v, err := task.Result(); v != 3 || err != nil {
			t.Errorf("Result after Run: %v, %v", v, err)
		}
	})

	t.Run("panic", func(t *testing.T) {
		l := virtual()
		loop.Spawn(l, body(func(co *loop.Co) (int, error) {
			co.Yield(loop.Pass())
			panic("in a task")
		}))
		if v := mustPanic(func() { l.Run() }); v != "in a task" {
			t.Errorf("panicked with %v", v)
		}
		if err := l.Run(); err != loop.ErrRunTwice {
			t.Errorf("Run after a panic: %v", err)
		}
	})
}

func TestMainCancelsTheRest(t *testing.T) {
	var tr tracer
	var worker *loop.Task[int]
	res, err := loop.Main(loop.NewVirtual(time.Unix(0, 0)), func(l *loop.Loop) loop.Coroutine[string] {
		return body(func(co *loop.Co) (string, error) {
			worker = loop.Spawn(l, body(func(co *loop.Co) (int, error) {
				defer func() { tr.printf("worker defer at %v", l.Elapsed()) }()
				for {
					co.Yield(loop.Sleep(time.Second))
					tr.printf("worker tick at %v", l.Elapsed())
				}
			}))
			co.Yield(loop.Sleep(2500 * time.Millisecond))
			return "done", nil
		})
	})
	if res != "done" || err != nil {
		t.Errorf("Main = %q, %v", res, err)
	}
	tr.check(t, "worker tick at 1s", "worker tick at 2s", "worker defer at 2.5s")
	if _, err := worker.Result(); err != loop.ErrCanceled {
		t.Errorf("worker: %v", err)
	}

	// A deadlock ends Main with the DeadlockError.
	_, err = loop.Main(nil, func(l *loop.Loop) loop.Coroutine[int] {
		return body(func(co *loop.Co) (int, error) {
			co.Yield(loop.NewQueue[int](l, 0).Get(nil))
			return 1, nil
		})
	})
	if !errors.Is(err, loop.ErrDeadlock) || !strings.Contains(err.Error(), "task 1 gets from an empty queue") {
		t.Errorf("Main = %v", err)
	}

	// Main's error, or else Run's.
	_, err = loop.Main(nil, func(l *loop.Loop) loop.Coroutine[int] {
		return body(func(co *loop.Co) (int, error) {
			loop.Spawn(l, body(func(co *loop.Co) (int, error) { return 0, errBoom }))
			co.Yield(loop.Pass())
			return 1, nil
		})
	})
	if !errors.Is(err, errBoom) {
		t.Errorf("Main = %v", err)
	}
}

// mustPanic runs f and returns what it panicked with, nil if it returned.
func mustPanic(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// handPasser is a hand-written task: it yields Pass n times and returns n.
type handPasser struct {
	n, i   int
	status coro.Status
	err    error
}

func (h *handPasser) Next() (loop.Request, bool) { return h.Send(struct{}{}) }
func (h *handPasser) Send(struct{}) (loop.Request, bool) {
	if h.status == coro.Done {
		return loop.Request{}, false
	}
	if h.i == h.n {
		h.status = coro.Done
		return loop.Request{}, false
	}
	h.i++
	h.status = coro.Suspended
	return loop.Pass(), true
}
func (h *handPasser) Throw(err error) (loop.Request, bool) {
	if h.status != coro.Done {
		h.status, h.err = coro.Done, err
	}
	return loop.Request{}, false
}
func (h *handPasser) Close() error        { h.status = coro.Done; return nil }
func (h *handPasser) Result() int         { return h.i }
func (h *handPasser) Err() error          { return h.err }
func (h *handPasser) Status() coro.Status { return h.status }
func (h *handPasser) All() iter.Seq[loop.Request] {
	return func(yield func(loop.Request) bool) {
		for v, ok := h.Next(); ok && yield(v); v, ok = h.Next() {
		}
	}
}

func TestHandWrittenTasks(t *testing.T) {
	l := virtual()
	var tasks []loop.Awaitable
	var hs []*loop.Task[int]
	for i := range 100 {
		h := loop.Spawn[int](l, &handPasser{n: i})
		hs = append(hs, h)
		tasks = append(tasks, h)
	}
	canceled := loop.Spawn[int](l, &handPasser{n: 10})
	var total int
	loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		co.Yield(loop.Pass())
		canceled.Cancel()
		co.Yield(loop.Gather(tasks...))
		for _, h := range hs {
			v, _ := h.Result()
			total += v
		}
		return 0, nil
	}))
	mustRun(t, l)
	if total != 99*100/2 {
		t.Errorf("total %d", total)
	}
	// It runs before the canceling task in each round: it had passed twice when Cancel came,
	// and was ready: the error was raised at that pending yield.
	if v, err := canceled.Result(); v != 2 || err != loop.ErrCanceled {
		t.Errorf("canceled: %v %v", v, err)
	}
}

func TestYieldFromInTasks(t *testing.T) {
	// await of a coroutine, not a task: coro.YieldFrom (reference implementation only until
	// the generator knows the marker). Sleep requests pass through two levels, and a Cancel
	// reaches the innermost coroutine first.
	l := virtual()
	var tr tracer
	inner := func(name string, d time.Duration) loop.Coroutine[string] {
		return body(func(co *loop.Co) (string, error) {
			defer func() { tr.printf("%s defer at %v", name, l.Elapsed()) }()
			co.Yield(loop.Sleep(d))
			return name + " slept " + d.String(), nil
		})
	}
	middle := func() loop.Coroutine[string] {
		return body(func(co *loop.Co) (string, error) {
			defer tr.printf("middle defer")
			a := coro.YieldFrom(co, inner("a", time.Second))
			b := coro.YieldFrom(co, inner("b", 2*time.Second))
			return a + ", " + b, nil
		})
	}
	outer := loop.Spawn(l, body(func(co *loop.Co) (string, error) {
		r := coro.YieldFrom(co, middle())
		tr.printf("outer got %q at %v", r, l.Elapsed())
		coro.YieldFrom(co, middle()) // canceled in a's sleep
		tr.printf("not reached")
		return r, nil
	}))
	loop.Spawn(l, body(func(co *loop.Co) (int, error) {
		co.Yield(loop.Sleep(3500 * time.Millisecond))
		outer.Cancel()
		return 0, nil
	}))
	mustRun(t, l)
	tr.check(t,
		"a defer at 1s", "b defer at 3s", "middle defer",
		`outer got "a slept 1s, b slept 2s" at 3s`,
		"a defer at 3.5s", "middle defer",
	)
	if _, err := outer.Result(); err != loop.ErrCanceled {
		t.Errorf("outer: %v", err)
	}
}

func TestRequestString(t *testing.T) {
	l := virtual()
	task := loop.Spawn(l, body(func(co *loop.Co) (int, error) { return 0, nil })).SetName("worker")
	q := loop.NewQueue[int](l, 1)
	f := loop.NewFuture[int](l)
	var nilTask *loop.Task[int]
	tests := []struct {
		req  loop.Request
		want string
	}{
		{loop.Request{}, "zero Request"},
		{loop.Pass(), "pass"},
		{loop.Sleep(time.Second), "sleep 1s"},
		{task.Await(), "await worker"},
		{f.Await(), "await a future"},
		{loop.Gather(task, f), "gather"},
		{q.Put(1), "puts to a full queue"},
		{q.Get(nil), "gets from an empty queue"},
		{nilTask.Await(), "bad request: an await of a nil *Task"},
	}
	for _, tt := range tests {
		if got := tt.req.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	if task.Done() || f.Done() {
		t.Errorf("done before Run")
	}
	f.Set(1)
	mustRun(t, l)
	if !task.Done() || !f.Done() {
		t.Errorf("not done after Run")
	}
}
