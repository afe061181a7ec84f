package main

import (
	"fmt"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stackless-go/coro/gen"
	coro "github.com/stackless-go/coro/runtime"
)

// The benchmark suite of issue 7, all in this one package so that one process runs them all and
// the figures compare as ratios:
//
//	go test -run '^$' -bench . -benchmem -count 3 ./generated/benchmarks | tee bench.txt
//	go run ./generated/benchmarks/chart < bench.txt > bench.svg
//	go run ./generated/benchmarks/chart -md < bench.txt
//
// Without -bench, go test runs only the quick tests at the end of this file.

var sink int

// BenchmarkPingPong is the seed's ping-pong: b.N round trips (2·b.N switches), every way Go can
// do it. ns/op is a round trip; ns/switch is what the chart shows.
func BenchmarkPingPong(b *testing.B) {
	for _, p := range pingPongs {
		b.Run(p.name, func(b *testing.B) {
			n := 2 * b.N
			if v := p.run(n); v != n {
				b.Fatalf("reached %d, want %d", v, n)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/switch")
		})
	}
}

// fibSum is what every consumer of the generator computes; the benchmarks check it, with the
// timer stopped (it costs about what the fastest consumer does).
func fibSum(n int) int {
	s, a, b := 0, 0, 1
	for range n {
		s += a
		a, b = b, a+b
	}
	return s
}

// generators consume the first n Fibonacci numbers, adding them up.
var generators = []struct {
	name string
	sum  func(n int) int
}{
	{"next", func(n int) int { // the generated machine, a Next loop
		s := 0
		c := newFibCoro(n)
		for {
			v, ok := c.Next()
			if !ok {
				return s
			}
			s += v
		}
	}},
	{"all", func(n int) int { // the generated machine's All, with range
		s := 0
		for v := range newFibCoro(n).All() {
			s += v
		}
		return s
	}},
	{"pushseq", func(n int) int { // a hand-written push iter.Seq, with range
		s := 0
		for v := range fibSeq(n) {
			s += v
		}
		return s
	}},
	{"pullseq", func(n int) int { // the same iter.Seq through iter.Pull
		s := 0
		next, stop := iter.Pull(fibSeq(n))
		defer stop()
		for {
			v, ok := next()
			if !ok {
				return s
			}
			s += v
		}
	}},
	{"coronew", func(n int) int { // fib unmodified on coro.New, the goroutine reference
		s := 0
		c := coro.New(func(co *coro.Co[int, struct{}]) (struct{}, error) {
			fib(co, n)
			return struct{}{}, nil
		})
		defer c.Close()
		for {
			v, ok := c.Next()
			if !ok {
				return s
			}
			s += v
		}
	}},
}

// treeSize is the number of nodes of the walked tree: a balanced tree 16 levels deep.
const treeSize = 1<<16 - 1

var tree = balanced(0, treeSize)

// walkers walk tree in order, each way, adding up the values.
var walkers = []struct {
	name string
	sum  func() int
}{
	{"next", func() int {
		s := 0
		c := newWalkCoro(tree)
		for {
			v, ok := c.Next()
			if !ok {
				return s
			}
			s += v
		}
	}},
	{"all", func() int {
		s := 0
		for v := range newWalkCoro(tree).All() {
			s += v
		}
		return s
	}},
	{"pushseq", func() int {
		s := 0
		for v := range walkSeq(tree) {
			s += v
		}
		return s
	}},
	{"pullseq", func() int {
		s := 0
		next, stop := iter.Pull(walkSeq(tree))
		defer stop()
		for {
			v, ok := next()
			if !ok {
				return s
			}
			s += v
		}
	}},
	{"coronew", func() int {
		s := 0
		c := coro.New(func(co *coro.Co[int, struct{}]) (struct{}, error) {
			walk(co, tree)
			return struct{}{}, nil
		})
		defer c.Close()
		for {
			v, ok := c.Next()
			if !ok {
				return s
			}
			s += v
		}
	}},
}

// BenchmarkTreeWalk walks a balanced tree of 65,535 nodes in order, recursively, each way: an
// op is a walk, ns/value is per node.
func BenchmarkTreeWalk(b *testing.B) {
	for _, w := range walkers {
		b.Run(w.name, func(b *testing.B) {
			for range b.N {
				if s := w.sum(); s != treeSize*(treeSize-1)/2 {
					b.Fatalf("sum %d, want %d", s, treeSize*(treeSize-1)/2)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/treeSize, "ns/value")
		})
	}
}

// BenchmarkGenerator consumes b.N Fibonacci numbers from one generator: ns/op is per value.
func BenchmarkGenerator(b *testing.B) {
	for _, g := range generators {
		b.Run(g.name, func(b *testing.B) {
			s := g.sum(b.N)
			b.StopTimer() // the check below is not part of consuming the values
			if want := fibSum(b.N); s != want {
				b.Fatalf("sum %d, want %d", s, want)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/value")
		})
	}
}

// suspendable is what the memory benchmark keeps alive: a generated machine or a coro.New.
type suspendable interface {
	Next() (int, bool)
	Close() error
}

// makers make one ping-pong coroutine each way.
var makers = []struct {
	name string
	make func() suspendable
}{
	{"generated", func() suspendable { return newAdder1Coro() }},
	{"coronew", func() suspendable { return coro.New(asBody(adder1)) }},
}

// inUse is the memory in use after a full collection: live heap plus goroutine stacks.
func inUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc + m.StackInuse
}

// bytesPerSuspended starts count coroutines, leaves them all suspended at their first yield,
// and returns the memory they hold, per coroutine; then it closes them all and waits for their
// goroutines, if any, to end.
func bytesPerSuspended(count int, mk func() suspendable) (float64, error) {
	cs := make([]suspendable, count) // allocated before the baseline: not counted
	goroutines := runtime.NumGoroutine()
	before := inUse()
	for i := range cs {
		c := mk()
		if _, ok := c.Next(); !ok {
			return 0, fmt.Errorf("coroutine %d did not suspend", i)
		}
		cs[i] = c
	}
	after := inUse()
	runtime.KeepAlive(cs)
	for i, c := range cs {
		if err := c.Close(); err != nil {
			return 0, fmt.Errorf("Close: %v", err)
		}
		cs[i] = nil
	}
	for deadline := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > goroutines; {
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("%d goroutines still running after Close, want %d", runtime.NumGoroutine(), goroutines)
		}
		time.Sleep(time.Millisecond)
	}
	return float64(int64(after)-int64(before)) / float64(count), nil
}

// childEnv, when set, makes TestMemoryChild measure one kind of coroutine and print the figure.
const childEnv = "CORO_BENCH_MEMORY_CHILD"

// BenchmarkMemory keeps 1,000,000 suspended ping-pong coroutines alive at once and reports the
// bytes each holds (B/coroutine: the live heap and goroutine stacks it adds, after a full GC).
//
// Each measurement runs in a fresh process (this test binary, re-run): the runtime never frees
// the descriptor of an ended goroutine but keeps it for the next one, so a second million
// goroutines in the same process would look cheaper than the first. The time of an op is that
// of the whole child process, and means little.
func BenchmarkMemory(b *testing.B) {
	for _, m := range makers {
		b.Run(m.name, func(b *testing.B) {
			total := 0.0
			for range b.N {
				cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), childEnv+"="+m.name)
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("%v\n%s", err, out)
				}
				var v float64
				if _, err := fmt.Sscanf(lastLine(string(out), "B/coroutine "), "B/coroutine %g", &v); err != nil {
					b.Fatalf("no figure in the child's output: %v\n%s", err, out)
				}
				total += v
			}
			b.ReportMetric(total/float64(b.N), "B/coroutine")
		})
	}
}

