// Package progen generates random coroutine programs for differential testing of the coro
// transform, in the manner of Csmith: each program is a //coro:gen function (and a few
// sub-coroutines it delegates to) with nested control flow, yields in statements and inside
// expressions, defers, closures and shadowed names, plus a driver that resumes it with a random
// sequence of Next, Send, Throw and Close through package difftest, so that running the driver
// on the generated machine and on the reference implementation (coro.New) gives two traces
// that must be equal.
//
// Some programs have recursive sub-coroutines: one that delegates to itself, or two that delegate
// to each other. Such a sub takes a depth parameter, passes depth-1 to the calls of the cycle and
// returns at once (after a yield, or before) when depth <= 0; every other caller passes 1 or 2.
// With Config.Lib set, some programs put their last sub-coroutines in a second package, lib
// (Program.Lib), exported, and delegate to them across the package boundary; lib's subs delegate
// only within lib.
//
// Some programs (Program.AllCopy) aim at the copy of the machine that the generated All runs for
// a body that calls nothing and whose unwind runs none of its code (gen's emit: no call, no
// defer, no YieldErr, no range over a function): their bodies yield inside loops, carry state
// from one iteration to the next in variables of the kinds that copy keeps in locals (int, bool,
// string, pointer) and of kinds it does not (float64, interface), and their drivers range over
// All and, from inside the loop body, resume the coroutine they range over (Next, Send, Throw,
// Close, Status, another range) after a given value. Some of them cannot panic either (gen's bare
// mode), and some yield at one place only (its copy then sets the pc once).
//
// The programs are well typed, vet-clean and terminating: every loop has a constant bound, every
// backward goto a guard counter, every recursion a depth bound, and nothing depends on the order
// of a map iteration or on the scheduler. Generate is deterministic: a seed and a Config always
// give the same bytes.
package progen

import (
	"bytes"
	"fmt"
	"go/format"
	"path"
	"slices"
	"strings"
)

// Feature is a construct the generator may use; Config.Disable turns features off.
type Feature uint32

const (
	FeatDefer        Feature = 1 << iota // defer statements
	FeatRecover                          // deferred calls that recover a panic of the body
	FeatPanic                            // panics: panic statements, division by a variable, unchecked indexes
	FeatGoto                             // forward gotos, and backward gotos with a guard
	FeatClosure                          // func literals, capturing variables (loop variables too)
	FeatSwitch                           // expression switches, with fallthrough
	FeatTypeSwitch                       // type switches
	FeatSelect                           // select statements (deterministic: at most one ready case)
	FeatRange                            // range over slices, arrays, strings, ints, channels, maps
	FeatRangeFunc                        // range over a function, with or without a yield inside
	FeatYieldErr                         // co.YieldErr
	FeatYieldExpr                        // yields inside expressions (operands, conditions, headers)
	FeatDelegate                         // delegated calls sub(co, ...) to other //coro:gen functions
	FeatYieldFrom                        // coro.YieldFrom(co, sub)
	FeatGeneric                          // generic and method sub-coroutines
	FeatPure                             // some programs call nothing (the bare machine modes)
	FeatLabels                           // labeled break and continue
	FeatSecond                           // the driver runs two coroutines of the same body, interleaved
	FeatMap                              // maps: reads, writes, deletes, and ranges whose effect does not depend on the order
	FeatReentrant                        // the body looks at its own coroutine: Status, and a Next that must panic with ErrRunning
	FeatMultiCall                        // calls of a function with two results, a yield in the arguments
	FeatRecursion                        // recursive sub-coroutines, direct or mutual, with a depth bound
	FeatCrossPackage                     // sub-coroutines in a second package (only with Config.Lib)

	// AllFeatures is every feature.
	AllFeatures Feature = 1<<iota - 1
)

// Config shapes the programs. The zero Config is a good default.
type Config struct {
	Package  string // the package clause; "fuzz" if empty
	Suffix   string // appended to every package-level name, so that many programs share a package
	MaxDepth int    // nesting of compound statements; 3 if zero
	MaxStmts int    // statements in a block; 5 if zero
	MaxBody  int    // statements in a function, nested ones included; 45 if zero
	MaxSubs  int    // sub-coroutines; 2 if zero, none if negative
	MaxOps   int    // driver operations before the final Close; 10 if zero
	Disable  Feature

	// Lib is the import path of the second package a program may delegate into (FeatCrossPackage),
	// whose file is Program.Lib; its last element is the package's name. No program has one if
	// Lib is empty.
	Lib string
}

func (c Config) withDefaults() Config {
	if c.Package == "" {
		c.Package = "fuzz"
	}
	if c.MaxDepth == 0 {
		c.MaxDepth = 3
	}
	if c.MaxStmts == 0 {
		c.MaxStmts = 5
	}
	if c.MaxBody == 0 {
		c.MaxBody = 45
	}
	if c.MaxSubs == 0 {
		c.MaxSubs = 2
	}
	if c.MaxSubs < 0 {
		c.MaxSubs = 0
	}
	if c.MaxOps == 0 {
		c.MaxOps = 10
	}
	return c
}

// Program is a generated program: one Go file.
type Program struct {
	Seed   int64
	Suffix string // Config.Suffix
	Main   string // the //coro:gen function the driver runs
	Driver string // the driver, func Driver(ref bool): the generated machine when ref is false, coro.New when true
	Source []byte // the file, gofmt-formatted
	Lib    []byte // the file of the package Config.Lib, gofmt-formatted; nil when the program has none

	// AllCopy: the program is one of those aimed at All's own copy of the machine (see the
	// package comment): its body calls nothing, and its driver resumes the coroutine from the
	// loop body of ranges over All.
	AllCopy bool

	// RecTree: the program is one of those aimed at recursive delegated calls (see rectree.go):
	// recursive subs that fan out, keep pointers into their machines, catch at depth.
	RecTree bool
}

// Rates of the features decided apart from the rest of a program (see gen.rx), in percent of
// the programs that may have them.
const (
	pctRecursion = 8  // recursive subs
	pctMutual    = 40 // of those: two subs that call each other
	pctLib       = 8  // subs in the second package
	pctAllCopy   = 12 // programs aimed at All's own copy of the machine (decided with an rng of its own)
	pctBare      = 40 // of those: no operation that may panic either
	pctOneYield  = 25 // of those: one yield, in a loop
)

// allCopySalt makes the rng that picks the programs aimed at All's copy from the seed: an rng of
// its own, so that the other programs are the ones their seeds gave before that mode existed.
const allCopySalt = 0x5a11c0b1e5

// Generate returns the program of seed.
func Generate(seed int64, cfg Config) Program {
	cfg = cfg.withDefaults()
	g := &gen{r: newRNG(seed), rx: newRNG(^seed), cfg: cfg, feat: AllFeatures &^ cfg.Disable, sfx: cfg.Suffix}
	g.mainF = &file{}
	g.f = g.mainF
	if g.has(FeatPure) && newRNG(seed^allCopySalt).pct(pctAllCopy) {
		g.allCopyMode()
	} else if g.has(FeatRecursion) && g.has(FeatDelegate) && g.cfg.MaxSubs > 0 && newRNG(seed^recTreeSalt).pct(pctRecTree) {
		src := g.recTreeProgram()
		return Program{Seed: seed, Suffix: cfg.Suffix, Main: g.name("fuzz"), Driver: g.name("Drive"), Source: formatted(seed, src), RecTree: true}
	} else {
		g.pure = g.has(FeatPure) && g.r.pct(12)
	}
	if g.pure && !g.allCopy {
		g.feat &^= FeatDefer | FeatRecover | FeatClosure | FeatDelegate | FeatYieldFrom | FeatGeneric | FeatRangeFunc | FeatMultiCall | FeatReentrant
		if g.r.pct(50) {
			// Without YieldErr too, closing runs nothing of the body, and without what the
			// tool runs through calls (ranges over maps, strings), All runs its own copy of
			// the machine (see gen's emit).
			g.feat &^= FeatYieldErr | FeatMap | FeatRange
		}
	}
	src, lib := g.program()
	p := Program{Seed: seed, Suffix: cfg.Suffix, Main: g.name("fuzz"), Driver: g.name("Drive"), Source: formatted(seed, src), AllCopy: g.allCopy}
	if lib != nil {
		p.Lib = formatted(seed, lib)
	}
	return p
}

func formatted(seed int64, src []byte) []byte {
	out, err := format.Source(src)
	if err != nil {
		panic(fmt.Sprintf("progen: seed %d: the program does not format: %v\n%s", seed, err, src))
	}
	return out
}

// ---- Generator state ----

type kind uint8

const (
	kInt     kind = iota
	kRune         // a rune from a range over a string: read as int(r)
	kSlice        // []int, never empty
	kArr          // [3]int
	kStr          // string, never empty
	kMap          // map[int]int
	kPtr          // *int, never nil
	kStruct       // the program's pt struct
	kFunc         // func(int) int
	kProc         // func()
	kErr          // error
	kRecv         // *st, the receiver type of method subs
	kLibRecv      // *lib.St, the receiver type of method subs in lib (*St in lib itself)
	kBool         // bool (only in the programs aimed at All's copy, as the kinds below)
	kFloat        // float64, kept small: |x| < 16
	kAny          // any: nil, or an int, string, bool or float64
	kOther        // a helper of a template (a channel, a slice of funcs): never picked
)

type variable struct {
	name string
	k    kind
	ro   bool // never assigned: loop variables and guards
	used bool
	at   int // index of its declaration in its block's lines; -1: declared in the header
}

type block struct {
	lines  []string
	vars   []*variable
	noDecl bool // a forward goto jumps over this part of the block: no declarations at this level
	noEnd  bool // this level must not end with a jump (a goto span)
}

// breakable is an enclosing for, switch or select.
type breakable struct {
	label  string
	loop   bool
	used   bool // the label is used
	broken bool // a break leaves it
}

// target is a label a goto may jump to.
type target struct {
	label string
	back  bool
	guard string // of a backward goto
	used  bool   // a backward goto to it was written
}

type resKind uint8

const (
	resNone   resKind = iota
	resInt            // int
	resErr            // error
	resIntErr         // (int, error)
)

// fnCtx is the function (or func literal) being generated.
type fnCtx struct {
	res       resKind
	named     bool // results named res and rerr
	yields    bool // yields allowed here
	closure   bool
	main      bool
	brks      []*breakable
	gotos     []*target
	left      int // statements left in the budget
	recvName  string
	recvField string // the int field of the receiver's type: k, or K in lib
	recvValue bool   // the receiver is a value, not a pointer
	rec       bool   // a recursive sub: it has a depth parameter
	recursed  bool   // it has a delegated call of a recursive sub
}

type subFn struct {
	name    string // function or method name
	res     resKind
	method  bool
	generic bool
	mk      string // helper that builds it as a coro.Coroutine for YieldFrom; "" if none
	ctor    string
	rec     bool // in a cycle of delegated calls: it takes a depth parameter
	lib     bool // declared in the second package: its names are exported
	value   bool // a method with a value receiver (only among rec and lib subs)
	infer   bool // a generic one whose calls leave the type argument to inference (rec and lib)
}

// file is one file of the program, the main package's or lib's, with what its functions use.
type file struct {
	errors, iter bool     // imports
	pt, st, two  bool     // helper declarations
	stBox        bool     // in the main package: a struct that embeds *st
	errVars      []string // declarations of the errors returned by a body that calls nothing
}

type gen struct {
	r    *rng
	rx   *rng // the features decided apart: pctRecursion, pctLib
	cfg  Config
	feat Feature
	pure bool
	sfx  string

	// The programs aimed at All's own copy of the machine (see allCopyMode): allCopy; bare, no
	// operation that may panic; oneYield, a single yield in the main body; forceYield, the next
	// block (a loop's body) gets a yield of the state.
	allCopy, bare, oneYield bool
	recTree                 bool // the program is aimed at recursive delegated calls (see recTreeProgram)
	forceYield              bool
	noLeave                 bool // in the body of a loop that yields the state: jumps continue it

	scopes []*block
	fn     *fnCtx
	subs   []*subFn

	f            *file // the file being written
	mainF, libF  *file // libF is nil when the program has no second package
	libName      string
	libUsed      bool // the main package's code calls into lib
	hasRec       bool // some subs are recursive
	logN, labelN int
	guardN       int
	nameN, errN  int
	yieldsLeft   int // in the current statement
	genericSub   bool
	needSelf     bool
	mainRes      resKind
	condAtoms    map[string]bool
}

func (g *gen) has(f Feature) bool { return g.feat&f != 0 }
func (g *gen) name(base string) string {
	return base + g.sfx
}

// w is weight if cond holds, else 0.
func w(cond bool, weight int) int {
	if cond {
		return weight
	}
	return 0
}

// ---- The program ----

