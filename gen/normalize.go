package gen

// Stage 3, normalize: takes a checked body and rewrites it so that every yield stands where
// flatten cuts the body: as a statement, or as the whole right side of an assignment or var
// declaration. It gives the rewritten body (in place) and the set of its statements that contain
// a yield.
//
// Yields inside expressions are spilled into temporaries, in gc's order of evaluation: the calls
// and receives of an expression run first, left to right, and its plain operands (variables,
// fields, index expressions, dereferences) are read after them. So only the calls and receives
// that run before the last yield are moved out, and the operands stay where they are:
//
//	x = a + f(b(), co.Yield(1))     t1 := b(); t2 := co.Yield(1); x = a + f(t1, t2)
//
// && and || whose right side yields become an if, so the right side runs only when it should:
//
//	ok := p && co.Yield(1) > 0      cond := p; if cond { t := co.Yield(1); cond = t > 0 }; ok := cond
//
// A condition or post statement of a for loop that yields moves into the body; init statements
// become blocks that flatten lays out before the statement. Statements that flatten does not lay
// out directly become simpler ones when they hold a yield:
//
//	switch tag { case a: A; case b: B; default: D }
//	    t := tag; if t == a { goto case1 }; if t == b { goto case2 }; goto default
//	    case1: A; goto end; case2: B; goto end; default: D; end:
//	switch v := x.(type) { ... }    a kept switch that sets which := i, then the same chain, with
//	                                v bound in each clause
//	select { ... }                  the channels and values are evaluated first; a kept select
//	                                receives into temporaries and sets which := i; then a chain
//	for k, v := range xs { A }      for i := 0; i < len(t); i++ { k := i; v := t[i]; A }, and the
//	                                like for arrays, strings (by rune), integers, channels, and
//	                                maps (over a snapshot of the keys, skipping deleted ones)
//	for k, v := range f { A }       it := coro.Pull2(f); enterLoop(it)
//	                                for { k1, v1, ok := it.Next(); if !ok { break }; k := k1; ... }
//	                                leaveLoops(n), and the like over a map whose keys may be NaN
//
// Breaks in the bodies of a switch or select become gotos to its end. A range over a function
// with a yield in its body cannot run the body inside the iterator's call, so it pulls the values
// one by one: the iterator runs on its own goroutine (iter.Pull), or, for c.All() of a coroutine
// generated here, the loop calls c.Next itself. The machine keeps the iterators it is inside, and
// a break, continue or goto that leaves their loops stops them (leaveLoops); so do a return, an
// unwind and a panic, before the deferred calls run.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
)

// normalized is the output of normalize for one function.
type normalized struct {
	// yields holds every statement of the body (outside func literals) that contains a yield,
	// at any depth.
	yields map[ast.Stmt]bool
	// throws are the statements, made by the expansion of coro.YieldFrom, that unwind the body
	// with an error as a Throw at a plain Yield does: `throw(err)`.
	throws map[*ast.ExprStmt]bool
	// loopMarks are the statements, made by the desugaring of a range over a function, that
	// keep the machine's list of the iterators it is inside (coro.Defers): `enterLoop(it)` when
	// the loop starts, `leaveLoops(n)` where the body leaves loops so that n stay around it.
	loopMarks map[*ast.ExprStmt]bool
	// rawYields are the co.YieldErr calls of delegation loops: what is raised there reaches the
	// loop as it is, a Close's signals included, while a YieldErr of the body receives
	// coro.ErrClosed for a Close and unwinds on the signal that ends a body that ignored one.
	rawYields map[*ast.CallExpr]bool
	// typeExprs stand for types in the syntax normalize writes (the type arguments of a
	// constructor): emit writes the type.
	typeExprs map[ast.Expr]types.Type
}

// normalize rewrites fn's body and marks the statements that contain yields.
func normalize(pkg *Package, fn *Func, errs *ErrorList) *normalized {
	n := &normalized{yields: map[ast.Stmt]bool{}, throws: map[*ast.ExprStmt]bool{}, loopMarks: map[*ast.ExprStmt]bool{},
		rawYields: map[*ast.CallExpr]bool{}, typeExprs: map[ast.Expr]types.Type{}}
	nz := &normalizer{pkg: pkg, fn: fn, info: pkg.Info, errs: errs, out: n, pulled: map[*ast.RangeStmt]int{}}
	before := len(*errs)
	nz.markLoopExits(fn.Decl.Body)
	fn.Decl.Body.List = nz.rewriteList(fn.Decl.Body.List)
	if len(*errs) > before {
		return n
	}
	nz.stmtList(fn.Decl.Body.List)
	return n
}

type normalizer struct {
	pkg  *Package
	fn   *Func
	info *types.Info
	errs *ErrorList
	out  *normalized
	// pulled are the ranges over a function with a yield in the body, by their depth: how
	// many of them are around each.
	pulled map[*ast.RangeStmt]int
}

func (nz *normalizer) errorf(pos token.Pos, format string, args ...any) {
	nz.errs.errorf(nz.pkg.Fset, pos, format, args...)
}

// ---- Building syntax with types ----

func (nz *normalizer) newVar(name string, t types.Type) *types.Var {
	return types.NewVar(token.NoPos, nz.pkg.Types, name, types.Default(t))
}

func (nz *normalizer) def(v *types.Var) *ast.Ident {
	id := ast.NewIdent(v.Name())
	nz.info.Defs[id] = v
	return id
}

func (nz *normalizer) use(v *types.Var) *ast.Ident {
	id := ast.NewIdent(v.Name())
	nz.info.Uses[id] = v
	nz.info.Types[id] = types.TypeAndValue{Type: v.Type()}
	return id
}

// define is `v := e` for a new variable of e's type.
func (nz *normalizer) define(name string, e ast.Expr) (*ast.AssignStmt, *types.Var) {
	v := nz.newVar(name, nz.info.TypeOf(e))
	return &ast.AssignStmt{Lhs: []ast.Expr{nz.def(v)}, Tok: token.DEFINE, Rhs: []ast.Expr{e}}, v
}

func (nz *normalizer) assign(lhs ast.Expr, rhs ast.Expr) *ast.AssignStmt {
	return &ast.AssignStmt{Lhs: []ast.Expr{lhs}, Tok: token.ASSIGN, Rhs: []ast.Expr{rhs}}
}

func (nz *normalizer) typed(e ast.Expr, t types.Type) ast.Expr {
	nz.info.Types[e] = types.TypeAndValue{Type: t}
	return e
}

func (nz *normalizer) intLit(n int) ast.Expr {
	lit := &ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(n)}
	nz.info.Types[lit] = types.TypeAndValue{Type: types.Typ[types.UntypedInt], Value: constant.MakeInt64(int64(n))}
	return lit
}

func (nz *normalizer) binary(x ast.Expr, op token.Token, y ast.Expr, t types.Type) ast.Expr {
	return nz.typed(&ast.BinaryExpr{X: x, Op: op, Y: y}, t)
}

func (nz *normalizer) not(x ast.Expr) ast.Expr {
	return nz.typed(&ast.UnaryExpr{Op: token.NOT, X: nz.typed(&ast.ParenExpr{X: x}, types.Typ[types.Bool])}, types.Typ[types.Bool])
}

// builtin is a use of a universe function such as len.
func (nz *normalizer) builtin(name string) *ast.Ident {
	id := ast.NewIdent(name)
	nz.info.Uses[id] = types.Universe.Lookup(name)
	return id
}

// call of fun with args, of result type t.
func (nz *normalizer) call(fun ast.Expr, t types.Type, args ...ast.Expr) ast.Expr {
	c := &ast.CallExpr{Fun: fun, Args: args}
	if t == nil {
		return c // several results
	}
	return nz.typed(c, t)
}

// qualified is pkg.name for a package that the file may not import: the syntax writer imports it.
func (nz *normalizer) qualified(path, pkgName, name string) ast.Expr {
	id := ast.NewIdent(pkgName)
	nz.info.Uses[id] = types.NewPkgName(token.NoPos, nz.pkg.Types, pkgName, types.NewPackage(path, pkgName))
	return &ast.SelectorExpr{X: id, Sel: ast.NewIdent(name)}
}

// newLabel is a fresh label, named to collide with nothing in the package.
func (nz *normalizer) newLabel(hint string) *ast.Ident {
	return ast.NewIdent(nz.pkg.freshName(hint))
}

func labeled(l *ast.Ident, s ast.Stmt) ast.Stmt {
	if s == nil {
		s = &ast.EmptyStmt{Implicit: true}
	}
	return &ast.LabeledStmt{Label: l, Stmt: s}
}

func gotoStmt(l *ast.Ident) ast.Stmt {
	return &ast.BranchStmt{Tok: token.GOTO, Label: ast.NewIdent(l.Name)}
}

func block(list ...ast.Stmt) *ast.BlockStmt { return &ast.BlockStmt{List: list} }

// ---- Rewriting statements ----

// rewriteList rewrites the statements of a list that contain a yield; the others stay as they
// are.
func (nz *normalizer) rewriteList(list []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range list {
		if !nz.containsYield(s) {
			out = append(out, s)
			continue
		}
		out = append(out, nz.rewriteStmt(s, nil)...)
	}
	return out
}

