package main

// Tests of the command as a user runs it: run(args, stdout, stderr) in-process, with the working
// directory set to a temporary module that requires this one through a replace directive.
//
// A case marked with a known bug (the bug field, or knownBug) still runs in full: when it fails
// the way the bug says, it is skipped with "BUG: ..." and the observed failure, so that the suite
// stays green; set CORO_SHOW_BUGS=1 to make those cases fail instead. A case whose bug has been
// fixed passes and logs that its marker can go.
//
// Some bad inputs are constructs DESIGN.md promises and the tool rejected when these tests were
// written (a yield inside an expression, switch, range, select, labeled statement; defer). They are
// marked notYet: rejected, the error must be positioned as the case says; accepted, the generated
// package must pass go vet (which type-checks it).

import (
	"bytes"
	"fmt"
	"go/format"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stackless-go/coro/gen"
)

// repoRoot is the root of this module, found from the test's working directory (cmd/coro) before
// any test changes it.
var repoRoot = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return filepath.Join(wd, "..", "..")
}()

// prelude opens most test sources; `var _ coro.Status` keeps the import used in every case.
const prelude = `package m

import coro "github.com/stackless-go/coro/runtime"

var _ coro.Status
`

// src returns prelude followed by body.
func src(body string) string { return prelude + "\n" + body }

// oldGenerated stands for a generated file left by an earlier run.
const oldGenerated = gen.Header + "\n\npackage m\n\n// an old generated file\n"

// newModule writes a temporary module with files (path relative to the module root -> content),
// changes the working directory to it and returns its path.
func newModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	// The go line says 1.26.0, not 1.26: this module requires go 1.26.0, and a main module at
	// go 1.26 (the lower language version) makes every go command fail with "updates to go.mod
	// needed".
	gomod := "module example.com/m\n\ngo 1.26.0\n\nrequire github.com/stackless-go/coro v0.0.0\n\n" +
		"replace github.com/stackless-go/coro => " + repoRoot + "\n"
	sum, err := os.ReadFile(filepath.Join(repoRoot, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "go.mod"), gomod)
	write(t, filepath.Join(dir, "go.sum"), string(sum))
	for name, content := range files {
		write(t, filepath.Join(dir, name), content)
	}
	t.Chdir(dir)
	return dir
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// result is what one run of the command did.
type result struct {
	code           int
	stdout, stderr string
	// leaked is anything written to the process's own os.Stdout or os.Stderr instead of the
	// writers given to run.
	leaked string
	// panicked is the panic value and stack, when run panicked.
	panicked string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// runCoro runs the command in the current directory. A panic is caught and reported in the
// result, and so is output that bypasses the given writers.
func runCoro(t *testing.T, args ...string) (res result) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	leak, err := os.CreateTemp(t.TempDir(), "leak")
	if err != nil {
		t.Fatal(err)
	}
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = leak, leak
	defer func() {
		os.Stdout, os.Stderr = oldOut, oldErr
		leak.Close()
		b, _ := os.ReadFile(leak.Name())
		res.leaked = string(b)
		res.stdout, res.stderr = stdout.String(), stderr.String()
		if p := recover(); p != nil {
			res.code = -1
			res.panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	res.code = run(args, &stdout, &stderr)
	return res
}

// report collects the failures of a case; see the comment at the top of the file.
type report struct {
	t    *testing.T
	bug  string
	errs []string
}

func newReport(t *testing.T, bug string) *report { return &report{t: t, bug: bug} }

func (r *report) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *report) failed() bool { return len(r.errs) > 0 }

// done ends the case: a failure is a test failure, or a skip for a known bug.
func (r *report) done() {
	r.t.Helper()
	if len(r.errs) == 0 {
		if r.bug != "" {
			r.t.Logf("the known bug seems fixed, remove its marker: %s", r.bug)
		}
		return
	}
	msg := strings.Join(r.errs, "\n")
	if r.bug != "" && os.Getenv("CORO_SHOW_BUGS") == "" {
		r.t.Skipf("BUG: %s\n--- observed:\n%s", r.bug, msg)
	}
	if r.bug != "" {
		msg = "BUG: " + r.bug + "\n" + msg
	}
	r.t.Error(msg)
}

// checkSane reports a panic and output that bypassed the writers.
func (r *report) checkSane(res result) {
	if res.panicked != "" {
		r.Errorf("the command panicked: %s", res.panicked)
	}
	if res.leaked != "" {
		r.Errorf("the command wrote to the process's own stdout/stderr instead of its writers:\n%s", res.leaked)
	}
}

// fileState is a file's content and modification time.
type fileState struct {
	content string
	mtime   time.Time
}

// snapshot returns every file under dir, by path relative to dir.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = fileState{string(b), info.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameFiles reports every file added, removed or changed (in content or modification time)
// between two snapshots.
func sameFiles(r *report, before, after map[string]fileState) {
	var names []string
	for n := range before {
		names = append(names, n)
	}
	for n := range after {
		if _, ok := before[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		b, inB := before[n]
		a, inA := after[n]
		switch {
		case !inA:
			r.Errorf("%s was removed", n)
		case !inB:
			r.Errorf("%s was written:\n%s", n, clip(a.content))
		case a.content != b.content:
			r.Errorf("%s was changed:\n%s", n, clip(a.content))
		case !a.mtime.Equal(b.mtime):
			r.Errorf("%s was rewritten (its modification time changed)", n)
		}
	}
}

func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "..."
	}
	return s
}

// ageFiles sets the modification time of every file under dir an hour back, so that a rewrite is
// visible even on a file system with coarse timestamps.
func ageFiles(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
		}
		return err
	})
}

// goCmd runs the go command in dir and returns its combined output and whether it succeeded.
func goCmd(t *testing.T, dir string, args ...string) (string, bool) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err == nil
}

// posOf returns the line and column (1-based, in bytes, as go/token counts them) of the «
// marker in at, a snippet that occurs exactly once in content without the marker.
func posOf(t *testing.T, content, at string) (int, int) {
	t.Helper()
	mark := strings.Index(at, "«")
	if mark < 0 {
		t.Fatalf("no « in %q", at)
	}
	needle := at[:mark] + at[mark+len("«"):]
	i := strings.Index(content, needle)
	if i < 0 || strings.LastIndex(content, needle) != i {
		t.Fatalf("%q must occur exactly once in the source", needle)
	}
	off := i + mark
	line := 1 + strings.Count(content[:off], "\n")
	col := off - strings.LastIndex(content[:off], "\n")
	return line, col
}

// errLine is file:line:col: message.
var errLine = regexp.MustCompile(`^([^\s:]+\.go):(\d+):(\d+): (\S.*)$`)

// wantErr is an expected error: in file, at the « of the snippet at, with msg in its message.
type wantErr struct {
	file, at, msg string
}

// checkErrors checks that stderr is exactly one error line per want, file:line:col: message.
func checkErrors(t *testing.T, r *report, files map[string]string, stderr string, want []wantErr) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if stderr == "" {
		lines = nil
	}
	for _, l := range lines {
		if !errLine.MatchString(l) {
			r.Errorf("stderr line %q is not file:line:col: message", l)
		}
	}
	if len(lines) != len(want) {
		r.Errorf("stderr has %d lines, want %d", len(lines), len(want))
	}
	for _, w := range want {
		line, col := posOf(t, files[w.file], w.at)
		prefix := fmt.Sprintf("%s:%d:%d: ", w.file, line, col)
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) && strings.Contains(l, w.msg) {
				found = true
			}
		}
		if !found {
			r.Errorf("no error line %q...%q (the position of %q)", prefix, w.msg, w.at)
		}
	}
}

// badInput is a package the command must reject.
type badInput struct {
	name  string
	files map[string]string // by path in the module
	args  []string
	want  []wantErr
	bug   string // a known bug that makes this case fail
	// notYet marks a construct that DESIGN.md promises and the tool rejects until it is
	// implemented: the case passes either way, rejected as want says, or generated into code
	// that builds and passes go vet.
	notYet bool
}

const (
	msgFirstParam = "the first parameter of a //coro:gen function must be co *coro.Co[Y, S]"
	msgCoUse      = "co may only be used to yield, as co.Yield(v), co.YieldErr(v) or coro.YieldFrom(co, sub)"
	msgInExpr     = "a yield inside an expression is not supported yet: assign it to a variable first"
	msgDirective  = "//coro:gen must be in the doc comment of a function declaration"
)

func a(body string) map[string]string { return map[string]string{"a.go": src(body)} }

