// Package loop is the asyncio of coro: a single-goroutine event loop that runs tasks, coroutines
// that talk to the loop by yielding a [Request] and being resumed when it is answered.
//
// A task is any coro.Coroutine[loop.Request, struct{}, R] ([Coroutine][R]): a machine generated
// from a //coro:gen function whose first parameter is co *coro.Co[loop.Request, struct{}], a body
// run by coro.New (whose parameter may also be spelled co *loop.Co, the same type; the generator
// wants the long spelling), or a hand-written one. Its result R and error are read from the
// *Task[R] that [Spawn] returns. What a task yields tells the loop what it waits for:
//
//	co.Yield(loop.Sleep(d))           // asyncio.sleep(d)
//	co.Yield(loop.Pass())             // asyncio.sleep(0): let the other ready tasks run
//	co.Yield(t.Await())               // await t, a task; then v, _ := t.Result()
//	co.Yield(loop.Gather(t1, t2, f))  // asyncio.gather(t1, t2, f)
//	co.Yield(q.Put(v))                // await q.put(v)
//	co.Yield(q.Get(&v))               // v = await q.get()
//	co.Yield(f.Await())               // await f, a future completed by any goroutine
//
// An error is delivered at the pending yield with Throw: a failed awaited task's error, the
// first error of a gather, [ErrCanceled] after [Task.Cancel], and the errors of bad use
// ([ErrBadRequest]: the zero Request, awaiting a nil task or the task itself, a request on
// another loop's task, future or queue). A plain
// co.Yield unwinds (the task's defers run and it ends with that error, as an exception
// propagates through await in Python); co.YieldErr receives it as a value.
//
// The values sent back are struct{}: results come from typed handles (a Task's or a Future's
// Result, the variable given to Queue.Get), so everything stays typed without type assertions.
//
// Order is deterministic: ready tasks run first in, first out; a spawned task starts after the
// tasks already ready; timers fire in order of deadline, then of the Sleep call; waiters of a
// task, a future or a queue are woken in the order they started waiting. With the [Virtual]
// clock a program that does not use goroutines outside the loop prints the same every run.
//
// A Loop and its tasks, queues and futures are used by one goroutine: the one that calls Run,
// together with the task bodies it resumes (a coro.New body runs on its own goroutine, but only
// while the loop waits for it, so it may use them too). Only [Future.Set], [Future.Fail] and
// [Go] may be called from any goroutine: they are the bridge to blocking Go code.
package loop

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	coro "github.com/stackless-go/coro/runtime"
)

// Co is the handle of a task body: co *loop.Co is the same type as
// co *coro.Co[loop.Request, struct{}]. (A //coro:gen function must spell it out for now: the
// generator recognises the parameter by its spelling.)
type Co = coro.Co[Request, struct{}]

// Coroutine is what a task is: a coroutine that yields requests to the loop, is sent nothing, and
// returns R.
type Coroutine[R any] = coro.Coroutine[Request, struct{}, R]

var (
	// ErrCanceled is the error [Task.Cancel] raises at the task's pending yield, and the error
	// of a task that ends by it.
	ErrCanceled = errors.New("loop: task canceled")
	// ErrDeadlock is wrapped by the [DeadlockError] that Run returns when every task is waiting
	// and nothing can wake any of them.
	ErrDeadlock = errors.New("loop: deadlock")
	// ErrBadRequest is wrapped by the error raised in a task that yields a Request the loop
	// cannot serve: the zero Request, an await of a nil task or of the task itself, a request
	// of another loop.
	ErrBadRequest = errors.New("loop: bad request")
	// ErrNotDone is wrapped by the error of Result on a task or future that has not finished:
	// reading a result is not awaiting it; await it from a task, or read it after Run.
	ErrNotDone = errors.New("loop: not done")
	// ErrRunning is returned by Run called while the loop runs (from one of its own tasks).
	ErrRunning = errors.New("loop: Run called while the loop is running: a task waits by yielding a Request (t.Await(), loop.Sleep, ...), not by running the loop")
	// ErrRunTwice is returned by Run on a loop that has already run: a Loop runs once.
	ErrRunTwice = errors.New("loop: Run called on a loop that has already run: a Loop runs once, make a new one with loop.New")
)