// one turns a rewritten statement list into a single statement.
func one(list []ast.Stmt) ast.Stmt {
	if len(list) == 1 {
		return list[0]
	}
	return block(list...)
}

// rewriteStmt rewrites a statement with a yield in it; label is the label the statement had, for
// the statements that break and continue name.
func (nz *normalizer) rewriteStmt(s ast.Stmt, label *ast.Ident) []ast.Stmt {
	switch s := s.(type) {
	case *ast.BlockStmt:
		s.List = nz.rewriteList(s.List)
		return []ast.Stmt{s}
	case *ast.LabeledStmt:
		switch s.Stmt.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			inner := nz.rewriteStmt(s.Stmt, s.Label)
			s.Stmt = one(inner)
			return []ast.Stmt{s}
		}
		s.Stmt = one(nz.rewriteStmt(s.Stmt, nil))
		return []ast.Stmt{s}
	case *ast.ExprStmt:
		if call, k := yieldCall(nz.info, nz.fn, s.X); k != notYield {
			pre := nz.spillList(call.Args)
			if k == fromYield || k == callYield {
				return append(pre, nz.expandDelegation(call, k, nil, token.ILLEGAL)...)
			}
			return append(pre, s)
		}
		pre := nz.spill(&s.X)
		return append(pre, s)
	case *ast.AssignStmt:
		var exprs []*ast.Expr
		if s.Tok != token.DEFINE {
			for i := range s.Lhs {
				exprs = append(exprs, &s.Lhs[i])
			}
		}
		if len(s.Rhs) == 1 {
			if call, k := yieldCall(nz.info, nz.fn, s.Rhs[0]); k != notYield {
				for i := range call.Args {
					exprs = append(exprs, &call.Args[i])
				}
				pre := nz.spillBefore(exprs, true)
				if k == fromYield || k == callYield {
					return append(pre, nz.expandDelegation(call, k, s.Lhs, s.Tok)...)
				}
				return append(pre, s)
			}
		}
		for i := range s.Rhs {
			exprs = append(exprs, &s.Rhs[i])
		}
		return append(nz.spillPtrs(exprs), s)
	case *ast.DeclStmt:
		gd := s.Decl.(*ast.GenDecl)
		var out []ast.Stmt
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			var exprs []*ast.Expr
			if len(vs.Values) == 1 {
				if call, k := yieldCall(nz.info, nz.fn, vs.Values[0]); k != notYield {
					for i := range call.Args {
						exprs = append(exprs, &call.Args[i])
					}
					if k == fromYield || k == callYield {
						out = append(out, nz.spillPtrs(exprs)...)
						var lhs []ast.Expr
						for _, n := range vs.Names {
							lhs = append(lhs, n)
						}
						out = append(out, nz.expandDelegation(call, k, lhs, token.DEFINE)...)
						continue
					}
				}
			}
			if exprs == nil {
				for i := range vs.Values {
					exprs = append(exprs, &vs.Values[i])
				}
			}
			out = append(out, nz.spillPtrs(exprs)...)
			out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{vs}}})
		}
		return out
	case *ast.ReturnStmt:
		if len(s.Results) == 1 {
			if tuple, ok := nz.info.TypeOf(s.Results[0]).(*types.Tuple); ok {
				if call, k := yieldCall(nz.info, nz.fn, s.Results[0]); k != notYield {
					// return co.YieldErr(v): the results go through temporaries.
					var lhs, res []ast.Expr
					for i := range tuple.Len() {
						v := nz.newVar("r", tuple.At(i).Type())
						lhs = append(lhs, nz.def(v))
						res = append(res, nz.use(v))
					}
					assign := &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, Rhs: []ast.Expr{call}}
					out := nz.rewriteStmt(assign, nil)
					s.Results = res
					return append(out, s)
				}
			}
		}
		return append(nz.spillList(s.Results), s)
	case *ast.IncDecStmt:
		return append(nz.spill(&s.X), s)
	case *ast.SendStmt:
		return append(nz.spillPtrs([]*ast.Expr{&s.Chan, &s.Value}), s)
	case *ast.GoStmt:
		return append(nz.spillCallOperands(s.Call), s)
	case *ast.DeferStmt:
		return append(nz.spillCallOperands(s.Call), s)
	case *ast.IfStmt:
		var init []ast.Stmt
		if s.Init != nil {
			init = nz.rewriteStmt(s.Init, nil)
		}
		init = append(init, nz.spill(&s.Cond)...)
		switch len(init) {
		case 0:
			s.Init = nil
		case 1:
			s.Init = init[0]
		default:
			s.Init = block(init...)
		}
		s.Body.List = nz.rewriteList(s.Body.List)
		if s.Else != nil && nz.containsYield(s.Else) {
			s.Else = one(nz.rewriteStmt(s.Else, nil))
			if _, ok := s.Else.(*ast.IfStmt); !ok {
				if _, ok := s.Else.(*ast.BlockStmt); !ok {
					s.Else = block(s.Else)
				}
			}
		}
		return []ast.Stmt{s}
	case *ast.ForStmt:
		if s.Init != nil && nz.containsYield(s.Init) {
			s.Init = one(nz.rewriteStmt(s.Init, nil))
		}
		if s.Cond != nil && nz.containsYield(s.Cond) {
			// for ...; cond; ... { A }  ->  for ...; ; ... { pre; if !cond { break }; A }
			cond := s.Cond
			pre := nz.spill(&cond)
			check := &ast.IfStmt{Cond: nz.not(cond), Body: block(&ast.BranchStmt{Tok: token.BREAK})}
			s.Cond = nil
			s.Body.List = append(append(pre, check), s.Body.List...)
		}
		if s.Post != nil && nz.containsYield(s.Post) {
			s.Post = one(nz.rewriteStmt(s.Post, nil))
		}
		s.Body.List = nz.rewriteList(s.Body.List)
		return []ast.Stmt{s}
	case *ast.SwitchStmt:
		return nz.rewriteStmt(nz.desugarSwitch(s, label), nil)
	case *ast.TypeSwitchStmt:
		return nz.rewriteStmt(nz.desugarTypeSwitch(s, label), nil)
	case *ast.SelectStmt:
		return nz.rewriteStmt(nz.desugarSelect(s, label), nil)
	case *ast.RangeStmt:
		d := nz.desugarRange(s, label)
		if d == nil {
			return []ast.Stmt{s}
		}
		return nz.rewriteStmt(d, nil)
	}
	nz.errorf(s.Pos(), "a yield in this statement is not supported yet")
	return []ast.Stmt{s}
}

// ---- Spilling expressions ----

// spill rewrites *e so that every yield in it runs in the statements it returns.
func (nz *normalizer) spill(e *ast.Expr) []ast.Stmt { return nz.spillPtrs([]*ast.Expr{e}) }

func (nz *normalizer) spillList(list []ast.Expr) []ast.Stmt {
	ptrs := make([]*ast.Expr, len(list))
	for i := range list {
		ptrs[i] = &list[i]
	}
	return nz.spillPtrs(ptrs)
}

// spillCallOperands spills the function value and the arguments of a go or defer statement,
// which are evaluated at the statement, but not the call itself.
func (nz *normalizer) spillCallOperands(call *ast.CallExpr) []ast.Stmt {
	ptrs := []*ast.Expr{&call.Fun}
	for i := range call.Args {
		ptrs = append(ptrs, &call.Args[i])
	}
	return nz.spillPtrs(ptrs)
}

// spiller moves out of a list of expressions, evaluated in order, every call and receive that
// runs before the last yield.
type spiller struct {
	nz   *normalizer
	n    int // calls and receives seen, in the order they run
	last int // the order of the last yield, -1 if none
	pre  []ast.Stmt
}

func (nz *normalizer) spillPtrs(exprs []*ast.Expr) []ast.Stmt {
	return nz.spillBefore(exprs, false)
}

// spillBefore is spillPtrs for expressions that a yield follows (the operands of an assignment
// whose right side is a yield, and the yield's argument): every call in them runs before it.
func (nz *normalizer) spillBefore(exprs []*ast.Expr, yieldAfter bool) []ast.Stmt {
	sp := &spiller{nz: nz, last: -1}
	for _, e := range exprs {
		if *e != nil {
			sp.count(*e)
		}
	}
	if yieldAfter {
		sp.last = sp.n
	}
	if sp.last < 0 {
		return nil
	}
	sp.n = 0
	for _, e := range exprs {
		if *e != nil {
			sp.rewrite(e)
		}
	}
	return sp.pre
}

