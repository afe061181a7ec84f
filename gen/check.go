package gen

// Stage 2, check: takes a loaded package and gives each //coro:gen function's signature in
// types (Y, S, R, receiver, parameters) and a verdict on every use of co, or positioned errors.
//
// co is the handle of the coroutine; after the transform it no longer exists, so the body may use
// it only where the transform can see it: as the receiver of a marker, co.Yield(v) or
// co.YieldErr(v), called directly and not inside a func literal (a func literal can be called
// after the coroutine has moved on, and it cannot suspend its caller).

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// yieldKind tells a marker call from any other expression.
type yieldKind int

const (
	notYield   yieldKind = iota
	plainYield           // co.Yield(v): S
	errYield             // co.YieldErr(v): (S, error)
	fromYield            // coro.YieldFrom(co, sub): R
	callYield            // f(co, ...) of another //coro:gen function f: a delegated call
)

// Check fills in the types of every function of pkg and checks its use of co.
func Check(pkg *Package) error {
	var errs ErrorList
	// The coroutine functions of the package, for delegated calls between them.
	pkg.coroFuncs = map[*types.Func]*Func{}
	all := append(append([]*SourceFile(nil), pkg.Files...), pkg.extra...)
	for _, f := range all {
		for _, fn := range f.Funcs {
			fn.pkg = pkg
			if obj, ok := pkg.Info.Defs[fn.Decl.Name].(*types.Func); ok {
				pkg.coroFuncs[obj] = fn
			}
		}
	}
	for _, f := range pkg.Files {
		for _, fn := range f.Funcs {
			checkFunc(pkg, fn, &errs)
		}
	}
	// The package's own functions, seen from its test variant: their errors are the
	// package's to report.
	for _, f := range pkg.extra {
		for _, fn := range f.Funcs {
			var ignored ErrorList
			checkFunc(pkg, fn, &ignored)
		}
	}
	// The delegated calls between the functions of the package, before normalize rewrites
	// them: a callee that can reach its caller again is held by pointer (see recursive).
	pkg.delegations = map[*Func][]*Func{}
	for _, f := range all {
		for _, fn := range f.Funcs {
			if fn.Co == nil {
				continue
			}
			ast.Inspect(fn.Decl.Body, func(n ast.Node) bool {
				if e, ok := n.(ast.Expr); ok {
					if call, k := yieldCall(pkg.Info, fn, e); k == callYield {
						if callee := delegatedCallee(pkg.Info, fn, call.Fun); callee != nil && callee.pkg == pkg {
							pkg.delegations[fn] = append(pkg.delegations[fn], callee)
						}
					}
				}
				return true
			})
		}
	}
	pkg.findCallingOut(all)
	return errs.err()
}