// Loop runs tasks on one goroutine. Make one with [New]; the zero Loop is not usable.
type Loop struct {
	clock   Clock
	start   time.Time
	started bool

	ready   ring
	timers  timerHeap
	timerSq uint64
	live    taskList // tasks spawned and not finished, in spawn order
	nextID  uint32
	current *task // the task being resumed

	futureWaiters int // tasks waiting on a future that is not done: something outside may wake them
	failed        []*task
	main          *task // Main's task: when it ends, the others are canceled

	// Shared with other goroutines (Future.Set, Go), under mu.
	mu       sync.Mutex
	state    loopState
	stateNow atomic.Uint32 // state, for Spawn to read without the lock
	inbox    []func()
	inboxN   atomic.Int32 // len(inbox), read without the lock on every turn
	wake     chan struct{}
}

type loopState uint8

const (
	loopNew loopState = iota
	loopRunning
	loopFinished
)

// New returns a loop that reads time from clock: [Real] for the wall clock (nil means Real),
// or a [Virtual] clock that jumps to the next timer when every task waits.
func New(clock Clock) *Loop {
	if clock == nil {
		clock = Real()
	}
	return &Loop{clock: clock, wake: make(chan struct{}, 1)}
}

// Now returns the time on the loop's clock.
func (l *Loop) Now() time.Time { return l.clock.Now() }

// Elapsed returns the time on the loop's clock since Run started (zero before).
func (l *Loop) Elapsed() time.Duration {
	if !l.started {
		return 0
	}
	return l.clock.Now().Sub(l.start)
}

// Main runs the coroutine that main returns as the main task of a new loop with the given clock
// (nil: real time), as Python's asyncio.run: main gets the loop, to spawn tasks and make queues
// and futures. When the main task finishes, the tasks it left running are canceled (their defers
// run); Main returns once every task has ended, with the main task's result and error, or, if it
// ended without an error, the error of Run (another task's error nobody awaited, a deadlock).
func Main[R any](clock Clock, main func(l *Loop) Coroutine[R]) (R, error) {
	l := New(clock)
	t := Spawn(l, main(l))
	l.main = &t.task
	err := l.Run()
	r, terr := t.Result()
	if terr != nil {
		return r, terr
	}
	return r, err
}

// Run runs the tasks until all of them have finished, and returns nil, or the errors nothing
// observed: of tasks that failed (with an error other than ErrCanceled) while no task awaited
// them and nobody read their Result. When every task waits and nothing can wake any of them (no
// task ready, no timer, no future pending outside the loop) Run ends the waiting tasks, so their
// defers run, and returns a [DeadlockError] (with errors.Is(err, ErrDeadlock)). A future that a
// task waits for and that is not complete counts as pending outside: Run waits for it.
//
// A panic in a task body comes out of Run; the loop cannot run again.
//
// A Loop runs once: Run on a loop that has run returns [ErrRunTwice], and Run from inside one of
// its tasks returns [ErrRunning].
func (l *Loop) Run() (err error) {
	l.mu.Lock()
	switch l.state {
	case loopRunning:
		l.mu.Unlock()
		return ErrRunning
	case loopFinished:
		l.mu.Unlock()
		return ErrRunTwice
	}
	l.state = loopRunning
	l.stateNow.Store(uint32(loopRunning))
	l.mu.Unlock()
	defer l.stop()

	l.start, l.started = l.clock.Now(), true
	var deadlock error
	for {
		if l.inboxN.Load() != 0 {
			l.drain()
		}
		if l.timers.len() > 0 {
			l.fireTimers(l.clock.Now())
		}
		if n := l.ready.len(); n > 0 {
			// One round: the tasks ready now. Tasks they wake run in the next round, after
			// the inbox and the timers are looked at again.
			for range n {
				l.step(l.ready.pop())
			}
			continue
		}
		l.purgeTimers()
		switch {
		case l.timers.len() > 0:
			l.clock.SleepUntil(l.timers.peek().when, l.wake)
		case l.live.n == 0:
			return l.report(deadlock)
		case l.futureWaiters > 0:
			<-l.wake
		default:
			d := l.breakDeadlock()
			if deadlock == nil {
				deadlock = d
			}
		}
	}
}

