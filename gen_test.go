package coro_test

// The end-to-end tests of the generator, over the cases in testdata/cases/*.txtar.
//
// A case is a txtar archive: its comment says what it covers, and its files are
//
//	-- in.go --     a package with //coro:gen functions and func Drive(ref bool), a driver that
//	                builds its coroutines with difftest.Pick and drives them through difftest.On
//	-- out.go --    the exact file the generator writes for in.go (in_coro.go)
//	-- error --     instead of out.go: the generator rejects in.go with this error
//	-- D/in.go --   another package that in.go imports, example.com/cases/NAME/D (for
//	                delegated calls across packages), generated with the case's package
//	-- D/out.go --  the exact file the generator writes for D/in.go
//	-- skip --      an expected failure, with the reason: a generator bug, kept so that the fix
//	                shows. The first word says what fails: "load: ..." gen.Load fails on the
//	                case (it is loaded apart, so as not to fail the others), "generate: ..."
//	                gen.Generate fails, "compile: ..." the generated code does not compile,
//	                "hang: ..." running it does not end (left out of the run); anything else: the
//	                traces differ. A skipped case that passes fails the test, to have its skip
//	                section removed (a hang case cannot be checked that way).
//
// TestGolden generates every case and compares the output with out.go (or error); -update
// rewrites those sections. TestDifferential builds one program that runs every case's driver
// twice, on the generated machines and on the reference implementation (coro.New), and compares
// the two traces. All cases are packages of one temporary module, example.com/cases, one package
// per case: one go list (gen.Load, shared by both tests; one more for "load" cases) and one go
// build for all (and one more without the cases whose generated code does not compile, when
// there are some: they fail, or are skipped as expected failures, one by one).

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stackless-go/coro/gen"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the out.go (or error) sections of testdata/cases/*.txtar with what the generator writes now")

// caseSuite is the cases loaded and generated, shared by TestGolden and TestDifferential.
type caseSuite struct {
	root  string // the repository root
	cases []*genCase
	err   error // a failure that concerns every case
}

// genCase is one testdata/cases/NAME.txtar.
type genCase struct {
	name    string
	file    string // path of the archive
	archive *txtar.Archive
	in      []byte
	want    []byte // the out.go section; nil if none
	wantErr string // the error section; "" if none
	skip    string // the skip section; "" if none

	got    []byte // the generated file; nil if none
	gotErr string // the generator's error, positions relative to the case's directory

	subs []*subPackage // the packages of the case's subdirectories, by directory name
}

// subPackage is a package of a case in a subdirectory, D/in.go, that the case's in.go imports.
type subPackage struct {
	dir  string // D
	in   []byte
	want []byte // D/out.go; nil if none
	got  []byte // the generated file; nil if none
}

// sub returns the subPackage of directory dir, adding it if c has none.
func (c *genCase) sub(dir string) *subPackage {
	for _, sp := range c.subs {
		if sp.dir == dir {
			return sp
		}
	}
	sp := &subPackage{dir: dir}
	c.subs = append(c.subs, sp)
	return sp
}

var (
	suiteOnce sync.Once
	suite     *caseSuite
)

// loadCaseSuite reads the cases, writes them into one temporary module, loads it with a single
// gen.Load and generates every package, keeping the generated files in memory.
func loadCaseSuite(t *testing.T) *caseSuite {
	t.Helper()
	suiteOnce.Do(func() {
		suite = &caseSuite{}
		suite.err = suite.load()
	})
	if suite.err != nil {
		t.Fatal(suite.err)
	}
	return suite
}

