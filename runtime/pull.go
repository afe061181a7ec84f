package coro

import (
	"iter"
	"maps"
)

// Puller pulls the values of an iterator one by one, for a range over a function whose loop
// body yields: the body cannot run inside the iterator's call, since the coroutine suspends at
// the yield, so the machine asks for each value. It is exported for generated code.
type Puller[V any] struct {
	next func() (V, bool)
	stop func()
}

// Pull starts pulling the values of seq (see iter.Pull).
func Pull[F ~func(func(V) bool), V any](seq F) *Puller[V] {
	next, stop := iter.Pull(iter.Seq[V](seq))
	return &Puller[V]{next, stop}
}

// Next is the next value; false once the iterator has returned.
func (p *Puller[V]) Next() (V, bool) { return p.next() }

// Close stops the iterator: its yield returns false.
func (p *Puller[V]) Close() error {
	p.stop()
	return nil
}

// Puller2 is Puller for an iterator of pairs.
type Puller2[K, V any] struct {
	next func() (K, V, bool)
	stop func()
}

// Pull2 starts pulling the pairs of seq (see iter.Pull2).
func Pull2[F ~func(func(K, V) bool), K, V any](seq F) *Puller2[K, V] {
	next, stop := iter.Pull2(iter.Seq2[K, V](seq))
	return &Puller2[K, V]{next, stop}
}

// Next is the next pair; false once the iterator has returned.
func (p *Puller2[K, V]) Next() (K, V, bool) { return p.next() }

// Close stops the iterator: its yield returns false.
func (p *Puller2[K, V]) Close() error {
	p.stop()
	return nil
}

// PullMap starts pulling the entries of m, in Go's own iteration over it: a range over a map
// whose keys may be NaN (which no lookup finds, and only clear removes) with a yield in its body.
func PullMap[M ~map[K]V, K comparable, V any](m M) *Puller2[K, V] {
	return Pull2(maps.All(m))
}

// Puller0 is Puller for an iterator without values, func(yield func() bool).
type Puller0 struct {
	next func() (struct{}, bool)
	stop func()
}

// Pull0 starts pulling the steps of seq.
func Pull0[F ~func(func() bool)](seq F) *Puller0 {
	next, stop := iter.Pull(func(yield func(struct{}) bool) {
		seq(func() bool { return yield(struct{}{}) })
	})
	return &Puller0{next, stop}
}

// Next reports whether the iterator took another step; false once it has returned.
func (p *Puller0) Next() bool {
	_, ok := p.next()
	return ok
}

// Close stops the iterator: its yield returns false.
func (p *Puller0) Close() error {
	p.stop()
	return nil
}
