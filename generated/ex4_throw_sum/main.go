// Command ex4_throw_sum is the seed's ex4_throw_sum: a coroutine adds up the numbers it is sent
// until an error is thrown into it; it then prints the error and yields the total, which Throw
// returns.
package main

import (
	"errors"
	"fmt"
	"log"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// runtimeError stands for Python's RuntimeError, the only exception sumCoroutine catches.
type runtimeError struct{ msg string }

func (e *runtimeError) Error() string { return e.msg }

// sumCoroutine is the seed's sum_coroutine: it adds up what it is sent; a *runtimeError thrown
// in (Python's `except RuntimeError as e`) makes it print the error and yield the total. Any
// other error ends it, as another exception would propagate out of the Python generator.
//
//coro:gen
func sumCoroutine(co *coro.Co[int, int]) error {
	total := 0
	for {
		x, err := co.YieldErr(0)
		if e, ok := errors.AsType[*runtimeError](err); ok {
			fmt.Println(e)
			co.Yield(total)
			return nil
		}
		if err != nil {
			return err
		}
		total += x
	}
}

func main() {
	co := newSumCoroutineCoro()
	co.Next()
	for i := range 20 {
		co.Send(i)
	}
	total, ok := co.Throw(&runtimeError{"예외로 코루틴 끝내기"})
	if !ok {
		log.Fatalf("sumCoroutine ended instead of yielding its total: %v", co.Err())
	}
	fmt.Println(total)
}