func (g *gen) program() (src, lib []byte) {
	nsubs := 0
	if g.has(FeatDelegate) || g.has(FeatYieldFrom) {
		nsubs = g.r.intn(g.cfg.MaxSubs + 1)
	}
	// Recursion and a second package are decided with g.rx, apart from the rest, so that the
	// programs that have neither are the ones their seeds gave before these features existed;
	// its numbers are drawn whatever the Config, so that Config.Lib changes only the programs
	// that have a lib.
	rec, mutual, inLib, twoLibs, recAtN := g.rx.pct(pctRecursion), g.rx.pct(pctMutual), g.rx.pct(pctLib), g.rx.pct(50), g.rx.intn(1<<20)
	nrec, nlib := 0, 0
	deleg := g.has(FeatDelegate) && g.cfg.MaxSubs > 0
	if deleg && g.has(FeatRecursion) && rec {
		nrec = 1
		if g.cfg.MaxSubs > 1 && mutual {
			nrec = 2
		}
	}
	if deleg && g.has(FeatCrossPackage) && g.cfg.Lib != "" && inLib {
		nlib = 1
		if g.cfg.MaxSubs > 1 && twoLibs {
			nlib = 2
		}
		g.libF = &file{}
		g.libName = path.Base(g.cfg.Lib)
	}
	nsubs = max(nsubs, nrec, nlib)
	// The lib subs are the last nlib, so that they call no sub of the main package. The recursive
	// ones are subs[recAt:recAt+nrec], in one package: a cycle cannot cross the import.
	recAt := -1
	for ; nrec > 0 && recAt < 0; nrec-- {
		var at []int
		for i := 0; i+nrec <= nsubs; i++ {
			if i+nrec <= nsubs-nlib || i >= nsubs-nlib {
				at = append(at, i)
			}
		}
		if len(at) > 0 {
			recAt = at[recAtN%len(at)]
			break
		}
	}
	for i := 1; i <= nsubs; i++ {
		s := g.newSub(i, i > nsubs-nlib)
		s.rec = recAt >= 0 && i-1 >= recAt && i-1 < recAt+nrec
		g.hasRec = g.hasRec || s.rec
		if s.rec || s.lib {
			// (Drawn only in these programs, which are new anyway.)
			s.value = s.method && g.r.pct(40)
			s.infer = s.generic && g.r.pct(50)
		}
		g.subs = append(g.subs, s)
	}
	var fns, libFns []string
	all := g.subs
	for i, s := range all {
		// A sub may delegate to the subs after it, and a recursive one to the recursive ones.
		g.subs = nil
		for j, t := range all {
			if j > i || s.rec && t.rec {
				g.subs = append(g.subs, t)
			}
		}
		out := &fns
		if s.lib {
			g.f, out = g.libF, &libFns
		}
		*out = append(*out, g.subFunc(s))
		if s.mk != "" {
			*out = append(*out, g.mkFunc(s))
		}
		g.f = g.mainF
	}
	g.subs = all
	mainRes := resKind(g.r.intn(4))
	g.mainRes = mainRes
	mainFn := g.mainFunc(mainRes)
	driver := g.driver(mainRes)

	src = g.fileText(g.mainF, g.cfg.Package, append(append([]string{mainFn}, fns...), driver))
	if g.libF != nil {
		lib = g.fileText(g.libF, g.libName, libFns)
	}
	return src, lib
}

