// Command chart turns the output of the benchmark suite in generated/benchmarks into an SVG bar
// chart (log scales), or with -md into Markdown tables with the targets of issue 7 checked as
// ratios within the run. Standard library only.
//
//	go test -run '^$' -bench . -benchmem -count 3 ./generated/benchmarks > bench.txt
//	go run ./generated/benchmarks/chart < bench.txt > bench.svg
//	go run ./generated/benchmarks/chart -md < bench.txt
//
// With -count above 1, every figure is the median of the runs.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	md := flag.Bool("md", false, "write Markdown tables and the targets instead of the SVG")
	flag.Parse()
	r, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	if *md {
		writeMarkdown(w, r)
	} else {
		writeSVG(w, r)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
}

// results are the figures of one benchmark output.
type results struct {
	header  []string                        // goos, goarch, pkg, cpu lines
	values  map[string]map[string][]float64 // benchmark name (no -N suffix) -> unit -> one value a run
	ordered []string                        // benchmark names in order of first appearance
}

// lineRE matches a result line: name, iterations, then value-unit pairs.
var lineRE = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)

// parse reads the output of go test -bench.
func parse(in io.Reader) (*results, error) {
	r := &results{values: map[string]map[string][]float64{}}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := sc.Text()
		for _, h := range []string{"goos:", "goarch:", "cpu:"} {
			if strings.HasPrefix(line, h) && !slices.Contains(r.header, line) {
				r.header = append(r.header, line)
			}
		}
		m := lineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name := m[1]
		f := strings.Fields(m[3])
		if r.values[name] == nil {
			r.values[name] = map[string][]float64{}
			r.ordered = append(r.ordered, name)
		}
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", line, err)
			}
			r.values[name][f[i+1]] = append(r.values[name][f[i+1]], v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(r.ordered) == 0 {
		return nil, fmt.Errorf("no benchmark results in the input")
	}
	return r, nil
}

// get returns the median of a benchmark's unit over the runs, and whether there is one.
func (r *results) get(name, unit string) (float64, bool) {
	vs := slices.Clone(r.values[name][unit])
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	if n := len(vs); n%2 == 0 {
		return (vs[n/2-1] + vs[n/2]) / 2, true
	}
	return vs[len(vs)/2], true
}

// runs returns how many runs a benchmark has for a unit.
func (r *results) runs(name, unit string) int { return len(r.values[name][unit]) }

// group returns the sub-benchmarks of a benchmark that report unit, in order, without the prefix.
func (r *results) group(prefix, unit string) (labels []string, values []float64) {
	for _, name := range r.ordered {
		sub, ok := strings.CutPrefix(name, prefix+"/")
		if !ok {
			continue
		}
		if v, ok := r.get(name, unit); ok {
			labels = append(labels, sub)
			values = append(values, v)
		}
	}
	return labels, values
}

// display names the sub-benchmarks in the chart and the tables.
var display = map[string]string{
	"BenchmarkPingPong/generated":     "generated",
	"BenchmarkPingPong/handwritten":   "hand-written",
	"BenchmarkPingPong/plainloop":     "plain loop",
	"BenchmarkPingPong/iterpull":      "iter.Pull",
	"BenchmarkPingPong/goroutinechan": "goroutine+chan",
	"BenchmarkPingPong/coronew":       "coro.New",
	"BenchmarkGenerator/next":         "generated Next",
	"BenchmarkGenerator/all":          "generated All",
	"BenchmarkGenerator/pushseq":      "push iter.Seq",
	"BenchmarkGenerator/pullseq":      "iter.Pull(Seq)",
	"BenchmarkGenerator/coronew":      "coro.New",
	"BenchmarkTreeWalk/next":          "generated Next",
	"BenchmarkTreeWalk/all":           "generated All",
	"BenchmarkTreeWalk/pushseq":       "push iter.Seq",
	"BenchmarkTreeWalk/pullseq":       "iter.Pull(Seq)",
	"BenchmarkTreeWalk/coronew":       "coro.New",
	"BenchmarkMemory/generated":       "generated",
	"BenchmarkMemory/coronew":         "coro.New",
}

