package coro_test

// Differential fuzzing of the transform (issue 6): random coroutine programs from gen/progen, each
// run through its generated machine and through the reference implementation (coro.New) by the
// same random driver; the two traces must be equal, and the generated code must compile and pass
// go vet.
//
// The programs of a campaign are files of one temporary module, fzPerPkg to a package (fzBatch
// programs to a module in a long campaign; a program that delegates into a second package,
// progen's Config.Lib, has that package's file in the subdirectory lib of its package): one
// gen.Load for all, gen.Generate file by file (so that a failure is charged to its program), one
// go build of one binary that runs every program both ways and prints the traces, and one go
// vet. Failures are grouped by kind (the tool's message, or where the traces part); the smallest
// program of a group is shrunk, statement by statement with the candidates of a round built
// together, and printed.
//
//	go test -run TestFuzzDifferential .                 # the short campaign: seeds 1..300 (60 with -short)
//	go test -run TestFuzzDifferential -timeout 0 -v -fuzz.n 5000 -fuzz.seed 10000 .  # a long campaign
//	CORO_FUZZ_N=5000 CORO_FUZZ_SEED=10000 go test -run TestFuzzDifferential -timeout 0 -v .  # the same
//	go test -run TestFuzzDifferential -fuzz.n 1 -fuzz.seed 1234 -v .  # one program, and its trace
//
// -fuzz.shrink N shrinks a program of each of the first N groups (1 by default, for up to
// -fuzz.shrinktime each), and -fuzz.out DIR writes each shrunk program there as a testdata/cases
// archive (in.go, out.go or error, lib/in.go and lib/out.go for a program with a lib, and a skip
// section saying what fails).
//
// Every program is a package never built before, and what go list, go build and go vet make of
// it lands in the Go build cache, to no use: about 130 MB for the 300 programs of the short
// campaign, tens of gigabytes for long campaigns with shrinking. So the campaign builds with a
// GOCACHE of its own, a temporary directory removed at the end and emptied between builds when it
// has grown past fzCacheCap. It starts empty, so the standard packages the programs import are
// compiled (and vetted) once a campaign: the short campaign takes 26 to 30 s against 19 to 21 s
// in the shared cache on a nearly idle 2-core machine. -fuzz.gocache DIR uses DIR instead and
// keeps it, so that the runs after the first skip that compiling; the test never empties DIR.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io/fs"
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
	"github.com/stackless-go/coro/gen/progen"
	"golang.org/x/tools/txtar"
)

var (
	fzFlagN      = flag.Int("fuzz.n", 0, "number of random programs TestFuzzDifferential runs (default 300, or $CORO_FUZZ_N)")
	fzFlagSeed   = flag.Int64("fuzz.seed", 0, "first seed of TestFuzzDifferential (default 1, or $CORO_FUZZ_SEED)")
	fzFlagShrink = flag.Int("fuzz.shrink", 1, "how many kinds of failure TestFuzzDifferential shrinks a program of")
	fzFlagTime   = flag.Duration("fuzz.shrinktime", 2*time.Minute, "time spent shrinking one failing program")
	fzFlagOut    = flag.String("fuzz.out", "", "directory where TestFuzzDifferential writes shrunk failing programs as txtar cases")
	fzFlagCache  = flag.String("fuzz.gocache", "", "GOCACHE of TestFuzzDifferential's builds, kept (default a temporary directory, removed at the end)")
)

const (
	fzPerPkg    = 50  // programs per package
	fzBatch     = 500 // programs per module build, in a long campaign
	fzModule    = "example.com/fz"
	fzMainDir   = "zmain"
	fzLibImport = fzModule + "/lib" // progen's Config.Lib: fzRun points it at the package's lib
	fzRunLimit  = 10 * time.Second  // for one program, both ways
	fzShrinkCap = 60                // candidates built together in a shrinking round
	fzCacheCap  = 1 << 30           // bytes: the temporary build cache is emptied past this
)

// fzTempCache is the temporary build cache of the running campaign, "" when it uses the cache
// of -fuzz.gocache.
var fzTempCache string

