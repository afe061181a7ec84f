package gen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/format"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

// The round trip: every declaration of a file is converted by a syntaxWriter without info (so
// selectors stay as written), rendered by jennifer and gofmt-ed; the original declaration is
// printed by go/printer (the files are parsed without comments, so they are stripped) and
// gofmt-ed. The two texts are compared: an exact match is counted as such. Jennifer lays out
// some constructs its own way (a keyed composite literal or a call on one line where the original
// spreads it over several lines, say), so when the texts differ both are parsed again and their
// syntax trees compared, ignoring positions (but not whether a position is set: that tells
// `f(xs...)` from `f(xs)`, `type A = B` from `type A B`, a grouped declaration from a single one).

const syntaxTestdata = "testdata/syntax/all.go"

// syntaxCorpus lists the packages of GOROOT/src whose non-test files make the real corpus.
var syntaxCorpus = []string{"go/ast", "go/parser", "go/types", "strings", "fmt", "sort", "net/http"}

// syntaxSkips lists the declarations (file:name) the comparison can't cover. It is empty: every
// declaration of the corpus round-trips.
var syntaxSkips = map[string]string{}

type syntaxStats struct {
	files, funcs, genDecls, exact, layout, skipped int
}

func (s syntaxStats) String() string {
	return fmt.Sprintf("%d files, %d func decls, %d other decls: %d identical texts, %d identical trees with a different layout, %d skipped",
		s.files, s.funcs, s.genDecls, s.exact, s.layout, s.skipped)
}

// syntaxRoundTripFile round-trips every declaration of a file but its imports.
func syntaxRoundTripFile(t *testing.T, path string, stats *syntaxStats) {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	stats.files++
	for _, decl := range file.Decls {
		name := syntaxDeclName(decl)
		if name == "" {
			continue // imports: the jen.File writes them
		}
		switch decl.(type) {
		case *ast.FuncDecl:
			stats.funcs++
		default:
			stats.genDecls++
		}
		key := filepath.Base(path) + ":" + name
		if _, skip := syntaxSkips[key]; skip {
			stats.skipped++
			continue
		}
		exact, err := syntaxRoundTrip(fset, decl)
		if err != nil {
			t.Errorf("%s: %s: %v", fset.Position(decl.Pos()), name, err)
			continue
		}
		if exact {
			stats.exact++
		} else {
			stats.layout++
		}
	}
}

// syntaxDeclName names a declaration for messages, "" for an import declaration.
func syntaxDeclName(decl ast.Decl) string {
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) == 1 {
			var b bytes.Buffer
			printer.Fprint(&b, token.NewFileSet(), d.Recv.List[0].Type)
			return "(" + b.String() + ")." + d.Name.Name
		}
		return d.Name.Name
	case *ast.GenDecl:
		if d.Tok == token.IMPORT {
			return ""
		}
		var names []string
		for _, spec := range d.Specs {
			switch spec := spec.(type) {
			case *ast.ValueSpec:
				for _, n := range spec.Names {
					names = append(names, n.Name)
				}
			case *ast.TypeSpec:
				names = append(names, spec.Name.Name)
			}
		}
		return d.Tok.String() + " " + strings.Join(names, ",")
	}
	return fmt.Sprintf("%T", decl)
}

