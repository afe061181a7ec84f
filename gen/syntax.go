package gen

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// syntaxWriter converts go/ast syntax of a function body into jennifer code.
//
// Every expression, type, statement and declaration of Go is covered. The output keeps the
// structure of the input exactly: parentheses, literal text (0x1F, 'a', raw strings, 1e3),
// the order of composite literal elements, grouping of declarations, and so on. Layout is left to
// jennifer and gofmt; comments are dropped.
//
// A node the writer cannot convert (ast.BadExpr, ast.BadStmt, ast.BadDecl, a node type it does
// not know, an invalid token) is written as jen.Null() and the first one is recorded in err.
type syntaxWriter struct {
	// info, when not nil, resolves identifiers: a SelectorExpr whose X is an *ast.Ident that
	// info.Uses maps to a *types.PkgName is written as jen.Qual(pkgName.Imported().Path(), sel),
	// and so is a bare identifier that info.Uses maps to a package-level object of another
	// package (a dot import): jen.Qual(obj.Pkg().Path(), name).
	info *types.Info
	// identHook, when not nil, is asked first for every *ast.Ident the writer would write
	// (uses and definitions, including those in func literals, parameter and result names,
	// struct field names in struct types, the package name of a qualified identifier), but not
	// field names in selectors x.f, struct literal keys resolved as fields (this needs info;
	// without info every literal key is offered), labels, or method names in interface types;
	// returning nil means "write it as usual".
	identHook func(id *ast.Ident) jen.Code
	// stmtHook, when not nil, is asked first for every statement at any depth (also inside
	// func literals): the statements of every block and case clause, the case clauses
	// themselves, init and post statements of if, for and switch, the guard of a type switch,
	// the communication of a select case, the statement of a labeled statement and the else
	// branch of an if. The bodies of functions, func literals, if, for, range, switch and
	// select are converted as statement lists: the hook sees the statements they hold, not the
	// *ast.BlockStmt itself. Returning nil means "convert it as usual", otherwise the returned
	// code replaces the statement.
	stmtHook func(s ast.Stmt) jen.Code
	// exprHook, when not nil, is asked first for every expression; returning nil means
	// "convert it as usual".
	exprHook func(e ast.Expr) jen.Code

	// fset, when not nil, gives the position of an unsupported node in err.
	fset *token.FileSet
	// err is the first unsupported node met, nil if none.
	err error

	// dotImports caches the paths of the packages dot-imported according to info.
	dotImports map[string]bool
}

// fail records n as unsupported (only the first one is kept) and returns jen.Null().
func (w *syntaxWriter) fail(n ast.Node, format string, args ...any) *jen.Statement {
	if w.err == nil {
		msg := fmt.Sprintf(format, args...)
		if w.fset != nil && n != nil && n.Pos().IsValid() {
			w.err = fmt.Errorf("%s: %s", w.fset.Position(n.Pos()), msg)
		} else {
			w.err = fmt.Errorf("%s", msg)
		}
	}
	return jen.Null()
}

// ---------------------------------------------------------------------------------------------
// Identifiers

// ident writes an identifier, asking identHook first.
func (w *syntaxWriter) ident(id *ast.Ident) *jen.Statement {
	if id == nil {
		return jen.Null()
	}
	if w.identHook != nil {
		if c := w.identHook(id); c != nil {
			return jen.Add(c)
		}
	}
	if w.info != nil {
		if obj := w.info.Uses[id]; obj != nil && w.isDotImported(obj) {
			return jen.Qual(obj.Pkg().Path(), id.Name)
		}
	}
	return jen.Id(id.Name)
}

