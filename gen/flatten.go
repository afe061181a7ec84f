package gen

// Stage 4, flatten: takes a normalized body and gives the machine's code as one flat list of
// instructions, joined by labels and gotos, for hoist to place the variables of and emit to write.
//
// A statement without a yield is kept as written (a stmtInstr), with two edits that emit applies:
// a break or continue inside it that leaves it for a flattened loop becomes a goto to that loop's
// label, and a return inside it stores the results and jumps to the exit. A declaration at the
// flat level becomes an assignment (declInstr), because the variables it declares are declared
// once, at the top of the resume method (or are fields of the machine): Go forbids a goto over a
// variable declaration, and the flat level is full of gotos.
//
// A statement with a yield is taken apart:
//
//	if init; cond { A } else { B }     init; if !(cond) { goto else }; A; goto end; else: B; end:
//	for init; cond; post { A }         init; head: if !(cond) { goto end }; A; cont: post; goto head; end:
//	x := co.Yield(v)                   co.pc = k; return v, true; resumeK: x = sent
//
// A yield is a suspendInstr (store the pc, return the value) followed by the label the dispatch
// switch jumps to on the next resume and a resumeInstr (take the sent value, or unwind on a
// thrown error at a plain Yield).

import (
	"go/ast"
	"go/token"
	"go/types"
)

// label is a jump target at the flat level of the resume method.
type label struct {
	name string // set by hoist
	hint string // what the name is built from: "yield", "else", "loop", ...
	uses int    // reachable jumps to it; a label without one is not written
}

// instr is an instruction of the flat code.
type instr interface{ isInstr() }

// stmtInstr is a statement without a yield, kept as written.
type stmtInstr struct {
	stmt ast.Stmt
	// jumps are the labels that breaks and continues inside it go to; returns tells whether a
	// return inside it leaves the body.
	jumps []*label
	// label: the statement is a labeled loop (or switch, select) kept whole, whose label a goto
	// may name.
	label   *label
	returns bool
	throws  bool // a throw inside it unwinds the body (see normalized.throws)
}

// declInstr is a declaration at the flat level, written as an assignment: `x := e`,
// `var x T = e`, `var x T` (which assigns the zero value: a declaration in a loop runs again on
// every iteration).
type declInstr struct {
	pos    token.Pos
	names  []*ast.Ident // the variables assigned, new or (in a :=) old; _ stays _
	values []ast.Expr   // nil: zero values
}

// localDeclInstr is a constant or type declared at the flat level; emit moves it to the top of
// the resume method, so that it is in scope wherever flat code is.
type localDeclInstr struct{ decl *ast.DeclStmt }

type labelInstr struct{ l *label }

type jumpInstr struct{ to *label }

// condJumpInstr is `if !(cond) { goto to }`.
type condJumpInstr struct {
	cond ast.Expr
	to   *label
}

// suspendInstr stores the program counter of its yield and returns the yielded value.
type suspendInstr struct {
	y *yieldPoint
}

// resumeInstr takes what the resumer sent at a yield: the sent value into the left side, or, at
// a plain Yield, the unwinding of a thrown error.
type resumeInstr struct {
	y *yieldPoint
}

// returnInstr is a return at the flat level.
type returnInstr struct{ ret *ast.ReturnStmt }

// renewInstr gives each boxed per-iteration loop variable a fresh box holding its current value,
// as Go 1.22 does between the iterations of a three-clause for loop.
type renewInstr struct{ vars []*types.Var }

func (*stmtInstr) isInstr()      {}
func (*declInstr) isInstr()      {}
func (*localDeclInstr) isInstr() {}
func (*labelInstr) isInstr()     {}
func (*jumpInstr) isInstr()      {}
func (*condJumpInstr) isInstr()  {}
func (*suspendInstr) isInstr()   {}
func (*resumeInstr) isInstr()    {}
func (*returnInstr) isInstr()    {}
func (*renewInstr) isInstr()     {}