var badInputs = []badInput{
	{
		name: "first parameter not co",
		files: a(`//coro:gen
func f(n int) {}
`),
		want: []wantErr{{"a.go", "func f(«n int)", msgFirstParam}},
	},
	{
		name: "first parameter of another Co type",
		files: a(`type OtherCo[Y, S any] struct{}

//coro:gen
func f(co *OtherCo[int, int]) {}
`),
		want: []wantErr{{"a.go", "func f(«co *OtherCo", msgFirstParam}},
	},
	{
		name: "first parameter a local type named Co",
		files: a(`type Co[Y, S any] struct{}

//coro:gen
func f(co *Co[int, int]) {}
`),
		want: []wantErr{{"a.go", "func f(co «*Co[int, int])", msgFirstParam}},
	},
	{
		name: "no parameters",
		files: a(`//coro:gen
func f() {}
`),
		want: []wantErr{{"a.go", "func f«()", msgFirstParam}},
	},
	{
		name: "two names for co",
		files: a(`//coro:gen
func f(co, co2 *coro.Co[int, int]) {}
`),
		want: []wantErr{{"a.go", "func f(«co, co2", msgFirstParam}},
	},
	{
		name: "method whose first parameter is not co",
		files: a(`type T struct{}

//coro:gen
func (t T) f(n int) {}
`),
		want: []wantErr{{"a.go", "f(«n int)", msgFirstParam}},
	},
	{
		name: "two results",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) (int, int) { return 0, 0 }
`),
		want: []wantErr{{"a.go", "«(int, int) {", "returns nothing, R, error or (R, error); found (int, int): return a struct"}},
	},
	{
		name: "co stored in a variable",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	c := co
	_ = c
}
`),
		want: []wantErr{{"a.go", "c := «co", msgCoUse}},
	},
	{
		name: "co passed to a function that is not a coroutine",
		files: a(`func g(c *coro.Co[int, int]) {}

//coro:gen
func f(co *coro.Co[int, int]) {
	g(co)
}
`),
		want: []wantErr{{"a.go", "g(«co)", msgCoUse}},
	},
	{
		name: "method value co.Yield without a call",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	y := co.Yield
	_ = y
}
`),
		want: []wantErr{{"a.go", "y := «co.Yield", msgCoUse}},
	},
	{
		name: "co used inside a func literal",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	go func() { _ = co }()
}
`),
		want: []wantErr{{"a.go", "_ = «co }", msgCoUse}},
	},
	{
		name: "every misuse of co in the package is reported, in order",
		files: a(`func g(c *coro.Co[int, int]) {}

//coro:gen
func f2(co *coro.Co[int, int]) {
	g(co)
}

//coro:gen
func f1(co *coro.Co[int, int]) {
	c := co
	_ = c
}
`),
		want: []wantErr{{"a.go", "g(«co)", msgCoUse}, {"a.go", "c := «co", msgCoUse}},
	},
	{
		name: "yield inside a func literal",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	func() { co.Yield(1) }()
}
`),
		want: []wantErr{{"a.go", "func() { «co.Yield(1) }", "inside a func literal cannot suspend the coroutine"}},
	},
	{
		name: "yield inside an expression",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	x := co.Yield(1) + 1
	_ = x
}
`),
		want:   []wantErr{{"a.go", "x := «co.Yield(1) + 1", msgInExpr}},
		notYet: true,
	},
	{
		name: "yield as the argument of a yield",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	co.Yield(co.Yield(1))
}
`),
		want:   []wantErr{{"a.go", "co.Yield(«co.Yield(1))", msgInExpr}},
		notYet: true,
	},
	{
		name: "yield in a return and in conditions",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) int {
	if co.Yield(1) > 0 {
	}
	for co.Yield(2) > 0 {
	}
	return co.Yield(3)
}
`),
		want: []wantErr{
			{"a.go", "if «co.Yield(1)", msgInExpr},
			{"a.go", "for «co.Yield(2)", msgInExpr},
			{"a.go", "return «co.Yield(3)", msgInExpr},
		},
		notYet: true,
	},
	{
		name: "defer",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	defer println()
	co.Yield(1)
}
`),
		want:   []wantErr{{"a.go", "«defer println()", "defer in a coroutine body is not supported yet"}},
		notYet: true,
	},
	{
		name: "blank result in a body with defer",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) (_ int, err error) {
	defer func() {}()
	co.Yield(1)
	return 0, nil
}
`),
		want: []wantErr{{"a.go", "(«_ int", "a blank result in a coroutine body with defer is not supported: name it"}},
	},
	{
		name: "deferred yield",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	defer co.Yield(1)
}
`),
		want: []wantErr{{"a.go", "defer «co.Yield(1)", "defer"}},
	},
	{
		name: "yield in a go statement",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	go co.Yield(1)
}
`),
		want: []wantErr{{"a.go", "go «co.Yield(1)", "go statement"}},
	},
	{
		name: "yield inside a switch",
		files: a(`//coro:gen
func f(co *coro.Co[int, int], n int) {
	switch n {
	case 1:
		co.Yield(1)
	}
}
`),
		want:   []wantErr{{"a.go", "«switch n {", "a yield inside a switch is not supported yet"}},
		notYet: true,
	},
	{
		name: "yield inside a type switch",
		files: a(`//coro:gen
func f(co *coro.Co[int, int], v any) {
	switch v.(type) {
	case int:
		co.Yield(1)
	}
}
`),
		want:   []wantErr{{"a.go", "«switch v.(type)", "a yield inside a type switch is not supported yet"}},
		notYet: true,
	},
	{
		name: "yield inside a range loop",
		files: a(`//coro:gen
func f(co *coro.Co[int, int], xs []int) {
	for _, x := range xs {
		co.Yield(x)
	}
}
`),
		want:   []wantErr{{"a.go", "«for _, x := range xs", "a yield inside a for range loop is not supported yet"}},
		notYet: true,
	},
	{
		name: "yield inside a select",
		files: a(`//coro:gen
func f(co *coro.Co[int, int], ch chan int) {
	select {
	case v := <-ch:
		co.Yield(v)
	}
}
`),
		want:   []wantErr{{"a.go", "«select {", "a yield inside a select is not supported yet"}},
		notYet: true,
	},
	{
		name: "yield inside a labeled loop",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
outer:
	for {
		for {
			co.Yield(1)
			continue outer
		}
	}
}
`),
		want:   []wantErr{{"a.go", "«outer:", "a labeled statement around a yield is not supported yet"}},
		notYet: true,
	},
	{
		name: "directive on a type",
		files: a(`//coro:gen
type T struct{}

//coro:gen
func f(co *coro.Co[int, int]) {
	co.Yield(1)
}
`),
		want: []wantErr{{"a.go", "«//coro:gen\ntype T", msgDirective}},
	},
	{
		name: "directive on a var holding a func literal",
		files: a(`//coro:gen
var f = func(co *coro.Co[int, int]) {}
`),
		want: []wantErr{{"a.go", "«//coro:gen\nvar f", msgDirective}},
	},
	{
		name: "directive separated from the function by a blank line",
		files: a(`//coro:gen

func f(co *coro.Co[int, int]) {}
`),
		want: []wantErr{{"a.go", "«//coro:gen\n\nfunc f", msgDirective}},
	},
	{
		name: "directive inside a body",
		files: a(`func f() {
	//coro:gen
	println()
}
`),
		want: []wantErr{{"a.go", "\t«//coro:gen\n\tprintln()", msgDirective}},
	},
	{
		name: "directive with two words",
		files: a(`//coro:gen Counter Extra
func f(co *coro.Co[int, int]) {}
`),
		want: []wantErr{{"a.go", "«//coro:gen Counter Extra", "//coro:gen takes at most one word, the name of the generated type: write //coro:gen Counter"}},
	},
	{
		name: "directive naming a type that is not an identifier",
		files: a(`//coro:gen 1x
func f(co *coro.Co[int, int]) {}
`),
		want: []wantErr{{"a.go", "«//coro:gen 1x", `"1x" is not a Go identifier`}},
	},
	{
		name: "errors in a package below the working directory name the file from there",
		files: map[string]string{
			"p/a.go": src(`//coro:gen
func f(co *coro.Co[int, int]) {
	c := co
	_ = c
}
`),
			"q/a.go": src(`//coro:gen