// findCallingOut sets pkg.callingOut: a function calls out when its own body calls something
// (see bodyEffects) other than a marker or a delegated call of a function of the package, or
// when a function it delegates to calls out. A cycle of delegations that calls nothing else
// calls nothing. It reads the bodies as written, before normalize rewrites them.
func (pkg *Package) findCallingOut(files []*SourceFile) {
	pkg.callingOut = map[*Func]bool{}
	var funcs []*Func
	for _, f := range files {
		for _, fn := range f.Funcs {
			if fn.Co == nil {
				continue
			}
			funcs = append(funcs, fn)
			internal := func(c *ast.CallExpr) bool {
				_, k := yieldCall(pkg.Info, fn, c)
				if k != callYield {
					return false
				}
				callee := delegatedCallee(pkg.Info, fn, c.Fun)
				return callee != nil && callee.pkg == pkg
			}
			pkg.callingOut[fn], _ = bodyEffects(pkg.Info, fn.Decl.Body, internal)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range funcs {
			if pkg.callingOut[fn] {
				continue
			}
			for _, callee := range pkg.delegations[fn] {
				if pkg.callingOut[callee] {
					pkg.callingOut[fn], changed = true, true
					break
				}
			}
		}
	}
}

// callsOut reports whether running fn's body may run code other than the generated machines of
// the package (see findCallingOut); a function of another package may.
func (pkg *Package) callsOut(fn *Func) bool {
	out, ok := pkg.callingOut[fn]
	return out || !ok
}

// recursive reports whether a delegated call from caller to callee can lead back to caller:
// then the callee's machine cannot be a field of the caller's by value (the type would contain
// itself), and the caller holds a pointer to it. A callee of another package never can.
func (pkg *Package) recursive(caller, callee *Func) bool {
	seen := map[*Func]bool{}
	var reaches func(f *Func) bool
	reaches = func(f *Func) bool {
		if f == caller {
			return true
		}
		if seen[f] {
			return false
		}
		seen[f] = true
		for _, g := range pkg.delegations[f] {
			if reaches(g) {
				return true
			}
		}
		return false
	}
	return reaches(callee)
}

// heldByPointer reports whether a delegated call of the package holds fn's machine by pointer
// (see recursive): its type then has a renew method.
func (pkg *Package) heldByPointer(fn *Func) bool {
	for caller, callees := range pkg.delegations {
		if slices.Contains(callees, fn) && pkg.recursive(caller, fn) {
			return true
		}
	}
	return false
}

// The methods and fields of a generated type held by pointer (see heldByPointer): renew makes
// its machine for a recursive delegated call (see emitter.renew); the others keep the stack of
// the recursive calls under way, so that the outermost machine resumes the innermost one
// directly (see emitter.innerStack).
const (
	renewMethod     = "renew"
	stepInnerMethod = "stepInner"
	innerStackField = "coroStack"
	innerTopField   = "coroTop"
)

// setSignature sets the type parameters and the results of fn from its signature; false when
// the results are not none, R, error or (R, error).
func (fn *Func) setSignature(sig *types.Signature) bool {
	for _, list := range []*types.TypeParamList{sig.TypeParams(), sig.RecvTypeParams()} {
		for i := range list.Len() {
			fn.TypeParams = append(fn.TypeParams, list.At(i))
		}
	}
	res := sig.Results()
	errType := types.Universe.Lookup("error").Type()
	switch {
	case res.Len() == 0:
	case res.Len() == 1 && types.Identical(res.At(0).Type(), errType):
		fn.HasErr = true
	case res.Len() == 1:
		fn.Result = res.At(0).Type()
	case res.Len() == 2 && types.Identical(res.At(1).Type(), errType):
		fn.Result, fn.HasErr = res.At(0).Type(), true
	default:
		return false
	}
	return true
}

// foreignFunc is the Func of obj, a //coro:gen function or method of another package, with what
// a delegated call needs: the generated names and the signature's types; nil if obj is not one.
func (pkg *Package) foreignFunc(obj *types.Func) *Func {
	if pkg.foreign == nil {
		return nil
	}
	d := pkg.foreign(obj)
	if d == nil {
		return nil
	}
	sig, ok := obj.Type().(*types.Signature)
	if !ok || sig.Params().Len() == 0 {
		return nil
	}
	y, s, ok := coTypes(sig.Params().At(0).Type())
	if !ok {
		return nil
	}
	fn := &Func{Obj: obj, TypeName: d.TypeName, CtorName: d.CtorName, decl: d, Yield: y, Sent: s, Recv: sig.Recv()}
	for i := 1; i < sig.Params().Len(); i++ {
		fn.Params = append(fn.Params, sig.Params().At(i))
	}
	if !fn.setSignature(sig) {
		return nil
	}
	return fn
}

// funcKeyOf names obj for the directives of its package (see coroDecl).
func funcKeyOf(obj *types.Func) funcKey {
	k := funcKey{name: obj.Name()}
	if obj.Pkg() != nil {
		k.pkg = obj.Pkg().Path()
	}
	if sig, ok := obj.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		switch t := types.Unalias(t).(type) {
		case *types.Named:
			k.recv = t.Obj().Name()
		}
	}
	return k
}

// name is how an error message names the function: walk, (*Tree).walk, pkg.Walk.
func (fn *Func) name() string {
	if fn.Decl != nil {
		return fn.Decl.Name.Name
	}
	name := fn.Obj.Name()
	if k := funcKeyOf(fn.Obj); k.recv != "" {
		name = k.recv + "." + name
	}
	return fn.Obj.Pkg().Name() + "." + name
}

