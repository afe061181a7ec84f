package coro

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var errBoom = errors.New("boom")

// mustPanic runs f and returns what it panicked with; it fails the test if f returns.
func mustPanic(t *testing.T, f func()) (v any) {
	t.Helper()
	returned := false
	func() {
		defer func() { v = recover() }()
		f()
		returned = true
	}()
	if returned {
		t.Fatalf("did not panic")
	}
	return v
}

// check compares a yielded pair with the expected one.
func check[Y comparable](t *testing.T, what string, v Y, ok bool, wantV Y, wantOK bool) {
	t.Helper()
	if v != wantV || ok != wantOK {
		t.Errorf("%s = %v, %v; want %v, %v", what, v, ok, wantV, wantOK)
	}
}

// checkEnd checks the state of a finished coroutine.
func checkEnd[Y, S, R any](t *testing.T, r *Ref[Y, S, R], result R, err error) {
	t.Helper()
	if s := r.Status(); s != Done {
		t.Errorf("Status() = %v, want done", s)
	}
	if got := r.Result(); !reflect.DeepEqual(got, result) {
		t.Errorf("Result() = %v, want %v", got, result)
	}
	if got := r.Err(); got != err {
		t.Errorf("Err() = %v, want %v", got, err)
	}
}

func TestStatus(t *testing.T) {
	tests := []struct {
		name string
		end  func(r *Ref[int, int, int]) // ends a coroutine suspended at its first Yield
	}{
		{"return", func(r *Ref[int, int, int]) { r.Next() }},
		{"throw", func(r *Ref[int, int, int]) { r.Throw(errBoom) }},
		{"close", func(r *Ref[int, int, int]) { r.Close() }},
		{"panic", func(r *Ref[int, int, int]) {
			defer func() { recover() }()
			r.Send(-1)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *Ref[int, int, int]
			var seen []Status
			r = New(func(co *Co[int, int]) (int, error) {
				defer func() { seen = append(seen, r.Status()) }() // also while unwinding
				seen = append(seen, r.Status())
				if co.Yield(1) == -1 {
					panic("minus one")
				}
				seen = append(seen, r.Status())
				return 0, nil
			})
			if s := r.Status(); s != Created {
				t.Errorf("before Next: %v, want created", s)
			}
			r.Next()
			if s := r.Status(); s != Suspended {
				t.Errorf("at Yield: %v, want suspended", s)
			}
			tt.end(r)
			if s := r.Status(); s != Done {
				t.Errorf("at end: %v, want done", s)
			}
			for i, s := range seen {
				if s != Running {
					t.Errorf("inside the body, observation %d: %v, want running", i, s)
				}
			}
		})
	}
	if got := Status(7).String(); got != "Status(7)" {
		t.Errorf("Status(7).String() = %q", got)
	}
}

func TestNextSend(t *testing.T) {
	var got []int
	echo := func() *Ref[int, int, int] {
		got = nil
		return New(func(co *Co[int, int]) (int, error) {
			x := 100
			for i := 0; i < 3; i++ {
				x = co.Yield(x)
				got = append(got, x)
			}
			return x, nil
		})
	}

	// Send on a created coroutine starts it and drops the value.
	r := echo()
	v, ok := r.Send(42)
	check(t, "Send(42) on created", v, ok, 100, true)
	v, ok = r.Send(7)
	check(t, "Send(7)", v, ok, 7, true)
	v, ok = r.Next() // Next sends the zero S
	check(t, "Next()", v, ok, 0, true)
	v, ok = r.Send(9)
	check(t, "Send(9)", v, ok, 0, false)
	if want := []int{7, 0, 9}; !reflect.DeepEqual(got, want) {
		t.Errorf("body received %v, want %v", got, want)
	}
	checkEnd(t, r, 9, nil)

	// Next and Send on a done coroutine.
	for range 2 {
		v, ok = r.Next()
		check(t, "Next() on done", v, ok, 0, false)
		v, ok = r.Send(5)
		check(t, "Send(5) on done", v, ok, 0, false)
	}
	checkEnd(t, r, 9, nil)
	if want := []int{7, 0, 9}; !reflect.DeepEqual(got, want) {
		t.Errorf("body received %v after done, want %v", got, want)
	}

	// Next on created is Send(zero).
	r = echo()
	r.Next()
	r.Next()
	if want := []int{0}; !reflect.DeepEqual(got, want) {
		t.Errorf("body received %v, want %v", got, want)
	}
	r.Close()
}