// label is the display name of a sub-benchmark.
func label(prefix, sub string) string {
	if d, ok := display[prefix+"/"+sub]; ok {
		return d
	}
	return sub
}

// section is one panel of the chart.
type section struct {
	title  string
	unit   string // shown after the values
	prefix string // the benchmark
	metric string // the unit in the benchmark output
}

var sections = []section{
	{"Ping-pong: ns per switch (two adders, the seed's loop)", "ns", "BenchmarkPingPong", "ns/switch"},
	{"Generator (Fibonacci): ns per value consumed", "ns", "BenchmarkGenerator", "ns/value"},
	{"Recursive tree walk (65,535 nodes, 16 levels): ns per value", "ns", "BenchmarkTreeWalk", "ns/value"},
	{"Memory: bytes per suspended coroutine, 1,000,000 alive", "B", "BenchmarkMemory", "B/coroutine"},
}

// Chart geometry.
const (
	width    = 860
	labelW   = 140 // left column, bar labels
	valueW   = 110 // right column, values
	barH     = 20
	barGap   = 6
	titleH   = 28
	axisH    = 22
	sectGap  = 22
	marginTB = 16
)

// writeSVG writes the chart: one panel a section, each with its own log scale.
func writeSVG(w io.Writer, r *results) {
	type panel struct {
		s      section
		labels []string
		values []float64
	}
	var panels []panel
	height := 2*marginTB + 24 // title line
	for _, s := range sections {
		labels, values := r.group(s.prefix, s.metric)
		if len(labels) == 0 {
			continue
		}
		panels = append(panels, panel{s, labels, values})
		height += titleH + len(labels)*(barH+barGap) + axisH + sectGap
	}
	notes := footnotes(r)
	height += 18 * len(notes)

	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	y := marginTB + 16
	fmt.Fprintf(w, `<text x="%d" y="%d" font-size="15" font-weight="bold">coro benchmarks (log scales; shorter is better)</text>`+"\n", 10, y)
	y += 8
	x0, x1 := labelW, width-valueW
	for _, p := range panels {
		y += titleH
		fmt.Fprintf(w, `<text x="%d" y="%d" font-size="13" font-weight="bold">%s</text>`+"\n", 10, y-8, esc(p.s.title))
		lo, hi := decades(p.values)
		scale := func(v float64) float64 {
			v = math.Max(v, lo)
			return float64(x0) + (math.Log10(v)-math.Log10(lo))/(math.Log10(hi)-math.Log10(lo))*float64(x1-x0)
		}
		top := y
		bottom := y + len(p.labels)*(barH+barGap)
		for d := lo; d <= hi*1.0001; d *= 10 {
			x := scale(d)
			fmt.Fprintf(w, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`+"\n", x, top, x, bottom)
			fmt.Fprintf(w, `<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>`+"\n", x, bottom+14, esc(axisLabel(d)+" "+p.s.unit))
		}
		for i, sub := range p.labels {
			v := p.values[i]
			by := y + i*(barH+barGap)
			name := label(p.s.prefix, sub)
			fill := "#9aa5b1"
			if strings.HasPrefix(name, "generated") {
				fill = "#2f7ed8"
			}
			fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", x0-8, by+barH-5, esc(name))
			fmt.Fprintf(w, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`+"\n", x0, by, math.Max(scale(v)-float64(x0), 1), barH, fill)
			fmt.Fprintf(w, `<text x="%.1f" y="%d">%s</text>`+"\n", scale(v)+6, by+barH-5, esc(format(v)+" "+p.s.unit))
		}
		y = bottom + axisH + sectGap
	}
	for _, n := range notes {
		fmt.Fprintf(w, `<text x="%d" y="%d" fill="#333">%s</text>`+"\n", 10, y, esc(n))
		y += 18
	}
	fmt.Fprintln(w, `</svg>`)
}