func g(co *coro.Co[int, int]) {
	co.Yield(1)
}
`),
		},
		args: []string{"./..."},
		want: []wantErr{{"p/a.go", "c := «co", msgCoUse}},
	},
	// Type errors in the user's code: reported once, at their position.
	{
		name: "type error in a coroutine body",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	var x int = "s"
	co.Yield(x)
}
`),
		want: []wantErr{{"a.go", `var x int = «"s"`, "cannot use"}},
	},
	{
		name: "type error in another file of the package",
		files: map[string]string{
			"a.go": src(`//coro:gen
func f(co *coro.Co[int, int]) {
	co.Yield(1)
}
`),
			"b.go": "package m\n\nfunc g() int { return \"x\" }\n",
		},
		want: []wantErr{{"b.go", `return «"x"`, "cannot use"}},
	},
	{
		name: "undefined name in a body",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	co.Yield(undefinedThing)
}
`),
		want: []wantErr{{"a.go", "co.Yield(«undefinedThing)", "undefined: undefinedThing"}},
	},
	{
		name: "YieldErr assigned to one variable",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	x := co.YieldErr(1)
	_ = x
}
`),
		want: []wantErr{{"a.go", "x := «co.YieldErr(1)", "assignment mismatch"}},
	},
	{
		name: "undefined type in the signature",
		files: a(`//coro:gen
func f(co *coro.Co[Nope, int]) {}
`),
		want: []wantErr{{"a.go", "coro.Co[«Nope, int]", "undefined: Nope"}},
	},
	{
		name: "function without a body",
		files: a(`//coro:gen
func f(co *coro.Co[int, int])
`),
		want: []wantErr{{"a.go", "func «f(co", "no body"}},
	},
	{
		// The compiler finds this one, and go list hands its output on without a position.
		name:  "a function without a body, in a file without directives",
		files: map[string]string{"b.go": "package m\n\nfunc g()\n"},
		want:  []wantErr{{"b.go", "func «g()", "missing function body"}},
	},
	{
		name: "syntax error",
		files: a(`//coro:gen
func f(co *coro.Co[int, int]) {
	co.Yield(1
}
`),
		want: []wantErr{{"a.go", "co.Yield(1«\n", "missing ','"}, {"a.go", "«}\n", "expected operand"}},
	},
	{
		name: "generated type name taken by a declaration of the user",
		files: a(`type fCoro int

//coro:gen
func f(co *coro.Co[int, int]) {
	co.Yield(1)
}
`),
		want: []wantErr{{"a.go", "«//coro:gen\nfunc f", "fCoro"}},
	},
	{
		name: "constructor name taken by a declaration of the user",
		files: a(`func newFCoro() {}

//coro:gen
func f(co *coro.Co[int, int]) {
	co.Yield(1)
}
`),
		want: []wantErr{{"a.go", "«//coro:gen\nfunc f", "newFCoro"}},
	},
	// Test files: their errors are reported once, though the package and its test variant
	// share files.
	{
		name: "co stored in a coroutine of an in-package test file",
		files: map[string]string{"a_test.go": src(`//coro:gen
func f(co *coro.Co[int, int]) {
	c := co
	c.Yield(1)
}
`)},
		want: []wantErr{{"a_test.go", "c := «co", msgCoUse}},
	},
	{
		name: "yield in a func literal in a coroutine of an external test file",
		files: map[string]string{"a_test.go": strings.Replace(src(`//coro:gen
func f(co *coro.Co[int, int]) {
	func() { co.Yield(1) }()
}
`), "package m\n", "package m_test\n", 1)},
		want: []wantErr{{"a_test.go", "func() { «co.Yield(1) }()", "co.Yield inside a func literal cannot suspend the coroutine"}},
	},
	{
		name: "errors in the package and in its test file",
		files: map[string]string{
			"a.go": src(`//coro:gen
func f(co *coro.Co[int, int]) {
	_ = co
}
`),
			"a_test.go": src(`//coro:gen
func g(co *coro.Co[int, int]) {
	f(co)
	_ = co
}
`),
		},
		want: []wantErr{{"a.go", "_ = «co", msgCoUse}, {"a_test.go", "_ = «co", msgCoUse}},
	},
	{
		name: "type error in a test file",
		files: map[string]string{
			"a.go":      adderSrc,
			"a_test.go": src("var _ int = newAdderCoro()\n"),
		},
		want: []wantErr{{"a_test.go", "var _ int = «newAdderCoro()", "cannot use newAdderCoro() (value of type *adderCoro) as int value"}},
	},
	{
		name: "a test file's coroutine generating the type of the package's",
		files: map[string]string{
			"a.go": adderSrc,
			"a_test.go": src(`//coro:gen adderCoro
func g(co *coro.Co[int, int]) {
	co.Yield(1)
}
`),
		},
		want: []wantErr{{"a_test.go", "«//coro:gen adderCoro", "g generates adderCoro, and so does adder"}},
	},
	{
		name: "a test file declaring the generated type of the package's coroutine",
		files: map[string]string{
			"a.go":      adderSrc,
			"a_test.go": src("type adderCoro int\n"),
		},
		want: []wantErr{{"a.go", "«//coro:gen\nfunc adder", "coro generates adderCoro for adder, but the package already declares adderCoro at a_test.go"}},
	},
	{
		name: "a file importing a package under the name of a generated type",
		files: map[string]string{
			"a.go": src(`//coro:gen strings
func f(co *coro.Co[int, int]) {
	co.Yield(1)
}
`),
			"b.go": "package m\n\nimport \"strings\"\n\nvar _ = strings.ToUpper\n",
		},
		want: []wantErr{{"a.go", "«//coro:gen strings", `coro generates strings for f, but a file of the package imports "strings" as strings at b.go:3:8: name the generated type with //coro:gen OtherName, or import the package under another name`}},
	},
	{
		name: "two functions generating the same type",
		files: a(`//coro:gen X
func f(co *coro.Co[int, int]) {
	co.Yield(1)
}

//coro:gen X
func g(co *coro.Co[int, int]) {
	co.Yield(2)
}
`),
		want: []wantErr{{"a.go", "«//coro:gen X\nfunc g", "X"}},
	},
}

// zSrc is a valid coroutine beside every bad input: its z_coro.go would be written if the errors
// elsewhere did not stop the run.
var zSrc = src(`//coro:gen
func zeta(co *coro.Co[int, struct{}]) {
	for i := 0; ; i++ {
		co.Yield(i)
	}
}
`)

// TestBadInput runs every bad input beside old generated files of its sources, which must be left
// as they are, and beside z.go, a valid coroutine whose z_coro.go must not be written.
func TestBadInput(t *testing.T) {
	for _, c := range badInputs {
		t.Run(c.name, func(t *testing.T) {
			r := newReport(t, c.bug)
			files := map[string]string{"z.go": zSrc}
			for name, content := range c.files {
				files[name] = content
				files[gen.OutPath(name)] = oldGenerated
			}
			dir := newModule(t, files)
			ageFiles(t, dir)
			before := snapshot(t, dir)
			res := runCoro(t, c.args...)
			r.checkSane(res)
			if c.notYet && res.code == 0 && res.panicked == "" {
				t.Logf("supported now: %s", c.name)
				if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
					r.Errorf("the generated code does not pass go vet:\n%s", out)
				}
				r.done()
				return
			}
			if res.code != 1 {
				r.Errorf("exit status %d, want 1", res.code)
			}
			if res.stdout != "" {
				r.Errorf("stdout is not empty:\n%s", res.stdout)
			}
			checkErrors(t, r, c.files, res.stderr, c.want)
			sameFiles(r, before, snapshot(t, dir))
			if r.failed() {
				r.Errorf("%s", res)
			}
			r.done()
		})
	}
}

// adderSrc is the ping-pong adder; the second file uses it before anything is generated.
var adderSrc = src(`//coro:gen
func adder(co *coro.Co[int, int]) {
	ret := 0
	for {
		in := co.Yield(ret)
		ret = in + 1
	}
}
`)

const userSrc = `package m

import coro "github.com/stackless-go/coro/runtime"

// pair is user code that uses the generated type and constructor.
type pair struct {
	a, b *adderCoro
}

func newPair() pair { return pair{newAdderCoro(), newAdderCoro()} }

// driver is another coroutine that uses the generated coroutine in its body.
//
//coro:gen
func driver(co *coro.Co[int, struct{}], n int) int {
	a := newAdderCoro()
	a.Next()
	v := 0
	for i := 0; i < n; i++ {
		v, _ = a.Send(v)
		co.Yield(v)
	}
	return v
}

func Sum(n int) int {
	p := newPair()
	p.a.Next()
	p.b.Next()
	v := 0
	for range n {
		v, _ = p.a.Send(v)
		v, _ = p.b.Send(v)
	}
	d := newDriverCoro(n)
	for range d.All() {
	}
	return v + d.Result()
}
`

// TestCheck covers -check: silent when up to date; one line naming the file, and exit 1, when it
// is missing, stale or orphaned; and it never writes.
func TestCheck(t *testing.T) {
	dir := newModule(t, map[string]string{"a.go": adderSrc, "b.go": userSrc})

	expect := func(step string, code int, stdoutRE string) {
		t.Helper()
		ageFiles(t, dir)
		before := snapshot(t, dir)
		res := runCoro(t, "-check")
		r := newReport(t, "")
		r.checkSane(res)
		if res.code != code {
			r.Errorf("exit status %d, want %d", res.code, code)
		}
		if res.stderr != "" {
			r.Errorf("stderr is not empty")
		}
		if !regexp.MustCompile(stdoutRE).MatchString(res.stdout) {
			r.Errorf("stdout does not match %q", stdoutRE)
		}
		sameFiles(r, before, snapshot(t, dir))
		if r.failed() {
			t.Errorf("%s: -check:\n%s\n%s", step, strings.Join(r.errs, "\n"), res)
		}
	}
	generate := func(step string) {
		t.Helper()
		if res := runCoro(t); res.code != 0 || res.stdout != "" || res.stderr != "" || res.panicked != "" {
			t.Fatalf("%s: coro:\n%s", step, res)
		}
	}

	expect("nothing generated yet", 1,
		`^a_coro\.go: missing[^\n]*\nb_coro\.go: missing[^\n]*\n$`)
	generate("first run")
	expect("up to date", 0, `^$`)

	// The body changed.
	write(t, "a.go", strings.Replace(adderSrc, "in + 1", "in + 2", 1))
	expect("body changed", 1, `^a_coro\.go: stale[^\n]*\n$`)
	generate("after the body changed")
	expect("up to date again", 0, `^$`)

	// The signature changed: a new parameter.
	b := read(t, "b.go")
	write(t, "a.go", strings.Replace(strings.Replace(adderSrc, "co *coro.Co[int, int])", "co *coro.Co[int, int], start int)", 1), "ret := 0", "ret := start", 1))
	write(t, "b.go", strings.ReplaceAll(b, "newAdderCoro()", "newAdderCoro(0)"))
	// b_coro.go is stale too: driver's body calls the constructor with the new argument.
	expect("signature changed", 1, `^a_coro\.go: stale[^\n]*\nb_coro\.go: stale[^\n]*\n$`)
	generate("after the signature changed")
	expect("up to date again", 0, `^$`)

	// The generated file was edited by hand.
	write(t, "b_coro.go", read(t, "b_coro.go")+"\n// edited\n")
	expect("generated file edited", 1, `^b_coro\.go: stale[^\n]*\n$`)
	generate("after the edit")

	// The generated file was deleted.
	os.Remove("b_coro.go")
	expect("generated file deleted", 1, `^b_coro\.go: missing[^\n]*\n$`)
	generate("after the deletion")

	// b.go loses its directive: b_coro.go is orphaned.
	write(t, "b.go", strings.Replace(read(t, "b.go"), "//coro:gen\n", "", 1))
	// Its users must go too, or the package has a type error.
	b = read(t, "b.go")
	b = b[:strings.Index(b, "func Sum")]
	b = strings.Replace(b, "import coro \"github.com/stackless-go/coro/runtime\"", "import coro \"github.com/stackless-go/coro/runtime\"\n\nvar _ = newPair", 1)
	write(t, "b.go", b)
	expect("directive removed", 1, `^b_coro\.go: orphaned[^\n]*\n$`)
	res := runCoro(t, "-v")
	if res.code != 0 || res.stdout != "removed b_coro.go\n" || res.stderr != "" {
		t.Fatalf("coro -v with an orphan:\n%s", res)
	}
	if _, err := os.Stat("b_coro.go"); !os.IsNotExist(err) {
		t.Errorf("the orphaned b_coro.go was not removed: %v", err)
	}
	expect("orphan removed", 0, `^$`)
	if out, ok := goCmd(t, dir, "build", "./..."); !ok {
		t.Errorf("go build after removing the orphan:\n%s", out)
	}
}