func TestThrow(t *testing.T) {
	t.Run("nil", func(t *testing.T) {
		var r *Ref[int, int, int]
		r = New(func(co *Co[int, int]) (int, error) {
			if v := mustPanic(t, func() { r.Throw(nil) }); v != ErrNilThrow {
				t.Errorf("running: Throw(nil) panicked with %v", v)
			}
			co.Yield(1)
			return 0, nil
		})
		for _, state := range []string{"created", "suspended", "done"} {
			if v := mustPanic(t, func() { r.Throw(nil) }); v != ErrNilThrow {
				t.Errorf("%s: Throw(nil) panicked with %v", state, v)
			}
			r.Next()
		}
		checkEnd(t, r, 0, nil)
	})

	t.Run("created", func(t *testing.T) {
		ran := false
		r := New(func(co *Co[int, int]) (int, error) { ran = true; return 1, nil })
		v, ok := r.Throw(errBoom)
		check(t, "Throw", v, ok, 0, false)
		checkEnd(t, r, 0, errBoom)
		v, ok = r.Next()
		check(t, "Next after", v, ok, 0, false)
		if ran {
			t.Errorf("the body ran")
		}
	})

	t.Run("done", func(t *testing.T) {
		errOther := errors.New("other")
		r := New(func(co *Co[int, int]) (int, error) { return 5, errOther })
		r.Next()
		v, ok := r.Throw(errBoom)
		check(t, "Throw", v, ok, 0, false)
		checkEnd(t, r, 5, errOther)
	})

	t.Run("YieldErr", func(t *testing.T) {
		var caught []error
		r := New(func(co *Co[int, int]) (int, error) {
			for i := 1; ; i++ {
				s, err := co.YieldErr(i)
				if err != nil {
					caught = append(caught, err)
					if s != 0 {
						t.Errorf("YieldErr returned %d with the error", s)
					}
					continue
				}
				if s < 0 {
					return s, nil
				}
			}
		})
		r.Next()
		v, ok := r.Throw(errBoom)
		check(t, "Throw", v, ok, 2, true)
		errTwo := fmt.Errorf("two: %w", errBoom)
		v, ok = r.Throw(errTwo)
		check(t, "second Throw", v, ok, 3, true)
		v, ok = r.Send(-3)
		check(t, "Send(-3)", v, ok, 0, false)
		checkEnd(t, r, -3, nil)
		if want := []error{errBoom, errTwo}; !reflect.DeepEqual(caught, want) {
			t.Errorf("caught %v, want %v", caught, want)
		}
	})

	t.Run("Yield", func(t *testing.T) {
		var trace []string
		r := New(func(co *Co[int, int]) (int, error) {
			defer func() { trace = append(trace, "defer 1") }()
			x := 10
			defer func(x int) { trace = append(trace, fmt.Sprint("defer 2 x=", x)) }(x)
			x = co.Yield(1)
			trace = append(trace, "after Yield")
			return x, nil
		})
		r.Next()
		v, ok := r.Throw(errBoom)
		check(t, "Throw", v, ok, 0, false)
		checkEnd(t, r, 0, errBoom)
		if want := []string{"defer 2 x=10", "defer 1"}; !reflect.DeepEqual(trace, want) {
			t.Errorf("trace %q, want %q", trace, want)
		}
	})
}