func checkFunc(pkg *Package, fn *Func, errs *ErrorList) {
	info, fset, d := pkg.Info, pkg.Fset, fn.Decl
	obj, _ := info.Defs[d.Name].(*types.Func)
	if obj == nil {
		errs.errorf(fset, d.Name.Pos(), "%s has no type information; fix the errors above first", d.Name.Name)
		return
	}
	fn.Obj = obj
	if d.Body == nil {
		errs.errorf(fset, d.Name.Pos(), "//coro:gen function %s has no body: write the body in Go", d.Name.Name)
		return
	}
	sig := obj.Type().(*types.Signature)
	if sig.Params().Len() == 0 {
		errs.errorf(fset, d.Type.Params.Pos(), "the first parameter of a //coro:gen function must be co *coro.Co[Y, S]")
		return
	}
	co := sig.Params().At(0)
	y, s, ok := coTypes(co.Type())
	if !ok {
		errs.errorf(fset, d.Type.Params.List[0].Type.Pos(), "the first parameter of a //coro:gen function must be co *coro.Co[Y, S] from %s, found %s", RuntimePath, types.TypeString(co.Type(), types.RelativeTo(pkg.Types)))
		return
	}
	if sig.Variadic() && sig.Params().Len() == 1 {
		errs.errorf(fset, d.Type.Params.Pos(), "the co parameter cannot be variadic")
		return
	}
	fn.Co, fn.Yield, fn.Sent = co, y, s
	if co.Name() == "" || co.Name() == "_" {
		fn.Co = nil
	}
	for i := 1; i < sig.Params().Len(); i++ {
		fn.Params = append(fn.Params, sig.Params().At(i))
	}
	fn.Recv = sig.Recv()
	res := sig.Results()
	if !fn.setSignature(sig) {
		errs.errorf(fset, d.Type.Results.Pos(), "a //coro:gen function returns nothing, R, error or (R, error): return a struct to give more than one value")
		return
	}
	if res.Len() > 0 && res.At(0).Name() != "" {
		for i := range res.Len() {
			fn.NamedResults = append(fn.NamedResults, res.At(i))
		}
	}
	if fn.Co != nil {
		checkCoUses(pkg, fn, errs)
	}
}