// lastLine returns the last line of s that starts with prefix.
func lastLine(s, prefix string) string {
	found := ""
	for line := range strings.Lines(s) {
		if strings.HasPrefix(line, prefix) {
			found = line
		}
	}
	return found
}

// TestMemoryChild is the child process of BenchmarkMemory; without childEnv it does nothing.
func TestMemoryChild(t *testing.T) {
	name := os.Getenv(childEnv)
	if name == "" {
		t.Skip("run by BenchmarkMemory")
	}
	for _, m := range makers {
		if m.name == name {
			v, err := bytesPerSuspended(1_000_000, m.make)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Printf("B/coroutine %g\n", v)
			return
		}
	}
	t.Fatalf("no coroutine kind %q", name)
}

// bodies are the templates of the generated package's functions: small, varied bodies in
// what the transform takes today. %[1]d is the function's number.
var bodies = []string{
	`// count%[1]d yields 0 to n-1.
//
//coro:gen
func count%[1]d(co *coro.Co[int, struct{}], n int) {
	for i := 0; i < n; i++ {
		co.Yield(i)
	}
}
`,
	`// adder%[1]d answers every number with that number plus %[1]d.
//
//coro:gen
func adder%[1]d(co *coro.Co[int, int]) {
	ret := 0
	for {
		in := co.Yield(ret)
		ret = in + %[1]d
	}
}
`,
	`// total%[1]d adds up what it is sent until it is sent a negative number.
//
//coro:gen
func total%[1]d(co *coro.Co[int, int]) int {
	total := 0
	for {
		v := co.Yield(total)
		if v < 0 {
			return total
		}
		total += v
	}
}
`,
	`// label%[1]d yields labels until it is thrown an error or sent more than 10.
//
//coro:gen
func label%[1]d(co *coro.Co[string, int]) error {
	for i := 0; ; i++ {
		v, err := co.YieldErr(strconv.Itoa(i) + "-%[1]d")
		if err != nil {
			return err
		}
		if v > 10 {
			break
		}
	}
	return nil
}
`,
	`// branch%[1]d yields through if, else if and else.
//
//coro:gen
func branch%[1]d(co *coro.Co[int, int], limit int) {
	x := 0
	for i := 0; i < limit; i++ {
		if i%%2 == 0 {
			x = co.Yield(x)
		} else if i%%3 == 0 {
			continue
		} else {
			x += co.Yield(-x)
		}
	}
}
`,
	`// grid%[1]d yields a triangle of a grid from nested loops.
//
//coro:gen
func grid%[1]d(co *coro.Co[int, struct{}], rows int) {
	for i := 0; i < rows; i++ {
		for j := 0; j < rows; j++ {
			if j > i {
				break
			}
			co.Yield(i*10 + j)
		}
	}
}
`,
	`// closure%[1]d keeps a sum in a closure across yields.
//
//coro:gen
func closure%[1]d(co *coro.Co[int, int]) (int, error) {
	sum := 0
	add := func(v int) { sum += v }
	for i := 0; i < 5; i++ {
		v := co.Yield(sum)
		add(v)
	}
	if sum < 0 {
		return 0, errors.New("negative")
	}
	return sum, nil
}
`,
	`// words%[1]d yields the words of s, and how many it yielded.
//
//coro:gen
func words%[1]d(co *coro.Co[string, struct{}], s string) int {
	var n int
	for _, w := range strings.Fields(s) {
		_ = w
		n++
	}
	fields := strings.Fields(s)
	for k := 0; k < len(fields); k++ {
		var got = co.Yield(fields[k])
		_ = got
	}
	return n
}
`,
}

