package gen

// The analyzer: everything the tool would reject in a package, as diagnostics, for editors
// (gopls), go vet -vettool and cmd/corovet.
//
// It runs the tool's own pipeline (the directives, the overlay of generated declarations, check,
// normalize, flatten, hoist, emit) so that what it reports is exactly what `coro` reports. The
// stages rewrite the syntax they are given and add entries to its types.Info, and the pass's
// syntax and types belong to the driver, so the analyzer never hands them over: it parses the
// package's files again into a FileSet of its own, type-checks them as Load does (its own
// generated files left out, the overlay of generated declarations in their place, the imports
// taken from the pass), runs the stages, and maps each error back to the pass's FileSet by file,
// line and column.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// Analyzer reports, at their positions, the errors that `coro` would stop on in a package:
// misplaced or malformed //coro:gen directives, signatures that are not coroutines, uses of co
// other than as a marker's receiver, yields in func literals, and the constructs the transform
// rejects. It does not report generated files that are missing or stale: that is `coro -check`.
var Analyzer = &analysis.Analyzer{
	Name: "coro",
	Doc: `report what the coro generator would reject

The coro analyzer runs the checks and the transform of the coro generator
(github.com/stackless-go/coro/cmd/coro) on the //coro:gen functions of a package
without writing anything, and reports each error at its position: misplaced or
malformed //coro:gen directives, signatures that are not co *coro.Co[Y, S] with
results R, error or (R, error), uses of co other than co.Yield(v), co.YieldErr(v)
and coro.YieldFrom(co, sub), yields inside func literals, and the constructs the
transform does not take yet.`,
	URL:       "https://pkg.go.dev/github.com/stackless-go/coro/gen#Analyzer",
	Run:       runAnalyzer,
	FactTypes: []analysis.Fact{new(coroFact)},
}

// coroFact marks a //coro:gen function for the packages that import its package, so that a
// delegated call of it from there is known for one: what Load finds by reading the directives of
// the imported packages, the analyzer passes on as facts.
type coroFact struct {
	TypeName, CtorName string
	Directive          token.Position
	// Outdated is where the package's generated file declares the function's machine, when an
	// older coro wrote it without Unwound (see coroDecl.outdated).
	Outdated token.Position
}

func (*coroFact) AFact() {}

func (f *coroFact) String() string {
	if f.Outdated.IsValid() {
		return "//coro:gen " + f.TypeName + ", outdated in " + filepath.Base(f.Outdated.Filename)
	}
	return "//coro:gen " + f.TypeName
}

