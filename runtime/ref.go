package coro

import (
	"errors"
	"iter"
	"runtime"
)

// The reference implementation runs a body on its own goroutine. The resumer and the body take
// turns: exactly one of them runs at any moment, and every turn is handed over on an unbuffered
// channel, so whatever one side wrote before the hand-off the other side reads after it.
//
//	resumer (Next, Send, Throw, Close)        body goroutine (Yield, YieldErr)
//	first resume: go link.run(body)      ->   body runs
//	              <-link.yield           <-   link.yield <- yielded v, returned, unwound, ...
//	later resume: link.resume <- msg     ->   <-link.resume at the pending yield
//
// The goroutine and the Co hold the link, never the Ref, so a Ref dropped while suspended
// becomes garbage: its cleanup closes link.dropped, and the pending yield unwinds with nobody
// waiting for the outcome.

var _ Coroutine[int, int, int] = (*Ref[int, int, int])(nil)

// Co is the handle a coroutine body receives as its first parameter; its methods are the yield
// markers.
//
// In a //coro:gen function the generator rewrites every marker into a suspension point of the
// state machine, and no Co exists at run time. Run unmodified, the same body gets its Co from
// [New]. Only the body may call the markers, on the goroutine New started for it: a Co must not
// be stored or handed to another goroutine (the generator rejects that).
type Co[Y, S any] struct {
	l *link[Y, S]
}

// Yield suspends the coroutine, handing v to the resumer, and returns the value of the next
// Send (the zero S for Next). Throw and Close do not return here: the body unwinds from this
// call, running its pending defers, as if the function returned. Use [Co.YieldErr] to receive
// them instead.
func (co *Co[Y, S]) Yield(v Y) S {
	s, _ := co.link("Yield").suspend(v, false)
	return s
}

// YieldErr is [Co.Yield] that also receives what is raised at it: the error of a Throw, or
// [ErrClosed] from Close, with the zero S. After a Throw the body goes on as it likes; after
// ErrClosed it must return, because any further yield unwinds it and Close reports
// [ErrIgnoredClose].
func (co *Co[Y, S]) YieldErr(v Y) (S, error) {
	return co.link("YieldErr").suspend(v, true)
}

// link returns the running coroutine of co. A nil or zero Co means the body was called as a
// plain function, which cannot suspend: the likeliest reason is a forgotten `go generate`.
func (co *Co[Y, S]) link(marker string) *link[Y, S] {
	if co == nil || co.l == nil {
		panic("coro: " + marker + " called outside a coroutine: run `go generate` and use the generated constructor, or run the body with coro.New")
	}
	return co.l
}

// New returns a coroutine that runs body, unmodified, on a goroutine of its own, with the
// protocol of [Coroutine]. It is the reference the generated machines are tested against and the
// baseline they are measured against: every resume switches goroutines.
//
// The goroutine starts at the first Next or Send, so a coroutine that is never started, or is
// ended by Throw or Close before it starts, costs no goroutine. A coroutine dropped while
// suspended does not keep its goroutine: once the garbage collector finds the *Ref unreachable,
// the pending yield unwinds (the body's defers run, at a moment the collector picks) and the
// goroutine ends. That cannot happen while the body itself still refers to the *Ref. Close a
// coroutine you leave unfinished to run its defers at a known time.
//
// A panic in the body comes out of the Next, Send, Throw or Close that resumed it, with the same
// value, as it would from a generated machine; its stack trace shows the resumer, not the body.
// A [runtime.Goexit] in the body (t.FailNow, say) ends the resuming goroutine too. Where this
// differs from a generated machine: Throw and Close unwind the body by panicking, so a recover
// in one of its deferred calls sees that panic (and must not stop it).
func New[Y, S, R any](body func(co *Co[Y, S]) (R, error)) *Ref[Y, S, R] {
	if body == nil {
		panic("coro: New(nil)")
	}
	return &Ref[Y, S, R]{body: body}
}

// Ref is a coroutine made by [New]: a body running on its own goroutine. It implements
// [Coroutine]; see there for the meaning of each method.
//
// Like a generated machine, a Ref is driven by one goroutine at a time; its methods are not safe
// for concurrent use.
type Ref[Y, S, R any] struct {
	body    func(*Co[Y, S]) (R, error) // until the body starts or the coroutine ends unstarted
	l       *link[Y, S]                // from start until done
	res     *R                         // where the body goroutine stores the result, from start until done
	cleanup runtime.Cleanup            // unwinds the body if the Ref is dropped, from start until done
	status  Status
	result  R
	err     error
}

