package progen_test

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stackless-go/coro/gen"
	"github.com/stackless-go/coro/gen/progen"
)

func TestDeterministic(t *testing.T) {
	for seed := int64(1); seed <= 50; seed++ {
		a := progen.Generate(seed, progen.Config{Suffix: "_x"})
		b := progen.Generate(seed, progen.Config{Suffix: "_x"})
		if !bytes.Equal(a.Source, b.Source) {
			t.Fatalf("seed %d: two programs", seed)
		}
		// The suffix only renames.
		c := progen.Generate(seed, progen.Config{})
		if got := bytes.ReplaceAll(a.Source, []byte("_x"), nil); !bytes.Equal(got, c.Source) {
			t.Fatalf("seed %d: the suffix changes more than names", seed)
		}
	}
	if bytes.Equal(progen.Generate(1, progen.Config{}).Source, progen.Generate(2, progen.Config{}).Source) {
		t.Fatal("seeds 1 and 2 give the same program")
	}
}

// TestShape checks that the programs parse, are gofmt-formatted (Generate formats them), name
// what they say, and that together they use every feature.
func TestShape(t *testing.T) {
	features := map[string]*regexp.Regexp{
		"yield in an expression": regexp.MustCompile(`[-+*|&^(] *co\.Yield\(`),
		"YieldErr":               regexp.MustCompile(`co\.YieldErr\(`),
		"YieldFrom":              regexp.MustCompile(`coro\.YieldFrom\(co, `),
		"delegated call":         regexp.MustCompile(`sub\d_\w+(\[int\])?\(co, `),
		"method sub":             regexp.MustCompile(`\.walk\d\(co, `),
		"generic sub":            regexp.MustCompile(`\[T ~int\]`),
		"defer":                  regexp.MustCompile(`(?m)^\s*defer `),
		"recover":                regexp.MustCompile(`recover\(\)`),
		"panic":                  regexp.MustCompile(`panic\("p`),
		"forward goto":           regexp.MustCompile(`goto L\d+\n\s*}`),
		"backward goto":          regexp.MustCompile(`guard\d+\+\+\n\s*goto L`),
		"labeled continue":       regexp.MustCompile(`continue L\d`),
		"labeled break":          regexp.MustCompile(`break L\d`),
		"switch":                 regexp.MustCompile(`(?m)^\s*switch [^{]*\{`),
		"fallthrough":            regexp.MustCompile(`fallthrough`),
		"type switch":            regexp.MustCompile(`\.\(type\)`),
		"select":                 regexp.MustCompile(`select \{`),
		"range over a map":       regexp.MustCompile(`range m`),
		"range over a channel":   regexp.MustCompile(`range ch`),
		"range over a string":    regexp.MustCompile(`, r := range`),
		"range over an int":      regexp.MustCompile(`range \d`),
		"range over a function":  regexp.MustCompile(`range seq_`),
		"range over a sub's All": regexp.MustCompile(`Coro\(.*\)\.All\(\) \{`),
		"closures in a loop":     regexp.MustCompile(`fs\d* = append\(fs`),
		"Throw":                  regexp.MustCompile(`\.Throw\(`),
		"Close":                  regexp.MustCompile(`(?m)^\s*c\.Close\(\)\n\s*c\.[A-Z]`),
		"Range":                  regexp.MustCompile(`\.Range\(`),
		"a second coroutine":     regexp.MustCompile(`d := difftest.On`),
	}
	seen := map[string]int{}
	for seed := int64(1); seed <= 300; seed++ {
		p := progen.Generate(seed, progen.Config{Suffix: fmt.Sprintf("_s%d", seed)})
		if _, err := parser.ParseFile(token.NewFileSet(), "p.go", p.Source, parser.ParseComments); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, p.Source)
		}
		src := string(p.Source)
		if !strings.Contains(src, "func "+p.Driver+"(ref bool) {") || !strings.Contains(src, "func "+p.Main+"(co *coro.Co[int, int]") {
			t.Fatalf("seed %d: no %s or %s", seed, p.Driver, p.Main)
		}
		for name, re := range features {
			if re.MatchString(src) {
				seen[name]++
			}
		}
	}
	for name := range features {
		if seen[name] == 0 {
			t.Errorf("no program has %s", name)
		}
	}
	t.Logf("programs by feature (of 300): %v", seen)
}

func TestDisable(t *testing.T) {
	cfg := progen.Config{Disable: progen.FeatDefer | progen.FeatGoto | progen.FeatYieldFrom | progen.FeatDelegate | progen.FeatSelect}
	for seed := int64(1); seed <= 100; seed++ {
		src := string(progen.Generate(seed, cfg).Source)
		for _, bad := range []string{"defer ", "goto ", "YieldFrom", "select {", "func sub", ".walk"} {
			if strings.Contains(src, bad) {
				t.Fatalf("seed %d: %q with the feature disabled:\n%s", seed, bad, src)
			}
		}
	}
}

// TestTypeCheck loads programs with gen.Load, which type-checks them (with the generated API
// declared from the directives): they must be valid Go.
func TestTypeCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(wd, "..", "..")
	dir := t.TempDir()
	t.Setenv("GOWORK", "off")
	gomod := fmt.Sprintf("module example.com/pg\n\ngo 1.26.0\n\nrequire github.com/stackless-go/coro v0.0.0\n\nreplace github.com/stackless-go/coro => %s\n", root)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o666)
	os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o666)
	os.MkdirAll(filepath.Join(dir, "p"), 0o777)
	for seed := int64(1000); seed < 1100; seed++ {
		p := progen.Generate(seed, progen.Config{Suffix: fmt.Sprintf("_s%d", seed)})
		os.WriteFile(filepath.Join(dir, "p", fmt.Sprintf("s%d.go", seed)), p.Source, 0o666)
	}
	if _, err := gen.Load(dir, "./..."); err != nil {
		t.Fatal(err)
	}
}

func TestReductions(t *testing.T) {
	src := progen.Generate(7, progen.Config{}).Source
	rs := progen.Reductions(src)
	if len(rs) < 10 {
		t.Fatalf("%d reductions", len(rs))
	}
	for i, r := range rs {
		if len(r) >= len(src) {
			t.Fatalf("reduction %d is not smaller", i)
		}
		if i > 0 && len(r) < len(rs[i-1]) {
			t.Fatalf("reductions not sorted by size")
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "r.go", r, parser.ParseComments); err != nil {
			t.Fatalf("reduction %d does not parse: %v", i, err)
		}
		if !bytes.Contains(r, []byte("func Drive(ref bool)")) {
			t.Fatalf("reduction %d lost the driver", i)
		}
	}
}