// yieldPoint is one yield of the body: a suspension point with its own program counter.
type yieldPoint struct {
	pc     int // set by hoist; 0 before
	call   *ast.CallExpr
	kind   yieldKind
	value  ast.Expr    // the yielded value
	lhs    []ast.Expr  // what receives the sent value (and the error of YieldErr); nil for a statement
	tok    token.Token // = := op= or ILLEGAL for a statement
	resume *label
	// raw: the YieldErr of a delegation loop (see normalized.rawYields), which gets what is
	// raised at it as it is, signals included.
	raw bool
	// live: the machine variables the body may read after resuming here before writing them
	// (set by hoist).
	live []*machineVar
}

// machineVar is a variable of the flat level: a parameter, a named result, or a variable declared
// at the flat level. Variables declared inside kept statements stay where they are.
type machineVar struct {
	obj   *types.Var
	param bool // a parameter or the receiver: set by the constructor
	// inLoop: declared inside a flattened loop, so it is a new variable on every iteration.
	inLoop bool
	// escapes: captured by a func literal or its address taken, so it must outlive a single
	// resume; one declared in a loop is boxed, to give every iteration its own.
	escapes bool

	// Set by hoist.
	name    string
	storage storage
}

type storage int

const (
	inLocal storage = iota // a local of the resume method
	inField                // a field of the machine
	inBox                  // a field of the machine holding a pointer to the variable
)

// machine is the flat code of one function with everything emit needs.
type machine struct {
	pkg  *Package
	fn   *Func
	info *types.Info

	code   []instr
	yields []*yieldPoint
	exit   *label // the body returns: store the results, mark done
	unwind *label // a thrown error unwinds the body from a plain Yield

	vars    map[*types.Var]*machineVar
	varList []*machineVar // in order of declaration, for determinism

	// Edits of kept statements.
	branchTo   map[*ast.BranchStmt]*label
	keptReturn map[*ast.ReturnStmt]bool
	// deferStmts are the defer statements of the body (not of func literals in it): each
	// pushes its call on the machine's list of deferred calls.
	deferStmts map[*ast.DeferStmt]bool
	// throws are the statements that unwind the body with an error (from coro.YieldFrom).
	throws map[*ast.ExprStmt]bool
	// loopMarks keep the list of iterators the body is inside (see normalized.loopMarks).
	loopMarks map[*ast.ExprStmt]bool
	// typeExprs stand for types (see normalized.typeExprs).
	typeExprs map[ast.Expr]types.Type
	// subs hold the machines of delegated calls (see normalized.subs).
	subs []*types.Var
	// internalCalls are the calls of generated code of the package (see normalized).
	internalCalls map[*ast.CallExpr]bool
	// innerLinks and innerSends keep and use the stack of recursive calls (see normalized).
	innerLinks map[*ast.ExprStmt]bool
	innerSends map[*ast.AssignStmt]bool

	// mode is how much of the protocol the resume method must keep; see hoist.
	mode resumeMode
	// localNames are the new names of constants and types of the flat level that hoist
	// renamed (see nameAll).
	localNames map[types.Object]string
	// mayRecover: a deferred call may stop a panic of the body (see hoist).
	mayRecover bool
	// namedResults: the results are named (none blank), so a return assigns them and the exit
	// copies them into the machine after the deferred calls have run.
	namedResults bool
	// quietUnwind: unwinding the suspended body runs none of its code (no defer, no YieldErr,
	// no delegation), so Throw and Close end the machine themselves, resume takes no thrown
	// error, and All needs no deferred Close (see hoist).
	quietUnwind bool
	// pushAll: All runs its own copy of the machine (see hoist).
	pushAll bool
	// reachable tells, by instruction, which can run; one more entry tells whether the end of
	// the code can be reached by falling through. Set by hoist.
	reachable []bool
}

// loopLabels are the targets of break and continue in the innermost flattened loop.
type loopLabels struct {
	brk, cont *label
}

type flattener struct {
	m    *machine
	norm *normalized
	errs *ErrorList
	loop *loopLabels
	// labels are the user's labels at the flat level, by name; loops are the flattened loops
	// that have a label, for break and continue with that label.
	labels map[string]*label
	loops  map[string]*loopLabels
	// loopDepth counts the flattened loops around the statement being flattened.
	loopDepth int
}

