// Command ex8_pingpong is the seed's ping-pong: two coroutines hand a number back and forth,
// each adding one, until it reaches 100,000,000.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"time"

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

// seedPython is the seed's ex8, to time CPython on the same machine (-python).
const seedPython = `
def coroutine_1():
    return_value = 0
    while True:
        input_value = (yield return_value)
        return_value = input_value + 1

def coroutine_2():
    return_value = 0
    while True:
        input_value = (yield return_value)
        return_value = input_value + 1

ret_value = 0
c1 = coroutine_1()
c2 = coroutine_2()
next(c1)
next(c2)
while ret_value < 100000000:
    ret_value = c1.send(ret_value)
    ret_value = c2.send(ret_value)
print("ret_value =", end=""), print(ret_value)
print("end of main")
`

func main() {
	timed := flag.Bool("time", false, "print how long the ping-pong took")
	python := flag.Bool("python", false, "print the time, and run the seed's Python ping-pong with python3 to print its time too")
	flag.Parse()

	start := time.Now()
	pingPong()
	elapsed := time.Since(start)
	if !*timed && !*python {
		return
	}
	fmt.Fprintf(os.Stderr, "go (generated machines): %.3f s\n", elapsed.Seconds())
	if *python {
		cmd := exec.Command("python3", "-c", seedPython)
		cmd.Stdout = os.Stdout
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "python3:", err)
			os.Exit(1)
		}
		py := time.Since(start)
		fmt.Fprintf(os.Stderr, "python3 (the seed): %.3f s, %.0fx the generated machines\n", py.Seconds(), py.Seconds()/elapsed.Seconds())
	}
}

// pingPong is the seed's main loop.
func pingPong() {
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