// writeGenPackage writes a module with one package of funcs //coro:gen functions, perFile to a
// file, into dir; the module uses this repository through a replace directive.
func writeGenPackage(dir string, funcs, perFile int) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	mod := "module example.com/gentime\n\ngo 1.26.0\n\n" +
		"require github.com/stackless-go/coro v0.0.0-00010101000000-000000000000\n\n" +
		"replace github.com/stackless-go/coro => " + root + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o666); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o666); err != nil {
		return err
	}
	for f := 0; f*perFile < funcs; f++ {
		var src strings.Builder
		src.WriteString("package gentime\n\nimport (\n\t\"errors\"\n\t\"strconv\"\n\t\"strings\"\n\n\tcoro \"github.com/stackless-go/coro/runtime\"\n)\n\n")
		src.WriteString("var _ = errors.New\nvar _ = strconv.Itoa\nvar _ = strings.Fields\n")
		for i := f * perFile; i < min(funcs, (f+1)*perFile); i++ {
			src.WriteString("\n")
			fmt.Fprintf(&src, bodies[i%len(bodies)], i)
		}
		name := filepath.Join(dir, fmt.Sprintf("f%03d.go", f))
		if err := os.WriteFile(name, []byte(src.String()), 0o666); err != nil {
			return err
		}
	}
	return nil
}