func (s *caseSuite) load() error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	s.root = wd // go test runs in the package directory: the module root
	files, err := filepath.Glob(filepath.Join(s.root, "testdata", "cases", "*.txtar"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("no cases in testdata/cases")
	}
	sort.Strings(files)
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			return err
		}
		c := &genCase{name: strings.TrimSuffix(filepath.Base(f), ".txtar"), file: f, archive: a}
		for _, af := range a.Files {
			switch af.Name {
			case "in.go":
				c.in = af.Data
			case "out.go":
				c.want = af.Data
			case "error":
				c.wantErr = strings.TrimSpace(string(af.Data))
			case "skip":
				c.skip = strings.TrimSpace(string(af.Data))
			default:
				dir, file, ok := strings.Cut(af.Name, "/")
				switch {
				case ok && !strings.Contains(file, "/") && file == "in.go":
					c.sub(dir).in = af.Data
				case ok && !strings.Contains(file, "/") && file == "out.go":
					c.sub(dir).want = af.Data
				default:
					return fmt.Errorf("%s: unknown section %q (want in.go, out.go, error, skip, D/in.go, D/out.go)", f, af.Name)
				}
			}
		}
		if c.in == nil {
			return fmt.Errorf("%s: no in.go section", f)
		}
		for _, sp := range c.subs {
			if sp.in == nil {
				return fmt.Errorf("%s: no %s/in.go section", f, sp.dir)
			}
		}
		s.cases = append(s.cases, c)
	}

	// One go list for every case. The environment of the test is go list's: keep it off any
	// workspace.
	if old, ok := os.LookupEnv("GOWORK"); ok {
		defer os.Setenv("GOWORK", old)
	} else {
		defer os.Unsetenv("GOWORK")
	}
	os.Setenv("GOWORK", "off")
	// A case that gen.Load fails on (skip kind "load") would fail the load of every case: those
	// are loaded apart, with one more go list.
	var main, apart []*genCase
	for _, c := range s.cases {
		if c.skipKind() == "load" {
			apart = append(apart, c)
		} else {
			main = append(main, c)
		}
	}
	if err := s.generateAll(main); err != nil {
		return err
	}
	if len(apart) > 0 {
		if err := s.generateAll(apart); err != nil {
			for _, c := range apart {
				c.gotErr = err.Error()
			}
		}
	}
	return nil
}

// generateAll writes cases into a temporary module, loads it with one gen.Load and generates
// every package, keeping the generated files in memory (TestDifferential writes the module
// again, with them).
func (s *caseSuite) generateAll(cases []*genCase) error {
	dir, err := os.MkdirTemp("", "coro-cases-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := writeCaseModule(dir, s.root, cases, false); err != nil {
		return err
	}
	pkgs, err := gen.Load(dir, "./...")
	if err != nil {
		return fmt.Errorf("gen.Load: %v", relErr(dir, err.Error()))
	}
	byDir := map[string]*gen.Package{} // by directory, relative to dir
	for _, p := range pkgs {
		if rel, err := filepath.Rel(dir, p.Dir); err == nil {
			byDir[filepath.ToSlash(rel)] = p
		}
	}
	for _, c := range cases {
		p := byDir[c.name]
		if p == nil {
			c.gotErr = "gen.Load returned no package for this case"
			continue
		}
		ps := []*gen.Package{p}
		for _, sp := range c.subs {
			if q := byDir[c.name+"/"+sp.dir]; q != nil {
				ps = append(ps, q)
			}
		}
		c.generate(dir, ps)
	}
	return nil
}

