package gen

// Stage 5, hoist: takes the flat code and decides where every variable of the flat level lives,
// what it is called, and how much of the protocol the resume method must keep. It runs after
// flatten because liveness needs the jumps that flatten makes.
//
//   - A variable that lives across a yield (read after a resume before it is written again) or
//     at the entry (a parameter) is a field of the machine. So is one that escapes: captured by a
//     func literal or with its address taken, since the literal or pointer can outlive one resume.
//     An escaping variable other than a named result is boxed (the field holds a pointer; each
//     declaration, or the constructor for a parameter, allocates the variable): so every
//     iteration of a loop has its own, as in Go 1.22, and a pointer to it stays good when the
//     machine, a field of its caller's, is made again for the next call.
//   - Every other variable is a local of the resume method: it costs nothing to keep.
//   - Names: a variable keeps its own name unless two variables of the flat level share it (they
//     were in different scopes) or it would hide something the body uses; then it gets a number.
//     Names the tool introduces (labels, the sent value, the receiver) avoid every identifier of
//     the package.
//   - The mode: a body that calls nothing cannot see itself running; one that also cannot panic
//     needs no bookkeeping at all. See resumeMode.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"strconv"
)

// resumeMode is how much of the protocol the resume method keeps (DESIGN.md section 5, "The cost
// of the protocol").
type resumeMode int

const (
	// bareMode: the body calls nothing and cannot panic; the pc is written only when it changes.
	bareMode resumeMode = iota
	// doneOnEntryMode: the body calls nothing but may panic; it marks itself done when it
	// starts running and stores the pc at each yield, so a panic leaves it done.
	doneOnEntryMode
	// runningMode: the body calls out, so it can observe itself (Status, a re-entrant Send);
	// it marks itself running, and a deferred check marks it done if a panic goes through.
	runningMode
)

// The program counter's fixed values; the suspension points are numbered from firstYieldPC.
const (
	pcCreated = iota
	pcDone
	pcRunning
	// pcUnwound is done too, but by an error it did not catch (a Throw at a plain Yield, a
	// failed delegation, an ignored Close): a delegated call tells it from a return.
	pcUnwound
	firstYieldPC
)

// names are the identifiers the tool introduces into one generated type.
type names struct {
	recv, sent, thrown, y, ok, pc  string // the resume method's receiver, parameters, results, saved pc
	pcField, resultField, errField string
	defersField                    string
	// fresh gives a name that collides with nothing in the package, for temporaries.
	fresh  func(base string) string
	pcType string // uint8, uint16 or uint32
}

// hoist places the variables of m, names them and its labels, and picks its mode.
func hoist(m *machine, errs *ErrorList) *names {
	for i, y := range m.yields {
		y.pc = firstYieldPC + i
	}
	m.placeVars()
	nm := m.nameAll()
	// A delegated call of a function of this package runs generated code, which calls out only
	// if the callee's body does, or one of the functions it delegates to in turn.
	calls, panics := bodyEffects(m.info, m.fn.Decl.Body, func(c *ast.CallExpr) bool { return m.internalCalls[c] })
	for _, callee := range m.pkg.delegations[m.fn] {
		calls = calls || m.pkg.callsOut(callee)
	}
	m.mayRecover = mayRecover(m.info, m.deferStmts)
	m.namedResults = len(m.fn.NamedResults) > 0
	for _, r := range m.fn.NamedResults {
		if r.Name() == "_" {
			m.namedResults = false
			if len(m.deferStmts) > 0 {
				errs.errorf(m.pkg.Fset, r.Pos(), "a blank result in a coroutine body with defer is not supported: name it, since a deferred call may set the results")
			}
		}
	}
	// Throw or Close at a plain Yield unwinds the body: it runs the pending deferred calls and
	// stops the iterators of the ranges over functions it is in. With none of those, and no
	// YieldErr to hand the error to (delegation is a YieldErr loop and may throw), unwinding
	// only marks the machine done: Throw and Close do that themselves, without resuming it. So
	// resume has no thrown parameter and no unwind tail, which keeps it small enough to inline,
	// and a range over All has nothing to run when its loop body panics.
	m.quietUnwind = !m.hasDefers() && len(m.throws) == 0
	for _, y := range m.yields {
		if y.kind != plainYield {
			m.quietUnwind = false
		}
	}
	switch {
	case calls || m.hasDefers():
		m.mode = runningMode
	case panics:
		m.mode = doneOnEntryMode
	default:
		m.mode = bareMode
	}
	// A body that calls nothing cannot resume itself while it runs: only the loop body of a
	// range over All can, between two values. So All can run its own copy of the machine (see
	// emit's all).
	if m.quietUnwind && m.mode != runningMode {
		for i, in := range m.code {
			if _, ok := in.(*suspendInstr); ok && m.reachable[i] {
				m.pushAll = true
			}
		}
	}
	for _, mv := range m.varList {
		if mv.storage != inLocal && hasLocalType(mv.obj.Type(), m.fn) {
			errs.errorf(m.pkg.Fset, mv.obj.Pos(), "%s lives across a yield, so it is a field of the generated type, but its type %s is declared inside the function: declare the type at package level", mv.obj.Name(), types.TypeString(mv.obj.Type(), types.RelativeTo(m.pkg.Types)))
		}
	}
	return nm
}