// fileText is the text of a file of package pkg, with the functions fns and what they use.
func (g *gen) fileText(f *file, pkg string, fns []string) []byte {
	main := f == g.mainF
	var decls bytes.Buffer
	if f.pt {
		fmt.Fprintf(&decls, "type %s struct{ X, Y int }\n\n", g.name("point"))
	}
	if f.st {
		fmt.Fprintf(&decls, "type %s struct{ %s int }\n\n", g.stName(!main), recvField(!main))
	}
	if f.stBox {
		fmt.Fprintf(&decls, "type %s struct{ *%s }\n\n", g.name("stBox"), g.name("st"))
	}
	if main && g.needSelf {
		fmt.Fprintf(&decls, "// %s is the coroutine c of the driver, which its body looks at.\nvar %s coro.Coroutine[int, int, %s]\n\n", g.name("self"), g.name("self"), rtype(g.mainRes))
	}
	for _, d := range f.errVars {
		decls.WriteString(d)
	}
	if f.two {
		fmt.Fprintf(&decls, "func %s(x int) (int, int) { return x + 1, x * 2 }\n\n", g.name("two"))
	}
	if f.iter {
		// Its deferred log shows when it is stopped, against the body's deferred calls.
		deferLog := ""
		if g.has(FeatDefer) {
			deferLog = "\t\tdefer difftest.Logf(\"seq(%d) returns\", k)\n"
		}
		fmt.Fprintf(&decls, "// %s yields 0, 1, ..., k-1.\nfunc %s(k int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n%s\t\tfor i := range k {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}\n\n", g.name("seq"), g.name("seq"), deferLog)
	}
	for _, fn := range fns {
		decls.WriteString(fn)
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\nimport (\n", pkg)
	if f.errors {
		b.WriteString("\t\"errors\"\n")
	}
	if f.iter {
		b.WriteString("\t\"iter\"\n")
	}
	b.WriteString("\n\tcoro \"github.com/stackless-go/coro/runtime\"\n")
	if main || bytes.Contains(decls.Bytes(), []byte("difftest.")) {
		b.WriteString("\t\"github.com/stackless-go/coro/runtime/difftest\"\n")
	}
	if main && g.libF != nil {
		fmt.Fprintf(&b, "\n\t%q\n", g.cfg.Lib)
	}
	b.WriteString(")\n\n")
	b.Write(decls.Bytes())
	return b.Bytes()
}

// stName is the receiver type of the method subs: st, or St in lib.
func (g *gen) stName(lib bool) string {
	if lib {
		return "St" + g.sfx
	}
	return g.name("st")
}

// recvField is the int field of the receiver type of the method subs.
func recvField(lib bool) string {
	if lib {
		return "K"
	}
	return "k"
}

// ref is how the code being written names name, a package-level name that comes with s: qualified
// by lib's name when s is in lib and the code is not.
func (g *gen) ref(s *subFn, name string) string {
	if s.lib && g.f != g.libF {
		g.libUsed = true
		return g.libName + "." + name
	}
	return name
}

func isLib(s *subFn) bool { return s.lib }
func isRec(s *subFn) bool { return s.rec }

// callStmt is a delegated call of one of the subs that keep holds for, as a statement that
// declares nothing and reads nothing declared in the function's body, for insertStmt. A
// method's receiver is the function's own (a method of the same type) or a new one.
func (g *gen) callStmt(keep func(*subFn) bool) string {
	var subs []*subFn
	for _, t := range g.subs {
		if keep(t) {
			subs = append(subs, t)
		}
	}
	s := subs[g.r.intn(len(subs))]
	recv := ""
	if s.method {
		if g.fn.recvName != "" && g.r.pct(70) {
			recv = g.fn.recvName // the only receiver type of s's package
		} else {
			if s.lib {
				g.libF.st = true
			} else {
				g.f.st = true
			}
			recv = fmt.Sprintf("(&%s{%s: %d})", g.ref(s, g.stName(s.lib)), recvField(s.lib), g.r.between(0, 9))
			if s.value && g.r.pct(50) {
				recv = recv[2 : len(recv)-1] // T{...}.m(co, ...)
			}
		}
	}
	arg := fmt.Sprint(g.r.between(0, 9))
	if g.fn.main {
		arg = []string{arg, "n", "n + 1"}[g.r.intn(3)]
	} else if g.r.pct(60) {
		arg = []string{"arg", "arg - 1", "arg * 2"}[g.r.intn(3)]
	}
	call := g.delegatedCall(s, recv, arg)
	if s.res == resIntErr {
		return "_, _ = " + call
	}
	return call
}

// insertStmt puts stmt, which declares nothing and reads only the function's parameters, among
// the statements of the current block, at index from or after, and before a last statement
// whose end is unreachable.
func (g *gen) insertStmt(stmt string, from int, reach bool) {
	b := g.cur()
	end := len(b.lines)
	if !reach && end > from {
		end--
	}
	at := g.r.between(from, end)
	if at > from && (isJump(b.lines[at-1]) || strings.Contains(b.lines[at-1], "\n")) {
		// After a jump, or after a compound statement whose branches may all jump (an if whose
		// two branches end in goto and return, seed 980080), the statement would be unreachable:
		// it goes first instead.
		at = from
	}
	b.lines = slices.Insert(b.lines, at, stmt)
	for _, v := range b.vars {
		if v.at >= at {
			v.at++
		}
	}
}

func resultTypes(r resKind, named bool, t string) string {
	switch r {
	case resInt:
		if named {
			return " (res " + t + ")"
		}
		return " " + t
	case resErr:
		if named {
			return " (rerr error)"
		}
		return " error"
	case resIntErr:
		if named {
			return " (res " + t + ", rerr error)"
		}
		return " (" + t + ", error)"
	}
	return ""
}

// rtype is the R of a coroutine with result kind r.
func rtype(r resKind) string {
	if r == resInt || r == resIntErr {
		return "int"
	}
	return "struct{}"
}

func (g *gen) mainFunc(res resKind) string {
	g.fn = &fnCtx{res: res, yields: true, main: true, left: g.cfg.MaxBody}
	g.fn.named = res != resNone && g.r.pct(40)
	params := &block{}
	g.scopes = []*block{params}
	params.vars = append(params.vars, &variable{name: "n", k: kInt, used: true})
	if g.fn.named && (res == resInt || res == resIntErr) {
		params.vars = append(params.vars, &variable{name: "res", k: kInt, used: true})
	}
	var setup func()
	if g.allCopy {
		// The state first, then a loop that yields it; the rest of the body follows.
		if g.oneYield {
			g.fn.yields = false // but for the loop's yield
		}
		setup = func() {
			g.stateDecls()
			g.forceYield = true
			g.forStmt(g.cfg.MaxDepth)
		}
	}
	body, _ := g.funcBody(g.cfg.MaxDepth, setup)
	g.scopes = nil
	return fmt.Sprintf("//coro:gen\nfunc %s(co *coro.Co[int, int], ref bool, n int)%s {\n%s}\n\n",
		g.name("fuzz"), resultTypes(res, g.fn.named, "int"), body)
}

// funcBody generates the statements of the current function, after those of setup, and its
// final return.
func (g *gen) funcBody(depth int, setup func()) (string, bool) {
	return g.block(depth, setup, func(reach bool) string {
		if g.libF != nil && !g.libUsed {
			// Nothing of the main package called into lib yet.
			g.insertStmt(g.callStmt(isLib), 0, reach)
		}
		if g.hasRec && !g.fn.recursed {
			// The body calls no recursive sub itself yet.
			g.insertStmt(g.callStmt(isRec), 0, reach)
		}
		if !reach {
			return ""
		}
		if g.fn.res == resNone {
			if g.r.pct(30) {
				return "return"
			}
			return ""
		}
		return g.returnStmt()
	})
}

// ---- Sub-coroutines ----

// newSub returns the i'th sub, in lib if lib: exported names there.
func (g *gen) newSub(i int, lib bool) *subFn {
	s := &subFn{res: resInt, lib: lib}
	if g.r.pct(40) {
		s.res = resIntErr
	}
	if g.has(FeatGeneric) && g.r.pct(25) {
		if g.r.pct(50) {
			s.method = true
			if lib {
				g.libF.st = true
			} else {
				g.f.st = true
			}
		} else {
			s.generic = true
		}
	}
	switch {
	case s.method && lib:
		s.name = fmt.Sprintf("Walk%d", i)
		s.ctor = "New" + g.stName(true) + s.name + "Coro"
	case s.method:
		s.name = fmt.Sprintf("walk%d", i)
		s.ctor = "new" + upperFirst(g.name("st")) + upperFirst(s.name) + "Coro"
	case lib:
		s.name = g.name(fmt.Sprintf("Sub%d", i))
		s.ctor = "New" + s.name + "Coro"
	default:
		s.name = g.name(fmt.Sprintf("sub%d", i))
		s.ctor = "new" + upperFirst(s.name) + "Coro"
	}
	if g.has(FeatYieldFrom) {
		s.mk = g.name(fmt.Sprintf("mkSub%d", i))
		if lib {
			s.mk = g.name(fmt.Sprintf("MkSub%d", i))
		}
	}
	return s
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *gen) subFunc(s *subFn) string {
	g.fn = &fnCtx{res: s.res, yields: true, left: g.cfg.MaxBody / 3, rec: s.rec}
	params := &block{}
	g.scopes = []*block{params}
	var head, pre, depth string
	t := "int"
	if s.generic {
		t = "T"
	}
	if s.rec {
		depth = ", depth int"
	}
	if s.method {
		g.fn.recvName, g.fn.recvField, g.fn.recvValue = "s", recvField(s.lib), s.value
		star := "*"
		if s.value {
			star = ""
		}
		head = fmt.Sprintf("func (s %s%s) %s(co *coro.Co[int, int], ref bool, arg int%s)", star, g.stName(s.lib), s.name, depth)
	} else if s.generic {
		head = fmt.Sprintf("func %s[T ~int](co *coro.Co[int, int], ref bool, targ T%s)", s.name, depth)
	} else {
		head = fmt.Sprintf("func %s(co *coro.Co[int, int], ref bool, arg int%s)", s.name, depth)
	}
	if s.generic {
		g.genericSub = true
		pre = "arg := int(targ)\n_ = arg\n"
	}
	params.vars = append(params.vars, &variable{name: "arg", k: kInt, used: true})
	if s.rec {
		params.vars = append(params.vars, &variable{name: "depth", k: kInt, ro: true, used: true})
	}
	setup := 0 // lines of the setup
	body, _ := g.block(max(g.cfg.MaxDepth-1, 1), func() {
		// A sub yields at least once, unless it is a recursive one at the bottom, which may
		// return before that.
		early := s.rec && g.r.pct(30)
		if s.rec {
			g.emit(fmt.Sprintf("difftest.Logf(\"L%d %s depth %%d\", depth)", g.nextLog(), strings.TrimSuffix(s.name, g.sfx)))
		}
		if early {
			g.emit(g.depthCheck())
		}
		var e string
		if s.rec && !early {
			// Before the check: no call of the cycle in it.
			e = g.noYield(func() string { return g.intExpr(1) })
		} else {
			e = g.intExpr(1)
		}
		g.emit(fmt.Sprintf("co.Yield(%s)", e))
		if s.rec && !early {
			g.emit(g.depthCheck())
		}
		setup = len(g.cur().lines)
	}, func(reach bool) string {
		if s.rec && !g.fn.recursed {
			// No delegated call of the cycle yet: one among the statements after the check.
			g.insertStmt(g.callStmt(isRec), setup, reach)
		}
		if !reach {
			return ""
		}
		return g.returnStmt()
	})
	g.genericSub = false
	g.scopes = nil
	return fmt.Sprintf("//coro:gen\n%s%s {\n%s%s}\n\n", head, resultTypes(s.res, false, t), pre, body)
}

// DepthCheck is the statement that ends the recursion of a recursive sub: Reductions keeps it.
const depthCheck = "if depth <= 0 {"

func (g *gen) depthCheck() string {
	// Its return holds no yield, so no call of the cycle either.
	return depthCheck + "\n" + g.noYield(g.returnStmt) + "\n}"
}

// mkFunc is the helper that gives a sub as a coro.Coroutine: the generated machine, or coro.New.
// It is declared beside the sub, in lib for a sub of lib.
func (g *gen) mkFunc(s *subFn) string {
	var params, ctorArgs, call, ctor string
	a := "a"
	if s.rec {
		a = "a, d" // the depth
	}
	switch {
	case s.method:
		params = fmt.Sprintf("ref bool, sv *%s, a int", g.stName(s.lib))
		ctorArgs = recvArg(s, "sv") + ", ref, " + a
		call = fmt.Sprintf("sv.%s(co, ref, %s)", s.name, a)
		ctor = s.ctor
	case s.generic:
		params = "ref bool, a int"
		ctorArgs = "ref, " + a
		call = fmt.Sprintf("%s[int](co, ref, %s)", s.name, a)
		ctor = s.ctor + "[int]"
	default:
		params = "ref bool, a int"
		ctorArgs = "ref, " + a
		call = fmt.Sprintf("%s(co, ref, %s)", s.name, a)
		ctor = s.ctor
	}
	if s.rec {
		params += ", d int"
	}
	ret := "return " + call + ", nil"
	if s.res == resIntErr {
		ret = "return " + call
	}
	return fmt.Sprintf("func %s(%s) coro.Coroutine[int, int, int] {\n\tif ref {\n\t\treturn coro.New(func(co *coro.Co[int, int]) (int, error) {\n\t\t\t%s\n\t\t})\n\t}\n\treturn %s(%s)\n}\n\n",
		s.mk, params, ret, ctor, ctorArgs)
}

// ---- Blocks and scopes ----

func (g *gen) cur() *block { return g.scopes[len(g.scopes)-1] }

func (g *gen) emit(s string) { b := g.cur(); b.lines = append(b.lines, s) }

// declare adds a variable to the current block, declared by the line about to be emitted (or
// already emitted, when the header is false).
func (g *gen) declare(name string, k kind, ro bool) *variable {
	b := g.cur()
	v := &variable{name: name, k: k, ro: ro, at: len(b.lines)}
	b.vars = append(b.vars, v)
	return v
}

// declareHeader adds a variable declared by the header of the block's statement.
func (g *gen) declareHeader(name string, k kind, ro bool) *variable {
	v := g.declare(name, k, ro)
	v.at = -1
	return v
}

// block generates a block at depth: setup runs first inside it (to declare the header's
// variables), then statements, then final gives the last statement. It returns the text of the
// statements and whether the end of the block is reachable.
//
// With g.forceYield set (for a loop's body in a program aimed at All's copy), the block also
// yields the state: first, or after the statements (at the start if their end is unreachable);
// sometimes only there.
func (g *gen) block(depth int, setup func(), final func(reach bool) string) (string, bool) {
	b := &block{}
	g.scopes = append(g.scopes, b)
	force := g.forceYield
	g.forceYield = false
	if setup != nil {
		setup()
	}
	start := len(b.lines)
	first := force && g.r.pct(50)
	if first {
		g.emit(g.stateYield())
	}
	yields := g.fn.yields
	if force && g.r.pct(55) {
		// Its one yield: a resume from the loop body of a range comes back to it, with the
		// state of the next iteration.
		g.fn.yields = false
	}
	reach := g.stmts(depth, g.r.between(1, g.cfg.MaxStmts))
	g.fn.yields = yields
	switch {
	case !force || first:
	case reach:
		g.emit(g.stateYield())
	default:
		g.atStart(b, start, g.stateYield)
	}
	if final != nil {
		if s := final(reach); s != "" {
			g.emit(s)
			if isJump(s) {
				reach = false
			}
		}
	}
	g.scopes = g.scopes[:len(g.scopes)-1]
	return g.render(b), reach
}

// atStart puts the line that gen writes at index at of block b, the current one, as if it were
// written there: it sees only the variables declared before that.
func (g *gen) atStart(b *block, at int, gen func() string) {
	all := b.vars
	var before []*variable
	for _, v := range all {
		if v.at < at {
			before = append(before, v)
		}
	}
	b.vars = before
	line := gen()
	b.vars = all
	b.lines = slices.Insert(b.lines, at, line)
	for _, v := range b.vars {
		if v.at >= at {
			v.at++
		}
	}
}

// stmts generates up to n statements in the current block; it stops after one whose end is
// unreachable. It returns whether the end is reachable.
func (g *gen) stmts(depth, n int) bool {
	for i := 0; i < n && g.fn.left > 0; i++ {
		g.fn.left--
		if !g.stmt(depth) {
			return false
		}
	}
	return true
}

// render is the text of a finished block: a variable nobody read gets "_ = name" after its
// declaration.
func (g *gen) render(b *block) string {
	lines := b.lines
	for i := len(b.vars) - 1; i >= 0; i-- {
		v := b.vars[i]
		if v.used || v.name == "_" {
			continue
		}
		at := v.at + 1
		lines = append(lines[:at], append([]string{"_ = " + v.name}, lines[at:]...)...)
	}
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func isJump(s string) bool {
	for _, p := range []string{"return", "break", "continue", "goto ", "panic("} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// visible returns the variables in scope of kind k, the innermost of each name only.
func (g *gen) visible(k kind, writable bool) []*variable {
	seen := map[string]bool{}
	var out []*variable
	for i := len(g.scopes) - 1; i >= 0; i-- {
		for j := len(g.scopes[i].vars) - 1; j >= 0; j-- {
			v := g.scopes[i].vars[j]
			if seen[v.name] {
				continue
			}
			seen[v.name] = true
			if v.k == k && (!writable || !v.ro) {
				out = append(out, v)
			}
		}
	}
	return out
}

func (g *gen) pick(k kind, writable bool) *variable {
	vs := g.visible(k, writable)
	if len(vs) == 0 {
		return nil
	}
	// Prefer the inner ones a little.
	if len(vs) > 1 && g.r.pct(40) {
		return vs[g.r.intn((len(vs)+1)/2)]
	}
	return vs[g.r.intn(len(vs))]
}

// read picks a variable of kind k and marks it used.
func (g *gen) read(k kind) *variable {
	v := g.pick(k, false)
	if v != nil {
		v.used = true
	}
	return v
}

var pools = map[kind][]string{
	kInt:     {"a", "b", "c", "x", "y", "z", "u", "v", "w"},
	kSlice:   {"xs", "ys"},
	kArr:     {"arr", "brr"},
	kStr:     {"str", "txt"},
	kMap:     {"m", "mm"},
	kPtr:     {"p", "q"},
	kStruct:  {"pt", "pu"},
	kFunc:    {"f", "h"},
	kProc:    {"inc", "bump"},
	kRecv:    {"sv"},
	kLibRecv: {"lsv"},
	kBool:    {"on", "odd"},
	kFloat:   {"fl", "fm"},
	kAny:     {"iv", "jv"},
}

// freshName returns a name for a new variable of kind k: one of its pool not declared in the
// current block (it may shadow an outer one), or a numbered one.
func (g *gen) freshName(k kind) string {
	pool := pools[k]
	b := g.cur()
	taken := func(n string) bool {
		for _, v := range b.vars {
			if v.name == n {
				return true
			}
		}
		return false
	}
	for range 4 {
		n := pool[g.r.intn(len(pool))]
		if !taken(n) {
			return n
		}
	}
	g.nameN++
	return fmt.Sprintf("%s%d", pool[0], g.nameN)
}

// canDecl tells whether a statement may declare at the current level.
func (g *gen) canDecl() bool { return !g.cur().noDecl }

// ---- Statements ----

// stmt generates one statement into the current block and tells whether its end is reachable.
func (g *gen) stmt(depth int) bool {
	f := g.fn
	y := f.yields
	decl := g.canDecl()
	nested := depth > 0
	// ac is the weight in a program aimed at All's copy, else the usual one: more loops,
	// yields and updates of the state there.
	ac := func(usual, allCopy int) int {
		if g.allCopy {
			return allCopy
		}
		return usual
	}
	anyState := g.allCopy && nested && len(g.visible(kAny, false)) > 0
	// (With yields in it, the tool asserts the types: that may panic.)
	typeSwitch := nested && g.has(FeatTypeSwitch) && !(g.bare && y)
	k := g.r.choice(
		w(decl, ac(14, 7)),                                 // 0 declaration
		14,                                                 // 1 assignment
		w(!g.pure, 7),                                      // 2 log
		w(y, ac(14, 16)),                                   // 3 yield statement
		w(y && g.has(FeatYieldErr), 5),                     // 4 YieldErr
		w(nested, 11),                                      // 5 if
		w(nested, ac(7, 14)),                               // 6 for
		w(nested && g.has(FeatRange), ac(6, 3)),            // 7 range
		w(nested && g.has(FeatSwitch), 5),                  // 8 switch
		w(typeSwitch, 2),                                   // 9 type switch
		w(nested && g.has(FeatSelect), 2),                  // 10 select
		w(nested, 3),                                       // 11 block
		w(nested && g.has(FeatGoto), 3),                    // 12 forward goto
		w(nested && g.has(FeatGoto), 2),                    // 13 backward goto
		w(nested && g.has(FeatClosure), 2),                 // 14 closures capturing loop variables
		w(g.has(FeatDefer) && !f.closure, 4),               // 15 defer
		w(g.hasJumps() && !g.cur().noEnd, 5),               // 16 if cond { jump }
		w(y && g.canDelegate(), 6),                         // 17 delegation
		w(len(g.visible(kProc, false)) > 0, 2),             // 18 call a func()
		w(nested && g.has(FeatRangeFunc), 2),               // 19 range over a function
		w(nested && y && g.has(FeatYieldErr), 3),           // 20 if v, err := co.YieldErr(e); err != nil {...} else {...}
		w(g.fn.main && !g.pure && g.has(FeatReentrant), 1), // 21 the coroutine looks at itself
		w(decl && g.has(FeatMultiCall), 3),                 // 22 a, b := two(e)
		w(g.allCopy, 24),                                   // 23 an update of the state
		w(g.allCopy && y, 8),                               // 24 a yield of the state
		w(anyState, 3),                                     // 25 a type switch on an interface of the state
	)
	if k >= 0 && !decl {
		// Templates that declare at this level go in a block of their own.
		switch k {
		case 7, 9, 10, 13, 14:
			return g.wrapBlock(func() bool { return g.stmtKind(k, depth) })
		}
	}
	return g.stmtKind(k, depth)
}

func (g *gen) wrapBlock(f func() bool) bool {
	b := &block{}
	g.scopes = append(g.scopes, b)
	reach := f()
	g.scopes = g.scopes[:len(g.scopes)-1]
	g.emit("{\n" + g.render(b) + "}")
	return reach
}

func (g *gen) stmtKind(k, depth int) bool {
	g.yieldsLeft = 3
	switch k {
	case 0:
		g.declStmt()
	case 1:
		g.assignStmt()
	case 2:
		g.logStmt()
	case 3:
		g.yieldStmt()
	case 4:
		return g.yieldErrStmt()
	case 5:
		return g.ifStmt(depth)
	case 6:
		// In a program aimed at All's copy, half the loops yield the state.
		g.forceYield = g.allCopy && g.fn.yields && g.r.pct(50)
		return g.forStmt(depth)
	case 7:
		return g.rangeStmt(depth)
	case 8:
		return g.switchStmt(depth)
	case 9:
		return g.typeSwitchStmt(depth)
	case 10:
		return g.selectStmt(depth)
	case 11:
		body, reach := g.block(depth-1, nil, nil)
		g.emit("{\n" + body + "}")
		return reach
	case 12:
		return g.forwardGoto(depth)
	case 13:
		return g.backwardGoto(depth)
	case 14:
		g.closureLoop(depth)
	case 15:
		g.deferStmt()
	case 16:
		return g.jumpIf()
	case 17:
		g.delegateStmt()
	case 18:
		v := g.read(kProc)
		g.emit(v.name + "()")
	case 19:
		return g.rangeFunc(depth)
	case 20:
		return g.ifYieldErr(depth)
	case 21:
		g.needSelf = true
		g.emit(fmt.Sprintf("difftest.Logf(\"L%d self %%v %%v\", %s.Status(), difftest.Catch(func() { %s.Next() }))", g.nextLog(), g.name("self"), g.name("self")))
	case 22:
		g.f.two = true
		e := g.intExpr(1)
		n1, n2 := g.freshName(kInt), g.freshName(kInt)
		if n1 == n2 {
			n2 += "2"
		}
		g.declare(n1, kInt, false)
		g.declare(n2, kInt, false)
		g.emit(fmt.Sprintf("%s, %s := %s(%s)", n1, n2, g.name("two"), e))
	case 23:
		g.stateUpdate()
	case 24:
		g.emit(g.stateYield())
	case 25:
		g.anySwitch()
	default:
		g.assignStmt()
	}
	return true
}

func (g *gen) declStmt() {
	if g.allCopy {
		g.stateDecl()
		return
	}
	k := kInt
	switch g.r.choice(50, 8, 6, 4, w(g.has(FeatMap), 4), 5, 4, w(g.has(FeatClosure), 5), w(g.has(FeatClosure), 3)) {
	case 1:
		k = kSlice
	case 2:
		k = kArr
	case 3:
		k = kStr
	case 4:
		k = kMap
	case 5:
		k = kPtr
	case 6:
		k = kStruct
	case 7:
		k = kFunc
	case 8:
		k = kProc
	}
	g.declOf(k)
}

// declOf declares a variable of kind k, one of those declStmt picks.
func (g *gen) declOf(k kind) {
	switch k {
	case kInt:
		switch g.r.choice(40, 10, 10, 10, w(g.fn.yields, 15)) {
		case 0:
			e := g.intExpr(2)
			g.declare(g.freshName(kInt), kInt, false)
			g.emit(fmt.Sprintf("%s := %s", g.cur().vars[len(g.cur().vars)-1].name, e))
		case 1:
			name := g.freshName(kInt)
			g.declare(name, kInt, false)
			g.emit("var " + name + " int")
		case 2:
			e := g.intExpr(2)
			name := g.freshName(kInt)
			g.declare(name, kInt, false)
			g.emit(fmt.Sprintf("var %s = %s", name, e))
		case 3:
			e1, e2 := g.intExpr(1), g.intExpr(1)
			n1 := g.freshName(kInt)
			n2 := g.freshName(kInt)
			if n1 == n2 {
				n2 = n1 + "2"
			}
			g.declare(n1, kInt, false)
			g.declare(n2, kInt, false)
			g.emit(fmt.Sprintf("%s, %s := %s, %s", n1, n2, e1, e2))
		case 4:
			e := g.yieldExpr(1)
			name := g.freshName(kInt)
			g.declare(name, kInt, false)
			g.emit(fmt.Sprintf("%s := %s", name, e))
		}
	case kSlice:
		var e string
		if !g.bare && g.r.pct(30) {
			e = fmt.Sprintf("make([]int, %d)", g.r.between(1, 3))
		} else {
			e = fmt.Sprintf("[]int{%s, %s}", g.intExpr(1), g.intExpr(1))
		}
		name := g.freshName(k)
		g.declare(name, k, false)
		g.emit(name + " := " + e)
	case kArr:
		name := g.freshName(k)
		if g.r.pct(40) {
			g.declare(name, k, false)
			g.emit("var " + name + " [3]int")
		} else {
			var e string
			if v := g.pick(kArr, false); v != nil && g.r.pct(40) {
				v.used = true
				e = v.name // a copy
			} else {
				e = fmt.Sprintf("[3]int{%s, %s, %s}", g.intExpr(1), g.intExpr(1), g.intExpr(1))
			}
			g.declare(name, k, false)
			g.emit(name + " := " + e)
		}
	case kStr:
		strs := []string{`"ab"`, `"héllo"`, `"x"`, `"go!"`}
		name := g.freshName(k)
		g.declare(name, k, false)
		g.emit(name + " := " + strs[g.r.intn(len(strs))])
	case kMap:
		name := g.freshName(k)
		var e string
		if g.r.pct(30) {
			e = "make(map[int]int)"
		} else {
			e = fmt.Sprintf("map[int]int{%d: %s, %d: %s}", g.r.between(0, 2), g.intExpr(1), g.r.between(3, 5), g.intExpr(1))
		}
		g.declare(name, k, false)
		g.emit(name + " := " + e)
	case kPtr:
		name := g.freshName(k)
		if t := g.pick(kInt, true); t != nil && g.r.pct(75) {
			t.used = true
			g.declare(name, k, false)
			g.emit(name + " := &" + t.name)
		} else {
			g.declare(name, k, false)
			g.emit(name + " := new(int)")
		}
	case kStruct:
		g.f.pt = true
		var e string
		if v := g.pick(kStruct, false); v != nil && g.r.pct(40) {
			v.used = true
			e = v.name // a copy
		} else {
			e = fmt.Sprintf("%s{X: %s, Y: %s}", g.name("point"), g.intExpr(1), g.intExpr(1))
		}
		name := g.freshName(k)
		g.declare(name, k, false)
		g.emit(name + " := " + e)
	case kFunc:
		lit := g.funcLit()
		name := g.freshName(k)
		g.declare(name, k, false)
		g.emit(name + " := " + lit)
	case kProc:
		t := g.pick(kInt, true)
		if t == nil {
			g.declStmt()
			return
		}
		body := fmt.Sprintf("%s += %s", t.name, g.noYield(func() string { return g.intExpr(1) }))
		if !g.pure && g.r.pct(40) {
			t.used = true
			body += fmt.Sprintf("\ndifftest.Logf(\"L%d %%d\", %s)", g.nextLog(), t.name)
		}
		name := g.freshName(k)
		g.declare(name, k, false)
		g.emit(fmt.Sprintf("%s := func() {\n%s\n}", name, body))
	}
}

// funcLit is a func(int) int literal that reads captured variables.
func (g *gen) funcLit() string {
	return g.closure(func() string {
		b := &block{}
		g.scopes = append(g.scopes, b)
		g.declareHeader("k", kInt, false).used = true
		var body string
		if g.r.pct(30) {
			body = fmt.Sprintf("if %s {\nreturn %s\n}\nreturn %s", g.cond(1), g.intExpr(2), g.intExpr(1))
		} else {
			body = "return " + g.intExpr(2)
		}
		g.scopes = g.scopes[:len(g.scopes)-1]
		return "func(k int) int {\n" + body + "\n}"
	})
}

// closure runs f with the function context of a func literal: no yields, no jumps out.
func (g *gen) closure(f func() string) string {
	saved := g.fn
	g.fn = &fnCtx{closure: true, left: 3}
	defer func() { g.fn = saved }()
	return f()
}

// noYield runs f with yields forbidden.
func (g *gen) noYield(f func() string) string {
	saved := g.fn.yields
	g.fn.yields = false
	defer func() { g.fn.yields = saved }()
	return f()
}

func (g *gen) assignStmt() {
	var opts []func() bool
	opts = append(opts, func() bool {
		v := g.pick(kInt, true)
		if v == nil {
			return false
		}
		e := notSame(v.name, g.intExpr(2))
		ops := []string{"=", "=", "+=", "-=", "*=", "^=", "|="}
		g.emit(fmt.Sprintf("%s %s %s", v.name, ops[g.r.intn(len(ops))], e))
		return true
	})
	opts = append(opts, func() bool {
		v := g.pick(kInt, true)
		if v == nil {
			return false
		}
		if g.r.pct(50) {
			g.emit(v.name + "++")
		} else {
			g.emit(v.name + "--")
		}
		return true
	})
	opts = append(opts, func() bool {
		vs := g.visible(kInt, true)
		if len(vs) < 2 {
			return false
		}
		i := g.r.intn(len(vs))
		j := (i + 1 + g.r.intn(len(vs)-1)) % len(vs)
		a, b := vs[i], vs[j]
		if g.r.pct(50) {
			a.used, b.used = true, true
			g.emit(fmt.Sprintf("%s, %s = %s, %s", a.name, b.name, b.name, a.name))
		} else {
			g.emit(fmt.Sprintf("%s, %s = %s, %s", a.name, b.name, notSame(a.name, g.intExpr(1)), notSame(b.name, g.intExpr(1))))
		}
		return true
	})
	opts = append(opts, func() bool {
		v := g.pick(kSlice, true)
		if v == nil {
			return false
		}
		e := g.intExpr(1)
		v.used = true
		i := g.r.intn(3)
		if g.bare {
			i = 0 // an index may panic
		}
		switch i {
		case 0:
			g.emit(fmt.Sprintf("%s = append(%s, %s)", v.name, v.name, e))
		case 1:
			g.emit(fmt.Sprintf("%s[0] = %s", v.name, notSame(v.name+"[0]", e)))
		default:
			g.emit(fmt.Sprintf("%s[len(%s)-1] += %s", v.name, v.name, e))
		}
		return true
	})
	opts = append(opts, func() bool {
		v := g.pick(kArr, true)
		if v == nil || g.bare {
			return false
		}
		e := g.intExpr(1)
		i := g.r.intn(3)
		g.emit(fmt.Sprintf("%s[%d] = %s", v.name, i, notSame(fmt.Sprintf("%s[%d]", v.name, i), e)))
		return true
	})
	opts = append(opts, func() bool {
		v := g.pick(kMap, true)
		if v == nil {
			return false
		}
		v.used = true
		if g.r.pct(20) {
			g.emit(fmt.Sprintf("delete(%s, %s)", v.name, g.intExpr(1)))
			return true
		}
		k := g.noYield(func() string { return g.intAtom() })
		g.emit(fmt.Sprintf("%s[%s] = %s", v.name, k, notSame(v.name+"["+k+"]", g.intExpr(1))))
		return true
	})
	opts = append(opts, func() bool {
		v := g.pick(kPtr, false)
		if v == nil || g.bare {
			return false
		}
		v.used = true
		op := "="
		if g.r.pct(40) {
			op = "+="
		}
		g.emit(fmt.Sprintf("*%s %s %s", v.name, op, notSame("*"+v.name, g.intExpr(1))))
		return true
	})
	opts = append(opts, func() bool {
		v := g.pick(kStruct, true)
		if v == nil {
			return false
		}
		f := "X"
		if g.r.pct(50) {
			f = "Y"
		}
		g.emit(fmt.Sprintf("%s.%s = %s", v.name, f, notSame(v.name+"."+f, g.intExpr(1))))
		return true
	})
	opts = append(opts, func() bool {
		v := g.pick(kStr, true)
		if v == nil {
			return false
		}
		g.emit(fmt.Sprintf("%s += %q", v.name, []string{"c", "é", "z"}[g.r.intn(3)]))
		return true
	})
	opts = append(opts, func() bool {
		if g.fn.recvName == "" {
			return false
		}
		g.emit(fmt.Sprintf("%s.%s += %s", g.fn.recvName, g.fn.recvField, g.intExpr(1)))
		return true
	})
	for range 6 {
		i := g.r.choice(30, 8, 6, 6, 5, 4, 4, 3, 3, 3)
		if opts[i]() {
			return
		}
	}
	// Nothing to assign to: declare instead, or log.
	if g.canDecl() {
		g.declStmt()
	} else {
		g.emit("_ = " + g.intExpr(1))
	}
}

func (g *gen) nextLog() int { g.logN++; return g.logN }

func (g *gen) logStmt() {
	n := g.r.between(1, 3)
	var fmts, args []string
	for range n {
		switch g.r.choice(60, 10, 10, 10, 5) {
		case 1:
			if v := g.read(kSlice); v != nil {
				fmts = append(fmts, "%v")
				args = append(args, v.name)
				continue
			}
		case 2:
			if v := g.read(kErr); v != nil {
				fmts = append(fmts, "%v")
				args = append(args, v.name)
				continue
			}
		case 3:
			if v := g.read(kStr); v != nil {
				fmts = append(fmts, "%q")
				args = append(args, v.name)
				continue
			}
		case 4:
			if v := g.read(kArr); v != nil {
				fmts = append(fmts, "%v")
				args = append(args, v.name)
				continue
			}
		}
		fmts = append(fmts, "%d")
		args = append(args, g.intExpr(2))
	}
	g.emit(fmt.Sprintf("difftest.Logf(\"L%d %s\", %s)", g.nextLog(), strings.Join(fmts, " "), strings.Join(args, ", ")))
}

func (g *gen) yieldStmt() {
	switch g.r.choice(30, 25, 15, 10, 8) {
	case 0:
		g.emit(fmt.Sprintf("co.Yield(%s)", g.intExpr(2)))
	case 1:
		if v := g.pick(kInt, true); v != nil {
			ops := []string{"=", "=", "+=", "-="}
			g.emit(fmt.Sprintf("%s %s co.Yield(%s)", v.name, ops[g.r.intn(len(ops))], g.intExpr(2)))
			return
		}
		g.emit(fmt.Sprintf("co.Yield(%s)", g.intExpr(2)))
	case 2:
		if v := g.pick(kSlice, true); v != nil {
			v.used = true
			g.emit(fmt.Sprintf("%s = append(%s, co.Yield(%s))", v.name, v.name, g.intExpr(1)))
			return
		}
		g.emit(fmt.Sprintf("co.Yield(%s)", g.intExpr(2)))
	case 3:
		// (Not in a program that must not panic: a dereference or an index may.)
		if v := g.pick(kPtr, false); v != nil && !g.bare {
			v.used = true
			g.emit(fmt.Sprintf("*%s = co.Yield(%s)", v.name, g.intExpr(1)))
			return
		}
		if v := g.pick(kArr, true); v != nil && !g.bare {
			g.emit(fmt.Sprintf("%s[%d] = co.Yield(%s)", v.name, g.r.intn(3), g.intExpr(1)))
			return
		}
		g.emit(fmt.Sprintf("co.Yield(%s)", g.intExpr(2)))
	case 4:
		vs := g.visible(kInt, true)
		if len(vs) >= 2 {
			a, b := vs[0], vs[1]
			g.emit(fmt.Sprintf("%s, %s = co.Yield(%s), %s", a.name, b.name, g.intExpr(1), notSame(b.name, g.intExpr(1))))
			return
		}
		g.emit(fmt.Sprintf("co.Yield(%s)", g.intExpr(2)))
	}
}

// yieldErrStmt is v, err := co.YieldErr(e) and a check of err.
func (g *gen) yieldErrStmt() bool {
	if g.canDecl() && g.r.pct(75) {
		name := g.freshName(kInt)
		if g.r.pct(20) {
			name = "_"
		}
		e := g.intExpr(1) // before the new variables are in scope
		lhs := name + ", err := "
		if name != "_" {
			g.declare(name, kInt, false)
		}
		// err may exist at this level already; := then assigns it.
		exists := false
		for _, v := range g.cur().vars {
			exists = exists || (v.name == "err" && v.k == kErr)
		}
		if name == "_" && exists {
			lhs = "_, err = "
		}
		if !exists {
			g.declare("err", kErr, false).used = true
		}
		g.emit(lhs + "co.YieldErr(" + e + ")")
	} else if v := g.pick(kErr, true); v != nil && v.name == "err" {
		lhs := "_, err = "
		if t := g.pick(kInt, true); t != nil {
			lhs = t.name + ", err = "
		}
		g.emit(lhs + "co.YieldErr(" + g.intExpr(1) + ")")
	} else {
		// No err to assign to here: a block of its own.
		return g.wrapBlock(func() bool { return g.yieldErrStmt() })
	}
	// The check.
	var body []string
	if !g.pure {
		body = append(body, fmt.Sprintf("difftest.Logf(\"L%d caught %%v\", err)", g.nextLog()))
	} else if v := g.pick(kInt, true); v != nil {
		body = append(body, v.name+" = -1")
	}
	if !g.cur().noEnd {
		switch g.r.choice(30, 25, w(g.innerLoop() != nil, 10), w(g.innerLoop() != nil, 8), w(g.fn.res == resErr || g.fn.res == resIntErr, 20)) {
		case 1:
			body = append(body, g.returnStmt())
		case 2:
			g.innerBreak().broken = true
			body = append(body, "break")
		case 3:
			body = append(body, "continue")
		case 4:
			if g.fn.res == resErr {
				body = append(body, "return err")
			} else {
				body = append(body, fmt.Sprintf("return %s, err", g.retInt()))
			}
		}
	}
	if len(body) == 0 {
		body = append(body, "_ = err")
	}
	g.emit("if err != nil {\n" + strings.Join(body, "\n") + "\n}")
	return true
}

// innerLoop is the innermost enclosing loop of the current function, nil if none.
func (g *gen) innerLoop() *breakable {
	for i := len(g.fn.brks) - 1; i >= 0; i-- {
		if g.fn.brks[i].loop {
			return g.fn.brks[i]
		}
	}
	return nil
}

// innerBreak is what a plain break leaves.
func (g *gen) innerBreak() *breakable {
	if len(g.fn.brks) == 0 {
		return nil
	}
	return g.fn.brks[len(g.fn.brks)-1]
}

func (g *gen) returnStmt() string {
	f := g.fn
	if f.named && g.r.pct(40) {
		return "return"
	}
	switch f.res {
	case resNone:
		return "return"
	case resInt:
		return "return " + g.retInt()
	case resErr:
		return "return " + g.retErr()
	case resIntErr:
		return "return " + g.retInt() + ", " + g.retErr()
	}
	return "return"
}

func (g *gen) retInt() string {
	e := g.intExpr(2)
	if g.genericSub && !g.fn.main {
		return "T(" + e + ")"
	}
	return e
}

func (g *gen) retErr() string {
	if v := g.read(kErr); v != nil && g.r.pct(50) {
		return v.name
	}
	if g.r.pct(40) {
		return "nil"
	}
	g.f.errors = true
	g.errN++
	if g.allCopy {
		// A variable of the package: the body calls nothing.
		name := g.name(fmt.Sprintf("errR%d", g.errN))
		g.f.errVars = append(g.f.errVars, fmt.Sprintf("var %s = errors.New(\"r%d\")\n\n", name, g.errN))
		return name
	}
	return fmt.Sprintf("errors.New(\"r%d\")", g.errN)
}

// ---- Expressions ----

// intAtom is a literal or a variable.
func (g *gen) intAtom() string {
	if g.allCopy && g.r.pct(20) {
		if s := g.stateAtom(); s != "" {
			return s
		}
	}
	if g.r.pct(35) {
		if g.r.pct(8) {
			return fmt.Sprintf("-%d", g.r.between(1, 5))
		}
		return fmt.Sprint(g.r.between(0, 9))
	}
	if g.r.pct(15) {
		if v := g.read(kRune); v != nil {
			return "int(" + v.name + ")"
		}
	}
	if v := g.read(kInt); v != nil {
		return v.name
	}
	return fmt.Sprint(g.r.between(0, 9))
}

func (g *gen) yieldOK() bool {
	return g.fn.yields && g.yieldsLeft > 0
}

// yieldExpr is a yield, as an expression: co.Yield(e) or a delegation.
func (g *gen) yieldExpr(d int) string {
	g.yieldsLeft--
	if g.canDelegate() && g.r.pct(15) {
		if s := g.exprDelegation(); s != "" {
			return s
		}
	}
	return fmt.Sprintf("co.Yield(%s)", g.intExpr(d-1))
}

func (g *gen) intExpr(d int) string {
	if d <= 0 || g.r.pct(25) {
		return g.intAtom()
	}
	yield := g.yieldOK() && g.has(FeatYieldExpr)
	switch g.r.choice(35, w(yield, 12), 8, 12, w(!g.pure, 4), w(g.has(FeatPanic), 3)) {
	case 0:
		ops := []string{"+", "-", "*", "+", "-", "&", "|", "^"}
		a, b := g.intExpr(d-1), g.intExpr(d-1)
		return fmt.Sprintf("(%s %s %s)", a, ops[g.r.intn(len(ops))], b)
	case 1:
		return g.yieldExpr(d)
	case 2:
		// Division and remainder by a constant.
		return fmt.Sprintf("(%s %s %d)", g.intExpr(d-1), []string{"/", "%"}[g.r.intn(2)], g.r.between(1, 5))
	case 3:
		if s := g.compositeRead(d); s != "" {
			return s
		}
	case 4:
		if v := g.read(kFunc); v != nil {
			return fmt.Sprintf("%s(%s)", v.name, g.intExpr(d-1))
		}
		if g.has(FeatClosure) && g.r.pct(30) {
			return g.closure(func() string { return "func() int {\nreturn " + g.intExpr(1) + "\n}()" })
		}
	case 5:
		// May panic: division by a variable, an unchecked index, a type assertion.
		switch g.r.intn(3) {
		case 0:
			if v := g.read(kInt); v != nil {
				return fmt.Sprintf("(%s / %s)", g.intExpr(d-1), v.name)
			}
		case 1, 2:
			k := kSlice
			if g.r.pct(50) {
				k = kArr
			}
			if xs, v := g.pick(k, false), g.pick(kInt, false); xs != nil && v != nil {
				xs.used, v.used = true, true
				return fmt.Sprintf("%s[%s]", xs.name, v.name)
			}
		}
	}
	return g.intAtom()
}

// compositeRead reads an int out of a slice, array, string, map, pointer or struct.
func (g *gen) compositeRead(d int) string {
	switch g.r.intn(7) {
	case 0:
		if v := g.read(kSlice); v != nil {
			if g.bare {
				return "len(" + v.name + ")" // an index may panic
			}
			switch g.r.intn(3) {
			case 0:
				return v.name + "[0]"
			case 1:
				return "len(" + v.name + ")"
			default:
				return v.name + "[len(" + v.name + ")-1]"
			}
		}
	case 1:
		if g.bare {
			break // an index may panic
		}
		if v := g.read(kArr); v != nil {
			if g.r.pct(30) {
				return fmt.Sprintf("%s[(%s%%3+3)%%3]", v.name, g.intExpr(d-1))
			}
			return fmt.Sprintf("%s[%d]", v.name, g.r.intn(3))
		}
	case 2:
		if v := g.read(kStr); v != nil {
			if g.bare || g.r.pct(50) {
				return "len(" + v.name + ")"
			}
			return "int(" + v.name + "[0])"
		}
	case 3:
		if v := g.read(kMap); v != nil {
			if g.r.pct(30) {
				return "len(" + v.name + ")"
			}
			return fmt.Sprintf("%s[%s]", v.name, g.intExpr(d-1))
		}
	case 4:
		if g.bare {
			break // a dereference may panic
		}
		if v := g.read(kPtr); v != nil {
			return "*" + v.name
		}
	case 5:
		if v := g.read(kStruct); v != nil {
			return v.name + "." + []string{"X", "Y"}[g.r.intn(2)]
		}
	case 6:
		if g.fn.recvName != "" {
			return g.fn.recvName + "." + g.fn.recvField
		}
		if v := g.read(kRecv); v != nil {
			return v.name + ".k"
		}
		if v := g.read(kLibRecv); v != nil {
			return v.name + ".K"
		}
	}
	return ""
}

// cond is a boolean expression.
func (g *gen) cond(d int) string {
	if g.condAtoms == nil {
		// The comparisons of one condition are all different: vet reports a || a.
		g.condAtoms = map[string]bool{}
		defer func() { g.condAtoms = nil }()
	}
	if d > 0 && g.r.pct(30) {
		a := g.cond(d - 1)
		b := g.cond(d - 1)
		if g.r.pct(50) {
			return fmt.Sprintf("(%s && %s)", a, b)
		}
		return fmt.Sprintf("(%s || %s)", a, b)
	}
	if d > 0 && g.r.pct(8) {
		return "!(" + g.cond(d-1) + ")"
	}
	c := g.condAtom()
	for g.condAtoms[c] {
		// Made different (not generated again: the first try has marked its variables used),
		// by a double negation: vet takes (c) == (1 > 0) && (c) == (2 > 0) for a mistake
		// (seed 401411), and splits c && 1 > 0 at the &&.
		c = "!(!(" + c + "))"
	}
	g.condAtoms[c] = true
	return c
}

func (g *gen) condAtom() string {
	if g.allCopy && g.r.pct(35) {
		if s := g.stateCond(); s != "" {
			return s
		}
	}
	if g.r.pct(12) {
		if v := g.read(kErr); v != nil {
			return v.name + " != nil"
		}
	}
	if g.r.pct(15) {
		return fmt.Sprintf("%s%%2 == 0", g.intExpr(1))
	}
	ops := []string{"<", "<=", ">", ">="}
	a := g.intExpr(1)
	b := g.intAtom()
	if a == b {
		b = fmt.Sprint(g.r.between(0, 9))
		if a == b {
			b = "100"
		}
	}
	return fmt.Sprintf("%s %s %s", a, ops[g.r.intn(len(ops))], b)
}

// ---- Compound statements ----

func (g *gen) ifStmt(depth int) bool {
	span := g.cur().noEnd
	var init, initVar string
	g.yieldsLeft = 2
	if g.r.pct(20) {
		e := g.intExpr(2)
		initVar = g.freshName(kInt)
		init = initVar + " := " + e + "; "
	}
	// The init's variable is in scope in the condition and every branch.
	outer := &block{}
	g.scopes = append(g.scopes, outer)
	var cond string
	if initVar != "" {
		g.declareHeader(initVar, kInt, false).used = true
		cond = fmt.Sprintf("%s %s %s", initVar, []string{"<", ">", ">=", "<="}[g.r.intn(4)], g.intAtom())
		if g.r.pct(30) {
			g.condAtoms = map[string]bool{cond: true}
			cond = fmt.Sprintf("(%s && %s)", cond, g.cond(1))
			g.condAtoms = nil
		}
	} else {
		cond = g.cond(2)
	}
	then, r1 := g.block(depth-1, nil, g.maybeJump)
	s := "if " + init + cond + " {\n" + then + "}"
	reach := true
	form := g.r.choice(45, 35, 20)
	if span {
		form = 0
	}
	switch form {
	case 1:
		els, r2 := g.block(depth-1, nil, g.maybeJump)
		s += " else {\n" + els + "}"
		reach = r1 || r2
	case 2:
		c2 := g.cond(1)
		then2, r2 := g.block(depth-1, nil, g.maybeJump)
		s += " else if " + c2 + " {\n" + then2 + "}"
		if g.r.pct(50) {
			els, r3 := g.block(depth-1, nil, g.maybeJump)
			s += " else {\n" + els + "}"
			reach = r1 || r2 || r3
		}
	}
	g.scopes = g.scopes[:len(g.scopes)-1]
	g.emit(s)
	return reach
}

// maybeJump ends a nested block with a jump, sometimes.
func (g *gen) maybeJump(reach bool) string {
	if !reach || !g.r.pct(15) || !g.hasJumps() {
		return ""
	}
	return g.jump()
}

func (g *gen) hasJumps() bool {
	return !g.fn.closure
}

// jump is a statement that leaves the block: break, continue, goto, return or panic.
func (g *gen) jump() string {
	if g.noLeave {
		return "continue"
	}
	f := g.fn
	var fwd []*target
	for _, t := range f.gotos {
		if !t.back {
			fwd = append(fwd, t)
		}
	}
	loop := g.innerLoop()
	var labeled []*breakable
	if g.has(FeatLabels) {
		for i := 0; i < len(f.brks)-1; i++ {
			labeled = append(labeled, f.brks[i])
		}
	}
	switch g.r.choice(w(len(f.brks) > 0, 20), w(loop != nil, 15), w(len(labeled) > 0, 15), w(len(fwd) > 0, 12), 8, w(g.has(FeatPanic), 4)) {
	case 0:
		g.innerBreak().broken = true
		return "break"
	case 1:
		return "continue"
	case 2:
		b := labeled[g.r.intn(len(labeled))]
		b.used = true
		if b.loop && g.r.pct(50) {
			return "continue " + b.label
		}
		b.broken = true
		return "break " + b.label
	case 3:
		return "goto " + fwd[g.r.intn(len(fwd))].label
	case 5:
		if g.r.pct(25) {
			if v := g.read(kInt); v != nil {
				return "panic(" + v.name + ")"
			}
		}
		return fmt.Sprintf("panic(\"p%d\")", g.nextLog())
	}
	return g.returnStmt()
}

// jumpIf is if cond { jump }, or a guarded backward goto.
func (g *gen) jumpIf() bool {
	var back []*target
	for _, t := range g.fn.gotos {
		if t.back {
			back = append(back, t)
		}
	}
	if len(back) > 0 && g.r.pct(40) {
		t := back[g.r.intn(len(back))]
		t.used = true
		g.emit(fmt.Sprintf("if %s < 2 {\n%s++\ngoto %s\n}", t.guard, t.guard, t.label))
		return true
	}
	c := g.cond(1)
	j := g.jump()
	g.emit("if " + c + " {\n" + j + "\n}")
	return true
}

func (g *gen) newLabel() string { g.labelN++; return fmt.Sprintf("L%d", g.labelN) }

func (g *gen) newGuard() string { g.guardN++; return fmt.Sprintf("guard%d", g.guardN) }

// loopBody generates the body of a loop; the breakable gets a label if a labeled jump used it.
func (g *gen) pushBrk(loop bool) *breakable {
	b := &breakable{label: g.newLabel(), loop: loop}
	g.fn.brks = append(g.fn.brks, b)
	return b
}

func (g *gen) popBrk() { g.fn.brks = g.fn.brks[:len(g.fn.brks)-1] }

func labeled(b *breakable, s string) string {
	if b.used {
		return b.label + ":\n" + s
	}
	return s
}

func (g *gen) forStmt(depth int) bool {
	brk := g.pushBrk(true)
	defer g.popBrk()
	// A loop that yields the state (see block) has no condition but its bound, runs two to
	// five times, one step at a time, and its body jumps only to the next iteration.
	plain := g.forceYield
	bound := g.r.between(1, 4)
	if plain {
		bound = g.r.between(2, 5)
		defer func(saved bool) { g.noLeave = saved }(g.noLeave)
		g.noLeave = true
	}
	decl := g.canDecl()
	yexpr := g.fn.yields && g.has(FeatYieldExpr)
	var s string
	// headerCond generates a condition with the loop variable iv in scope.
	headerCond := func(iv string, f func() string) string {
		g.scopes = append(g.scopes, &block{vars: []*variable{{name: iv, k: kInt, ro: true, used: true}}})
		defer func() { g.scopes = g.scopes[:len(g.scopes)-1] }()
		return f()
	}
	switch g.r.choice(45, 20, w(decl, 15), w(decl, 10), w(yexpr, 10)) {
	case 0: // for i := 0; i < K; i++
		iv := g.loopVarName()
		g.yieldsLeft = 1
		var extra string
		if !plain && g.r.pct(20) {
			extra = headerCond(iv, func() string {
				// Not iv < bound again: vet reports a redundant &&.
				g.condAtoms = map[string]bool{fmt.Sprintf("%s < %d", iv, bound): true}
				defer func() { g.condAtoms = nil }()
				return " && " + g.cond(1)
			})
		}
		post := iv + "++"
		if !plain && g.r.pct(15) {
			post = iv + " += 2"
		}
		body, _ := g.block(depth-1, func() { g.declareHeader(iv, kInt, true).used = true }, g.maybeJump)
		s = fmt.Sprintf("for %s := 0; %s < %d%s; %s {\n%s}", iv, iv, bound, extra, post, body)
	case 1: // for i := range K
		iv := g.loopVarName()
		body, _ := g.block(depth-1, func() { g.declareHeader(iv, kInt, true) }, g.maybeJump)
		s = fmt.Sprintf("for %s := range %d {\n%s}", iv, bound, body)
	case 2: // while form with a guard
		gd := g.newGuard()
		g.declare(gd, kOther, true).used = true
		g.emit(gd + " := 0")
		g.yieldsLeft = 1
		cond := fmt.Sprintf("%s < %d", gd, bound)
		if !plain && g.r.pct(30) {
			cond += " && " + g.cond(1)
		}
		body, _ := g.block(depth-1, func() { g.emit(gd + "++") }, g.maybeJump)
		s = fmt.Sprintf("for %s {\n%s}", cond, body)
	case 3: // for { if guard >= K { break } ... }
		gd := g.newGuard()
		g.declare(gd, kOther, true).used = true
		g.emit(gd + " := 0")
		brk.broken = true
		body, _ := g.block(depth-1, func() { g.emit(fmt.Sprintf("if %s >= %d {\nbreak\n}\n%s++", gd, bound, gd)) }, g.maybeJump)
		s = "for {\n" + body + "}"
	default: // yields in the header
		iv := g.loopVarName()
		g.yieldsLeft = 2
		cond := fmt.Sprintf("%s < %d", iv, bound)
		if g.r.pct(60) {
			cond += fmt.Sprintf(" && co.Yield(%s) != %d", iv, g.r.between(5, 9))
		}
		post := iv + "++"
		if g.r.pct(50) {
			post = fmt.Sprintf("%s += 1 + 0*co.Yield(%s+100)", iv, iv)
		}
		body, _ := g.block(depth-1, func() { g.declareHeader(iv, kInt, true).used = true }, g.maybeJump)
		s = fmt.Sprintf("for %s := 0; %s; %s {\n%s}", iv, cond, post, body)
	}
	g.emit(labeled(brk, s))
	return true
}

func (g *gen) loopVarName() string {
	names := []string{"i", "j", "k"}
	return names[g.r.intn(len(names))]
}

func (g *gen) rangeStmt(depth int) bool {
	brk := g.pushBrk(true)
	defer g.popBrk()
	var s string
	// Not over a channel in a program that must not panic: its make and sends may; nor over a
	// slice or an array with yields, which the tool indexes then. Not over a string with yields
	// in a program aimed at All's copy: the tool decodes the runes with a call there (as it
	// snapshots the keys of a map), and then All has no copy.
	idx := !g.bare || !g.fn.yields
	switch g.r.choice(w(idx, 25), w(idx, 12), w(!g.allCopy || !g.fn.yields, 12), 15, w(g.has(FeatMap), 10), w(!g.bare, 12)) {
	case 0: // slice
		xs := g.read(kSlice)
		if xs == nil {
			expr := fmt.Sprintf("[]int{%s, %s, %s}", g.intExpr(1), g.intExpr(1), g.intExpr(1))
			name := g.freshName(kSlice)
			g.declare(name, kSlice, false).used = true
			g.emit(name + " := " + expr)
			xs = g.cur().vars[len(g.cur().vars)-1]
		}
		iv, vv := g.loopVarName(), g.freshName(kInt)
		var head string
		body, _ := g.block(depth-1, func() {
			switch g.r.intn(4) {
			case 0:
				head = fmt.Sprintf("for %s, %s := range %s", iv, vv, xs.name)
				g.declareHeader(iv, kInt, true)
				g.declareHeader(vv, kInt, true)
			case 1:
				head = fmt.Sprintf("for _, %s := range %s", vv, xs.name)
				g.declareHeader(vv, kInt, true)
			case 2:
				head = fmt.Sprintf("for %s := range %s", iv, xs.name)
				g.declareHeader(iv, kInt, true)
			default:
				head = "for range " + xs.name
			}
		}, g.maybeJump)
		s = head + " {\n" + body + "}"
	case 1: // array
		arr := g.read(kArr)
		expr := "[3]int{1, 2, 3}"
		if arr != nil {
			expr = arr.name
		}
		iv, vv := g.loopVarName(), g.freshName(kInt)
		body, _ := g.block(depth-1, func() {
			g.declareHeader(iv, kInt, true)
			g.declareHeader(vv, kInt, true)
		}, g.maybeJump)
		s = fmt.Sprintf("for %s, %s := range %s {\n%s}", iv, vv, expr, body)
	case 2: // string
		str := g.read(kStr)
		expr := `"aé"`
		if str != nil {
			expr = str.name
		}
		iv := g.loopVarName()
		body, _ := g.block(depth-1, func() {
			g.declareHeader(iv, kInt, true)
			g.declareHeader("r", kRune, true)
		}, g.maybeJump)
		s = fmt.Sprintf("for %s, r := range %s {\n%s}", iv, expr, body)
	case 3: // int
		iv := g.loopVarName()
		expr := fmt.Sprint(g.r.between(1, 3))
		if g.fn.yields && g.has(FeatYieldExpr) && g.r.pct(30) {
			expr = fmt.Sprintf("min(co.Yield(%s), 3)", g.intExpr(1))
		}
		body, _ := g.block(depth-1, func() { g.declareHeader(iv, kInt, true) }, g.maybeJump)
		s = fmt.Sprintf("for %s := range %s {\n%s}", iv, expr, body)
	case 4: // map, with a body that does not depend on the order
		return g.rangeMap(brk)
	case 5: // channel
		name := g.helperName("ch")
		k := g.r.between(0, 3)
		g.emit(fmt.Sprintf("%s := make(chan int, %d)", name, k))
		for range k {
			g.emit(fmt.Sprintf("%s <- %s", name, g.intExpr(1)))
		}
		g.emit("close(" + name + ")")
		vv := g.freshName(kInt)
		body, _ := g.block(depth-1, func() { g.declareHeader(vv, kInt, true) }, g.maybeJump)
		s = fmt.Sprintf("for %s := range %s {\n%s}", vv, name, body)
	}
	g.emit(labeled(brk, s))
	return true
}

func (g *gen) visibleName(name string) bool {
	for _, b := range g.scopes {
		for _, v := range b.vars {
			if v.name == name {
				return true
			}
		}
	}
	return false
}

// helperName returns a name for a template's helper variable, declared by the next line.
func (g *gen) helperName(base string) string {
	name := base
	if g.visibleName(name) {
		g.nameN++
		name = fmt.Sprintf("%s%d", base, g.nameN)
	}
	g.declare(name, kOther, true).used = true
	return name
}

// rangeMap ranges over a map with a body whose effect does not depend on the order: it sums.
func (g *gen) rangeMap(brk *breakable) bool {
	var expr string
	if m := g.read(kMap); m != nil {
		expr = m.name
	} else {
		expr = fmt.Sprintf("map[int]int{1: %s, 2: %s, 7: %s}", g.intExpr(1), g.intExpr(1), g.intExpr(1))
	}
	acc := g.pick(kInt, true)
	// The loop sums into macc, which nothing else sees: were the loop cut short (by a Throw or
	// Close at its yield), its partial sum would depend on the order of the keys.
	lines := []string{"macc += mk * mv"}
	if g.fn.yields && g.r.pct(60) {
		lines = append(lines, fmt.Sprintf("macc += co.Yield(%d)", g.r.between(0, 9)))
	}
	if g.fn.yields && g.has(FeatYieldErr) && g.r.pct(20) {
		lines = append(lines, fmt.Sprintf("if _, err := co.YieldErr(%d); err != nil {\nmacc++\n}", g.r.between(0, 9)))
	}
	loop := labeled(brk, fmt.Sprintf("for mk, mv := range %s {\n%s\n}", expr, strings.Join(lines, "\n")))
	use := "_ = macc"
	if acc != nil {
		use = acc.name + " += macc"
	} else if !g.pure {
		use = fmt.Sprintf("difftest.Logf(\"L%d %%d\", macc)", g.nextLog())
	}
	g.emit("{\nmacc := 0\n" + loop + "\n" + use + "\n}")
	return true
}

func (g *gen) rangeFunc(depth int) bool {
	g.f.iter = true
	brk := g.pushBrk(true)
	defer g.popBrk()
	saved := g.fn.yields
	if g.r.pct(40) {
		g.fn.yields = false // kept as a range over the function
	}
	over := fmt.Sprintf("%s(%d)", g.name("seq"), g.r.between(1, 3))
	if len(g.subs) > 0 && g.has(FeatDelegate) && g.r.pct(50) {
		if all := g.subAll(); all != "" {
			over = all
		}
	}
	iv := g.loopVarName()
	body, _ := g.block(depth-1, func() { g.declareHeader(iv, kInt, true) }, g.maybeJump)
	g.fn.yields = saved
	g.emit(labeled(brk, fmt.Sprintf("for %s := range %s {\n%s}", iv, over, body)))
	return true
}

// subAll is the All() of a new machine of one of the subs, to range over: with a yield in the
// loop, the machine drives the sub with Next itself. "" if a method sub has no receiver here.
func (g *gen) subAll() string {
	s := g.subs[g.r.intn(len(g.subs))]
	if s.method {
		recv := g.recvVar(s.lib)
		if recv == "" {
			return ""
		}
		return fmt.Sprintf("%s(%s, ref, %s%s).All()", g.ref(s, s.ctor), recvArg(s, recv), g.noYield(func() string { return g.intExpr(1) }), g.depthArg(s))
	}
	return fmt.Sprintf("%s(ref, %s%s).All()", g.ref(s, s.ctor), g.noYield(func() string { return g.intExpr(1) }), g.depthArg(s))
}

func (g *gen) switchStmt(depth int) bool {
	span := g.cur().noEnd
	brk := g.pushBrk(false)
	defer g.popBrk()
	g.yieldsLeft = 2
	var head string
	tagless := g.r.pct(25)
	outer := &block{}
	g.scopes = append(g.scopes, outer)
	switch {
	case tagless:
		head = "switch {"
	case g.r.pct(20):
		e := g.intExpr(2)
		v := g.freshName(kInt)
		g.declareHeader(v, kInt, false).used = true
		head = fmt.Sprintf("switch %s := %s; %s %% 3 {", v, e, v)
	default:
		head = "switch " + g.intExpr(2) + " {"
	}
	n := g.r.between(1, 4)
	hasDefault := g.r.pct(50) && !span
	defaultAt := g.r.intn(n + 1)
	used := map[int]bool{}
	var clauses []string
	reach := !hasDefault
	total := n
	if hasDefault {
		total++
	}
	for i := 0; i < total; i++ {
		var label string
		if hasDefault && i == defaultAt {
			label = "default:"
		} else if tagless {
			label = "case " + g.cond(1) + ":"
		} else {
			var vals []string
			for range g.r.between(1, 2) {
				if g.r.pct(25) {
					// Not a constant, or it could repeat one.
					if e := g.intExpr(1); strings.ContainsAny(e, "abcdefghijklmnopqrstuvwxyz") {
						vals = append(vals, e)
					}
					continue
				}
				c := g.r.intn(10)
				if used[c] {
					continue
				}
				used[c] = true
				vals = append(vals, fmt.Sprint(c))
			}
			if len(vals) == 0 {
				vals = append(vals, fmt.Sprintf("%d", 10+i))
			}
			label = "case " + strings.Join(vals, ", ") + ":"
		}
		last := i == total-1
		fell := false
		body, r := g.block(depth-1, nil, func(reach bool) string {
			if reach && !last && g.r.pct(15) {
				fell = true
				return "fallthrough"
			}
			return g.maybeJump(reach)
		})
		if r && !fell {
			reach = true
		}
		clauses = append(clauses, label+"\n"+body)
	}
	if brk.broken {
		reach = true
	}
	g.scopes = g.scopes[:len(g.scopes)-1]
	g.emit(labeled(brk, head+"\n"+strings.Join(clauses, "")+"}"))
	return reach
}

func (g *gen) typeSwitchStmt(depth int) bool {
	span := g.cur().noEnd
	brk := g.pushBrk(false)
	defer g.popBrk()
	val := []string{"", `"s"`, "nil", "[]int{1}", "true"}[g.r.intn(5)]
	if val == "" {
		val = g.intExpr(1)
	}
	av := g.helperName("av")
	g.emit(fmt.Sprintf("var %s any = %s", av, val))
	types := []string{"int", "string", "nil", "[]int", "bool"}
	order := []int{0, 1, 2, 3, 4}
	for i := 4; i > 0; i-- {
		j := g.r.intn(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	n := g.r.between(1, 4)
	bind := g.r.pct(70)
	var clauses []string
	hasDefault := g.r.pct(40) && !span
	allEnd := hasDefault
	for i := 0; i < n; i++ {
		t := types[order[i]]
		body, r := g.block(depth-1, func() {
			if bind && i == 0 {
				g.emit("_ = tv")
			}
			if bind {
				// tv is an int in the int clause; elsewhere it hides any outer tv.
				k := kOther
				if t == "int" {
					k = kInt
				}
				g.declareHeader("tv", k, true).used = true
			}
		}, g.maybeJump)
		allEnd = allEnd && !r
		clauses = append(clauses, "case "+t+":\n"+body)
	}
	if hasDefault {
		body, r := g.block(depth-1, func() {
			if bind {
				g.declareHeader("tv", kOther, true).used = true
			}
		}, g.maybeJump)
		allEnd = allEnd && !r
		clauses = append(clauses, "default:\n"+body)
	}
	head := "switch " + av + ".(type) {"
	if bind {
		head = "switch tv := " + av + ".(type) {"
	}
	g.emit(labeled(brk, head+"\n"+strings.Join(clauses, "")+"}"))
	return !allEnd || brk.broken
}

func (g *gen) selectStmt(depth int) bool {
	span := g.cur().noEnd
	brk := g.pushBrk(false)
	defer g.popBrk()
	name := g.helperName("sch")
	g.emit(fmt.Sprintf("%s := make(chan int, 1)", name))
	sure := false
	switch g.r.intn(3) {
	case 0:
		g.emit(fmt.Sprintf("%s <- %s", name, g.intExpr(1)))
		sure = true
	case 1:
		g.emit(fmt.Sprintf("if %s {\n%s <- %s\n}", g.cond(1), name, g.intExpr(1)))
	}
	var clauses []string
	allEnd := true
	if g.r.pct(70) {
		vv := g.freshName(kInt)
		body, r := g.block(depth-1, func() { g.declareHeader(vv, kInt, true) }, g.maybeJump)
		allEnd = allEnd && !r
		clauses = append(clauses, fmt.Sprintf("case %s := <-%s:\n%s", vv, name, body))
	} else {
		g.yieldsLeft = 1
		e := g.intExpr(1)
		body, r := g.block(depth-1, nil, g.maybeJump)
		allEnd = allEnd && !r
		clauses = append(clauses, fmt.Sprintf("case %s <- %s:\n%s", name, e, body))
		sure = false // the send is ready only when the buffer is empty
	}
	switch {
	case span:
		clauses = append(clauses, "default:\n")
		allEnd = false
	case !sure || g.r.pct(50):
		body, r := g.block(depth-1, nil, g.maybeJump)
		allEnd = allEnd && !r
		clauses = append(clauses, "default:\n"+body)
	}
	g.emit(labeled(brk, "select {\n"+strings.Join(clauses, "")+"}"))
	return !allEnd || brk.broken
}

// forwardGoto: if cond { goto L }; statements with no declaration at this level; L: ...
func (g *gen) forwardGoto(depth int) bool {
	label := g.newLabel()
	b := g.cur()
	g.emit(fmt.Sprintf("if %s {\ngoto %s\n}", g.cond(1), label))
	t := &target{label: label}
	g.fn.gotos = append(g.fn.gotos, t)
	savedDecl, savedEnd := b.noDecl, b.noEnd
	b.noDecl, b.noEnd = true, true
	g.stmts(depth-1, g.r.between(1, 3))
	b.noDecl, b.noEnd = savedDecl, savedEnd
	g.fn.gotos = g.fn.gotos[:len(g.fn.gotos)-1]
	// The labeled statement: a log or an assignment.
	saved := len(b.lines)
	if g.pure || g.r.pct(40) {
		g.assignStmt()
	} else {
		g.logStmt()
	}
	if len(b.lines) > saved {
		b.lines[saved] = label + ":\n" + b.lines[saved]
		// A declaration after the label would move with it; declarations are fine here.
	} else {
		g.emit(label + ":")
	}
	return true
}

// backwardGoto: guard := 0; L: statements; if guard < 2 { guard++; goto L }
func (g *gen) backwardGoto(depth int) bool {
	label := g.newLabel()
	gd := g.newGuard()
	b := g.cur()
	guard := g.declare(gd, kOther, true)
	g.emit(gd + " := 0")
	start := len(b.lines)
	t := &target{label: label, back: true, guard: gd}
	g.fn.gotos = append(g.fn.gotos, t)
	savedEnd := b.noEnd
	b.noEnd = true
	// The statements may still end unreachable (an if and else that both return): then the
	// guard after them would be unreachable code, and is left out.
	reach := g.stmts(depth-1, g.r.between(1, 3))
	b.noEnd = savedEnd
	g.fn.gotos = g.fn.gotos[:len(g.fn.gotos)-1]
	if reach {
		g.emit(fmt.Sprintf("if %s < 2 {\n%s++\ngoto %s\n}", gd, gd, label))
		t.used = true
	}
	guard.used = t.used
	if t.used {
		b.lines[start] = label + ":\n" + b.lines[start]
	}
	return reach
}

// closureLoop appends a closure per iteration that captures the loop variable, and calls them
// after the loop.
func (g *gen) closureLoop(depth int) {
	fs := g.helperName("fs")
	g.emit("var " + fs + " []func() int")
	brk := g.pushBrk(true)
	iv := g.loopVarName()
	bound := g.r.between(1, 3)
	var body string
	form := g.r.intn(2)
	body, _ = g.block(depth-1, func() {
		g.declareHeader(iv, kInt, true).used = true
		capture := g.closure(func() string {
			return fmt.Sprintf("%s = append(%s, func() int {\nreturn %s*10 + %s\n})", fs, fs, iv, g.intExpr(1))
		})
		g.emit(capture)
	}, nil)
	g.popBrk()
	if form == 0 {
		g.emit(labeled(brk, fmt.Sprintf("for %s := 0; %s < %d; %s++ {\n%s}", iv, iv, bound, iv, body)))
	} else {
		g.emit(labeled(brk, fmt.Sprintf("for %s := range %d {\n%s}", iv, bound, body)))
	}
	use := "co.Yield(fn())"
	if !g.fn.yields {
		use = "_ = fn()"
	}
	if !g.pure && g.r.pct(50) {
		use = fmt.Sprintf("difftest.Logf(\"L%d %%d\", fn())", g.nextLog())
	}
	g.emit(fmt.Sprintf("for _, fn := range %s {\n%s\n}", fs, use))
}

func (g *gen) deferStmt() {
	id := g.nextLog()
	f := g.fn
	switch g.r.choice(25, 30, 15, w(g.has(FeatRecover), 20), w(f.named && f.res != resErr, 10), w(g.has(FeatPanic), 4)) {
	case 0:
		// Arguments evaluated now (a yield among them, sometimes).
		g.yieldsLeft = 1
		g.emit(fmt.Sprintf("defer difftest.Logf(\"D%d %%d\", %s)", id, g.intExpr(2)))
	case 1:
		e := g.closure(func() string { return g.intExpr(2) })
		g.emit(fmt.Sprintf("defer func() {\ndifftest.Logf(\"D%d %%d\", %s)\n}()", id, e))
	case 2:
		arg := g.intExpr(1)
		e := g.closure(func() string { return g.intExpr(1) })
		g.emit(fmt.Sprintf("defer func(dv int) {\ndifftest.Logf(\"D%d %%d %%d\", dv, %s)\n}(%s)", id, e, arg))
	case 3:
		set := ""
		if f.named && (f.res == resInt || f.res == resIntErr) {
			set = fmt.Sprintf("\nres = %d", -id)
		}
		if f.named && (f.res == resErr || f.res == resIntErr) && g.r.pct(50) {
			g.f.errors = true
			set += fmt.Sprintf("\nrerr = errors.New(\"recovered%d\")", id)
		}
		g.emit(fmt.Sprintf("defer func() {\nif rv := recover(); rv != nil {\nif ps, ok := rv.(string); ok {\ndifftest.Logf(\"D%d recovered %%s\", ps)%s\n} else {\npanic(rv)\n}\n}\n}()", id, set))
	case 4:
		g.emit(fmt.Sprintf("defer func() {\nres += %d\n}()", 100*id))
	case 5:
		c := g.closure(func() string { return g.cond(1) })
		g.emit(fmt.Sprintf("defer func() {\nif %s {\npanic(\"dp%d\")\n}\n}()", c, id))
	default:
		g.emit(fmt.Sprintf("defer difftest.Logf(\"D%d\")", id))
	}
}

// ---- Delegation ----

func (g *gen) delegateStmt() {
	s := g.subs[g.r.intn(len(g.subs))]
	yf := s.mk != "" && g.has(FeatYieldFrom) && (g.r.pct(50) || !g.has(FeatDelegate))
	if !yf && !g.has(FeatDelegate) {
		g.yieldStmt()
		return
	}
	recv := ""
	if s.method {
		recv = g.recvVar(s.lib)
		if recv == "" {
			g.yieldStmt()
			return
		}
	}
	arg := g.intExpr(1)
	if yf {
		args := "ref, " + arg
		if s.method {
			args = "ref, " + recv + ", " + arg
		}
		sub := fmt.Sprintf("%s(%s%s)", g.ref(s, s.mk), args, g.depthArg(s))
		if g.canDecl() && g.r.pct(20) {
			// Started (or finished) before the delegation: YieldFrom resumes it with Next. The
			// statements are adjacent, so that the reference never leaves it suspended.
			sb := g.helperName("sb")
			g.emit(fmt.Sprintf("%s := %s", sb, sub))
			for range g.r.between(1, 2) {
				if g.r.pct(50) {
					g.emit(sb + ".Next()")
				} else {
					g.emit(fmt.Sprintf("%s.Send(%d)", sb, g.r.between(0, 9)))
				}
			}
			sub = sb
		}
		g.assignCall(fmt.Sprintf("coro.YieldFrom(co, %s)", sub), false)
		return
	}
	call := g.delegatedCall(s, recv, arg)
	g.assignCall(call, s.res == resIntErr)
}

func (g *gen) delegatedCall(s *subFn, recv, arg string) string {
	arg += g.depthArg(s)
	if s.rec {
		g.fn.recursed = true
	}
	switch {
	case s.method:
		if s.lib && g.f != g.libF {
			g.libUsed = true
		}
		// A receiver that is a value (of a method with a value receiver) has no *st to embed.
		ptr := !strings.HasSuffix(recv, "}") && !(recv == g.fn.recvName && g.fn.recvValue)
		if !s.lib && g.r.pct(25) && ptr {
			// The method promoted through an embedded *st.
			g.f.stBox = true
			return fmt.Sprintf("%s{%s}.%s(co, ref, %s)", g.name("stBox"), recv, s.name, arg)
		}
		return fmt.Sprintf("%s.%s(co, ref, %s)", recv, s.name, arg)
	case s.generic && !s.infer:
		return fmt.Sprintf("%s[int](co, ref, %s)", g.ref(s, s.name), arg)
	}
	return fmt.Sprintf("%s(co, ref, %s)", g.ref(s, s.name), arg)
}

// recvArg is the receiver argument of s's constructor, given recv, a *st variable.
func recvArg(s *subFn, recv string) string {
	if s.value {
		return "*" + recv
	}
	return recv
}

// depthArg is the depth argument of a call of s, with its comma: none unless s is recursive,
// depth-1 in a recursive sub (s is in its cycle), else 1 or 2.
func (g *gen) depthArg(s *subFn) string {
	switch {
	case !s.rec:
		return ""
	case g.fn.rec:
		return ", depth-1"
	}
	return fmt.Sprintf(", %d", g.r.between(1, 2))
}

// recvVar returns a *st variable (a *lib.St one if lib), declaring one if possible.
func (g *gen) recvVar(lib bool) string {
	k := kRecv
	if lib {
		k = kLibRecv
	}
	if v := g.read(k); v != nil {
		if lib && g.f != g.libF {
			g.libUsed = true
		}
		return v.name
	}
	if !g.canDecl() {
		return ""
	}
	typ := g.name("st")
	if lib {
		g.libF.st = true
		typ = g.stName(true)
		if g.f != g.libF {
			g.libUsed = true
			typ = g.libName + "." + typ
		}
	} else {
		g.f.st = true
	}
	name := g.freshName(k)
	e := g.intExpr(1)
	g.declare(name, k, false).used = true
	g.emit(fmt.Sprintf("%s := &%s{%s: %s}", name, typ, recvField(lib), e))
	return name
}

// assignCall uses the result of a delegation: as a statement, assigned, or declared.
func (g *gen) assignCall(call string, withErr bool) {
	if withErr {
		if g.canDecl() && g.r.pct(70) {
			name := g.freshName(kInt)
			g.declare(name, kInt, false)
			exists := false
			for _, v := range g.cur().vars {
				exists = exists || (v.name == "err" && v.k == kErr)
			}
			if !exists {
				g.declare("err", kErr, false)
			}
			g.emit(fmt.Sprintf("%s, err := %s", name, call))
		} else if v := g.pick(kErr, true); v != nil {
			t := "_"
			if iv := g.pick(kInt, true); iv != nil {
				t = iv.name
			}
			g.emit(fmt.Sprintf("%s, %s = %s", t, v.name, call))
		} else {
			g.emit(fmt.Sprintf("_, _ = %s", call))
			return
		}
		if !g.pure {
			ev := g.read(kErr)
			g.emit(fmt.Sprintf("difftest.Logf(\"L%d %%d %%v\", %s, %s)", g.nextLog(), g.intAtom(), ev.name))
		}
		return
	}
	switch g.r.intn(3) {
	case 0:
		g.emit(call)
	case 1:
		if v := g.pick(kInt, true); v != nil {
			g.emit(fmt.Sprintf("%s %s %s", v.name, []string{"=", "+="}[g.r.intn(2)], call))
			return
		}
		g.emit(call)
	default:
		if g.canDecl() {
			name := g.freshName(kInt)
			g.declare(name, kInt, false)
			g.emit(fmt.Sprintf("%s := %s", name, call))
			return
		}
		g.emit(call)
	}
}

// exprDelegation is a delegation inside an expression, "" if none fits.
func (g *gen) exprDelegation() string {
	s := g.subs[g.r.intn(len(g.subs))]
	if s.method {
		return ""
	}
	if s.mk != "" && g.has(FeatYieldFrom) && (g.r.pct(50) || s.res == resIntErr) {
		return fmt.Sprintf("coro.YieldFrom(co, %s(ref, %s%s))", g.ref(s, s.mk), g.intAtom(), g.depthArg(s))
	}
	if s.res == resIntErr || !g.has(FeatDelegate) {
		return ""
	}
	return g.delegatedCall(s, "", g.intAtom())
}

// ---- The driver ----

// driveMain writes name := difftest.On(name, ...): the main coroutine of the program, with n, as
// the generated machine or on coro.New, whose body adapts the main function's results.
func (g *gen) driveMain(b *strings.Builder, res resKind, name string, n int) {
	r := rtype(res)
	var adapt string
	call := fmt.Sprintf("%s(co, ref, %d)", g.name("fuzz"), n)
	switch res {
	case resNone:
		adapt = call + "\nreturn struct{}{}, nil"
	case resInt:
		adapt = "return " + call + ", nil"
	case resErr:
		adapt = "return struct{}{}, " + call
	case resIntErr:
		adapt = "return " + call
	}
	fmt.Fprintf(b, "%s := difftest.On(%q, difftest.Pick(ref, func() coro.Coroutine[int, int, %s] { return %s(ref, %d) },\nfunc(co *coro.Co[int, int]) (%s, error) {\n%s\n}))\n",
		name, name, r, "new"+upperFirst(g.name("fuzz"))+"Coro", n, r, adapt)
}

func (g *gen) driver(res resKind) string {
	var b strings.Builder
	fmt.Fprintf(&b, "func %s(ref bool) {\n", g.name("Drive"))
	mk := func(name string, n int) { g.driveMain(&b, res, name, n) }
	mk("c", g.r.between(0, 5))
	if g.needSelf {
		fmt.Fprintf(&b, "%s = c.Coroutine()\n", g.name("self"))
	}
	names := []string{"c"}
	second := 15
	if g.allCopy {
		// A range over All mostly ends its coroutine: more coroutines, more ranges.
		second = 60
	}
	if g.has(FeatSecond) && g.r.pct(second) {
		mk("d", g.r.between(0, 5))
		names = append(names, "d")
		if g.allCopy && g.r.pct(40) {
			mk("e", g.r.between(0, 5))
			names = append(names, "e")
		}
	}
	nops := g.r.between(1, g.cfg.MaxOps)
	if g.hasRec || g.libF != nil {
		// Longer, to reach more of the recursion and of lib.
		nops = g.r.between(g.cfg.MaxOps/2, 3*g.cfg.MaxOps)
	}
	if g.allCopy {
		// Operations of their own: mostly ranges whose loop body resumes the coroutine.
		g.allCopyOps(&b, names)
		nops = 0
	}
	for i := range nops {
		c := names[g.r.intn(len(names))]
		// A body that calls nothing gets All's own copy of its machine (see gen's emit), which
		// a loop body that moves the coroutine puts to the test: those range more often, and
		// often first, from the start.
		ranges := 5
		if g.pure {
			ranges = 25
		}
		op := g.r.choice(35, 30, 10, 5, 6, ranges, 4, 2)
		if g.pure && i == 0 && g.r.pct(50) {
			op = 6
		}
		switch op {
		case 0:
			fmt.Fprintf(&b, "%s.Next()\n", c)
		case 1:
			fmt.Fprintf(&b, "%s.Send(%d)\n", c, g.r.between(-3, 9))
		case 2:
			g.f.errors = true
			g.errN++
			fmt.Fprintf(&b, "%s.Throw(errors.New(\"t%d\"))\n", c, g.errN)
		case 3:
			fmt.Fprintf(&b, "%s.Close()\n", c)
		case 4:
			fmt.Fprintf(&b, "%s.Status()\n", c)
		case 5:
			fmt.Fprintf(&b, "%s.End()\n", c)
		case 6:
			if !g.r.pct(40) && !(g.pure && g.r.pct(50)) {
				fmt.Fprintf(&b, "%s.Range(%d)\n", c, g.r.between(-1, 3))
				break
			}
			// The loop body moves the coroutine it ranges over.
			var op string
			resumes := 1
			if g.pure {
				resumes = 3
			}
			switch g.r.choice(30*resumes, 20*resumes, 15, 10, 15, 10) {
			case 0:
				op = c + ".Next()"
			case 1:
				op = fmt.Sprintf("%s.Send(%d)", c, g.r.between(-3, 9))
			case 2:
				op = c + ".Close()"
			case 3:
				op = c + ".Status()"
			case 4:
				op = fmt.Sprintf("%s.Range(%d)", c, g.r.between(-1, 2))
			case 5:
				g.f.errors = true
				g.errN++
				op = fmt.Sprintf("%s.Throw(errors.New(\"t%d\"))", c, g.errN)
			}
			fmt.Fprintf(&b, "%s.RangeDoing(%d, %d, func() { %s })\n", c, g.r.between(-1, 4), g.r.between(1, 3), op)
		case 7:
			fmt.Fprintf(&b, "%s.Throw(coro.ErrClosed)\n", c)
		}
	}
	for _, c := range names {
		fmt.Fprintf(&b, "%s.Close()\n%s.End()\n", c, c)
	}
	b.WriteString("}\n")
	return b.String()
}

// notSame keeps vet's self-assignment check quiet: e is not assigned to itself.
func notSame(lhs, e string) string {
	if lhs == e {
		return "(" + e + " + 1)"
	}
	return e
}

// canDelegate tells whether the current function may delegate to a sub.
func (g *gen) canDelegate() bool {
	return len(g.subs) > 0 && (g.has(FeatDelegate) || g.has(FeatYieldFrom))
}

// ifYieldErr is a YieldErr in the init of an if: if v, err := co.YieldErr(e); err != nil {...}.
func (g *gen) ifYieldErr(depth int) bool {
	e := g.intExpr(1)
	v := g.freshName(kInt)
	outer := &block{}
	g.scopes = append(g.scopes, outer)
	g.declareHeader(v, kInt, false).used = true
	g.declareHeader("err", kErr, false).used = true
	then, r1 := g.block(depth-1, func() {
		if !g.pure {
			g.emit(fmt.Sprintf("difftest.Logf(\"L%d caught %%v\", err)", g.nextLog()))
		}
	}, g.maybeJump)
	els, r2 := "", true
	if !g.cur().noEnd {
		// (In a goto span the else stays plain: the if must not end the span.)
		els, r2 = g.block(depth-1, func() {
			if !g.pure {
				g.emit(fmt.Sprintf("difftest.Logf(\"L%d got %%d\", %s)", g.nextLog(), v))
			} else {
				g.emit("_ = " + v)
			}
		}, g.maybeJump)
	}
	g.scopes = g.scopes[:len(g.scopes)-1]
	s := fmt.Sprintf("if %s, err := co.YieldErr(%s); err != nil {\n%s}", v, e, then)
	if els != "" {
		s += " else {\n" + els + "}"
	} else {
		s += fmt.Sprintf(" else {\n_ = %s\n}", v)
	}
	g.emit(s)
	return r1 || r2
}