// writeCaseModule writes the module example.com/cases into dir, with the repository at root
// standing for github.com/stackless-go/coro: go.mod, go.sum, and a directory per case with its
// in.go and, with generated, its generated file (for the cases that have one).
func writeCaseModule(dir, root string, cases []*genCase, generated bool) error {
	gomod := fmt.Sprintf("module example.com/cases\n\ngo 1.26.0\n\nrequire github.com/stackless-go/coro v0.0.0\n\nreplace github.com/stackless-go/coro => %s\n", root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o666); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o666); err != nil {
		return err
	}
	for _, c := range cases {
		if err := os.MkdirAll(filepath.Join(dir, c.name), 0o777); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, c.name, "in.go"), c.in, 0o666); err != nil {
			return err
		}
		if generated && c.got != nil {
			if err := os.WriteFile(filepath.Join(dir, c.name, "in_coro.go"), c.got, 0o666); err != nil {
				return err
			}
		}
		for _, sp := range c.subs {
			if err := os.MkdirAll(filepath.Join(dir, c.name, sp.dir), 0o777); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, c.name, sp.dir, "in.go"), sp.in, 0o666); err != nil {
				return err
			}
			if generated && sp.got != nil {
				if err := os.WriteFile(filepath.Join(dir, c.name, sp.dir, "in_coro.go"), sp.got, 0o666); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// generate runs the generator on the packages of c alone (its own and those of its
// subdirectories), so that an error in one case does not hide the output of the others.
func (c *genCase) generate(dir string, ps []*gen.Package) {
	var outs []gen.Output
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("gen.Generate panicked: %v", r)
			}
		}()
		outs, err = gen.Generate(ps)
	}()
	if err != nil {
		c.gotErr = relErr(dir, err.Error())
		return
	}
	targets := map[string]*[]byte{filepath.Join(dir, c.name, "in_coro.go"): &c.got}
	for _, sp := range c.subs {
		targets[filepath.Join(dir, c.name, sp.dir, "in_coro.go")] = &sp.got
	}
	for _, o := range outs {
		target := targets[o.Path]
		if target == nil || o.Content == nil {
			c.gotErr = fmt.Sprintf("unexpected output %s", relErr(dir, o.Path))
			return
		}
		*target = o.Content
	}
	if c.got == nil {
		c.gotErr = "no output"
	}
}

// relErr strips the path of the temporary module in dir from an error message: positions are
// relative to the case's directory.
func relErr(dir, msg string) string {
	msg = regexp.MustCompile(regexp.QuoteMeta(dir)+`/[^/]+/`).ReplaceAllString(msg, "")
	return strings.ReplaceAll(msg, dir, "$TMP")
}

func TestGolden(t *testing.T) {
	s := loadCaseSuite(t)
	for _, c := range s.cases {
		t.Run(c.name, func(t *testing.T) {
			if c.gotErr != "" && c.wantErr == "" && c.skip != "" {
				// A known bug that stops the generator: nothing to compare or rewrite.
				t.Skipf("expected failure (%s):\n%s", c.skip, c.gotErr)
			}
			if *update {
				if err := c.rewrite(); err != nil {
					t.Fatal(err)
				}
				return
			}
			if k := c.skipKind(); (k == "load" || k == "generate") && c.gotErr == "" {
				t.Errorf("marked as an expected failure of the generator (%s), but it generates now: update the skip section of %s", c.skip, filepath.Base(c.file))
			}
			switch {
			case c.gotErr != "" && c.wantErr == "":
				t.Fatalf("the generator failed:\n%s", c.gotErr)
			case c.gotErr == "" && c.wantErr != "":
				t.Fatalf("the generator succeeded; want the error\n%s\n(run go test -run Golden -update to rewrite)", c.wantErr)
			case c.gotErr != "":
				if c.gotErr != c.wantErr {
					t.Fatalf("error:\n%s\nwant:\n%s\n(run go test -run Golden -update to rewrite)", c.gotErr, c.wantErr)
				}
			case !bytes.Equal(c.got, c.want):
				t.Fatalf("generated file differs from out.go (- want, + got; run go test -run Golden -update to rewrite):\n%s",
					lineDiff(string(c.want), string(c.got)))
			}
			for _, sp := range c.subs {
				if c.gotErr == "" && !bytes.Equal(sp.got, sp.want) {
					t.Errorf("generated file of %s differs from %s/out.go (- want, + got; run go test -run Golden -update to rewrite):\n%s",
						sp.dir, sp.dir, lineDiff(string(sp.want), string(sp.got)))
				}
			}
		})
	}
}

// rewrite writes the generator's output (or error) into the archive of c.
func (c *genCase) rewrite() error {
	var files []txtar.File
	for _, f := range c.archive.Files {
		if f.Name != "out.go" && f.Name != "error" && !strings.HasSuffix(f.Name, "/out.go") {
			files = append(files, f)
		}
	}
	if c.gotErr != "" {
		files = append(files, txtar.File{Name: "error", Data: []byte(c.gotErr + "\n")})
	} else {
		files = append(files, txtar.File{Name: "out.go", Data: c.got})
		for _, sp := range c.subs {
			if sp.got != nil {
				files = append(files, txtar.File{Name: sp.dir + "/out.go", Data: sp.got})
			}
		}
	}
	// in.go first, then the output, then each other package with its output, then skip.
	order := func(name string) string {
		if dir, file, ok := strings.Cut(name, "/"); ok {
			return "3" + dir + "/" + file
		}
		return map[string]string{"in.go": "0", "out.go": "1", "error": "1", "skip": "4"}[name]
	}
	sort.SliceStable(files, func(i, j int) bool { return order(files[i].Name) < order(files[j].Name) })
	c.archive.Files = files
	return os.WriteFile(c.file, txtar.Format(c.archive), 0o666)
}