// fzUnit is one program in a temporary module.
type fzUnit struct {
	key    string // its name in the results
	seed   int64
	pkg    string // its directory in the module
	src    []byte
	lib    []byte // the file of its second package, in pkg/lib; nil if none
	suffix string // progen's Config.Suffix
}

func (u *fzUnit) file() string    { return "s" + strconv.FormatInt(u.seed, 10) + ".go" }
func (u *fzUnit) outFile() string { return strings.TrimSuffix(u.file(), ".go") + "_coro.go" }
func (u *fzUnit) driver() string  { return "Drive" + u.suffix }
func (u *fzUnit) libDir() string  { return u.pkg + "/lib" }

// dirs are the directories of the module that hold u's files.
func (u *fzUnit) dirs() []string {
	if u.lib == nil {
		return []string{u.pkg}
	}
	return []string{u.pkg, u.libDir()}
}

// lines is the size of u's program.
func (u *fzUnit) lines() int {
	return bytes.Count(u.src, []byte("\n")) + bytes.Count(u.lib, []byte("\n"))
}

// source is u's program as fzRun writes it: its import of lib points at dir's lib package.
func (u *fzUnit) source(module, dir string) []byte {
	if u.lib == nil {
		return u.src
	}
	return bytes.Replace(u.src, []byte(strconv.Quote(fzLibImport)), []byte(strconv.Quote(module+"/"+dir+"/lib")), 1)
}

// fzOutcome is what became of a program. kind is "" when it passed, else one of
//
//	load      gen.Load failed on it (its source does not type-check: a progen bug, or a load bug)
//	panic     gen.Generate panicked
//	generate  gen.Generate returned an error (the programs use only what the tool supports)
//	compile   the generated code does not compile
//	vet       go vet reports the generated code (or the program: positions in the generated code
//	          are often those of the program, by its //line directives)
//	hang      a driver did not finish within fzRunLimit
//	crash     the differential program died running it
//	trace     the traces differ
//	leak      the reference left goroutines running
type fzOutcome struct {
	kind   string
	detail string
	vet    string // go vet's findings, reported apart from the run's outcome
}

func (o *fzOutcome) failed() bool { return o.kind != "" || o.vet != "" }

// what is the kind of failure to keep while shrinking: the run's, or else vet's.
func (o *fzOutcome) what() string {
	if o.kind != "" {
		return o.kind
	}
	if o.vet != "" {
		return "vet"
	}
	return ""
}

func fzEnvInt(name string, def int64) int64 {
	if s := os.Getenv(name); s != "" {
		if v, err := strconv.ParseInt(s, 10, 64); err == nil {
			return v
		}
	}
	return def
}

