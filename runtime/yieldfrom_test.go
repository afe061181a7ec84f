package coro

import (
	"errors"
	"fmt"
	"iter"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The tests of YieldFrom compare a body run directly by New with the same body run as the sub of
// one YieldFrom, and of a YieldFrom inside a YieldFrom (two levels), driven by the same script:
// PEP 380 says delegation is as if the sub's body ran inline, so the traces must be the same.

var errCatch = errors.New("catch me")

// logger collects the lines bodies print; the reference runs bodies on other goroutines, and
// every hand-off orders them, but a mutex keeps the race detector out of the argument.
type logger struct {
	mu    sync.Mutex
	lines []string
}

func (lg *logger) printf(format string, args ...any) {
	lg.mu.Lock()
	defer lg.mu.Unlock()
	lg.lines = append(lg.lines, fmt.Sprintf(format, args...))
}

func (lg *logger) take() []string {
	lg.mu.Lock()
	defer lg.mu.Unlock()
	l := lg.lines
	lg.lines = nil
	return l
}

type body = func(co *Co[int, int], lg *logger) (int, error)

// yfBodies are the subs under test: each yields, receives, catches or not, returns.
var yfBodies = map[string]body{
	"counter": func(co *Co[int, int], lg *logger) (int, error) {
		defer lg.printf("counter defer")
		sum := 0
		for i := 1; i <= 3; i++ {
			sum += co.Yield(i * 10)
			lg.printf("counter got sum=%d", sum)
		}
		return sum, nil
	},
	"no yield": func(co *Co[int, int], lg *logger) (int, error) {
		lg.printf("no yield runs")
		return 42, nil
	},
	"catcher": func(co *Co[int, int], lg *logger) (int, error) {
		defer lg.printf("catcher defer")
		n := 0
		for {
			s, err := co.YieldErr(n)
			switch {
			case errors.Is(err, ErrClosed):
				lg.printf("catcher closed")
				return n, nil
			case errors.Is(err, errCatch):
				lg.printf("catcher caught %v", err)
				n += 100
			case err != nil:
				lg.printf("catcher returns %v", err)
				return n, fmt.Errorf("catcher: %w", err)
			case s < 0:
				return n, nil
			default:
				n += s
			}
		}
	},
	"error result": func(co *Co[int, int], lg *logger) (int, error) {
		defer lg.printf("error result defer")
		co.Yield(1)
		return 0, errBoom
	},
	"ignores close": func(co *Co[int, int], lg *logger) (int, error) {
		defer lg.printf("ignores close defer")
		for i := 0; ; i++ {
			_, err := co.YieldErr(i)
			lg.printf("ignores close got %v", err)
		}
	},
	"close error": func(co *Co[int, int], lg *logger) (int, error) {
		defer lg.printf("close error defer")
		_, err := co.YieldErr(1)
		if errors.Is(err, ErrClosed) {
			return 0, fmt.Errorf("cleanup failed: %w", errBoom)
		}
		return 1, nil
	},
	"panics": func(co *Co[int, int], lg *logger) (int, error) {
		defer lg.printf("panics defer")
		if co.Yield(1) == 13 {
			panic("thirteen")
		}
		return 2, nil
	},
	"deferred yield": func(co *Co[int, int], lg *logger) (int, error) {
		defer func() {
			lg.printf("deferred yield defer")
			co.Yield(99) // unwinds again while unwinding
			lg.printf("after deferred yield")
		}()
		co.Yield(1)
		co.Yield(2)
		return 3, nil
	},
}

// yfScripts are the drivers: a list of steps, each "next", "send N", "throw", "throwcatch",
// "throwclosed" (Throw(ErrClosed), not a Close) or "close".
var yfScripts = [][]string{
	{"next", "next", "next", "next", "next"},
	{"send 5", "send 6", "send 7", "send 8", "send 9"},
	{"next", "throw", "next"},
	{"next", "throwcatch", "throwcatch", "send 3", "send -1", "next"},
	{"next", "close", "next"},
	{"next", "send 1", "close", "close"},
	{"throw", "next"},
	{"close", "next"},
	{"next", "throwclosed", "next"},
	{"next", "send 13", "next"},
	{"next", "send 2", "throwcatch", "close"},
}

// depth wraps b in d levels of YieldFrom: each level is a New body that returns what its sub
// returns.
func depth(b body, lg *logger, d int) Coroutine[int, int, int] {
	if d == 0 {
		return New(func(co *Co[int, int]) (int, error) { return b(co, lg) })
	}
	return New(func(co *Co[int, int]) (int, error) {
		return YieldFrom(co, depth(b, lg, d-1)), nil
	})
}

// drive runs script on c and returns the trace: the outcome of every step, the body's lines,
// and the end state.
func drive(c Coroutine[int, int, int], lg *logger, script []string) []string {
	var tr []string
	for _, step := range script {
		var out string
		func() {
			defer func() {
				if p := recover(); p != nil {
					out = fmt.Sprintf("panic %v", p)
				}
			}()
			switch {
			case step == "next":
				v, ok := c.Next()
				out = fmt.Sprint(v, ok)
			case strings.HasPrefix(step, "send "):
				var n int
				fmt.Sscan(step[5:], &n)
				v, ok := c.Send(n)
				out = fmt.Sprint(v, ok)
			case step == "throw":
				v, ok := c.Throw(errBoom)
				out = fmt.Sprint(v, ok)
			case step == "throwcatch":
				v, ok := c.Throw(errCatch)
				out = fmt.Sprint(v, ok)
			case step == "throwclosed":
				v, ok := c.Throw(ErrClosed)
				out = fmt.Sprint(v, ok)
			case step == "close":
				out = fmt.Sprint("close error: ", c.Close())
			}
		}()
		tr = append(tr, step+" -> "+out)
		for _, l := range lg.take() {
			tr = append(tr, "  | "+l)
		}
		tr = append(tr, fmt.Sprintf("  status=%v result=%v err=%v", c.Status(), c.Result(), c.Err()))
	}
	return tr
}

func TestYieldFromInline(t *testing.T) {
	for name, b := range yfBodies {
		for i, script := range yfScripts {
			t.Run(fmt.Sprintf("%s/%d", name, i), func(t *testing.T) {
				var lg logger
				want := drive(depth(b, &lg, 0), &lg, script)
				for d := 1; d <= 2; d++ {
					got := drive(depth(b, &lg, d), &lg, script)
					got = fixResult(name, got)
					w := fixResult(name, want)
					if !reflect.DeepEqual(got, w) {
						t.Errorf("depth %d differs from the body run inline\ngot:\n%s\nwant:\n%s",
							d, strings.Join(got, "\n"), strings.Join(w, "\n"))
					}
				}
			})
		}
	}
}

// fixResult masks the result where delegation differs from inline, on purpose (PEP 380):
// a body that ends with both a result and an error keeps its result, but its caller unwinds from
// YieldFrom on the error and so has the zero result; and a Close of the caller unwinds the caller
// at its YieldFrom even when the sub, seeing ErrClosed, returns a value. Only "catcher" and
// "close error" return a value after an error or a Close.
func fixResult(name string, tr []string) []string {
	if name != "catcher" && name != "close error" {
		return tr
	}
	out := make([]string, len(tr))
	closed := false
	for i, l := range tr {
		if strings.HasPrefix(l, "close ") {
			closed = true
		}
		if strings.Contains(l, "status=done") && (closed || !strings.Contains(l, "err=<nil>")) {
			l = strings.Split(l, " result=")[0] + " result=? err=" + strings.SplitN(l, " err=", 2)[1]
		}
		out[i] = l
	}
	return out
}

// nest builds outer -> middle -> inner, each a New body with a defer, the outer two delegating
// with YieldFrom; inner is the given body.
func nest(lg *logger, inner func(co *Co[int, int]) (int, error)) *Ref[int, int, int] {
	return New(func(co *Co[int, int]) (int, error) {
		defer lg.printf("outer defer")
		lg.printf("outer starts")
		r := YieldFrom(co, New(func(co *Co[int, int]) (int, error) {
			defer lg.printf("middle defer")
			lg.printf("middle starts")
			r := YieldFrom(co, New(inner))
			lg.printf("middle got %d", r)
			return r + 1, nil
		}))
		lg.printf("outer got %d", r)
		co.Yield(-r)
		return r + 1, nil
	})
}

func TestYieldFromTwoLevels(t *testing.T) {
	t.Run("values and result", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			defer lg.printf("inner defer")
			a := co.Yield(1)
			b := co.Yield(a + 1)
			return a * b, nil
		})
		v, ok := r.Next()
		check(t, "Next", v, ok, 1, true)
		v, ok = r.Send(6)
		check(t, "Send(6)", v, ok, 7, true)
		v, ok = r.Send(7)
		check(t, "Send(7)", v, ok, -43, true) // inner 42, middle 43
		v, ok = r.Next()
		check(t, "Next", v, ok, 0, false)
		checkEnd(t, r, 44, nil)
		want := []string{"outer starts", "middle starts", "inner defer", "middle got 42", "middle defer", "outer got 43", "outer defer"}
		if got := lg.take(); !reflect.DeepEqual(got, want) {
			t.Errorf("trace %q, want %q", got, want)
		}
	})

	t.Run("throw unwinds innermost first", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			defer lg.printf("inner defer")
			co.Yield(1)
			lg.printf("inner after yield")
			return 0, nil
		})
		r.Next()
		v, ok := r.Throw(errBoom)
		check(t, "Throw", v, ok, 0, false)
		checkEnd(t, r, 0, errBoom)
		want := []string{"outer starts", "middle starts", "inner defer", "middle defer", "outer defer"}
		if got := lg.take(); !reflect.DeepEqual(got, want) {
			t.Errorf("trace %q, want %q", got, want)
		}
	})

	t.Run("throw caught two levels down", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			defer lg.printf("inner defer")
			_, err := co.YieldErr(1)
			lg.printf("inner caught %v", err)
			s := co.Yield(2)
			return s, nil
		})
		r.Next()
		v, ok := r.Throw(errBoom)
		check(t, "Throw", v, ok, 2, true)
		v, ok = r.Send(10)
		check(t, "Send", v, ok, -11, true)
		r.Next()
		checkEnd(t, r, 12, nil)
		want := []string{"outer starts", "middle starts", "inner caught boom", "inner defer", "middle got 10", "middle defer", "outer got 11", "outer defer"}
		if got := lg.take(); !reflect.DeepEqual(got, want) {
			t.Errorf("trace %q, want %q", got, want)
		}
	})

	t.Run("throw caught and returned from", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			_, err := co.YieldErr(1)
			lg.printf("inner caught %v", err)
			return 5, nil // PEP 380: a sub that catches and returns gives the value of yield from
		})
		r.Next()
		v, ok := r.Throw(errBoom)
		check(t, "Throw", v, ok, -6, true)
		r.Next()
		checkEnd(t, r, 7, nil)
	})

	t.Run("sub error result unwinds the callers", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			co.Yield(1)
			return 5, errBoom
		})
		r.Next()
		v, ok := r.Next()
		check(t, "Next", v, ok, 0, false)
		checkEnd(t, r, 0, errBoom)
		want := []string{"outer starts", "middle starts", "middle defer", "outer defer"}
		if got := lg.take(); !reflect.DeepEqual(got, want) {
			t.Errorf("trace %q, want %q", got, want)
		}
	})

	t.Run("close innermost first", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			defer lg.printf("inner defer")
			co.Yield(1)
			return 0, nil
		})
		r.Next()
		if err := r.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
		checkEnd(t, r, 0, nil)
		want := []string{"outer starts", "middle starts", "inner defer", "middle defer", "outer defer"}
		if got := lg.take(); !reflect.DeepEqual(got, want) {
			t.Errorf("trace %q, want %q", got, want)
		}
	})

	t.Run("close seen by YieldErr two levels down", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			_, err := co.YieldErr(1)
			lg.printf("inner got %v", err)
			return 3, err // returning ErrClosed after a Close is a clean end
		})
		r.Next()
		if err := r.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
		checkEnd(t, r, 0, nil)
		// The middle and the outer are closed at their pending yield, the YieldFrom: they
		// unwind, they do not go on.
		want := []string{"outer starts", "middle starts", "inner got coro: coroutine closed", "middle defer", "outer defer"}
		if got := lg.take(); !reflect.DeepEqual(got, want) {
			t.Errorf("trace %q, want %q", got, want)
		}
	})

	t.Run("close ignored two levels down", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			defer lg.printf("inner defer")
			co.YieldErr(1)
			co.Yield(2)
			return 0, nil
		})
		r.Next()
		if err := r.Close(); err != ErrIgnoredClose {
			t.Errorf("Close() = %v, want ErrIgnoredClose", err)
		}
		checkEnd(t, r, 0, ErrIgnoredClose)
		want := []string{"outer starts", "middle starts", "inner defer", "middle defer", "outer defer"}
		if got := lg.take(); !reflect.DeepEqual(got, want) {
			t.Errorf("trace %q, want %q", got, want)
		}
	})

	t.Run("close error two levels down", func(t *testing.T) {
		var lg logger
		errCleanup := errors.New("cleanup")
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			co.YieldErr(1)
			return 0, errCleanup
		})
		r.Next()
		if err := r.Close(); err != errCleanup {
			t.Errorf("Close() = %v, want %v", err, errCleanup)
		}
		checkEnd(t, r, 0, errCleanup)
	})

	t.Run("panic passes through", func(t *testing.T) {
		var lg logger
		r := nest(&lg, func(co *Co[int, int]) (int, error) {
			defer lg.printf("inner defer")
			co.Yield(1)
			panic("deep")
		})
		r.Next()
		if v := mustPanic(t, func() { r.Next() }); v != "deep" {
			t.Errorf("panicked with %v", v)
		}
		checkEnd(t, r, 0, nil)
		want := []string{"outer starts", "middle starts", "inner defer", "middle defer", "outer defer"}
		if got := lg.take(); !reflect.DeepEqual(got, want) {
			t.Errorf("trace %q, want %q", got, want)
		}
	})
}