// isDotImported reports whether obj is a package-level object of a package that is dot-imported
// (according to info).
func (w *syntaxWriter) isDotImported(obj types.Object) bool {
	pkg := obj.Pkg()
	if pkg == nil || pkg.Scope().Lookup(obj.Name()) != obj {
		return false // universe, local, field or method
	}
	if w.dotImports == nil {
		w.dotImports = map[string]bool{}
		for _, def := range w.info.Defs {
			if pn, ok := def.(*types.PkgName); ok && pn.Name() == "." {
				w.dotImports[pn.Imported().Path()] = true
			}
		}
	}
	return w.dotImports[pkg.Path()]
}

// pkgName returns the package an identifier refers to according to info, nil if none.
func (w *syntaxWriter) pkgName(x ast.Expr) *types.PkgName {
	id, ok := x.(*ast.Ident)
	if !ok || w.info == nil {
		return nil
	}
	pn, _ := w.info.Uses[id].(*types.PkgName)
	return pn
}

// isFieldKey reports whether the key of a composite literal element resolves to a struct field.
func (w *syntaxWriter) isFieldKey(id *ast.Ident) bool {
	if w.info == nil {
		return false
	}
	v, ok := w.info.Uses[id].(*types.Var)
	return ok && v.IsField()
}

// names writes a list of identifiers (asking identHook for each).
func (w *syntaxWriter) names(ids []*ast.Ident) *jen.Statement {
	if len(ids) == 1 {
		return w.ident(ids[0])
	}
	list := make([]jen.Code, len(ids))
	for i, id := range ids {
		list[i] = w.ident(id)
	}
	return jen.List(list...)
}

// ---------------------------------------------------------------------------------------------
// Expressions and types

// expr converts an expression or a type. A nil expression is written as jen.Null().
func (w *syntaxWriter) expr(e ast.Expr) jen.Code {
	return w.x(e)
}

// exprs converts a list of expressions.
func (w *syntaxWriter) exprs(list []ast.Expr) []jen.Code {
	out := make([]jen.Code, len(list))
	for i, e := range list {
		out[i] = w.x(e)
	}
	return out
}

// list converts a list of expressions into a single comma separated item.
func (w *syntaxWriter) list(list []ast.Expr) *jen.Statement {
	if len(list) == 1 {
		return w.x(list[0])
	}
	return jen.List(w.exprs(list)...)
}

// orEmpty converts e, or writes jen.Empty() (a placeholder that keeps its separator) if e is nil.
func (w *syntaxWriter) orEmpty(e ast.Expr) jen.Code {
	if e == nil {
		return jen.Empty()
	}
	return w.x(e)
}

