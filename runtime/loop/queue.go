package loop

// Queue is a first-in, first-out queue between the tasks of a loop (asyncio.Queue): Put waits
// while it is full, Get while it is empty, and waiting tasks are served in the order they came.
// Make one with [NewQueue].
type Queue[T any] struct {
	l       *Loop
	max     int
	items   []T // items[head:] are queued
	head    int
	getters []getOp[T] // waiting, in order; entries of tasks no longer waiting are skipped
	putters []putOp[T]
}

// NewQueue returns a queue of l that holds at most max items; max <= 0 means no limit, so Put
// never waits.
func NewQueue[T any](l *Loop, max int) *Queue[T] {
	return &Queue[T]{l: l, max: max}
}

// Len returns the number of items queued.
func (q *Queue[T]) Len() int { return len(q.items) - q.head }

// Put returns the request to add v at the end of the queue, waiting while it is full. A task
// waiting for the queue to be empty gets v at once.
func (q *Queue[T]) Put(v T) Request {
	if q == nil {
		return bad("a Put on a nil *Queue")
	}
	return Request{kind: kindQueue, x: &putOp[T]{q: q, v: v}}
}

// Get returns the request to take the item at the front of the queue into *p, waiting while the
// queue is empty. p may be nil to drop the item.
func (q *Queue[T]) Get(p *T) Request {
	if q == nil {
		return bad("a Get on a nil *Queue")
	}
	return Request{kind: kindQueue, x: &getOp[T]{q: q, p: p}}
}

// TryPut adds v without waiting, if the queue is not full, and reports whether it did.
func (q *Queue[T]) TryPut(v T) bool {
	if q.giveToGetter(v) {
		return true
	}
	if q.max > 0 && q.Len() >= q.max {
		return false
	}
	q.items = append(q.items, v)
	return true
}

// TryGet takes the item at the front without waiting, if there is one.
func (q *Queue[T]) TryGet() (T, bool) {
	var zero T
	if q.Len() == 0 {
		return zero, false
	}
	v := q.items[q.head]
	q.items[q.head] = zero
	q.head++
	if q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	} else if q.head >= 1024 && 2*q.head >= len(q.items) {
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items, q.head = q.items[:n], 0
	}
	// Room was made: the first waiting putter puts its item.
	for len(q.putters) > 0 {
		p := q.putters[0]
		q.putters = q.putters[1:]
		if q.l.wakeTask(p.t, p.token, nil) {
			p.t.answered = true
			q.items = append(q.items, p.v)
			break
		}
	}
	return v, true
}

// giveToGetter hands v to the first task waiting in Get, if any.
func (q *Queue[T]) giveToGetter(v T) bool {
	for len(q.getters) > 0 {
		g := q.getters[0]
		q.getters = q.getters[1:]
		if q.l.wakeTask(g.t, g.token, nil) {
			g.t.answered = true
			if g.p != nil {
				*g.p = v
			}
			return true
		}
	}
	return false
}

// queueOp is a Put or a Get.
type queueOp interface {
	loop() *Loop
	// do serves the request of t: true when t goes on at once, false when it waits.
	do(t *task) bool
	String() string
}

type putOp[T any] struct {
	q     *Queue[T]
	v     T
	t     *task
	token uint32
}

func (op *putOp[T]) loop() *Loop    { return op.q.l }
func (op *putOp[T]) String() string { return "puts to a full queue" }

func (op *putOp[T]) do(t *task) bool {
	if op.q.TryPut(op.v) {
		return true
	}
	op.q.l.wait(t, kindQueue, op)
	op.t, op.token = t, t.token
	op.q.putters = append(op.q.putters, *op)
	return false
}

type getOp[T any] struct {
	q     *Queue[T]
	p     *T
	t     *task
	token uint32
}

func (op *getOp[T]) loop() *Loop    { return op.q.l }
func (op *getOp[T]) String() string { return "gets from an empty queue" }

func (op *getOp[T]) do(t *task) bool {
	if v, ok := op.q.TryGet(); ok {
		if op.p != nil {
			*op.p = v
		}
		return true
	}
	op.q.l.wait(t, kindQueue, op)
	op.t, op.token = t, t.token
	op.q.getters = append(op.q.getters, *op)
	return false
}
