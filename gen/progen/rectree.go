package progen

// The programs aimed at recursive delegated calls (Program.RecTree): gen's renew, which makes
// the finished machine of a recursive call over for the next call of the same callee unless a
// pointer into it may be alive (machine.reusable), the stack of the recursive calls under way
// that the outermost machine keeps and resumes the innermost from (emitter.innerStack,
// innerLink), and the done-on-entry mode of bodies whose delegated calls call nothing but the
// package's machines (Package.callsOut). Their recursive subs fan out: each level makes two or
// three sequential recursive calls, of itself or of the other sub of a mutual recursion, each
// with an id of its own (a heap index), so that machines get made over and the stack grows and
// shrinks. Some keep the address of a local, or a closure over it, in a package-level slice that
// the body and the driver read after later calls ran; some hold a helper sub by value (whose
// local may go out too); some catch what is thrown (and Close) at YieldErr and return, with an
// error result their callers log and go on after, or give up on; some look at their own
// coroutine (Status, a Next that must panic), and some call nothing but machines at all.

import (
	"fmt"
	"strings"
)

// recTreeSalt makes the rng that picks the programs aimed at recursive delegated calls: an rng
// of its own, so that the other programs are the ones their seeds gave before that mode existed.
const recTreeSalt = 0x7ec7ee5a17

// pctRecTree is the share of the programs (not aimed at All's copy) aimed at recursive calls.
const pctRecTree = 15

// recFn is a recursive sub of a program aimed at recursive calls.
type recFn struct {
	name     string
	intErr   bool // results (int, error), else int
	keepPtr  bool // keeps the address of its local in the package-level slice keep
	keepFunc bool // keeps a closure over its local in the package-level slice getters
	yieldErr bool // its first yield is a YieldErr that catches
	helper   bool // delegates to the helper, which its machine holds by value
	quiet    bool // calls nothing but machines: no log, no look at itself
	self     bool // looks at its coroutine (Status, a Next that must panic)
	fan      int  // recursive calls at each level
}

// recTreeMode generates the program of g in the mode: its main file.
func (g *gen) recTreeProgram() []byte {
	g.recTree = true
	r := g.r
	nrec := 1
	if r.pct(45) {
		nrec = 2 // mutual recursion
	}
	fan := r.between(2, 3)
	maxDepth := 4
	if fan == 3 {
		maxDepth = 3
	}
	var recs []*recFn
	for i := range nrec {
		f := &recFn{name: g.name(fmt.Sprintf("rec%d", i+1)), intErr: r.pct(65), fan: fan}
		switch r.choice(30, 25, 20, 25) {
		case 0:
		case 1:
			f.keepPtr = true
		case 2:
			f.keepFunc = true
		case 3:
			f.keepPtr, f.keepFunc = true, true
		}
		f.yieldErr = r.pct(55) && g.has(FeatYieldErr)
		f.helper = r.pct(35)
		f.quiet = r.pct(30)
		f.keepFunc = f.keepFunc && g.has(FeatClosure)
		recs = append(recs, f)
	}
	helperKeeps := r.pct(50)
	// A main body that calls nothing itself but its recursion, which looks at the coroutine:
	// the main body's mode then comes from what its callees call (gen's Package.callsOut).
	quietMain := g.has(FeatReentrant) && r.pct(35)
	if quietMain {
		recs[0].quiet, recs[0].self = false, true
	}
	mainRes := resKind(r.intn(4))
	g.mainRes = mainRes

	var b strings.Builder
	keep, getters, self := g.name("keep"), g.name("getters"), g.name("self")
	fmt.Fprintf(&b, "// %s are the addresses of locals of the recursive calls, %s closures over them: read after later calls ran.\nvar %s []*int\nvar %s []func() int\n\n", keep, getters, keep, getters)
	fmt.Fprintf(&b, "// %s is the coroutine c of the driver, which the bodies look at.\nvar %s coro.Coroutine[int, int, %s]\n\n", self, self, rtype(mainRes))
	// dump logs what the kept pointers and closures give now.
	dump := func(who string) string {
		return fmt.Sprintf("for i, p := range %s {\ndifftest.Logf(\"%s keep %%d: %%d\", i, *p)\n}\nfor i, f := range %s {\ndifftest.Logf(\"%s getter %%d: %%d\", i, f())\n}\n", keep, who, getters, who)
	}

	// The helper: not recursive, held by value.
	helper := g.name("helper")
	if helperKeeps {
		fmt.Fprintf(&b, "//coro:gen\nfunc %s(co *coro.Co[int, int], ref bool, id int) int {\n\ty := id*7 + 1\n\t%s = append(%s, &y)\n\ty += co.Yield(y)\n\ty++\n\treturn y\n}\n\n", helper, keep, keep)
	} else {
		fmt.Fprintf(&b, "//coro:gen\nfunc %s(co *coro.Co[int, int], ref bool, id int) int {\n\ty := id*7 + 1\n\ty += co.Yield(y)\n\treturn y\n}\n\n", helper)
	}

	for i, f := range recs {
		b.WriteString(g.recBody(f, i, recs, helper, keep, getters, self))
	}

	// The main body: one or two recursions, from roots of their own.
	g.f.iter = false
	var m strings.Builder
	if !quietMain {
		m.WriteString("difftest.Logf(\"main n %d\", n)\n")
	}
	m.WriteString("t := n\n")
	roots := r.between(1, 2)
	for k := range roots {
		f := recs[r.intn(len(recs))]
		depth := r.between(2, maxDepth)
		call := fmt.Sprintf("%s(co, ref, %d, %d)", f.name, k+1, depth)
		if f.intErr {
			fmt.Fprintf(&m, "a%d, err%d := %s\n", k, k, call)
			fmt.Fprintf(&m, "if err%d != nil {\n", k)
			if !quietMain {
				fmt.Fprintf(&m, "difftest.Logf(\"main got %%v\", err%d)\n", k)
			} else {
				m.WriteString("t--\n")
			}
			if r.pct(40) {
				m.WriteString(g.mainReturn(mainRes, "t", fmt.Sprintf("err%d", k)))
			}
			m.WriteString("}\n")
		} else {
			fmt.Fprintf(&m, "a%d := %s\n", k, call)
		}
		fmt.Fprintf(&m, "t += a%d\n", k)
		if !quietMain && r.pct(50) {
			m.WriteString(dump("main"))
		}
		if r.pct(60) {
			m.WriteString("t += co.Yield(t)\n")
		}
	}
	if !quietMain {
		m.WriteString("difftest.Logf(\"main t %d\", t)\n")
	} else {
		m.WriteString("t += co.Yield(t)\n")
	}
	m.WriteString(g.mainReturn(mainRes, "t", "nil"))
	mainFn := fmt.Sprintf("//coro:gen\nfunc %s(co *coro.Co[int, int], ref bool, n int)%s {\n%s}\n\n", g.name("fuzz"), resultTypes(mainRes, false, "int"), m.String())

	driver := g.recTreeDriver(mainRes, dump)
	return g.fileText(g.mainF, g.cfg.Package, []string{b.String(), mainFn, driver})
}