// flatten builds the machine of fn.
func flatten(pkg *Package, fn *Func, norm *normalized, errs *ErrorList) *machine {
	m := &machine{
		pkg: pkg, fn: fn, info: pkg.Info,
		vars:          map[*types.Var]*machineVar{},
		branchTo:      map[*ast.BranchStmt]*label{},
		keptReturn:    map[*ast.ReturnStmt]bool{},
		deferStmts:    map[*ast.DeferStmt]bool{},
		throws:        map[*ast.ExprStmt]bool{},
		loopMarks:     norm.loopMarks,
		typeExprs:     norm.typeExprs,
		subs:          norm.subs,
		internalCalls: norm.internalCalls,
		innerLinks:    norm.innerLinks,
		innerSends:    norm.innerSends,
		exit:          &label{hint: "exit"},
		unwind:        &label{hint: "unwind"},
	}
	if fn.Recv != nil && fn.Recv.Name() != "" && fn.Recv.Name() != "_" {
		m.addVar(fn.Recv, false).param = true
	}
	for _, p := range fn.Params {
		if p.Name() != "" && p.Name() != "_" {
			m.addVar(p, false).param = true
		}
	}
	for _, r := range fn.NamedResults {
		if r.Name() != "_" {
			m.addVar(r, false)
		}
	}
	fl := &flattener{m: m, norm: norm, errs: errs, labels: map[string]*label{}, loops: map[string]*loopLabels{}}
	fl.scanLabels(fn.Decl.Body.List)
	fl.list(fn.Decl.Body.List)
	m.markEscapes()
	return m
}

func (m *machine) addVar(v *types.Var, inLoop bool) *machineVar {
	if mv := m.vars[v]; mv != nil {
		return mv
	}
	mv := &machineVar{obj: v, inLoop: inLoop}
	m.vars[v] = mv
	m.varList = append(m.varList, mv)
	return mv
}

func (fl *flattener) emit(in instr) { fl.m.code = append(fl.m.code, in) }

func (fl *flattener) jump(to *label) {
	to.uses++
	fl.emit(&jumpInstr{to: to})
}

func (fl *flattener) place(l *label) { fl.emit(&labelInstr{l: l}) }

func (fl *flattener) list(list []ast.Stmt) {
	for _, s := range list {
		fl.stmt(s)
	}
}

func (fl *flattener) stmt(s ast.Stmt) {
	if !fl.norm.yields[s] {
		fl.keep(s)
		return
	}
	switch s := s.(type) {
	case *ast.BlockStmt:
		fl.list(s.List)
	case *ast.ExprStmt:
		call, kind := yieldCall(fl.m.info, fl.m.fn, s.X)
		fl.yield(call, kind, nil, token.ILLEGAL)
	case *ast.AssignStmt:
		call, kind := yieldCall(fl.m.info, fl.m.fn, s.Rhs[0])
		if s.Tok == token.DEFINE {
			fl.defineIdents(s.Lhs)
		}
		fl.yield(call, kind, s.Lhs, s.Tok)
	case *ast.DeclStmt:
		for _, spec := range s.Decl.(*ast.GenDecl).Specs {
			vs := spec.(*ast.ValueSpec)
			var lhs []ast.Expr
			for _, n := range vs.Names {
				lhs = append(lhs, n)
			}
			fl.defineIdents(lhs)
			if len(vs.Values) == 1 {
				if call, kind := yieldCall(fl.m.info, fl.m.fn, vs.Values[0]); kind != notYield {
					fl.yield(call, kind, lhs, token.DEFINE)
					continue
				}
			}
			fl.emit(&declInstr{pos: vs.Pos(), names: vs.Names, values: vs.Values})
		}
	case *ast.IfStmt:
		fl.ifStmt(s)
	case *ast.ForStmt:
		fl.forStmt(s, "")
	case *ast.LabeledStmt:
		fl.place(fl.labels[s.Label.Name])
		if f, ok := s.Stmt.(*ast.ForStmt); ok {
			fl.forStmt(f, s.Label.Name)
			return
		}
		fl.stmt(s.Stmt)
	default:
		// normalize let through a form flatten does not take: a bug of the tool, reported
		// as an error rather than a miscompile.
		fl.errs.errorf(fl.m.pkg.Fset, s.Pos(), "internal error: coro cannot flatten this %T; please report it", s)
	}
}