// x converts an expression into a fresh statement that can be extended.
func (w *syntaxWriter) x(e ast.Expr) *jen.Statement {
	if w.exprHook != nil && e != nil {
		if c := w.exprHook(e); c != nil {
			return jen.Add(c)
		}
	}
	switch e := e.(type) {
	case nil:
		return jen.Null()
	case *ast.BadExpr:
		return w.fail(e, "unsupported syntax: bad expression (*ast.BadExpr)")
	case *ast.Ident:
		return w.ident(e)
	case *ast.BasicLit:
		// jen.Lit would write the value in its own way: the literal text is kept as written.
		return jen.Op(e.Value)
	case *ast.CompositeLit:
		elts := make([]jen.Code, len(e.Elts))
		for i, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				// Not jen.Dict: it sorts the keys, and the order of the elements matters.
				elts[i] = w.key(kv.Key).Op(":").Add(w.x(kv.Value))
			} else {
				elts[i] = w.x(el)
			}
		}
		if e.Type == nil {
			return jen.Values(elts...)
		}
		return w.x(e.Type).Values(elts...)
	case *ast.FuncLit:
		s := jen.Func()
		w.signature(s, e.Type)
		return s.Block(w.body(e.Body)...)
	case *ast.ParenExpr:
		return jen.Parens(w.x(e.X))
	case *ast.SelectorExpr:
		if pn := w.pkgName(e.X); pn != nil {
			if w.identHook != nil {
				if c := w.identHook(e.X.(*ast.Ident)); c != nil {
					return jen.Add(c).Dot(e.Sel.Name)
				}
			}
			return jen.Qual(pn.Imported().Path(), e.Sel.Name)
		}
		return w.x(e.X).Dot(e.Sel.Name)
	case *ast.IndexExpr:
		return w.x(e.X).Index(w.x(e.Index))
	case *ast.IndexListExpr:
		return w.x(e.X).Types(w.exprs(e.Indices)...)
	case *ast.SliceExpr:
		parts := []jen.Code{w.orEmpty(e.Low), w.orEmpty(e.High)}
		if e.Slice3 {
			parts = append(parts, w.orEmpty(e.Max))
		}
		return w.x(e.X).Index(parts...)
	case *ast.TypeAssertExpr:
		if e.Type == nil {
			return w.x(e.X).Assert(jen.Type())
		}
		return w.x(e.X).Assert(w.x(e.Type))
	case *ast.CallExpr:
		args := w.exprs(e.Args)
		if e.Ellipsis.IsValid() && len(args) > 0 {
			args[len(args)-1] = jen.Add(args[len(args)-1]).Op("...")
		}
		return w.x(e.Fun).Call(args...)
	case *ast.StarExpr:
		return jen.Op("*").Add(w.x(e.X))
	case *ast.UnaryExpr:
		if !syntaxIsOp(e.Op) {
			return w.fail(e, "unsupported syntax: unary operator %v", e.Op)
		}
		return jen.Op(e.Op.String()).Add(w.x(e.X))
	case *ast.BinaryExpr:
		if !syntaxIsOp(e.Op) {
			return w.fail(e, "unsupported syntax: binary operator %v", e.Op)
		}
		return w.x(e.X).Op(e.Op.String()).Add(w.x(e.Y))
	case *ast.KeyValueExpr:
		return w.x(e.Key).Op(":").Add(w.x(e.Value))

	// Types.
	case *ast.ArrayType:
		if e.Len == nil {
			return jen.Index().Add(w.x(e.Elt))
		}
		return jen.Index(w.x(e.Len)).Add(w.x(e.Elt))
	case *ast.Ellipsis:
		return jen.Op("...").Add(w.x(e.Elt))
	case *ast.MapType:
		return jen.Map(w.x(e.Key)).Add(w.x(e.Value))
	case *ast.ChanType:
		switch e.Dir {
		case ast.SEND | ast.RECV:
			return jen.Chan().Add(w.x(e.Value))
		case ast.SEND:
			return jen.Chan().Op("<-").Add(w.x(e.Value))
		case ast.RECV:
			return jen.Op("<-").Chan().Add(w.x(e.Value))
		}
		return w.fail(e, "unsupported syntax: channel direction %d", e.Dir)
	case *ast.FuncType:
		s := jen.Func()
		w.signature(s, e)
		return s
	case *ast.StructType:
		return jen.Struct(w.structFields(e.Fields)...)
	case *ast.InterfaceType:
		return jen.Interface(w.interfaceElems(e.Methods)...)
	}
	return w.fail(e, "unsupported syntax: expression %T", e)
}

// syntaxIsOp reports whether tok is an operator (and not, say, token.ILLEGAL).
func syntaxIsOp(tok token.Token) bool {
	return tok.IsOperator()
}

// key writes the key of a composite literal element. A key that info resolves to a struct field
// is written as is, without asking identHook.
func (w *syntaxWriter) key(k ast.Expr) *jen.Statement {
	if id, ok := k.(*ast.Ident); ok && w.isFieldKey(id) {
		return jen.Id(id.Name)
	}
	return w.x(k)
}