func TestClose(t *testing.T) {
	errOther := errors.New("other")
	type body = func(co *Co[int, int], trace *[]string) (int, error)
	tests := []struct {
		name     string
		body     body
		start    bool     // Next once before Close
		closeErr error    // of Close
		err      error    // of Err after Close
		result   int      // after Close
		trace    []string // of the body
	}{
		{
			name:  "created",
			body:  func(co *Co[int, int], trace *[]string) (int, error) { *trace = append(*trace, "ran"); return 1, nil },
			trace: nil,
		},
		{
			name: "done",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				*trace = append(*trace, "ran")
				return 1, errOther // Close on done returns nil, but Err stays
			},
			start: true, err: errOther, result: 1, trace: []string{"ran"},
		},
		{
			name: "Yield",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				defer func() { *trace = append(*trace, "defer 1") }()
				defer func() { *trace = append(*trace, "defer 2") }()
				co.Yield(1)
				*trace = append(*trace, "after Yield")
				return 1, nil
			},
			start: true, trace: []string{"defer 2", "defer 1"},
		},
		{
			name: "YieldErr returns nil",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				defer func() { *trace = append(*trace, "defer") }()
				_, err := co.YieldErr(1)
				*trace = append(*trace, fmt.Sprint("got ", err))
				return 7, nil
			},
			start: true, result: 7, trace: []string{"got coro: coroutine closed", "defer"},
		},
		{
			name: "YieldErr returns ErrClosed",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				_, err := co.YieldErr(1)
				return 7, err
			},
			start: true, result: 7,
		},
		{
			name: "YieldErr returns wrapped ErrClosed",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				_, err := co.YieldErr(1)
				return 7, fmt.Errorf("cleanup: %w", err)
			},
			start: true, result: 7,
		},
		{
			name: "YieldErr returns another error",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				co.YieldErr(1)
				return 7, errOther
			},
			start: true, closeErr: errOther, err: errOther, result: 7,
		},
		{
			name: "YieldErr then Yield",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				defer func() { *trace = append(*trace, "defer") }()
				for {
					_, err := co.YieldErr(1)
					*trace = append(*trace, fmt.Sprint("got ", err))
					co.Yield(2)
					*trace = append(*trace, "after Yield")
				}
			},
			start: true, closeErr: ErrIgnoredClose, err: ErrIgnoredClose, trace: []string{"got coro: coroutine closed", "defer"},
		},
		{
			name: "YieldErr then YieldErr",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				defer func() { *trace = append(*trace, "defer") }()
				for {
					_, err := co.YieldErr(1)
					*trace = append(*trace, fmt.Sprint("got ", err))
				}
			},
			start: true, closeErr: ErrIgnoredClose, err: ErrIgnoredClose, trace: []string{"got coro: coroutine closed", "defer"},
		},
		{
			name: "Yield in a deferred call while unwinding",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				defer func() { *trace = append(*trace, "defer 1") }()
				defer func() {
					*trace = append(*trace, "defer 2")
					co.Yield(3)
					*trace = append(*trace, "after deferred Yield")
				}()
				defer func() {
					*trace = append(*trace, "defer 3")
					co.YieldErr(4)
					*trace = append(*trace, "after deferred YieldErr")
				}()
				co.Yield(1)
				return 1, nil
			},
			start: true, trace: []string{"defer 3", "defer 2", "defer 1"},
		},
		{
			name: "Yield in a deferred call after ignoring",
			body: func(co *Co[int, int], trace *[]string) (int, error) {
				defer func() {
					*trace = append(*trace, "defer")
					co.Yield(3)
					*trace = append(*trace, "after deferred Yield")
				}()
				co.YieldErr(1)
				co.Yield(2)
				return 1, nil
			},
			start: true, closeErr: ErrIgnoredClose, err: ErrIgnoredClose, trace: []string{"defer"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var trace []string
			r := New(func(co *Co[int, int]) (int, error) { return tt.body(co, &trace) })
			if tt.start {
				r.Next()
			}
			if err := r.Close(); err != tt.closeErr {
				t.Errorf("Close() = %v, want %v", err, tt.closeErr)
			}
			checkEnd(t, r, tt.result, tt.err)
			if !reflect.DeepEqual(trace, tt.trace) {
				t.Errorf("trace %q, want %q", trace, tt.trace)
			}
			// Closing twice is a no-op.
			if err := r.Close(); err != nil {
				t.Errorf("second Close() = %v, want nil", err)
			}
			checkEnd(t, r, tt.result, tt.err)
			if v, ok := r.Next(); ok {
				t.Errorf("Next() after Close = %v, true", v)
			}
		})
	}
}

