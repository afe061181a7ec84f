package coro

import "io"

// Defers holds the pending deferred calls of a generated machine: a defer statement in a
// coroutine body pushes its call here, with its arguments already evaluated, and the machine runs
// them when the body returns, unwinds or panics. It also holds the iterators of the ranges over
// functions that the body is inside, pulled value by value because their loop bodies yield: they
// are stopped before the deferred calls run, as a range over a function stops its iterator
// before the function's own deferred calls run. It is exported for generated code.
type Defers struct {
	calls []func()
	loops []io.Closer // innermost last
}

// Push adds a deferred call.
func (d *Defers) Push(f func()) { d.calls = append(d.calls, f) }

// EnterLoop records the iterator of a range over a function that the body enters.
func (d *Defers) EnterLoop(it io.Closer) { d.loops = append(d.loops, it) }

// LeaveLoops stops the iterators of the ranges the body leaves, innermost first, so that n stay:
// n is the number of ranges over functions around the place the body goes on at.
func (d *Defers) LeaveLoops(n int) {
	for len(d.loops) > n {
		last := len(d.loops) - 1
		it := d.loops[last]
		d.loops[last] = nil
		d.loops = d.loops[:last]
		it.Close()
	}
}

// Run stops the iterators, then runs the pending calls, last pushed first, and empties the list.
// Each call is deferred, as in a Go function, so a call that panics does not keep the others from
// running, and a later call can recover the panic of an earlier one.
func (d *Defers) Run() {
	calls, loops := d.take()
	for _, f := range calls {
		defer f()
	}
	for _, it := range loops {
		defer it.Close()
	}
}

// RunPanicking stops the iterators and runs the pending calls while the panic p goes through the
// body: it raises p again with every call deferred, so that a call that calls recover stops the
// panic, exactly as a deferred call of the body would. It returns normally when a call recovered;
// otherwise the panic goes on.
func (d *Defers) RunPanicking(p any) {
	calls, loops := d.take()
	for _, f := range calls {
		defer f()
	}
	for _, it := range loops {
		defer it.Close()
	}
	panic(p)
}

// take empties d and gives what it held.
func (d *Defers) take() ([]func(), []io.Closer) {
	calls, loops := d.calls, d.loops
	d.calls, d.loops = nil, nil
	return calls, loops
}

// MapKeys returns the keys of m: a range over a map with a yield in its body iterates over them,
// so that it can stop at the yield and go on later. It is exported for generated code.
func MapKeys[M ~map[K]V, K comparable, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// Signal is what a generated machine's Close raises at the pending yield, in place of a thrown
// error, so that a user's Throw(ErrClosed) stays a throw like any other: CloseSignal for the
// Close itself, AbortSignal to end a body that yielded again after it. A delegated call hands
// what is raised at it to its callee with Throw, signals included, so that the innermost
// coroutine receives a Close exactly as if the callee's body ran inline. Signals are exported for
// generated code; do not Throw one yourself.
type Signal uint8

const (
	// CloseSignal is a Close: a plain Yield unwinds, YieldErr returns ErrClosed (see Caught),
	// coro.YieldFrom closes its sub-coroutine and unwinds.
	CloseSignal Signal = 1 + iota
	// AbortSignal ends a body that yielded again after a Close: the yield unwinds, a YieldErr
	// too, and coro.YieldFrom closes its sub-coroutine and unwinds.
	AbortSignal
)

// Error describes the signal.
func (s Signal) Error() string {
	switch s {
	case CloseSignal:
		return "coro: close signal"
	case AbortSignal:
		return "coro: abort signal (the coroutine ignored a close)"
	}
	return "coro: Signal(" + itoa(int(s)) + ")"
}

// Unwrap is ErrClosed for CloseSignal and ErrIgnoredClose for AbortSignal.
func (s Signal) Unwrap() error {
	switch s {
	case CloseSignal:
		return ErrClosed
	case AbortSignal:
		return ErrIgnoredClose
	}
	return nil
}

// Caught is what a generated YieldErr returns for raised, the error raised at it (nil if none):
// ErrClosed for a Close, raised itself otherwise. It is exported for generated code.
func Caught(raised error) error {
	if raised == CloseSignal {
		return ErrClosed
	}
	return raised
}