// assignedVars are the machine variables the body writes: declared in it, or the left side of an
// assignment, an increment, a range clause or a yield's sent value. A parameter the body never
// writes keeps the value the constructor gave it. (A return writes the named results too, but
// then the body ends: no yield comes after it.)
func (m *machine) assignedVars() map[*machineVar]bool {
	assigned := map[*machineVar]bool{}
	write := func(x ast.Expr) {
		if id, ok := ast.Unparen(x).(*ast.Ident); ok {
			if mv := m.vars[m.objOf(id)]; mv != nil {
				assigned[mv] = true
			}
		}
	}
	for _, in := range m.code {
		switch in := in.(type) {
		case *declInstr:
			for _, n := range in.names {
				write(n)
			}
		case *resumeInstr:
			for _, l := range in.y.lhs {
				write(l)
			}
		case *stmtInstr:
			ast.Inspect(in.stmt, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for _, l := range n.Lhs {
						write(l)
					}
				case *ast.IncDecStmt:
					write(n.X)
				case *ast.RangeStmt:
					write(n.Key)
					write(n.Value)
				}
				return true
			})
		}
	}
	return assigned
}

// markEscapes finds the variables of the flat level that are captured by a func literal or whose
// address is taken (explicitly, by slicing an array, or by calling a pointer method on it).
func (m *machine) markEscapes() {
	defer m.boxForGoto()
	var stack []ast.Node
	ast.Inspect(m.fn.Decl.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		mv := m.vars[m.objOf(id)]
		if mv == nil {
			return true
		}
		for _, s := range stack {
			if _, ok := s.(*ast.FuncLit); ok {
				mv.escapes = true
				return true
			}
		}
		if m.addressed(stack) {
			mv.escapes = true
		}
		return true
	})
}

// addressed reports whether the identifier at the top of stack has its address taken: it is the
// base of an operand of &, of a slice of an array, or of a call of a pointer method.
func (m *machine) addressed(stack []ast.Node) bool {
	i := len(stack) - 1
	child := stack[i]
	for i--; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
		case *ast.SelectorExpr:
			if p.X != child {
				return false
			}
			sel := m.info.Selections[p]
			if sel == nil {
				return false
			}
			if sel.Kind() == types.FieldVal {
				if sel.Indirect() {
					return false
				}
				break // a field of the variable: go on up
			}
			// A method: addressed when it takes a pointer and the operand is not one.
			sig, ok := sel.Obj().Type().(*types.Signature)
			if !ok || sig.Recv() == nil {
				return false
			}
			_, recvPtr := sig.Recv().Type().Underlying().(*types.Pointer)
			_, operandPtr := m.info.TypeOf(p.X).Underlying().(*types.Pointer)
			return recvPtr && !operandPtr
		case *ast.IndexExpr:
			if p.X != child {
				return false
			}
			if _, ok := m.info.TypeOf(p.X).Underlying().(*types.Array); !ok {
				return false
			}
		case *ast.SliceExpr:
			if p.X != child {
				return false
			}
			_, ok := m.info.TypeOf(p.X).Underlying().(*types.Array)
			return ok
		case *ast.UnaryExpr:
			return p.Op == token.AND
		default:
			return false
		}
		child = stack[i]
	}
	return false
}

