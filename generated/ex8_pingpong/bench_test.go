package main

import (
	"iter"
	"testing"

	coro "github.com/stackless-go/coro/runtime"
)

// The seed's ping-pong, b.N round trips (two switches each), every way Go can do it. Compare the
// figures as ratios within one run: go test -bench . -benchmem -count 5 ./generated/ex8_pingpong

// BenchmarkGenerated: the machines coro generates from coroutine1 and coroutine2.
func BenchmarkGenerated(b *testing.B) {
	c1, c2 := newCoroutine1Coro(), newCoroutine2Coro()
	c1.Next()
	c2.Next()
	v := 0
	for b.Loop() {
		v, _ = c1.Send(v)
		v, _ = c2.Send(v)
	}
	sink = v
}

// handAdder is the machine a person would write for the seed's coroutine: a pc and nothing else.
type handAdder struct{ pc uint8 }

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

// BenchmarkHandWritten: the same logic written by hand as a state machine.
func BenchmarkHandWritten(b *testing.B) {
	c1, c2 := &handAdder{}, &handAdder{}
	c1.Send(0)
	c2.Send(0)
	v := 0
	for b.Loop() {
		v, _ = c1.Send(v)
		v, _ = c2.Send(v)
	}
	sink = v
}

// BenchmarkPlainLoop: the arithmetic with no coroutine at all, the limit.
func BenchmarkPlainLoop(b *testing.B) {
	v := 0
	for b.Loop() {
		v = v + 1
		v = v + 1
	}
	sink = v
}

// pullAdder is the seed's coroutine as an iter.Pull: the value sent comes through a shared
// variable, since Pull has no send.
func pullAdder(in *int) (func() (int, bool), func()) {
	return iter.Pull(func(yield func(int) bool) {
		ret := 0
		for yield(ret) {
			ret = *in + 1
		}
	})
}

// BenchmarkIterPull: iter.Pull, a coroutine switch of the Go runtime.
func BenchmarkIterPull(b *testing.B) {
	var in1, in2 int
	next1, stop1 := pullAdder(&in1)
	next2, stop2 := pullAdder(&in2)
	defer stop1()
	defer stop2()
	next1()
	next2()
	v := 0
	for b.Loop() {
		in1 = v
		v, _ = next1()
		in2 = v
		v, _ = next2()
	}
	sink = v
}

// chanAdder runs the seed's coroutine on a goroutine with unbuffered channels.
func chanAdder(done chan struct{}) (chan<- int, <-chan int) {
	in, out := make(chan int), make(chan int)
	go func() {
		ret := 0
		for {
			select {
			case out <- ret:
			case <-done:
				return
			}
			select {
			case v := <-in:
				ret = v + 1
			case <-done:
				return
			}
		}
	}()
	return in, out
}

// BenchmarkGoroutineChannel: a goroutine and unbuffered channels.
func BenchmarkGoroutineChannel(b *testing.B) {
	done := make(chan struct{})
	defer close(done)
	in1, out1 := chanAdder(done)
	in2, out2 := chanAdder(done)
	<-out1
	<-out2
	v := 0
	for b.Loop() {
		in1 <- v
		v = <-out1
		in2 <- v
		v = <-out2
	}
	sink = v
}

// BenchmarkReference: the same source body run by coro.New, the goroutine-based reference.
func BenchmarkReference(b *testing.B) {
	body := func(co *coro.Co[int, int]) (struct{}, error) {
		coroutine1(co)
		return struct{}{}, nil
	}
	c1, c2 := coro.New(body), coro.New(body)
	defer c1.Close()
	defer c2.Close()
	c1.Next()
	c2.Next()
	v := 0
	for b.Loop() {
		v, _ = c1.Send(v)
		v, _ = c2.Send(v)
	}
	sink = v
}

var sink int

// TestGeneratedAllocatesNothing: resuming the generated machines allocates nothing.
func TestGeneratedAllocatesNothing(t *testing.T) {
	c1, c2 := newCoroutine1Coro(), newCoroutine2Coro()
	c1.Next()
	c2.Next()
	v := 0
	allocs := testing.AllocsPerRun(1000, func() {
		v, _ = c1.Send(v)
		v, _ = c2.Send(v)
	})
	if allocs != 0 {
		t.Errorf("a round trip allocates %v times, want 0", allocs)
	}
	sink = v
}
