// Command simulation is a SimPy-style discrete-event simulation on the virtual clock of package
// loop: customers arrive at a bank at random, queue for one of two counters, are served for a
// random time and leave. Every process (the arrivals, each customer, each counter) is a generated
// state machine run by the loop; the clock jumps from event to event, so a morning at the bank
// runs in a millisecond, with the same output every run (the random numbers come from a seeded
// PCG). Flags scale it: -customers 1000000 -counters 2000 -quiet simulates a million customer
// processes on one goroutine.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	coro "github.com/stackless-go/coro/runtime"
	"github.com/stackless-go/coro/runtime/loop"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

var (
	customers = flag.Int("customers", 10, "how many customers come")
	counters  = flag.Int("counters", 2, "how many counters serve")
	quiet     = flag.Bool("quiet", false, "print the summary only")
)

// customer is one visit: when it arrived, and the future its counter completes when done.
type customer struct {
	id      int
	arrived time.Time
	served  *loop.Future[int] // the counter that served it
}

// bank is what the processes share.
type bank struct {
	l     *loop.Loop
	line  *loop.Queue[*customer]
	rng   *rand.PCG
	waits []time.Duration
	most  int // the longest line seen
}

// between returns a random duration in [lo, hi), to the second.
func (b *bank) between(lo, hi time.Duration) time.Duration {
	n := uint64((hi - lo) / time.Second)
	return lo + time.Duration(b.rng.Uint64()%n)*time.Second
}

func (b *bank) log(format string, args ...any) {
	if *quiet {
		return
	}
	fmt.Printf("%s  %s\n", b.l.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// source makes customers arrive at random intervals and returns their processes.
//
//coro:gen
func source(co *coro.Co[loop.Request, struct{}], b *bank, n int) []loop.Awaitable {
	var visits []loop.Awaitable
	for i := 1; i <= n; i++ {
		visits = append(visits, loop.Spawn(b.l, newVisitCoro(b, i)))
		// More counters, busier bank: the same load per counter.
		co.Yield(loop.Sleep(b.between(30*time.Second, 4*time.Minute) * 2 / time.Duration(*counters)))
	}
	return visits
}

// visit is a customer: it joins the line and waits until a counter has served it.
//
//coro:gen
func visit(co *coro.Co[loop.Request, struct{}], b *bank, id int) error {
	c := &customer{id: id, arrived: b.l.Now(), served: loop.NewFuture[int](b.l)}
	b.log("customer %2d arrives, %d already waiting", id, b.line.Len())
	co.Yield(b.line.Put(c))
	b.most = max(b.most, b.line.Len())
	co.Yield(c.served.Await())
	return nil
}

// counter serves the customers in line, one at a time, until it is canceled at closing time.
//
//coro:gen
func counter(co *coro.Co[loop.Request, struct{}], b *bank, k int) int {
	served := 0
	for {
		var c *customer
		_, err := co.YieldErr(b.line.Get(&c))
		if err != nil {
			b.log("counter %d closes (%v) after serving %d", k, err, served)
			return served
		}
		wait := b.l.Now().Sub(c.arrived)
		b.waits = append(b.waits, wait)
		b.log("counter %d serves customer %2d, who waited %v", k, c.id, wait)
		co.Yield(loop.Sleep(b.between(2*time.Minute, 7*time.Minute)))
		served++
		b.log("customer %2d leaves counter %d after %v in the bank", c.id, k, b.l.Now().Sub(c.arrived))
		c.served.Set(k)
	}
}

// simulate opens the bank, lets the customers in, and closes when all of them have left.
//
//coro:gen
func simulate(co *coro.Co[loop.Request, struct{}], b *bank) error {
	b.log("bank opens with %d counters", *counters)
	var desks []loop.Awaitable
	var tasks []*loop.Task[int]
	for k := 1; k <= *counters; k++ {
		t := loop.Spawn(b.l, newCounterCoro(b, k))
		tasks = append(tasks, t)
		desks = append(desks, t)
	}
	arrivals := loop.Spawn(b.l, newSourceCoro(b, *customers))
	co.Yield(arrivals.Await())
	visits, err := arrivals.Result()
	if err != nil {
		return err
	}
	co.Yield(loop.Gather(visits...))
	b.log("last customer gone: closing")
	for _, t := range tasks {
		t.Cancel()
	}
	co.Yield(loop.Gather(desks...))
	var total, longest time.Duration
	for _, w := range b.waits {
		total += w
		longest = max(longest, w)
	}
	fmt.Printf("%d customers, average wait %v, longest %v, longest line %d, closed at %s\n",
		len(b.waits), total/time.Duration(len(b.waits)), longest, b.most, b.l.Now().Format("15:04:05 Jan 2"))
	if len(tasks) <= 10 {
		for k, t := range tasks {
			n, err := t.Result()
			if err != nil {
				return err
			}
			fmt.Printf("counter %d served %d\n", k+1, n)
		}
	}
	return nil
}

func main() {
	flag.Parse()
	start := time.Now()
	opens := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	_, err := loop.Main(loop.NewVirtual(opens), func(l *loop.Loop) loop.Coroutine[struct{}] {
		b := &bank{l: l, line: loop.NewQueue[*customer](l, 0), rng: rand.NewPCG(2025, 3)}
		return newSimulateCoro(b)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *quiet {
		fmt.Printf("(%v of real time)\n", time.Since(start).Round(time.Millisecond))
	}
}