// syntaxRoundTrip converts decl, renders it and compares it with the original. exact tells the gofmt-ed
// texts are identical; otherwise their syntax trees are.
func syntaxRoundTrip(fset *token.FileSet, decl ast.Decl) (exact bool, err error) {
	var orig bytes.Buffer
	if err := printer.Fprint(&orig, fset, decl); err != nil {
		return false, err
	}
	want, err := format.Source(orig.Bytes())
	if err != nil {
		return false, fmt.Errorf("formatting the original: %v", err)
	}

	w := &syntaxWriter{fset: fset}
	code := w.decl(decl)
	if w.err != nil {
		return false, w.err
	}
	var rendered bytes.Buffer
	if err := code.Render(&rendered); err != nil { // Render runs format.Source
		return false, fmt.Errorf("rendering: %v", err)
	}
	got := rendered.Bytes()

	want, got = bytes.TrimSpace(want), bytes.TrimSpace(got)
	if bytes.Equal(want, got) {
		return true, nil
	}
	wantDecl, err := syntaxParseDecl(want)
	if err != nil {
		return false, fmt.Errorf("parsing the original: %v", err)
	}
	gotDecl, err := syntaxParseDecl(got)
	if err != nil {
		return false, fmt.Errorf("parsing the output: %v\n--- output:\n%s", err, got)
	}
	if diff := syntaxASTDiff("decl", reflect.ValueOf(wantDecl), reflect.ValueOf(gotDecl)); diff != "" {
		return false, fmt.Errorf("syntax trees differ: %s\n--- want:\n%s\n--- got:\n%s", diff, want, got)
	}
	return false, nil
}

// syntaxParseDecl parses the source of a single declaration.
func syntaxParseDecl(src []byte) (ast.Decl, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", append([]byte("package p\n"), src...), parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	if len(f.Decls) != 1 {
		return nil, fmt.Errorf("%d declarations, want 1", len(f.Decls))
	}
	return f.Decls[0], nil
}

var (
	syntaxPosType     = reflect.TypeFor[token.Pos]()
	syntaxCommentType = reflect.TypeFor[*ast.CommentGroup]()
)

// syntaxASTDiff compares two syntax trees, positions only by whether they are set. It returns a
// description of the first difference, "" if none.
func syntaxASTDiff(path string, a, b reflect.Value) string {
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s: %v vs %v", path, a.Type(), b.Type())
	}
	switch a.Type() {
	case syntaxPosType:
		if a.Interface().(token.Pos).IsValid() != b.Interface().(token.Pos).IsValid() {
			return fmt.Sprintf("%s: position set: %v vs %v", path, a.Interface().(token.Pos).IsValid(), b.Interface().(token.Pos).IsValid())
		}
		return ""
	case syntaxCommentType:
		return ""
	}
	switch a.Kind() {
	case reflect.Interface, reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil: %v vs %v", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		return syntaxASTDiff(path, a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if d := syntaxASTDiff(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d vs %d", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := syntaxASTDiff(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if a.Interface() != b.Interface() {
			return fmt.Sprintf("%s: %#v vs %#v", path, a.Interface(), b.Interface())
		}
		return ""
	}
	return fmt.Sprintf("%s: unexpected kind %v", path, a.Kind())
}

// TestSyntaxTestdata checks that the testdata compiles, holds every construct, and round-trips.
func TestSyntaxTestdata(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, syntaxTestdata, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("syntaxtest", fset, []*ast.File{file}, nil); err != nil {
		t.Fatalf("the testdata does not compile: %v", err)
	}

	// Every construct is there.
	have := syntaxFeatures(file)
	var missing []string
	for _, f := range requiredSyntaxFeatures {
		if !have[f] {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%s misses constructs: %s", syntaxTestdata, strings.Join(missing, "; "))
	}

	var stats syntaxStats
	syntaxRoundTripFile(t, syntaxTestdata, &stats)
	t.Logf("%s: %v", syntaxTestdata, stats)
}

// TestSyntaxCorpus round-trips the non-test files of a few packages of the standard library.
func TestSyntaxCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	goroot := build.Default.GOROOT
	var total syntaxStats
	for _, pkg := range syntaxCorpus {
		files, err := filepath.Glob(filepath.Join(goroot, "src", filepath.FromSlash(pkg), "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no files for %s in %s", pkg, goroot)
		}
		var stats syntaxStats
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			syntaxRoundTripFile(t, path, &stats)
		}
		t.Logf("%s: %v", pkg, stats)
		total.files += stats.files
		total.funcs += stats.funcs
		total.genDecls += stats.genDecls
		total.exact += stats.exact
		total.layout += stats.layout
		total.skipped += stats.skipped
	}
	t.Logf("total: %v", total)
}

