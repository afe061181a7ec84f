// Command ex6_greeting_fixed_print is the seed's ex6_greeting_fixed_print: a coroutine prints
// its greeting followed by each text it is sent; the greeting itself never changes.
package main

import (
	"fmt"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// coroutineTest is the seed's coroutine_test: it yields its greeting and prints the greeting
// followed by the text it gets back, forever.
//
//coro:gen
func coroutineTest(co *coro.Co[string, string]) {
	greeting := "good"
	for {
		text := co.Yield(greeting)
		fmt.Println(greeting + text)
	}
}

func main() {
	cr := newCoroutineTestCoro()
	cr.Next()
	fmt.Println("send 1")
	cr.Send("morning")
	fmt.Println("send 2")
	cr.Send("afternoon")
	fmt.Println("send 3")
	cr.Send("evening")
}