// children are the operands of e, in the order they are evaluated.
func children(e ast.Expr) []*ast.Expr {
	var out []*ast.Expr
	add := func(es ...*ast.Expr) {
		for _, x := range es {
			if *x != nil {
				out = append(out, x)
			}
		}
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		add(&e.X)
	case *ast.SelectorExpr:
		add(&e.X)
	case *ast.IndexExpr:
		add(&e.X, &e.Index)
	case *ast.IndexListExpr:
		add(&e.X)
	case *ast.SliceExpr:
		add(&e.X, &e.Low, &e.High, &e.Max)
	case *ast.TypeAssertExpr:
		add(&e.X)
	case *ast.CallExpr:
		add(&e.Fun)
		for i := range e.Args {
			add(&e.Args[i])
		}
	case *ast.StarExpr:
		add(&e.X)
	case *ast.UnaryExpr:
		add(&e.X)
	case *ast.BinaryExpr:
		add(&e.X, &e.Y)
	case *ast.KeyValueExpr:
		add(&e.Key, &e.Value)
	case *ast.CompositeLit:
		for i := range e.Elts {
			add(&e.Elts[i])
		}
	}
	return out
}

// isShortCircuitYield: && or || whose right side yields, evaluated with an if.
func (sp *spiller) isShortCircuitYield(e ast.Expr) (*ast.BinaryExpr, bool) {
	b, ok := e.(*ast.BinaryExpr)
	if !ok || (b.Op != token.LAND && b.Op != token.LOR) {
		return nil, false
	}
	return b, sp.nz.containsYield(b.Y)
}

// isCallLike: a call (not a conversion or builtin) or a receive: they run before the plain
// operands of the expression.
func (sp *spiller) isCallLike(e ast.Expr) bool {
	info := sp.nz.info
	switch e := e.(type) {
	case *ast.UnaryExpr:
		return e.Op == token.ARROW
	case *ast.CallExpr:
		// Builtins (len, append, min, ...) run in order with the calls, as gc does.
		fun := ast.Unparen(e.Fun)
		if tv, ok := info.Types[fun]; ok && tv.IsType() {
			return false
		}
		return true
	case *ast.TypeAssertExpr:
		return e.Type != nil // it may panic: in order with the calls, as gc does
	}
	return false
}

func (sp *spiller) count(e ast.Expr) {
	if _, ok := e.(*ast.FuncLit); ok {
		return
	}
	if b, ok := sp.isShortCircuitYield(e); ok {
		sp.count(b.X)
		sp.last = sp.n
		sp.n++
		return
	}
	for _, c := range children(e) {
		sp.count(*c)
	}
	if sp.isCallLike(e) {
		if _, k := yieldCall(sp.nz.info, sp.nz.fn, e); k != notYield {
			sp.last = sp.n
		}
		sp.n++
	}
}

func (sp *spiller) rewrite(pe *ast.Expr) {
	nz := sp.nz
	e := *pe
	if _, ok := e.(*ast.FuncLit); ok {
		return
	}
	if b, ok := sp.isShortCircuitYield(e); ok {
		sp.rewrite(&b.X)
		sp.n++
		// cond := x; if cond { pre(y); cond = y }   (|| tests !cond)
		def, v := nz.define("cond", b.X)
		y := b.Y
		pre := nz.spill(&y)
		test := ast.Expr(nz.use(v))
		if b.Op == token.LOR {
			test = nz.typed(&ast.UnaryExpr{Op: token.NOT, X: nz.use(v)}, v.Type())
		}
		body := append(pre, nz.assign(nz.use(v), y))
		sp.pre = append(sp.pre, def, &ast.IfStmt{Cond: test, Body: block(body...)})
		*pe = nz.use(v)
		return
	}
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if tuple, ok := nz.info.TypeOf(call.Args[0]).(*types.Tuple); ok {
			// f(g()) where g has several results, g before a yield: its results go to
			// temporaries, which become f's arguments.
			sp.rewrite(&call.Fun)
			arg := call.Args[0]
			for _, c := range children(arg) {
				sp.rewrite(c)
			}
			if sp.isCallLike(arg) {
				order := sp.n
				sp.n++
				if order <= sp.last {
					var lhs, args []ast.Expr
					for i := range tuple.Len() {
						v := nz.newVar("v", tuple.At(i).Type())
						lhs = append(lhs, nz.def(v))
						args = append(args, nz.use(v))
					}
					sp.pre = append(sp.pre, &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, Rhs: []ast.Expr{arg}})
					call.Args = args
				}
			}
			sp.finish(pe)
			return
		}
	}
	for _, c := range children(e) {
		sp.rewrite(c)
	}
	sp.finish(pe)
}

// finish moves *pe out, when it is a call or receive that runs before the last yield.
func (sp *spiller) finish(pe *ast.Expr) {
	nz := sp.nz
	e := *pe
	if !sp.isCallLike(e) {
		return
	}
	order := sp.n
	sp.n++
	if order > sp.last {
		return
	}
	t := nz.info.TypeOf(e)
	if _, ok := t.(*types.Tuple); ok || t == nil {
		nz.errorf(e.Pos(), "a call with several results before a yield in the same expression is not supported yet: assign its results to variables first")
		return
	}
	hint := "v"
	call, k := yieldCall(nz.info, nz.fn, e)
	switch k {
	case plainYield:
		hint = "sent"
	case fromYield, callYield:
		v := nz.newVar("result", t)
		sp.pre = append(sp.pre, nz.expandDelegation(call, k, []ast.Expr{nz.def(v)}, token.DEFINE)...)
		*pe = nz.use(v)
		return
	}
	def, v := nz.define(hint, e)
	sp.pre = append(sp.pre, def)
	*pe = nz.use(v)
}

// ---- Delegation ----

