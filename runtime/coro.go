// Package coro is the runtime of coro, the generator of stackless coroutines for Go.
//
// A function marked //coro:gen whose first parameter is a *Co[Y, S] is rewritten by
// `go run github.com/stackless-go/coro/cmd/coro` into a state machine: a struct that keeps the
// locals that live across a yield, and methods that resume the body where it last stopped. The
// machine implements [Coroutine]. No goroutine runs it and resuming it allocates nothing.
//
// The same body also runs, unmodified, on a goroutine through [New]: that is the reference
// implementation, with the same protocol, that the generated machines are tested against.
//
// The protocol is Python's generator protocol in Go terms:
//
//	Python                       coro
//	next(g)                      g.Next()
//	g.send(v)                    g.Send(v)
//	g.throw(e)                   g.Throw(err)
//	g.close()                    g.Close()
//	StopIteration.value          g.Result()
//	an exception out of g        g.Err()
//	inspect.getgeneratorstate    g.Status()
//	for x in g                   for x := range g.All()
//	x = yield v                  x := co.Yield(v)
//	try: x = yield v except E    x, err := co.YieldErr(v)
//	r = yield from sub           r := coro.YieldFrom(co, sub)
//	r = await sub()              r := sub(co) (a delegated call of another //coro:gen function)
package coro

import (
	"errors"
	"iter"
)

// Coroutine is what a generated machine, and the reference implementation [New], implement.
// Y is the type of the values the coroutine yields, S the type of the values sent into it, and R
// the type of its result (struct{} when the body has no non-error result).
type Coroutine[Y, S, R any] interface {
	// Next resumes the coroutine sending the zero S. It returns the next yielded value and
	// true, or the zero Y and false once the body has finished.
	Next() (Y, bool)
	// Send resumes the coroutine with v as the value of the pending yield. On a coroutine that
	// has not started, the value is dropped and the body starts, as Next.
	Send(v S) (Y, bool)
	// Throw raises err at the pending yield. YieldErr returns it to the body; a plain Yield
	// unwinds the body (pending defers run) and the coroutine ends with Err() == err. On a
	// coroutine that has not started, the body never runs: it ends with Err() == err. On a
	// finished coroutine Throw does nothing and returns the zero Y and false. err must not be nil.
	Throw(err error) (Y, bool)
	// Close ends a suspended coroutine. At a plain Yield the body unwinds; at YieldErr the body
	// receives ErrClosed and must return: if it yields again, Close returns ErrIgnoredClose and
	// the coroutine is finished all the same. Close returns nil when the body ends without an
	// error (or with ErrClosed), and the body's error otherwise. Closing a coroutine that has not
	// started, or has finished, does nothing and returns nil.
	Close() error
	// Result is the body's result once it has returned: the zero R before, and after an
	// unwind or a panic.
	Result() R
	// Err is the error that ended the coroutine: an error thrown in and not caught, or the
	// body's own error result.
	Err() error
	// Status tells whether the coroutine is created, running, suspended or done.
	Status() Status
	// All ranges over the values the coroutine yields, resuming it with the zero S. Leaving
	// the loop early (break, return, goto) closes the coroutine; the error of that Close is
	// dropped (call Close yourself to see it). A panic in the loop body closes it too when
	// closing runs code of the body (a defer, a YieldErr, a range over a function around a
	// yield); a generated coroutine whose body has none is left suspended by the panic, since
	// closing it would run nothing (its All has no deferred call, so that it inlines into the
	// loop). The loop body may itself resume,
	// close or range over the coroutine: the loop goes on from where that left it.
	All() iter.Seq[Y]
}

// Status is the state of a coroutine, as Python's inspect.getgeneratorstate tells it.
type Status uint8

const (
	// Created: the body has not started.
	Created Status = iota
	// Running: the body is running (only the body itself can see this).
	Running
	// Suspended: the body is stopped at a yield.
	Suspended
	// Done: the body has returned, unwound or panicked.
	Done
)

// String returns "created", "running", "suspended" or "done".
func (s Status) String() string {
	switch s {
	case Created:
		return "created"
	case Running:
		return "running"
	case Suspended:
		return "suspended"
	case Done:
		return "done"
	}
	return "Status(" + itoa(int(s)) + ")"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

var (
	// ErrClosed is what YieldErr returns when the coroutine is being closed (Python's
	// GeneratorExit). A body that sees it must return.
	ErrClosed = errors.New("coro: coroutine closed")
	// ErrIgnoredClose is what Close returns when the body yielded again after it received
	// ErrClosed (Python's "generator ignored GeneratorExit").
	ErrIgnoredClose = errors.New("coro: coroutine ignored close")
	// ErrRunning is the panic of a Next, Send, Throw or Close called on a coroutine from inside
	// its own body (Python's "generator already executing").
	ErrRunning = errors.New("coro: coroutine already running")
	// ErrNilThrow is the panic of Throw(nil): there is nothing to raise.
	ErrNilThrow = errors.New("coro: Throw(nil)")
)
