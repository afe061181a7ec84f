package gen

// Stage 3, normalize: takes a checked body and gives the set of its statements that contain a
// yield, every yield standing where flatten handles it, or a positioned error for one that does
// not.
//
// The forms flatten takes: a yield as a statement (co.Yield(v)), as the whole right side of an
// assignment (x = co.Yield(v), x := ..., x op= ..., v, err := co.YieldErr(v)) or of a var
// declaration; and statements that hold such yields: blocks, if/else (yields in the init
// statement and the branches), for in all three forms (yields in the init and post statements and
// the body), break and continue, return, defer. A yield anywhere else, and a goto, switch,
// select, range or labeled statement around a yield, is rejected with a message that says what
// to write instead.

import (
	"go/ast"
	"go/token"
	"go/types"
)

// normalized is the output of normalize for one function.
type normalized struct {
	// yields holds every statement of the body (outside func literals) that contains a yield,
	// at any depth.
	yields map[ast.Stmt]bool
}

// normalize validates fn's body and marks the statements that contain yields.
func normalize(pkg *Package, fn *Func, errs *ErrorList) *normalized {
	n := &normalized{yields: map[ast.Stmt]bool{}}
	nz := &normalizer{pkg: pkg, fn: fn, info: pkg.Info, errs: errs, out: n}
	nz.stmtList(fn.Decl.Body.List)
	// Constructs that the machine cannot keep as written, even without a yield inside.
	ast.Inspect(fn.Decl.Body, func(node ast.Node) bool {
		switch s := node.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if s.Tok == token.GOTO && len(n.yields) > 0 {
				nz.errorf(s.Pos(), "goto in a coroutine body that yields is not supported yet: use a loop with break or continue")
			}
		}
		return true
	})
	return n
}

type normalizer struct {
	pkg  *Package
	fn   *Func
	info *types.Info
	errs *ErrorList
	out  *normalized
}

func (nz *normalizer) errorf(pos token.Pos, format string, args ...any) {
	nz.errs.errorf(nz.pkg.Fset, pos, format, args...)
}

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

func (nz *normalizer) stmtYields(s ast.Stmt) bool {
	switch s := s.(type) {
	case nil:
		return false
	case *ast.BlockStmt:
		return nz.stmtList(s.List)
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
	case *ast.ReturnStmt:
		nz.noYieldIn(s.Results...)
	case *ast.IncDecStmt:
		nz.noYieldIn(s.X)
	case *ast.SendStmt:
		nz.noYieldIn(s.Chan, s.Value)
	case *ast.GoStmt:
		nz.noYieldIn(s.Call)
	case *ast.DeferStmt:
		nz.noYieldIn(s.Call)
	case *ast.LabeledStmt:
		if nz.containsYield(s.Stmt) {
			nz.errorf(s.Pos(), "a labeled statement around a yield is not supported yet: use break or continue without a label, or move the yield out of it")
		}
	case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.RangeStmt:
		if nz.containsYield(s) {
			nz.errorf(s.Pos(), "a yield inside %s is not supported yet: rewrite it with if/else and for loops, e.g. for i := 0; i < len(xs); i++ for a range over a slice", stmtName(s))
		}
	}
	return false
}

// noYieldIn reports a yield inside any of the expressions: the forms flatten takes are whole
// statements.
func (nz *normalizer) noYieldIn(exprs ...ast.Expr) {
	for _, e := range exprs {
		if e == nil {
			continue
		}
		ast.Inspect(e, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if e, ok := n.(ast.Expr); ok {
				if call, k := yieldCall(nz.info, nz.fn, e); k != notYield {
					nz.errorf(call.Pos(), "a yield inside an expression is not supported yet: assign it to a variable first, e.g. v := %s, and use v", types.ExprString(call))
					return false
				}
			}
			return true
		})
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

func stmtName(s ast.Stmt) string {
	switch s.(type) {
	case *ast.SwitchStmt:
		return "a switch"
	case *ast.TypeSwitchStmt:
		return "a type switch"
	case *ast.SelectStmt:
		return "a select"
	case *ast.RangeStmt:
		return "a for range loop"
	}
	return "this statement"
}