// expandDelegation writes coro.YieldFrom(co, sub) out as a loop over the sub-coroutine, with
// PEP 380's rules: its yields pass out, what is sent goes in, a thrown error is thrown into it,
// a Close closes it and then unwinds the body; when it ends with an error the body unwinds with
// that error from here; otherwise its result is the value.
//
//	sub := X
//	y, ok := sub.Next()
//	for ok {
//		s, err := co.YieldErr(y) // raw: a Close's signals come as they are
//		if err != nil {
//			if err == coro.CloseSignal || err == coro.AbortSignal {
//				if cerr := sub.Close(); cerr != nil { throw(cerr) }
//				throw(err)
//			}
//			y, ok = sub.Throw(err)
//		} else {
//			y, ok = sub.Send(s)
//		}
//	}
//	if err := sub.Err(); err != nil { throw(err) }
//	lhs = sub.Result()
//
// A delegated call f(co, args) of another //coro:gen function runs as if f's body ran inline,
// so it is the same loop over f's machine, with two differences. Everything raised at the loop's
// yield goes on to f's machine with Throw, a Close's signals too: the innermost coroutine
// receives a Close as its own, and f may catch it at a YieldErr and return, and its caller goes
// on. And at the end, an error f did not catch (f unwound) unwinds the caller, while f's own error
// result is the call's error value. The machine of f is a field of the caller's by value (sub :=
// *newFCoro(args), which allocates nothing once the constructor is inlined), unless f can call
// the caller again: then it is a pointer, one machine allocated per call.
func (nz *normalizer) expandDelegation(call *ast.CallExpr, kind yieldKind, lhs []ast.Expr, tok token.Token) []ast.Stmt {
	fn := nz.fn
	errT := types.Universe.Lookup("error").Type()
	boolT := types.Typ[types.Bool]
	var subDef ast.Stmt
	var sub *types.Var
	var callee *Func
	if kind == callYield {
		callee = delegatedCallee(nz.info, fn, call.Fun)
		ctor, subType := nz.constructorCall(call, callee)
		if subType == nil {
			nz.errorf(call.Pos(), "the call of %s cannot be delegated: write coro.YieldFrom(%s, %s(...)) instead", callee.name(), fn.Co.Name(), callee.CtorName)
			return nil
		}
		sub = nz.newVar("sub", subType)
		subDef = &ast.AssignStmt{Lhs: []ast.Expr{nz.def(sub)}, Tok: token.DEFINE, Rhs: []ast.Expr{ctor}}
	} else {
		subDef, sub = nz.define("sub", call.Args[1])
	}
	var nilCheck ast.Stmt
	if kind == fromYield && types.IsInterface(sub.Type()) {
		// As coro.YieldFrom itself: a nil sub is a programming error, said plainly.
		msg := &ast.BasicLit{Kind: token.STRING, Value: `"coro: YieldFrom(co, nil)"`}
		nz.info.Types[msg] = types.TypeAndValue{Type: types.Typ[types.UntypedString], Value: constant.MakeString("coro: YieldFrom(co, nil)")}
		nilID := ast.NewIdent("nil")
		nz.info.Uses[nilID] = types.Universe.Lookup("nil")
		nilCheck = &ast.IfStmt{
			Cond: nz.binary(nz.use(sub), token.EQL, nilID, types.Typ[types.Bool]),
			Body: block(&ast.ExprStmt{X: nz.call(nz.builtin("panic"), nil, msg)}),
		}
	}
	method := func(name string, t types.Type, args ...ast.Expr) ast.Expr {
		return nz.call(&ast.SelectorExpr{X: nz.use(sub), Sel: ast.NewIdent(name)}, t, args...)
	}
	y := nz.newVar("y", fn.Yield)
	ok := nz.newVar("ok", boolT)
	s := nz.newVar("s", fn.Sent)
	err := nz.newVar("err", errT)
	cerr := nz.newVar("err", errT)
	fail := nz.newVar("err", errT)
	tuple := func(names ...*types.Var) []ast.Expr {
		var out []ast.Expr
		for _, v := range names {
			out = append(out, nz.use(v))
		}
		return out
	}
	next := &ast.AssignStmt{Lhs: []ast.Expr{nz.def(y), nz.def(ok)}, Tok: token.DEFINE, Rhs: []ast.Expr{method("Next", nil)}}
	coIdent := ast.NewIdent(fn.Co.Name())
	nz.info.Uses[coIdent] = fn.Co
	yieldErr := &ast.CallExpr{Fun: &ast.SelectorExpr{X: coIdent, Sel: ast.NewIdent("YieldErr")}, Args: []ast.Expr{nz.use(y)}}
	nz.out.rawYields[yieldErr] = true
	recv := &ast.AssignStmt{Lhs: []ast.Expr{nz.def(s), nz.def(err)}, Tok: token.DEFINE, Rhs: []ast.Expr{yieldErr}}
	nilIdent := func() ast.Expr {
		id := ast.NewIdent("nil")
		nz.info.Uses[id] = types.Universe.Lookup("nil")
		return id
	}
	throwIn := &ast.AssignStmt{Lhs: tuple(y, ok), Tok: token.ASSIGN, Rhs: []ast.Expr{method("Throw", nil, nz.use(err))}}
	onErr := block(throwIn)
	if kind == fromYield {
		onClose := block(
			&ast.IfStmt{
				Init: &ast.AssignStmt{Lhs: []ast.Expr{nz.def(cerr)}, Tok: token.DEFINE, Rhs: []ast.Expr{method("Close", errT)}},
				Cond: nz.binary(nz.use(cerr), token.NEQ, nilIdent(), boolT),
				Body: block(nz.throw(nz.use(cerr))),
			},
			nz.throw(nz.use(err)),
		)
		// A Close, or the end of a body that ignored one, closes the sub; a thrown error, even
		// coro.ErrClosed, is thrown into it.
		closing := nz.binary(
			nz.binary(nz.use(err), token.EQL, nz.qualified(RuntimePath, "coro", "CloseSignal"), boolT),
			token.LOR,
			nz.binary(nz.use(err), token.EQL, nz.qualified(RuntimePath, "coro", "AbortSignal"), boolT),
			boolT)
		onErr = block(&ast.IfStmt{Cond: closing, Body: onClose}, throwIn)
	}
	onSend := block(&ast.AssignStmt{Lhs: tuple(y, ok), Tok: token.ASSIGN, Rhs: []ast.Expr{method("Send", nil, nz.use(s))}})
	loop := &ast.ForStmt{Cond: nz.use(ok), Body: block(
		recv,
		&ast.IfStmt{Cond: nz.binary(nz.use(err), token.NEQ, nilIdent(), boolT), Body: onErr, Else: onSend},
	)}
	var ended ast.Stmt
	if kind == callYield {
		// if sub.Unwound() { throw(sub.Err()) }
		ended = &ast.IfStmt{Cond: method("Unwound", boolT), Body: block(nz.throw(method("Err", errT)))}
	} else {
		ended = &ast.IfStmt{
			Init: &ast.AssignStmt{Lhs: []ast.Expr{nz.def(fail)}, Tok: token.DEFINE, Rhs: []ast.Expr{method("Err", errT)}},
			Cond: nz.binary(nz.use(fail), token.NEQ, nilIdent(), boolT),
			Body: block(nz.throw(nz.use(fail))),
		}
	}
	out := []ast.Stmt{subDef, next, loop, ended}
	if nilCheck != nil {
		out = []ast.Stmt{subDef, nilCheck, next, loop, ended}
	}
	if len(lhs) == 0 {
		return out
	}
	var rhs []ast.Expr
	switch {
	case kind == fromYield:
		rhs = []ast.Expr{method("Result", nz.info.TypeOf(call))}
	case callee.Result != nil && callee.HasErr:
		rhs = []ast.Expr{method("Result", nil), method("Err", errT)}
	case callee.Result != nil:
		rhs = []ast.Expr{method("Result", nz.info.TypeOf(call))}
	case callee.HasErr:
		rhs = []ast.Expr{method("Err", errT)}
	}
	return append(out, &ast.AssignStmt{Lhs: lhs, Tok: tok, Rhs: rhs})
}

// constructorCall is the machine of a delegated call f(co, args), and its type: *newFCoro(args)
// of type fCoro, or newFCoro(args) of type *fCoro when f may call the caller again (x.m(co, args)
// gives newTMCoro(x, args), pkg.F(co, args) pkg.NewFCoro(args), and a generic f gets its type
// arguments written out). The type is nil when the generated type is not known.
func (nz *normalizer) constructorCall(call *ast.CallExpr, callee *Func) (ast.Expr, types.Type) {
	var t types.Type
	var ctor ast.Expr
	if callee.pkg == nil {
		// A function of another package: its constructor is exported (check says so).
		t = foreignType(callee)
		ctor = nz.qualified(callee.Obj.Pkg().Path(), callee.Obj.Pkg().Name(), callee.CtorName)
	} else {
		obj, ok := nz.pkg.Types.Scope().Lookup(callee.TypeName).(*types.TypeName)
		if !ok {
			return nil, nil
		}
		t = obj.Type()
		ctor = ast.NewIdent(callee.CtorName)
	}
	fun := ast.Unparen(call.Fun)
	var args []ast.Expr
	// Type arguments: written at the call, or inferred (types.Info knows them).
	var calleeIdent *ast.Ident
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	switch f := fun.(type) {
	case *ast.Ident:
		calleeIdent = f
	case *ast.SelectorExpr:
		calleeIdent = f.Sel
		if _, ok := nz.info.Uses[calleeIdent].(*types.Func); ok && nz.info.Selections[f] != nil {
			// The receiver, taken as the method takes it.
			recv := f.X
			sel := nz.info.Selections[f]
			sig := sel.Obj().Type().(*types.Signature)
			_, wantPtr := sig.Recv().Type().(*types.Pointer)
			_, havePtr := nz.info.TypeOf(f.X).Underlying().(*types.Pointer)
			switch {
			case wantPtr && !havePtr:
				recv = &ast.UnaryExpr{Op: token.AND, X: recv}
			case !wantPtr && havePtr:
				recv = &ast.StarExpr{X: recv}
			}
			args = append(args, recv)
		}
	}
	args = append(args, call.Args[1:]...)
	if named, ok := t.(*types.Named); ok && named.TypeParams().Len() > 0 {
		var list *types.TypeList
		method := callee.Recv != nil
		if inst, ok := nz.info.Instances[calleeIdent]; ok && !method {
			list = inst.TypeArgs
		} else if sel, ok := fun.(*ast.SelectorExpr); ok && method {
			// A method of a generic type: the receiver's type arguments.
			rt := nz.info.TypeOf(sel.X)
			if p, ok := rt.Underlying().(*types.Pointer); ok {
				rt = p.Elem()
			}
			if rn, ok := types.Unalias(rt).(*types.Named); ok {
				list = rn.TypeArgs()
			}
		}
		if list == nil || list.Len() != named.TypeParams().Len() {
			return nil, nil
		}
		targs := make([]types.Type, list.Len())
		for i := range targs {
			targs[i] = list.At(i)
		}
		it, err := types.Instantiate(nil, named, targs, false)
		if err != nil {
			return nil, nil
		}
		t = it
		if !method {
			// Written out: the constructor may not take what they are inferred from (the
			// Y and S of co).
			var idx []ast.Expr
			for _, ta := range targs {
				x := &ast.BadExpr{}
				nz.out.typeExprs[x] = ta
				idx = append(idx, x)
			}
			if len(idx) == 1 {
				ctor = &ast.IndexExpr{X: ctor, Index: idx[0]}
			} else {
				ctor = &ast.IndexListExpr{X: ctor, Indices: idx}
			}
		}
	}
	c := &ast.CallExpr{Fun: ctor, Args: args, Ellipsis: call.Ellipsis}
	if callee.pkg != nil && callee.pkg.recursive(nz.fn, callee) {
		return c, types.NewPointer(t)
	}
	nz.info.Types[c] = types.TypeAndValue{Type: types.NewPointer(t)}
	return nz.typed(&ast.StarExpr{X: c}, t), t
}

// foreignType is the generated type of a //coro:gen function of another package: the type its
// package declares, or, when the package was loaded without it (the analyzer, before the file is
// generated), a type of that name made up for writing it down.
func foreignType(callee *Func) types.Type {
	pkg := callee.Obj.Pkg()
	if tn, ok := pkg.Scope().Lookup(callee.TypeName).(*types.TypeName); ok {
		return tn.Type()
	}
	tn := types.NewTypeName(token.NoPos, pkg, callee.TypeName, nil)
	named := types.NewNamed(tn, types.NewStruct(nil, nil), nil)
	if len(callee.TypeParams) > 0 {
		var tps []*types.TypeParam
		for _, tp := range callee.TypeParams {
			tps = append(tps, types.NewTypeParam(types.NewTypeName(token.NoPos, pkg, tp.Obj().Name(), nil), tp.Constraint()))
		}
		named.SetTypeParams(tps)
	}
	return named
}