// objOf is the object an identifier defines or uses.
func (m *machine) objOf(id *ast.Ident) *types.Var {
	if o, ok := m.info.Defs[id].(*types.Var); ok {
		return o
	}
	o, _ := m.info.Uses[id].(*types.Var)
	return o
}

// varSet is a set of machine variables, by their index in varList.
type varSet []uint64

func newVarSet(n int) varSet { return make(varSet, (n+63)/64) }
func (s varSet) add(i int)   { s[i/64] |= 1 << (i % 64) }
func (s varSet) has(i int) bool {
	return s[i/64]&(1<<(i%64)) != 0
}

// union adds t to s and reports whether s grew.
func (s varSet) union(t varSet) bool {
	grew := false
	for i := range s {
		if n := s[i] | t[i]; n != s[i] {
			s[i], grew = n, true
		}
	}
	return grew
}

// flowNode is an instruction seen by the liveness analysis.
type flowNode struct {
	use, def varSet
	succ     []int
}

// placeVars runs the liveness analysis over the flat code and gives every machine variable its
// storage.
func (m *machine) placeVars() {
	index := map[*types.Var]int{}
	for i, mv := range m.varList {
		index[mv.obj] = i
	}
	nv := len(m.varList)
	n := len(m.code)
	// Node n is the end of the code (falling off it returns), then the exit and the unwind.
	endNode, exitNode, unwindNode := n, n+1, n+2
	labelAt := map[*label]int{m.exit: exitNode, m.unwind: unwindNode}
	for i, in := range m.code {
		switch in := in.(type) {
		case *labelInstr:
			labelAt[in.l] = i
		case *stmtInstr:
			if in.label != nil {
				labelAt[in.label] = i
			}
		}
	}
	nodes := make([]flowNode, n+3)
	for i := range nodes {
		nodes[i].use, nodes[i].def = newVarSet(nv), newVarSet(nv)
	}
	uses := func(s varSet, nodes ...ast.Node) {
		for _, node := range nodes {
			if node == nil {
				continue
			}
			ast.Inspect(node, func(x ast.Node) bool {
				if id, ok := x.(*ast.Ident); ok {
					if i, ok := index[m.objOf(id)]; ok {
						s.add(i)
					}
				}
				return true
			})
		}
	}
	// assigns records an assignment to lhs: plain variables are defined, the operands of
	// anything else (a[i], p.f, *p) are used.
	assigns := func(nd *flowNode, lhs []ast.Expr, define bool) {
		for _, e := range lhs {
			if id, ok := ast.Unparen(e).(*ast.Ident); ok {
				if i, ok := index[m.objOf(id)]; ok {
					if define {
						nd.def.add(i)
					} else {
						nd.use.add(i)
					}
				}
				continue
			}
			uses(nd.use, e)
		}
	}
	resumeNodes := map[*yieldPoint]int{}
	for i, in := range m.code {
		nd := &nodes[i]
		next := []int{i + 1}
		switch in := in.(type) {
		case *stmtInstr:
			if as, ok := in.stmt.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN {
				for _, e := range as.Rhs {
					uses(nd.use, e)
				}
				assigns(nd, as.Lhs, true)
			} else {
				uses(nd.use, in.stmt)
			}
			if (terminating{m.info, m.branchTo}).endsInJump(in.stmt) {
				next = nil // a break or continue left at the flat level is a goto too
			}
			for _, l := range in.jumps {
				next = append(next, labelAt[l])
			}
			if in.returns {
				next = append(next, exitNode)
			}
			if in.throws {
				next = append(next, unwindNode)
			}
			if es, ok := in.stmt.(*ast.ExprStmt); ok && m.throws[es] {
				next = []int{unwindNode}
			}
		case *declInstr:
			for _, e := range in.values {
				uses(nd.use, e)
			}
			for _, id := range in.names {
				assigns(nd, []ast.Expr{id}, true)
			}
		case *jumpInstr:
			next = []int{labelAt[in.to]}
		case *condJumpInstr:
			uses(nd.use, in.cond)
			next = append(next, labelAt[in.to])
		case *suspendInstr:
			uses(nd.use, in.y.value)
		case *resumeInstr:
			resumeNodes[in.y] = i
			assigns(nd, in.y.lhs, in.y.tok == token.ASSIGN || in.y.tok == token.DEFINE)
			if in.y.kind == plainYield || (in.y.kind == errYield && !in.y.raw) {
				next = append(next, unwindNode)
			}
		case *returnInstr:
			for _, e := range in.ret.Results {
				uses(nd.use, e)
			}
			next = []int{exitNode}
		case *renewInstr:
			for _, v := range in.vars {
				nd.use.add(index[v])
			}
		}
		nd.succ = next
	}
	nodes[endNode].succ = []int{exitNode}
	for _, r := range m.fn.NamedResults {
		if i, ok := index[r]; ok {
			nodes[exitNode].use.add(i)
		}
	}
	m.reach(nodes, resumeNodes)
	// Backward dataflow to a fixed point: in = use ∪ (out − def), out = ∪ in(succ).
	in := make([]varSet, len(nodes))
	for i := range in {
		in[i] = newVarSet(nv)
	}
	for changed := true; changed; {
		changed = false
		for i := len(nodes) - 1; i >= 0; i-- {
			out := newVarSet(nv)
			for _, s := range nodes[i].succ {
				out.union(in[s])
			}
			for w := range out {
				out[w] = (out[w] &^ nodes[i].def[w]) | nodes[i].use[w]
			}
			if in[i].union(out) {
				changed = true
			}
		}
	}
	live := newVarSet(nv)
	if len(nodes) > 0 {
		live.union(in[0])
	}
	for y, i := range resumeNodes {
		live.union(in[i])
		y.live = nil
		for j, mv := range m.varList {
			if in[i].has(j) {
				y.live = append(y.live, mv)
			}
		}
	}
	for i, mv := range m.varList {
		switch {
		case mv.escapes && (mv.inLoop || !m.isNamedResult(mv.obj)):
			// Boxed outside loops too: the machine may be a field of another, made over at its
			// next call, and a pointer into it would then see the next call's variable.
			mv.storage = inBox
		case mv.escapes || mv.param || live.has(i) || m.isNamedResult(mv.obj):
			// (A named result is read by the exit and the panic path, which a body that never
			// returns does not reach: kept as a field, it is never "declared and not used".)
			mv.storage = inField
		default:
			mv.storage = inLocal
		}
	}
}

