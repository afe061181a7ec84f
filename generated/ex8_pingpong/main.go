// Command ex8_pingpong is the seed's ping-pong: two coroutines hand a number back and forth,
// each adding one, until it reaches 100,000,000.
package main

import (
	"fmt"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// coroutine1 hands out a number and gets one back, forever (the seed's coroutine_1).
//
//coro:gen
func coroutine1(co *coro.Co[int, int]) {
	returnValue := 0
	for {
		inputValue := co.Yield(returnValue)
		returnValue = inputValue + 1
	}
}

// coroutine2 is the seed's coroutine_2, the same as coroutine_1.
//
//coro:gen
func coroutine2(co *coro.Co[int, int]) {
	returnValue := 0
	for {
		inputValue := co.Yield(returnValue)
		returnValue = inputValue + 1
	}
}

func main() {
	const n = 100_000_000
	retValue := 0
	c1 := newCoroutine1Coro()
	c2 := newCoroutine2Coro()
	c1.Next()
	c2.Next()
	for retValue < n {
		retValue, _ = c1.Send(retValue)
		retValue, _ = c2.Send(retValue)
	}
	fmt.Print("ret_value =")
	fmt.Println(retValue)
	fmt.Println("end of main")
}