// throw is the statement that unwinds the body with err (see normalized.throws).
func (nz *normalizer) throw(err ast.Expr) ast.Stmt {
	s := &ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("throw"), Args: []ast.Expr{err}}}
	nz.out.throws[s] = true
	return s
}

// ---- Switch, type switch, select ----

// retargetBreaks turns the breaks of a switch or select body that leave it into gotos to end.
func retargetBreaks(list []ast.Stmt, end *ast.Ident, label *ast.Ident) {
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				// A break in its body is its own (the statement may be the root itself).
				walkHeader(x, func(h ast.Node) { walk(h, nested) })
				walk(bodyOf(x), true)
				return false
			case *ast.BranchStmt:
				if x.Tok == token.BREAK && ((x.Label == nil && !nested) || (x.Label != nil && label != nil && x.Label.Name == label.Name)) {
					x.Tok, x.Label = token.GOTO, ast.NewIdent(end.Name)
				}
			}
			return true
		})
	}
	for _, s := range list {
		walk(s, false)
	}
}

// chain lays out the clauses of a switch: the tests in order, each a goto to its body, then the
// bodies in source order, each leaving with a goto to the end unless it falls through.
func (nz *normalizer) chain(pre []ast.Stmt, tests [][]ast.Expr, bodies [][]ast.Stmt, dflt int, label *ast.Ident) ast.Stmt {
	end := nz.newLabel("endswitch")
	out := pre
	labels := make([]*ast.Ident, len(bodies))
	for i := range bodies {
		labels[i] = nz.newLabel("case")
	}
	for i, ts := range tests {
		for _, t := range ts {
			out = append(out, &ast.IfStmt{Cond: t, Body: block(gotoStmt(labels[i]))})
		}
	}
	if dflt >= 0 {
		out = append(out, gotoStmt(labels[dflt]))
	} else {
		out = append(out, gotoStmt(end))
	}
	for i, body := range bodies {
		retargetBreaks(body, end, label)
		out = append(out, labeled(labels[i], nil))
		if n := len(body); n > 0 {
			if br, ok := body[n-1].(*ast.BranchStmt); ok && br.Tok == token.FALLTHROUGH {
				out = append(out, body[:n-1]...)
				continue
			}
		}
		out = append(out, body...)
		if i < len(bodies)-1 && (len(body) == 0 || !endsInJump(nz.info, body[len(body)-1])) {
			out = append(out, gotoStmt(end))
		}
	}
	out = append(out, labeled(end, nil))
	return block(out...) // the caller keeps the switch's label, for a goto
}

func (nz *normalizer) desugarSwitch(s *ast.SwitchStmt, label *ast.Ident) ast.Stmt {
	var pre []ast.Stmt
	if s.Init != nil {
		pre = append(pre, s.Init)
	}
	var tag ast.Expr
	if s.Tag != nil {
		def, v := nz.define("tag", s.Tag)
		pre = append(pre, def)
		tag = nz.use(v)
	}
	boolT := types.Typ[types.Bool]
	var tests [][]ast.Expr
	var bodies [][]ast.Stmt
	dflt := -1
	for i, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		var ts []ast.Expr
		for _, e := range cc.List {
			if tag != nil {
				ts = append(ts, nz.binary(nz.use(nz.info.Uses[tag.(*ast.Ident)].(*types.Var)), token.EQL, e, boolT))
			} else {
				ts = append(ts, e)
			}
		}
		if cc.List == nil {
			dflt = i
		}
		tests = append(tests, ts)
		bodies = append(bodies, cc.Body)
	}
	if tag != nil && !anyTest(tests) {
		pre = append(pre, nz.assign(ast.NewIdent("_"), nz.use(nz.info.Uses[tag.(*ast.Ident)].(*types.Var))))
	}
	return nz.chain(pre, tests, bodies, dflt, label)
}

// anyTest reports whether some clause of a switch has a test (not only a default).
func anyTest(tests [][]ast.Expr) bool {
	for _, t := range tests {
		if len(t) > 0 {
			return true
		}
	}
	return false
}

// which is the variable a kept switch or select sets to the number of the clause it took.
func (nz *normalizer) which() (*ast.AssignStmt, *types.Var) {
	return nz.define("which", nz.intLit(0))
}

func (nz *normalizer) whichTests(v *types.Var, n int) [][]ast.Expr {
	tests := make([][]ast.Expr, n)
	for i := range tests {
		tests[i] = []ast.Expr{nz.binary(nz.use(v), token.EQL, nz.intLit(i+1), types.Typ[types.Bool])}
	}
	return tests
}

func (nz *normalizer) desugarTypeSwitch(s *ast.TypeSwitchStmt, label *ast.Ident) ast.Stmt {
	var pre []ast.Stmt
	if s.Init != nil {
		pre = append(pre, s.Init)
	}
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X.(*ast.TypeAssertExpr).X
	case *ast.AssignStmt:
		x = a.Rhs[0].(*ast.TypeAssertExpr).X
	}
	def, xv := nz.define("x", x)
	pre = append(pre, def)
	whichDef, which := nz.which()
	pre = append(pre, whichDef)
	// The kept switch picks the clause; the chain runs it.
	var clauses []ast.Stmt
	var bodies [][]ast.Stmt
	dflt := -1
	for i, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		clauses = append(clauses, &ast.CaseClause{List: cc.List, Body: []ast.Stmt{nz.assign(nz.use(which), nz.intLit(i+1))}})
		if cc.List == nil {
			dflt = i
		}
		body := cc.Body
		if obj, ok := nz.info.Implicits[cc].(*types.Var); ok && nz.usedIn(obj, cc.Body) {
			var val ast.Expr = nz.use(xv)
			if len(cc.List) == 1 && !isNilIdent(nz.info, cc.List[0]) {
				val = nz.typed(&ast.TypeAssertExpr{X: nz.use(xv), Type: cc.List[0]}, obj.Type())
			}
			body = append([]ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{nz.def(obj)}, Tok: token.DEFINE, Rhs: []ast.Expr{val}}}, body...)
		}
		bodies = append(bodies, body)
	}
	pre = append(pre, &ast.TypeSwitchStmt{
		Assign: &ast.ExprStmt{X: &ast.TypeAssertExpr{X: nz.use(xv)}},
		Body:   block(clauses...),
	})
	tests := nz.whichTests(which, len(bodies))
	if dflt >= 0 {
		tests[dflt] = nil
	}
	if !anyTest(tests) {
		pre = append(pre, nz.assign(ast.NewIdent("_"), nz.use(which))) // only a default
	}
	return nz.chain(pre, tests, bodies, dflt, label)
}

func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// usedIn reports whether v is used in list.
func (nz *normalizer) usedIn(v types.Object, list []ast.Stmt) bool {
	found := false
	for _, s := range list {
		ast.Inspect(s, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && nz.info.Uses[id] == v {
				found = true
			}
			return !found
		})
	}
	return found
}

func (nz *normalizer) desugarSelect(s *ast.SelectStmt, label *ast.Ident) ast.Stmt {
	var pre []ast.Stmt
	whichDef, which := nz.which()
	var clauses []ast.Stmt
	var bodies [][]ast.Stmt
	dflt := -1
	for i, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		set := nz.assign(nz.use(which), nz.intLit(i+1))
		body := cc.Body
		var comm ast.Stmt
		switch cm := cc.Comm.(type) {
		case nil:
			dflt = i
		case *ast.SendStmt:
			chDef, ch := nz.define("ch", cm.Chan)
			valDef, val := nz.define("val", cm.Value)
			if t, ok := nz.info.TypeOf(cm.Chan).Underlying().(*types.Chan); ok {
				val = nz.newVar("val", t.Elem())
				valDef = &ast.AssignStmt{Lhs: []ast.Expr{nz.def(val)}, Tok: token.DEFINE, Rhs: []ast.Expr{nz.conv(cm.Value, t.Elem())}}
			}
			pre = append(pre, chDef, valDef)
			comm = &ast.SendStmt{Chan: nz.use(ch), Value: nz.use(val)}
		default:
			// A receive: <-c, v := <-c, v, ok := <-c, or the same with =.
			var recv *ast.UnaryExpr
			var lhs []ast.Expr
			var tok token.Token
			switch cm := cm.(type) {
			case *ast.ExprStmt:
				recv = ast.Unparen(cm.X).(*ast.UnaryExpr)
			case *ast.AssignStmt:
				recv = ast.Unparen(cm.Rhs[0]).(*ast.UnaryExpr)
				lhs, tok = cm.Lhs, cm.Tok
			}
			chDef, ch := nz.define("ch", recv.X)
			pre = append(pre, chDef)
			elem := nz.info.TypeOf(recv.X).Underlying().(*types.Chan).Elem()
			// The received value (and ok) go to temporaries, as many as the case binds.
			recvExpr := nz.typed(&ast.UnaryExpr{Op: token.ARROW, X: nz.use(ch)}, elem)
			if len(lhs) == 0 {
				comm = &ast.ExprStmt{X: recvExpr}
				break
			}
			got := []*types.Var{nz.newVar("got", elem), nz.newVar("ok", types.Typ[types.Bool])}[:len(lhs)]
			var dst, src []ast.Expr
			for _, v := range got {
				pre = append(pre, varDecl(nz.def(v)))
				dst = append(dst, nz.use(v))
				src = append(src, nz.use(v))
			}
			comm = &ast.AssignStmt{Lhs: dst, Tok: token.ASSIGN, Rhs: []ast.Expr{recvExpr}}
			body = append([]ast.Stmt{&ast.AssignStmt{Lhs: lhs, Tok: tok, Rhs: src}}, body...)
		}
		clauses = append(clauses, &ast.CommClause{Comm: comm, Body: []ast.Stmt{set}})
		bodies = append(bodies, body)
	}
	pre = append(pre, whichDef, &ast.SelectStmt{Body: block(clauses...)})
	tests := nz.whichTests(which, len(bodies))
	if dflt >= 0 {
		tests[dflt] = nil
	}
	if !anyTest(tests) {
		pre = append(pre, nz.assign(ast.NewIdent("_"), nz.use(which))) // only a default
	}
	return nz.chain(pre, tests, bodies, dflt, label)
}

