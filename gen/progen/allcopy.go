package progen

// The programs aimed at the copy of the machine that the generated All runs (see the package
// comment, and gen's emit: all, cachedVars, pushSuspend). That copy keeps the fields whose ==
// tells values apart exactly (ints, bools, strings, pointers) in locals; at each yield it
// stores those the body assigns, and after the loop body it goes on with its locals only if the
// pc and those fields are unchanged, else it dispatches again from the fields. So the bodies
// here yield inside loops, with state carried from one iteration to the next in variables of
// those kinds and of kinds it does not keep (float64, interface), and the drivers resume the
// coroutine from the loop body of a range over All, at the yields of those loops.

import (
	"fmt"
	"strings"
)

// allCopyMode restricts g to bodies that call nothing and whose unwind runs none of their code:
// no defer, YieldErr, closure, delegation, range over a function, call of a function with two
// results, look at the coroutine itself (all calls), or map (ranges over maps are pulled).
func (g *gen) allCopyMode() {
	g.allCopy, g.pure = true, true
	g.feat &^= FeatDefer | FeatRecover | FeatClosure | FeatDelegate | FeatYieldFrom | FeatGeneric |
		FeatRangeFunc | FeatMultiCall | FeatReentrant | FeatYieldErr | FeatMap
	if g.bare = g.r.pct(pctBare); g.bare {
		// Nothing that may panic either: gen's bare mode, where the copy stores the pc only
		// when it changes (and, with one yield, once).
		g.feat &^= FeatPanic | FeatSelect
	}
	g.oneYield = g.r.pct(pctOneYield)
}

// stateDecls declares the state at the start of the main body: ints, and most often a variable
// of each other kind the loops change.
func (g *gen) stateDecls() {
	for range g.r.between(1, 3) {
		g.stateDeclOf(kInt)
	}
	for _, k := range []kind{kBool, kStr, kPtr, kFloat, kAny} {
		if g.r.pct(65) {
			g.stateDeclOf(k)
		}
	}
}

// stateDecl declares a variable of the state: an int mostly, else of another kind.
func (g *gen) stateDecl() {
	ks := []kind{kInt, kBool, kStr, kPtr, kFloat, kAny, kStruct, kSlice, kArr}
	g.stateDeclOf(ks[g.r.choice(40, 10, 8, 8, 8, 8, 3, w(!g.bare, 3), w(!g.bare, 2))])
}

// stateDeclOf declares a variable of kind k.
func (g *gen) stateDeclOf(k kind) {
	name := func() string {
		n := g.freshName(k)
		g.declare(n, k, false)
		return n
	}
	switch k {
	case kBool:
		switch g.r.intn(3) {
		case 0:
			e := g.cond(1)
			g.emit(name() + " := " + e)
		case 1:
			g.emit("var " + name() + " bool")
		default:
			g.emit(name() + " := n%2 == 0") // n, the parameter
		}
	case kFloat:
		switch g.r.intn(3) {
		case 0:
			g.emit(name() + " := 0.5")
		case 1:
			g.emit("var " + name() + " float64")
		default:
			e := g.intExpr(1)
			g.emit(fmt.Sprintf("%s := float64(%s %% 8)", name(), e))
		}
	case kAny:
		e := g.anyValue("")
		if e == "" {
			g.emit("var " + name() + " any")
			return
		}
		g.emit(fmt.Sprintf("var %s any = %s", name(), e))
	default:
		g.declOf(k)
	}
}

// anyValue is a value for an interface of the state, not the one named self: an int, a string, a
// bool, a float64 or another interface; "" for the zero value, nil.
func (g *gen) anyValue(self string) string {
	switch g.r.intn(6) {
	case 0:
		return g.intExpr(1)
	case 1:
		if v := g.read(kStr); v != nil {
			return v.name
		}
		return `"s"`
	case 2:
		if v := g.read(kBool); v != nil {
			return v.name
		}
		return "true"
	case 3:
		if v := g.read(kFloat); v != nil {
			return v.name
		}
		return "1.5"
	case 4:
		if v := g.pick(kAny, false); v != nil && v.name != self {
			v.used = true
			return v.name
		}
	}
	return ""
}

