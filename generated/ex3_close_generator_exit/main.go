// Command ex3_close_generator_exit is the seed's ex3_close_generator_exit: closing a coroutine
// raises GeneratorExit at its pending yield, which the coroutine catches to say goodbye. Here
// co.YieldErr returns coro.ErrClosed instead.
package main

import (
	"errors"
	"fmt"
	"log"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// numberCoroutine is the seed's number_coroutine with `except GeneratorExit`: it prints the
// numbers it is sent on one line and, when it is closed, ends the line and prints a farewell.
// Any other error thrown in ends it, as an exception other than GeneratorExit would in Python.
//
//coro:gen
func numberCoroutine(co *coro.Co[struct{}, int]) error {
	for {
		x, err := co.YieldErr(struct{}{})
		if errors.Is(err, coro.ErrClosed) {
			fmt.Println()
			fmt.Println("코루틴 종료")
			return nil
		}
		if err != nil {
			return err
		}
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
}