// Next resumes the coroutine with the zero S; see [Coroutine].
func (r *Ref[Y, S, R]) Next() (Y, bool) {
	return r.resume(resumeMsg[S]{op: opSend})
}

// Send resumes the coroutine with v as the value of the pending yield; see [Coroutine].
func (r *Ref[Y, S, R]) Send(v S) (Y, bool) {
	return r.resume(resumeMsg[S]{op: opSend, v: v})
}

// Throw raises err at the pending yield; see [Coroutine]. It panics with [ErrNilThrow] if err
// is nil, whatever the state of the coroutine.
func (r *Ref[Y, S, R]) Throw(err error) (Y, bool) {
	if err == nil {
		panic(ErrNilThrow)
	}
	if r.status == Created {
		r.body, r.status, r.err = nil, Done, err
		var zero Y
		return zero, false
	}
	return r.resume(resumeMsg[S]{op: opThrow, err: err})
}

// Close ends the coroutine; see [Coroutine].
func (r *Ref[Y, S, R]) Close() error {
	switch r.status {
	case Created:
		r.body, r.status = nil, Done
		return nil
	case Done:
		return nil
	}
	// A closed body cannot yield (its yields unwind), so this always ends it.
	r.resume(resumeMsg[S]{op: opClose})
	return r.err
}

// Result returns the body's result once it has returned; see [Coroutine].
func (r *Ref[Y, S, R]) Result() R { return r.result }

// Err returns the error that ended the coroutine; see [Coroutine].
func (r *Ref[Y, S, R]) Err() error { return r.err }

// Status returns the state of the coroutine; see [Coroutine].
func (r *Ref[Y, S, R]) Status() Status { return r.status }