// stop ends Run however it ends: later completions from outside apply to their futures directly.
func (l *Loop) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.state = loopFinished
	l.stateNow.Store(uint32(loopFinished))
	for _, f := range l.inbox {
		f()
	}
	l.inbox = nil
	l.inboxN.Store(0)
}

// report builds the error of Run: the deadlock, then the unobserved failures.
func (l *Loop) report(deadlock error) error {
	var errs []error
	if deadlock != nil {
		errs = append(errs, deadlock)
	}
	for _, t := range l.failed {
		if !t.observed && !errors.Is(t.err, ErrDeadlock) {
			errs = append(errs, &TaskError{Task: t.String(), Err: t.err})
		}
	}
	l.failed = nil
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// TaskError is how Run reports the error of a task nothing observed.
type TaskError struct {
	Task string // the task's name
	Err  error
}

// Error names the task and its error.
func (e *TaskError) Error() string {
	return "loop: " + e.Task + " failed and nothing awaited it: " + e.Err.Error()
}

// Unwrap returns the task's error.
func (e *TaskError) Unwrap() error { return e.Err }

// DeadlockError is what Run returns when every task waits and nothing can wake them. Waiting
// lists each of those tasks and what it waited for. Run then closes them in spawn order, so their
// defers run, and each ends with this error; a task that was waiting for one of them is woken by
// that end first, gets this error at its yield as from any failed task it awaits, and unwinds
// (or handles it, with YieldErr).
type DeadlockError struct {
	Waiting []string
}

// Error lists the waiting tasks.
func (e *DeadlockError) Error() string {
	return "loop: deadlock: every task is waiting and nothing can wake any of them (no task ready, no timer, no future pending outside the loop): " + strings.Join(e.Waiting, "; ")
}

// Unwrap returns ErrDeadlock.
func (e *DeadlockError) Unwrap() error { return ErrDeadlock }

// breakDeadlock closes every waiting task, in spawn order, and returns the error it gave them.
func (l *Loop) breakDeadlock() error {
	d := &DeadlockError{}
	for t := l.live.head; t != nil; t = t.next {
		if t.state == waiting {
			d.Waiting = append(d.Waiting, t.String()+" "+t.describeWait())
		}
	}
	for t := l.live.head; t != nil; {
		next := t.next
		if t.state == waiting {
			l.unwait(t)
			t.state = running
			l.current = t
			cerr := t.m.Close()
			l.current = nil
			var err error = d
			if cerr != nil {
				err = errors.Join(d, cerr)
			}
			l.finish(t, err)
		}
		t = next
	}
	return d
}

// drain applies the completions other goroutines posted.
func (l *Loop) drain() {
	l.mu.Lock()
	in := l.inbox
	l.inbox = nil
	l.inboxN.Store(0)
	l.mu.Unlock()
	for _, f := range in {
		f()
	}
}

// post runs f on the loop: at once if the loop has finished, else at its next turn.
func (l *Loop) post(f func()) {
	l.mu.Lock()
	if l.state == loopFinished {
		l.mu.Unlock()
		f()
		return
	}
	l.inbox = append(l.inbox, f)
	l.inboxN.Store(int32(len(l.inbox)))
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// fireTimers wakes the tasks whose sleep ends at or before now.
func (l *Loop) fireTimers(now time.Time) {
	for l.timers.len() > 0 {
		if l.timers.peek().when.After(now) {
			return
		}
		tm := l.timers.pop()
		l.wakeTask(tm.t, tm.token, nil)
	}
}

// purgeTimers drops the timers at the top of the heap whose task no longer sleeps (canceled),
// so that the loop does not wait for them.
func (l *Loop) purgeTimers() {
	for l.timers.len() > 0 {
		tm := l.timers.peek()
		if tm.t.state == waiting && tm.t.token == tm.token {
			return
		}
		l.timers.pop()
	}
}

// step resumes t, and goes on resuming it while its requests are answered at once.
func (l *Loop) step(t *task) {
	err := t.throw
	t.throw, t.answered = nil, false
	for {
		t.state = running
		l.current = t
		var req Request
		var ok bool
		if err != nil {
			req, ok = t.m.Throw(err)
		} else {
			req, ok = t.m.Next()
		}
		l.current = nil
		if !ok {
			l.finish(t, t.m.Err())
			return
		}
		var again bool
		again, err = l.handle(t, req)
		if !again {
			return
		}
	}
}

// handle serves a request of t: it returns true and the error to raise (nil for none) when t goes
// on at once, false when t now waits or is queued.
func (l *Loop) handle(t *task, req Request) (bool, error) {
	if t.cancel {
		// Canceled while running (by itself, or by a task it resumed): raise it here.
		t.cancel = false
		return true, ErrCanceled
	}
	switch req.kind {
	case kindPass:
		l.enqueue(t)
		return false, nil
	case kindSleep:
		if req.d <= 0 {
			l.enqueue(t)
			return false, nil
		}
		l.wait(t, kindSleep, nil)
		l.timerSq++
		l.timers.push(timer{when: l.clock.Now().Add(req.d), seq: l.timerSq, t: t, token: t.token})
		return false, nil
	case kindAwait:
		ev := req.x.(*event)
		if err := l.check(t, ev); err != nil {
			return true, err
		}
		if ev.done {
			ev.observed = true
			return true, ev.err
		}
		l.wait(t, kindAwait, ev)
		ev.waiters = append(ev.waiters, waitEntry{t: t, token: t.token})
		return false, nil
	case kindGather:
		g := req.x.(*gather)
		for _, ev := range g.evs {
			if err := l.check(t, ev); err != nil {
				return true, err
			}
		}
		for _, ev := range g.evs {
			if !ev.done {
				g.left++
			}
		}
		if g.left == 0 {
			return true, g.result()
		}
		l.wait(t, kindGather, g)
		g.t, g.token = t, t.token
		for _, ev := range g.evs {
			if !ev.done {
				ev.waiters = append(ev.waiters, waitEntry{g: g})
			}
		}
		return false, nil
	case kindQueue:
		op := req.x.(queueOp)
		if op.loop() != l {
			return true, fmt.Errorf("%w: %s uses a queue of another loop", ErrBadRequest, t)
		}
		if op.do(t) {
			return true, nil
		}
		return false, nil
	case kindBad:
		return true, fmt.Errorf("%w: %s yielded %s", ErrBadRequest, t, req.x.(string))
	}
	return true, fmt.Errorf("%w: %s yielded the zero Request; yield what loop.Sleep, loop.Pass, loop.Gather, Task.Await, Future.Await, Queue.Put or Queue.Get return", ErrBadRequest, t)
}

// check validates an await of ev by t.
func (l *Loop) check(t *task, ev *event) error {
	switch {
	case ev.l != l:
		return fmt.Errorf("%w: %s awaits %s of another loop", ErrBadRequest, t, ev)
	case ev.owner == t:
		return fmt.Errorf("%w: %s awaits itself", ErrBadRequest, t)
	}
	return nil
}

// wait records that t waits for what (an *event, a *gather, a queue) until a wakeTask with its
// current token, or a cancel.
func (l *Loop) wait(t *task, kind kind, what any) {
	t.state = waiting
	t.token++
	t.waitKind, t.waitOn = kind, what
	if l.waitsOutside(kind, what) {
		t.waitsFuture = true
		l.futureWaiters++
	}
}

// waitsOutside tells whether something outside the loop may end the wait: a pending future.
func (l *Loop) waitsOutside(kind kind, what any) bool {
	switch kind {
	case kindAwait:
		return what.(*event).owner == nil
	case kindGather:
		for _, ev := range what.(*gather).evs {
			if !ev.done && ev.owner == nil {
				return true
			}
		}
	}
	return false
}

// unwait ends the wait of t, whatever it was.
func (l *Loop) unwait(t *task) {
	t.token++ // every entry that would wake t is stale now
	t.waitKind, t.waitOn = 0, nil
	if t.waitsFuture {
		t.waitsFuture = false
		l.futureWaiters--
	}
}

// wakeTask makes t ready, to be resumed with err raised, if it still waits with token.
func (l *Loop) wakeTask(t *task, token uint32, err error) bool {
	if t.state != waiting || t.token != token {
		return false
	}
	l.unwait(t)
	t.throw = err
	l.enqueue(t)
	return true
}

func (l *Loop) enqueue(t *task) {
	t.state = ready
	l.ready.push(t)
}

// finish records the end of t and wakes what waits for it.
func (l *Loop) finish(t *task, err error) {
	t.state = done
	t.done, t.err = true, err
	l.live.remove(t)
	l.complete(&t.event)
	if err != nil && !errors.Is(err, ErrCanceled) {
		l.failed = append(l.failed, t)
	}
	if t == l.main {
		for o := l.live.head; o != nil; o = o.next {
			o.cancelTask()
		}
	}
}

// complete wakes the waiters of a finished event, in the order they started waiting.
func (l *Loop) complete(ev *event) {
	ws := ev.waiters
	ev.waiters = nil
	for _, w := range ws {
		if w.g != nil {
			w.g.left--
			if w.g.left == 0 && l.wakeTask(w.g.t, w.g.token, nil) {
				w.g.t.throw = w.g.result()
			}
			continue
		}
		if l.wakeTask(w.t, w.token, ev.err) {
			ev.observed = true
		}
	}
}

// Clock is where the loop reads time and how it waits for a timer.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// SleepUntil returns when the clock reads t or later, or earlier when wake is ready
	// (something outside the loop completed a future); it tells whether t was reached.
	SleepUntil(t time.Time, wake <-chan struct{}) bool
}

// Real returns the wall clock: sleeping tasks wait for real.
func Real() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) SleepUntil(t time.Time, wake <-chan struct{}) bool {
	d := time.Until(t)
	if d <= 0 {
		return true
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return true
	case <-wake:
		return false
	}
}

