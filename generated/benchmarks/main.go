// Command benchmarks is the benchmark suite of issue 7: the seed's ping-pong, a generator, the
// memory of a suspended coroutine and the generator's own speed, every way Go can do them, in one
// package so that all run in one process and compare as ratios.
//
//	go test -run '^$' -bench . -benchmem -count 3 ./generated/benchmarks | tee bench.txt
//	go run ./generated/benchmarks/chart < bench.txt > bench.svg      # the chart
//	go run ./generated/benchmarks/chart -md < bench.txt               # the table, with the targets
//
// Run as a command, it times the seed's 100M ping-pong once each way and prints a table.
package main

import (
	"flag"
	"fmt"
	"iter"
	"os"
	"text/tabwriter"
	"time"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// adder1 is the seed's coroutine_1: it hands out a number and gets one back, plus one.
//
//coro:gen
func adder1(co *coro.Co[int, int]) {
	ret := 0
	for {
		in := co.Yield(ret)
		ret = in + 1
	}
}

// adder2 is the seed's coroutine_2, the same as coroutine_1.
//
//coro:gen
func adder2(co *coro.Co[int, int]) {
	ret := 0
	for {
		in := co.Yield(ret)
		ret = in + 1
	}
}

// fib yields the first n Fibonacci numbers (they wrap around past 92; the benchmarks only add
// them up).
//
//coro:gen
func fib(co *coro.Co[int, struct{}], n int) {
	a, b := 0, 1
	for i := 0; i < n; i++ {
		co.Yield(a)
		a, b = b, a+b
	}
}

// fibTwice yields fib(n)'s numbers twice, through two delegated calls of fib: fib's machine is
// a field of fibTwice's (fib does not call fibTwice), so running it allocates nothing.
//
//coro:gen
func fibTwice(co *coro.Co[int, struct{}], n int) {
	for range 2 {
		fib(co, n)
	}
}

// node is a node of a binary search tree, walked by the tree-walk benchmarks.
type node struct {
	left, right *node
	val         int
}

// balanced builds the balanced tree of the values lo..hi-1.
func balanced(lo, hi int) *node {
	if lo >= hi {
		return nil
	}
	mid := (lo + hi) / 2
	return &node{left: balanced(lo, mid), right: balanced(mid+1, hi), val: mid}
}

// walk yields the values of t in order, recursing into both subtrees with delegated calls, as
// Python's yield from does: the machines of the calls under way are one per level of the tree,
// each made over for the next call at its level.
//
//coro:gen
func walk(co *coro.Co[int, struct{}], t *node) {
	if t == nil {
		return
	}
	walk(co, t.left)
	co.Yield(t.val)
	walk(co, t.right)
}

// walkSeq is walk written by hand as a push iterator.
func walkSeq(t *node) iter.Seq[int] {
	return func(yield func(int) bool) { t.push(yield) }
}

func (t *node) push(yield func(int) bool) bool {
	return t == nil || t.left.push(yield) && yield(t.val) && t.right.push(yield)
}

// fibSeq is fib written by hand as a push iterator: what a Go programmer writes today.
func fibSeq(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for i := 0; i < n; i++ {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

// The ping-pong drivers below all run the seed's main loop: hand the number back and forth,
// each side adding one, until it reaches n; that is n switches, n/2 round trips. Each returns
// the number it reached.

// pingPongGenerated drives the machines coro generates from adder1 and adder2.
func pingPongGenerated(n int) int {
	c1, c2 := newAdder1Coro(), newAdder2Coro()
	c1.Next()
	c2.Next()
	v := 0
	for v < n {
		v, _ = c1.Send(v)
		v, _ = c2.Send(v)
	}
	return v
}

// handAdder is the machine a person would write for the seed's coroutine: a pc and nothing else.
type handAdder struct{ pc uint8 }

// Send resumes the machine with in; the first call starts it and drops in.
func (h *handAdder) Send(in int) (int, bool) {
	switch h.pc {
	case 0:
		h.pc = 1
		return 0, true
	case 1:
		return in + 1, true
	}
	return 0, false
}

// pingPongHand drives two hand-written machines.
func pingPongHand(n int) int {
	c1, c2 := &handAdder{}, &handAdder{}
	c1.Send(0)
	c2.Send(0)
	v := 0
	for v < n {
		v, _ = c1.Send(v)
		v, _ = c2.Send(v)
	}
	return v
}

// pingPongPlain is the arithmetic with no coroutine at all: the limit.
func pingPongPlain(n int) int {
	v := 0
	for v < n {
		v = v + 1
		v = v + 1
	}
	return v
}

// pullAdder is the seed's coroutine through iter.Pull: the value sent comes through *in, since
// Pull has no send.
func pullAdder(in *int) (func() (int, bool), func()) {
	return iter.Pull(func(yield func(int) bool) {
		ret := 0
		for yield(ret) {
			ret = *in + 1
		}
	})
}

// pingPongPull drives two iter.Pull coroutines (a stack switch of the Go runtime each).
func pingPongPull(n int) int {
	var in1, in2 int
	next1, stop1 := pullAdder(&in1)
	next2, stop2 := pullAdder(&in2)
	defer stop1()
	defer stop2()
	next1()
	next2()
	v := 0
	for v < n {
		in1 = v
		v, _ = next1()
		in2 = v
		v, _ = next2()
	}
	return v
}

// chanAdder is the seed's coroutine on a goroutine with unbuffered channels: it sends 0, then
// answers every number it receives with that number plus one, until in is closed.
func chanAdder(in <-chan int, out chan<- int) {
	ret := 0
	out <- ret
	for v := range in {
		out <- v + 1
	}
	close(out)
}

// pingPongChan drives two goroutines through unbuffered channels, and ends them.
func pingPongChan(n int) int {
	in1, out1 := make(chan int), make(chan int)
	in2, out2 := make(chan int), make(chan int)
	go chanAdder(in1, out1)
	go chanAdder(in2, out2)
	<-out1
	<-out2
	v := 0
	for v < n {
		in1 <- v
		v = <-out1
		in2 <- v
		v = <-out2
	}
	close(in1)
	close(in2)
	for range out1 {
	}
	for range out2 {
	}
	return v
}

// asBody turns a //coro:gen function into a body for coro.New: the same source, unmodified.
func asBody[Y, S any](f func(*coro.Co[Y, S])) func(*coro.Co[Y, S]) (struct{}, error) {
	return func(co *coro.Co[Y, S]) (struct{}, error) {
		f(co)
		return struct{}{}, nil
	}
}

// pingPongReference runs adder1 and adder2 unmodified with coro.New, the goroutine-based
// reference.
func pingPongReference(n int) int {
	c1, c2 := coro.New(asBody(adder1)), coro.New(asBody(adder2))
	defer c1.Close()
	defer c2.Close()
	c1.Next()
	c2.Next()
	v := 0
	for v < n {
		v, _ = c1.Send(v)
		v, _ = c2.Send(v)
	}
	return v
}

// pingPongs are the ping-pong implementations, in the order of the benchmarks and the table.
var pingPongs = []struct {
	name string
	run  func(n int) int
}{
	{"generated", pingPongGenerated},
	{"handwritten", pingPongHand},
	{"plainloop", pingPongPlain},
	{"iterpull", pingPongPull},
	{"goroutinechan", pingPongChan},
	{"coronew", pingPongReference},
}

func main() {
	n := flag.Int("n", 100_000_000, "switches of the ping-pong (the seed's 100M)")
	flag.Parse()
	fmt.Printf("the seed's ping-pong to %d, once each way (for ratios, use go test -bench)\n\n", *n)
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "implementation\tseconds\tns/switch\tvs generated\t")
	var base time.Duration
	for _, p := range pingPongs {
		start := time.Now()
		v := p.run(*n)
		d := time.Since(start)
		if v < *n {
			panic(fmt.Sprintf("%s reached %d, want %d", p.name, v, *n))
		}
		if base == 0 {
			base = d
		}
		fmt.Fprintf(w, "%s\t%.3f\t%.2f\t%.1fx\t\n", p.name, d.Seconds(),
			float64(d.Nanoseconds())/float64(*n), float64(d)/float64(base))
	}
	w.Flush()
}
