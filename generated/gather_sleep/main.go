// Command gather_sleep runs three tasks that sleep for different periods under one gather, and
// prints how they interleave (asyncio.gather of asyncio.sleep). The loop runs on a virtual
// clock, so it finishes at once and prints the same every time; -real runs it in real time.
//
// Ties are broken in the order the sleeps were started: at 600ms "medium" (asleep since 0s) wakes
// before "fast" (asleep since 300ms).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	coro "github.com/stackless-go/coro/runtime"
	"github.com/stackless-go/coro/runtime/loop"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// worker wakes every period, times times, and returns a summary.
//
//coro:gen
func worker(co *coro.Co[loop.Request, struct{}], l *loop.Loop, name string, period time.Duration, times int) string {
	for i := 1; i <= times; i++ {
		fmt.Printf("%7v  %-6s tick %d, sleeps %v\n", now(l), name, i, period)
		co.Yield(loop.Sleep(period))
	}
	fmt.Printf("%7v  %-6s done\n", now(l), name)
	return fmt.Sprintf("%s: %d ticks of %v, done at %v", name, times, period, now(l))
}

// gatherMain starts the workers and gathers them.
//
//coro:gen
func gatherMain(co *coro.Co[loop.Request, struct{}], l *loop.Loop) error {
	fast := loop.Spawn(l, newWorkerCoro(l, "fast", 300*time.Millisecond, 4))
	medium := loop.Spawn(l, newWorkerCoro(l, "medium", 600*time.Millisecond, 3))
	slow := loop.Spawn(l, newWorkerCoro(l, "slow", 700*time.Millisecond, 2))
	fmt.Println("gather(fast, medium, slow)")
	co.Yield(loop.Gather(fast, medium, slow))
	fmt.Printf("%7v  gathered:\n", now(l))
	tasks := []*loop.Task[string]{fast, medium, slow}
	for _, t := range tasks {
		r, err := t.Result()
		if err != nil {
			return err
		}
		fmt.Println("  " + r)
	}
	return nil
}

// now is the loop's time since it started, to the 10ms (real time is not exact).
func now(l *loop.Loop) time.Duration { return l.Elapsed().Round(10 * time.Millisecond) }

func main() {
	real := flag.Bool("real", false, "sleep in real time instead of on a virtual clock")
	flag.Parse()
	var clock loop.Clock = loop.NewVirtual(time.Time{})
	if *real {
		clock = loop.Real()
	}
	start := time.Now()
	if _, err := loop.Main(clock, func(l *loop.Loop) loop.Coroutine[struct{}] {
		return newGatherMainCoro(l)
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "(real time: %v)\n", time.Since(start).Round(time.Millisecond))
}