// Virtual is a clock that only moves when the loop has nothing to run: it jumps to the next
// timer at once, so a simulation of hours runs in microseconds, always in the same order. It
// does not wait for goroutines outside the loop: while tasks sleep, a future completed from
// outside is seen only when no timer is left to jump to.
type Virtual struct {
	now time.Time
}

// NewVirtual returns a virtual clock that starts at start.
func NewVirtual(start time.Time) *Virtual { return &Virtual{now: start} }

// Now returns the virtual time.
func (v *Virtual) Now() time.Time { return v.now }

// SleepUntil sets the virtual time to t, if later, and returns true at once.
func (v *Virtual) SleepUntil(t time.Time, wake <-chan struct{}) bool {
	if t.After(v.now) {
		v.now = t
	}
	return true
}

// Request is what a task yields to the loop; make one with [Sleep], [Pass], [Gather],
// [Task.Await], [Future.Await], [Queue.Put] or [Queue.Get]. The zero Request is not a request:
// a task that yields it gets an error wrapping [ErrBadRequest].
type Request struct {
	kind kind
	d    time.Duration
	x    any // *event (await), *gather, queueOp, string (bad: what was wrong)
}

type kind uint8

const (
	kindZero kind = iota
	kindPass
	kindSleep
	kindAwait
	kindGather
	kindQueue
	kindBad
)