// TestCheckSourceDeleted: a generated file whose source file is gone is an orphan too.
func TestCheckSourceDeleted(t *testing.T) {
	dir := newModule(t, map[string]string{
		"a.go": adderSrc,
		"c.go": src(`//coro:gen
func counter(co *coro.Co[int, struct{}]) {
	for i := 0; ; i++ {
		co.Yield(i)
	}
}
`),
	})
	if res := runCoro(t); res.code != 0 {
		t.Fatalf("coro:\n%s", res)
	}
	os.Remove("c.go")
	res := runCoro(t, "-check")
	if res.code != 1 || !strings.HasPrefix(res.stdout, "c_coro.go: orphaned") {
		t.Errorf("-check with c.go deleted:\n%s", res)
	}
	if res := runCoro(t); res.code != 0 {
		t.Fatalf("coro:\n%s", res)
	}
	if _, err := os.Stat("c_coro.go"); !os.IsNotExist(err) {
		t.Errorf("c_coro.go was not removed")
	}
	if out, ok := goCmd(t, dir, "build", "./..."); !ok {
		t.Errorf("go build:\n%s", out)
	}
}

// TestBeforeGeneration: user code and another coroutine already use newAdderCoro and *adderCoro
// when nothing is generated yet, or when the old generated files do not compile.
func TestBeforeGeneration(t *testing.T) {
	olds := []struct {
		name  string
		files map[string]string
		bug   string
	}{
		{name: "no generated file"},
		{
			name: "garbage after the header",
			files: map[string]string{
				"a_coro.go": gen.Header + "\n\npackage m\n\nthis is not Go {{{\n",
				"b_coro.go": gen.Header + "\n\npackage m\n\nfunc f( {\n",
			},
		},
		{
			name: "old files that compile but clash",
			files: map[string]string{
				// The old declarations have other signatures than the new ones.
				"a_coro.go": gen.Header + "\n\npackage m\n\ntype adderCoro string\n\nfunc newAdderCoro(x, y int) adderCoro { return \"\" }\n",
				"b_coro.go": gen.Header + "\n\npackage m\n\nimport \"nonexistent.example/pkg\"\n\nvar _ = pkg.X\n",
			},
		},
		{
			name: "header only, no package clause",
			files: map[string]string{
				"a_coro.go": gen.Header + "\n",
				"b_coro.go": gen.Header + "\n\npackage m\n",
			},
			bug: "an old generated file that is only the header (no package clause) fails the run with " +
				"\"a_coro.go:1:41: expected 'package', found 'EOF'\": the first go list pass parses it " +
				"before load leaves the tool's files out",
		},
	}
	for _, old := range olds {
		t.Run(old.name, func(t *testing.T) {
			r := newReport(t, old.bug)
			defer r.done()
			files := map[string]string{"a.go": adderSrc, "b.go": userSrc}
			for k, v := range old.files {
				files[k] = v
			}
			dir := newModule(t, files)
			res := runCoro(t, "-v")
			r.checkSane(res)
			if res.code != 0 || res.stderr != "" {
				r.Errorf("coro:\n%s", res)
				return
			}
			if res.stdout != "wrote a_coro.go\nwrote b_coro.go\n" {
				r.Errorf("coro -v printed %q, want the two files written", res.stdout)
			}
			for _, f := range []string{"a_coro.go", "b_coro.go"} {
				if !strings.HasPrefix(read(t, f), gen.Header+"\n") {
					r.Errorf("%s does not start with the header", f)
				}
			}
			if out, ok := goCmd(t, dir, "build", "./..."); !ok {
				r.Errorf("go build:\n%s", out)
			}
			if res := runCoro(t, "-check"); res.code != 0 || res.stdout != "" {
				r.Errorf("-check after generating:\n%s", res)
			}
		})
	}
}

// TestOldGeneratedFileOfAnotherPackage: the package was renamed; the old generated file still
// says the old name. It is the tool's own file: the run must replace it.
func TestOldGeneratedFileOfAnotherPackage(t *testing.T) {
	r := newReport(t, "a generated file left from before a package rename (header, then `package old`) makes "+
		"the load fail with the unpositioned \"found packages m (a.go) and old (a_coro.go) in DIR\": the "+
		"first go list pass sees it before load leaves the tool's files out")
	dir := newModule(t, map[string]string{
		"a.go":      adderSrc,
		"a_coro.go": gen.Header + "\n\npackage old\n",
	})
	res := runCoro(t)
	r.checkSane(res)
	if res.code != 0 {
		r.Errorf("exit status %d, want 0:\n%s", res.code, res)
	} else if out, ok := goCmd(t, dir, "build", "./..."); !ok {
		r.Errorf("go build:\n%s", out)
	}
	r.done()
}

// TestUserFileNamedLikeOutput: a hand-written x_coro.go (no header) is not the tool's to replace.
func TestUserFileNamedLikeOutput(t *testing.T) {
	r := newReport(t, "a hand-written a_coro.go without the header is overwritten: load puts the overlay at "+
		"sf.OutPath whether or not the file there is generated, and the run replaces it (-check calls it stale)")
	const mine = "package m\n\n// precious hand-written code\nfunc unused() {}\n"
	dir := newModule(t, map[string]string{"a.go": adderSrc, "a_coro.go": mine})
	ageFiles(t, dir)
	before := snapshot(t, dir)
	res := runCoro(t)
	r.checkSane(res)
	if res.code != 1 {
		r.Errorf("exit status %d, want 1 (refuse to overwrite a file the tool did not write)", res.code)
	}
	sameFiles(r, before, snapshot(t, dir))
	r.done()
}

// The sources of the tests of test files: coroutines in x.go, in x_test.go (package m) and in
// y_test.go (package m_test), and tests that drive them.
const (
	testPkgSrc = `package m

import coro "github.com/stackless-go/coro/runtime"

// Count yields 0, 1, ..., n-1 and returns n.
//
//coro:gen
func Count(co *coro.Co[int, struct{}], n int) int {
	for i := range n {
		co.Yield(i)
	}
	return n
}

// double yields twice what it was sent last.
//
//coro:gen
func double(co *coro.Co[int, int]) {
	v := 0
	for {
		v = co.Yield(2 * v)
	}
}
`
	testInSrc = `package m

import (
	"slices"
	"testing"

	coro "github.com/stackless-go/coro/runtime"
)

// twice counts to n twice, through delegated calls of Count, and doubles what it is sent.
//
//coro:gen
func twice(co *coro.Co[int, struct{}], n int) int {
	a := Count(co, n)
	b := Count(co, n)
	return a + b
}

// Squares is for the external test package: exported_test.go style.
//
//coro:gen
func Squares(co *coro.Co[int, struct{}], n int) {
	for i := range n {
		co.Yield(i * i)
	}
}

// pair is user code of the test file that holds generated machines of both files.
type pair struct {
	d *doubleCoro
	t *twiceCoro
}

func TestTwice(t *testing.T) {
	p := pair{newDoubleCoro(), newTwiceCoro(3)}
	if got := slices.Collect(p.t.All()); !slices.Equal(got, []int{0, 1, 2, 0, 1, 2}) || p.t.Result() != 6 {
		t.Errorf("twice(3) yielded %v and returned %d, want [0 1 2 0 1 2] and 6", got, p.t.Result())
	}
	p.d.Next()
	if v, _ := p.d.Send(21); v != 42 {
		t.Errorf("double sent 21 yielded %d, want 42", v)
	}
}
`
	testExtSrc = `package m_test

import (
	"slices"
	"testing"

	"example.com/m"
	coro "github.com/stackless-go/coro/runtime"
)

// both yields Count's values and then Squares', one of the package and one of its test file.
//
//coro:gen
func both(co *coro.Co[int, struct{}], n int) int {
	c := m.Count(co, n)
	m.Squares(co, n)
	return c
}

func TestBoth(t *testing.T) {
	b := newBothCoro(3)
	if got := slices.Collect(b.All()); !slices.Equal(got, []int{0, 1, 2, 0, 1, 4}) || b.Result() != 3 {
		t.Errorf("both(3) yielded %v and returned %d, want [0 1 2 0 1 4] and 3", got, b.Result())
	}
	var sq *m.SquaresCoro = m.NewSquaresCoro(2)
	if got := slices.Collect(sq.All()); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("Squares(2) yielded %v", got)
	}
}
`
)