// repoRoot is the directory of this repository's go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// generate runs the tool's library on the package in dir, as cmd/coro does, and returns what it
// would write.
func generate(dir string) ([]gen.Output, error) {
	pkgs, err := gen.Load(dir, ".")
	if err != nil {
		return nil, err
	}
	return gen.Generate(pkgs)
}

// writeOutputs writes the generated files.
func writeOutputs(outs []gen.Output) error {
	for _, o := range outs {
		if err := os.WriteFile(o.Path, o.Content, 0o666); err != nil {
			return err
		}
	}
	return nil
}

var genOnce struct {
	sync.Once
	dir string
	err error
}

// BenchmarkGenerate1000 times gen.Load and gen.Generate on a package of 1,000 //coro:gen
// functions (100 a file): s/1000funcs is the time of one op in seconds. The first time, it also
// writes the generated files and builds the package, to show that the output compiles.
// (Only go build: go vet flags "unreachable code" in the generated files, a generator issue:
// an if branch lifted around a yield that ends in continue gets a dead goto after it.)
func BenchmarkGenerate1000(b *testing.B) {
	const funcs = 1000
	genOnce.Do(func() {
		genOnce.dir, genOnce.err = os.MkdirTemp("", "coro-gentime-")
		if genOnce.err != nil {
			return
		}
		if genOnce.err = writeGenPackage(genOnce.dir, funcs, 100); genOnce.err != nil {
			return
		}
		outs, err := generate(genOnce.dir)
		if err != nil {
			genOnce.err = err
			return
		}
		if len(outs) != funcs/100 {
			genOnce.err = fmt.Errorf("%d generated files, want %d", len(outs), funcs/100)
			return
		}
		if genOnce.err = writeOutputs(outs); genOnce.err != nil {
			return
		}
		cmd := exec.Command("go", "build", ".")
		cmd.Dir = genOnce.dir
		if out, err := cmd.CombinedOutput(); err != nil {
			genOnce.err = fmt.Errorf("go build of the generated package: %v\n%s", err, out)
		}
	})
	if genOnce.err != nil {
		b.Fatal(genOnce.err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := generate(genOnce.dir); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/1000funcs")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if genOnce.dir != "" {
		os.RemoveAll(genOnce.dir)
	}
	os.Exit(code)
}

// The quick tests: go test ./generated/benchmarks runs these and no benchmark.

// TestResumeAllocatesNothing: resuming the generated machines allocates nothing.
func TestResumeAllocatesNothing(t *testing.T) {
	c1, c2 := newAdder1Coro(), newAdder2Coro()
	c1.Next()
	c2.Next()
	v := 0
	if allocs := testing.AllocsPerRun(1000, func() {
		v, _ = c1.Send(v)
		v, _ = c2.Send(v)
	}); allocs != 0 {
		t.Errorf("a ping-pong round trip allocates %v times, want 0", allocs)
	}
	f := newFibCoro(1 << 30)
	if allocs := testing.AllocsPerRun(1000, func() {
		v, _ = f.Next()
	}); allocs != 0 {
		t.Errorf("fib's Next allocates %v times, want 0", allocs)
	}
	sink = v
}

// TestDelegatedCallAllocatesNothing: a coroutine that delegates to another (not recursively)
// holds the callee's machine by value, so making it and running it to the end allocates nothing.
func TestDelegatedCallAllocatesNothing(t *testing.T) {
	c := newFibTwiceCoro(10)
	sum := 0
	if allocs := testing.AllocsPerRun(1000, func() {
		*c = *newFibTwiceCoro(10)
		for v, ok := c.Next(); ok; v, ok = c.Next() {
			sum += v
		}
	}); allocs != 0 {
		t.Errorf("fibTwice(10) run to the end allocates %v times, want 0", allocs)
	}
	if want := 1001 * 2 * fibSum(10); sum != want {
		t.Errorf("fibTwice(10) yielded %d in all, want %d", sum, want)
	}
}

// TestInlinable: the compiler can inline what the benchmarks rely on: the resume method, Next
// and Send of the generated machines, and the range function of fib's All (no deferred call),
// so that the ping-pong and the range loop over All compile into plain loops.
// TestTreeWalkAllocates: a recursive walk makes a machine per level of the tree, not per node
// (renew makes the machine of the last call at a level over), and nothing per value; the stack
// of the calls under way grows by doubling, a few times.
func TestTreeWalkAllocates(t *testing.T) {
	const depth = 16 // treeSize = 2^16 - 1
	allocs := testing.AllocsPerRun(10, func() {
		for v := range newWalkCoro(tree).All() {
			sink += v
		}
	})
	if want := 2.0 * depth; allocs > want {
		t.Errorf("walking %d nodes allocates %v times, want at most %v (the machines of the levels, the stack of calls, the walk and its All)", treeSize, allocs, want)
	}
	for _, w := range walkers {
		if s := w.sum(); s != treeSize*(treeSize-1)/2 {
			t.Errorf("%s: sum %d, want %d", w.name, s, treeSize*(treeSize-1)/2)
		}
	}
}

func TestInlinable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package again with -gcflags=-m")
	}
	out, err := exec.Command("go", "build", "-gcflags=-m", "-o", os.DevNull, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, fn := range []string{
		"(*adder1Coro).resume", "(*adder1Coro).Send",
		"(*fibCoro).resume", "(*fibCoro).Next", "(*fibCoro).All", "(*fibCoro).All.func1",
	} {
		if !strings.Contains(string(out), ": can inline "+fn+"\n") {
			t.Errorf("the compiler cannot inline %s; go build -gcflags=-m=2 tells why", fn)
		}
	}
}