// String describes the request.
func (r Request) String() string {
	switch r.kind {
	case kindPass:
		return "pass"
	case kindSleep:
		return "sleep " + r.d.String()
	case kindAwait:
		return "await " + r.x.(*event).String()
	case kindGather:
		return "gather"
	case kindQueue:
		return r.x.(queueOp).String()
	case kindBad:
		return "bad request: " + r.x.(string)
	}
	return "zero Request"
}

// Sleep returns the request to sleep for d on the loop's clock (asyncio.sleep). A d of zero or
// less is [Pass].
func Sleep(d time.Duration) Request { return Request{kind: kindSleep, d: d} }

// Pass returns the request to let the other ready tasks run first: the task goes to the back of
// the ready queue (asyncio.sleep(0)).
func Pass() Request { return Request{kind: kindPass} }

// Awaitable is a task or a future: something [Gather] waits for.
type Awaitable interface {
	awaitable() *event
}

// Gather returns the request to wait until all of ws have finished (asyncio.gather). The task
// then goes on, or, if some failed, gets the error of the first of ws that failed, in argument
// order (read the others' from each). Results come from each task's or future's Result.
func Gather(ws ...Awaitable) Request {
	g := &gather{evs: make([]*event, len(ws))}
	for i, w := range ws {
		if w == nil {
			return bad(fmt.Sprintf("a Gather of a nil Awaitable (argument %d)", i))
		}
		ev := w.awaitable()
		if ev == nil {
			return bad(fmt.Sprintf("a Gather of a nil task or future (argument %d)", i))
		}
		g.evs[i] = ev
	}
	return Request{kind: kindGather, x: g}
}