// skipKind is the first word of a skip reason: "compile", "hang" or another (a trace mismatch).
func (c *genCase) skipKind() string {
	kind, _, ok := strings.Cut(c.skip, ":")
	if !ok {
		return ""
	}
	return strings.TrimSpace(kind)
}

// diffResult is what the differential program prints for a case, one JSON object a line.
type diffResult struct {
	Name string   `json:"name"`
	Gen  []string `json:"gen"`
	Ref  []string `json:"ref"`
	Leak string   `json:"leak,omitempty"`
	Hang string   `json:"hang,omitempty"`
}

func TestDifferential(t *testing.T) {
	s := loadCaseSuite(t)
	// The cases that take part: those the generator succeeded on, and whose generated code
	// compiles and runs.
	var run []*genCase
	excluded := map[string]string{}
	for _, c := range s.cases {
		switch {
		case c.wantErr != "":
			excluded[c.name] = "the generator rejects it (an error case)"
		case c.gotErr != "":
			excluded[c.name] = "the generator failed: " + c.gotErr
		case c.skipKind() == "hang":
			excluded[c.name] = "expected failure: " + c.skip
		default:
			run = append(run, c)
		}
	}
	results := map[string]*diffResult{}
	compileErrs := map[string]string{}
	vetErrs := map[string]string{}
	if len(run) > 0 {
		var err error
		dir := t.TempDir()
		results, compileErrs, err = s.runDifferential(dir, run)
		if err != nil {
			t.Fatal(err)
		}
		var compiled []*genCase
		for _, c := range run {
			if _, failed := compileErrs[c.name]; !failed {
				compiled = append(compiled, c)
			}
		}
		if vetErrs, err = vetCases(s.root, compiled); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range s.cases {
		t.Run(c.name, func(t *testing.T) {
			if why, ok := excluded[c.name]; ok {
				if c.gotErr != "" && c.wantErr == "" && c.skip == "" {
					t.Fatalf("not run: %s", why)
				}
				t.Skipf("not run: %s", why)
			}
			if msg, ok := compileErrs[c.name]; ok {
				if c.skip != "" {
					t.Skipf("expected failure (%s): the generated code does not compile:\n%s", c.skip, msg)
				}
				t.Fatalf("the generated code does not compile:\n%s", msg)
			}
			r := results[c.name]
			if r == nil {
				t.Fatalf("the differential program printed nothing for this case")
			}
			var problems []string
			if r.Hang != "" {
				problems = append(problems, "the driver did not finish; goroutines:\n"+r.Hang)
			}
			if d := traceDiff(r.Gen, r.Ref); d != "" {
				problems = append(problems, fmt.Sprintf("traces differ (- generated machine, + reference coro.New):\n%s", d))
			}
			if r.Leak != "" {
				problems = append(problems, "the reference left goroutines running (the driver must finish or close every coroutine):\n"+r.Leak)
			}
			if len(r.Gen) == 0 && r.Hang == "" {
				problems = append(problems, "empty trace: the driver records nothing")
			}
			if msg, ok := vetErrs[c.name]; ok {
				problems = append(problems, "go vet reports:\n"+msg)
			}
			switch {
			case c.skip != "" && len(problems) > 0:
				t.Skipf("expected failure (%s):\n%s", c.skip, strings.Join(problems, "\n"))
			case c.skip != "":
				t.Fatalf("marked as an expected failure (%s), but it passes now: delete the skip section of %s", c.skip, filepath.Base(c.file))
			case len(problems) > 0:
				t.Fatalf("%s\ntrace of the generated machine:\n%s", strings.Join(problems, "\n"), strings.Join(r.Gen, "\n"))
			case testing.Verbose():
				t.Logf("trace:\n%s", strings.Join(r.Gen, "\n"))
			}
		})
	}
}

// runDifferential writes the generated files and a main package that drives every case into the
// temporary module dir, builds it and runs it. It returns the results by case, and the compiler's
// errors by case for the cases whose generated code does not compile: those are left out of a
// second build (one build when every case compiles).
func (s *caseSuite) runDifferential(dir string, cases []*genCase) (map[string]*diffResult, map[string]string, error) {
	if err := writeCaseModule(dir, s.root, s.cases, true); err != nil {
		return nil, nil, err
	}
	bin := filepath.Join(dir, "difftest.exe")
	compileErrs := map[string]string{}
	for {
		out, err := buildDiffMain(dir, bin, cases)
		if err == nil {
			break
		}
		// go build prints "# example.com/cases/NAME" above the errors of each package.
		failed := 0
		for _, block := range strings.Split("\n"+out, "\n# ")[1:] {
			header, msg, _ := strings.Cut(block, "\n")
			name, ok := strings.CutPrefix(strings.TrimSpace(header), "example.com/cases/")
			name, _, _ = strings.Cut(name, "/") // a package of the case's subdirectory
			if !ok || name == diffMainDir {
				continue
			}
			for _, c := range cases {
				if c.name == name {
					compileErrs[name] = strings.TrimRight(msg, "\n")
					failed++
				}
			}
		}
		if failed == 0 {
			return nil, nil, fmt.Errorf("go build of the differential program failed:\n%s", out)
		}
		var left []*genCase
		for _, c := range cases {
			if _, ok := compileErrs[c.name]; !ok {
				left = append(left, c)
			}
		}
		cases = left
	}
	cmd := exec.Command(bin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	results := map[string]*diffResult{}
	for _, line := range bytes.Split(out, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		r := &diffResult{}
		if jerr := json.Unmarshal(line, r); jerr != nil {
			return nil, nil, fmt.Errorf("bad output line %q: %v", line, jerr)
		}
		results[r.Name] = r
	}
	if err != nil {
		hung := false
		for _, r := range results {
			hung = hung || r.Hang != ""
		}
		if !hung {
			return nil, nil, fmt.Errorf("the differential program failed: %v\n%s", err, stderr.Bytes())
		}
	}
	return results, compileErrs, nil
}

// vetCases runs go vet on the generated code of cases, and gives its reports by case: generated
// code must pass vet (unreachable code, above all, is easy to generate). The generated files go
// into a module of their own without their line directives, so that a report on the generated
// code names it, and the reports on the user's code of a case are left out.
func vetCases(root string, cases []*genCase) (map[string]string, error) {
	dir, err := os.MkdirTemp("", "coro-vet")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := writeCaseModule(dir, root, cases, false); err != nil {
		return nil, err
	}
	args := []string{"vet"}
	for _, c := range cases {
		src := lineDirective.ReplaceAll(c.got, nil)
		if err := os.WriteFile(filepath.Join(dir, c.name, "in_coro.go"), src, 0o666); err != nil {
			return nil, err
		}
		args = append(args, "./"+c.name)
	}
	vet := exec.Command("go", args...)
	vet.Dir = dir
	out, err := vet.CombinedOutput()
	reports := map[string]string{}
	if err == nil {
		return reports, nil
	}
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimPrefix(line, dir+string(filepath.Separator))
		name, rest, ok := strings.Cut(line, "/in_coro.go:")
		if !ok {
			continue
		}
		if reports[name] != "" {
			reports[name] += "\n"
		}
		reports[name] += "in_coro.go:" + rest
	}
	return reports, nil
}

// lineDirective matches the line directives of generated code.
var lineDirective = regexp.MustCompile(`/\*line [^*]*\*/ ?`)

// diffMainDir is the directory of the differential program in the temporary module.
const diffMainDir = "zz_difftest_main"

// buildDiffMain writes the differential program for cases and builds it into bin; on failure it
// returns go build's output, with the temporary directory's path cut.
func buildDiffMain(dir, bin string, cases []*genCase) (string, error) {
	var imports, table strings.Builder
	for i, c := range cases {
		fmt.Fprintf(&imports, "\tc%d %q\n", i, "example.com/cases/"+c.name)
		fmt.Fprintf(&table, "\t{%q, c%d.Drive},\n", c.name, i)
	}
	src := fmt.Sprintf(diffMainTemplate, imports.String(), table.String())
	mainDir := filepath.Join(dir, diffMainDir)
	if err := os.MkdirAll(mainDir, 0o777); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(mainDir, "main.go"), []byte(src), 0o666); err != nil {
		return "", err
	}
	build := exec.Command("go", "build", "-o", bin, "./"+diffMainDir)
	build.Dir = dir
	out, err := build.CombinedOutput()
	return strings.ReplaceAll(string(out), dir+string(filepath.Separator), ""), err
}