// coTypes returns Y and S of *coro.Co[Y, S].
func coTypes(t types.Type) (y, s types.Type, ok bool) {
	p, ok := t.(*types.Pointer)
	if !ok {
		return nil, nil, false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != RuntimePath || n.Obj().Name() != "Co" {
		return nil, nil, false
	}
	args := n.TypeArgs()
	if args.Len() != 2 {
		return nil, nil, false
	}
	return args.At(0), args.At(1), true
}

// checkCoUses walks the body and reports every use of co that is not a marker call outside a
// func literal.
func checkCoUses(pkg *Package, fn *Func, errs *ErrorList) {
	info, fset := pkg.Info, pkg.Fset
	var stack []ast.Node
	ast.Inspect(fn.Decl.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || info.Uses[id] != fn.Co {
			return true
		}
		// id is co: its parent must be co.Yield or co.YieldErr, called (parentheses aside).
		var sel *ast.SelectorExpr
		var call *ast.CallExpr
		i := outsideParens(stack, len(stack)-2)
		if i >= 0 {
			sel, _ = stack[i].(*ast.SelectorExpr)
		}
		j := outsideParens(stack, i-1)
		if j >= 0 {
			call, _ = stack[j].(*ast.CallExpr)
		}
		if c, ok := stack[i].(*ast.CallExpr); ok && len(c.Args) > 0 && ast.Unparen(c.Args[0]) == id &&
			((len(c.Args) == 2 && isYieldFromFunc(info, c.Fun)) || delegatedCallee(info, fn, c.Fun) != nil) {
			for _, outer := range stack[:len(stack)-1] {
				if _, ok := outer.(*ast.FuncLit); ok {
					errs.errorf(fset, c.Pos(), "coro.YieldFrom inside a func literal cannot suspend the coroutine: delegate in the body of %s itself", fn.Decl.Name.Name)
					break
				}
			}
			checkPromoted(pkg, c, errs)
			if callee := delegatedCallee(info, fn, c.Fun); callee != nil && callee.decl != nil && !token.IsExported(callee.CtorName) {
				k := funcKeyOf(callee.Obj)
				errs.errorf(fset, c.Pos(), "the call of %s cannot be delegated from package %s: its generated constructor %s is not exported, as //coro:gen %s at %s names the generated type in lower case: write //coro:gen alone there (the type is then %s), or a name with a capital letter", callee.name(), pkg.Name, callee.CtorName, callee.TypeName, relPosition(callee.decl.Directive), defaultTypeName(k.recv, k.name))
			} else if callee != nil && callee.decl != nil && callee.decl.outdated.IsValid() {
				lib := callee.Obj.Pkg()
				errs.errorf(fset, c.Pos(), "the delegated call of %s needs the method Unwound of %s.%s, which the generated file of package %s lacks (%s, written by an older coro): regenerate that package, with go generate %s or go run github.com/stackless-go/coro/cmd/coro %s, or run coro on both packages at once", callee.name(), lib.Name(), callee.TypeName, lib.Path(), relPosition(callee.decl.outdated), lib.Path(), lib.Path())
			}
			return true
		}
		if sel == nil || ast.Unparen(sel.X) != id || call == nil || ast.Unparen(call.Fun) != sel ||
			(sel.Sel.Name != "Yield" && sel.Sel.Name != "YieldErr") {
			errs.errorf(fset, id.Pos(), "%s may only be used to yield, as %s.Yield(v), %s.YieldErr(v) or coro.YieldFrom(%s, sub), or passed first to another //coro:gen function: the generated machine has no %s to store, pass or call other methods on", id.Name, id.Name, id.Name, id.Name, id.Name)
			return true
		}
		if j >= 1 {
			switch stmt := stack[j-1].(type) {
			case *ast.DeferStmt:
				if stmt.Call == call {
					errs.errorf(fset, call.Pos(), "defer %s.%s(...) would yield when the body returns, and a deferred call cannot suspend the coroutine: yield as a statement, %s.%s(v)", id.Name, sel.Sel.Name, id.Name, sel.Sel.Name)
					return true
				}
			case *ast.GoStmt:
				if stmt.Call == call {
					errs.errorf(fset, call.Pos(), "go %s.%s(...): a go statement would yield on another goroutine, which cannot suspend the coroutine: yield as a statement, %s.%s(v)", id.Name, sel.Sel.Name, id.Name, sel.Sel.Name)
					return true
				}
			}
		}
		for _, outer := range stack[:len(stack)-1] {
			if lit, ok := outer.(*ast.FuncLit); ok {
				errs.errorf(fset, call.Pos(), "%s.%s inside a func literal cannot suspend the coroutine (the literal may run after the coroutine has moved on): yield in the body of %s itself, e.g. collect values in the literal and yield them after it returns", id.Name, sel.Sel.Name, fn.Decl.Name.Name)
				_ = lit
				break
			}
		}
		return true
	})
}

// yieldCall tells whether e (parentheses aside) is a marker call on fn's co, and which.
func yieldCall(info *types.Info, fn *Func, e ast.Expr) (*ast.CallExpr, yieldKind) {
	if fn.Co == nil {
		return nil, notYield
	}
	e = ast.Unparen(e)
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil, notYield
	}
	if len(call.Args) > 0 {
		if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok && info.Uses[id] == fn.Co && delegatedCallee(info, fn, call.Fun) != nil {
			return call, callYield
		}
	}
	if isYieldFromFunc(info, call.Fun) && len(call.Args) == 2 {
		if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok && info.Uses[id] == fn.Co {
			return call, fromYield
		}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, notYield
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || info.Uses[id] != fn.Co {
		return nil, notYield
	}
	switch sel.Sel.Name {
	case "Yield":
		return call, plainYield
	case "YieldErr":
		return call, errYield
	}
	return nil, notYield
}

