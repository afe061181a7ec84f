package coro_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stackless-go/coro/gen"
)

// TestStackTraceNamesSourceLine: a panic in a coroutine body names the user's file and line in
// its stack trace, through the line directives of the generated file.
func TestStackTraceNamesSourceLine(t *testing.T) {
	out := runPanicking(t, `package main

import coro "github.com/stackless-go/coro/runtime"

//coro:gen
func explode(co *coro.Co[int, int], xs []int) {
	i := co.Yield(0)
	co.Yield(xs[i]) // line 8: index out of range when i is too big
}

func main() {
	c := newExplodeCoro([]int{1})
	c.Next()
	c.Send(5)
}
`)
	if !strings.Contains(out, "index out of range") || !strings.Contains(out, "body.go:8") {
		t.Errorf("the stack trace does not name body.go:8:\n%s", out)
	}
	if strings.Contains(out, "body_coro.go") && !strings.Contains(out, "body.go:8") {
		t.Errorf("the stack trace names the generated file:\n%s", out)
	}
}

// TestStackTraceNamesDelegatedCall: a delegated call whose receiver goes through a nil embedded
// pointer panics at the call's line, as in Go (the call stands lines apart from the statement
// before it, so that only a line directive of its own names it); a panic in the callee's body
// names the callee's line.
func TestStackTraceNamesDelegatedCall(t *testing.T) {
	const body = `package main

import (
	"os"

	coro "github.com/stackless-go/coro/runtime"
)

type Tree struct{ V []int }

//coro:gen
func (t Tree) First(co *coro.Co[int, int]) int {
	co.Yield(0)
	return co.Yield(t.V[0]) // line 14: index out of range when V is empty
}

type Node struct{ *Tree }

//coro:gen
func use(co *coro.Co[int, int], n Node) int {
	co.Yield(1)

	// the call

	return n.First(co) // line 25: n.Tree is nil, or First panics
}

func main() {
	n := Node{}
	if len(os.Args) > 1 {
		n.Tree = &Tree{}
	}
	c := newUseCoro(n)
	c.Next()
	c.Send(1)
	c.Send(2)
}
`
	out := runPanicking(t, body)
	if !strings.Contains(out, "nil pointer dereference") || !strings.Contains(out, "body.go:25") {
		t.Errorf("the stack trace does not name body.go:25:\n%s", out)
	}
	// In the callee's body: its own line. (The caller's frame is near the call, not at it: the
	// Send to the callee's machine is nested in an if, which has no line directive of its own.)
	out = runPanicking(t, body, "empty")
	if !strings.Contains(out, "index out of range") || !strings.Contains(out, "body.go:14") {
		t.Errorf("the stack trace does not name body.go:14:\n%s", out)
	}
}

// runPanicking generates and runs a main package whose only file is body.go, with args, and
// returns its output; it fails the test if the program does not panic.
func runPanicking(t *testing.T, body string, args ...string) string {
	t.Helper()
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":  "module example.com/lines\n\ngo 1.26.0\n\nrequire github.com/stackless-go/coro v0.0.0\n\nreplace github.com/stackless-go/coro => " + root + "\n",
		"go.sum":  string(sum),
		"body.go": body,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgs, err := gen.Load(dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	outs, err := gen.Generate(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		if err := os.WriteFile(o.Path, o.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", append([]string{"run", "."}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the program did not panic:\n%s", out)
	}
	return string(out)
}