// handCounter is a hand-written Coroutine: it yields 1..n, adds up what it is sent, and takes a
// thrown error as its error result.
type handCounter struct {
	n, i, sum int
	status    Status
	err       error
	closed    *bool
}

func (h *handCounter) Next() (int, bool) { return h.Send(0) }
func (h *handCounter) Send(v int) (int, bool) {
	switch h.status {
	case Done:
		return 0, false
	case Suspended:
		h.sum += v
	}
	if h.i == h.n {
		h.status = Done
		return 0, false
	}
	h.i++
	h.status = Suspended
	return h.i, true
}
func (h *handCounter) Throw(err error) (int, bool) {
	if h.status != Done {
		h.status, h.err = Done, err
	}
	return 0, false
}
func (h *handCounter) Close() error {
	if h.status == Suspended {
		*h.closed = true
	}
	h.status = Done
	return nil
}
func (h *handCounter) Result() int    { return h.sum }
func (h *handCounter) Err() error     { return h.err }
func (h *handCounter) Status() Status { return h.status }
func (h *handCounter) All() iter.Seq[int] {
	return func(yield func(int) bool) {
		for v, ok := h.Next(); ok && yield(v); v, ok = h.Next() {
		}
	}
}

func TestYieldFromHandWritten(t *testing.T) {
	var closed bool
	sub := &handCounter{n: 3, closed: &closed}
	r := New(func(co *Co[int, int]) (int, error) {
		s := YieldFrom[int, int, int](co, sub)
		return s * 2, nil
	})
	var got []int
	for v, ok := r.Next(); ok; v, ok = r.Send(v * 10) {
		got = append(got, v)
	}
	if want := []int{1, 2, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("yielded %v, want %v", got, want)
	}
	checkEnd(t, r, 120, nil)

	sub = &handCounter{n: 3, closed: &closed}
	r = New(func(co *Co[int, int]) (int, error) { return YieldFrom[int, int, int](co, sub), nil })
	r.Next()
	r.Close()
	if !closed {
		t.Errorf("Close was not forwarded to the hand-written sub")
	}
	checkEnd(t, r, 0, nil)

	sub = &handCounter{n: 3, closed: &closed}
	r = New(func(co *Co[int, int]) (int, error) { return YieldFrom[int, int, int](co, sub), nil })
	r.Next()
	r.Throw(errBoom)
	checkEnd(t, r, 0, errBoom)
	if sub.Err() != errBoom {
		t.Errorf("Throw was not forwarded to the hand-written sub")
	}
}