// TestSyntaxQualTestdata converts the type-checked testdata with info: qualified identifiers and
// dot-imported ones go through jen.Qual, jennifer writes the imports, and the result compiles.
func TestSyntaxQualTestdata(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, syntaxTestdata, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("syntaxtest", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	w := &syntaxWriter{info: info, fset: fset}
	out := jen.NewFile("syntaxtest")
	for _, decl := range file.Decls {
		if d, ok := decl.(*ast.GenDecl); ok && d.Tok == token.IMPORT {
			continue
		}
		out.Add(w.decl(decl))
	}
	if w.err != nil {
		t.Fatal(w.err)
	}
	src := syntaxRenderFile(t, out)
	for _, want := range []string{`strings.ToUpper(s)`, `strconv.Itoa(1)`, `fmt.Sprint(p.Value)`, "\"strconv\"\n", "\"strings\"\n"} {
		if !strings.Contains(src, want) {
			t.Errorf("output misses %q", want)
		}
	}
	syntaxMustCompile(t, "syntaxtest", src)
}

// syntaxHookSource is the package of the hook tests.
const syntaxHookSource = `package p

import (
	"strings"
	. "unicode/utf8"
)

type T struct{ x int }

func f(x int) (int, string) {
	y := x + 1
	g := func() int { return x * y }
	t := T{x: x}
	if x > 0 {
		return g(), strings.ToUpper("a")
	}
	for x := range 3 {
		_ = x
	}
	return RuneLen('a') + t.x, ""
}
`

// syntaxCheckHookSource parses and type-checks syntaxHookSource.
func syntaxCheckHookSource(t *testing.T) (*token.FileSet, *ast.File, *types.Info) {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", syntaxHookSource, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	return fset, file, info
}

// TestSyntaxHooks checks the ident hook (renaming a parameter everywhere, also in a closure, and
// not the struct field of the same name), the Qual of imported and dot-imported identifiers, and
// the stmt hook (replacing every return statement, also in a closure).
func TestSyntaxHooks(t *testing.T) {
	fset, file, info := syntaxCheckHookSource(t)
	fn := file.Decls[2].(*ast.FuncDecl)
	param := info.Defs[fn.Type.Params.List[0].Names[0]]

	t.Run("ident", func(t *testing.T) {
		w := &syntaxWriter{info: info, fset: fset}
		offered := 0
		w.identHook = func(id *ast.Ident) jen.Code {
			offered++
			if info.ObjectOf(id) == param {
				return jen.Id("renamed")
			}
			return nil
		}
		out := jen.NewFile("p")
		for _, decl := range file.Decls[1:] {
			out.Add(w.decl(decl))
		}
		if w.err != nil {
			t.Fatal(w.err)
		}
		src := syntaxRenderFile(t, out)
		for _, want := range []string{
			"func f(renamed int) (int, string) {",
			"y := renamed + 1",
			"return renamed * y", // in the closure
			"t := T{x: renamed}", // the key is a field
			"if renamed > 0 {",
			"for x := range 3 {", // another variable
			"_ = x",
			`strings.ToUpper("a")`,
			"return utf8.RuneLen('a') + t.x, \"\"", // dot import; t.x is a field
			"\"unicode/utf8\"\n",
		} {
			if !strings.Contains(src, want) {
				t.Errorf("output misses %q", want)
			}
		}
		if offered == 0 {
			t.Error("the ident hook was never asked")
		}
		syntaxMustCompile(t, "p", src)
	})

	t.Run("stmt", func(t *testing.T) {
		w := &syntaxWriter{info: info, fset: fset}
		replaced := 0
		w.stmtHook = func(s ast.Stmt) jen.Code {
			r, ok := s.(*ast.ReturnStmt)
			if !ok {
				return nil
			}
			replaced++
			results := make([]jen.Code, len(r.Results))
			for i, e := range r.Results {
				results[i] = w.expr(e)
			}
			return jen.Block(jen.Id("record").Call(results...), jen.Return(results...))
		}
		out := jen.NewFile("p")
		out.Add(w.decl(fn))
		if w.err != nil {
			t.Fatal(w.err)
		}
		src := syntaxRenderFile(t, out)
		if replaced != 3 {
			t.Errorf("%d return statements replaced, want 3", replaced)
		}
		for _, want := range []string{
			"record(x * y)",
			`record(g(), strings.ToUpper("a"))`,
			`record(utf8.RuneLen('a')+t.x, "")`,
		} {
			if !strings.Contains(src, want) {
				t.Errorf("output misses %q", want)
			}
		}
	})

	t.Run("noinfo", func(t *testing.T) {
		// Without info, selectors stay as written and every identifier is offered to the hook,
		// literal keys too.
		w := &syntaxWriter{fset: fset}
		var offered []string
		w.identHook = func(id *ast.Ident) jen.Code {
			offered = append(offered, id.Name)
			return nil
		}
		code := w.decl(fn)
		if w.err != nil {
			t.Fatal(w.err)
		}
		var b bytes.Buffer
		if err := code.Render(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "RuneLen('a')") || strings.Contains(b.String(), "utf8") {
			t.Errorf("dot-imported identifier qualified without info:\n%s", b.String())
		}
		count := map[string]int{}
		for _, name := range offered {
			count[name]++
		}
		// x: the parameter, 4 uses, the key, the range variable and its use; never the field t.x.
		if count["x"] != 8 {
			t.Errorf("x offered %d times, want 8 (%v)", count["x"], offered)
		}
		if count["ToUpper"] != 0 || count["strings"] != 1 {
			t.Errorf("ToUpper offered %d times, strings %d, want 0 and 1", count["ToUpper"], count["strings"])
		}
	})
}

// TestSyntaxUnsupported checks that an unsupported node is recorded with its position and
// written as nothing.
func TestSyntaxUnsupported(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "bad.go", "package p\nfunc f() {\n\tg(1)\n\tg(2)\n}\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	body := file.Decls[0].(*ast.FuncDecl).Body
	first, second := body.List[0].(*ast.ExprStmt), body.List[1].(*ast.ExprStmt)
	first.X.(*ast.CallExpr).Args[0] = &ast.BadExpr{From: first.X.Pos() + 2, To: first.X.End() - 1}
	second.X = &ast.BadExpr{From: second.X.Pos(), To: second.X.End()}
	body.List = append(body.List, &ast.BadStmt{From: body.Rbrace, To: body.Rbrace})

	w := &syntaxWriter{fset: fset}
	code := jen.Func().Id("f").Params().Block(w.block(body.List)...)
	if w.err == nil || !strings.Contains(w.err.Error(), "bad.go:3:4") || !strings.Contains(w.err.Error(), "BadExpr") {
		t.Errorf("err = %v, want the first bad node at bad.go:3:4", w.err)
	}
	if got := fmt.Sprintf("%#v", code); !strings.Contains(got, "g()") {
		t.Errorf("got\n%s", got)
	}

	w = &syntaxWriter{}
	w.stmt(&ast.BadStmt{})
	w.expr(&ast.ChanType{Dir: 0, Value: ast.NewIdent("int")})
	if w.err == nil || !strings.Contains(w.err.Error(), "BadStmt") {
		t.Errorf("err = %v, want a BadStmt without position", w.err)
	}
}

// syntaxRenderFile renders a jen.File.
func syntaxRenderFile(t *testing.T, f *jen.File) string {
	t.Helper()
	var b bytes.Buffer
	if err := f.Render(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// syntaxMustCompile type-checks the source of a package.
func syntaxMustCompile(t *testing.T, path, src string) {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "out.go", src, 0)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check(path, fset, []*ast.File{file}, nil); err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
}

// requiredSyntaxFeatures lists the constructs the testdata must hold, as named by syntaxFeatures.
var requiredSyntaxFeatures = func() []string {
	var req []string
	for _, n := range []string{
		"Ident", "BasicLit", "CompositeLit", "FuncLit", "ParenExpr", "SelectorExpr", "IndexExpr",
		"IndexListExpr", "SliceExpr", "TypeAssertExpr", "CallExpr", "StarExpr", "UnaryExpr", "BinaryExpr",
		"KeyValueExpr", "ArrayType", "StructType", "FuncType", "InterfaceType", "MapType", "ChanType",
		"Ellipsis", "DeclStmt", "EmptyStmt", "LabeledStmt", "ExprStmt", "SendStmt", "IncDecStmt",
		"AssignStmt", "GoStmt", "DeferStmt", "ReturnStmt", "BranchStmt", "BlockStmt", "IfStmt",
		"CaseClause", "SwitchStmt", "TypeSwitchStmt", "CommClause", "SelectStmt", "ForStmt", "RangeStmt",
		"ValueSpec", "TypeSpec", "GenDecl", "FuncDecl",
	} {
		req = append(req, "node "+n)
	}
	for _, op := range []token.Token{token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND,
		token.OR, token.XOR, token.SHL, token.SHR, token.AND_NOT, token.LAND, token.LOR, token.EQL,
		token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ} {
		req = append(req, "binary "+op.String())
	}
	for _, op := range []token.Token{token.SUB, token.ADD, token.NOT, token.XOR, token.AND, token.ARROW, token.TILDE} {
		req = append(req, "unary "+op.String())
	}
	for _, op := range []token.Token{token.ASSIGN, token.DEFINE, token.ADD_ASSIGN, token.SUB_ASSIGN,
		token.MUL_ASSIGN, token.QUO_ASSIGN, token.REM_ASSIGN, token.AND_ASSIGN, token.OR_ASSIGN,
		token.XOR_ASSIGN, token.SHL_ASSIGN, token.SHR_ASSIGN, token.AND_NOT_ASSIGN} {
		req = append(req, "assign "+op.String())
	}
	return append(req,
		"lit INT", "lit hex", "lit FLOAT", "lit exponent", "lit IMAG", "lit CHAR", "lit STRING", "lit raw string",
		"composite typed", "composite untyped", "composite keyed", "composite elided nested", "composite empty",
		"func lit called", "slice 2", "slice 3", "slice omitted bounds", "assert type", "assert .(type)",
		"call variadic", "array", "array [...]", "slice type", "chan both", "chan send", "chan recv",
		"params named", "params unnamed", "results named", "results unnamed", "results one", "params variadic",
		"struct field", "struct embedded", "struct tag", "struct tag unconventional",
		"interface method", "interface embedded", "interface union", "type params", "type params [P *T,]",
		"alias", "generic alias", "generic method", "method",
		"decl var", "decl const", "decl type", "decl grouped", "decl grouped single", "decl iota", "decl in body", "decl grouped in body",
		"inc", "dec", "break", "continue", "goto", "fallthrough", "break label", "continue label",
		"if init", "else if", "else", "switch init", "switch tag", "switch no tag", "switch init no tag", "default",
		"type switch binding", "type switch no binding", "type switch init",
		"select send", "select recv", "select recv define", "select recv assign", "select default", "select empty",
		"for infinite", "for cond", "for three", "for no post", "for no init", "for no cond",
		"range none", "range key", "range key value", "range assign", "range int", "range func",
		"label at end", "label empty statement", "return none", "return values",
	)
}()

// syntaxFeatures names the constructs a file holds.
func syntaxFeatures(file *ast.File) map[string]bool {
	have := map[string]bool{}
	add := func(f string) { have[f] = true }
	var stack []ast.Node
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		var parent ast.Node
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		stack = append(stack, n)
		add("node " + strings.TrimPrefix(reflect.TypeOf(n).String(), "*ast."))
		switch n := n.(type) {
		case *ast.BasicLit:
			add("lit " + n.Kind.String())
			switch {
			case strings.HasPrefix(n.Value, "0x"):
				add("lit hex")
			case n.Kind == token.FLOAT && strings.ContainsAny(n.Value, "eE"):
				add("lit exponent")
			case strings.HasPrefix(n.Value, "`"):
				add("lit raw string")
			}
		case *ast.CompositeLit:
			if n.Type != nil {
				add("composite typed")
			} else {
				add("composite untyped")
				if _, ok := parent.(*ast.CompositeLit); ok {
					add("composite elided nested")
				}
			}
			if len(n.Elts) == 0 {
				add("composite empty")
			}
			for _, e := range n.Elts {
				if _, ok := e.(*ast.KeyValueExpr); ok {
					add("composite keyed")
				}
			}
		case *ast.CallExpr:
			if _, ok := n.Fun.(*ast.FuncLit); ok {
				add("func lit called")
			}
			if n.Ellipsis.IsValid() {
				add("call variadic")
			}
		case *ast.SliceExpr:
			if n.Slice3 {
				add("slice 3")
			} else {
				add("slice 2")
			}
			if n.Low == nil && n.High == nil {
				add("slice omitted bounds")
			}
		case *ast.TypeAssertExpr:
			if n.Type == nil {
				add("assert .(type)")
			} else {
				add("assert type")
			}
		case *ast.UnaryExpr:
			add("unary " + n.Op.String())
		case *ast.BinaryExpr:
			add("binary " + n.Op.String())
		case *ast.AssignStmt:
			add("assign " + n.Tok.String())
		case *ast.ArrayType:
			switch n.Len.(type) {
			case nil:
				add("slice type")
			case *ast.Ellipsis:
				add("array [...]")
			default:
				add("array")
			}
		case *ast.ChanType:
			add(map[ast.ChanDir]string{ast.SEND | ast.RECV: "chan both", ast.SEND: "chan send", ast.RECV: "chan recv"}[n.Dir])
		case *ast.FuncType:
			for _, f := range n.Params.List {
				if len(f.Names) > 0 {
					add("params named")
				} else {
					add("params unnamed")
				}
				if _, ok := f.Type.(*ast.Ellipsis); ok {
					add("params variadic")
				}
			}
			if n.Results != nil {
				switch {
				case len(n.Results.List[0].Names) > 0:
					add("results named")
				case n.Results.NumFields() == 1:
					add("results one")
				default:
					add("results unnamed")
				}
			}
			if n.TypeParams != nil {
				add("type params")
			}
		case *ast.StructType:
			for _, f := range n.Fields.List {
				if len(f.Names) == 0 {
					add("struct embedded")
				} else {
					add("struct field")
				}
				if f.Tag != nil {
					if v, err := strconv.Unquote(f.Tag.Value); err == nil && syntaxIsConventionalTag(v, f.Tag.Value) {
						add("struct tag")
					} else {
						add("struct tag unconventional")
					}
				}
			}
		case *ast.InterfaceType:
			for _, f := range n.Methods.List {
				switch {
				case len(f.Names) > 0:
					add("interface method")
				case syntaxIsUnion(f.Type):
					add("interface union")
				default:
					add("interface embedded")
				}
			}
		case *ast.TypeSpec:
			if n.TypeParams != nil {
				add("type params")
				if n.TypeParams.NumFields() == 1 && syntaxCombinesWithName(n.TypeParams.List[0].Type) {
					add("type params [P *T,]")
				}
			}
			if n.Assign.IsValid() {
				add("alias")
				if n.TypeParams != nil {
					add("generic alias")
				}
			}
		case *ast.FuncDecl:
			if n.Recv != nil {
				add("method")
				switch n.Recv.List[0].Type.(type) {
				case *ast.IndexExpr, *ast.IndexListExpr:
					add("generic method")
				case *ast.StarExpr:
					if _, ok := n.Recv.List[0].Type.(*ast.StarExpr).X.(*ast.IndexListExpr); ok {
						add("generic method")
					}
				}
			}
		case *ast.GenDecl:
			add("decl " + n.Tok.String())
			if n.Lparen.IsValid() {
				add("decl grouped")
				if len(n.Specs) == 1 {
					add("decl grouped single")
				}
				if _, ok := parent.(*ast.DeclStmt); ok {
					add("decl grouped in body")
				}
			}
			if _, ok := parent.(*ast.DeclStmt); ok {
				add("decl in body")
			}
		case *ast.Ident:
			if n.Name == "iota" {
				add("decl iota")
			}
		case *ast.IncDecStmt:
			add(map[token.Token]string{token.INC: "inc", token.DEC: "dec"}[n.Tok])
		case *ast.BranchStmt:
			add(n.Tok.String())
			if n.Label != nil && (n.Tok == token.BREAK || n.Tok == token.CONTINUE) {
				add(n.Tok.String() + " label")
			}
		case *ast.LabeledStmt:
			if e, ok := n.Stmt.(*ast.EmptyStmt); ok {
				if e.Implicit {
					add("label at end")
				} else {
					add("label empty statement")
				}
			}
		case *ast.IfStmt:
			if n.Init != nil {
				add("if init")
			}
			switch n.Else.(type) {
			case *ast.IfStmt:
				add("else if")
			case *ast.BlockStmt:
				add("else")
			}
		case *ast.SwitchStmt:
			switch {
			case n.Init != nil && n.Tag == nil:
				add("switch init no tag")
			case n.Init != nil:
				add("switch init")
			}
			if n.Tag != nil {
				add("switch tag")
			} else {
				add("switch no tag")
			}
		case *ast.CaseClause:
			if n.List == nil {
				add("default")
			}
		case *ast.TypeSwitchStmt:
			if _, ok := n.Assign.(*ast.AssignStmt); ok {
				add("type switch binding")
			} else {
				add("type switch no binding")
			}
			if n.Init != nil {
				add("type switch init")
			}
		case *ast.SelectStmt:
			if len(n.Body.List) == 0 {
				add("select empty")
			}
		case *ast.CommClause:
			switch c := n.Comm.(type) {
			case nil:
				add("select default")
			case *ast.SendStmt:
				add("select send")
			case *ast.ExprStmt:
				add("select recv")
			case *ast.AssignStmt:
				if c.Tok == token.DEFINE {
					add("select recv define")
				} else {
					add("select recv assign")
				}
			}
		case *ast.ForStmt:
			switch {
			case n.Init == nil && n.Cond == nil && n.Post == nil:
				add("for infinite")
			case n.Init == nil && n.Post == nil:
				add("for cond")
			case n.Init != nil && n.Cond != nil && n.Post != nil:
				add("for three")
			}
			if n.Init != nil && n.Post == nil {
				add("for no post")
			}
			if n.Init == nil && n.Post != nil {
				add("for no init")
			}
			if n.Cond == nil && (n.Init != nil || n.Post != nil) {
				add("for no cond")
			}
		case *ast.RangeStmt:
			switch {
			case n.Key == nil:
				add("range none")
			case n.Value == nil:
				add("range key")
			default:
				add("range key value")
			}
			if n.Tok == token.ASSIGN {
				add("range assign")
			}
			switch x := n.X.(type) {
			case *ast.BasicLit:
				if x.Kind == token.INT {
					add("range int")
				}
			case *ast.FuncLit:
				add("range func")
			}
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				add("return none")
			} else {
				add("return values")
			}
		}
		return true
	})
	return have
}

// syntaxIsUnion reports whether an interface element is a union or a ~T term.
func syntaxIsUnion(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return e.Op == token.OR
	case *ast.UnaryExpr:
		return e.Op == token.TILDE
	}
	return false
}

// syntaxIsConventionalTag reports whether jen.Tag writes the tag (unquoted value, literal lit) as is.
func syntaxIsConventionalTag(value, lit string) bool {
	items, ok := syntaxParseTag(value)
	return ok && syntaxRenderTag(items) == lit
}