// testFiles are the files of the tests of test files.
func testFiles() map[string]string {
	return map[string]string{"x.go": testPkgSrc, "x_test.go": testInSrc, "y_test.go": testExtSrc}
}

// TestTestFiles: a //coro:gen function in x_test.go gives x_coro_test.go, in package m, and one
// in y_test.go, package m_test, gives y_coro_test.go there (DESIGN.md section 4); they delegate
// to the package's coroutines and the test files use the generated types of both, before they
// exist and when the old generated files do not compile. Then go vet and go test pass.
func TestTestFiles(t *testing.T) {
	for _, old := range []struct {
		name  string
		files map[string]string
	}{
		{name: "no generated file"},
		{
			name: "old generated files that do not compile",
			files: map[string]string{
				"x_coro.go":      gen.Header + "\n\npackage m\n\nthis is not Go {{{\n",
				"x_coro_test.go": gen.Header + "\n\npackage m\n\nfunc f( {\n",
				"y_coro_test.go": gen.Header + "\n\npackage m_test\n\ntype bothCoro string\n",
			},
		},
	} {
		t.Run(old.name, func(t *testing.T) {
			files := testFiles()
			maps.Copy(files, old.files)
			dir := newModule(t, files)
			res := runCoro(t, "-check")
			if res.code != 1 || res.stderr != "" || res.panicked != "" {
				t.Fatalf("-check before generating:\n%s", res)
			}
			want := "x_coro.go: missing: run coro (go generate) to write it\n" +
				"x_coro_test.go: missing: run coro (go generate) to write it\n" +
				"y_coro_test.go: missing: run coro (go generate) to write it\n"
			if len(old.files) > 0 {
				want = strings.ReplaceAll(want, "missing: run coro (go generate) to write it", "stale: run coro (go generate) to update it")
			}
			if res.stdout != want {
				t.Errorf("-check before generating printed:\n%swant:\n%s", res.stdout, want)
			}
			res = runCoro(t, "-v")
			if res.code != 0 || res.stderr != "" || res.panicked != "" || res.leaked != "" {
				t.Fatalf("coro:\n%s", res)
			}
			if want := "wrote x_coro.go\nwrote x_coro_test.go\nwrote y_coro_test.go\n"; res.stdout != want {
				t.Errorf("coro -v printed %q, want %q", res.stdout, want)
			}
			for f, pkg := range map[string]string{"x_coro.go": "m", "x_coro_test.go": "m", "y_coro_test.go": "m_test"} {
				if got := read(t, f); !strings.HasPrefix(got, gen.Header+"\n\npackage "+pkg+"\n") {
					t.Errorf("%s does not start with the header and package %s:\n%s", f, pkg, clip(got))
				}
			}
			if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
				t.Errorf("go vet:\n%s", out)
			}
			if out, ok := goCmd(t, dir, "test", "-count=1", "./..."); !ok {
				t.Errorf("go test:\n%s", out)
			}
			ageFiles(t, dir)
			before := snapshot(t, dir)
			if res := runCoro(t, "-check"); res.code != 0 || res.stdout != "" || res.stderr != "" {
				t.Errorf("-check after generating:\n%s", res)
			}
			if res := runCoro(t); res.code != 0 || res.stdout != "" || res.stderr != "" {
				t.Errorf("coro on up-to-date files:\n%s", res)
			}
			r := newReport(t, "")
			sameFiles(r, before, snapshot(t, dir))
			r.done()
		})
	}
}

// TestCheckTestFiles covers -check on the generated files of test files, in-package and
// external: stale when their source changes or they are edited, missing when deleted, orphaned
// (and removed) when their source loses its directives or is deleted.
func TestCheckTestFiles(t *testing.T) {
	dir := newModule(t, testFiles())
	expect := func(step string, code int, stdout string) {
		t.Helper()
		ageFiles(t, dir)
		before := snapshot(t, dir)
		res := runCoro(t, "-check")
		r := newReport(t, "")
		r.checkSane(res)
		if res.code != code || res.stdout != stdout || res.stderr != "" {
			r.Errorf("-check: want exit status %d and stdout:\n%s", code, stdout)
		}
		sameFiles(r, before, snapshot(t, dir))
		if r.failed() {
			t.Errorf("%s: %s\n%s", step, strings.Join(r.errs, "\n"), res)
		}
	}
	generate := func(step, stdout string) {
		t.Helper()
		if res := runCoro(t, "-v"); res.code != 0 || res.stdout != stdout || res.stderr != "" || res.panicked != "" {
			t.Fatalf("%s: coro -v, want stdout %q:\n%s", step, stdout, res)
		}
	}
	const (
		staleX  = "x_coro_test.go: stale: run coro (go generate) to update it\n"
		staleY  = "y_coro_test.go: stale: run coro (go generate) to update it\n"
		missing = "x_coro_test.go: missing: run coro (go generate) to write it\n"
	)
	generate("first run", "wrote x_coro.go\nwrote x_coro_test.go\nwrote y_coro_test.go\n")
	expect("up to date", 0, "")

	// The bodies changed.
	write(t, "x_test.go", strings.Replace(testInSrc, "return a + b", "return b + a", 1))
	expect("in-package test body changed", 1, staleX)
	write(t, "y_test.go", strings.Replace(testExtSrc, "return c", "return c + 0", 1))
	expect("both test bodies changed", 1, staleX+staleY)
	generate("after the bodies changed", "wrote x_coro_test.go\nwrote y_coro_test.go\n")
	expect("up to date again", 0, "")

	// The package's coroutine changed its signature: the test files' delegated calls change,
	// and so do their generated files.
	write(t, "x.go", strings.Replace(testPkgSrc, "func Count(co *coro.Co[int, struct{}], n int) int {", "func Count(co *coro.Co[int, struct{}], n int) (int, error) {", 1))
	write(t, "x.go", strings.Replace(read(t, "x.go"), "\treturn n\n", "\treturn n, nil\n", 1))
	write(t, "x_test.go", strings.Replace(read(t, "x_test.go"), "a := Count(co, n)\n\tb := Count(co, n)", "a, _ := Count(co, n)\n\tb, _ := Count(co, n)", 1))
	write(t, "y_test.go", strings.Replace(read(t, "y_test.go"), "c := m.Count(co, n)", "c, _ := m.Count(co, n)", 1))
	expect("the callee's signature changed", 1, "x_coro.go: stale: run coro (go generate) to update it\n"+staleX+staleY)
	generate("after the signature changed", "wrote x_coro.go\nwrote x_coro_test.go\nwrote y_coro_test.go\n")
	if out, ok := goCmd(t, dir, "test", "-count=1", "./..."); !ok {
		t.Errorf("go test after the signature changed:\n%s", out)
	}

	// A generated test file edited by hand, then deleted.
	write(t, "y_coro_test.go", read(t, "y_coro_test.go")+"\n// edited\n")
	expect("generated test file edited", 1, staleY)
	generate("after the edit", "wrote y_coro_test.go\n")
	os.Remove("x_coro_test.go")
	expect("generated test file deleted", 1, missing)
	generate("after the deletion", "wrote x_coro_test.go\n")

	// y_test.go loses its directive: y_coro_test.go is orphaned, and removed.
	ext := read(t, "y_test.go")
	ext = strings.Replace(ext, "//coro:gen\n", "", 1)
	ext = ext[:strings.Index(ext, "func TestBoth")] + "var _ = coro.Status(0)\n"
	ext = strings.Replace(ext, "\t\"slices\"\n\t\"testing\"\n\n", "", 1)
	write(t, "y_test.go", ext)
	expect("external test directive removed", 1, "y_coro_test.go: orphaned: its source has no //coro:gen function; run coro to remove it\n")
	generate("with an orphan", "removed y_coro_test.go\n")
	if _, err := os.Stat("y_coro_test.go"); !os.IsNotExist(err) {
		t.Errorf("the orphaned y_coro_test.go was not removed: %v", err)
	}
	expect("orphan removed", 0, "")

	// x_test.go is deleted: x_coro_test.go is orphaned (y_test.go used Squares: it goes too).
	os.Remove("x_test.go")
	os.Remove("y_test.go")
	expect("in-package test file deleted", 1, "x_coro_test.go: orphaned: its source has no //coro:gen function; run coro to remove it\n")
	generate("with an orphan", "removed x_coro_test.go\n")
	if _, err := os.Stat("x_coro_test.go"); !os.IsNotExist(err) {
		t.Errorf("the orphaned x_coro_test.go was not removed: %v", err)
	}
	expect("orphan removed", 0, "")
	if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
		t.Errorf("go vet after removing the orphans:\n%s", out)
	}
}

// valueLibSrc is a package whose type the coroutines of TestNamesOfTheTestBuild yield: the generated
// files import it.
const valueLibSrc = "package lib\n\n// T is a value to yield.\ntype T struct{ N int }\n"