// defineIdents registers the variables a definition declares.
func (fl *flattener) defineIdents(lhs []ast.Expr) {
	for _, e := range lhs {
		id, ok := e.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		if v, ok := fl.m.info.Defs[id].(*types.Var); ok {
			fl.m.addVar(v, fl.loopDepth > 0)
		}
	}
}

func (fl *flattener) yield(call *ast.CallExpr, kind yieldKind, lhs []ast.Expr, tok token.Token) {
	y := &yieldPoint{call: call, kind: kind, lhs: lhs, tok: tok, resume: &label{hint: "yield"}, raw: fl.norm.rawYields[call]}
	if len(call.Args) == 1 {
		y.value = call.Args[0]
	}
	y.resume.uses++ // the dispatch switch jumps to it
	fl.m.yields = append(fl.m.yields, y)
	fl.emit(&suspendInstr{y: y})
	fl.place(y.resume)
	fl.emit(&resumeInstr{y: y})
}

func (fl *flattener) ifStmt(s *ast.IfStmt) {
	if s.Init != nil {
		fl.stmt(s.Init)
	}
	end := &label{hint: "endif"}
	target := end
	if s.Else != nil {
		target = &label{hint: "else"}
	}
	target.uses++
	fl.emit(&condJumpInstr{cond: s.Cond, to: target})
	fl.list(s.Body.List)
	if s.Else != nil {
		fl.jump(end)
		fl.place(target)
		fl.stmt(s.Else)
	}
	fl.place(end)
}

// scanLabels finds the labels that will stand at the flat level: those of labeled statements in
// the statement lists that flatten takes apart. A goto may name one before it is placed.
func (fl *flattener) scanLabels(list []ast.Stmt) {
	for _, s := range list {
		fl.scanLabel(s)
	}
}

func (fl *flattener) scanLabel(s ast.Stmt) {
	if l, ok := s.(*ast.LabeledStmt); ok {
		fl.labels[l.Label.Name] = &label{name: l.Label.Name}
		fl.scanLabel(l.Stmt)
		return
	}
	if !fl.norm.yields[s] {
		return
	}
	switch s := s.(type) {
	case *ast.BlockStmt:
		fl.scanLabels(s.List)
	case *ast.IfStmt:
		if s.Init != nil {
			fl.scanLabel(s.Init)
		}
		fl.scanLabels(s.Body.List)
		if s.Else != nil {
			fl.scanLabel(s.Else)
		}
	case *ast.ForStmt:
		if s.Init != nil {
			fl.scanLabel(s.Init)
		}
		if s.Post != nil {
			fl.scanLabel(s.Post)
		}
		fl.scanLabels(s.Body.List)
	}
}

func (fl *flattener) forStmt(s *ast.ForStmt, name string) {
	var loopVars []*types.Var
	if s.Init != nil {
		fl.loopDepth++ // variables of the init are per-iteration
		before := len(fl.m.varList)
		fl.stmt(s.Init)
		for _, mv := range fl.m.varList[before:] {
			loopVars = append(loopVars, mv.obj)
		}
		fl.loopDepth--
	}
	head := &label{hint: "loop"}
	end := &label{hint: "break"}
	cont := &label{hint: "continue"}
	fl.place(head)
	if s.Cond != nil {
		end.uses++
		fl.emit(&condJumpInstr{cond: s.Cond, to: end})
	}
	outer := fl.loop
	fl.loop = &loopLabels{brk: end, cont: cont}
	if name != "" {
		fl.loops[name] = fl.loop
	}
	fl.loopDepth++
	fl.list(s.Body.List)
	fl.place(cont)
	if len(loopVars) > 0 {
		fl.emit(&renewInstr{vars: loopVars})
	}
	if s.Post != nil {
		fl.stmt(s.Post)
	}
	fl.loopDepth--
	fl.loop = outer
	fl.jump(head)
	fl.place(end)
}