func TestFuzzDifferential(t *testing.T) {
	// -fuzz.n, else $CORO_FUZZ_N, else 60 with -short, else 300.
	n := int64(300)
	if testing.Short() {
		n = 60
	}
	n = fzEnvInt("CORO_FUZZ_N", n)
	if *fzFlagN > 0 {
		n = int64(*fzFlagN)
	}
	start := fzEnvInt("CORO_FUZZ_SEED", 1)
	if *fzFlagSeed != 0 {
		start = *fzFlagSeed
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOWORK", "off")
	cache := *fzFlagCache
	if cache == "" {
		if cache, err = os.MkdirTemp("", "coro-fuzz-gocache-"); err != nil {
			t.Fatal(err)
		}
		fzTempCache = cache
		defer func() {
			fzTempCache = ""
			os.RemoveAll(cache)
		}()
	} else if cache, err = filepath.Abs(cache); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOCACHE", cache) // for go list (gen.Load), go build and go vet
	began := time.Now()
	type failure struct {
		u   *fzUnit
		out *fzOutcome
	}
	var fails []failure
	for lo := start; lo < start+n; lo += fzBatch {
		hi := min(lo+fzBatch, start+n)
		var units []*fzUnit
		for seed := lo; seed < hi; seed++ {
			u := fzProgram(seed, fmt.Sprintf("p%03d", (seed-lo)/fzPerPkg))
			units = append(units, u)
		}
		t0 := time.Now()
		res, err := fzRun(root, units, fzRunLimit, testing.Verbose() && n == 1)
		if err != nil {
			t.Fatalf("seeds %d..%d: %v", lo, hi-1, err)
		}
		nf := 0
		for _, u := range units {
			if o := res[u.key]; o.failed() {
				fails = append(fails, failure{u, o})
				nf++
			}
		}
		t.Logf("seeds %d..%d: %d programs, %d failed, %v", lo, hi-1, len(units), nf, time.Since(t0).Round(time.Second))
	}
	t.Logf("%d programs in %v, %d failed", n, time.Since(began).Round(time.Second), len(fails))
	// One report per kind of failure (see fzSignature), the smallest program of each shrunk.
	groups := map[string][]failure{}
	var sigs []string
	for _, f := range fails {
		sig := fzGroup(f.out)
		if groups[sig] == nil {
			sigs = append(sigs, sig)
		}
		groups[sig] = append(groups[sig], f)
	}
	for i, sig := range sigs {
		fs := groups[sig]
		sort.SliceStable(fs, func(a, b int) bool { return len(fs[a].u.src)+len(fs[a].u.lib) < len(fs[b].u.src)+len(fs[b].u.lib) })
		var seeds []string
		for _, f := range fs {
			if len(seeds) == 30 {
				seeds = append(seeds, fmt.Sprintf("and %d more", len(fs)-30))
				break
			}
			seeds = append(seeds, strconv.FormatInt(f.u.seed, 10))
		}
		f := fs[0]
		msg := fmt.Sprintf("%d program(s) fail so: %s\nseeds: %s\nseed %d: %s\n%s", len(fs), sig, strings.Join(seeds, " "),
			f.u.seed, fzDescribe(f.out), indent(fzTail(f.out.detail+f.out.vet, 60)))
		if i >= *fzFlagShrink {
			t.Errorf("%s\n(not shrunk: go test -run TestFuzzDifferential -fuzz.n 1 -fuzz.seed %d -fuzz.shrink 1 -v . shrinks it and shows its trace)", msg, f.u.seed)
			continue
		}
		small, out := fzShrink(t, root, f.u, f.out)
		text := string(small.src)
		if small.lib != nil {
			text += "\n-- lib --\n" + string(small.lib)
		}
		msg += fmt.Sprintf("\nshrunk from %d to %d lines; it fails so: %s\n%s\nthe shrunk program:\n%s",
			f.u.lines(), small.lines(), fzDescribe(out), indent(fzTail(out.detail+out.vet, 60)), indent(text))
		if *fzFlagOut != "" {
			path, err := fzWriteCase(root, *fzFlagOut, small, out)
			if err != nil {
				msg += "\ncould not write the case: " + err.Error()
			} else {
				msg += "\nwritten to " + path
			}
		}
		t.Error(msg)
	}
}

// fzGroup is the kind of a failure for the report: its signature, and for a trace difference
// the calls (or logs) where the traces part.
func fzGroup(o *fzOutcome) string {
	sig := fzSignature(o)
	if o.kind != "trace" {
		return sig
	}
	var a, b string
	for _, line := range strings.Split(o.detail, "\n") {
		switch {
		case a == "" && strings.HasPrefix(line, "- "):
			a = line[2:]
		case b == "" && strings.HasPrefix(line, "+ "):
			b = line[2:]
		}
	}
	short := func(l string) string {
		if k := strings.IndexAny(l, "=:("); k >= 0 {
			l = l[:k]
		}
		return strings.TrimSpace(l)
	}
	return fmt.Sprintf("%s (machine %q, reference %q)", sig, short(a), short(b))
}

func fzDescribe(o *fzOutcome) string {
	switch {
	case o.kind != "" && o.vet != "":
		return o.kind + " (and vet)"
	case o.kind != "":
		return o.kind
	}
	return "vet"
}

func indent(s string) string {
	return "\t" + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n\t")
}

// fzTail keeps the first n lines of s.
func fzTail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}

