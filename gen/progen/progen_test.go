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
	for seed := int64(1); seed <= 300; seed++ {
		a := progen.Generate(seed, progen.Config{Suffix: "_x", Lib: "example.com/x/lib"})
		b := progen.Generate(seed, progen.Config{Suffix: "_x", Lib: "example.com/x/lib"})
		if !bytes.Equal(a.Source, b.Source) || !bytes.Equal(a.Lib, b.Lib) {
			t.Fatalf("seed %d: two programs", seed)
		}
		// The suffix only renames.
		c := progen.Generate(seed, progen.Config{Lib: "example.com/x/lib"})
		if got := bytes.ReplaceAll(a.Source, []byte("_x"), nil); !bytes.Equal(got, c.Source) {
			t.Fatalf("seed %d: the suffix changes more than names", seed)
		}
		if got := bytes.ReplaceAll(a.Lib, []byte("_x"), nil); !bytes.Equal(got, c.Lib) {
			t.Fatalf("seed %d: the suffix changes more than names in lib", seed)
		}
		// Without a Lib, the program is the same but for its calls into lib.
		if d := progen.Generate(seed, progen.Config{Suffix: "_x"}); a.Lib == nil && !bytes.Equal(a.Source, d.Source) {
			t.Fatalf("seed %d: Config.Lib changes a program that has no lib", seed)
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
		"recursive delegation":   regexp.MustCompile(`(sub\d_|\.walk)\w+(\[int\])?\(co, ref, [^\n]*, depth-1\)`),
		"recursive method":       regexp.MustCompile(`\bs\.[wW]alk\d\(co, ref, [^\n]*, depth-1\)`),
		"mutual recursion":       regexp.MustCompile(`(?s)func (sub|\(s \*st_\w+\) walk)(\d)[^\n]*depth int.*func (sub|\(s \*st_\w+\) walk)[^\n]*depth int`),
		"delegation into lib":    regexp.MustCompile(`lib\.Sub\d_\w+(\[int\])?\(co, ref, `),
		"method of lib":          regexp.MustCompile(`\.Walk\d\(co, ref, `),
		"generic of lib":         regexp.MustCompile(`lib\.Sub\d_\w+\[int\]\(co, `),
		"YieldFrom into lib":     regexp.MustCompile(`coro\.YieldFrom\(co, lib\.MkSub`),
		"recursion in lib":       regexp.MustCompile(`(?m)^-- lib(?s:.*)depth-1\)`),
		"closures in a loop":     regexp.MustCompile(`fs\d* = append\(fs`),
		"Throw":                  regexp.MustCompile(`\.Throw\(`),
		"Close":                  regexp.MustCompile(`(?m)^\s*c\.Close\(\)\n\s*c\.[A-Z]`),
		"Range":                  regexp.MustCompile(`\.Range\(`),
		"a second coroutine":     regexp.MustCompile(`d := difftest.On`),
		"a resume in a range":    regexp.MustCompile(`\.RangeDoing\(-?\d+, \d+, func\(\) \{\s*c\.(Next|Send)\(`),
		"a resume in each value": regexp.MustCompile(`\.RangeEach\(-?\d+, 1, func\(\) \{\s*c\.(Next|Send)\(`),
		"a range in a range":     regexp.MustCompile(`\.Range(Doing|Each)\(-?\d+, \d+, func\(\) \{\s*c\.Range(Doing|Each)\(`),
		"a bool flipped":         regexp.MustCompile(`\b(on|odd)(\d*) = !(on|odd)\d*\n`),
		"a float of the state":   regexp.MustCompile(`\bf[lm]\d* = f[lm]\d*\*0\.5 \+ float64\(`),
		"a pointer reassigned":   regexp.MustCompile(`(?m)^\s*[pq]\d* = (&[a-z]|new\(int\)|[pq]\b)`),
		"a type switch on state": regexp.MustCompile(`switch tw := [ij]v\d*\.\(type\)`),
		"a fan-out recursion":    regexp.MustCompile(`(?s)rec\d_\w+\(co, ref, id\*10\+1, depth-1\).*rec\d_\w+\(co, ref, id\*10\+2, depth-1\)`),
		"a kept address":         regexp.MustCompile(`keep_\w+ = append\(keep_\w+, &x\)`),
		"a kept closure":         regexp.MustCompile(`getters_\w+ = append\(getters_\w+, func\(\) int`),
		"a helper in recursion":  regexp.MustCompile(`x \+= helper_\w+\(co, ref, id\)`),
		"a catch in recursion":   regexp.MustCompile(`if v, err := co\.YieldErr\(x\); err != nil \{`),
		"kept values read":       regexp.MustCompile(`difftest\.Logf\("end keep %d: %d", i, \*p\)`),
	}
	seen := map[string]int{}
	for seed := int64(1); seed <= 1000; seed++ {
		p := progen.Generate(seed, progen.Config{Suffix: fmt.Sprintf("_s%d", seed), Lib: "example.com/fz/lib"})
		if _, err := parser.ParseFile(token.NewFileSet(), "p.go", p.Source, parser.ParseComments); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, p.Source)
		}
		if p.Lib != nil {
			if _, err := parser.ParseFile(token.NewFileSet(), "lib.go", p.Lib, parser.ParseComments); err != nil {
				t.Fatalf("seed %d: lib: %v\n%s", seed, err, p.Lib)
			}
		}
		src := string(p.Source)
		if p.Lib != nil {
			src += "\n-- lib\n" + string(p.Lib)
		}
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
	t.Logf("programs by feature (of 1000): %v", seen)
}

