package main

import (
	"iter"
	"testing"

	coro "github.com/stackless-go/coro/runtime"
)

// The coroutines of the benchmark: a test file's, generated into bench_coro_test.go.

// count yields 0, 1, ..., n-1: an iterator for the loops below.
func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// counter is count as a generated coroutine.
//
//coro:gen
func counter(co *coro.Co[int, struct{}], n int) {
	for i := range n {
		co.Yield(i)
	}
}

// relaySeq yields what count yields, from inside a range over it: the loop pulls through
// iter.Pull.
//
//coro:gen
func relaySeq(co *coro.Co[int, struct{}], n int) {
	for v := range count(n) {
		co.Yield(v)
	}
}

// relayAll yields what a counter yields, from inside a range over its All(): the loop drives
// the counter with Next.
//
//coro:gen
func relayAll(co *coro.Co[int, struct{}], n int) {
	for v := range newCounterCoro(n).All() {
		co.Yield(v)
	}
}

// BenchmarkRelay: ns/op is per value relayed, by a range loop with a yield in it, over an
// iter.Seq (pulled) and over a generated coroutine's All() (driven directly).
func BenchmarkRelay(b *testing.B) {
	for _, bm := range []struct {
		name string
		make func(n int) coro.Coroutine[int, struct{}, struct{}]
	}{
		{"seq-pulled", func(n int) coro.Coroutine[int, struct{}, struct{}] { return newRelaySeqCoro(n) }},
		{"all-direct", func(n int) coro.Coroutine[int, struct{}, struct{}] { return newRelayAllCoro(n) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			c := bm.make(b.N)
			sum := 0
			for v := range c.All() {
				sum += v
			}
			if want := b.N * (b.N - 1) / 2; sum != want {
				b.Fatalf("sum %d, want %d", sum, want)
			}
		})
	}
}

// TestRelayAllAllocates: relaying a generated coroutine's values allocates at most the two
// machines and the list of loops the relay is inside, however many values go through.
func TestRelayAllAllocates(t *testing.T) {
	var allocs []float64
	for _, n := range []int{10, 1000} {
		allocs = append(allocs, testing.AllocsPerRun(100, func() {
			for range newRelayAllCoro(n).All() {
			}
		}))
	}
	if allocs[0] > 3 || allocs[1] != allocs[0] {
		t.Errorf("relaying 10 values: %v allocations, 1000 values: %v; want at most 3, the same for both", allocs[0], allocs[1])
	}
}

// BenchmarkPullStart: what starting and stopping a pulled range costs the machine, the
// coro.Pull of its first value and the stop when it leaves (the iterator's goroutine stack is
// not in B/op).
func BenchmarkPullStart(b *testing.B) {
	for b.Loop() {
		p := coro.Pull(count(1 << 30))
		p.Next()
		p.Close()
	}
}