// exportFacts exports a coroFact for each exported //coro:gen function of the pass's package
// whose file Load would read for the packages that import it (see importedDirectives).
func exportFacts(pass *analysis.Pass) {
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if tf == nil {
			continue
		}
		var ignored ErrorList
		funcs := findDirectives(pass.Fset, f, &ignored)
		if len(funcs) == 0 || len(ignored) > 0 {
			continue
		}
		out := OutPath(tf.Name())
		if fileExists(out) && !isGenerated(out) {
			continue
		}
		outdated := outdatedMachines(out)
		for _, fn := range funcs {
			if !fn.Decl.Name.IsExported() {
				continue // no other package can call it
			}
			if obj, ok := pass.TypesInfo.Defs[fn.Decl.Name].(*types.Func); ok {
				pass.ExportObjectFact(obj, &coroFact{TypeName: fn.TypeName, CtorName: fn.CtorName, Directive: pass.Fset.Position(fn.Directive), Outdated: outdated[fn.TypeName]})
			}
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func runAnalyzer(pass *analysis.Pass) (any, error) {
	for _, e := range analyze(pass) {
		pass.Report(e)
	}
	return nil, nil
}

// analyze returns the diagnostics of pass's package, sorted by position.
func analyze(pass *analysis.Pass) []analysis.Diagnostic {
	// A package with coroutines imports the runtime: the others (the standard library, ...)
	// are left alone.
	withRuntime := false
	for _, p := range pass.Pkg.Imports() {
		withRuntime = withRuntime || p.Path() == RuntimePath
	}
	if !withRuntime {
		return nil
	}
	exportFacts(pass)
	a := &analysisRun{pass: pass, byName: map[string]*token.File{}}
	type input struct {
		name string
		src  []byte
	}
	var inputs []input
	found := false
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if tf == nil {
			continue
		}
		name := tf.Name()
		src, err := pass.ReadFile(name)
		if err != nil {
			src, err = os.ReadFile(name)
			if err != nil {
				return nil // without all the files, the types would be wrong
			}
		}
		if len(src) != tf.Size() {
			// Not the text the pass parsed (an editor's unsaved buffer, say): positions
			// would not map back, so say nothing rather than something wrong.
			return nil
		}
		if bytes.HasPrefix(src, []byte(Header)) {
			continue // ours: left out, as Load leaves it out
		}
		a.byName[name] = tf
		if a.first == nil {
			a.first = f
		}
		inputs = append(inputs, input{name, src})
		if bytes.Contains(src, []byte(directivePrefix)) {
			found = true
		}
	}
	if !found {
		return nil
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].name < inputs[j].name })

	// The first pass of Load, on the pass's files: directives, names, the overlay.
	fset := token.NewFileSet()
	var errs ErrorList
	var syntax []*ast.File
	for _, in := range inputs {
		f, err := parser.ParseFile(fset, in.name, in.src, parser.ParseComments)
		if err != nil {
			errs = append(errs, syntaxErrors(err)...)
			continue
		}
		syntax = append(syntax, f)
	}
	imports := map[string]*packages.Package{}
	for _, p := range pass.Pkg.Imports() {
		imports[p.Path()] = &packages.Package{ID: p.Path(), PkgPath: p.Path(), Name: p.Name()}
	}
	var files []*SourceFile
	var stubs []*ast.File
	names := map[string]string{}
	for _, f := range syntax {
		path := fset.File(f.Pos()).Name()
		sf := newSourceFile(fset, f, path, names, &errs)
		if sf == nil {
			continue
		}
		sf.Syntax = f
		funcs := sf.Funcs
		files = append(files, sf)
		stub, err := stubFile(fset, f, syntax, funcs, imports)
		if err != nil {
			errs = append(errs, err.(ErrorList)...)
			continue
		}
		sfile, err := parser.ParseFile(fset, sf.OutPath, stub, parser.ParseComments)
		if err != nil {
			errs = append(errs, &Error{Pos: fset.Position(f.Package), Msg: fmt.Sprintf("internal error: the declarations coro derives from the directives of %s do not parse: %v; please report it", filepath.Base(path), err)})
			continue
		}
		stubs = append(stubs, sfile)
	}
	if len(errs) > 0 {
		return a.diagnostics(errs)
	}

	// The second pass: types, with the overlay.
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Instances:    map[*ast.Ident]types.Instance{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	stubNames := map[string]bool{}
	for _, s := range stubs {
		stubNames[fset.File(s.Pos()).Name()] = true
	}
	var typeErrs ErrorList
	conf := &types.Config{
		Importer:  newPassImporter(pass.Pkg),
		GoVersion: pass.Pkg.GoVersion(),
		Sizes:     pass.TypesSizes,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				typeErrs = append(typeErrs, &Error{Msg: err.Error()})
				return
			}
			pos := te.Fset.Position(te.Pos)
			if stubNames[pos.Filename] {
				return // repeats an error of the user's source, or a clash
			}
			typeErrs = append(typeErrs, &Error{Pos: pos, Msg: te.Msg})
		},
	}
	all := append(append([]*ast.File(nil), syntax...), stubs...)
	tpkg, _ := conf.Check(pass.Pkg.Path(), fset, all, info)
	pkg := &Package{
		Path: pass.Pkg.Path(), Name: pass.Pkg.Name(), Fset: fset, Types: tpkg, Info: info,
		Files: files, syntax: all,
		foreign: func(obj *types.Func) *coroDecl {
			var f coroFact
			if !pass.ImportObjectFact(obj, &f) {
				return nil
			}
			return &coroDecl{TypeName: f.TypeName, CtorName: f.CtorName, Directive: f.Directive, outdated: f.Outdated}
		},
	}
	if len(inputs) > 0 {
		pkg.Dir = filepath.Dir(inputs[0].name)
	}
	if !slices.ContainsFunc(inputs, func(in input) bool { return strings.HasSuffix(in.name, "_test.go") }) {
		pkg.tests, pkg.testImports = inPackageTestsOnDisk(fset, pkg.Dir, pass.Pkg)
	}
	if clashes := nameClashes(pkg); len(clashes) > 0 {
		return a.diagnostics(clashes)
	}
	if len(typeErrs) > 0 {
		return a.diagnostics(typeErrs)
	}

	// check, normalize, flatten, hoist, emit: as Generate runs them.
	if err := Check(pkg); err != nil {
		return a.diagnostics(err.(ErrorList))
	}
	for _, sf := range pkg.Files {
		if _, err := generateFile(pkg, sf); err != nil {
			errs = append(errs, err.(ErrorList)...)
		}
	}
	return a.diagnostics(errs)
}