func TestDisable(t *testing.T) {
	cfg := progen.Config{Disable: progen.FeatDefer | progen.FeatGoto | progen.FeatYieldFrom | progen.FeatDelegate | progen.FeatSelect, Lib: "example.com/fz/lib"}
	for seed := int64(1); seed <= 100; seed++ {
		p := progen.Generate(seed, cfg)
		src := string(p.Source)
		for _, bad := range []string{"defer ", "goto ", "YieldFrom", "select {", "func sub", ".walk"} {
			if strings.Contains(src, bad) {
				t.Fatalf("seed %d: %q with the feature disabled:\n%s", seed, bad, src)
			}
		}
		if p.Lib != nil {
			t.Fatalf("seed %d: a lib without delegation", seed)
		}
	}
	cfg = progen.Config{Disable: progen.FeatRecursion | progen.FeatCrossPackage, Lib: "example.com/fz/lib"}
	for seed := int64(1); seed <= 300; seed++ {
		p := progen.Generate(seed, cfg)
		if p.Lib != nil || bytes.Contains(p.Source, []byte("depth")) {
			t.Fatalf("seed %d: recursion or a lib with the features disabled:\n%s", seed, p.Source)
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
	os.MkdirAll(filepath.Join(dir, "p", "lib"), 0o777)
	libs := 0
	for seed := int64(1000); seed < 1200; seed++ {
		p := progen.Generate(seed, progen.Config{Suffix: fmt.Sprintf("_s%d", seed), Lib: "example.com/pg/p/lib"})
		os.WriteFile(filepath.Join(dir, "p", fmt.Sprintf("s%d.go", seed)), p.Source, 0o666)
		if p.Lib != nil {
			libs++
			os.WriteFile(filepath.Join(dir, "p", "lib", fmt.Sprintf("s%d.go", seed)), p.Lib, 0o666)
		}
	}
	if libs == 0 {
		t.Fatal("no program has a lib")
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

// TestReductionsKeepDepthCheck: no reduction of a program with recursive subs takes away a
// depth check, which ends the recursion.
func TestReductionsKeepDepthCheck(t *testing.T) {
	seen := 0
	for seed := int64(1); seed <= 300 && seen < 3; seed++ {
		src := progen.Generate(seed, progen.Config{}).Source
		if !bytes.Contains(src, []byte("if depth <= 0 {\n")) {
			continue
		}
		seen++
		for i, r := range progen.Reductions(src) {
			// One check in each recursive sub that is left.
			if got, want := bytes.Count(r, []byte("if depth <= 0 {\n")), bytes.Count(r, []byte("depth int)")); got != want {
				t.Fatalf("seed %d: reduction %d has %d depth checks for %d recursive subs:\n%s", seed, i, got, want, r)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no program with a recursive sub")
	}
}

// TestRecursionBounded: a recursive sub checks its depth before any call of its cycle, so that
// the recursion ends (neither a yield before the check nor the check's return may hold one:
// seeds 104276 and 400557 recursed for good).
func TestRecursionBounded(t *testing.T) {
	fnRE := regexp.MustCompile(`(?s)\nfunc [^\n]*depth int\)[^\n]*\{\n(.*?)\n}\n`)
	n := 0
	for _, lo := range []int64{104000, 400000} {
		for seed := lo; seed < lo+1000; seed++ {
			p := progen.Generate(seed, progen.Config{Suffix: fmt.Sprintf("_s%d", seed), Lib: "example.com/fz/lib"})
			for _, src := range [][]byte{p.Source, p.Lib} {
				for _, m := range fnRE.FindAllSubmatch(src, -1) {
					n++
					body := string(m[1])
					check := strings.Index(body, "if depth <= 0 {")
					end := check + strings.Index(body[max(check, 0):], "\n\t}")
					if call := strings.Index(body, "depth-1"); check < 0 || call >= 0 && call < end {
						t.Fatalf("seed %d: a call of the cycle before the depth check, or in it:\n%s", seed, body)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no recursive sub")
	}
}

// TestAllCopy: about 12% of the programs aim at All's own copy of the machine, each with a
// driver that ranges over All, and the tool gives each of the first 60 that copy (its label
// redispatch, where the copy goes when the loop body moved the coroutine); some of them in the
// bare mode (no pc set to done after the loop body), some of those with one yield (the copy sets
// the pc once, when it starts), most with a resume from the loop body of a range.
func TestAllCopy(t *testing.T) {
	var progs []progen.Program
	n := 0
	for seed := int64(1); seed <= 2000; seed++ {
		p := progen.Generate(seed, progen.Config{Suffix: fmt.Sprintf("_s%d", seed), Lib: "example.com/pg/p/lib"})
		if !p.AllCopy {
			continue
		}
		n++
		if p.Lib != nil {
			t.Fatalf("seed %d: a program aimed at All's copy has a lib", seed)
		}
		if len(progs) < 60 {
			progs = append(progs, p)
		}
	}
	if n < 160 || n > 320 {
		t.Fatalf("%d programs of 2000 aim at All's copy, not about 12%%", n)
	}
	resume := regexp.MustCompile(`\.Range(Doing|Each)\(-?\d+, \d+, func\(\) \{\s*[cde]\.(Next|Send)\(`)
	for _, p := range progs {
		if !regexp.MustCompile(`\.Range(Doing|Each)\(`).Match(p.Source) {
			t.Errorf("seed %d: no range whose loop body resumes the coroutine:\n%s", p.Seed, p.Source)
		}
	}
	if testing.Short() {
		return
	}
	outs := generated(t, progs)
	seen := map[string]int{}
	for _, p := range progs {
		out := outs[p.Seed]
		all := regexp.MustCompile(`(?s)\nfunc \(co \*` + p.Main + `Coro\) All\(\) iter\.Seq\[int\] \{\n.*?\n}\n`).Find(out)
		if all == nil {
			t.Fatalf("seed %d: no All in the generated file:\n%s", p.Seed, out)
		}
		if !regexp.MustCompile(`\n\s*redispatch\w*:\n`).Match(all) {
			t.Errorf("seed %d: All does not run its own copy of the machine:\n%s\n%s", p.Seed, p.Source, all)
			continue
		}
		seen["copy"]++
		// After the loop body: co.pc = 1, done, should the body panic (gen's doneOnEntryMode).
		bare := !regexp.MustCompile(`goto redispatch\w*\n\s*}\n\s*co\.pc = 1\n`).Match(all)
		if bare {
			seen["bare"]++
		}
		// No co.pc = N before a call of the loop body: the copy set it when it started.
		if !regexp.MustCompile(`co\.pc = \d+\n\s*if !yield\(`).Match(all) {
			seen["pc once"]++
			if !bare {
				t.Errorf("seed %d: All's copy sets the pc once, but the body may panic:\n%s", p.Seed, all)
			}
		}
		if resume.Match(p.Source) {
			seen["resumed from the loop body"]++
		}
	}
	t.Logf("of %d programs aimed at All's copy: %v", len(progs), seen)
	for _, what := range []string{"bare", "pc once", "resumed from the loop body"} {
		if seen[what] == 0 {
			t.Errorf("none %s", what)
		}
	}
}

// generated writes progs into a temporary module, runs the tool on them and returns the
// generated file of each by seed.
func generated(t *testing.T, progs []progen.Program) map[int64][]byte {
	t.Helper()
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
	for _, p := range progs {
		os.WriteFile(filepath.Join(dir, "p", fmt.Sprintf("s%d.go", p.Seed)), p.Source, 0o666)
	}
	pkgs, err := gen.Load(dir, "./...")
	if err != nil {
		t.Fatal(err)
	}
	outs, err := gen.Generate(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	bySeed := map[int64][]byte{}
	for _, o := range outs {
		var seed int64
		if _, err := fmt.Sscanf(filepath.Base(o.Path), "s%d_coro.go", &seed); err == nil {
			bySeed[seed] = o.Content
		}
	}
	return bySeed
}

// TestRecTree: about 15% of the programs aim at recursive delegated calls (RecTree): each has a
// recursive sub that makes two or more calls of the cycle at a level, with a depth check before
// them; among them, direct and mutual recursion, kept addresses and closures, helpers, catches,
// and subs that call nothing but machines. None with the recursion or delegation disabled.
func TestRecTree(t *testing.T) {
	n := 0
	seen := map[string]int{}
	for seed := int64(1); seed <= 1000; seed++ {
		p := progen.Generate(seed, progen.Config{Suffix: "_x", Lib: "example.com/fz/lib"})
		if !p.RecTree {
			continue
		}
		n++
		src := string(p.Source)
		if p.AllCopy || p.Lib != nil {
			t.Fatalf("seed %d: aimed at recursive calls and at All's copy or with a lib", seed)
		}
		if !regexp.MustCompile(`(?s)id\*10\+1, depth-1\).*id\*10\+2, depth-1\)`).MatchString(src) {
			t.Fatalf("seed %d: no fan-out:\n%s", seed, src)
		}
		for name, re := range map[string]*regexp.Regexp{
			"mutual":  regexp.MustCompile(`func rec2_x`),
			"pointer": regexp.MustCompile(`append\(keep_x, &x\)`),
			"closure": regexp.MustCompile(`append\(getters_x, func`),
			"helper":  regexp.MustCompile(`helper_x\(co, ref, id\)`),
			"catch":   regexp.MustCompile(`co\.YieldErr\(x\)`),
			"quiet":   regexp.MustCompile(`(?s)func rec\d_x\([^\n]*\n\tx :=`),
			"self":    regexp.MustCompile(`self_x\.Status\(\)`),
			"throw":   regexp.MustCompile(`\.Throw\(errors`),
		} {
			if re.MatchString(src) {
				seen[name]++
			}
		}
	}
	if n < 100 || n > 200 {
		t.Errorf("%d programs of 1000 aimed at recursive calls", n)
	}
	for _, name := range []string{"mutual", "pointer", "closure", "helper", "catch", "quiet", "self", "throw"} {
		if seen[name] == 0 {
			t.Errorf("no program aimed at recursive calls has %s", name)
		}
	}
	t.Logf("%d programs; by construct: %v", n, seen)
	for seed := int64(1); seed <= 300; seed++ {
		if progen.Generate(seed, progen.Config{Disable: progen.FeatRecursion}).RecTree || progen.Generate(seed, progen.Config{Disable: progen.FeatDelegate}).RecTree {
			t.Fatalf("seed %d: aimed at recursive calls with the feature disabled", seed)
		}
	}
}
