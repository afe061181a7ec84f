// Command ex1_number_coroutine is the seed's ex1_number_coroutine: a coroutine that receives
// numbers with send and prints each one.
package main

import (
	"fmt"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// numberCoroutine is the seed's number_coroutine: it waits for a number and prints it, forever.
//
//coro:gen
func numberCoroutine(co *coro.Co[struct{}, int]) {
	for {
		x := co.Yield(struct{}{})
		fmt.Println(x)
	}
}

func main() {
	co := newNumberCoroutineCoro()
	co.Next()
	co.Send(1)
	co.Send(2)
	co.Send(3)
}
