package loop_test

import (
	"fmt"
	"time"

	coro "github.com/stackless-go/coro/runtime"
	"github.com/stackless-go/coro/runtime/loop"
)

// Python's asyncio.run of a main that gathers two sleepers. The tasks here are coro.New bodies,
// closures over the loop; //coro:gen functions with the same bodies and a parameter
// co *coro.Co[loop.Request, struct{}] become tasks the same way. The virtual clock jumps to the
// next timer at once, so the example takes no real time and prints the same every run.
func Example() {
	// sleeper is asyncio's `async def sleeper(name, d): await asyncio.sleep(d); return ...`.
	sleeper := func(l *loop.Loop, name string, d time.Duration) loop.Coroutine[string] {
		return coro.New(func(co *loop.Co) (string, error) {
			fmt.Println(l.Elapsed(), name, "sleeps", d)
			co.Yield(loop.Sleep(d))
			fmt.Println(l.Elapsed(), name, "wakes")
			return name + " done", nil
		})
	}
	result, err := loop.Main(loop.NewVirtual(time.Unix(0, 0)), func(l *loop.Loop) loop.Coroutine[[]string] {
		return coro.New(func(co *loop.Co) ([]string, error) {
			a := loop.Spawn(l, sleeper(l, "a", 2*time.Second))
			b := loop.Spawn(l, sleeper(l, "b", time.Second))
			co.Yield(loop.Gather(a, b)) // await asyncio.gather(a, b)
			ra, _ := a.Result()
			rb, _ := b.Result()
			fmt.Println(l.Elapsed(), "gathered")
			return []string{ra, rb}, nil
		})
	})
	fmt.Println(result, err)
	// Output:
	// 0s a sleeps 2s
	// 0s b sleeps 1s
	// 1s b wakes
	// 2s a wakes
	// 2s gathered
	// [a done b done] <nil>
}

// A producer and a consumer talk through a queue (asyncio.Queue): Put waits while the queue is
// full, Get while it is empty.
func ExampleQueue() {
	l := loop.New(loop.NewVirtual(time.Unix(0, 0)))
	q := loop.NewQueue[int](l, 1)
	loop.Spawn(l, coro.New(func(co *loop.Co) (struct{}, error) {
		for i := 1; i <= 3; i++ {
			co.Yield(q.Put(i))
			fmt.Println("put", i)
		}
		co.Yield(q.Put(0)) // no more
		return struct{}{}, nil
	}))
	loop.Spawn(l, coro.New(func(co *loop.Co) (struct{}, error) {
		for {
			var v int
			co.Yield(q.Get(&v))
			if v == 0 {
				return struct{}{}, nil
			}
			fmt.Println("got", v)
			co.Yield(loop.Sleep(time.Second))
		}
	}))
	fmt.Println(l.Run(), l.Elapsed())
	// Output:
	// put 1
	// got 1
	// put 2
	// got 2
	// put 3
	// got 3
	// <nil> 3s
}
