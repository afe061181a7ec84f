// Package difftest records what a driver does to a coroutine, and what comes back, as lines of
// text, so that a generated state machine and the reference implementation ([coro.New]) can be
// driven the same way and their traces compared line by line.
//
// A differential case is a package with its //coro:gen functions and a driver,
//
//	func Drive(ref bool) {
//		c := difftest.On("c", difftest.Pick(ref, func() coro.Coroutine[int, int, struct{}] {
//			return newAdderCoro()
//		}, difftest.Void(adder)))
//		c.Next()
//		c.Send(41)
//		c.Close()
//		c.End()
//	}
//
// and a runner calls [Record] twice, once with Drive(false) (the generated machine) and once with
// Drive(true) (the reference), and compares the two traces. Every call through a [C] appends a
// line; a panic out of a call is caught and recorded (it is part of the trace, not a failure),
// and the driver goes on. Coroutine bodies record what they print with [Logf].
//
// Traces must not depend on which implementation runs: values are printed with %#v, so a
// driver must not yield pointers, funcs or channels (their addresses differ).
package difftest

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	coro "github.com/stackless-go/coro/runtime"
)

// Trace is a recording: one line per event.
type Trace struct {
	mu    sync.Mutex // Logf may be called from a body's goroutine (the reference runs there)
	lines []string
}

// Printf appends a line of the driver's own to the trace.
func (tr *Trace) Printf(format string, args ...any) {
	tr.add(fmt.Sprintf(format, args...))
}

func (tr *Trace) add(line string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.lines = append(tr.lines, line)
}

// Lines returns a copy of the lines recorded so far.
func (tr *Trace) Lines() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]string(nil), tr.lines...)
}

