package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/stackless-go/coro/generated/benchmarks
cpu: AMD EPYC
BenchmarkPingPong/generated-2         	1000000000	         0.50 ns/op	         0.25 ns/switch	       0 B/op	       0 allocs/op
BenchmarkPingPong/generated-2         	1000000000	         0.60 ns/op	         0.30 ns/switch	       0 B/op	       0 allocs/op
BenchmarkPingPong/generated-2         	1000000000	         0.90 ns/op	         0.45 ns/switch	       0 B/op	       0 allocs/op
BenchmarkPingPong/handwritten-2       	1000000000	         0.80 ns/op	         0.40 ns/switch	       0 B/op	       0 allocs/op
BenchmarkPingPong/plainloop-2         	1000000000	         0.24 ns/op	         0.12 ns/switch	       0 B/op	       0 allocs/op
BenchmarkPingPong/iterpull-2          	10598628	       114.9 ns/op	        57.47 ns/switch	       0 B/op	       0 allocs/op
BenchmarkPingPong/goroutinechan-2     	 2240294	       563.0 ns/op	       281.5 ns/switch	       0 B/op	       0 allocs/op
BenchmarkGenerator/next-2             	663012190	         1.692 ns/op	         1.692 ns/value	       0 B/op	       0 allocs/op
BenchmarkGenerator/all-2              	422139981	         2.814 ns/op	         2.813 ns/value	       0 B/op	       0 allocs/op
BenchmarkGenerator/pushseq-2          	1000000000	         0.9154 ns/op	         0.9154 ns/value	       0 B/op	       0 allocs/op
BenchmarkGenerator/pullseq-2          	20887612	        57.49 ns/op	        57.49 ns/value	       0 B/op	       0 allocs/op
BenchmarkMemory/generated-2           	       9	 117517893 ns/op	        23.99 B/coroutine	   10365 B/op	      52 allocs/op
BenchmarkMemory/coronew-2             	       1	13165920427 ns/op	      5305 B/coroutine	   10568 B/op	      54 allocs/op
BenchmarkGenerate1000-2               	       1	1566155594 ns/op	         1.566 s/1000funcs	542489240 B/op	 8078619 allocs/op
PASS
`

func TestParseMedian(t *testing.T) {
	r, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.get("BenchmarkPingPong/generated", "ns/switch"); v != 0.30 {
		t.Errorf("median ns/switch = %v, want 0.30", v)
	}
	if n := r.runs("BenchmarkPingPong/generated", "ns/switch"); n != 3 {
		t.Errorf("%d runs, want 3", n)
	}
	if _, ok := r.get("BenchmarkPingPong/coronew", "ns/switch"); ok {
		t.Errorf("a figure for a benchmark not in the input")
	}
	if _, err := parse(strings.NewReader("PASS\n")); err == nil {
		t.Errorf("no error for an input without results")
	}
}

func TestSVGIsWellFormed(t *testing.T) {
	r, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	writeSVG(&buf, r)
	d := xml.NewDecoder(&buf)
	bars := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "rect" {
			bars++
		}
	}
	if want := 1 + 5 + 4 + 2; bars != want { // the background and one bar a result
		t.Errorf("%d rects, want %d", bars, want)
	}
}

func TestMarkdownTargets(t *testing.T) {
	r, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	writeMarkdown(&buf, r)
	out := buf.String()
	for _, want := range []string{
		"| generated ping-pong ≤ 1.3x the hand-written machine | 0.750x | yes |",
		"| generated All() ≤ 1.5x a hand-written push iter.Seq | 3.07x | no |",
		"| a suspended generated ping-pong coroutine ≤ 64 B | 24.0 B | yes |",
		"| generating 1,000 coroutine functions < 3 s | 1.57 s | yes |",
		"| coro.New | 5305 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}