func TestYieldFromStartedAndDone(t *testing.T) {
	sub := New(func(co *Co[int, int]) (int, error) {
		a := co.Yield(1)
		b := co.Yield(2)
		return a + b, nil
	})
	sub.Next() // suspended at the first yield: YieldFrom resumes it with Next (a = 0)
	r := New(func(co *Co[int, int]) (int, error) { return YieldFrom(co, sub), nil })
	v, ok := r.Next()
	check(t, "Next", v, ok, 2, true)
	r.Send(5)
	checkEnd(t, r, 5, nil)

	// A finished sub gives its result at once, without a yield.
	r = New(func(co *Co[int, int]) (int, error) { return YieldFrom(co, sub) + 1, nil })
	v, ok = r.Next()
	check(t, "Next on a done sub", v, ok, 0, false)
	checkEnd(t, r, 6, nil)

	// A sub that failed before: the caller unwinds at once.
	failed := New(func(co *Co[int, int]) (int, error) { return 0, nil })
	failed.Throw(errBoom)
	r = New(func(co *Co[int, int]) (int, error) { return YieldFrom(co, failed) + 1, nil })
	r.Next()
	checkEnd(t, r, 0, errBoom)
}

func TestYieldFromMisuse(t *testing.T) {
	v := mustPanic(t, func() { YieldFrom[int, int, int](nil, New(func(co *Co[int, int]) (int, error) { return 0, nil })) })
	if msg, _ := v.(string); !strings.HasPrefix(msg, "coro: YieldFrom called outside a coroutine") {
		t.Errorf("panicked with %v", v)
	}
	r := New(func(co *Co[int, int]) (int, error) {
		return YieldFrom[int, int, int](co, nil), nil
	})
	if v := mustPanic(t, func() { r.Next() }); v != "coro: YieldFrom(co, nil)" {
		t.Errorf("panicked with %v", v)
	}
	// Delegating to oneself: the sub is running.
	var self *Ref[int, int, int]
	self = New(func(co *Co[int, int]) (int, error) { return YieldFrom[int, int, int](co, self), nil })
	v = mustPanic(t, func() { self.Next() })
	if err, ok := v.(error); !ok || !errors.Is(err, ErrRunning) {
		t.Errorf("panicked with %v, want ErrRunning", v)
	}
}