func bad(what string) Request { return Request{kind: kindBad, x: what} }

type gather struct {
	evs   []*event
	left  int
	t     *task
	token uint32
}

// result marks every failed event observed and returns the first error in argument order.
func (g *gather) result() error {
	var first error
	for _, ev := range g.evs {
		if ev.err != nil {
			ev.observed = true
			if first == nil {
				first = ev.err
			}
		}
	}
	return first
}

// event is what can be awaited: a task's end or a future.
type event struct {
	l        *Loop
	owner    *task // the task whose end this is; nil for a future
	err      error
	waiters  []waitEntry
	done     bool
	observed bool // its error was delivered to someone, or its Result read
}

func (ev *event) String() string {
	if ev.owner != nil {
		return ev.owner.String()
	}
	return "a future"
}

// waitEntry is a task waiting for an event directly (g nil), or a gather.
type waitEntry struct {
	t     *task
	g     *gather
	token uint32
}

// machine is a task's coroutine, whatever its R.
type machine interface {
	Next() (Request, bool)
	Throw(err error) (Request, bool)
	Close() error
	Err() error
}

type taskState uint8

const (
	created taskState = iota // spawned, in the ready queue, not started
	ready                    // in the ready queue
	running
	waiting
	done
)

// task is the part of a Task that does not depend on R.
type task struct {
	event
	m           machine
	throw       error // to raise at the next resume
	waitOn      any   // what it waits for: *event, *gather, queue
	name        string
	prev, next  *task
	id          uint32
	token       uint32 // wait generation: entries with another token are stale
	state       taskState
	waitKind    kind
	cancel      bool // canceled while running or answered: ErrCanceled is raised at its next yield
	answered    bool // ready with a queue item or a completed put, which a Throw would lose
	waitsFuture bool
}

func (t *task) String() string {
	if t.name != "" {
		return t.name
	}
	return "task " + fmt.Sprint(t.id)
}

func (t *task) describeWait() string {
	switch t.waitKind {
	case kindAwait:
		return "awaits " + t.waitOn.(*event).String()
	case kindGather:
		var ns []string
		for _, ev := range t.waitOn.(*gather).evs {
			if !ev.done {
				ns = append(ns, ev.String())
			}
		}
		return "gathers " + strings.Join(ns, ", ")
	case kindQueue:
		return t.waitOn.(queueOp).String()
	}
	return "waits"
}

// Task is a coroutine run by a loop; [Spawn] makes one.
type Task[R any] struct {
	task
}

// String returns the task's name: the one given to SetName, or "task N" (N counts from 1 in
// spawn order).
func (t *Task[R]) String() string { return t.task.String() }

// Spawn makes c a task of l (asyncio.create_task). The task starts after the tasks ready now, or
// when Run starts. Spawn may be called before Run and from the loop's tasks; it panics on a loop
// that has finished, where the task would never run, and when it sees it is called from outside
// the loop while the loop runs.
func Spawn[R any](l *Loop, c Coroutine[R]) *Task[R] {
	if c == nil {
		panic("loop: Spawn of a nil coroutine")
	}
	st := loopState(l.stateNow.Load())
	switch {
	case st == loopFinished:
		panic("loop: Spawn on a loop that has finished running: the task would never run")
	case st == loopRunning && l.current == nil:
		panic("loop: Spawn from outside the loop while it runs: only the loop's tasks may spawn; hand work to the loop with a Future (loop.Go)")
	}
	t := &Task[R]{}
	t.l, t.owner, t.m = l, &t.task, c
	l.nextID++
	t.id = l.nextID
	l.live.add(&t.task)
	t.state = created
	l.ready.push(&t.task)
	return t
}