// reach finds the instructions that can run, and counts the jumps to every label from them:
// emit writes no unreachable code and no label without a jump, since vet and the compiler
// reject both.
func (m *machine) reach(nodes []flowNode, resumeNodes map[*yieldPoint]int) {
	m.reachable = make([]bool, len(nodes))
	var work []int
	visit := func(i int) {
		if !m.reachable[i] {
			m.reachable[i] = true
			work = append(work, i)
		}
	}
	visit(0)
	for _, y := range m.yields {
		visit(resumeNodes[y] - 1) // the dispatch switch jumps to the label before the resume
	}
	for len(work) > 0 {
		i := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range nodes[i].succ {
			visit(s)
		}
	}
	for _, in := range m.code {
		if l, ok := in.(*labelInstr); ok {
			l.l.uses = 0
		}
	}
	for _, y := range m.yields {
		y.resume.uses = 1
	}
	for i, in := range m.code {
		switch in := in.(type) {
		case *jumpInstr:
			if m.reachable[i] {
				in.to.uses++
			}
		case *condJumpInstr:
			if m.reachable[i] {
				in.to.uses++
			}
		case *stmtInstr:
			if m.reachable[i] { // an unreachable statement is left out
				for _, l := range in.jumps {
					l.uses++
				}
			}
		}
	}
	// exit and unwind are counted as emit writes the jumps to them.
	m.exit.uses, m.unwind.uses = 0, 0
}