// mainReturn is the return statement of the main body with result kind res.
func (g *gen) mainReturn(res resKind, v, err string) string {
	switch res {
	case resInt:
		return "return " + v + "\n"
	case resErr:
		return "return " + err + "\n"
	case resIntErr:
		return "return " + v + ", " + err + "\n"
	}
	return "return\n"
}

// recBody is the i'th recursive sub f of recs.
func (g *gen) recBody(f *recFn, i int, recs []*recFn, helper, keep, getters, self string) string {
	r := g.r
	var b strings.Builder
	res, ret := " int", func(v, err string) string { return "return " + v + "\n" }
	if f.intErr {
		res, ret = " (int, error)", func(v, err string) string { return "return " + v + ", " + err + "\n" }
	}
	fmt.Fprintf(&b, "//coro:gen\nfunc %s(co *coro.Co[int, int], ref bool, id int, depth int)%s {\n", f.name, res)
	log := func(format string, args ...string) {
		if !f.quiet {
			fmt.Fprintf(&b, "difftest.Logf(%q, %s)\n", strings.TrimSuffix(f.name, g.sfx)+" "+format, strings.Join(args, ", "))
		}
	}
	log("id %d depth %d", "id", "depth")
	fmt.Fprintf(&b, "x := id*%d + %d\n", r.between(10, 13), r.between(0, 9))
	if f.keepPtr {
		fmt.Fprintf(&b, "%s = append(%s, &x)\n", keep, keep)
	}
	if f.keepFunc {
		fmt.Fprintf(&b, "%s = append(%s, func() int { return x*3 + id })\n", getters, getters)
	}
	if f.self || !f.quiet && r.pct(35) && g.has(FeatReentrant) {
		fmt.Fprintf(&b, "difftest.Logf(\"%s self %%v %%v\", %s.Status(), difftest.Catch(func() { %s.Next() }))\n", strings.TrimSuffix(f.name, g.sfx), self, self)
	}
	if f.yieldErr {
		b.WriteString("if v, err := co.YieldErr(x); err != nil {\n")
		log("id %d caught %v", "id", "err")
		switch {
		case f.intErr && r.pct(50):
			b.WriteString(ret("x", "err"))
		case f.intErr:
			b.WriteString(ret("x", "nil"))
		default:
			b.WriteString(ret("x", ""))
		}
		b.WriteString("} else {\nx += v\n}\n")
	} else {
		b.WriteString("x += co.Yield(x)\n")
	}
	b.WriteString(depthCheck + "\n" + ret("x", "nil") + "}\n")
	if f.helper {
		b.WriteString("x += " + helper + "(co, ref, id)\n")
	}
	// The recursive calls: of each sub of the cycle at least once.
	callees := make([]*recFn, f.fan)
	for k := range callees {
		callees[k] = recs[r.intn(len(recs))]
	}
	if len(recs) > 1 {
		callees[r.intn(len(callees))] = recs[1-i]
	}
	for k, c := range callees {
		call := fmt.Sprintf("%s(co, ref, id*10+%d, depth-1)", c.name, k+1)
		if c.intErr {
			fmt.Fprintf(&b, "a%d, err%d := %s\n", k, k, call)
			fmt.Fprintf(&b, "if err%d != nil {\n", k)
			log("id %d got %v", "id", fmt.Sprintf("err%d", k))
			switch {
			case f.intErr && r.pct(40):
				b.WriteString(ret(fmt.Sprintf("x + a%d", k), fmt.Sprintf("err%d", k)))
			case !f.intErr && r.pct(25):
				b.WriteString(ret(fmt.Sprintf("x + a%d", k), ""))
			default:
				b.WriteString("x++\n")
			}
			b.WriteString("}\n")
		} else {
			fmt.Fprintf(&b, "a%d := %s\n", k, call)
		}
		fmt.Fprintf(&b, "x += a%d\n", k)
		if k+1 < len(callees) && r.pct(30) {
			b.WriteString("x += co.Yield(x + 1000)\n")
		}
	}
	if (f.keepPtr || f.keepFunc) && !f.quiet && r.pct(40) {
		// Read what the calls above kept: their machines may have been made over since.
		fmt.Fprintf(&b, "for _, p := range %s {\nx += *p %% 5\n}\nfor _, f := range %s {\nx += f() %% 5\n}\n", keep, getters)
	}
	if r.pct(40) {
		b.WriteString("x += co.Yield(-x)\n")
	}
	b.WriteString(ret("x", "nil"))
	b.WriteString("}\n\n")
	return b.String()
}