// constraint converts a type constraint or an interface element, writing a union of terms
// (~int | ~string) with jen.Union.
func (w *syntaxWriter) constraint(e ast.Expr) *jen.Statement {
	b, ok := e.(*ast.BinaryExpr)
	if !ok || b.Op != token.OR {
		return w.x(e)
	}
	// x | y | z is parsed as (x | y) | z; a parenthesized union on the right stays a ParenExpr.
	var terms []ast.Expr
	for ok && b.Op == token.OR {
		terms = append(terms, b.Y)
		e = b.X
		b, ok = e.(*ast.BinaryExpr)
	}
	terms = append(terms, e)
	codes := make([]jen.Code, len(terms))
	for i, t := range terms {
		codes[len(terms)-1-i] = w.x(t)
	}
	return jen.Union(codes...)
}

// signature appends the parameters and results of a function type to s (not the type
// parameters, see typeParams).
func (w *syntaxWriter) signature(s *jen.Statement, ft *ast.FuncType) {
	s.Params(w.params(ft.Params)...)
	res := ft.Results
	switch n := res.NumFields(); {
	case n == 1 && len(res.List[0].Names) == 0:
		// A single unnamed result is written without parentheses, as gofmt does.
		s.Add(w.x(res.List[0].Type))
	case n > 0:
		s.Params(w.params(res)...)
	}
}

// params converts a parameter or result list: names (if any) followed by the type.
func (w *syntaxWriter) params(fl *ast.FieldList) []jen.Code {
	if fl == nil {
		return nil
	}
	out := make([]jen.Code, len(fl.List))
	for i, f := range fl.List {
		if len(f.Names) == 0 {
			out[i] = w.x(f.Type)
		} else {
			out[i] = w.names(f.Names).Add(w.x(f.Type))
		}
	}
	return out
}

// typeParams converts a type parameter list. typeDecl tells it belongs to a type declaration,
// where [P *T] would read as an array length: a trailing comma is added then, as gofmt does.
func (w *syntaxWriter) typeParams(fl *ast.FieldList, typeDecl bool) []jen.Code {
	if fl == nil {
		return nil
	}
	out := make([]jen.Code, len(fl.List))
	for i, f := range fl.List {
		out[i] = w.names(f.Names).Add(w.constraint(f.Type))
	}
	if typeDecl && fl.NumFields() == 1 && syntaxCombinesWithName(ast.Unparen(fl.List[0].Type)) {
		out = append(out, jen.Empty()) // renders [P *T,]
	}
	return out
}

// syntaxCombinesWithName reports whether a name followed by the expression x syntactically combines to
// another valid (value) expression, as "P *T" does (go/printer's rule).
func syntaxCombinesWithName(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.StarExpr:
		return !syntaxIsTypeElem(x.X)
	case *ast.BinaryExpr:
		return syntaxCombinesWithName(x.X) && !syntaxIsTypeElem(x.Y)
	case *ast.ParenExpr:
		return !syntaxIsTypeElem(x.X)
	}
	return false
}

// syntaxIsTypeElem reports whether x is a (possibly parenthesized) type element expression, one that
// could not be a value expression.
func syntaxIsTypeElem(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.ArrayType, *ast.StructType, *ast.FuncType, *ast.InterfaceType, *ast.MapType, *ast.ChanType:
		return true
	case *ast.UnaryExpr:
		return x.Op == token.TILDE
	case *ast.BinaryExpr:
		return syntaxIsTypeElem(x.X) || syntaxIsTypeElem(x.Y)
	case *ast.ParenExpr:
		return syntaxIsTypeElem(x.X)
	}
	return false
}

// structFields converts the fields of a struct type, one a line: names (if not embedded), type
// and tag.
func (w *syntaxWriter) structFields(fl *ast.FieldList) []jen.Code {
	if fl == nil {
		return nil
	}
	out := make([]jen.Code, len(fl.List))
	for i, f := range fl.List {
		var s *jen.Statement
		if len(f.Names) == 0 {
			s = w.x(f.Type)
		} else {
			s = w.names(f.Names).Add(w.x(f.Type))
		}
		if f.Tag != nil {
			s.Add(syntaxStructTag(f.Tag))
		}
		out[i] = s
	}
	return out
}

