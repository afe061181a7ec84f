// Command ex9_asyncio is the seed's asyncio example: a main coroutine awaits two coroutines that
// each count to 50,000,000, on the event loop of package loop, and prints the sum.
//
// Python awaits the coroutines themselves (await coroutine_1(n)); until the generator knows
// coro.YieldFrom, the generated main spawns each as a task and awaits the task, which prints the
// same. With delegation it becomes, as in Python:
//
//	one := coro.YieldFrom(co, newCoroutine1Coro(n))
package main

import (
	"fmt"
	"os"

	coro "github.com/stackless-go/coro/runtime"
	"github.com/stackless-go/coro/runtime/loop"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// coroutine1 is the seed's coroutine_1: it counts to num and returns it, without ever waiting.
//
//coro:gen
func coroutine1(co *coro.Co[loop.Request, struct{}], num int) int {
	resultValue := 0
	for resultValue < num {
		resultValue++
	}
	return resultValue
}

// coroutine2 is the seed's coroutine_2, the same as coroutine_1.
//
//coro:gen
func coroutine2(co *coro.Co[loop.Request, struct{}], num int) int {
	resultValue := 0
	for resultValue < num {
		resultValue++
	}
	return resultValue
}

// asyncMain is the seed's main: it awaits one coroutine, then the other, and prints the sum.
// (An awaited task's error would unwind asyncMain at the yield; Result reports it too.)
//
//coro:gen
func asyncMain(co *coro.Co[loop.Request, struct{}], l *loop.Loop, n int) error {
	t1 := loop.Spawn(l, newCoroutine1Coro(n))
	co.Yield(t1.Await())
	one, err := t1.Result()
	if err != nil {
		return err
	}
	t2 := loop.Spawn(l, newCoroutine2Coro(n))
	co.Yield(t2.Await())
	two, err := t2.Result()
	if err != nil {
		return err
	}
	fmt.Print("ret_value=")
	fmt.Println(one + two)
	fmt.Println("end of main")
	return nil
}

func main() {
	const n = 50_000_000
	// asyncio.run(main())
	_, err := loop.Main(nil, func(l *loop.Loop) loop.Coroutine[struct{}] {
		return newAsyncMainCoro(l, n)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