func TestYieldFromWhileUnwinding(t *testing.T) {
	// A YieldFrom in a deferred call of an unwinding body: the sub runs to its first yield,
	// which the caller cannot pass on; the sub is closed (its defers run) and the caller's
	// deferred call unwinds on.
	var lg logger
	r := New(func(co *Co[int, int]) (int, error) {
		defer lg.printf("outer defer 1")
		defer func() {
			YieldFrom(co, New(func(co *Co[int, int]) (int, error) {
				defer lg.printf("sub defer")
				lg.printf("sub starts")
				co.Yield(7)
				lg.printf("sub after yield")
				return 0, nil
			}))
			lg.printf("after YieldFrom")
		}()
		co.Yield(1)
		return 0, nil
	})
	r.Next()
	r.Throw(errBoom)
	checkEnd(t, r, 0, errBoom)
	want := []string{"sub starts", "sub defer", "outer defer 1"}
	if got := lg.take(); !reflect.DeepEqual(got, want) {
		t.Errorf("trace %q, want %q", got, want)
	}
}

func TestYieldFromDropped(t *testing.T) {
	// A dropped caller suspended in YieldFrom unwinds when collected, and closes its sub first.
	waitGoroutines(t, runtime.NumGoroutine()) // let earlier tests' goroutines end
	var subDefers, outerDefers atomic.Int64
	const n = 200
	start := func() {
		r := New(func(co *Co[int, int]) (int, error) {
			defer outerDefers.Add(1)
			return YieldFrom(co, New(func(co *Co[int, int]) (int, error) {
				defer subDefers.Add(1)
				for {
					co.Yield(1)
				}
			})), nil
		})
		r.Next()
	}
	before := runtime.NumGoroutine()
	for range n {
		start()
	}
	deadline := time.Now().Add(5 * time.Second)
	for subDefers.Load() != n || outerDefers.Load() != n {
		if time.Now().After(deadline) {
			t.Fatalf("sub defers %d, outer defers %d after 5 s, want %d each", subDefers.Load(), outerDefers.Load(), n)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	waitGoroutines(t, before)
}