// syntaxStructTag writes a struct tag with jen.Tag when jen.Tag renders it exactly as written
// (conventional key:"value" pairs in sorted order, quoted the same way), and as the literal
// text otherwise.
func syntaxStructTag(lit *ast.BasicLit) jen.Code {
	if v, err := strconv.Unquote(lit.Value); err == nil {
		if items, ok := syntaxParseTag(v); ok && syntaxRenderTag(items) == lit.Value {
			return jen.Tag(items)
		}
	}
	return jen.Op(lit.Value)
}

// syntaxParseTag splits a conventional struct tag into its key:"value" pairs. ok is false if the
// tag is not conventional, is empty or repeats a key.
func syntaxParseTag(tag string) (items map[string]string, ok bool) {
	items = map[string]string{}
	for tag != "" {
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag = tag[i:]
		if tag == "" {
			break
		}
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			return nil, false
		}
		name := tag[:i]
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			return nil, false
		}
		value, err := strconv.Unquote(tag[:i+1])
		if err != nil {
			return nil, false
		}
		if _, dup := items[name]; dup {
			return nil, false
		}
		items[name] = value
		tag = tag[i+1:]
	}
	return items, len(items) > 0
}

// syntaxRenderTag renders items the way jen.Tag does.
func syntaxRenderTag(items map[string]string) string {
	keys := make([]string, 0, len(items))
	for k := range items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%q", k, items[k])
	}
	if strconv.CanBackquote(b.String()) {
		return "`" + b.String() + "`"
	}
	return strconv.Quote(b.String())
}

// interfaceElems converts the elements of an interface type, one a line: methods (the name is
// not offered to identHook), embedded interfaces and type unions.
func (w *syntaxWriter) interfaceElems(fl *ast.FieldList) []jen.Code {
	if fl == nil {
		return nil
	}
	out := make([]jen.Code, 0, len(fl.List))
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			out = append(out, w.constraint(f.Type))
			continue
		}
		ft, ok := f.Type.(*ast.FuncType)
		if !ok {
			out = append(out, w.fail(f, "unsupported syntax: interface method of type %T", f.Type))
			continue
		}
		for _, name := range f.Names {
			s := jen.Id(name.Name)
			w.signature(s, ft)
			out = append(out, s)
		}
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// Statements

// stmt converts a statement, asking stmtHook first.
func (w *syntaxWriter) stmt(s ast.Stmt) jen.Code {
	return w.st(s)
}

// block converts the statements of a block, for use in jen.Block(...). Empty statements are
// dropped, as gofmt does.
func (w *syntaxWriter) block(list []ast.Stmt) []jen.Code {
	out := make([]jen.Code, 0, len(list))
	for _, s := range list {
		if w.stmtHook != nil {
			if c := w.stmtHook(s); c != nil {
				out = append(out, c)
				continue
			}
		}
		if _, ok := s.(*ast.EmptyStmt); ok {
			continue
		}
		out = append(out, w.convert(s))
	}
	return out
}

// body converts the statements of a body that may be nil.
func (w *syntaxWriter) body(b *ast.BlockStmt) []jen.Code {
	if b == nil {
		return nil
	}
	return w.block(b.List)
}

// st converts a statement, asking stmtHook first, into a fresh statement that can be extended.
func (w *syntaxWriter) st(s ast.Stmt) *jen.Statement {
	if s == nil {
		return jen.Null()
	}
	if w.stmtHook != nil {
		if c := w.stmtHook(s); c != nil {
			return jen.Add(c)
		}
	}
	return w.convert(s)
}

// orEmptyStmt converts s, or writes jen.Empty() if s is nil. The result is never null, so that
// it keeps its separator even if stmtHook replaces s with jen.Null().
func (w *syntaxWriter) orEmptyStmt(s ast.Stmt) jen.Code {
	if s == nil {
		return jen.Empty()
	}
	return jen.Empty().Add(w.st(s))
}

