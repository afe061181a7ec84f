package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"path/filepath"
	"sort"
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
	f := jen.NewFilePathName(pkg.Path, pkg.Name)
	f.HeaderComment(Header)
	// The packages the generated code imports by itself take their own names, unless the
	// package declares something of that name.
	for path, name := range map[string]string{RuntimePath: "coro", "errors": "errors", "iter": "iter", "unicode/utf8": "utf8"} {
		alias := name
		if pkg.Types.Scope().Lookup(name) != nil {
			alias = pkg.freshName(name)
		}
		if path == RuntimePath || alias != name {
			f.ImportAlias(path, alias)
		}
	}
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
		emitFunc(f, m, nm, &errs)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, ErrorList{{Msg: fmt.Sprintf("internal error: the generated code for %s does not format: %v; please report it", sf.Path, err)}}
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, ErrorList{{Msg: fmt.Sprintf("internal error: %v", err)}}
	}
	return resetLines(src, filepath.Base(sf.OutPath)), nil
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