// footnotes are the lines under the chart: generation time and the machine.
func footnotes(r *results) []string {
	var notes []string
	if v, ok := r.get("BenchmarkGenerate1000", "s/1000funcs"); ok {
		notes = append(notes, fmt.Sprintf("Generating a package of 1,000 coroutine functions (gen.Load + gen.Generate): %.2f s", v))
	}
	if len(r.header) > 0 {
		notes = append(notes, strings.Join(r.header, "  "))
	}
	notes = append(notes, "Blue: generated by coro. Medians of the runs in the input.")
	return notes
}

// decades returns the powers of ten around the values.
func decades(vs []float64) (lo, hi float64) {
	mn, mx := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if v > 0 {
			mn, mx = math.Min(mn, v), math.Max(mx, v)
		}
	}
	if math.IsInf(mn, 1) {
		return 0.1, 1
	}
	lo = math.Pow(10, math.Floor(math.Log10(mn)))
	hi = math.Pow(10, math.Ceil(math.Log10(mx)))
	if hi <= lo {
		hi = lo * 10
	}
	return lo, hi
}

// axisLabel writes a power of ten.
func axisLabel(d float64) string {
	switch {
	case d >= 1e6:
		return fmt.Sprintf("%gM", d/1e6)
	case d >= 1e3:
		return fmt.Sprintf("%gk", d/1e3)
	}
	return strconv.FormatFloat(d, 'g', -1, 64)
}