// fzProgram generates the program of seed, for the package directory pkg.
func fzProgram(seed int64, pkg string) *fzUnit {
	suffix := fmt.Sprintf("_s%d", seed)
	if seed < 0 {
		suffix = fmt.Sprintf("_m%d", -seed)
	}
	p := progen.Generate(seed, progen.Config{Suffix: suffix, Lib: fzLibImport})
	return &fzUnit{key: fmt.Sprintf("s%d", seed), seed: seed, pkg: pkg, src: p.Source, lib: p.Lib, suffix: suffix}
}

// fzResult is a line of the differential program's output.
type fzResult struct {
	I     int      `json:"i"`
	Begin bool     `json:"begin,omitempty"`
	Gen   []string `json:"gen,omitempty"`
	Ref   []string `json:"ref,omitempty"`
	Leak  string   `json:"leak,omitempty"`
	Hang  string   `json:"hang,omitempty"`
}

// fzRun writes units into a temporary module, generates, builds, vets and runs them, and returns
// the outcome of each by key. An error means the run as a whole failed.
func fzRun(root string, units []*fzUnit, limit time.Duration, show bool) (map[string]*fzOutcome, error) {
	if err := fzTrimCache(); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "coro-fuzz-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	gomod := fmt.Sprintf("module %s\n\ngo 1.26.0\n\nrequire github.com/stackless-go/coro v0.0.0\n\nreplace github.com/stackless-go/coro => %s\n", fzModule, root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o666); err != nil {
		return nil, err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o666); err != nil {
		return nil, err
	}
	out := map[string]*fzOutcome{}
	alive := map[string]*fzUnit{}
	for _, u := range units {
		out[u.key] = &fzOutcome{}
		alive[u.key] = u
		files := map[string][]byte{u.pkg: u.source(fzModule, u.pkg)}
		if u.lib != nil {
			files[u.libDir()] = u.lib
		}
		for d, src := range files {
			if err := os.MkdirAll(filepath.Join(dir, d), 0o777); err != nil {
				return nil, err
			}
			if err := os.WriteFile(filepath.Join(dir, d, u.file()), src, 0o666); err != nil {
				return nil, err
			}
		}
	}
	// blame finds the units a tool's output talks about, with their lines of it. Positions in
	// generated code are often those of the user's file (the //line directives); go build and go
	// vet print a "# package" line above the errors of a package, and paths relative to it.
	blame := func(text string) map[*fzUnit]string {
		found := map[*fzUnit]string{}
		cur := "" // the directory of the package of the last "# package" line
		for _, line := range strings.Split(text, "\n") {
			if p, ok := strings.CutPrefix(line, "# "); ok {
				cur = strings.TrimPrefix(strings.Trim(p, "[]"), fzModule+"/")
				continue
			}
		units:
			for _, u := range alive {
				if strings.Contains(line, " "+u.pkg+"."+u.driver()) {
					found[u] += line + "\n" // the differential program calls a driver that is not there
					continue
				}
				for _, d := range u.dirs() {
					for _, name := range []string{u.file(), u.outFile()} {
						i := strings.Index(line, name+":")
						if i < 0 {
							continue
						}
						before := line[:i]
						if strings.HasSuffix(before, d+"/") || (cur == d && (before == "" || strings.HasSuffix(before, " ") || strings.HasSuffix(before, "./"))) {
							found[u] += strings.ReplaceAll(line, dir+string(filepath.Separator), "") + "\n"
							continue units
						}
					}
				}
			}
		}
		return found
	}
	drop := func(u *fzUnit, kind, detail string) {
		out[u.key].kind, out[u.key].detail = kind, detail
		delete(alive, u.key)
		for _, d := range u.dirs() {
			os.Remove(filepath.Join(dir, d, u.file()))
			os.Remove(filepath.Join(dir, d, u.outFile()))
		}
	}

	// Load, once; again without the programs it failed on.
	var pkgs []*gen.Package
	for attempt := 0; ; attempt++ {
		pkgs, err = gen.Load(dir, "./...")
		if err == nil {
			break
		}
		blamed := blame(err.Error())
		if len(blamed) == 0 || attempt == 3 {
			return nil, fmt.Errorf("gen.Load: %v", strings.ReplaceAll(err.Error(), dir, "$TMP"))
		}
		for u, msg := range blamed {
			drop(u, "load", msg)
		}
		if len(alive) == 0 {
			return out, nil
		}
	}

	// Generate, file by file.
	byPath := map[string]*fzUnit{}
	for _, u := range alive {
		for _, d := range u.dirs() {
			byPath[filepath.Join(dir, d, u.file())] = u
		}
	}
	for _, p := range pkgs {
		for _, sf := range p.Files {
			u := byPath[sf.Path]
			if u == nil {
				continue
			}
			q := *p
			q.Files = []*gen.SourceFile{sf}
			outs, crash, err := fzGenerate([]*gen.Package{&q})
			switch {
			case crash != "":
				drop(u, "panic", crash)
				continue
			case err != nil:
				msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
				var el gen.ErrorList
				if errors.As(err, &el) {
					for _, e := range el {
						if !e.Pos.IsValid() {
							msg += "\n(an error without a position: " + e.Msg + ")"
						}
					}
				}
				drop(u, "generate", msg)
				continue
			}
			for _, o := range outs {
				if o.Content == nil {
					continue
				}
				if err := os.WriteFile(o.Path, o.Content, 0o666); err != nil {
					return nil, err
				}
			}
		}
	}

	// Build, again without the programs whose generated code does not compile.
	bin := filepath.Join(dir, "fz.exe")
	var order []*fzUnit
	for {
		order = order[:0]
		for _, u := range units {
			if alive[u.key] != nil {
				order = append(order, u)
			}
		}
		if len(order) == 0 {
			return out, nil
		}
		if err := fzWriteMain(dir, order); err != nil {
			return nil, err
		}
		cmd := exec.Command("go", "build", "-o", bin, "-gcflags="+fzModule+"/...=-e", "./"+fzMainDir)
		cmd.Dir = dir
		msg, err := cmd.CombinedOutput()
		if err == nil {
			break
		}
		blamed := blame(string(msg))
		if len(blamed) == 0 {
			return nil, fmt.Errorf("go build: %v\n%s", err, strings.ReplaceAll(string(msg), dir, "$TMP"))
		}
		for u, m := range blamed {
			drop(u, "compile", m)
		}
	}

	// Vet everything that builds.
	vet := exec.Command("go", "vet", "./...")
	vet.Dir = dir
	if msg, err := vet.CombinedOutput(); err != nil {
		blamed := blame(string(msg))
		if len(blamed) == 0 {
			return nil, fmt.Errorf("go vet: %v\n%s", err, strings.ReplaceAll(string(msg), dir, "$TMP"))
		}
		for u, m := range blamed {
			out[u.key].vet += m
		}
	}

	// Run, starting again after a program that hangs or crashes.
	for next := 0; next < len(order); {
		cmd := exec.Command(bin, strconv.Itoa(next), limit.String())
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		if err := cmd.Start(); err != nil {
			return nil, err
		}
		last := -1 // the program begun and not finished
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var r fzResult
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				cmd.Process.Kill()
				cmd.Wait()
				return nil, fmt.Errorf("bad output line %q: %v", sc.Bytes(), err)
			}
			if r.I < 0 || r.I >= len(order) {
				continue
			}
			u := order[r.I]
			o := out[u.key]
			switch {
			case r.Begin:
				last = r.I
			case r.Hang != "":
				o.kind, o.detail = "hang", "the driver did not finish; goroutines:\n"+r.Hang
			default:
				last = -1
				if show {
					fmt.Printf("seed %d, the generated machine:\n%s\n", u.seed, indent(strings.Join(r.Gen, "\n")))
				}
				if d := fzTraceDiff(r.Gen, r.Ref); d != "" {
					o.kind, o.detail = "trace", "traces differ (- generated machine, + reference coro.New):\n"+d
				} else if r.Leak != "" {
					o.kind, o.detail = "leak", "the reference left goroutines running:\n"+r.Leak
				}
			}
		}
		werr := cmd.Wait()
		if last < 0 {
			if werr != nil {
				return nil, fmt.Errorf("the differential program failed: %v\n%s", werr, stderr.Bytes())
			}
			break
		}
		if o := out[order[last].key]; o.kind != "hang" {
			o.kind, o.detail = "crash", fmt.Sprintf("the differential program died (%v):\n%s", werr, stderr.Bytes())
		}
		next = last + 1
	}
	return out, nil
}