func TestResult(t *testing.T) {
	errOther := errors.New("other")
	tests := []struct {
		name   string
		body   func(co *Co[int, struct{}]) (string, error)
		result string
		err    error
	}{
		{"value", func(co *Co[int, struct{}]) (string, error) { co.Yield(1); return "v", nil }, "v", nil},
		{"error", func(co *Co[int, struct{}]) (string, error) { co.Yield(1); return "", errOther }, "", errOther},
		{"both", func(co *Co[int, struct{}]) (string, error) { co.Yield(1); return "v", errOther }, "v", errOther},
		{"no yield", func(co *Co[int, struct{}]) (string, error) { return "v", nil }, "v", nil},
		// ErrClosed is mapped to nil only after a Close.
		{"ErrClosed", func(co *Co[int, struct{}]) (string, error) { co.Yield(1); return "v", ErrClosed }, "v", ErrClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(tt.body)
			if r.Result() != "" || r.Err() != nil {
				t.Errorf("before the end: Result() = %q, Err() = %v", r.Result(), r.Err())
			}
			n := 0
			for _, ok := r.Next(); ok; _, ok = r.Next() {
				if r.Result() != "" || r.Err() != nil {
					t.Errorf("suspended: Result() = %q, Err() = %v", r.Result(), r.Err())
				}
				n++
			}
			checkEnd(t, r, tt.result, tt.err)
		})
	}
}

func TestPanic(t *testing.T) {
	errPanic := errors.New("panic value")
	tests := []struct {
		name   string
		resume func(r *Ref[int, int, int])
	}{
		{"Next at start", func(r *Ref[int, int, int]) { r.Next() }},
		{"Send", func(r *Ref[int, int, int]) { r.Next(); r.Send(1) }},
		{"Throw", func(r *Ref[int, int, int]) { r.Next(); r.Throw(errBoom) }},
		{"Close", func(r *Ref[int, int, int]) { r.Next(); r.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var trace []string
			r := New(func(co *Co[int, int]) (int, error) {
				defer func() { trace = append(trace, "defer") }()
				if tt.name != "Next at start" {
					co.YieldErr(1)
				}
				panic(errPanic)
			})
			if v := mustPanic(t, func() { tt.resume(r) }); v != errPanic {
				t.Errorf("panicked with %v, want %v", v, errPanic)
			}
			checkEnd(t, r, 0, nil)
			if want := []string{"defer"}; !reflect.DeepEqual(trace, want) {
				t.Errorf("trace %q, want %q", trace, want)
			}
			v, ok := r.Next()
			check(t, "Next after the panic", v, ok, 0, false)
			if err := r.Close(); err != nil {
				t.Errorf("Close after the panic = %v", err)
			}
		})
	}

	t.Run("in a deferred call while unwinding", func(t *testing.T) {
		r := New(func(co *Co[int, int]) (int, error) {
			defer func() { panic("from defer") }()
			co.Yield(1)
			return 1, nil
		})
		r.Next()
		if v := mustPanic(t, func() { r.Throw(errBoom) }); v != "from defer" {
			t.Errorf("panicked with %v", v)
		}
		checkEnd(t, r, 0, nil)
	})

	t.Run("nil", func(t *testing.T) {
		r := New(func(co *Co[int, int]) (int, error) { panic(nil) })
		v := mustPanic(t, func() { r.Next() })
		if _, ok := v.(*runtime.PanicNilError); !ok {
			t.Errorf("panicked with %T %v, want *runtime.PanicNilError", v, v)
		}
		checkEnd(t, r, 0, nil)
	})
}