// recTreeDriver is the driver of a program aimed at recursive calls: many resumes, Throws at
// whatever depth the recursion is, Closes, ranges, and the kept pointers and closures read in
// between and at the end.
func (g *gen) recTreeDriver(res resKind, dump func(string) string) string {
	r := g.r
	var b strings.Builder
	fmt.Fprintf(&b, "func %s(ref bool) {\n%s, %s = nil, nil\n", g.name("Drive"), g.name("keep"), g.name("getters"))
	mk := func(name string, n int) { g.driveMain(&b, res, name, n) }
	mk("c", r.between(0, 5))
	fmt.Fprintf(&b, "%s = c.Coroutine()\n", g.name("self"))
	names := []string{"c"}
	if r.pct(20) {
		mk("d", r.between(0, 5))
		names = append(names, "d")
	}
	nops := r.between(8, 40)
	for i := range nops {
		c := names[r.intn(len(names))]
		// The first few resume only: into the recursion before it may be ended.
		op := r.choice(30, 30, 7, 2, 1, 5, 5, 3, 6)
		if i < 4 {
			op = r.intn(2)
		}
		switch op {
		case 0:
			fmt.Fprintf(&b, "%s.Next()\n", c)
		case 1:
			fmt.Fprintf(&b, "%s.Send(%d)\n", c, r.between(-3, 9))
		case 2:
			g.f.errors = true
			g.errN++
			fmt.Fprintf(&b, "%s.Throw(errors.New(\"t%d\"))\n", c, g.errN)
		case 3:
			fmt.Fprintf(&b, "%s.Close()\n", c)
		case 4:
			fmt.Fprintf(&b, "%s.Throw(coro.ErrClosed)\n", c)
		case 5:
			fmt.Fprintf(&b, "%s.Range(%d)\n", c, r.between(-1, 8))
		case 6:
			var op string
			switch r.intn(3) {
			case 0:
				op = fmt.Sprintf("%s.Send(%d)", c, r.between(-3, 9))
			case 1:
				g.f.errors = true
				g.errN++
				op = fmt.Sprintf("%s.Throw(errors.New(\"t%d\"))", c, g.errN)
			default:
				op = c + ".Next()"
			}
			fmt.Fprintf(&b, "%s.RangeEach(%d, %d, func() { %s })\n", c, r.between(-1, 12), r.between(1, 4), op)
		case 7:
			fmt.Fprintf(&b, "%s.Status()\n", c)
		case 8:
			b.WriteString(dump("driver"))
		}
	}
	for _, c := range names {
		fmt.Fprintf(&b, "%s.Close()\n%s.End()\n", c, c)
	}
	b.WriteString(dump("end"))
	b.WriteString("}\n")
	return b.String()
}