// nameAll names the machine variables, the labels and the identifiers the tool introduces.
func (m *machine) nameAll() *names {
	// Identifiers of the whole package and the universe: introduced names avoid all of them.
	// A copy: the names of one function's labels and locals may be used again in the next.
	taken := maps.Clone(m.pkg.takenNames())
	methods := []string{"Next", "Send", "Throw", "Close", "Result", "Err", "Status", "All", "Unwound", "resume", renewMethod, stepInnerMethod, innerStackField, innerTopField}
	// A machine variable keeps its name unless it would hide an object the body uses.
	// pc is kept for the machine's program counter.
	avoid := map[string]bool{"coro": true, "pc": true}
	for _, n := range types.Universe.Names() {
		avoid[n] = true
	}
	for _, imp := range m.pkg.Types.Imports() {
		avoid[imp.Name()] = true
	}
	for _, n := range methods {
		avoid[n] = true
	}
	ast.Inspect(m.fn.Decl.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			obj := m.info.Uses[id]
			if obj == nil {
				obj = m.info.Defs[id]
			}
			if v, ok := obj.(*types.Var); !ok || m.vars[v] == nil {
				if obj != m.fn.Co || obj == nil {
					avoid[id.Name] = true
				}
			}
		}
		return true
	})
	fresh := func(base string, avoid ...map[string]bool) string {
		for i := 0; ; i++ {
			name := base
			if i > 0 {
				name = base + strconv.Itoa(i)
			}
			free := true
			for _, a := range avoid {
				if a[name] {
					free = false
				}
			}
			if free {
				for _, a := range avoid {
					a[name] = true
				}
				return name
			}
		}
	}
	chosen := map[string]bool{}
	for _, mv := range m.varList {
		mv.name = fresh(mv.obj.Name(), avoid, chosen)
		taken[mv.name] = true
	}
	// Constants and types of the flat level move to the top of the resume method: one that
	// shares its name with another object of the body is renamed, so that it hides nothing.
	byName := map[string]map[types.Object]bool{}
	ast.Inspect(m.fn.Decl.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			obj := m.info.Uses[id]
			if obj == nil {
				obj = m.info.Defs[id]
			}
			if obj != nil {
				if byName[id.Name] == nil {
					byName[id.Name] = map[types.Object]bool{}
				}
				byName[id.Name][obj] = true
			}
		}
		return true
	})
	m.localNames = map[types.Object]string{}
	for _, in := range m.code {
		d, ok := in.(*localDeclInstr)
		if !ok {
			continue
		}
		for _, spec := range d.decl.Decl.(*ast.GenDecl).Specs {
			var ids []*ast.Ident
			switch s := spec.(type) {
			case *ast.ValueSpec:
				ids = s.Names
			case *ast.TypeSpec:
				ids = []*ast.Ident{s.Name}
			}
			for _, id := range ids {
				obj := m.info.Defs[id]
				if obj == nil || id.Name == "_" {
					continue
				}
				if len(byName[id.Name]) > 1 || chosen[id.Name] || m.pkg.Types.Scope().Lookup(id.Name) != nil {
					m.localNames[obj] = fresh(id.Name, taken, chosen)
				} else {
					chosen[id.Name] = true
				}
			}
		}
	}
	nm := &names{}
	// The receiver takes the co parameter's name: the body cannot mean anything else by it
	// (unless it is a name the methods use for their own parameters).
	methodLocals := map[string]bool{"v": true, "err": true, "yield": true, "ok": true, "p": true}
	if m.fn.Co != nil && !avoid[m.fn.Co.Name()] && !chosen[m.fn.Co.Name()] && !methodLocals[m.fn.Co.Name()] {
		nm.recv = m.fn.Co.Name()
	} else {
		nm.recv = fresh("co", taken)
	}
	taken[nm.recv] = true
	nm.sent = fresh("sent", taken)
	nm.thrown = fresh("thrown", taken)
	nm.y = fresh("y", taken)
	nm.ok = fresh("ok", taken)
	nm.pc = fresh("pc", taken)
	fields := map[string]bool{}
	for n := range chosen {
		fields[n] = true
	}
	for _, n := range methods {
		fields[n] = true
	}
	nm.pcField = fresh("pc", fields)
	// A user's err or result keeps its name; the machine's own then reads as the machine's.
	field := func(base, second string) string {
		if fields[base] {
			return fresh(second, fields)
		}
		return fresh(base, fields)
	}
	nm.resultField = field("result", "coroResult")
	nm.errField = field("err", "coroErr")
	nm.defersField = fresh("defers", fields)
	nm.fresh = func(base string) string { return fresh(base, taken) }
	count := map[string]int{}
	nameLabel := func(l *label) {
		if l.name == "" {
			count[l.hint]++
			l.name = fresh(l.hint+strconv.Itoa(count[l.hint]), taken)
		}
	}
	m.exit.name = fresh("exit", taken)
	m.unwind.name = fresh("unwind", taken)
	for _, in := range m.code {
		if l, ok := in.(*labelInstr); ok {
			nameLabel(l.l)
		}
	}
	nm.pcType = pcTypeFor(firstYieldPC + len(m.yields))
	return nm
}

