// Command ex5_greeting_accumulates is the seed's ex5_greeting_accumulates: a coroutine appends
// every text it is sent to its greeting and yields the greeting, so the greeting keeps growing.
package main

import (
	"fmt"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// coroutineTest is the seed's coroutine_test: it yields its greeting, prints the text it gets
// back and appends it to the greeting, forever.
//
//coro:gen
func coroutineTest(co *coro.Co[string, string]) {
	greeting := "good"
	for {
		text := co.Yield(greeting)
		fmt.Print("text= ")
		fmt.Println(text)
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