// inPackageTestsOnDisk parses the in-package test files of pkg, whose files are in dir, and names
// the packages they import, by path: what Load takes from go list (see Package.tests), for the
// pass of a package, which does not hold them (the pass of its test variant does). A package
// that pkg's types do not know is named by the last element of its path.
func inPackageTestsOnDisk(fset *token.FileSet, dir string, pkg *types.Package) ([]*ast.File, map[string]string) {
	if dir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		path := filepath.Join(dir, name)
		if isGenerated(path) {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil || f.Name.Name != pkg.Name() {
			continue
		}
		files = append(files, f)
	}
	known := newPassImporter(pkg).byPath
	names := map[string]string{}
	for _, f := range files {
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			if p := known[path]; p != nil {
				names[path] = p.Name()
			} else {
				names[path] = path[strings.LastIndex(path, "/")+1:]
			}
		}
	}
	return files, names
}

type analysisRun struct {
	pass   *analysis.Pass
	byName map[string]*token.File // the pass's files, by name
	first  *ast.File              // the first of them, for errors with no position
}

// diagnostics maps errors, positioned in the analyzer's own FileSet, to the pass's.
func (a *analysisRun) diagnostics(errs ErrorList) []analysis.Diagnostic {
	errs.sort()
	var out []analysis.Diagnostic
	seen := map[string]bool{}
	for _, e := range errs {
		pos, msg := a.pos(e.Pos), e.Msg
		if !pos.IsValid() {
			if a.first == nil {
				continue
			}
			pos = a.first.Package
			if e.Pos.IsValid() {
				msg = relPosition(e.Pos) + ": " + msg
			}
		}
		key := fmt.Sprint(pos, msg)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, analysis.Diagnostic{Pos: pos, Message: msg})
	}
	return out
}

// pos finds position p, from another FileSet, in the pass's; NoPos if it is not in one of the
// pass's files.
func (a *analysisRun) pos(p token.Position) token.Pos {
	tf := a.byName[p.Filename]
	if tf == nil || p.Line < 1 || p.Line > tf.LineCount() {
		return token.NoPos
	}
	start := tf.LineStart(p.Line)
	off := tf.Offset(start) + max(p.Column-1, 0)
	if off > tf.Size() {
		return start
	}
	return tf.Pos(off)
}

// passImporter imports the packages the pass's package imports, by path, from the pass's
// types: the fresh type check sees exactly what the pass saw. The overlay also imports iter
// and the runtime, which user code may not import directly: those come from the imports of the
// imports, and failing that from the compiler's export data.
type passImporter struct {
	byPath   map[string]*types.Package
	fallback types.Importer
}

func newPassImporter(pkg *types.Package) *passImporter {
	im := &passImporter{byPath: map[string]*types.Package{"unsafe": types.Unsafe}}
	for _, p := range pkg.Imports() {
		im.byPath[p.Path()] = p
	}
	var visit func(ps []*types.Package)
	visit = func(ps []*types.Package) {
		for _, p := range ps {
			if _, ok := im.byPath[p.Path()]; !ok {
				im.byPath[p.Path()] = p
				visit(p.Imports())
			}
		}
	}
	for _, p := range pkg.Imports() {
		visit(p.Imports())
	}
	return im
}

func (im *passImporter) Import(path string) (*types.Package, error) {
	return im.ImportFrom(path, "", 0)
}

func (im *passImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	if p := im.byPath[path]; p != nil {
		return p, nil
	}
	// A vendored package is known by its full path.
	for full, p := range im.byPath {
		if strings.HasSuffix(full, "/vendor/"+path) {
			return p, nil
		}
	}
	if im.fallback == nil {
		im.fallback = importer.Default()
	}
	p, err := im.fallback.Import(path)
	if err != nil {
		return nil, err
	}
	im.byPath[path] = p
	return p, nil
}