// pcTypeFor is the smallest unsigned type that holds the program counters below maxPC.
func pcTypeFor(maxPC int) string {
	switch {
	case maxPC <= 1<<8:
		return "uint8"
	case maxPC <= 1<<16:
		return "uint16"
	}
	return "uint32"
}

// hasLocalType reports whether t mentions a type declared inside fn.
func hasLocalType(t types.Type, fn *Func) bool {
	found := false
	var visit func(t types.Type)
	seen := map[types.Type]bool{}
	visit = func(t types.Type) {
		if found || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			obj := t.Obj()
			if obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope() && obj.Pos() >= fn.Decl.Pos() && obj.Pos() < fn.Decl.End() {
				found = true
			}
			for i := range t.TypeArgs().Len() {
				visit(t.TypeArgs().At(i))
			}
		case *types.Alias:
			visit(types.Unalias(t))
		case *types.Pointer:
			visit(t.Elem())
		case *types.Slice:
			visit(t.Elem())
		case *types.Array:
			visit(t.Elem())
		case *types.Map:
			visit(t.Key())
			visit(t.Elem())
		case *types.Chan:
			visit(t.Elem())
		case *types.Struct:
			for i := range t.NumFields() {
				visit(t.Field(i).Type())
			}
		case *types.Signature:
			for i := range t.Params().Len() {
				visit(t.Params().At(i).Type())
			}
			for i := range t.Results().Len() {
				visit(t.Results().At(i).Type())
			}
		}
	}
	visit(t)
	return found
}