// TestNamesOfTheTestBuild: go test compiles a package with its in-package test files and all their
// generated files, so a name declared in one of those files is taken in all of them. The imports
// of a generated file (the runtime, errors, iter, and the packages of what the bodies use) take
// other names than the ones the package declares, in its files, its test files and the other
// generated files, and the package and its tests build.
func TestNamesOfTheTestBuild(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		// want are texts that the generated files must hold: the imports renamed.
		want map[string][]string
	}{
		{
			name: "an in-package test file declares the names of the generated file's imports",
			files: map[string]string{
				"lib/lib.go": valueLibSrc,
				"x.go": `package m

import (
	l "example.com/m/lib"
	rt "github.com/stackless-go/coro/runtime"
)

//coro:gen
func gen(co *rt.Co[l.T, struct{}]) {
	for i := range 3 {
		if _, err := co.YieldErr(l.T{N: i}); err != nil {
			return
		}
	}
}
`,
				"x_test.go": `package m

import "testing"

var iter = 3

func errors() {}

type coro struct{}

const lib = 1

func TestGen(t *testing.T) {
	errors()
	_ = coro{}
	n := 0
	for v := range newGenCoro().All() {
		n += v.N + lib
	}
	if n != 3+3 {
		t.Errorf("n = %d, want 6", n)
	}
}
`,
			},
			want: map[string][]string{"x_coro.go": {`coro1 "github.com/stackless-go/coro/runtime"`, `errors1 "errors"`, `iter1 "iter"`, `lib1 "example.com/m/lib"`}},
		},
		{
			name: "the package declares the names of the imports of an in-package test file's generated file",
			files: map[string]string{
				"lib/lib.go": valueLibSrc,
				"x.go":       "package m\n\nvar lib = 3\n\nfunc errors() {}\n",
				"x_test.go": `package m

import (
	"testing"

	l "example.com/m/lib"
	coro "github.com/stackless-go/coro/runtime"
)

//coro:gen
func gen(co *coro.Co[l.T, struct{}]) {
	for i := range 3 {
		if _, err := co.YieldErr(l.T{N: i + lib}); err != nil {
			return
		}
	}
}

func TestGen(t *testing.T) {
	errors()
	n := 0
	for v := range newGenCoro().All() {
		n += v.N
	}
	if n != 3+4+5 {
		t.Errorf("n = %d, want 12", n)
	}
}
`,
			},
			want: map[string][]string{"x_coro_test.go": {`errors1 "errors"`, `lib1 "example.com/m/lib"`}},
		},
		{
			name: "an external test package declares the name of the package under test",
			files: map[string]string{
				"x.go": "package m\n\n// T is a value to yield.\ntype T struct{ N int }\n",
				"x_test.go": `package m_test

import (
	"testing"

	mm "example.com/m"
	coro "github.com/stackless-go/coro/runtime"
)

var m = 2

//coro:gen
func gen(co *coro.Co[mm.T, struct{}]) {
	co.Yield(mm.T{N: m})
}

func TestGen(t *testing.T) {
	for v := range newGenCoro().All() {
		if v.N != 2 {
			t.Errorf("v.N = %d, want 2", v.N)
		}
	}
}
`,
			},
			want: map[string][]string{"x_coro_test.go": {`m1 "example.com/m"`}},
		},
		{
			name: "an in-package test file's coroutine generates a type named as an import of the package's generated file",
			files: map[string]string{
				"x.go": `package m

import coro "github.com/stackless-go/coro/runtime"

//coro:gen
func gen(co *coro.Co[int, struct{}]) {
	co.Yield(1)
}
`,
				"x_test.go": `package m

import (
	"testing"

	coro "github.com/stackless-go/coro/runtime"
)

//coro:gen iter
func other(co *coro.Co[int, struct{}]) {
	co.Yield(2)
}

func TestGen(t *testing.T) {
	n := 0
	for v := range newGenCoro().All() {
		n += v
	}
	for v := range newIter().All() {
		n += v
	}
	if n != 3 {
		t.Errorf("n = %d, want 3", n)
	}
}
`,
			},
			want: map[string][]string{"x_coro.go": {`iter1 "iter"`}, "x_coro_test.go": {`iter1 "iter"`}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := newModule(t, c.files)
			res := runCoro(t, "./...")
			r := newReport(t, "")
			r.checkSane(res)
			if res.code != 0 || res.stderr != "" {
				r.Errorf("coro:\n%s", res)
			}
			for file, texts := range c.want {
				got := read(t, file)
				for _, text := range texts {
					if !strings.Contains(got, text) {
						r.Errorf("%s does not hold %s:\n%s", file, text, clip(got))
					}
				}
			}
			if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
				r.Errorf("go vet:\n%s", out)
			}
			if out, ok := goCmd(t, dir, "test", "-count=1", "./..."); !ok {
				r.Errorf("go test:\n%s", out)
			}
			if res := runCoro(t, "-check", "./..."); res.code != 0 || res.stdout != "" || res.stderr != "" {
				r.Errorf("-check after generating:\n%s", res)
			}
			r.done()
		})
	}
}

// TestTestFileTakesGeneratedName: a name that the tool must declare for a coroutine of the
// package, taken by its in-package test file (which has nothing else for the tool: the test
// variant is not type-checked), is an error at the directive, and nothing is written.
func TestTestFileTakesGeneratedName(t *testing.T) {
	for _, c := range []struct {
		name string
		test string
		want wantErr
	}{
		{
			name: "the constructor",
			test: "package m\n\nfunc newAdderCoro() {}\n",
			want: wantErr{"a.go", "«//coro:gen\nfunc adder", "coro generates newAdderCoro for adder, but the package already declares newAdderCoro at a_test.go:3:6: name the generated type with //coro:gen OtherName"},
		},
		{
			name: "the type",
			test: "package m\n\nvar adderCoro = 1\n",
			want: wantErr{"a.go", "«//coro:gen\nfunc adder", "coro generates adderCoro for adder, but the package already declares adderCoro at a_test.go:3:5: name the generated type with //coro:gen OtherName"},
		},
		{
			name: "an import",
			test: "package m\n\nimport adderCoro \"strings\"\n\nvar _ = adderCoro.ToUpper\n",
			want: wantErr{"a.go", "«//coro:gen\nfunc adder", `coro generates adderCoro for adder, but a file of the package imports "strings" as adderCoro at a_test.go:3:8: name the generated type with //coro:gen OtherName, or import the package under another name`},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"a.go": adderSrc, "a_test.go": c.test}
			dir := newModule(t, files)
			ageFiles(t, dir)
			before := snapshot(t, dir)
			res := runCoro(t)
			r := newReport(t, "")
			r.checkSane(res)
			if res.code != 1 || res.stdout != "" {
				r.Errorf("exit status %d and stdout %q, want 1 and nothing", res.code, res.stdout)
			}
			checkErrors(t, r, files, res.stderr, []wantErr{c.want})
			sameFiles(r, before, snapshot(t, dir))
			if r.failed() {
				r.Errorf("%s", res)
			}
			r.done()
		})
	}
}

// TestDotImportTakesGeneratedName: a dot import brings the exported names of a package into the
// file's block, and Go lets no name be both there and in the package block, where the generated
// type and constructor go: a generated name that a dot-imported package exports is an error at
// the directive, and nothing is written. (The compiler would put it in the generated file, and the
// tool, which leaves the errors of its own declarations out, gave only "other declaration of".)
func TestDotImportTakesGeneratedName(t *testing.T) {
	builder := `package m

import (
	"strings"

	coro "github.com/stackless-go/coro/runtime"
)

var _ = strings.ToUpper

//coro:gen Builder
func f(co *coro.Co[int, int]) {
	co.Yield(1)
}
`
	fib := src(`//coro:gen
func Fib(co *coro.Co[int, struct{}]) {
	co.Yield(1)
}
`)
	const dotStrings = "package m\n\nimport . \"strings\"\n\nvar _ = ToUpper\n"
	const wantStrings = `coro generates Builder for f, but a file of the package dot-imports package strings ("strings") at %s, which exports Builder too, and no name may be both declared in the package and imported into one of its files: name the generated type with //coro:gen OtherName, or import the package with a name instead of the dot, strings "strings"`
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []wantErr
	}{
		{
			name:  "in a file of the package",
			files: map[string]string{"a.go": builder, "b.go": dotStrings},
			want:  []wantErr{{"a.go", "«//coro:gen Builder", fmt.Sprintf(wantStrings, "b.go:3:8")}},
		},
		{
			name:  "in an in-package test file",
			files: map[string]string{"a.go": builder, "a_test.go": dotStrings},
			want:  []wantErr{{"a.go", "«//coro:gen Builder", fmt.Sprintf(wantStrings, "a_test.go:3:8")}},
		},
		{
			name: "in the external test package, of the package under test",
			files: map[string]string{"a.go": fib, "x_test.go": `package m_test

import (
	coro "github.com/stackless-go/coro/runtime"

	. "example.com/m"
)

var _ = NewFibCoro

//coro:gen FibCoro
func fib(co *coro.Co[int, struct{}]) {
	co.Yield(2)
}
`},
			want: []wantErr{
				{"x_test.go", "«//coro:gen FibCoro", `coro generates FibCoro for fib, but a file of the package dot-imports package m ("example.com/m") at x_test.go:6:2, which exports FibCoro too`},
				{"x_test.go", "«//coro:gen FibCoro", `coro generates NewFibCoro for fib, but a file of the package dot-imports package m ("example.com/m") at x_test.go:6:2, which exports NewFibCoro too, and no name may be both declared in the package and imported into one of its files: name the generated type with //coro:gen OtherName, or import the package with a name instead of the dot, m "example.com/m"`},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := newModule(t, c.files)
			ageFiles(t, dir)
			before := snapshot(t, dir)
			res := runCoro(t, "./...")
			r := newReport(t, "")
			r.checkSane(res)
			if res.code != 1 || res.stdout != "" {
				r.Errorf("exit status %d and stdout %q, want 1 and nothing", res.code, res.stdout)
			}
			checkErrors(t, r, c.files, res.stderr, c.want)
			sameFiles(r, before, snapshot(t, dir))
			if r.failed() {
				r.Errorf("%s", res)
			}
			r.done()
		})
	}
	// A dot import of a package that exports none of the generated names is fine.
	t.Run("no clash", func(t *testing.T) {
		dir := newModule(t, map[string]string{"a.go": fib, "b.go": dotStrings})
		if res := runCoro(t); res.code != 0 {
			t.Fatalf("coro:\n%s", res)
		}
		if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
			t.Errorf("go vet:\n%s", out)
		}
	})
}

