package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/stackless-go/coro/gen"
)

// TestMain runs the command itself when the test binary is started as corovet (see runCorovet).
func TestMain(m *testing.M) {
	if os.Getenv("COROVET_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runCorovet runs the command in dir with args and the extra environment env.
func runCorovet(t *testing.T, dir string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "COROVET_RUN_MAIN=1"), env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// TestGeneratedClean runs the analyzer on the examples and the runtime, generated files and all:
// the project's own coroutines have nothing to report.
func TestGeneratedClean(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every example package")
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   "../..",
		Tests: true,
	}, "./generated/...", "./runtime/...")
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%d errors loading the packages", n)
	}
	res, err := checker.Analyze([]*analysis.Analyzer{gen.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	analyzed := 0
	for act := range res.All() {
		if act.Analyzer != gen.Analyzer || !act.IsRoot {
			continue
		}
		analyzed++
		if act.Err != nil {
			t.Errorf("%s: %v", act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			t.Errorf("%s: %s", act.Package.Fset.Position(d.Pos), d.Message)
		}
	}
	if analyzed < 10 {
		t.Errorf("analyzed %d packages, want the examples and the runtime", analyzed)
	}
}

// TestReports runs the command on a package the tool rejects: it prints file:line:col: message
// and exits with status 3, singlechecker's status for diagnostics.
func TestReports(t *testing.T) {
	gopath, err := filepath.Abs("../../gen/testdata/analysis")
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"GOPATH=" + gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="}
	out, code := runCorovet(t, filepath.Join(gopath, "src", "couse"), env, ".")
	if code != 3 {
		t.Errorf("exit status %d, want 3; output:\n%s", code, out)
	}
	for _, want := range []string{
		"couse.go:10:10: co may only be used to yield",
		"couse.go:24:3: co.Yield inside a func literal cannot suspend the coroutine",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	out, code = runCorovet(t, filepath.Join(gopath, "src", "ok"), env, ".")
	if code != 0 || out != "" {
		t.Errorf("on a package the tool accepts: exit status %d, output:\n%s", code, out)
	}
}