// nameClashes reports the generated names that the package already declares itself (in a test
// variant, the test files count, and so do the generated names of the package under test; in a
// package, so do its in-package test files, which go test compiles with it), those under which
// one of its files imports a package, and those that a package dot-imported by one of its files
// exports: Go has no room for both in a package.
func nameClashes(pkg *Package) ErrorList {
	var errs ErrorList
	files := slices.Concat(pkg.syntax, pkg.tests)
	for _, f := range append(append([]*SourceFile(nil), pkg.Files...), pkg.extra...) {
		for _, fn := range f.Funcs {
			for _, name := range []string{fn.TypeName, fn.CtorName} {
				for _, file := range files {
					path := pkg.Fset.Position(file.Pos()).Filename
					if path == "" || isOverlay(file) {
						continue
					}
					if obj := declaredIn(file, name); obj != nil {
						errs.errorf(pkg.Fset, fn.Directive, "coro generates %s for %s, but the package already declares %s at %s: name the generated type with //coro:gen OtherName", name, fn.Decl.Name.Name, name, relPosition(pkg.Fset.Position(obj.Pos())))
					} else if spec := pkg.importedAs(file, name); spec != nil {
						errs.errorf(pkg.Fset, fn.Directive, "coro generates %s for %s, but a file of the package imports %s as %s at %s: name the generated type with //coro:gen OtherName, or import the package under another name", name, fn.Decl.Name.Name, spec.Path.Value, name, relPosition(pkg.Fset.Position(spec.Pos())))
					} else if spec, lib := pkg.dotImports(file, name); spec != nil {
						errs.errorf(pkg.Fset, fn.Directive, "coro generates %s for %s, but a file of the package dot-imports package %s (%s) at %s, which exports %s too, and no name may be both declared in the package and imported into one of its files: name the generated type with //coro:gen OtherName, or import the package with a name instead of the dot, %s %s", name, fn.Decl.Name.Name, lib.Name(), spec.Path.Value, relPosition(pkg.Fset.Position(spec.Pos())), name, lib.Name(), spec.Path.Value)
					}
				}
			}
		}
	}
	return errs
}

// isOverlay reports whether f is the overlay that stands for a generated file during type
// checking (see stubFile): what it declares is the tool's own.
func isOverlay(f *ast.File) bool {
	return len(f.Comments) > 0 && f.Comments[0].Pos() < f.Package && f.Comments[0].List[0].Text == Header
}

// declaredIn finds a package-level declaration of name in f.
func declaredIn(f *ast.File, name string) *ast.Ident {
	for _, id := range declaredNames(f) {
		if id.Name == name {
			return id
		}
	}
	return nil
}

// declaredNames are the names f declares at package level (methods are not).
func declaredNames(f *ast.File) []*ast.Ident {
	var names []*ast.Ident
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name)
				case *ast.ValueSpec:
					names = append(names, s.Names...)
				}
			}
		}
	}
	return names
}

// dotImports finds the dot import of f that brings name into its file block (import .
// "path", of a package that exports name), and the package it imports; nil if there is none, or
// if the package is not known (an in-package test file may import a package that the package
// itself does not, directly or not: go test reports that clash).
func (p *Package) dotImports(f *ast.File, name string) (*ast.ImportSpec, *types.Package) {
	if !token.IsExported(name) {
		return nil, nil
	}
	for _, spec := range f.Imports {
		if spec.Name == nil || spec.Name.Name != "." {
			continue
		}
		// The package: as the type check saw the file, or, for a test file it did not see,
		// among those the package imports.
		var lib *types.Package
		if pn, ok := p.Info.Defs[spec.Name].(*types.PkgName); ok {
			lib = pn.Imported()
		} else if path, err := strconv.Unquote(spec.Path.Value); err == nil {
			lib = p.importedPackage(path)
		}
		if lib != nil && lib.Scope().Lookup(name) != nil {
			return spec, lib
		}
	}
	return nil, nil
}

// importedAs finds the import of f that takes name in its file block: written as name "path", or
// of a package named name. (A dot import's names are dotImports'.)
func (p *Package) importedAs(f *ast.File, name string) *ast.ImportSpec {
	for _, spec := range f.Imports {
		if p.importName(spec) == name {
			return spec
		}
	}
	return nil
}

// importName is the name an import of one of the package's files takes in its file block: the
// one written, or the package's own; "" for a blank or dot import, or a package not known.
func (p *Package) importName(spec *ast.ImportSpec) string {
	if spec.Name != nil {
		if spec.Name.Name == "_" || spec.Name.Name == "." {
			return ""
		}
		return spec.Name.Name
	}
	if p.Info != nil {
		if pn, ok := p.Info.Implicits[spec].(*types.PkgName); ok {
			return pn.Name()
		}
	}
	path, _ := strconv.Unquote(spec.Path.Value)
	return p.testImports[path]
}