// String returns the lines, each ended by a newline.
func (tr *Trace) String() string {
	var b strings.Builder
	for _, l := range tr.Lines() {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

var (
	currentMu sync.Mutex
	current   *Trace
)

// Current returns the trace being recorded by [Record], nil outside one.
func Current() *Trace {
	currentMu.Lock()
	defer currentMu.Unlock()
	return current
}

func setCurrent(tr *Trace) *Trace {
	currentMu.Lock()
	defer currentMu.Unlock()
	old := current
	current = tr
	return old
}

// Record runs drive with a new trace as the current one and returns the trace. A panic out of
// drive itself (not out of a coroutine call made through [C], which records its own) is recorded
// as the last line; so is a runtime.Goexit.
func Record(drive func()) *Trace {
	tr := &Trace{}
	old := setCurrent(tr)
	defer setCurrent(old)
	done := false
	func() {
		defer func() {
			if !done {
				if p := recover(); p != nil {
					tr.Printf("driver panic: %v", p)
				}
			}
		}()
		drive()
		done = true
	}()
	return tr
}

// Logf records a line printed by a coroutine body (or anything else) in the current trace. Outside
// [Record] it does nothing.
func Logf(format string, args ...any) {
	if tr := Current(); tr != nil {
		tr.add("log: " + fmt.Sprintf(format, args...))
	}
}

// Pick returns the coroutine a driver runs: the generated machine when ref is false, the
// reference implementation coro.New(body) when ref is true. machine is only called when ref is
// false, so a driver of the reference never touches the generated code.
func Pick[Y, S, R any](ref bool, machine func() coro.Coroutine[Y, S, R], body func(*coro.Co[Y, S]) (R, error)) coro.Coroutine[Y, S, R] {
	if ref {
		return coro.New(body)
	}
	return machine()
}

// Void adapts a body with no result to [coro.New].
func Void[Y, S any](body func(*coro.Co[Y, S])) func(*coro.Co[Y, S]) (struct{}, error) {
	return func(co *coro.Co[Y, S]) (struct{}, error) {
		body(co)
		return struct{}{}, nil
	}
}

// Res adapts a body with a result R and no error to [coro.New].
func Res[Y, S, R any](body func(*coro.Co[Y, S]) R) func(*coro.Co[Y, S]) (R, error) {
	return func(co *coro.Co[Y, S]) (R, error) {
		return body(co), nil
	}
}

// Err adapts a body with only an error result to [coro.New].
func Err[Y, S any](body func(*coro.Co[Y, S]) error) func(*coro.Co[Y, S]) (struct{}, error) {
	return func(co *coro.Co[Y, S]) (struct{}, error) {
		return struct{}{}, body(co)
	}
}

// C is a coroutine bound to a trace under a name: each method calls the coroutine's method of
// the same name and records the call and its outcome as one line, "name.Method(args) = results"
// or "name.Method(args) panic: value". A panic is caught; the method then returns zero values.
type C[Y, S, R any] struct {
	tr   *Trace
	name string
	c    coro.Coroutine[Y, S, R]
}

// On binds c to the current trace (see [Record]) under name, which prefixes its lines.
func On[Y, S, R any](name string, c coro.Coroutine[Y, S, R]) *C[Y, S, R] {
	tr := Current()
	if tr == nil {
		panic("difftest.On outside difftest.Record")
	}
	return OnTrace(tr, name, c)
}

// OnTrace binds c to tr under name.
func OnTrace[Y, S, R any](tr *Trace, name string, c coro.Coroutine[Y, S, R]) *C[Y, S, R] {
	return &C[Y, S, R]{tr: tr, name: name, c: c}
}

// Coroutine returns the coroutine itself, for calls that must not be recorded.
func (d *C[Y, S, R]) Coroutine() coro.Coroutine[Y, S, R] { return d.c }

// call runs f, recording "call = result" or "call panic: p".
func (d *C[Y, S, R]) call(call string, f func() string) {
	res, p, panicked := catch(f)
	if panicked {
		d.tr.Printf("%s.%s panic: %v", d.name, call, p)
		return
	}
	d.tr.Printf("%s.%s = %s", d.name, call, res)
}

// catch runs f and tells whether it panicked, and with what.
func catch(f func() string) (res string, p any, panicked bool) {
	done := false
	defer func() {
		if !done {
			p, panicked = recover(), true
		}
	}()
	res = f()
	done = true
	return
}

// Next calls Next and records the yielded value and ok.
func (d *C[Y, S, R]) Next() (v Y, ok bool) {
	d.call("Next()", func() string {
		v, ok = d.c.Next()
		return Value(v) + ", " + fmt.Sprint(ok)
	})
	return
}

// Send calls Send(s) and records the yielded value and ok.
func (d *C[Y, S, R]) Send(s S) (v Y, ok bool) {
	d.call("Send("+Value(s)+")", func() string {
		v, ok = d.c.Send(s)
		return Value(v) + ", " + fmt.Sprint(ok)
	})
	return
}

// Throw calls Throw(err) and records the yielded value and ok.
func (d *C[Y, S, R]) Throw(err error) (v Y, ok bool) {
	d.call("Throw("+fmt.Sprint(err)+")", func() string {
		v, ok = d.c.Throw(err)
		return Value(v) + ", " + fmt.Sprint(ok)
	})
	return
}

// Close calls Close and records its error.
func (d *C[Y, S, R]) Close() (err error) {
	d.call("Close()", func() string {
		err = d.c.Close()
		return fmt.Sprint(err)
	})
	return
}

// Status records and returns the status.
func (d *C[Y, S, R]) Status() (s coro.Status) {
	d.call("Status()", func() string {
		s = d.c.Status()
		return s.String()
	})
	return
}

// End records Result, Err and Status: how the coroutine ended (or where it is).
func (d *C[Y, S, R]) End() {
	d.call("End()", func() string {
		return fmt.Sprintf("result %s, err %v, %v", Value(d.c.Result()), d.c.Err(), d.c.Status())
	})
}

// Range ranges over All(), recording each value, and breaks after limit values (limit < 0: no
// limit). It records how the loop ended: "done" when All ran out, "break" after limit values, or
// the panic that came out of it.
func (d *C[Y, S, R]) Range(limit int) {
	d.RangeDoing(limit, 0, nil)
}

// RangeDoing is Range with op called in the loop body after the at-th value (from 1): the loop
// body resumes, closes, inspects or ranges over the coroutine itself, and the loop goes on from
// wherever that left it. What op does is recorded before the line of the range.
func (d *C[Y, S, R]) RangeDoing(limit, at int, op func()) {
	call := fmt.Sprintf("Range(%d)", limit)
	if op != nil {
		call = fmt.Sprintf("RangeDoing(%d, %d)", limit, at)
	}
	d.rangeOver(call, limit, func(n int) bool { return n == at && op != nil }, op)
}

// RangeEach is RangeDoing with op called after every each-th value (the each-th, the 2*each-th,
// and so on): the loop body moves the coroutine again and again, at several iterations of the
// coroutine's loops.
func (d *C[Y, S, R]) RangeEach(limit, each int, op func()) {
	d.rangeOver(fmt.Sprintf("RangeEach(%d, %d)", limit, each), limit, func(n int) bool { return each > 0 && n%each == 0 }, op)
}

// rangeOver ranges over All() as Range does, calling op in the loop body after the n-th value
// when at(n), and records the values and how the loop ended under the name call.
func (d *C[Y, S, R]) rangeOver(call string, limit int, at func(n int) bool, op func()) {
	var vals []string
	how := "done"
	_, p, panicked := catch(func() string {
		n := 0
		for v := range d.c.All() {
			vals = append(vals, Value(v))
			n++
			if at(n) {
				op()
			}
			if limit >= 0 && n >= limit {
				how = "break"
				break
			}
		}
		return ""
	})
	if panicked {
		how = fmt.Sprintf("panic: %v", p)
	}
	d.tr.Printf("%s.%s = [%s] %s", d.name, call, strings.Join(vals, " "), how)
}

// Value formats a value for a trace: %#v, which tells 1 from "1" from int8(1).
func Value(v any) string {
	return fmt.Sprintf("%#v", v)
}

// Catch runs f and returns what it panicked with, nil if it returned. Bodies use it to observe a
// panic (coro.ErrRunning, say) without a defer of their own.
func Catch(f func()) (p any) {
	done := false
	defer func() {
		if !done {
			p = recover()
		}
	}()
	f()
	done = true
	return nil
}

// RefGoroutines returns the stacks of the goroutines that run a body of the reference
// implementation ([coro.New]), by goroutine id.
func RefGoroutines() map[string]string {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	out := map[string]string{}
	for _, g := range strings.Split(string(buf), "\n\n") {
		if !strings.Contains(g, refFrame) {
			continue
		}
		id, _, _ := strings.Cut(strings.TrimPrefix(g, "goroutine "), " ")
		out[id] = g
	}
	return out
}

// Leaked waits up to timeout for every reference goroutine not in before (a result of
// [RefGoroutines]) to end, and returns the stacks of those still running then, "" if none. A
// driver that finishes or closes every coroutine it starts leaves none: a body's goroutine ends
// right after the resume that finished it.
func Leaked(before map[string]string, timeout time.Duration) string {
	deadline := time.Now().Add(timeout)
	for {
		var left []string
		for id, g := range RefGoroutines() {
			if _, ok := before[id]; !ok {
				left = append(left, g)
			}
		}
		if len(left) == 0 {
			return ""
		}
		if time.Now().After(deadline) {
			sort.Strings(left)
			return strings.Join(left, "\n\n")
		}
		time.Sleep(time.Millisecond)
	}
}

// refFrame is in the stack of every goroutine that runs a reference body.
const refFrame = "stackless-go/coro/runtime.(*link["
