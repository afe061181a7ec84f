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
		"go.mod": "module example.com/lines\n\ngo 1.26.0\n\nrequire github.com/stackless-go/coro v0.0.0\n\nreplace github.com/stackless-go/coro => " + root + "\n",
		"go.sum": string(sum),
		"body.go": `package main

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
`,
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
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the program did not panic:\n%s", out)
	}
	if !strings.Contains(string(out), "index out of range") || !strings.Contains(string(out), "body.go:8") {
		t.Errorf("the stack trace does not name body.go:8:\n%s", out)
	}
	if strings.Contains(string(out), "body_coro.go") && !strings.Contains(string(out), "body.go:8") {
		t.Errorf("the stack trace names the generated file:\n%s", out)
	}
}