// diffMainTemplate is the differential program: %s the imports of the cases, %s the table.
const diffMainTemplate = `// The differential program of gen_test.go: runs every case's driver on the generated machines
// and on the reference implementation, and prints both traces.
package main

import (
	"encoding/json"
	"os"
	"runtime"
	"time"

	"github.com/stackless-go/coro/runtime/difftest"

%s)

var cases = []struct {
	name  string
	drive func(ref bool)
}{
%s}

type result struct {
	Name string   ` + "`json:\"name\"`" + `
	Gen  []string ` + "`json:\"gen\"`" + `
	Ref  []string ` + "`json:\"ref\"`" + `
	Leak string   ` + "`json:\"leak,omitempty\"`" + `
	Hang string   ` + "`json:\"hang,omitempty\"`" + `
}

func main() {
	enc := json.NewEncoder(os.Stdout)
	for _, c := range cases {
		// A driver that does not finish (a machine that loops, a reference that blocks) is
		// reported with every goroutine's stack, and ends the program.
		watchdog := time.AfterFunc(20*time.Second, func() {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			enc.Encode(result{Name: c.name, Hang: string(buf)})
			os.Exit(3)
		})
		before := difftest.RefGoroutines()
		gen := difftest.Record(func() { c.drive(false) })
		ref := difftest.Record(func() { c.drive(true) })
		leak := difftest.Leaked(before, time.Second)
		watchdog.Stop()
		enc.Encode(result{Name: c.name, Gen: gen.Lines(), Ref: ref.Lines(), Leak: leak})
	}
}
`