// convert converts a statement without asking stmtHook for it.
func (w *syntaxWriter) convert(s ast.Stmt) *jen.Statement {
	switch s := s.(type) {
	case *ast.BadStmt:
		return w.fail(s, "unsupported syntax: bad statement (*ast.BadStmt)")
	case *ast.DeclStmt:
		return w.decl(s.Decl)
	case *ast.EmptyStmt:
		if s.Implicit {
			return jen.Null() // a label right before "}"
		}
		return jen.Op(";")
	case *ast.LabeledStmt:
		return jen.Id(s.Label.Name).Op(":").Add(w.st(s.Stmt))
	case *ast.ExprStmt:
		return w.x(s.X)
	case *ast.SendStmt:
		return w.x(s.Chan).Op("<-").Add(w.x(s.Value))
	case *ast.IncDecStmt:
		if s.Tok != token.INC && s.Tok != token.DEC {
			return w.fail(s, "unsupported syntax: inc/dec statement with %v", s.Tok)
		}
		return w.x(s.X).Op(s.Tok.String())
	case *ast.AssignStmt:
		if !syntaxIsOp(s.Tok) {
			return w.fail(s, "unsupported syntax: assignment with %v", s.Tok)
		}
		return w.list(s.Lhs).Op(s.Tok.String()).Add(w.list(s.Rhs))
	case *ast.GoStmt:
		return jen.Go().Add(w.x(s.Call))
	case *ast.DeferStmt:
		return jen.Defer().Add(w.x(s.Call))
	case *ast.ReturnStmt:
		return jen.Return(w.exprs(s.Results)...)
	case *ast.BranchStmt:
		var r *jen.Statement
		switch s.Tok {
		case token.BREAK:
			r = jen.Break()
		case token.CONTINUE:
			r = jen.Continue()
		case token.GOTO:
			r = jen.Goto()
		case token.FALLTHROUGH:
			r = jen.Fallthrough()
		default:
			return w.fail(s, "unsupported syntax: branch statement %v", s.Tok)
		}
		if s.Label != nil {
			r.Id(s.Label.Name)
		}
		return r
	case *ast.BlockStmt:
		return jen.Block(w.block(s.List)...)
	case *ast.IfStmt:
		var head []jen.Code
		if s.Init != nil {
			head = append(head, w.st(s.Init))
		}
		head = append(head, w.x(s.Cond))
		r := jen.If(head...).Block(w.body(s.Body)...)
		if s.Else != nil {
			r.Else().Add(w.st(s.Else))
		}
		return r
	case *ast.CaseClause:
		if s.List == nil {
			return jen.Default().Block(w.block(s.Body)...)
		}
		return jen.Case(w.exprs(s.List)...).Block(w.block(s.Body)...)
	case *ast.SwitchStmt:
		var head []jen.Code
		switch {
		case s.Init != nil:
			head = []jen.Code{w.st(s.Init), w.orEmpty(s.Tag)}
		case s.Tag != nil:
			head = []jen.Code{w.x(s.Tag)}
		}
		return jen.Switch(head...).Block(w.body(s.Body)...)
	case *ast.TypeSwitchStmt:
		var head []jen.Code
		if s.Init != nil {
			head = append(head, w.st(s.Init))
		}
		head = append(head, w.st(s.Assign))
		return jen.Switch(head...).Block(w.body(s.Body)...)
	case *ast.CommClause:
		if s.Comm == nil {
			return jen.Default().Block(w.block(s.Body)...)
		}
		return jen.Case(w.st(s.Comm)).Block(w.block(s.Body)...)
	case *ast.SelectStmt:
		return jen.Select().Block(w.body(s.Body)...)
	case *ast.ForStmt:
		var head []jen.Code
		switch {
		case s.Init != nil || s.Post != nil:
			// Empty placeholders keep the semicolons: for ; cond; post {
			head = []jen.Code{w.orEmptyStmt(s.Init), w.orEmpty(s.Cond), w.orEmptyStmt(s.Post)}
		case s.Cond != nil:
			head = []jen.Code{w.x(s.Cond)}
		}
		return jen.For(head...).Block(w.body(s.Body)...)
	case *ast.RangeStmt:
		var head *jen.Statement
		switch {
		case s.Key == nil:
			head = jen.Range().Add(w.x(s.X))
		case s.Tok != token.DEFINE && s.Tok != token.ASSIGN:
			return w.fail(s, "unsupported syntax: range with %v", s.Tok)
		case s.Value == nil:
			head = w.x(s.Key).Op(s.Tok.String()).Range().Add(w.x(s.X))
		default:
			head = jen.List(w.x(s.Key), w.x(s.Value)).Op(s.Tok.String()).Range().Add(w.x(s.X))
		}
		return jen.For(head).Block(w.body(s.Body)...)
	}
	return w.fail(s, "unsupported syntax: statement %T", s)
}