// keep adds a statement without a yield. At the flat level a declaration becomes an assignment.
func (fl *flattener) keep(s ast.Stmt) {
	switch d := s.(type) {
	case *ast.EmptyStmt:
		return
	case *ast.LabeledStmt:
		switch d.Stmt.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			// Kept whole, label and all: its own break and continue name the label, which
			// must stay on the statement (not on a block around it).
			in := &stmtInstr{stmt: d, label: fl.labels[d.Label.Name]}
			fl.editKept(d, in)
			fl.emit(in)
			return
		}
		// The label at the flat level, then the statement.
		fl.place(fl.labels[d.Label.Name])
		fl.keep(d.Stmt)
		return
	case *ast.DeclStmt:
		gd := d.Decl.(*ast.GenDecl)
		if gd.Tok != token.VAR {
			fl.emit(&localDeclInstr{decl: d})
			return
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			var lhs []ast.Expr
			for _, n := range vs.Names {
				lhs = append(lhs, n)
			}
			fl.defineIdents(lhs)
			fl.emit(&declInstr{pos: vs.Pos(), names: vs.Names, values: vs.Values})
		}
		return
	case *ast.AssignStmt:
		if d.Tok == token.DEFINE {
			fl.defineIdents(d.Lhs)
			var names []*ast.Ident
			for _, e := range d.Lhs {
				names = append(names, e.(*ast.Ident))
			}
			fl.emit(&declInstr{pos: d.Pos(), names: names, values: d.Rhs})
			return
		}
	}
	in := &stmtInstr{stmt: s}
	fl.editKept(s, in)
	fl.emit(in)
}

// editKept finds the breaks, continues and returns inside a kept statement that leave it, and
// records where each goes.
func (fl *flattener) editKept(s ast.Stmt, in *stmtInstr) {
	// inner counts the loops (for continue) and breakable statements (for break) around the
	// node being visited, inside s.
	var walk func(n ast.Node, loops, breakables int)
	walk = func(n ast.Node, loops, breakables int) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				body := bodyOf(n)
				walkHeader(n, func(h ast.Node) { walk(h, loops, breakables) })
				walk(body, loops+1, breakables+1)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walkHeader(n, func(h ast.Node) { walk(h, loops, breakables) })
				walk(bodyOf(n), loops, breakables+1)
				return false
			case *ast.BranchStmt:
				if n.Label != nil {
					// A goto to a label of the flat level, or a break or continue of a
					// flattened loop; any other label is inside s.
					var to *label
					switch n.Tok {
					case token.GOTO:
						to = fl.labels[n.Label.Name]
						if to != nil {
							in.jumps = append(in.jumps, to)
						}
						return false
					case token.BREAK:
						if l := fl.loops[n.Label.Name]; l != nil {
							to = l.brk
						}
					case token.CONTINUE:
						if l := fl.loops[n.Label.Name]; l != nil {
							to = l.cont
						}
					}
					if to == nil {
						if l := fl.labels[n.Label.Name]; l != nil {
							in.jumps = append(in.jumps, l) // the kept loop's own label
						}
						return false
					}
					fl.m.branchTo[n] = to
					in.jumps = append(in.jumps, to)
					return false
				}
				var to *label
				switch {
				case n.Tok == token.BREAK && breakables == 0 && fl.loop != nil:
					to = fl.loop.brk
				case n.Tok == token.CONTINUE && loops == 0 && fl.loop != nil:
					to = fl.loop.cont
				}
				if to != nil {
					to.uses++
					fl.m.branchTo[n] = to
					in.jumps = append(in.jumps, to)
				}
			case *ast.ReturnStmt:
				fl.m.keptReturn[n] = true
				in.returns = true
			case *ast.DeferStmt:
				fl.m.deferStmts[n] = true
			case *ast.ExprStmt:
				if fl.norm.throws[n] {
					fl.m.throws[n] = true
					in.throws = true
				}
			}
			return true
		})
	}
	if r, ok := s.(*ast.ReturnStmt); ok {
		fl.m.keptReturn[r] = true
		in.returns = true
		return
	}
	walk(s, 0, 0)
}