// levelNames are the names declared at package level in the package as go test compiles it:
// those of its scope (its files, and the generated types and constructors, from the overlay)
// and, in a package, those of its in-package test files and of their generated files. The
// imports of a generated file avoid them.
func (p *Package) levelNames() map[string]bool {
	if p.level != nil {
		return p.level
	}
	level := map[string]bool{}
	for _, n := range p.Types.Scope().Names() {
		level[n] = true
	}
	for _, f := range p.tests {
		for _, id := range declaredNames(f) {
			level[id.Name] = true
		}
		var ignored ErrorList // the test variant reports them, when it has something to generate
		for _, fn := range findDirectives(p.Fset, f, &ignored) {
			level[fn.TypeName] = true
			level[fn.CtorName] = true
		}
	}
	p.level = level
	return level
}

// outsideParens is the index of the first node of stack, from i towards the root, that is not a
// parenthesis; -1 if none.
func outsideParens(stack []ast.Node, i int) int {
	for i >= 0 {
		if _, ok := stack[i].(*ast.ParenExpr); !ok {
			break
		}
		i--
	}
	return i
}

// calledFunc is the function or method that fun names: f, f[T], x.m, pkg.F; nil if none.
func calledFunc(info *types.Info, fun ast.Expr) *types.Func {
	fun = ast.Unparen(fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.Ident:
		id = f
	default:
		return nil
	}
	obj, _ := info.Uses[id].(*types.Func)
	return obj
}

// isYieldFromFunc reports whether fun is the runtime's YieldFrom, instantiated or not.
func isYieldFromFunc(info *types.Info, fun ast.Expr) bool {
	obj := calledFunc(info, fun)
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == RuntimePath && obj.Name() == "YieldFrom"
}

// delegatedCallee is the //coro:gen function (of the package or of another) that fun names, if
// any: f, f[T], x.m, pkg.F.
func delegatedCallee(info *types.Info, fn *Func, fun ast.Expr) *Func {
	if fn.pkg == nil {
		return nil
	}
	obj := calledFunc(info, fun)
	if obj == nil {
		return nil
	}
	obj = obj.Origin()
	if f, ok := fn.pkg.coroFuncs[obj]; ok {
		return f // nil: known not to be one
	}
	if obj.Pkg() == nil || obj.Pkg() == fn.pkg.Types {
		return nil
	}
	f := fn.pkg.foreignFunc(obj)
	fn.pkg.coroFuncs[obj] = f
	return f
}

// methodSelector is the x.m of a call's function x.m or x.m[T], nil if it is not a selector.
func methodSelector(fun ast.Expr) *ast.SelectorExpr {
	fun = ast.Unparen(fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	sel, _ := ast.Unparen(fun).(*ast.SelectorExpr)
	return sel
}

// promotedFields are, for a call of a method promoted from an embedded field (x.m for x.E.F.m),
// the embedded fields on the way to the method's receiver, E then F; nil for any other call.
func promotedFields(info *types.Info, fun ast.Expr) []*types.Var {
	sel := methodSelector(fun)
	if sel == nil {
		return nil
	}
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || len(s.Index()) < 2 {
		return nil
	}
	var fields []*types.Var
	t := s.Recv()
	for _, i := range s.Index()[:len(s.Index())-1] {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		f := st.Field(i)
		fields = append(fields, f)
		t = f.Type()
	}
	return fields
}

// checkPromoted reports a delegated call x.m(co, ...) of a method promoted through an embedded
// field that the package cannot name: normalize writes the call as x.E.F.m(co, ...), and an
// unexported field of another package's type cannot be written there.
func checkPromoted(pkg *Package, call *ast.CallExpr, errs *ErrorList) {
	fields := promotedFields(pkg.Info, call.Fun)
	var path []string
	for _, f := range fields {
		path = append(path, f.Name())
	}
	for _, f := range fields {
		if f.Exported() || f.Pkg() == nil || f.Pkg().Path() == pkg.Types.Path() {
			continue
		}
		sel := methodSelector(call.Fun)
		errs.errorf(pkg.Fset, call.Pos(), "the delegated call of %s goes through the embedded field %s of package %s, which package %s cannot name: export the field, or delegate from a //coro:gen function of package %s that calls %s.%s.%s(%s, ...)", sel.Sel.Name, f.Name(), f.Pkg().Name(), pkg.Name, f.Pkg().Name(), types.ExprString(sel.X), strings.Join(path, "."), sel.Sel.Name, types.ExprString(call.Args[0]))
		return
	}
}