// TestTestFileChangesPackage: x_test.go moves from package m to the external test package m_test
// (or back); its generated file, which still says the old package, is the tool's to rewrite in
// the new one, not an orphan.
func TestTestFileChangesPackage(t *testing.T) {
	in := `package m

import (
	"testing"

	coro "github.com/stackless-go/coro/runtime"
)

//coro:gen
func ones(co *coro.Co[int, struct{}], n int) {
	for range n {
		co.Yield(1)
	}
}

func TestOnes(t *testing.T) {
	sum := 0
	for v := range newOnesCoro(3).All() {
		sum += v
	}
	if sum != 3 {
		t.Errorf("sum %d, want 3", sum)
	}
}
`
	ext := strings.Replace(in, "package m\n", "package m_test\n", 1)
	dir := newModule(t, map[string]string{"m.go": "package m\n", "x_test.go": in})
	for _, step := range []struct{ name, src, pkg string }{
		{"in package m", in, "m"},
		{"moved to m_test", ext, "m_test"},
		{"moved back to m", in, "m"},
	} {
		write(t, "x_test.go", step.src)
		res := runCoro(t, "-v")
		if res.code != 0 || res.stdout != "wrote x_coro_test.go\n" || res.stderr != "" || res.panicked != "" {
			t.Fatalf("%s: coro -v, want x_coro_test.go written:\n%s", step.name, res)
		}
		if got := read(t, "x_coro_test.go"); !strings.HasPrefix(got, gen.Header+"\n\npackage "+step.pkg+"\n") {
			t.Errorf("%s: x_coro_test.go is not in package %s:\n%s", step.name, step.pkg, clip(got))
		}
		if out, ok := goCmd(t, dir, "test", "-count=1", "./..."); !ok {
			t.Errorf("%s: go test:\n%s", step.name, out)
		}
	}
}

// goodInput is a package the command must generate for; the result must build and vet.
type goodInput struct {
	name  string
	files map[string]string
	bug   string
}

var goodInputs = []goodInput{
	{
		name: "function, method, named type, error result",
		files: map[string]string{
			"a.go": adderSrc,
			"b.go": userSrc,
			"c.go": src(`type Tree struct{ v int }

//coro:gen
func (t *Tree) walk(co *coro.Co[int, struct{}], d int) {
	for i := 0; i < d; i++ {
		co.Yield(t.v + i)
	}
}

//coro:gen Counter
func counter(co *coro.Co[int, struct{}]) {
	for i := 0; ; i++ {
		co.Yield(i)
	}
}

//coro:gen
func Fib(co *coro.Co[int, struct{}], n int) (int, error) {
	a, b := 0, 1
	for i := 0; i < n; i++ {
		co.Yield(a)
		a, b = b, a+b
	}
	if _, err := co.YieldErr(a); err != nil {
		return 0, err
	}
	return a, nil
}

var _ = newTreeWalkCoro(&Tree{}, 3)
var _ = NewCounter()
var _ = NewFibCoro(10)
`),
		},
	},
	{
		name: "method of a generic type",
		files: a(`type integer interface{ ~int | ~int64 }

type Box[T integer] struct{ v T }

//coro:gen
func (b *Box[T]) Run(co *coro.Co[T, T]) {
	for {
		b.v += co.Yield(b.v)
	}
}

var _ *BoxRunCoro[int] = NewBoxRunCoro(&Box[int]{})
`),
	},
	{
		name: "generic function",
		files: a(`//coro:gen
func mapper[T any](co *coro.Co[T, T], f func(T) T) {
	var v T
	for {
		in := co.Yield(v)
		v = f(in)
	}
}

var _ *mapperCoro[int] = newMapperCoro(func(x int) int { return x })
`),
	},
	{
		name: "method of a generic type with a blank type parameter",
		files: a(`type Box[T any] struct{ n int }

//coro:gen
func (b *Box[_]) Count(co *coro.Co[int, struct{}]) {
	for i := 0; i < b.n; i++ {
		co.Yield(i)
	}
}

var _ = NewBoxCountCoro(&Box[string]{n: 3})
`),
		bug: "a method whose receiver writes a blank type parameter (*Box[_]) fails with \"a_coro.go:12:38: cannot use _ " +
			"as value or type\" at a position of the overlay: stubFile copies the _ into the stub's type parameters",
	},
}

// TestGenerate: valid packages generate, and the result builds and passes go vet.
func TestGenerate(t *testing.T) {
	for _, c := range goodInputs {
		t.Run(c.name, func(t *testing.T) {
			r := newReport(t, c.bug)
			dir := newModule(t, c.files)
			res := runCoro(t)
			r.checkSane(res)
			if res.code != 0 || res.stdout != "" || res.stderr != "" {
				r.Errorf("coro:\n%s", res)
				r.done()
				return
			}
			if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
				r.Errorf("go vet:\n%s", out)
			}
			r.done()
		})
	}
}

// TestDeterministic: the same input gives the same bytes, a second run writes nothing, the output
// is gofmt-clean, and go vet passes.
func TestDeterministic(t *testing.T) {
	files := map[string]string{"a.go": adderSrc, "b.go": userSrc, "c.go": goodInputs[0].files["c.go"]}
	dir := newModule(t, files)
	outs := []string{"a_coro.go", "b_coro.go", "c_coro.go"}

	generate := func() map[string]string {
		t.Helper()
		res := runCoro(t)
		if res.code != 0 || res.stdout != "" || res.stderr != "" || res.panicked != "" {
			t.Fatalf("coro:\n%s%s", res, res.panicked)
		}
		got := map[string]string{}
		for _, f := range outs {
			got[f] = read(t, f)
		}
		return got
	}
	first := generate()
	for _, f := range outs {
		os.Remove(f)
	}
	second := generate()
	for _, f := range outs {
		if first[f] != second[f] {
			t.Errorf("%s differs between two runs on the same input", f)
		}
		formatted, err := format.Source([]byte(first[f]))
		if err != nil {
			t.Errorf("%s does not parse: %v", f, err)
		} else if string(formatted) != first[f] {
			t.Errorf("%s is not gofmt-clean", f)
		}
		if !strings.HasPrefix(first[f], gen.Header+"\n") {
			t.Errorf("%s does not start with %q", f, gen.Header)
		}
	}

	// A third run on up-to-date files changes nothing, not even a modification time, and
	// with -v says nothing.
	ageFiles(t, dir)
	before := snapshot(t, dir)
	res := runCoro(t, "-v")
	if res.code != 0 || res.stdout != "" || res.stderr != "" {
		t.Errorf("coro -v on up-to-date files:\n%s", res)
	}
	r := newReport(t, "")
	sameFiles(r, before, snapshot(t, dir))
	for _, e := range r.errs {
		t.Error(e)
	}

	// In another directory, the same sources give the same bytes.
	newModule(t, files)
	third := generate()
	for _, f := range outs {
		if first[f] != third[f] {
			t.Errorf("%s differs when generated in another directory", f)
		}
	}

	if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
		t.Errorf("go vet:\n%s", out)
	}
}

// TestUsage: a bad flag is a usage error, exit 2; a bad package pattern is an error, exit 1.
func TestUsage(t *testing.T) {
	dir := newModule(t, map[string]string{"a.go": adderSrc})
	before := snapshot(t, dir)

	res := runCoro(t, "-bogus")
	if res.panicked != "" || res.code != 2 || res.stdout != "" ||
		!strings.Contains(res.stderr, "flag provided but not defined: -bogus") ||
		!strings.Contains(res.stderr, "usage: coro [-check] [-v] [packages]") ||
		!strings.Contains(res.stderr, "-check") {
		t.Errorf("coro -bogus:\n%s", res)
	}

	for _, args := range [][]string{{"./nope"}, {"example.com/nope"}, {"-check", "./nope"}} {
		res := runCoro(t, args...)
		if res.panicked != "" || res.code != 1 || res.stdout != "" || res.stderr == "" {
			t.Errorf("coro %s:\n%s", strings.Join(args, " "), res)
		}
	}
	r := newReport(t, "")
	sameFiles(r, before, snapshot(t, dir))
	for _, e := range r.errs {
		t.Error(e)
	}
}

// TestPosOf checks the helper that turns « into positions.
func TestPosOf(t *testing.T) {
	line, col := posOf(t, "ab\n\tcd ef\n", "cd «ef")
	if got := strconv.Itoa(line) + ":" + strconv.Itoa(col); got != "2:5" {
		t.Errorf("posOf = %s, want 2:5", got)
	}
}

