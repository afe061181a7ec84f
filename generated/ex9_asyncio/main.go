// Command ex9_asyncio is the seed's asyncio example: a main coroutine awaits two coroutines that
// each count to 50,000,000, on the event loop of package loop, and prints the sum.
//
// Python's `await coroutine_1(n)` is delegation: coro.YieldFrom(co, newCoroutine1Coro(n)) runs
// the sub-coroutine in place, its requests to the loop passing through, and gives its result.
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
//
//coro:gen
func asyncMain(co *coro.Co[loop.Request, struct{}], n int) {
	one := coro.YieldFrom(co, newCoroutine1Coro(n))
	two := coro.YieldFrom(co, newCoroutine2Coro(n))
	fmt.Print("ret_value=")
	fmt.Println(one + two)
	fmt.Println("end of main")
}

func main() {
	const n = 50_000_000
	// asyncio.run(main())
	_, err := loop.Main(nil, func(l *loop.Loop) loop.Coroutine[struct{}] {
		return newAsyncMainCoro(n)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