// All ranges over the values the coroutine yields; see [Coroutine].
func (r *Ref[Y, S, R]) All() iter.Seq[Y] {
	return func(yield func(Y) bool) {
		// Runs on break, return, panic or runtime.Goexit in the loop body. After the body
		// finished, or when it panicked out of Next, there is nothing to close; and Close
		// from inside the body itself would only panic again, on top of Next's panic.
		defer func() {
			if r.status == Suspended {
				_ = r.Close()
			}
		}()
		for {
			v, ok := r.Next()
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// resume hands the turn to the body with m and waits for it back.
func (r *Ref[Y, S, R]) resume(m resumeMsg[S]) (Y, bool) {
	switch r.status {
	case Running:
		panic(ErrRunning)
	case Done:
		var zero Y
		return zero, false
	case Created:
		r.start() // the value of a Send has no yield to go to: it is dropped
	case Suspended:
		r.status = Running
		r.l.resume <- m
	}
	return r.wait()
}

// start starts the body goroutine.
func (r *Ref[Y, S, R]) start() {
	l := &link[Y, S]{
		resume:  make(chan resumeMsg[S]),
		yield:   make(chan yieldMsg[Y]),
		dropped: make(chan struct{}),
	}
	// The goroutine gets body, res and l, and nothing that leads back to r.
	body, res := r.body, new(R)
	r.body, r.l, r.res, r.status = nil, l, res, Running
	r.cleanup = runtime.AddCleanup(r, (*link[Y, S]).drop, l)
	go l.run(func(co *Co[Y, S]) error {
		v, err := body(co)
		*res = v
		return err
	})
}

// wait takes the turn back from the body and records how the body stopped.
func (r *Ref[Y, S, R]) wait() (Y, bool) {
	m := <-r.l.yield
	if m.kind == yielded {
		r.status = Suspended
		return m.v, true
	}
	res := *r.res
	r.cleanup.Stop()
	r.l, r.res, r.status = nil, nil, Done
	switch m.kind {
	case returned:
		r.result, r.err = res, m.err
	case unwound:
		r.err = m.err
	case panicked:
		panic(m.panicked)
	case exited:
		// The body called runtime.Goexit (t.FailNow, say). A generated machine runs the body
		// on the resumer's goroutine, where Goexit ends the resumer: so must this.
		runtime.Goexit()
	}
	var zero Y
	return zero, false
}

// link is the body goroutine's side of a Ref, shared by the Co and the goroutine.
type link[Y, S any] struct {
	resume  chan resumeMsg[S] // resumer -> body, at a pending yield
	yield   chan yieldMsg[Y]  // body -> resumer: how the body stopped
	dropped chan struct{}     // closed by the cleanup of a Ref that became garbage

	// Owned by the body goroutine.
	closing   bool    // YieldErr returned ErrClosed: the body must return
	unwinding *unwind // the body is unwinding from a yield; every further yield unwinds again
	orphaned  bool    // the Ref was dropped: nobody waits for the outcome
}

// op is what a resumer asks of a pending yield.
type op uint8

const (
	opSend  op = iota // return the value (Next, Send)
	opThrow           // raise the error (Throw)
	opClose           // raise ErrClosed or unwind (Close)
)

type resumeMsg[S any] struct {
	op  op
	v   S
	err error
}

// outcome is how the body handed the turn back.
type outcome uint8

const (
	yielded  outcome = iota // suspended at a yield with v
	returned                // returned; err is its error result, after the ErrClosed mapping
	unwound                 // unwound from a yield; err is what Err reports
	panicked                // panicked with the value panicked
	exited                  // called runtime.Goexit
)

type yieldMsg[Y any] struct {
	kind     outcome
	v        Y
	err      error
	panicked any
}

// unwind is the panic that carries a Throw or a Close out of a plain Yield. The goroutine
// recovers it at the top; a body's own recover can see it too, which the generated machines,
// whose unwinding is not a panic, do not show.
type unwind struct {
	err error // what Err reports: the thrown error, nil for Close, or ErrIgnoredClose
}

func (u *unwind) Error() string {
	return "coro: coroutine unwinding from a yield (Throw or Close); recovering this panic is not supported"
}

// drop is the cleanup of a Ref. It must not block: it runs on the runtime's cleanup goroutine.
func (l *link[Y, S]) drop() { close(l.dropped) }

// suspend is Yield (catch false) and YieldErr (catch true).
func (l *link[Y, S]) suspend(v Y, catch bool) (S, error) {
	var zero S
	switch {
	case l.unwinding != nil:
		panic(l.unwinding) // a yield in a deferred call of an unwinding body
	case l.closing:
		l.unwind(ErrIgnoredClose)
	}
	l.yield <- yieldMsg[Y]{kind: yielded, v: v}
	select {
	case m := <-l.resume:
		switch m.op {
		case opSend:
			return m.v, nil
		case opThrow:
			if catch {
				return zero, m.err
			}
			l.unwind(m.err)
		case opClose:
			if catch {
				l.closing = true
				return zero, ErrClosed
			}
			l.unwind(nil)
		}
	case <-l.dropped:
		// Nobody can see a YieldErr's answer any more, or answer a later yield: unwind
		// even there.
		l.orphaned = true
		l.unwind(nil)
	}
	panic("unreachable")
}

func (l *link[Y, S]) unwind(err error) {
	l.unwinding = &unwind{err: err}
	panic(l.unwinding)
}

// run is the body goroutine. However the body stops, the deferred call hands the turn back.
func (l *link[Y, S]) run(body func(*Co[Y, S]) error) {
	var out yieldMsg[Y]
	ok := false
	defer func() {
		if !ok {
			switch p := recover().(type) {
			case nil: // since Go 1.21 only runtime.Goexit recovers nil
				out = yieldMsg[Y]{kind: exited}
			case *unwind:
				out = yieldMsg[Y]{kind: unwound, err: p.err}
			default:
				out = yieldMsg[Y]{kind: panicked, panicked: p}
			}
		}
		if l.orphaned {
			if out.kind == panicked {
				// A deferred call of a dropped body panicked. Nobody can receive it;
				// like any unrecovered panic, it ends the program.
				panic(out.panicked)
			}
			return
		}
		l.yield <- out
	}()
	err := body(&Co[Y, S]{l: l})
	ok = true
	switch {
	case l.unwinding != nil:
		// The body recovered the unwind panic and returned: it still unwound.
		out = yieldMsg[Y]{kind: unwound, err: l.unwinding.err}
	case l.closing && (err == nil || errors.Is(err, ErrClosed)):
		out = yieldMsg[Y]{kind: returned}
	default:
		out = yieldMsg[Y]{kind: returned, err: err}
	}
}