// libSrc is a package with a coroutine that other packages delegate to, and code of its own
// that uses the generated constructor, so that it compiles only once its generated file is there
// (or while the tool loads it, with the declarations derived from its directive).
const libSrc = `package lib

import coro "github.com/stackless-go/coro/runtime"

// Count yields 0 to n-1 and returns what it was sent, summed.
//
//coro:gen
func Count(co *coro.Co[int, int], n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		sum += co.Yield(i)
	}
	return sum
}

// First is the first value of Count.
func First() int {
	v, _ := NewCountCoro(3).Next()
	return v
}
`

// useSrc delegates to lib.Count twice, and drives its own machine.
const useSrc = `package use

import (
	coro "github.com/stackless-go/coro/runtime"

	"example.com/m/lib"
)

//coro:gen
func twice(co *coro.Co[int, int], n int) int {
	return lib.Count(co, n) + lib.Count(co, n)
}

// Total drives twice(3), sending each value plus one, and returns its result.
func Total() int {
	c := newTwiceCoro(3)
	v, ok := c.Next()
	for ok {
		v, ok = c.Send(v + 1)
	}
	return c.Result() + lib.First()
}
`

// TestDelegationAcrossPackages: a coroutine of package use delegates to lib.Count. The tool runs
// on use alone, while lib's generated file is missing, stale, or does not compile: it knows
// lib.Count for a coroutine from its directive, and type-checks lib with the declarations derived
// from it. Then lib is generated, and the program builds, passes vet and runs.
func TestDelegationAcrossPackages(t *testing.T) {
	olds := []struct{ name, lib string }{
		{"no generated file", ""},
		{"stale generated file", gen.Header + "\n\npackage lib\n\ntype CountCoro struct{}\n\nfunc NewCountCoro() *CountCoro { return nil }\n"},
		{"generated file that does not compile", gen.Header + "\n\npackage lib\n\nfunc f( {\n"},
	}
	for _, old := range olds {
		t.Run(old.name, func(t *testing.T) {
			files := map[string]string{
				"lib/lib.go": libSrc,
				"use/use.go": useSrc,
				"main.go":    "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/m/use\"\n)\n\nfunc main() { fmt.Println(use.Total()) }\n",
			}
			if old.lib != "" {
				files["lib/lib_coro.go"] = old.lib
			}
			dir := newModule(t, files)
			if res := runCoro(t, "-v", "./use"); res.code != 0 || res.stdout != "wrote use/use_coro.go\n" || res.panicked != "" {
				t.Fatalf("coro ./use:\n%s", res)
			}
			if old.lib != "" && read(t, filepath.Join(dir, "lib", "lib_coro.go")) != old.lib {
				t.Errorf("coro ./use changed lib/lib_coro.go")
			}
			got := read(t, filepath.Join(dir, "use", "use_coro.go"))
			for _, want := range []string{" lib.CountCoro\n", "= *lib.NewCountCoro(co.n)", ".Unwound()"} {
				if !strings.Contains(got, want) {
					t.Errorf("use_coro.go has no %q:\n%s", want, got)
				}
			}
			if res := runCoro(t, "./lib"); res.code != 0 {
				t.Fatalf("coro ./lib:\n%s", res)
			}
			if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
				t.Fatalf("go vet:\n%s", out)
			}
			// (1+2+3) * 2 sent back, plus lib.First() == 0.
			if out, ok := goCmd(t, dir, "run", "."); !ok || out != "12\n" {
				t.Errorf("go run: %q, want \"12\\n\"", out)
			}
			if res := runCoro(t, "-check", "./..."); res.code != 0 {
				t.Errorf("-check after generating:\n%s", res)
			}
		})
	}
}

// TestDelegationToOutdatedPackage: lib's generated file was written by an older coro, whose
// machines had no Unwound method, which the generated code of a delegated call calls. Run on use
// alone, the tool says so at each call, naming the way out, and writes nothing; run on both
// packages, it regenerates lib too and all is well.
func TestDelegationToOutdatedPackage(t *testing.T) {
	files := map[string]string{
		"lib/lib.go": libSrc,
		"use/use.go": useSrc,
		"main.go":    "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/m/use\"\n)\n\nfunc main() { fmt.Println(use.Total()) }\n",
	}
	dir := newModule(t, files)
	if res := runCoro(t, "./lib"); res.code != 0 {
		t.Fatalf("coro ./lib:\n%s", res)
	}
	// What an older coro wrote: the same machine without Unwound, which compiles.
	libCoro := filepath.Join(dir, "lib", "lib_coro.go")
	unwound := regexp.MustCompile(`(?s)// Unwound reports[^\n]*\n(//[^\n]*\n)*func \(co \*CountCoro\) Unwound\(\) bool \{\n.*?\n\}\n\n`)
	current := read(t, libCoro)
	old := unwound.ReplaceAllString(current, "")
	if old == current || strings.Contains(old, "Unwound") {
		t.Fatalf("no Unwound method to take out of lib/lib_coro.go:\n%s", current)
	}
	write(t, libCoro, old)
	if out, ok := goCmd(t, dir, "build", "./lib"); !ok {
		t.Fatalf("the old lib/lib_coro.go does not compile:\n%s", out)
	}

	r := newReport(t, "")
	ageFiles(t, dir)
	before := snapshot(t, dir)
	res := runCoro(t, "./use")
	r.checkSane(res)
	if res.code != 1 {
		r.Errorf("exit status %d, want 1", res.code)
	}
	const msg = "the delegated call of lib.Count needs the method Unwound of lib.CountCoro, which the generated file of package example.com/m/lib lacks (lib/lib_coro.go:"
	const fix = "written by an older coro): regenerate that package, with go generate example.com/m/lib or go run github.com/stackless-go/coro/cmd/coro example.com/m/lib, or run coro on both packages at once"
	checkErrors(t, r, files, res.stderr, []wantErr{
		{"use/use.go", "return «lib.Count(co, n) +", msg},
		{"use/use.go", "+ «lib.Count(co, n)", fix},
	})
	if at := regexp.MustCompile(`\(lib/lib_coro\.go:\d+:\d+, written`); !at.MatchString(res.stderr) {
		r.Errorf("the error does not say where lib/lib_coro.go declares CountCoro, as file:line:col")
	}
	sameFiles(r, before, snapshot(t, dir))
	if r.failed() {
		r.Errorf("%s", res)
	}
	r.done()

	// Generated in the same run, lib's machine is rewritten: no error.
	if res := runCoro(t, "./..."); res.code != 0 {
		t.Fatalf("coro ./...:\n%s", res)
	}
	if out, ok := goCmd(t, dir, "vet", "./..."); !ok {
		t.Fatalf("go vet:\n%s", out)
	}
	if out, ok := goCmd(t, dir, "run", "."); !ok || out != "12\n" {
		t.Errorf("go run: %q, want \"12\\n\"", out)
	}
}

// TestDelegationAcrossPackagesRejected: what a delegated call to another package cannot do is
// an error at the call, saying what to write instead.
func TestDelegationAcrossPackagesRejected(t *testing.T) {
	files := map[string]string{
		"lib/lib.go": `package lib

import coro "github.com/stackless-go/coro/runtime"

// Hidden's generated type is named in lower case: no other package can make its machine.
//
//coro:gen hidden
func Hidden(co *coro.Co[int, int]) {
	co.Yield(1)
}

// Tree is a tree.
type Tree struct{ V int }

// Walk yields V.
//
//coro:gen
func (t *Tree) Walk(co *coro.Co[int, int]) {
	co.Yield(t.V)
}

// leaf is a leaf, embedded in Node but not exported.
type leaf struct{ V int }

// Leaf yields V.
//
//coro:gen
func (l *leaf) Leaf(co *coro.Co[int, int]) {
	co.Yield(l.V)
}

// Node embeds a Tree and a leaf.
type Node struct {
	*Tree
	leaf
}
`,
		"use/use.go": `package use

import (
	coro "github.com/stackless-go/coro/runtime"

	"example.com/m/lib"
)

//coro:gen
func f(co *coro.Co[int, int], n lib.Node) {
	lib.Hidden(co)
	n.Walk(co)
	n.Tree.Walk(co)
	n.Leaf(co)
}
`,
	}
	r := newReport(t, "")
	dir := newModule(t, files)
	ageFiles(t, dir)
	before := snapshot(t, dir)
	res := runCoro(t, "./...")
	r.checkSane(res)
	if res.code != 1 {
		r.Errorf("exit status %d, want 1", res.code)
	}
	checkErrors(t, r, files, res.stderr, []wantErr{
		{"use/use.go", "\t«lib.Hidden(co)", "the call of lib.Hidden cannot be delegated from package use: its generated constructor newHidden is not exported, as //coro:gen hidden at lib/lib.go:7:1 names the generated type in lower case: write //coro:gen alone there (the type is then HiddenCoro), or a name with a capital letter"},
		{"use/use.go", "\t«n.Leaf(co)", "the delegated call of Leaf goes through the embedded field leaf of package lib, which package use cannot name: export the field, or delegate from a //coro:gen function of package lib that calls n.leaf.Leaf(co, ...)"},
	})
	sameFiles(r, before, snapshot(t, dir))
	if r.failed() {
		r.Errorf("%s", res)
	}
	r.done()
}
