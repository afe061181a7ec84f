package coro

// YieldFrom delegates to sub until it finishes and returns its result: Python's `yield from sub`
// and `await sub` (PEP 380), in Go terms.
//
//   - sub starts (or resumes) with Next; every value it yields passes out of the caller, as if the
//     caller had yielded it.
//   - A value sent to the caller at one of those yields goes on to sub with Send (Next sends the
//     zero S, as Python's send(None) is next()).
//   - An error thrown into the caller there goes on to sub with Throw. If sub catches it and
//     yields, the delegation goes on; if sub returns, its result is the value of YieldFrom.
//   - Close of the caller closes sub first (its defers run first, innermost first), then the
//     caller unwinds from YieldFrom as from a plain [Co.Yield]. If sub's Close reports an error
//     (its own error result, or [ErrIgnoredClose]), the caller unwinds with that error instead,
//     and the caller's Close reports it.
//   - When sub ends with a non-nil Err() (a thrown error it did not catch, or its own error
//     result) the caller unwinds from YieldFrom with that error, as if it had been thrown at a
//     plain Yield there: its defers run and it ends with Err() equal to it. To receive a sub's
//     error as a value instead, call the sub's body as a delegated call (r, err := sub(co)).
//   - If the caller leaves YieldFrom for any other reason while sub is suspended (the caller is
//     dropped, or is already unwinding or closing and so cannot yield), sub is closed on the way
//     out, so its defers run before the caller's.
//
// In a //coro:gen function YieldFrom is a marker: the generator turns it into the same
// delegation inside the state machine, a loop that drives sub. Run through [New], this function
// does the delegation on
// the body's goroutine, so sub is any [Coroutine]: a generated machine, another [New], or a
// hand-written one. A sub that is already suspended is resumed with Next, as Python's yield from
// does with a started generator; a finished one gives its Result (or unwinds with its Err) at
// once.
func YieldFrom[Y, S, R any](co *Co[Y, S], sub Coroutine[Y, S, R]) R {
	l := co.link("YieldFrom")
	if sub == nil {
		panic("coro: YieldFrom(co, nil)")
	}
	// However the caller leaves, a sub left suspended is closed first: its defers run before
	// the caller's (the caller unwinds, or panics, past this frame).
	defer func() {
		if sub.Status() == Suspended {
			_ = sub.Close()
		}
	}()
	y, ok := sub.Next()
	for ok {
		s, err := co.YieldErr(y)
		switch {
		case err == nil:
			y, ok = sub.Send(s)
		case l.closing:
			// YieldErr returned ErrClosed for a Close (a Throw(ErrClosed) leaves closing
			// unset and is forwarded as a Throw below).
			if cerr := sub.Close(); cerr != nil {
				l.unwind(cerr)
			}
			l.unwind(nil)
		default:
			y, ok = sub.Throw(err)
		}
	}
	if err := sub.Err(); err != nil {
		l.unwind(err)
	}
	return sub.Result()
}