// bodyEffects tells whether a body calls anything (a function, method, closure or interface;
// builtins, conversions and markers aside) and whether it may panic. Both err on the side of yes.
// The calls that internal reports (nil: none) may panic but call nothing the body could observe.
func bodyEffects(info *types.Info, body *ast.BlockStmt, internal func(*ast.CallExpr) bool) (calls, panics bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if internal != nil && internal(n) {
				panics = true
				return true
			}
			fun := ast.Unparen(n.Fun)
			if tv, ok := info.Types[fun]; ok && tv.IsType() {
				// A conversion: a slice to an array (pointer) may panic.
				if _, ok := info.TypeOf(n.Args[0]).Underlying().(*types.Slice); ok {
					panics = true
				}
				return true
			}
			if id, ok := fun.(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok {
					if b.Name() == "delete" && len(n.Args) == 2 && mayPanicCompare(info.TypeOf(n.Args[1])) {
						panics = true
					}
					switch b.Name() {
					case "len", "cap", "append", "copy", "delete", "min", "max", "new",
						"complex", "real", "imag", "clear", "print", "println", "recover":
					default: // panic, close, make (a negative size)
						panics = true
					}
					return true
				}
			}
			if sel, ok := fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && (sel.Sel.Name == "Yield" || sel.Sel.Name == "YieldErr") {
					if v, ok := info.Uses[id].(*types.Var); ok && isCoType(v.Type()) {
						return true
					}
				}
			}
			calls, panics = true, true
		case *ast.IndexExpr:
			if tv, ok := info.Types[n.X]; ok && !tv.IsType() {
				switch u := tv.Type.Underlying().(type) {
				case *types.Map:
					if mayPanicCompare(u.Key()) {
						panics = true // hashing an uncomparable key held in an interface
					}
				case *types.Signature:
				default:
					panics = true
				}
			} else if !ok {
				panics = true
			}
		case *ast.CompositeLit:
			if m, ok := info.TypeOf(n).Underlying().(*types.Map); ok && mayPanicCompare(m.Key()) {
				panics = true
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && mayPanicCompare(info.TypeOf(n.Tag)) {
				panics = true
			}
		case *ast.IndexListExpr:
		case *ast.SliceExpr, *ast.TypeAssertExpr:
			if ta, ok := n.(*ast.TypeAssertExpr); ok && ta.Type == nil {
				return true // x.(type) in a type switch
			}
			panics = true
		case *ast.StarExpr:
			if tv, ok := info.Types[n]; !ok || !tv.IsType() {
				panics = true
			}
		case *ast.SelectorExpr:
			sel := info.Selections[n]
			if sel == nil || !sel.Indirect() {
				return true
			}
			if sel.Kind() == types.FieldVal {
				panics = true // through a nil pointer
				return true
			}
			// A method through a pointer: a value receiver copies the pointee.
			if sig, ok := sel.Obj().Type().(*types.Signature); ok && sig.Recv() != nil && !isPointer(sig.Recv().Type()) {
				panics = true
			}
		case *ast.BinaryExpr:
			switch n.Op {
			case token.QUO, token.REM:
				if isIntegerType(info.TypeOf(n)) && !nonZeroConst(info, n.Y) {
					panics = true
				}
			case token.SHL, token.SHR:
				if t, ok := info.TypeOf(n.Y).Underlying().(*types.Basic); ok && t.Info()&types.IsUnsigned == 0 && info.Types[n.Y].Value == nil {
					panics = true
				}
			case token.EQL, token.NEQ:
				// A comparison with nil never panics; one of interfaces may.
				if isNilIdent(info, n.X) || isNilIdent(info, n.Y) {
					break
				}
				if mayPanicCompare(info.TypeOf(n.X)) || mayPanicCompare(info.TypeOf(n.Y)) {
					panics = true
				}
			}
		case *ast.IncDecStmt:
			if isMapIndex(info, n.X) {
				panics = true // a write to a nil map
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if isMapIndex(info, l) {
					panics = true // a write to a nil map
				}
			}
			if n.Tok == token.QUO_ASSIGN || n.Tok == token.REM_ASSIGN {
				if isIntegerType(info.TypeOf(n.Lhs[0])) && !nonZeroConst(info, n.Rhs[0]) {
					panics = true
				}
			}
			if n.Tok == token.SHL_ASSIGN || n.Tok == token.SHR_ASSIGN {
				panics = true
			}
		case *ast.SendStmt:
			panics = true // on a closed channel
		case *ast.RangeStmt:
			if _, ok := info.TypeOf(n.X).Underlying().(*types.Signature); ok {
				calls, panics = true, true
			}
			if _, ok := info.TypeOf(n.X).Underlying().(*types.Pointer); ok {
				panics = true
			}
		}
		return true
	})
	return calls, panics
}

