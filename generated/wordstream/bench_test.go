package main

import (
	"testing"

	coro "github.com/stackless-go/coro/runtime"
)

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