// fzTrimCache empties the campaign's temporary build cache when it has grown past fzCacheCap:
// what it holds is mostly the builds of programs that will not be built again.
func fzTrimCache() error {
	if fzTempCache == "" {
		return nil
	}
	var size int64
	err := filepath.WalkDir(fzTempCache, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			size += info.Size()
		}
		return err
	})
	if err != nil || size < fzCacheCap {
		return err
	}
	if err := os.RemoveAll(fzTempCache); err != nil {
		return err
	}
	return os.Mkdir(fzTempCache, 0o777)
}

// fzGenerate runs gen.Generate, turning a panic into a message with its stack.
func fzGenerate(ps []*gen.Package) (outs []gen.Output, crash string, err error) {
	defer func() {
		if r := recover(); r != nil {
			crash = fmt.Sprintf("gen.Generate panicked: %v\n%s", r, debug.Stack())
		}
	}()
	outs, err = gen.Generate(ps)
	return outs, "", err
}

// fzWriteMain writes the differential program that runs units, in this order.
func fzWriteMain(dir string, units []*fzUnit) error {
	var imports, table strings.Builder
	pkgs := map[string]bool{}
	for _, u := range units {
		if !pkgs[u.pkg] {
			pkgs[u.pkg] = true
			fmt.Fprintf(&imports, "\t%s %q\n", u.pkg, fzModule+"/"+u.pkg)
		}
		fmt.Fprintf(&table, "\t%s.%s,\n", u.pkg, u.driver())
	}
	src := fmt.Sprintf(fzMainTemplate, imports.String(), table.String())
	if err := os.MkdirAll(filepath.Join(dir, fzMainDir), 0o777); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, fzMainDir, "main.go"), []byte(src), 0o666)
}

