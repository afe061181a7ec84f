// Command ex7_greeting_fixed_reset is the seed's ex7_greeting_fixed_reset: a coroutine resets
// its greeting to "good" before appending each text it is sent, so the greeting does not grow.
package main

import (
	"fmt"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// coroutineTest is the seed's coroutine_test: it yields its greeting, prints the text it gets
// back, and makes the greeting "good" followed by that text, forever.
//
//coro:gen
func coroutineTest(co *coro.Co[string, string]) {
	greeting := "good"
	for {
		text := co.Yield(greeting)
		fmt.Print("text = ")
		fmt.Println(text)
		greeting = "good"
		greeting += text
	}
}

func main() {
	cr := newCoroutineTestCoro()
	cr.Next()
	fmt.Println("send 1")
	v, _ := cr.Send("morning")
	fmt.Println(v)
	fmt.Println("send 2")
	v, _ = cr.Send("afternoon")
	fmt.Println(v)
	fmt.Println("send 3")
	v, _ = cr.Send("evening")
	fmt.Println(v)
}