// conv is e converted to t where its own type is untyped (a constant sent on a channel).
func (nz *normalizer) conv(e ast.Expr, t types.Type) ast.Expr {
	if b, ok := nz.info.TypeOf(e).(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		return nz.typed(e, t)
	}
	return e
}

func varDecl(name *ast.Ident) ast.Stmt {
	return &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{name}}}}}
}

// ---- Range ----

// desugarRange rewrites a range loop with a yield into a three-clause for loop; nil when it
// cannot (a range over a function), after reporting why.
func (nz *normalizer) desugarRange(s *ast.RangeStmt, label *ast.Ident) ast.Stmt {
	intT := types.Typ[types.Int]
	boolT := types.Typ[types.Bool]
	// bind assigns the key and value of an iteration to the loop's variables.
	bind := func(key, val ast.Expr) []ast.Stmt {
		var out []ast.Stmt
		for _, kv := range [][2]ast.Expr{{s.Key, key}, {s.Value, val}} {
			dst, src := kv[0], kv[1]
			if dst == nil || src == nil {
				continue
			}
			if id, ok := dst.(*ast.Ident); ok && id.Name == "_" {
				continue
			}
			tok := s.Tok
			if tok == token.DEFINE {
				if v, ok := nz.info.Defs[dst.(*ast.Ident)].(*types.Var); ok {
					src = nz.conv(src, v.Type())
				}
			}
			out = append(out, &ast.AssignStmt{Lhs: []ast.Expr{dst}, Tok: tok, Rhs: []ast.Expr{src}})
		}
		return out
	}
	// The range's label stays on the whole (a goto to it evaluates the range expression
	// again); the loop gets a label of its own, which its breaks and continues name.
	var loopLabel *ast.Ident
	if label != nil && namesLabel(s.Body, label.Name) {
		loopLabel = nz.newLabel(label.Name + "Loop")
		relabel(s.Body, label.Name, loopLabel.Name)
	}
	loop := func(init ast.Stmt, cond ast.Expr, post ast.Stmt, body []ast.Stmt) ast.Stmt {
		var f ast.Stmt = &ast.ForStmt{Init: init, Cond: cond, Post: post, Body: block(append(body, s.Body.List...)...)}
		if loopLabel != nil {
			f = labeled(loopLabel, f)
		}
		return f
	}
	inc := func(v *types.Var) ast.Stmt { return &ast.IncDecStmt{X: nz.use(v), Tok: token.INC} }
	// pulledLoop is the loop that pulls values from the iterator itExpr, of type itType (a
	// coro.Puller or a generated coroutine), as deep as depth in ranges over functions:
	//
	//	it := itExpr; enterLoop(it)
	//	for { k, v, ok := it.Next(); if !ok { break }; ... }
	//	leaveLoops(depth)
	pulledLoop := func(itExpr ast.Expr, itType types.Type, depth int) ast.Stmt {
		itDef, it := nz.define("it", nz.typed(itExpr, itType))
		// k, v, ok := it.Next(): as many values as the iterator gives, then ok.
		next := &ast.CallExpr{Fun: &ast.SelectorExpr{X: nz.use(it), Sel: ast.NewIdent("Next")}}
		results := nz.methodResults(itType, "Next")
		if results.Len() == 1 {
			nz.typed(next, boolT) // not a tuple
		}
		var lhs []ast.Expr
		vals := make([]ast.Expr, 2) // the key and the value, nil where the loop drops them
		for i, dst := range []ast.Expr{s.Key, s.Value}[:results.Len()-1] {
			if dst == nil || isBlank(dst) {
				lhs = append(lhs, ast.NewIdent("_"))
				continue
			}
			v := nz.newVar([]string{"k", "v"}[i], results.At(i).Type())
			lhs = append(lhs, nz.def(v))
			vals[i] = nz.use(v)
		}
		ok := nz.newVar("ok", boolT)
		lhs = append(lhs, nz.def(ok))
		pull := &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, Rhs: []ast.Expr{next}}
		done := &ast.IfStmt{Cond: nz.typed(&ast.UnaryExpr{Op: token.NOT, X: nz.use(ok)}, boolT), Body: block(&ast.BranchStmt{Tok: token.BREAK})}
		body := []ast.Stmt{pull, done}
		body = append(body, bind(vals[0], vals[1])...)
		return block(itDef, nz.loopMark("enterLoop", nz.use(it)), loop(nil, nil, nil, body), nz.loopMark("leaveLoops", nz.intLit(depth)))
	}
	xt := nz.info.TypeOf(s.X)
	switch u := coreType(xt).(type) {
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			// for i, w := 0, 0; i < len(t); i += w { r, size := utf8.DecodeRuneInString(t[i:]); w = size; ... }
			x := s.X
			if !types.Identical(xt, types.Typ[types.String]) {
				// A defined string type: the decoder takes a string.
				x = nz.call(nz.builtin("string"), types.Typ[types.String], s.X)
			}
			def, t := nz.define("str", x)
			i := nz.newVar("i", intT)
			w := nz.newVar("w", intT)
			r := nz.newVar("r", types.Typ[types.Rune])
			size := nz.newVar("size", intT)
			init := &ast.AssignStmt{Lhs: []ast.Expr{nz.def(i), nz.def(w)}, Tok: token.DEFINE, Rhs: []ast.Expr{nz.intLit(0), nz.intLit(0)}}
			cond := nz.binary(nz.use(i), token.LSS, nz.call(nz.builtin("len"), intT, nz.use(t)), boolT)
			post := &ast.AssignStmt{Lhs: []ast.Expr{nz.use(i)}, Tok: token.ADD_ASSIGN, Rhs: []ast.Expr{nz.use(w)}}
			var rDef ast.Expr = nz.def(r)
			if s.Value == nil || isBlank(s.Value) {
				rDef = ast.NewIdent("_") // only the offsets are wanted
			}
			decode := &ast.AssignStmt{Lhs: []ast.Expr{rDef, nz.def(size)}, Tok: token.DEFINE, Rhs: []ast.Expr{
				&ast.CallExpr{Fun: nz.qualified("unicode/utf8", "utf8", "DecodeRuneInString"),
					Args: []ast.Expr{nz.typed(&ast.SliceExpr{X: nz.use(t), Low: nz.use(i)}, types.Typ[types.String])}},
			}}
			body := []ast.Stmt{decode, nz.assign(nz.use(w), nz.use(size))}
			body = append(body, bind(nz.use(i), nz.use(r))...)
			return block(def, loop(init, cond, post, body))
		}
		// An integer.
		n := s.X
		if v, ok := s.Key.(*ast.Ident); ok && s.Tok == token.DEFINE {
			if kv, ok := nz.info.Defs[v].(*types.Var); ok {
				n = nz.conv(n, kv.Type())
			}
		}
		def, nv := nz.define("n", n)
		i := nz.newVar("i", nv.Type())
		init := &ast.AssignStmt{Lhs: []ast.Expr{nz.def(i)}, Tok: token.DEFINE, Rhs: []ast.Expr{nz.typed(nz.intLit(0), nv.Type())}}
		cond := nz.binary(nz.use(i), token.LSS, nz.use(nv), boolT)
		return block(def, loop(init, cond, inc(i), bind(nz.use(i), nil)))
	case *types.Slice, *types.Array, *types.Pointer:
		var elem types.Type
		switch u := u.(type) {
		case *types.Slice:
			elem = u.Elem()
		case *types.Array:
			elem = u.Elem()
		case *types.Pointer:
			elem = u.Elem().Underlying().(*types.Array).Elem()
		}
		i := nz.newVar("i", intT)
		init := &ast.AssignStmt{Lhs: []ast.Expr{nz.def(i)}, Tok: token.DEFINE, Rhs: []ast.Expr{nz.intLit(0)}}
		if _, isSlice := u.(*types.Slice); !isSlice && (s.Value == nil || isBlank(s.Value)) && !hasCallOrReceive(nz.info, s.X) {
			// An array with at most the key: len is constant and the range expression is not
			// evaluated (the spec's one exception).
			n := nz.call(nz.builtin("len"), intT, s.X)
			cond := nz.binary(nz.use(i), token.LSS, n, boolT)
			return loop(init, cond, inc(i), bind(nz.use(i), nil))
		}
		def, t := nz.define("xs", s.X)
		cond := nz.binary(nz.use(i), token.LSS, nz.call(nz.builtin("len"), intT, nz.use(t)), boolT)
		var val ast.Expr
		if s.Value != nil {
			val = nz.typed(&ast.IndexExpr{X: nz.use(t), Index: nz.use(i)}, elem)
		}
		return block(def, loop(init, cond, inc(i), bind(nz.use(i), val)))
	case *types.Map:
		if depth, pulled := nz.pulled[s]; pulled {
			// A NaN key cannot be looked up, and only clear removes its entry: Go's own
			// iteration over the map is pulled value by value.
			itType := nz.runtimeType(s.Pos(), "Puller2", u.Key(), u.Elem())
			if itType == nil {
				return nil
			}
			return pulledLoop(nz.call(nz.qualified(RuntimePath, "coro", "PullMap"), itType, s.X), itType, depth)
		}
		// Over a snapshot of the keys: an entry deleted before it is reached is skipped, one
		// added during the loop is not produced (both allowed by the spec).
		def, m := nz.define("m", s.X)
		keysT := types.NewSlice(u.Key())
		keysDef, keys := nz.define("keys", nz.call(nz.qualified(RuntimePath, "coro", "MapKeys"), keysT, nz.use(m)))
		i := nz.newVar("i", intT)
		init := &ast.AssignStmt{Lhs: []ast.Expr{nz.def(i)}, Tok: token.DEFINE, Rhs: []ast.Expr{nz.intLit(0)}}
		cond := nz.binary(nz.use(i), token.LSS, nz.call(nz.builtin("len"), intT, nz.use(keys)), boolT)
		key := nz.newVar("key", u.Key())
		val := nz.newVar("val", u.Elem())
		ok := nz.newVar("ok", boolT)
		body := []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{nz.def(key)}, Tok: token.DEFINE, Rhs: []ast.Expr{nz.typed(&ast.IndexExpr{X: nz.use(keys), Index: nz.use(i)}, u.Key())}},
			&ast.AssignStmt{Lhs: []ast.Expr{nz.def(val), nz.def(ok)}, Tok: token.DEFINE, Rhs: []ast.Expr{nz.typed(&ast.IndexExpr{X: nz.use(m), Index: nz.use(key)}, u.Elem())}},
			&ast.IfStmt{Cond: nz.typed(&ast.UnaryExpr{Op: token.NOT, X: nz.use(ok)}, boolT), Body: block(&ast.BranchStmt{Tok: token.CONTINUE})},
		}
		if s.Value == nil || isBlank(s.Value) {
			body[1].(*ast.AssignStmt).Lhs[0] = ast.NewIdent("_")
		}
		body = append(body, bind(nz.use(key), nz.use(val))...)
		return block(def, keysDef, loop(init, cond, inc(i), body))
	case *types.Chan:
		// for { v, ok := <-c; if !ok { break }; ... }
		def, c := nz.define("ch", s.X)
		v := nz.newVar("v", u.Elem())
		ok := nz.newVar("ok", boolT)
		var vDef ast.Expr = nz.def(v)
		if s.Key == nil || isBlank(s.Key) {
			vDef = ast.NewIdent("_") // for range ch: the values are dropped
		}
		body := []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{vDef, nz.def(ok)}, Tok: token.DEFINE, Rhs: []ast.Expr{nz.typed(&ast.UnaryExpr{Op: token.ARROW, X: nz.use(c)}, u.Elem())}},
			&ast.IfStmt{Cond: nz.typed(&ast.UnaryExpr{Op: token.NOT, X: nz.use(ok)}, boolT), Body: block(&ast.BranchStmt{Tok: token.BREAK})},
		}
		body = append(body, bind(nz.use(v), nil)...)
		return block(def, loop(nil, nil, nil, body))
	case *types.Signature:
		depth, pulled := nz.pulled[s]
		if !pulled {
			// Only the range expression yields: it runs first, and the loop stays a range.
			def, f := nz.define("seq", s.X)
			s.X = nz.use(f)
			var r ast.Stmt = s
			if loopLabel != nil {
				r = labeled(loopLabel, s)
			}
			return block(def, r)
		}
		// it := coro.Pull(f); enterLoop(it)
		// for { k, v, ok := it.Next(); if !ok { break }; ... }; leaveLoops(depth)
		var itExpr ast.Expr
		var itType types.Type
		if sub := nz.generatedAll(s.X); sub != nil {
			itExpr, itType = sub, nz.info.TypeOf(sub)
		} else {
			yieldSig := u.Params().At(0).Type().(*types.Signature)
			var args []types.Type
			for v := range yieldSig.Params().Variables() {
				args = append(args, v.Type())
			}
			name := [...]string{"Pull0", "Pull", "Pull2"}[len(args)]
			itType = nz.runtimeType(s.Pos(), "Puller"+name[len("Pull"):], args...)
			if itType == nil {
				return nil
			}
			itExpr = nz.call(nz.qualified(RuntimePath, "coro", name), itType, s.X)
		}
		return pulledLoop(itExpr, itType, depth)
	}
	nz.errorf(s.Pos(), "internal error: a range over %s was not rewritten; please report it", xt)
	return nil
}

