package coro_test

import (
	"errors"
	"fmt"

	coro "github.com/stackless-go/coro/runtime"
)

// The examples run their bodies with coro.New, the reference implementation, whose methods they
// show. The same body in a //coro:gen function (in a test file too) becomes a state machine with
// the same methods and the same behaviour: replace coro.New(func(co ...) {...}) with the
// generated constructor.

// A generator: the body yields values, and the caller pulls them with Next until it returns
// false (Python: next(g) until StopIteration).
func ExampleNew() {
	countdown := coro.New(func(co *coro.Co[int, struct{}]) (string, error) {
		for i := 3; i > 0; i-- {
			co.Yield(i)
		}
		return "liftoff", nil
	})
	fmt.Println(countdown.Status())
	for {
		v, ok := countdown.Next()
		if !ok {
			break
		}
		fmt.Println(v)
	}
	fmt.Println(countdown.Status(), countdown.Result())
	// Output:
	// created
	// 3
	// 2
	// 1
	// done liftoff
}

// All ranges over the yields (Python: for x in g). Leaving the loop early closes the coroutine,
// so its pending defers run.
func ExampleRef_All() {
	fib := coro.New(func(co *coro.Co[int, struct{}]) (struct{}, error) {
		defer fmt.Println("fib: closed")
		a, b := 0, 1
		for {
			co.Yield(a)
			a, b = b, a+b
		}
	})
	var got []int
	for v := range fib.All() {
		if v > 20 {
			break
		}
		got = append(got, v)
	}
	fmt.Println(got, fib.Status())
	// Output:
	// fib: closed
	// [0 1 1 2 3 5 8 13] done
}

// Send resumes the body with a value: Yield returns it (Python: x = yield v, and g.send(x)). The
// first Next runs the body to its first yield.
func ExampleRef_Send() {
	averager := coro.New(func(co *coro.Co[float64, float64]) (struct{}, error) {
		sum, n, avg := 0.0, 0, 0.0
		for {
			x := co.Yield(avg)
			sum += x
			n++
			avg = sum / float64(n)
		}
	})
	averager.Next()
	for _, x := range []float64{10, 20, 60} {
		avg, _ := averager.Send(x)
		fmt.Println("average:", avg)
	}
	fmt.Println(averager.Close(), averager.Status())
	// Output:
	// average: 10
	// average: 15
	// average: 30
	// <nil> done
}

// Throw raises an error at the pending yield. At a plain Yield the body unwinds, running its
// deferred calls, and the coroutine ends with that error: Go has no exceptions, so the error is
// reported by Err, not returned by Throw.
func ExampleRef_Throw() {
	errStop := errors.New("stop")
	g := coro.New(func(co *coro.Co[int, struct{}]) (struct{}, error) {
		defer fmt.Println("deferred call runs as the body unwinds")
		for i := 1; ; i++ {
			co.Yield(i)
		}
	})
	fmt.Println(g.Next())
	fmt.Println(g.Throw(errStop))
	fmt.Println(g.Status(), g.Err())
	// Output:
	// 1 true
	// deferred call runs as the body unwinds
	// 0 false
	// done stop
}

// At YieldErr the body receives the thrown error as a value and goes on as it likes (Python:
// try: x = yield v / except E). Here it resets its total and yields again, which is what Throw
// returns.
func ExampleRef_Throw_yieldErr() {
	errReset := errors.New("reset")
	total := coro.New(func(co *coro.Co[int, int]) (struct{}, error) {
		sum := 0
		for {
			x, err := co.YieldErr(sum)
			switch {
			case errors.Is(err, coro.ErrClosed):
				return struct{}{}, nil // being closed: return
			case err != nil:
				fmt.Println("caught:", err)
				sum = 0
			default:
				sum += x
			}
		}
	})
	total.Next()
	total.Send(5)
	fmt.Println(total.Send(7))
	fmt.Println(total.Throw(errReset))
	fmt.Println(total.Send(1))
	fmt.Println(total.Close(), total.Status(), total.Err())
	// Output:
	// 12 true
	// caught: reset
	// 0 true
	// 1 true
	// <nil> done <nil>
}

// Close ends a suspended coroutine (Python: g.close()). A body at YieldErr receives
// coro.ErrClosed (Python's GeneratorExit) and must return; at a plain Yield it unwinds, running
// its deferred calls. Closing again does nothing.
func ExampleRef_Close() {
	lines := coro.New(func(co *coro.Co[string, struct{}]) (struct{}, error) {
		for _, s := range []string{"one", "two", "three"} {
			if _, err := co.YieldErr(s); err != nil {
				fmt.Println("body sees:", err)
				return struct{}{}, nil
			}
		}
		return struct{}{}, nil
	})
	fmt.Println(lines.Next())
	fmt.Println(lines.Close(), lines.Status())
	fmt.Println(lines.Close())
	// Output:
	// one true
	// body sees: coro: coroutine closed
	// <nil> done
	// <nil>
}

// A body that yields again after it received coro.ErrClosed ignores the close: Close reports
// coro.ErrIgnoredClose (Python's RuntimeError: generator ignored GeneratorExit), and the
// coroutine is done all the same.
func ExampleRef_Close_ignored() {
	stubborn := coro.New(func(co *coro.Co[int, struct{}]) (struct{}, error) {
		for {
			if _, err := co.YieldErr(1); err != nil {
				fmt.Println("body sees:", err)
			}
		}
	})
	stubborn.Next()
	err := stubborn.Close()
	fmt.Println(err, errors.Is(err, coro.ErrIgnoredClose), stubborn.Status())
	// Output:
	// body sees: coro: coroutine closed
	// coro: coroutine ignored close true done
}

// YieldFrom delegates to a sub-coroutine (Python: r = yield from sub, or await sub): the sub's
// yields pass out, the values sent in pass on to it, and its result is the value of YieldFrom.
func ExampleYieldFrom() {
	// pair yields two prompts and returns the sum of the two values it is sent.
	pair := func(name string) *coro.Ref[string, int, int] {
		return coro.New(func(co *coro.Co[string, int]) (int, error) {
			a := co.Yield(name + ": first?")
			b := co.Yield(name + ": second?")
			return a + b, nil
		})
	}
	outer := coro.New(func(co *coro.Co[string, int]) (int, error) {
		x := coro.YieldFrom(co, pair("left"))
		y := coro.YieldFrom(co, pair("right"))
		fmt.Println("left gave", x, "and right gave", y)
		return x + y, nil
	})
	prompt, ok := outer.Next()
	for i := 1; ok; i++ {
		fmt.Println(prompt, i)
		prompt, ok = outer.Send(i)
	}
	fmt.Println("result:", outer.Result())
	// Output:
	// left: first? 1
	// left: second? 2
	// right: first? 3
	// right: second? 4
	// left gave 3 and right gave 7
	// result: 10
}