// stateUpdate changes a variable of the state (declaring one if there is none to change).
func (g *gen) stateUpdate() {
	ks := []kind{kInt, kBool, kStr, kPtr, kFloat, kAny}
	for range 4 {
		k := ks[g.r.choice(30, 18, 14, 12, 12, 14)]
		v := g.pick(k, true)
		if v == nil {
			continue
		}
		switch k {
		case kInt:
			switch g.r.intn(4) {
			case 0:
				g.emit(v.name + "++")
			case 1:
				g.emit(fmt.Sprintf("%s += %s", v.name, notSame(v.name, g.intExpr(1))))
			case 2:
				v.used = true
				g.emit(fmt.Sprintf("%s = %s*3 + %s", v.name, v.name, g.intExpr(1)))
			default:
				g.emit(fmt.Sprintf("%s = %s", v.name, notSame(v.name, g.digest())))
			}
		case kBool:
			switch g.r.intn(3) {
			case 0:
				v.used = true
				g.emit(fmt.Sprintf("%s = !%s", v.name, v.name))
			case 1:
				v.used = true
				g.emit(fmt.Sprintf("%s = %s != (%s)", v.name, v.name, g.cond(0)))
			default:
				c := g.cond(1)
				if c == v.name {
					c = "!" + c
				}
				g.emit(fmt.Sprintf("%s = %s", v.name, c))
			}
		case kStr:
			switch {
			case !g.bare && g.r.pct(30):
				// (A slice expression may panic.)
				v.used = true
				g.emit(fmt.Sprintf("if len(%s) > 2 {\n%s = %s[1:]\n}", v.name, v.name, v.name))
			case g.r.pct(20):
				g.emit(v.name + ` = "ab"`)
			default:
				g.emit(fmt.Sprintf("%s += %q", v.name, []string{"c", "é", "z"}[g.r.intn(3)]))
			}
		case kPtr:
			switch g.r.intn(4) {
			case 0:
				g.emit(v.name + " = new(int)")
			case 1:
				if t := g.pick(kInt, true); t != nil {
					// Never a loop variable or a guard: *p is written.
					t.used = true
					g.emit(v.name + " = &" + t.name)
					break
				}
				g.emit(v.name + " = new(int)")
			case 2:
				if o := g.otherThan(v); o != nil {
					o.used = true
					g.emit(v.name + " = " + o.name)
					break
				}
				g.emit(v.name + " = new(int)")
			default:
				if g.bare {
					g.emit(v.name + " = new(int)") // a dereference may panic
					break
				}
				v.used = true
				g.emit(fmt.Sprintf("*%s += %s", v.name, g.intExpr(1)))
			}
		case kFloat:
			v.used = true
			switch g.r.intn(3) {
			case 0:
				g.emit(fmt.Sprintf("%s = %s*0.5 + float64(%s %% 8)", v.name, v.name, g.intExpr(1)))
			case 1:
				g.emit(fmt.Sprintf("%s = -%s", v.name, v.name))
			default:
				g.emit(fmt.Sprintf("%s *= 0.75", v.name))
			}
		case kAny:
			e := g.anyValue(v.name)
			if e == "" {
				e = "nil"
			}
			g.emit(v.name + " = " + e)
		}
		return
	}
	if g.canDecl() {
		g.stateDecl()
	} else {
		g.assignStmt()
	}
}