// ---- Range over a function ----

// markLoopExits finds the ranges over a function with a yield in the body (see nz.pulled), and
// puts a leaveLoops(n) before every break, continue and goto that leaves one of them, n the
// number of them around the place it lands at: the iterators of the loops it leaves are stopped,
// as leaving a range over a function makes the iterator's yield return false. A return needs
// none: the machine stops every iterator before it runs the deferred calls.
func (nz *normalizer) markLoopExits(body *ast.BlockStmt) {
	type labelSite struct {
		depth  int  // the ranges over a function around the labeled statement
		pulled bool // it is one of them itself
	}
	labels := map[string]labelSite{}
	var collect func(n ast.Node, depth int)
	collect = func(n ast.Node, depth int) {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.LabeledStmt:
				r, ok := x.Stmt.(*ast.RangeStmt)
				labels[x.Label.Name] = labelSite{depth, ok && nz.isPulled(r)}
			case *ast.RangeStmt:
				if nz.isPulled(x) {
					nz.pulled[x] = depth
					collect(x.X, depth)
					collect(x.Body, depth+1)
					return false
				}
			}
			return true
		})
	}
	collect(body, 0)
	if len(nz.pulled) == 0 {
		return
	}
	exits := map[*ast.BranchStmt]int{}
	// brk and cont are the depths an unlabeled break and continue land at.
	var walk func(n ast.Node, depth, brk, cont int)
	walk = func(n ast.Node, depth, brk, cont int) {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				inner := depth
				if r, ok := x.(*ast.RangeStmt); ok && nz.isPulled(r) {
					inner++
				}
				walkHeader(x, func(h ast.Node) { walk(h, depth, brk, cont) })
				walk(bodyOf(x), inner, depth, inner)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walkHeader(x, func(h ast.Node) { walk(h, depth, brk, cont) })
				walk(bodyOf(x), depth, depth, cont)
				return false
			case *ast.BranchStmt:
				to := -1
				switch {
				case x.Tok == token.FALLTHROUGH:
				case x.Label == nil && x.Tok == token.BREAK:
					to = brk
				case x.Label == nil && x.Tok == token.CONTINUE:
					to = cont
				default:
					site := labels[x.Label.Name]
					to = site.depth
					if x.Tok == token.CONTINUE && site.pulled {
						to++
					}
				}
				if to >= 0 && to < depth {
					exits[x] = to
				}
			}
			return true
		})
	}
	walk(body, 0, -1, -1)
	if len(exits) == 0 {
		return
	}
	mark := func(list []ast.Stmt) []ast.Stmt {
		var out []ast.Stmt
		for _, s := range list {
			if b, ok := s.(*ast.BranchStmt); ok {
				if to, ok := exits[b]; ok {
					out = append(out, nz.loopMark("leaveLoops", nz.intLit(to)))
				}
			}
			out = append(out, s)
		}
		return out
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			n.List = mark(n.List)
		case *ast.CaseClause:
			n.Body = mark(n.Body)
		case *ast.CommClause:
			n.Body = mark(n.Body)
		case *ast.LabeledStmt:
			if b, ok := n.Stmt.(*ast.BranchStmt); ok {
				if _, ok := exits[b]; ok {
					n.Stmt = block(mark([]ast.Stmt{b})...)
				}
			}
		}
		return true
	})
}

// isPulled reports whether r has a yield in its body and ranges over a function, or over a map
// whose keys may be NaN: its values are pulled one by one (see desugarRange).
func (nz *normalizer) isPulled(r *ast.RangeStmt) bool {
	switch u := coreType(nz.info.TypeOf(r.X)).(type) {
	case *types.Signature:
	case *types.Map:
		if !mayBeNaN(u.Key()) {
			return false
		}
	default:
		return false
	}
	return nz.containsYield(r.Body)
}