// traceDiff returns a line diff of two traces, "" when they are equal.
func traceDiff(a, b []string) string {
	if strings.Join(a, "\n") == strings.Join(b, "\n") && len(a) == len(b) {
		return ""
	}
	return lineDiff(strings.Join(a, "\n")+"\n", strings.Join(b, "\n")+"\n")
}

// lineDiff returns a unified-style diff of a and b, line by line: "-" for a line only in a, "+"
// for one only in b, " " for a common one; runs of more than 3 common lines are cut.
func lineDiff(a, b string) string {
	x := strings.SplitAfter(a, "\n")
	y := strings.SplitAfter(b, "\n")
	// Longest common subsequence, by dynamic programming: traces and generated files are small.
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var lines []line
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			lines = append(lines, line{' ', x[i]})
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			lines = append(lines, line{'+', y[j]})
			j++
		default:
			lines = append(lines, line{'-', x[i]})
			i++
		}
	}
	var out strings.Builder
	const context = 3
	for k, l := range lines {
		if l.op == ' ' {
			near := false
			for d := -context; d <= context; d++ {
				if k+d >= 0 && k+d < len(lines) && lines[k+d].op != ' ' {
					near = true
				}
			}
			if !near {
				if k > 0 && lines[k-1].op == ' ' && out.Len() > 0 && !strings.HasSuffix(out.String(), "...\n") {
					out.WriteString("...\n")
				}
				continue
			}
		}
		text := strings.TrimSuffix(l.text, "\n")
		if l.text == "" {
			continue
		}
		fmt.Fprintf(&out, "%c %s\n", l.op, text)
	}
	return out.String()
}