// SetName names the task in messages and errors, and returns it.
func (t *Task[R]) SetName(name string) *Task[R] {
	t.name = name
	return t
}

// Await returns the request to wait until t has finished: the yield returns then, or raises t's
// error if it failed. Read its result with Result.
func (t *Task[R]) Await() Request {
	if t == nil {
		return bad("an await of a nil *Task")
	}
	return Request{kind: kindAwait, x: &t.event}
}

func (t *Task[R]) awaitable() *event {
	if t == nil {
		return nil
	}
	return &t.event
}

// Result returns the task's result and error once it has finished. Before, it returns an error
// wrapping [ErrNotDone]: await the task from another task, or read it after Run.
func (t *Task[R]) Result() (R, error) {
	var zero R
	if !t.done {
		return zero, fmt.Errorf("%w: %s has not finished; await it from a task (co.Yield(t.Await())) or read it after Run returns", ErrNotDone, t)
	}
	t.observed = true
	return t.m.(interface{ Result() R }).Result(), t.err
}

// Done tells whether the task has finished.
func (t *Task[R]) Done() bool { return t.done }

// Cancel asks the task to stop (Python's Task.cancel): [ErrCanceled] is raised at its pending
// yield, so that a task suspended at a plain Yield unwinds, its defers run, and it ends with
// ErrCanceled, while one at YieldErr receives ErrCanceled and may go on.
//
//   - A waiting task stops waiting and is resumed with the error in the loop's order; what it
//     waited for is left as it was (a queue item it would have got stays in the queue).
//   - A task that has not started ends without running.
//   - A task that is ready to run gets the error at its pending yield, unless its wait was
//     answered with something a Throw would lose (it got an item from a queue, or its Put went
//     through): then it goes on with the answer and gets the error at its next yield. So does a
//     running task (one that cancels itself, or one a coro.New body cancels while it runs).
//
// Tasks awaiting this one are not canceled with it: they get its error. Cancel returns false if
// the task had already finished.
func (t *Task[R]) Cancel() bool { return t.task.cancelTask() }

func (t *task) cancelTask() bool {
	switch {
	case t.done:
		return false
	case t.state == waiting:
		t.l.unwait(t)
		t.throw = ErrCanceled
		t.l.enqueue(t)
	case t.state == running || t.answered:
		t.cancel = true
	default: // created, or ready with nothing to lose
		t.throw = ErrCanceled
	}
	return true
}

// Future is a value that is set once, by a task or by any goroutine: the bridge between the loop
// and blocking Go code. Tasks wait for it with Await.
type Future[T any] struct {
	event
	val  T
	once atomic.Bool // Set or Fail was called
}

// String describes the future in messages and errors: "a future".
func (f *Future[T]) String() string { return f.event.String() }

// NewFuture returns a future of l, not yet done.
func NewFuture[T any](l *Loop) *Future[T] {
	f := &Future[T]{}
	f.l = l
	return f
}

// Go runs fn on a new goroutine and returns a future that fn's result completes: the way for a
// task to wait for blocking Go code (a file, a network call, a lock) without blocking the loop
// (loop.run_in_executor). A panic in fn is a panic of that goroutine, and ends the program.
func Go[T any](l *Loop, fn func() (T, error)) *Future[T] {
	f := NewFuture[T](l)
	go func() {
		v, err := fn()
		if err != nil {
			f.Fail(err)
		} else {
			f.Set(v)
		}
	}()
	return f
}

// Set completes the future with v. It may be called from any goroutine; the tasks waiting for f
// are woken on the loop's goroutine, at its next turn. Only the first Set or Fail counts: Set
// reports whether it did.
func (f *Future[T]) Set(v T) bool {
	if !f.once.CompareAndSwap(false, true) {
		return false
	}
	f.l.post(func() {
		f.val = v
		f.done = true
		f.l.complete(&f.event)
	})
	return true
}