// loopMark is a statement of normalized.loopMarks: enterLoop(it) or leaveLoops(n).
func (nz *normalizer) loopMark(name string, arg ast.Expr) ast.Stmt {
	s := &ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent(name), Args: []ast.Expr{arg}}}
	nz.out.loopMarks[s] = true
	return s
}

// generatedAll is c for a range over c.All() where c is a coroutine generated by coro, here or in
// an imported package: the loop drives c itself, with Next and Close, rather than pulling through
// a goroutine. nil for any other range expression.
func (nz *normalizer) generatedAll(x ast.Expr) ast.Expr {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "All" {
		return nil
	}
	if s := nz.info.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
		return nil
	}
	ptr, ok := nz.info.TypeOf(sel.X).(*types.Pointer)
	if !ok {
		return nil
	}
	named, ok := ptr.Elem().(*types.Named)
	if !ok || !nz.isGeneratedType(named.Origin().Obj()) {
		return nil
	}
	return sel.X
}

// isGeneratedType reports whether obj is the type of a //coro:gen function: of this package, or
// of the package that declares it, as its directives tell (see Package.foreign).
func (nz *normalizer) isGeneratedType(obj *types.TypeName) bool {
	if obj.Pkg() == nz.pkg.Types {
		for _, f := range nz.pkg.coroFuncs {
			if f != nil && f.TypeName == obj.Name() { // nil: a function known not to be one
				return true
			}
		}
		return false
	}
	if nz.pkg.foreign == nil || obj.Pkg() == nil {
		return false
	}
	names := func(f *types.Func) bool {
		d := nz.pkg.foreign(f)
		return d != nil && d.TypeName == obj.Name()
	}
	scope := obj.Pkg().Scope()
	for _, name := range scope.Names() {
		switch o := scope.Lookup(name).(type) {
		case *types.Func:
			if names(o) {
				return true
			}
		case *types.TypeName:
			if n, ok := o.Type().(*types.Named); ok {
				for m := range n.Methods() {
					if names(m) {
						return true
					}
				}
			}
		}
	}
	return false
}

// runtimeType is the pointer to the runtime's generic type name, instantiated with targs; nil
// when the runtime the package uses has no such type (an older version), after reporting it at
// pos.
func (nz *normalizer) runtimeType(pos token.Pos, name string, targs ...types.Type) types.Type {
	// The runtime as the package sees it: the package of co's type.
	rt := nz.fn.Co.Type().(*types.Pointer).Elem().(*types.Named).Obj().Pkg()
	obj, ok := rt.Scope().Lookup(name).(*types.TypeName)
	if !ok {
		nz.errorf(pos, "this loop needs coro.%s, which the version of %s in use does not have: require the version of the runtime that goes with the tool (go get %s@latest)", name, RuntimePath, RuntimePath)
		return nil
	}
	t := obj.Type()
	if len(targs) > 0 {
		inst, err := types.Instantiate(nil, t, targs, true)
		if err != nil {
			panic(err) // a bug: the runtime's constraints are any
		}
		t = inst
	}
	return types.NewPointer(t)
}

// methodResults are the results of the method name of t.
func (nz *normalizer) methodResults(t types.Type, name string) *types.Tuple {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nz.pkg.Types, name)
	return obj.Type().(*types.Signature).Results()
}

// ---- Marking ----

// stmtList marks the statements of list; it reports whether any of them yields.
func (nz *normalizer) stmtList(list []ast.Stmt) bool {
	any := false
	for _, s := range list {
		if nz.stmt(s) {
			any = true
		}
	}
	return any
}

// stmt marks s and reports whether it contains a yield.
func (nz *normalizer) stmt(s ast.Stmt) bool {
	y := nz.stmtYields(s)
	if y {
		nz.out.yields[s] = true
	}
	return y
}

// stmtYields marks the statements of s, and checks that every yield in s stands where flatten
// takes it: after the rewrite, anything else is a bug of the tool, reported rather than
// miscompiled.
func (nz *normalizer) stmtYields(s ast.Stmt) bool {
	switch s := s.(type) {
	case nil:
		return false
	case *ast.BlockStmt:
		return nz.stmtList(s.List)
	case *ast.LabeledStmt:
		return nz.stmt(s.Stmt)
	case *ast.ExprStmt:
		if call, k := yieldCall(nz.info, nz.fn, s.X); k != notYield {
			nz.noYieldIn(call.Args...)
			return true
		}
		nz.noYieldIn(s.X)
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			if call, k := yieldCall(nz.info, nz.fn, s.Rhs[0]); k != notYield {
				nz.noYieldIn(call.Args...)
				nz.noYieldIn(s.Lhs...)
				return true
			}
		}
		nz.noYieldIn(s.Lhs...)
		nz.noYieldIn(s.Rhs...)
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return false
		}
		yields := false
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if len(vs.Values) == 1 {
				if call, k := yieldCall(nz.info, nz.fn, vs.Values[0]); k != notYield {
					nz.noYieldIn(call.Args...)
					yields = true
					continue
				}
			}
			nz.noYieldIn(vs.Values...)
		}
		return yields
	case *ast.IfStmt:
		y := nz.stmt(s.Init)
		nz.noYieldIn(s.Cond)
		if nz.stmt(s.Body) {
			y = true
		}
		if nz.stmt(s.Else) {
			y = true
		}
		return y
	case *ast.ForStmt:
		y := nz.stmt(s.Init)
		nz.noYieldIn(s.Cond)
		if nz.stmt(s.Post) {
			y = true
		}
		if nz.stmt(s.Body) {
			y = true
		}
		return y
	default:
		if nz.containsYield(s) {
			nz.errorf(s.Pos(), "internal error: a yield in a %T was not rewritten; please report it", s)
		}
	}
	return false
}

// noYieldIn reports a yield inside any of the expressions (a bug of the rewrite).
func (nz *normalizer) noYieldIn(exprs ...ast.Expr) {
	for _, e := range exprs {
		if e != nil && nz.containsYield(e) {
			nz.errorf(e.Pos(), "internal error: a yield inside an expression was not spilled; please report it")
		}
	}
}

// containsYield reports whether a yield appears anywhere in n outside func literals.
func (nz *normalizer) containsYield(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if e, ok := n.(ast.Expr); ok {
			if _, k := yieldCall(nz.info, nz.fn, e); k != notYield {
				found = true
			}
		}
		return !found
	})
	return found
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// mayBeNaN reports whether a map key of type t may be NaN, which no lookup finds.
func mayBeNaN(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsFloat|types.IsComplex) != 0
	case *types.Interface:
		return true
	case *types.Array:
		return mayBeNaN(u.Elem())
	case *types.Struct:
		for i := range u.NumFields() {
			if mayBeNaN(u.Field(i).Type()) {
				return true
			}
		}
	}
	return false
}

// coreType is the underlying type of t, or for a type parameter the one underlying type of all
// the types its constraint allows (nil when they differ).
func coreType(t types.Type) types.Type {
	tp, ok := t.(*types.TypeParam)
	if !ok {
		return t.Underlying()
	}
	iface, ok := tp.Constraint().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var core types.Type
	for i := range iface.NumEmbeddeds() {
		var terms []types.Type
		switch e := iface.EmbeddedType(i).(type) {
		case *types.Union:
			for j := range e.Len() {
				terms = append(terms, e.Term(j).Type().Underlying())
			}
		default:
			terms = append(terms, coreType(e))
		}
		for _, u := range terms {
			if u == nil {
				return nil
			}
			if core == nil {
				core = u
			} else if !types.Identical(core, u) {
				return nil
			}
		}
	}
	return core
}

// hasCallOrReceive reports whether e holds a function call or a channel receive, which make
// len(e) of an array not constant.
func hasCallOrReceive(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; !ok || !tv.IsType() {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = true
			}
		}
		return !found
	})
	return found
}

// endsInJump reports whether nothing after s in its list can run: a terminating statement, or a
// break, continue or goto (vet calls anything after them unreachable).
func endsInJump(info *types.Info, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.BranchStmt:
		return s.Tok != token.FALLTHROUGH
	case *ast.BlockStmt:
		// As vet sees it: after { ...; break } nothing runs either.
		return len(s.List) > 0 && endsInJump(info, s.List[len(s.List)-1])
	}
	return isTerminating(info, s)
}

// namesLabel reports whether a break or continue in body names the label.
func namesLabel(body *ast.BlockStmt, label string) bool {
	found := false
	relabelFunc(body, label, func(*ast.BranchStmt) { found = true })
	return found
}

// relabel renames the label of the breaks and continues in body that name from.
func relabel(body *ast.BlockStmt, from, to string) {
	relabelFunc(body, from, func(b *ast.BranchStmt) { b.Label = ast.NewIdent(to) })
}

// relabelFunc calls f on the breaks and continues in body that name from.
func relabelFunc(body *ast.BlockStmt, from string, f func(*ast.BranchStmt)) {
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if b, ok := n.(*ast.BranchStmt); ok && b.Label != nil && b.Label.Name == from && b.Tok != token.GOTO {
			f(b)
		}
		return true
	})
}