// mayRecover reports whether a deferred call of the body may stop a panic: a func literal that
// calls recover itself, or a call of anything but a func literal or a builtin (which could be
// a function that calls recover).
func mayRecover(info *types.Info, defers map[*ast.DeferStmt]bool) bool {
	for d := range defers {
		switch fun := ast.Unparen(d.Call.Fun).(type) {
		case *ast.FuncLit:
			found := false
			ast.Inspect(fun.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.CallExpr:
					if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
						if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
							found = true
						}
					}
				}
				return !found
			})
			if found {
				return true
			}
		case *ast.Ident:
			if _, ok := info.Uses[fun].(*types.Builtin); !ok {
				return true
			}
		default:
			return true
		}
	}
	return false
}

func isCoType(t types.Type) bool {
	_, _, ok := coTypes(t)
	return ok
}

func isIntegerType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func nonZeroConst(info *types.Info, e ast.Expr) bool {
	v := info.Types[e].Value
	return v != nil && v.Kind() == constant.Int && constant.Sign(v) != 0
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// takenNames is every identifier of the package, the universe's and the imported packages'
// names: the names the tool introduces avoid all of them. Names given out are added.
func (p *Package) takenNames() map[string]bool {
	if p.taken != nil {
		return p.taken
	}
	taken := map[string]bool{}
	for _, f := range p.syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				taken[id.Name] = true
			}
			return true
		})
	}
	for _, n := range types.Universe.Names() {
		taken[n] = true
	}
	for _, imp := range p.Types.Imports() {
		taken[imp.Name()] = true
	}
	taken["coro"] = true
	taken["utf8"] = true
	p.taken = taken
	return taken
}

// freshName is base, or base with a number, whichever collides with nothing in the package.
func (p *Package) freshName(base string) string {
	taken := p.takenNames()
	for i := 1; ; i++ {
		name := base + strconv.Itoa(i)
		if !taken[name] {
			taken[name] = true
			return name
		}
	}
}

// isMapIndex reports whether e is m[k] on a map.
func isMapIndex(info *types.Info, e ast.Expr) bool {
	ix, ok := ast.Unparen(e).(*ast.IndexExpr)
	if !ok {
		return false
	}
	t := info.TypeOf(ix.X)
	if t == nil {
		return true
	}
	_, isMap := t.Underlying().(*types.Map)
	return isMap
}

// mayPanicCompare reports whether comparing values of type t may panic: t is or holds an
// interface (whose dynamic type may not be comparable), or is not comparable at all.
func mayPanicCompare(t types.Type) bool {
	if t == nil {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return true
	case *types.Array:
		return mayPanicCompare(u.Elem())
	case *types.Struct:
		for i := range u.NumFields() {
			if mayPanicCompare(u.Field(i).Type()) {
				return true
			}
		}
		return false
	}
	return !types.Comparable(t)
}

func (m *machine) isNamedResult(v *types.Var) bool {
	for _, r := range m.fn.NamedResults {
		if r == v {
			return true
		}
	}
	return false
}

// boxForGoto: a goto of the user can run a declaration again, which in Go makes a new variable
// each time; so in a body with one, every escaping variable is boxed, as in a loop.
func (m *machine) boxForGoto() {
	hasGoto := false
	ast.Inspect(m.fn.Decl.Body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO && b.Pos().IsValid() {
			hasGoto = true
		}
		_, lit := n.(*ast.FuncLit)
		return !hasGoto && !lit
	})
	if !hasGoto {
		return
	}
	for _, mv := range m.varList {
		if mv.escapes && !mv.param && !m.isNamedResult(mv.obj) { // declared once, at the top
			mv.inLoop = true
		}
	}
}

// reusable reports whether a machine of m's type that has ended may be made over for another
// call (see emitter.renew): no pointer into it can have gone out. A variable kept in a field
// whose address is taken, or that a func literal captures, may be referred to after the call;
// so may one of a sub-machine held by value, whose fields are inside this one (and which
// emit does not see; it may be another package's).
func (m *machine) reusable() bool {
	for _, mv := range m.varList {
		if mv.escapes && mv.storage == inField {
			return false
		}
	}
	for _, v := range m.subs {
		if !isPointer(v.Type()) {
			return false
		}
	}
	return true
}
