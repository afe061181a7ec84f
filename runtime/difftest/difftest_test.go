package difftest_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	coro "github.com/stackless-go/coro/runtime"
	"github.com/stackless-go/coro/runtime/difftest"
)

func TestRecord(t *testing.T) {
	body := func(co *coro.Co[int, int]) (string, error) {
		difftest.Logf("start")
		v := co.Yield(1)
		if v < 0 {
			panic("negative")
		}
		_, err := co.YieldErr(v)
		return "r", err
	}
	before := difftest.RefGoroutines()
	tr := difftest.Record(func() {
		c := difftest.On("c", difftest.Pick(true, nil, body))
		c.Status()
		c.Next()
		c.Send(5)
		c.Throw(errors.New("boom"))
		c.End()
		d := difftest.On("d", difftest.Pick(true, nil, body))
		d.Next()
		d.Send(-1)
		d.Range(-1)
		e := difftest.On("e", difftest.Pick(true, nil, body))
		e.Range(1)
		e.Close()
		e.End()
		panic("driver")
	})
	want := `c.Status() = created
log: start
c.Next() = 1, true
c.Send(5) = 5, true
c.Throw(boom) = 0, false
c.End() = result "r", err boom, done
log: start
d.Next() = 1, true
d.Send(-1) panic: negative
d.Range(-1) = [] done
log: start
e.Range(1) = [1] break
e.Close() = <nil>
e.End() = result "", err <nil>, done
driver panic: driver
`
	if got := tr.String(); got != want {
		t.Errorf("trace:\n%s\nwant:\n%s", got, want)
	}
	if difftest.Current() != nil {
		t.Errorf("Current() after Record = %v, want nil", difftest.Current())
	}
	if left := difftest.Leaked(before, time.Second); left != "" {
		t.Errorf("leaked:\n%s", left)
	}
}

// TestRangeEach: RangeDoing calls its op after the at-th value only, RangeEach after every
// each-th; the range goes on from where the op left the coroutine.
func TestRangeEach(t *testing.T) {
	count := func(co *coro.Co[int, struct{}]) (struct{}, error) {
		for i := range 7 {
			co.Yield(i)
		}
		return struct{}{}, nil
	}
	tr := difftest.Record(func() {
		c := difftest.On("c", difftest.Pick(true, nil, count))
		c.RangeDoing(-1, 2, func() { c.Next() })
		d := difftest.On("d", difftest.Pick(true, nil, count))
		d.RangeEach(4, 2, func() { d.Next() })
		d.Close()
		e := difftest.On("e", difftest.Pick(true, nil, count))
		e.RangeEach(-1, 0, func() { e.Next() })
	})
	want := `c.Next() = 2, true
c.RangeDoing(-1, 2) = [0 1 3 4 5 6] done
d.Next() = 2, true
d.Next() = 5, true
d.RangeEach(4, 2) = [0 1 3 4] break
d.Close() = <nil>
e.RangeEach(-1, 0) = [0 1 2 3 4 5 6] done
`
	if got := tr.String(); got != want {
		t.Errorf("trace:\n%s\nwant:\n%s", got, want)
	}
}

func TestLeaked(t *testing.T) {
	before := difftest.RefGoroutines()
	c := coro.New(func(co *coro.Co[int, int]) (int, error) { return co.Yield(1), nil })
	c.Next()
	if left := difftest.Leaked(before, 10*time.Millisecond); !strings.Contains(left, "goroutine ") {
		t.Errorf("a suspended reference coroutine is not reported: %q", left)
	}
	c.Close()
	if left := difftest.Leaked(before, time.Second); left != "" {
		t.Errorf("leaked after Close:\n%s", left)
	}
}