// fzMainTemplate is the differential program: %s the imports, %s the drivers. Its arguments are
// the index of the first program to run and the time limit of one.
const fzMainTemplate = `// The differential program of fuzz_test.go.
package main

import (
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"time"

	"github.com/stackless-go/coro/runtime/difftest"

%s)

var drivers = []func(ref bool){
%s}

type result struct {
	I     int      ` + "`json:\"i\"`" + `
	Begin bool     ` + "`json:\"begin,omitempty\"`" + `
	Gen   []string ` + "`json:\"gen,omitempty\"`" + `
	Ref   []string ` + "`json:\"ref,omitempty\"`" + `
	Leak  string   ` + "`json:\"leak,omitempty\"`" + `
	Hang  string   ` + "`json:\"hang,omitempty\"`" + `
}

func main() {
	start, _ := strconv.Atoi(os.Args[1])
	limit, _ := time.ParseDuration(os.Args[2])
	enc := json.NewEncoder(os.Stdout)
	for i := start; i < len(drivers); i++ {
		enc.Encode(result{I: i, Begin: true})
		watchdog := time.AfterFunc(limit, func() {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			enc.Encode(result{I: i, Hang: string(buf)})
			os.Exit(3)
		})
		before := difftest.RefGoroutines()
		gen := difftest.Record(func() { drivers[i](false) })
		ref := difftest.Record(func() { drivers[i](true) })
		leak := difftest.Leaked(before, time.Second)
		watchdog.Stop()
		enc.Encode(result{I: i, Gen: gen.Lines(), Ref: ref.Lines(), Leak: leak})
	}
}
`