// bodyOf returns the body of a loop, switch or select.
func bodyOf(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	case *ast.SwitchStmt:
		return n.Body
	case *ast.TypeSwitchStmt:
		return n.Body
	case *ast.SelectStmt:
		return n.Body
	}
	return nil
}

// walkHeader calls f on the parts of a loop, switch or select outside its body.
func walkHeader(n ast.Node, f func(ast.Node)) {
	stmt := func(s ast.Stmt) {
		if s != nil {
			f(s)
		}
	}
	expr := func(e ast.Expr) {
		if e != nil {
			f(e)
		}
	}
	switch n := n.(type) {
	case *ast.ForStmt:
		stmt(n.Init)
		expr(n.Cond)
		stmt(n.Post)
	case *ast.RangeStmt:
		expr(n.Key)
		expr(n.Value)
		expr(n.X)
	case *ast.SwitchStmt:
		stmt(n.Init)
		expr(n.Tag)
	case *ast.TypeSwitchStmt:
		stmt(n.Init)
		stmt(n.Assign)
	}
}

// terminating tells which statements end their list, so that nothing the tool adds after them
// is unreachable code.
type terminating struct {
	info *types.Info
	// gotos are the breaks and continues that the emitter writes as gotos (machine.branchTo):
	// they end their list as a goto does. nil before flatten.
	gotos map[*ast.BranchStmt]*label
}

// isTerminating reports whether s is a terminating statement as the Go spec defines it, as it
// will be written.
func (t terminating) isTerminating(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.GOTO || s.Tok == token.FALLTHROUGH || t.gotos[s] != nil
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				b, ok := t.info.Uses[id].(*types.Builtin)
				return ok && b.Name() == "panic"
			}
		}
	case *ast.BlockStmt:
		return len(s.List) > 0 && t.isTerminating(s.List[len(s.List)-1])
	case *ast.IfStmt:
		return s.Else != nil && t.isTerminating(s.Body) && t.isTerminating(s.Else)
	case *ast.ForStmt:
		return s.Cond == nil && !hasBreak(s.Body, nil)
	case *ast.LabeledStmt:
		if f, ok := s.Stmt.(*ast.ForStmt); ok {
			return f.Cond == nil && !hasBreak(f.Body, s.Label)
		}
		return t.isTerminating(s.Stmt)
	case *ast.SwitchStmt:
		return t.clausesTerminate(s.Body, false)
	case *ast.TypeSwitchStmt:
		return t.clausesTerminate(s.Body, false)
	case *ast.SelectStmt:
		return t.clausesTerminate(s.Body, true)
	}
	return false
}

// clausesTerminate: every clause ends in a terminating statement (or falls through), none breaks
// out, and (for a switch) there is a default.
func (t terminating) clausesTerminate(body *ast.BlockStmt, isSelect bool) bool {
	hasDefault := isSelect
	for _, c := range body.List {
		var list []ast.Stmt
		switch c := c.(type) {
		case *ast.CaseClause:
			if c.List == nil {
				hasDefault = true
			}
			list = c.Body
		case *ast.CommClause:
			list = c.Body
		}
		if len(list) == 0 || !t.isTerminating(list[len(list)-1]) {
			return false
		}
		for _, s := range list {
			if hasBreak(s, nil) {
				return false
			}
		}
	}
	return hasDefault
}

// hasBreak reports whether n holds a break that leaves the statement around it: an unlabeled
// break not inside a nested loop, switch or select, or a break to label.
func hasBreak(n ast.Node, label *ast.Ident) bool {
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(x ast.Node) bool {
			if found {
				return false
			}
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if x != n {
					walk(bodyOf(x), true)
					return false
				}
			case *ast.BranchStmt:
				if x.Tok == token.BREAK && ((x.Label == nil && !nested) || (x.Label != nil && label != nil && x.Label.Name == label.Name)) {
					found = true
				}
			}
			return true
		})
	}
	walk(n, false)
	return found
}

// hasDefers reports whether the machine keeps a coro.Defers: for the body's defer statements,
// and for the iterators of the ranges over functions it pulls, which are stopped as it leaves.
func (m *machine) hasDefers() bool {
	return len(m.deferStmts) > 0 || len(m.loopMarks) > 0
}