// Fail completes the future with the error err, raised at the yield of the tasks waiting for it.
// It may be called from any goroutine. Only the first Set or Fail counts: Fail reports whether it
// did. It panics if err is nil.
func (f *Future[T]) Fail(err error) bool {
	if err == nil {
		panic("loop: Future.Fail(nil)")
	}
	if !f.once.CompareAndSwap(false, true) {
		return false
	}
	f.l.post(func() {
		f.err = err
		f.done = true
		f.l.complete(&f.event)
	})
	return true
}

// Await returns the request to wait until f is done: the yield returns then, or raises f's error.
func (f *Future[T]) Await() Request {
	if f == nil {
		return bad("an await of a nil *Future")
	}
	return Request{kind: kindAwait, x: &f.event}
}

func (f *Future[T]) awaitable() *event {
	if f == nil {
		return nil
	}
	return &f.event
}

// Result returns the future's value and error once the loop has seen it complete (from its tasks,
// or after Run). Before, it returns an error wrapping [ErrNotDone].
func (f *Future[T]) Result() (T, error) {
	var zero T
	if !f.done {
		return zero, fmt.Errorf("%w: the future is not complete (as seen by the loop); await it from a task (co.Yield(f.Await()))", ErrNotDone)
	}
	f.observed = true
	return f.val, f.err
}

// Done tells whether the loop has seen the future complete.
func (f *Future[T]) Done() bool { return f.done }

// taskList is the list of live tasks, in spawn order.
type taskList struct {
	head, tail *task
	n          int
}

func (ls *taskList) add(t *task) {
	t.prev, t.next = ls.tail, nil
	if ls.tail == nil {
		ls.head = t
	} else {
		ls.tail.next = t
	}
	ls.tail = t
	ls.n++
}

func (ls *taskList) remove(t *task) {
	if t.prev == nil {
		ls.head = t.next
	} else {
		t.prev.next = t.next
	}
	if t.next == nil {
		ls.tail = t.prev
	} else {
		t.next.prev = t.prev
	}
	t.prev, t.next = nil, nil
	ls.n--
}

// ring is the FIFO of ready tasks.
type ring struct {
	buf        []*task
	head, size int
}

func (r *ring) len() int { return r.size }

func (r *ring) push(t *task) {
	if r.size == len(r.buf) {
		n := 2 * len(r.buf)
		if n == 0 {
			n = 16
		}
		buf := make([]*task, n)
		k := copy(buf, r.buf[r.head:])
		copy(buf[k:], r.buf[:r.head])
		r.buf, r.head = buf, 0
	}
	r.buf[(r.head+r.size)&(len(r.buf)-1)] = t
	r.size++
}

func (r *ring) pop() *task {
	t := r.buf[r.head]
	r.buf[r.head] = nil
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.size--
	return t
}

// timer is a sleeping task.
type timer struct {
	when  time.Time
	seq   uint64
	t     *task
	token uint32
}

func (a *timer) before(b *timer) bool {
	if a.when.Equal(b.when) {
		return a.seq < b.seq
	}
	return a.when.Before(b.when)
}

// timerHeap is a binary min-heap of timers by (when, seq).
type timerHeap struct{ h []timer }

func (h *timerHeap) len() int     { return len(h.h) }
func (h *timerHeap) peek() *timer { return &h.h[0] }

func (h *timerHeap) push(tm timer) {
	h.h = append(h.h, tm)
	i := len(h.h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h.h[i].before(&h.h[p]) {
			break
		}
		h.h[i], h.h[p] = h.h[p], h.h[i]
		i = p
	}
}

func (h *timerHeap) pop() timer {
	top := h.h[0]
	n := len(h.h) - 1
	h.h[0] = h.h[n]
	h.h[n] = timer{}
	h.h = h.h[:n]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && h.h[l].before(&h.h[m]) {
			m = l
		}
		if r < n && h.h[r].before(&h.h[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.h[i], h.h[m] = h.h[m], h.h[i]
		i = m
	}
	return top
}