// fzSignature is what a shrunk program must keep of a failure: its kind, and for a message
// from a tool the first message, without positions, paths and numbers.
func fzSignature(o *fzOutcome) string {
	what := o.what()
	switch what {
	case "trace", "hang", "leak", "crash", "":
		return what
	}
	return what + ": " + fzNumRE.ReplaceAllString(fzFirstMessage(o), "N")
}

// fzFirstMessage is the first message of a tool's failure, without positions and paths.
func fzFirstMessage(o *fzOutcome) string {
	text := o.detail
	if o.kind == "" {
		text = o.vet
	}
	for _, line := range strings.Split(text, "\n") {
		if m := fzPosRE.FindStringSubmatch(line); m != nil {
			return fzFileRE.ReplaceAllString(m[1], "FILE")
		}
	}
	first, _, _ := strings.Cut(text, "\n")
	return fzFileRE.ReplaceAllString(first, "FILE")
}

var (
	fzPosRE  = regexp.MustCompile(`\.go:\d+:\d+: (.*)$`)
	fzFileRE = regexp.MustCompile(`[\w./-]*\.go(:\d+)*`)
	fzNumRE  = regexp.MustCompile(`[0-9]+`)
)

// fzShrink makes u smaller while it keeps failing as want does, and returns the smallest program
// found (u's, or a variant of it) and its outcome.
func fzShrink(t *testing.T, root string, u *fzUnit, want *fzOutcome) (*fzUnit, *fzOutcome) {
	sig := fzSignature(want)
	cur, curOut := u, want
	deadline := time.Now().Add(*fzFlagTime)
	rounds := 0
	for time.Now().Before(deadline) {
		cands := fzReductions(cur)
		improved := false
		for off := 0; off < len(cands) && !improved && time.Now().Before(deadline); off += fzShrinkCap {
			batch := cands[off:min(off+fzShrinkCap, len(cands))]
			for i, c := range batch {
				c.key, c.pkg = fmt.Sprintf("c%d", i), fmt.Sprintf("c%03d", i)
			}
			res, err := fzRun(root, batch, 5*time.Second, false)
			if err != nil {
				t.Logf("shrinking seed %d: %v", u.seed, err)
				return cur, curOut
			}
			// The candidates are sorted by size: the first that fails the same way.
			for _, c := range batch {
				if o := res[c.key]; fzSignature(o) == sig {
					cur, curOut = c, o
					improved = true
					break
				}
			}
		}
		rounds++
		if !improved {
			break
		}
	}
	t.Logf("seed %d: shrunk in %d rounds", u.seed, rounds)
	return cur, curOut
}

// fzReductions are the variants of u's program one step smaller (progen.Reductions of its file,
// or of its lib's, or without the lib once nothing calls into it), smallest first.
func fzReductions(u *fzUnit) []*fzUnit {
	var out []*fzUnit
	add := func(src, lib []byte) {
		c := *u
		c.src, c.lib = src, lib
		out = append(out, &c)
	}
	for _, r := range progen.Reductions(u.src) {
		add(r, u.lib)
	}
	if u.lib != nil {
		for _, r := range progen.Reductions(u.lib) {
			add(u.src, r)
		}
		imp := []byte("\t" + strconv.Quote(fzLibImport) + "\n")
		if !fzLibUseRE.Match(u.src) && bytes.Contains(u.src, imp) {
			if src, err := format.Source(bytes.Replace(u.src, imp, nil, 1)); err == nil {
				add(src, nil)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].src)+len(out[i].lib) < len(out[j].src)+len(out[j].lib) })
	return out
}

var fzLibUseRE = regexp.MustCompile(`\blib\.`)

