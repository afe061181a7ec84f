package gen

// FuzzGenerate feeds the tool malformed and unexpected source text (issue 6): whatever the input,
// Load and Generate must not panic, and must either return errors that all have a position
// (file:line:col) or files that parse and are gofmt-formatted. Whether the output compiles is
// left to the differential tests (TestFuzzDifferential at the module root): building every
// input would make the fuzzer too slow to find anything.
//
//	go test -run '^$' -fuzz FuzzGenerate -fuzztime 60s ./gen
//
// Each input is written as the one file of a package in a temporary module whose
// github.com/stackless-go/coro is this repository. The error check fails on two known bugs
// (issue 6's report): go list's errors for a function without a body come with the go command's
// "# package" line and no position, and a NUL byte in the file gives "unexpected NUL in input"
// without one.

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"testing"

	"github.com/stackless-go/coro/gen/progen"
)

var fuzzSeeds = []string{
	// A plain coroutine.
	`package p

import coro "github.com/stackless-go/coro/runtime"

//coro:gen
func adder(co *coro.Co[int, int]) {
	ret := 0
	for {
		in := co.Yield(ret)
		ret = in + 1
	}
}
`,
	// Yields in expressions and in most statement forms, results, defer.
	`package p

import (
	"errors"

	coro "github.com/stackless-go/coro/runtime"
)

type T struct{ n int }

//coro:gen
func (t *T) walk(co *coro.Co[int, int], n int) (r int, err error) {
	defer func() { r++ }()
	xs := []int{1, 2}
	for i, x := range xs {
		switch co.Yield(i) + x {
		case 1:
			fallthrough
		case co.Yield(2):
			continue
		}
		if v, e := co.YieldErr(x); e != nil || v > n && co.Yield(v) > 0 {
			return v, errors.Join(e)
		}
	}
	ch := make(chan int, 1)
	select {
	case v := <-ch:
		r += co.Yield(v)
	default:
	}
	m := map[string]int{"a": 1}
	for k := range m {
		co.Yield(len(k))
	}
L:
	for {
		if co.Yield(t.n) > 3 {
			break L
		}
		goto L
	}
	return r, nil
}

//coro:gen Mapper
func mapper[T any](co *coro.Co[T, T], f func(T) T) {
	var v T
	for {
		v = f(co.Yield(v))
	}
}

//coro:gen
func outer(co *coro.Co[int, int]) int {
	r, _ := (&T{}).walk(co, 3)
	return r + coro.YieldFrom(co, newInnerCoro())
}

//coro:gen
func inner(co *coro.Co[int, int]) int { return co.Yield(1) }
`,
	// Misuse of co, a yield in a func literal, a bad directive.
	`package p

import coro "github.com/stackless-go/coro/runtime"

var saved any

//coro:gen
func bad(co *coro.Co[int, int]) {
	saved = co
	f := func() { co.Yield(1) }
	f()
	go co.Yield(2)
	defer co.Yield(3)
}

//coro:gen two words
func named(co *coro.Co[int, int]) {}

//coro:gen
func noco(x int) {}

//coro:gen
var notAFunc = 1
`,
	// Syntax errors.
	"package p\n\nimport coro \"github.com/stackless-go/coro/runtime\"\n\n//coro:gen\nfunc f(co *coro.Co[int, int]) {\n\tco.Yield(\n}\n",
	// Type errors.
	"package p\n\nimport coro \"github.com/stackless-go/coro/runtime\"\n\n//coro:gen\nfunc f(co *coro.Co[int, int]) string {\n\treturn co.Yield(undefined)\n}\n",
	// Not even a package.
	"",
	"package p\n",
	"//coro:gen\n",
	// A range over a function with a yield inside, and several results.
	"package p\n\nimport coro \"github.com/stackless-go/coro/runtime\"\n\n//coro:gen\nfunc f(co *coro.Co[int, int], seq func(func(int) bool)) (int, int, error) {\n\tfor v := range seq {\n\t\tco.Yield(v)\n\t}\n\treturn 0, 0, nil\n}\n",
}

var fuzzPositioned = regexp.MustCompile(`^[^\s:]+\.go:\d+:\d+: `)

// fuzzModule writes, in dir, a module that requires this repository.
func fuzzModule(dir string) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root := filepath.Dir(wd) // go test runs in gen/
	gomod := fmt.Sprintf("module example.com/fuzzgen\n\ngo 1.26.0\n\nrequire github.com/stackless-go/coro v0.0.0\n\nreplace github.com/stackless-go/coro => %s\n", root)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o666); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o666)
}

func FuzzGenerate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	// Random programs of the differential tests, for the mutator to start from valid coroutines.
	for _, seed := range []int64{3, 11, 18} {
		f.Add(string(progen.Generate(seed, progen.Config{Package: "p"}).Source))
	}
	f.Setenv("GOWORK", "off")
	dir := f.TempDir()
	if err := fuzzModule(dir); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		pkgDir := filepath.Join(dir, "p")
		if err := os.RemoveAll(pkgDir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(pkgDir, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pkgDir, "x.go"), []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
		var outs []Output
		err := fuzzCatch(t, "Load", func() error {
			pkgs, err := Load(dir, "./p")
			if err != nil {
				return err
			}
			return fuzzCatch(t, "Generate", func() error {
				outs, err = Generate(pkgs)
				return err
			})
		})
		if err != nil {
			var el ErrorList
			if !errors.As(err, &el) {
				t.Fatalf("the error is not a list of positioned errors (%T): %v", err, err)
			}
			t.Logf("%d errors, the first: %v", len(el), el[0])
			for _, e := range el {
				// The position is e.Pos, or, for some errors of go list, the start of e.Msg.
				if !fuzzPositioned.MatchString(e.Error()) {
					t.Errorf("an error without a position (file:line:col): %q\nall errors:\n%v", e.Error(), err)
				}
			}
			return
		}
		t.Logf("%d files", len(outs))
		for _, o := range outs {
			if o.Content == nil {
				continue
			}
			if _, err := parser.ParseFile(token.NewFileSet(), o.Path, o.Content, parser.ParseComments); err != nil {
				t.Fatalf("the generated %s does not parse: %v\n%s", filepath.Base(o.Path), err, o.Content)
			}
			formatted, err := format.Source(o.Content)
			if err != nil {
				t.Fatalf("the generated %s does not format: %v", filepath.Base(o.Path), err)
			}
			if !bytes.Equal(formatted, o.Content) {
				t.Fatalf("the generated %s is not gofmt-formatted:\n%s", filepath.Base(o.Path), o.Content)
			}
		}
	})
}

// fuzzCatch runs f, failing the test if it panics.
func fuzzCatch(t *testing.T, what string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s panicked: %v\n%s", what, r, debug.Stack())
		}
	}()
	return f()
}
