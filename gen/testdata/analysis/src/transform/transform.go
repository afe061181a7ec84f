// Package transform has bodies that check accepts and the transform rejects.
package transform

import (
	"iter"

	coro "github.com/stackless-go/coro/runtime"
)

// rangeFunc needs coro.Puller, which the stand-in runtime here does not have, as an older
// version of the runtime would not.
//
//coro:gen
func rangeFunc(co *coro.Co[int, struct{}], seq iter.Seq[int]) {
	for v := range seq { // want `this loop needs coro.Puller, which the version of github.com/stackless-go/coro/runtime in use does not have`
		co.Yield(v)
	}
}

//coro:gen
func localType(co *coro.Co[int, struct{}]) {
	type point struct{ x, y int }
	p := point{1, 2} // want `p lives across a yield, so it is a field of the generated type, but its type point is declared inside the function`
	co.Yield(p.x)
	co.Yield(p.y)
}

// fine is accepted: it is in the same file as the rejected ones, and gets no diagnostic.
//
//coro:gen
func fine(co *coro.Co[int, int], n int) (int, error) {
	sum := 0
	for i := range n {
		sum += co.Yield(i)
	}
	return sum, nil
}