func TestReentrant(t *testing.T) {
	tests := []struct {
		op     string
		call   func(r *Ref[int, int, int])
		resume func(r *Ref[int, int, int]) // the outer resume, from the suspended state
	}{
		{"Next", func(r *Ref[int, int, int]) { r.Next() }, func(r *Ref[int, int, int]) { r.Next() }},
		{"Send", func(r *Ref[int, int, int]) { r.Send(1) }, func(r *Ref[int, int, int]) { r.Send(2) }},
		{"Throw", func(r *Ref[int, int, int]) { r.Throw(errBoom) }, func(r *Ref[int, int, int]) { r.Throw(errBoom) }},
		{"Close", func(r *Ref[int, int, int]) { r.Close() }, func(r *Ref[int, int, int]) { r.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			var r *Ref[int, int, int]
			r = New(func(co *Co[int, int]) (int, error) {
				defer func() {
					// While unwinding the coroutine is still running.
					if e := r.Err(); e != nil {
						t.Errorf("Err() while unwinding = %v", e)
					}
				}()
				co.YieldErr(1) // the outer resume raises or sends here
				tt.call(r)
				t.Errorf("%s from inside returned", tt.op)
				return 0, nil
			})
			r.Next()
			v := mustPanic(t, func() { tt.resume(r) })
			err, ok := v.(error)
			if !ok || !errors.Is(err, ErrRunning) {
				t.Fatalf("panicked with %v, want an error wrapping ErrRunning", v)
			}
			if !strings.Contains(err.Error(), "coroutine already running") {
				t.Errorf("panic message %q", err.Error())
			}
			checkEnd(t, r, 0, nil)
		})
	}
}

func TestAll(t *testing.T) {
	counter := func(n int, trace *[]string) *Ref[int, struct{}, int] {
		return New(func(co *Co[int, struct{}]) (int, error) {
			defer func() { *trace = append(*trace, "defer") }()
			for i := range n {
				co.Yield(i)
			}
			return n, nil
		})
	}

	t.Run("to the end", func(t *testing.T) {
		var trace []string
		r := counter(3, &trace)
		var got []int
		for v := range r.All() {
			got = append(got, v)
		}
		if want := []int{0, 1, 2}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		checkEnd(t, r, 3, nil)
		for v := range r.All() {
			t.Errorf("All() on done yielded %v", v)
		}
	})

	t.Run("break", func(t *testing.T) {
		var trace []string
		r := counter(10, &trace)
		for v := range r.All() {
			trace = append(trace, fmt.Sprint(v))
			if v == 1 {
				break
			}
		}
		checkEnd(t, r, 0, nil)
		if want := []string{"0", "1", "defer"}; !reflect.DeepEqual(trace, want) {
			t.Errorf("trace %q, want %q", trace, want)
		}
	})

	t.Run("return", func(t *testing.T) {
		var trace []string
		r := counter(10, &trace)
		first := func() int {
			for v := range r.All() {
				return v
			}
			return -1
		}
		if v := first(); v != 0 {
			t.Errorf("first() = %d", v)
		}
		checkEnd(t, r, 0, nil)
		if want := []string{"defer"}; !reflect.DeepEqual(trace, want) {
			t.Errorf("trace %q, want %q", trace, want)
		}
	})

	t.Run("panic in the loop", func(t *testing.T) {
		var trace []string
		r := counter(10, &trace)
		v := mustPanic(t, func() {
			for range r.All() {
				panic("loop")
			}
		})
		if v != "loop" {
			t.Errorf("panicked with %v", v)
		}
		checkEnd(t, r, 0, nil)
		if want := []string{"defer"}; !reflect.DeepEqual(trace, want) {
			t.Errorf("trace %q, want %q", trace, want)
		}
	})

	t.Run("Close error dropped", func(t *testing.T) {
		errOther := errors.New("other")
		r := New(func(co *Co[int, struct{}]) (int, error) {
			co.YieldErr(1)
			return 2, errOther
		})
		for range r.All() {
			break
		}
		checkEnd(t, r, 2, errOther)
	})

	t.Run("panic in the body", func(t *testing.T) {
		var trace []string
		r := New(func(co *Co[int, struct{}]) (int, error) {
			defer func() { trace = append(trace, "defer") }()
			co.Yield(1)
			panic("body")
		})
		v := mustPanic(t, func() {
			for range r.All() {
			}
		})
		if v != "body" {
			t.Errorf("panicked with %v", v)
		}
		checkEnd(t, r, 0, nil)
		if want := []string{"defer"}; !reflect.DeepEqual(trace, want) {
			t.Errorf("trace %q, want %q", trace, want)
		}
	})
}