// ---------------------------------------------------------------------------------------------
// Declarations

// decl converts a declaration: a var, const, type or import declaration (grouped or not), or a
// function declaration.
func (w *syntaxWriter) decl(d ast.Decl) *jen.Statement {
	switch d := d.(type) {
	case *ast.GenDecl:
		return w.genDecl(d)
	case *ast.FuncDecl:
		return w.funcDecl(d)
	case *ast.BadDecl:
		return w.fail(d, "unsupported syntax: bad declaration (*ast.BadDecl)")
	}
	return w.fail(d, "unsupported syntax: declaration %T", d)
}

// funcDecl converts a function declaration (a method if it has a receiver).
func (w *syntaxWriter) funcDecl(d *ast.FuncDecl) *jen.Statement {
	s := jen.Func()
	if d.Recv != nil {
		s.Params(w.params(d.Recv)...)
	}
	s.Add(w.ident(d.Name))
	if d.Type.TypeParams != nil {
		s.Types(w.typeParams(d.Type.TypeParams, false)...)
	}
	w.signature(s, d.Type)
	if d.Body != nil {
		s.Block(w.block(d.Body.List)...)
	}
	return s
}

// genDecl converts a var, const, type or import declaration.
func (w *syntaxWriter) genDecl(d *ast.GenDecl) *jen.Statement {
	var s *jen.Statement
	switch d.Tok {
	case token.VAR:
		s = jen.Var()
	case token.CONST:
		s = jen.Const()
	case token.TYPE:
		s = jen.Type()
	case token.IMPORT:
		s = jen.Op("import") // jennifer has no construct: jen.File writes imports itself
	default:
		return w.fail(d, "unsupported syntax: declaration %v", d.Tok)
	}
	specs := make([]jen.Code, len(d.Specs))
	for i, spec := range d.Specs {
		specs[i] = w.spec(spec)
	}
	if d.Lparen.IsValid() || len(specs) != 1 {
		return s.Defs(specs...)
	}
	return s.Add(specs[0])
}

// spec converts the specification of a var, const, type or import declaration.
func (w *syntaxWriter) spec(spec ast.Spec) *jen.Statement {
	switch spec := spec.(type) {
	case *ast.ValueSpec:
		s := w.names(spec.Names)
		if spec.Type != nil {
			s.Add(w.x(spec.Type))
		}
		if spec.Values != nil {
			s.Op("=").Add(w.list(spec.Values))
		}
		return s
	case *ast.TypeSpec:
		s := w.ident(spec.Name)
		if spec.TypeParams != nil {
			s.Types(w.typeParams(spec.TypeParams, true)...)
		}
		if spec.Assign.IsValid() {
			s.Op("=")
		}
		return s.Add(w.x(spec.Type))
	case *ast.ImportSpec:
		s := jen.Null()
		if spec.Name != nil {
			s.Id(spec.Name.Name)
		}
		return s.Op(spec.Path.Value)
	}
	return w.fail(spec, "unsupported syntax: specification %T", spec)
}