// format writes a value with three significant digits.
func format(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 1000:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case v >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

func esc(s string) string { return html.EscapeString(s) }

// writeMarkdown writes the tables and checks the targets of issue 7.
func writeMarkdown(w io.Writer, r *results) {
	if len(r.header) > 0 {
		fmt.Fprintf(w, "Machine: %s. Medians of %d runs.\n\n", strings.Join(r.header, ", "), r.runs("BenchmarkPingPong/generated", "ns/switch"))
	}
	pp := func(sub, unit string) (float64, bool) { return r.get("BenchmarkPingPong/"+sub, unit) }
	gen, _ := pp("generated", "ns/switch")

	fmt.Fprintln(w, "| ping-pong | ns/switch | ns/round trip | seed's 100M (s) | allocs/op | vs generated |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	labels, values := r.group("BenchmarkPingPong", "ns/switch")
	for i, l := range labels {
		allocs, _ := pp(l, "allocs/op")
		fmt.Fprintf(w, "| %s | %s | %s | %.3f | %g | %.2fx |\n", label("BenchmarkPingPong", l), format(values[i]), format(2*values[i]), values[i]*1e8/1e9, allocs, values[i]/gen)
	}

	fmt.Fprintln(w, "\n| generator (Fibonacci) | ns/value | allocs/op | vs generated Next |")
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	next, _ := r.get("BenchmarkGenerator/next", "ns/value")
	labels, values = r.group("BenchmarkGenerator", "ns/value")
	for i, l := range labels {
		allocs, _ := r.get("BenchmarkGenerator/"+l, "allocs/op")
		fmt.Fprintf(w, "| %s | %s | %g | %.2fx |\n", label("BenchmarkGenerator", l), format(values[i]), allocs, values[i]/next)
	}

	push, _ := r.get("BenchmarkTreeWalk/pushseq", "ns/value")
	labels, values = r.group("BenchmarkTreeWalk", "ns/value")
	if len(labels) > 0 {
		fmt.Fprintln(w, "\n| recursive tree walk (65,535 nodes, 16 levels) | ns/value | allocs/walk | vs push iter.Seq |")
		fmt.Fprintln(w, "|---|---:|---:|---:|")
	}
	for i, l := range labels {
		allocs, _ := r.get("BenchmarkTreeWalk/"+l, "allocs/op")
		fmt.Fprintf(w, "| %s | %s | %g | %.2fx |\n", label("BenchmarkTreeWalk", l), format(values[i]), allocs, values[i]/push)
	}

	fmt.Fprintln(w, "\n| memory, 1,000,000 suspended | B/coroutine |")
	fmt.Fprintln(w, "|---|---:|")
	labels, values = r.group("BenchmarkMemory", "B/coroutine")
	for i, l := range labels {
		fmt.Fprintf(w, "| %s | %s |\n", label("BenchmarkMemory", l), format(values[i]))
	}
	if v, ok := r.get("BenchmarkGenerate1000", "s/1000funcs"); ok {
		fmt.Fprintf(w, "\nGenerating 1,000 coroutine functions (gen.Load + gen.Generate): %.2f s\n", v)
	}

	fmt.Fprintln(w, "\n| target (issue 7) | measured | met |")
	fmt.Fprintln(w, "|---|---:|---|")
	ratio := func(a, b string, unitA string) (float64, bool) {
		x, ok1 := r.get(a, unitA)
		y, ok2 := r.get(b, unitA)
		return x / y, ok1 && ok2 && y != 0
	}
	type target struct {
		text  string
		value func() (float64, bool)
		unit  string
		ok    func(float64) bool
	}
	targets := []target{
		{"generated ping-pong ≤ 1.3x the hand-written machine", func() (float64, bool) {
			return ratio("BenchmarkPingPong/generated", "BenchmarkPingPong/handwritten", "ns/switch")
		}, "x", func(v float64) bool { return v <= 1.3 }},
		{"generated ping-pong ≤ 3x the plain loop", func() (float64, bool) {
			return ratio("BenchmarkPingPong/generated", "BenchmarkPingPong/plainloop", "ns/switch")
		}, "x", func(v float64) bool { return v <= 3 }},
		{"generated ping-pong ≥ 100x faster than iter.Pull", func() (float64, bool) {
			return ratio("BenchmarkPingPong/iterpull", "BenchmarkPingPong/generated", "ns/switch")
		}, "x", func(v float64) bool { return v >= 100 }},
		{"generated ping-pong ≥ 300x faster than goroutine+channel", func() (float64, bool) {
			return ratio("BenchmarkPingPong/goroutinechan", "BenchmarkPingPong/generated", "ns/switch")
		}, "x", func(v float64) bool { return v >= 300 }},
		{"generated ping-pong 0 allocs/op", func() (float64, bool) {
			return r.get("BenchmarkPingPong/generated", "allocs/op")
		}, " allocs/op", func(v float64) bool { return v == 0 }},
		{"generated All() ≤ 1.5x a hand-written push iter.Seq", func() (float64, bool) {
			return ratio("BenchmarkGenerator/all", "BenchmarkGenerator/pushseq", "ns/value")
		}, "x", func(v float64) bool { return v <= 1.5 }},
		{"generated Next() ≥ 20x faster than iter.Pull over the same sequence", func() (float64, bool) {
			return ratio("BenchmarkGenerator/pullseq", "BenchmarkGenerator/next", "ns/value")
		}, "x", func(v float64) bool { return v >= 20 }},
		{"a suspended generated ping-pong coroutine ≤ 64 B", func() (float64, bool) {
			return r.get("BenchmarkMemory/generated", "B/coroutine")
		}, " B", func(v float64) bool { return v <= 64 }},
		{"≥ 40x less than the goroutine-based one (coro.New)", func() (float64, bool) {
			return ratio("BenchmarkMemory/coronew", "BenchmarkMemory/generated", "B/coroutine")
		}, "x", func(v float64) bool { return v >= 40 }},
		{"generating 1,000 coroutine functions < 3 s", func() (float64, bool) {
			return r.get("BenchmarkGenerate1000", "s/1000funcs")
		}, " s", func(v float64) bool { return v < 3 }},
	}
	for _, t := range targets {
		v, ok := t.value()
		if !ok {
			fmt.Fprintf(w, "| %s | not measured | |\n", t.text)
			continue
		}
		met := "no"
		if t.ok(v) {
			met = "yes"
		}
		fmt.Fprintf(w, "| %s | %s%s | %s |\n", t.text, format(v), t.unit, met)
	}
}