// waitGoroutines waits up to 5 s, collecting garbage, until at most n goroutines run.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		got := runtime.NumGoroutine()
		if got <= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after 5 s, want at most %d", got, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDropNoLeak(t *testing.T) {
	const n = 1000
	tests := []struct {
		name    string
		start   func(unwound *atomic.Int64) // makes one suspended coroutine and drops it
		defers  int64                       // unwound per start
		yielded int                         // goroutines per start while suspended
	}{
		{"Yield", func(unwound *atomic.Int64) {
			r := New(func(co *Co[int, int]) (int, error) {
				defer unwound.Add(1)
				for {
					co.Yield(1)
				}
			})
			r.Next()
		}, 1, 1},
		{"YieldErr", func(unwound *atomic.Int64) {
			r := New(func(co *Co[int, int]) (int, error) {
				defer unwound.Add(1)
				for {
					if _, err := co.YieldErr(1); err != nil {
						return 0, err
					}
				}
			})
			r.Next()
		}, 1, 1},
		{"nested", func(unwound *atomic.Int64) {
			// The inner coroutine lives on the outer goroutine's stack: it is garbage only
			// after the outer one has unwound.
			r := New(func(co *Co[int, int]) (int, error) {
				defer unwound.Add(1)
				inner := New(func(co *Co[int, int]) (int, error) {
					defer unwound.Add(1)
					for {
						co.Yield(2)
					}
				})
				v, _ := inner.Next()
				for {
					co.Yield(v)
				}
			})
			r.Next()
		}, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			waitGoroutines(t, runtime.NumGoroutine()) // let earlier tests' goroutines end
			base := runtime.NumGoroutine()
			var unwound atomic.Int64
			for range n {
				tt.start(&unwound)
			}
			if got := runtime.NumGoroutine(); got < base+n*tt.yielded {
				t.Fatalf("%d goroutines while suspended, want at least %d", got, base+n*tt.yielded)
			}
			waitGoroutines(t, base)
			if got := unwound.Load(); got != n*tt.defers {
				t.Errorf("%d deferred calls ran, want %d", got, n*tt.defers)
			}
		})
	}
}

func TestCreatedNoGoroutine(t *testing.T) {
	base := runtime.NumGoroutine()
	refs := make([]*Ref[int, int, int], 100)
	for i := range refs {
		refs[i] = New(func(co *Co[int, int]) (int, error) { co.Yield(1); return 0, nil })
	}
	for i := range refs[:50] {
		refs[i].Throw(errBoom)
		refs[i+50].Close()
	}
	if got := runtime.NumGoroutine(); got != base {
		t.Errorf("%d goroutines, want %d", got, base)
	}
	runtime.KeepAlive(refs)
}

func TestYieldOutside(t *testing.T) {
	var zero Co[int, int]
	tests := []struct {
		name   string
		marker string
		call   func()
	}{
		{"nil Yield", "Yield", func() { (*Co[int, int])(nil).Yield(1) }},
		{"nil YieldErr", "YieldErr", func() { (*Co[int, int])(nil).YieldErr(1) }},
		{"zero Yield", "Yield", func() { zero.Yield(1) }},
		{"zero YieldErr", "YieldErr", func() { zero.YieldErr(1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := mustPanic(t, tt.call)
			msg, _ := v.(string)
			if !strings.HasPrefix(msg, "coro: "+tt.marker+" called outside a coroutine") ||
				!strings.Contains(msg, "go generate") || !strings.Contains(msg, "coro.New") {
				t.Errorf("panicked with %v", v)
			}
		})
	}
}

func TestGoexit(t *testing.T) {
	var trace []string
	r := New(func(co *Co[int, int]) (int, error) {
		defer func() { trace = append(trace, "body defer") }()
		co.Yield(1)
		runtime.Goexit()
		return 0, nil
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { trace = append(trace, "resumer defer") }()
		r.Next()
		r.Next()
		trace = append(trace, "after Next")
	}()
	<-done
	checkEnd(t, r, 0, nil)
	if want := []string{"body defer", "resumer defer"}; !reflect.DeepEqual(trace, want) {
		t.Errorf("trace %q, want %q", trace, want)
	}
}