// TestPingPongs: every implementation reaches the same number, and ends its goroutines.
func TestPingPongs(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	for _, p := range pingPongs {
		if v := p.run(1000); v != 1000 {
			t.Errorf("%s reached %d, want 1000", p.name, v)
		}
	}
	waitGoroutines(t, goroutines)
}

// TestGenerators: every consumer of the generator sees the same numbers.
func TestGenerators(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	for _, g := range generators {
		for _, n := range []int{0, 1, 2, 10, 100} {
			if s := g.sum(n); s != fibSum(n) {
				t.Errorf("%s(%d) = %d, want %d", g.name, n, s, fibSum(n))
			}
		}
	}
	waitGoroutines(t, goroutines)
}

// TestBytesPerSuspended: the memory measurement, on a few coroutines, cleans up after itself.
func TestBytesPerSuspended(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	for _, m := range makers {
		v, err := bytesPerSuspended(1000, m.make)
		if err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		t.Logf("%s: %.0f B/coroutine (1000 alive)", m.name, v)
	}
	waitGoroutines(t, goroutines)
}

// waitGoroutines fails t if the goroutines do not come back down to want within a second.
func waitGoroutines(t *testing.T, want int) {
	t.Helper()
	for deadline := time.Now().Add(time.Second); runtime.NumGoroutine() > want; {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left running, want %d", runtime.NumGoroutine(), want)
		}
		time.Sleep(time.Millisecond)
	}
}