// fzWriteCase writes u's program, a shrunk one, as a testdata/cases archive in dir: in.go, the
// generator's out.go (or its error), lib/in.go and lib/out.go for a program with a lib, and a
// skip section, and returns its path.
func fzWriteCase(root, dir string, u *fzUnit, o *fzOutcome) (string, error) {
	name := fmt.Sprintf("fuzz_%d", u.seed)
	in := fzUnsuffix(u.source("example.com/cases", name), u.suffix)
	in = bytes.Replace(in, []byte("package fuzz\n"), []byte("package cases\n"), 1)
	// Generate it alone, as the case harness will.
	tmp, err := os.MkdirTemp("", "coro-fuzzcase-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	gomod := fmt.Sprintf("module example.com/cases\n\ngo 1.26.0\n\nrequire github.com/stackless-go/coro v0.0.0\n\nreplace github.com/stackless-go/coro => %s\n", root)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	files := map[string][]byte{"go.mod": []byte(gomod), "go.sum": sum, name + "/in.go": in}
	if u.lib != nil {
		files[name+"/lib/in.go"] = fzUnsuffix(u.lib, u.suffix)
	}
	for path, data := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(tmp, path)), 0o777); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(tmp, path), data, 0o666); err != nil {
			return "", err
		}
	}
	a := &txtar.Archive{Comment: []byte(fmt.Sprintf("Found by TestFuzzDifferential (seed %d), shrunk: %s.\n", u.seed, fzSignature(o)))}
	// The sections in the order of gen_test.go's rewrite: in.go, out.go, lib/in.go, lib/out.go.
	var out, libOut []byte
	var genErr error
	pkgs, err := gen.Load(tmp, "./...")
	if err == nil {
		var outs []gen.Output
		var crash string
		outs, crash, genErr = fzGenerate(pkgs)
		if crash != "" {
			genErr = errors.New(crash)
		}
		for _, o := range outs {
			switch {
			case o.Content == nil:
			case o.Path == filepath.Join(tmp, name, "in_coro.go"):
				out = o.Content
			case o.Path == filepath.Join(tmp, name, "lib", "in_coro.go"):
				libOut = o.Content
			}
		}
	} else {
		genErr = err
	}
	a.Files = append(a.Files, txtar.File{Name: "in.go", Data: in})
	if genErr == nil {
		a.Files = append(a.Files, txtar.File{Name: "out.go", Data: out})
	}
	if u.lib != nil {
		a.Files = append(a.Files, txtar.File{Name: "lib/in.go", Data: files[name+"/lib/in.go"]})
		if genErr == nil {
			a.Files = append(a.Files, txtar.File{Name: "lib/out.go", Data: libOut})
		}
	}
	if genErr != nil {
		msg := regexp.MustCompile(regexp.QuoteMeta(tmp)+`/[^/]+/`).ReplaceAllString(genErr.Error(), "")
		a.Files = append(a.Files[:1], append([]txtar.File{{Name: "error", Data: []byte(msg + "\n")}}, a.Files[1:]...)...)
	}
	kind := o.what()
	switch kind {
	case "vet":
		kind = "trace" // the harness has no vet kind: the case is kept for its trace
	case "panic":
		kind = "generate"
	}
	skip := kind + ": " + fzFirstMessage(o)
	if kind == "trace" {
		skip = "trace: " + fzGroup(o)
	}
	a.Files = append(a.Files, txtar.File{Name: "skip", Data: []byte(skip + "\n")})
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+".txtar")
	return path, os.WriteFile(path, txtar.Format(a), 0o666)
}

// fzUnsuffix removes a program's suffix from its package-level names.
func fzUnsuffix(src []byte, suffix string) []byte {
	re := regexp.MustCompile(regexp.QuoteMeta(suffix) + `([^0-9]|$)`)
	return re.ReplaceAll(src, []byte("$1"))
}

// fzTraceDiff shows where two traces part: the common lines before (a few), then the rest of
// each, "-" for a, "+" for b. It is "" when they are equal.
func fzTraceDiff(a, b []string) string {
	k := 0
	for k < len(a) && k < len(b) && a[k] == b[k] {
		k++
	}
	if k == len(a) && k == len(b) {
		return ""
	}
	var sb strings.Builder
	for i := max(0, k-3); i < k; i++ {
		fmt.Fprintf(&sb, "  %s\n", a[i])
	}
	for _, l := range a[k:] {
		fmt.Fprintf(&sb, "- %s\n", l)
	}
	for _, l := range b[k:] {
		fmt.Fprintf(&sb, "+ %s\n", l)
	}
	return sb.String()
}
