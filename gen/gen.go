package gen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// Output is one file the tool writes, or removes.
type Output struct {
	Path    string
	Content []byte // nil: the file is an orphan, to be removed
}

// Generate runs check, normalize, flatten, hoist and emit over loaded packages and returns the
// generated files, sorted by path. It writes nothing: on any error it returns no output at all.
func Generate(pkgs []*Package) ([]Output, error) {
	var out []Output
	var errs ErrorList
	for _, pkg := range pkgs {
		if err := Check(pkg); err != nil {
			errs = append(errs, err.(ErrorList)...)
			continue
		}
		for _, sf := range pkg.Files {
			content, err := generateFile(pkg, sf)
			if err != nil {
				errs = append(errs, err.(ErrorList)...)
				continue
			}
			out = append(out, Output{Path: sf.OutPath, Content: content})
		}
		for _, o := range pkg.Orphans {
			out = append(out, Output{Path: o})
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// generateFile generates the file of one source file.
func generateFile(pkg *Package, sf *SourceFile) ([]byte, error) {
	var errs ErrorList
	// The packages the generated code imports by itself take their own names (the runtime
	// coro), unless the package, as go test compiles it, declares something of that name.
	names := map[string]importName{RuntimePath: {"coro", true}}
	for _, imp := range []struct{ path, name string }{{RuntimePath, "coro"}, {"errors", "errors"}, {"iter", "iter"}, {"unicode/utf8", "utf8"}} {
		if pkg.levelNames()[imp.name] {
			names[imp.path] = importName{pkg.freshImportName(imp.name, nil), true}
		}
	}
	var code decls
	for _, fn := range sf.Funcs {
		if fn.Obj == nil {
			continue
		}
		before := len(errs)
		norm := normalize(pkg, fn, &errs)
		if len(errs) > before {
			continue
		}
		m := flatten(pkg, fn, norm, &errs)
		if len(errs) > before {
			continue
		}
		nm := hoist(m, &errs)
		if len(errs) > before {
			continue
		}
		emitFunc(&code, m, nm, &errs)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	src, named, err := renderFile(pkg, sf, &code, names)
	if err != nil {
		return nil, err
	}
	imports, err := srcImports(pkg, src)
	if err != nil {
		return nil, err
	}
	// The packages of what the bodies use take the names jennifer gives them: if one of those
	// is declared too, the file is rendered again with every import named. So it is when a
	// comment named a package otherwise than the file imports it (jennifer's rand1 beside
	// rand, say): then every import is named as the file has it, for the comments to say the same.
	renamed, err := pkg.renameImports(src, imports, names)
	if err != nil {
		return nil, err
	}
	if !renamed {
		for path, name := range named {
			if n, ok := imports[path]; ok && n.name != name {
				maps.Copy(names, imports)
				renamed = true
				break
			}
		}
	}
	if renamed {
		if src, _, err = renderFile(pkg, sf, &code, names); err != nil {
			return nil, err
		}
	}
	return resetLines(src, filepath.Base(sf.OutPath)), nil
}

// importName is the name a generated file imports a package under, and whether the import
// spells it (coro "github.com/stackless-go/coro/runtime") or it is the package's own ("iter").
type importName struct {
	name  string
	alias bool
}

// renderFile writes the generated file of sf: the header, the package clause, the imports, named
// as names says (those it does not name as jennifer does), and code. It returns the file and the
// names its comments give packages, by path: as names says, or else the package's own.
func renderFile(pkg *Package, sf *SourceFile, code *decls, names map[string]importName) ([]byte, map[string]string, error) {
	f := jen.NewFilePathName(pkg.Path, pkg.Name)
	f.HeaderComment(Header)
	for path, n := range names {
		if n.alias {
			f.ImportAlias(path, n.name)
		} else {
			f.ImportName(path, n.name)
		}
	}
	named := map[string]string{}
	importName := func(path string) string {
		name := pkg.packageName(path)
		if n, ok := names[path]; ok {
			name = n.name
		}
		named[path] = name
		return name
	}
	for _, c := range code.render(importName) {
		f.Add(c)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, nil, ErrorList{{Msg: fmt.Sprintf("internal error: the generated code for %s does not format: %v; please report it", sf.Path, err)}}
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, nil, ErrorList{{Msg: fmt.Sprintf("internal error: %v", err)}}
	}
	return src, named, nil
}

// srcImports are the imports of src, a generated file of pkg, by path: the name each takes, and
// whether the import spells it.
func srcImports(pkg *Package, src []byte) (map[string]importName, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil, ErrorList{{Msg: fmt.Sprintf("internal error: the generated file does not parse: %v; please report it", err)}}
	}
	imports := map[string]importName{}
	for _, spec := range f.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		if spec.Name != nil {
			imports[path] = importName{spec.Name.Name, true}
		} else {
			imports[path] = importName{pkg.packageName(path), false}
		}
	}
	return imports, nil
}

// renameImports finds the imports of src, a generated file whose imports are imports (see
// srcImports), whose names the package declares (see levelNames): if there are any, it names
// every import of src in names, those with a fresh name that nothing in the package or in src
// takes, the others as src has them, and reports true.
func (p *Package) renameImports(src []byte, imports map[string]importName, names map[string]importName) (bool, error) {
	level := p.levelNames()
	clash := false
	for _, n := range imports {
		clash = clash || level[n.name]
	}
	if !clash {
		return false, nil
	}
	// The fresh names avoid every identifier of the file, the names of its imports among them.
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return false, ErrorList{{Msg: fmt.Sprintf("internal error: the generated file does not parse: %v; please report it", err)}}
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	for _, n := range imports {
		used[n.name] = true
	}
	// In the order of the paths, so that the fresh names are the same from run to run.
	for _, path := range slices.Sorted(maps.Keys(imports)) {
		if n := imports[path]; level[n.name] {
			names[path] = importName{p.freshImportName(n.name, used), true}
		} else {
			names[path] = n
		}
	}
	return true, nil
}

// freshImportName is base with a number, the first that collides with nothing in the package
// (see takenNames), in the package as go test compiles it (see levelNames), or in avoid: a name for
// a generated file to import a package under.
func (p *Package) freshImportName(base string, avoid map[string]bool) string {
	taken, level := p.takenNames(), p.levelNames()
	for i := 1; ; i++ {
		name := base + strconv.Itoa(i)
		if !taken[name] && !level[name] && !avoid[name] {
			taken[name] = true
			return name
		}
	}
}

// packageName is the name of the package at path, as the package's types know it (imported
// directly or not); failing that, the last element of the path.
func (p *Package) packageName(path string) string {
	if q := p.importedPackage(path); q != nil {
		return q.Name()
	}
	return path[strings.LastIndex(path, "/")+1:]
}

// importedPackage is the package at path, if the package imports it, directly or not; nil if not.
func (p *Package) importedPackage(path string) *types.Package {
	if p.imported == nil {
		p.imported = map[string]*types.Package{}
		var visit func([]*types.Package)
		visit = func(ps []*types.Package) {
			for _, q := range ps {
				if _, ok := p.imported[q.Path()]; !ok {
					p.imported[q.Path()] = q
					visit(q.Imports())
				}
			}
		}
		visit(p.Types.Imports())
	}
	return p.imported[path]
}

// resetLines replaces each line-reset mark (see lineReset) by a line directive that names the
// generated file and the mark's own line, so that what follows is at its true place again.
func resetLines(src []byte, name string) []byte {
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == lineReset {
			lines[i] = fmt.Sprintf("/*line %s:%d*/", name, i+1)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}