// otherThan is another variable of v's kind in scope, nil if none.
func (g *gen) otherThan(v *variable) *variable {
	var out []*variable
	for _, o := range g.visible(v.k, false) {
		if o.name != v.name {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out[g.r.intn(len(out))]
}

// stateYield is a yield of a digest of the state: a statement, its sent value assigned to or
// added to an int of the state, or (unless the body has one yield only) one of two yields,
// on a condition.
func (g *gen) stateYield() string {
	d := g.noYield(g.digest)
	k := g.r.choice(30, 30, 20, w(!g.oneYield, 20))
	t := g.pick(kInt, true)
	if t == nil && (k == 1 || k == 2) {
		k = 0
	}
	switch k {
	case 1:
		return fmt.Sprintf("%s = co.Yield(%s)", t.name, d)
	case 2:
		return fmt.Sprintf("%s += co.Yield(%s)", t.name, d)
	case 3:
		c := g.noYield(func() string { return g.cond(1) })
		d2 := g.noYield(g.digest)
		other := fmt.Sprintf("co.Yield(%s)", d2)
		if t != nil {
			other = t.name + " = " + other
		}
		return fmt.Sprintf("if %s {\nco.Yield(%s)\n} else {\n%s\n}", c, d, other)
	}
	return fmt.Sprintf("co.Yield(%s)", d)
}

// digest is an int expression of one to three variables of the state, each picked among all
// those in scope (not mostly the inner ones, as pick does).
func (g *gen) digest() string {
	var vars []*variable
	for _, k := range []kind{kInt, kStr, kFloat, kPtr} {
		if k != kPtr || !g.bare { // (a dereference may panic)
			vars = append(vars, g.visible(k, false)...)
		}
	}
	var terms []string
	for range g.r.between(1, 3) {
		var t string
		if len(vars) > 0 && g.r.pct(85) {
			v := vars[g.r.intn(len(vars))]
			v.used = true
			t = fmt.Sprintf(map[kind]string{kInt: "%s", kStr: "len(%s)", kFloat: "int(%s)", kPtr: "*%s"}[v.k], v.name)
		} else {
			t = g.intAtom()
		}
		if g.r.pct(40) {
			t = fmt.Sprintf("%d*%s", g.r.between(2, 9), t)
		}
		terms = append(terms, t)
	}
	return strings.Join(terms, " + ")
}

// stateAtom reads an int out of a variable of the state, "" if none: an int, the length of a
// string, a float64 converted, a pointer dereferenced (where that may panic).
func (g *gen) stateAtom() string {
	switch g.r.intn(4) {
	case 0:
		if v := g.read(kStr); v != nil {
			return "len(" + v.name + ")"
		}
	case 1:
		if v := g.read(kFloat); v != nil {
			return "int(" + v.name + ")"
		}
	case 2:
		if g.bare {
			break
		}
		if v := g.read(kPtr); v != nil {
			return "*" + v.name
		}
	}
	if v := g.read(kInt); v != nil {
		return v.name
	}
	return ""
}

// stateCond is a condition on a variable of the state, "" if none fits: a bool, the length of a
// string, two pointers compared, a float64, an interface against nil (where that may panic: ==
// of interfaces does).
func (g *gen) stateCond() string {
	switch g.r.intn(5) {
	case 0:
		if v := g.read(kBool); v != nil {
			if g.r.pct(40) {
				return "!" + v.name
			}
			return v.name
		}
	case 1:
		if v := g.read(kStr); v != nil {
			return fmt.Sprintf("len(%s) %s %d", v.name, []string{">", "<="}[g.r.intn(2)], g.r.between(1, 6))
		}
	case 2:
		// (The tool takes p != nil for a comparison that may panic, as one of interfaces.)
		if v := g.pick(kPtr, false); v != nil {
			o := g.otherThan(v)
			if o != nil && (g.bare || g.r.pct(70)) {
				v.used, o.used = true, true
				return fmt.Sprintf("%s %s %s", v.name, []string{"==", "!="}[g.r.intn(2)], o.name)
			}
			if !g.bare {
				v.used = true
				return v.name + " != nil"
			}
		}
	case 3:
		if v := g.read(kFloat); v != nil {
			return fmt.Sprintf("%s %s %d.5", v.name, []string{">", "<"}[g.r.intn(2)], g.r.between(-2, 4))
		}
	case 4:
		if g.bare {
			break
		}
		if v := g.read(kAny); v != nil {
			return v.name + " == nil"
		}
	}
	return ""
}

// anySwitch is a type switch on an interface of the state, which adds what it holds to an int of
// the state or yields it.
func (g *gen) anySwitch() {
	v := g.read(kAny)
	t := g.pick(kInt, true)
	use := func(format string) string {
		if t == nil {
			return ""
		}
		return fmt.Sprintf(format, t.name) + "\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "switch tw := %s.(type) {\ncase int:\n", v.name)
	switch {
	case g.fn.yields && !g.bare && g.r.pct(40):
		// (With a yield in it, the tool asserts the types: that may panic.)
		b.WriteString("co.Yield(tw)\n")
	case t != nil:
		fmt.Fprintf(&b, "%s += tw\n", t.name)
	default:
		b.WriteString("_ = tw\n")
	}
	if g.r.pct(70) {
		b.WriteString("case string:\n" + use("%s += len(tw)"))
	}
	if g.r.pct(50) {
		b.WriteString("case bool:\n" + use("if tw {\n%s++\n}"))
	}
	if g.r.pct(50) {
		b.WriteString("case float64:\n" + use("%s -= int(tw)"))
	}
	if g.r.pct(50) {
		b.WriteString("default:\n" + use("%s--"))
	}
	b.WriteString("}")
	g.emit(b.String())
}

// allCopyOps writes the operations of a driver of a program aimed at All's copy. Each coroutine
// gets a range over its All whose loop body resumes it (Next, Send, ...): the range mostly ends
// it (it runs out, or breaks, which closes it), so the rest is short; before it, the coroutine
// may be started. The operations of the coroutines are interleaved.
func (g *gen) allCopyOps(b *strings.Builder, names []string) {
	var plans [][]string
	for _, c := range names {
		var plan []string
		if g.r.pct(40) {
			for range g.r.between(1, 2) {
				plan = append(plan, g.allCopyOp(c, names, g.r.choice(1, 1)))
			}
		}
		plan = append(plan, g.rangeDoing(c, names, 2))
		if g.r.pct(50) {
			for range g.r.between(1, 3) {
				plan = append(plan, g.allCopyOp(c, names, g.r.choice(10, 10, 3, 2, 2, 3, 5, 30, 1)))
			}
		}
		plans = append(plans, plan)
	}
	for len(plans) > 0 {
		k := g.r.intn(len(plans))
		b.WriteString(plans[k][0] + "\n")
		if plans[k] = plans[k][1:]; len(plans[k]) == 0 {
			plans = append(plans[:k], plans[k+1:]...)
		}
	}
}

// allCopyOp is an operation of the driver on c: Next, Send, Throw, Close, Status, End, a range,
// a range whose loop body moves c, or a Throw of ErrClosed.
func (g *gen) allCopyOp(c string, names []string, op int) string {
	switch op {
	case 0:
		return c + ".Next()"
	case 1:
		return fmt.Sprintf("%s.Send(%d)", c, g.r.between(-3, 9))
	case 2:
		return fmt.Sprintf("%s.Throw(%s)", c, g.thrown())
	case 3:
		return c + ".Close()"
	case 4:
		return c + ".Status()"
	case 5:
		return c + ".End()"
	case 6:
		return fmt.Sprintf("%s.Range(%d)", c, g.r.between(-1, 4))
	case 7:
		return g.rangeDoing(c, names, 2)
	}
	return c + ".Throw(coro.ErrClosed)"
}

// rangeDoing is a range over c's All whose loop body, after the at-th value (or after every
// each-th), resumes c (or the other coroutine, now and then) or ranges over it again, up to
// depth ranges deep.
func (g *gen) rangeDoing(c string, names []string, depth int) string {
	limit := -1
	if g.r.pct(40) {
		limit = g.r.between(1, 8)
	}
	method, at := "RangeDoing", g.r.between(1, 4)
	if limit > 0 {
		at = g.r.between(1, limit)
	}
	if g.r.pct(50) {
		method, at = "RangeEach", g.r.between(1, 3)
	}
	d := c
	if len(names) > 1 && g.r.pct(10) {
		d = names[g.r.intn(len(names))]
	}
	var op string
	switch g.r.choice(30, 25, 10, 6, 6, 6, 10, w(depth > 1, 7), 8) {
	case 0:
		op = d + ".Next()"
	case 1:
		op = fmt.Sprintf("%s.Send(%d)", d, g.r.between(-3, 9))
	case 2:
		// Twice: the second resume starts where the first left it.
		op = fmt.Sprintf("%s.Next(); %s.Send(%d)", d, d, g.r.between(-3, 9))
	case 3:
		op = d + ".Status()"
	case 4:
		op = d + ".Close()"
	case 5:
		op = fmt.Sprintf("%s.Throw(%s)", d, g.thrown())
	case 6:
		op = fmt.Sprintf("%s.Range(%d)", d, g.r.between(-1, 2))
	case 7:
		op = g.rangeDoing(d, names, depth-1)
	case 8:
		op = fmt.Sprintf("%s.Next(); %s.Next()", d, d)
	}
	return fmt.Sprintf("%s.%s(%d, %d, func() { %s })", c, method, limit, at, op)
}

// thrown is a new error to throw.
func (g *gen) thrown() string {
	g.f.errors = true
	g.errN++
	return fmt.Sprintf("errors.New(\"t%d\")", g.errN)
}
