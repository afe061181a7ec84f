// Command ex2_send_range_close is the seed's ex2_send_range_close: it sends 0 to 19 into a
// coroutine that prints them on one line, then closes it.
package main

import (
	"fmt"
	"log"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// numberCoroutine is the seed's number_coroutine: it waits for a number and prints it followed
// by a space, forever.
//
//coro:gen
func numberCoroutine(co *coro.Co[struct{}, int]) {
	for {
		x := co.Yield(struct{}{})
		fmt.Printf("%v ", x)
	}
}

func main() {
	co := newNumberCoroutineCoro()
	co.Next()
	for i := range 20 {
		co.Send(i)
	}
	if err := co.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Println()
}
