// Package coro stands in for the runtime of coro in the analyzer's tests: the markers and the
// Coroutine interface, with no protocol behind them.
package coro

import "iter"

// Co is the handle of a coroutine body.
type Co[Y, S any] struct{}

// Yield suspends the coroutine.
func (co *Co[Y, S]) Yield(v Y) S {
	var s S
	return s
}

// YieldErr suspends the coroutine and receives a thrown error.
func (co *Co[Y, S]) YieldErr(v Y) (S, error) {
	var s S
	return s, nil
}

// Status is the state of a coroutine.
type Status uint8

// Coroutine is what a generated machine implements.
type Coroutine[Y, S, R any] interface {
	Next() (Y, bool)
	Send(v S) (Y, bool)
	Throw(err error) (Y, bool)
	Close() error
	Result() R
	Err() error
	Status() Status
	All() iter.Seq[Y]
}

// YieldFrom delegates to sub.
func YieldFrom[Y, S, R any](co *Co[Y, S], sub Coroutine[Y, S, R]) R {
	var r R
	return r
}
