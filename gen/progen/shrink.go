package progen

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
	"strings"
)

// Reductions returns smaller variants of a program's source, for a shrinker: each deletes one
// statement, a run of statements, or a declaration, or replaces a compound statement by its
// body. They are sorted by size, smallest first, and may not compile (the shrinker tries them
// and keeps one that still fails the same way).
//
// Statements that keep a program terminating are left alone: a statement that mentions a guard
// counter (unless it is a loop, or a guarded backward goto, which can go as a whole), the depth
// check of a recursive sub, and channel sends and closes (without them a receive could block for
// good).
func Reductions(src []byte) [][]byte {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
	if err != nil {
		return nil
	}
	n := len(editsOf(f, src, fset))
	seen := map[string]bool{string(src): true}
	var out [][]byte
	for i := range n {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
		if err != nil {
			return out
		}
		edits := editsOf(f, src, fset)
		edits[i].apply()
		var b bytes.Buffer
		if err := format.Node(&b, fset, f); err != nil {
			continue
		}
		res, err := format.Source(dropBlankLines(b.Bytes()))
		if err != nil || seen[string(res)] {
			continue
		}
		seen[string(res)] = true
		out = append(out, res)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) < len(out[j]) })
	return out
}

type edit struct{ apply func() }

// editsOf lists the edits of f, in a fixed order.
func editsOf(f *ast.File, src []byte, fset *token.FileSet) []edit {
	text := func(n ast.Node) string {
		return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
	}
	var edits []edit
	// Top-level declarations other than imports (a function's doc comment goes with it).
	for i, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			continue
		}
		if fd, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fd.Name.Name, "Drive") {
			continue // the driver the test calls
		}
		edits = append(edits, edit{func() {
			var doc *ast.CommentGroup
			switch d := f.Decls[i].(type) {
			case *ast.FuncDecl:
				doc, d.Doc = d.Doc, nil
			case *ast.GenDecl:
				doc, d.Doc = d.Doc, nil
			}
			for k, cg := range f.Comments {
				if doc != nil && cg == doc {
					f.Comments = append(f.Comments[:k:k], f.Comments[k+1:]...)
					break
				}
			}
			f.Decls = append(f.Decls[:i:i], f.Decls[i+1:]...)
		}})
	}
	ast.Inspect(f, func(n ast.Node) bool {
		var list *[]ast.Stmt
		switch n := n.(type) {
		case *ast.IfStmt:
			// The break or goto of a guard stays with it, and the return of a depth check.
			return !strings.Contains(text(n.Cond), "guard") && !isDepthCheck(n, text)
		case *ast.FuncLit:
			// In the driver, the func literals are the adapters that run the body on the
			// reference: they stay whole, or the reference would not run what the machine runs.
			if inDriver(f, n) {
				return false
			}
			return true
		case *ast.BlockStmt:
			list = &n.List
		case *ast.CaseClause:
			list = &n.Body
		case *ast.CommClause:
			list = &n.Body
		default:
			return true
		}
		stmts := *list
		removable := func(s ast.Stmt) bool { return removableStmt(s, text) }
		// Runs: halves and quarters of the list.
		for _, size := range []int{len(stmts) / 2, len(stmts) / 4} {
			if size < 2 {
				continue
			}
			for lo := 0; lo+size <= len(stmts); lo += size {
				ok := true
				for _, s := range stmts[lo : lo+size] {
					ok = ok && removable(s)
				}
				if ok {
					edits = append(edits, edit{func() { *list = append(stmts[:lo:lo], stmts[lo+size:]...) }})
				}
			}
		}
		for i, s := range stmts {
			// A declaration with the statements of the list that use it.
			if names := declared(s); len(names) > 0 && removable(s) {
				re := regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`)
				drop := map[int]bool{i: true}
				ok := true
				for j := i + 1; j < len(stmts); j++ {
					if re.MatchString(text(stmts[j])) {
						drop[j] = true
						ok = ok && removable(stmts[j])
					}
				}
				if ok && len(drop) > 1 {
					edits = append(edits, edit{func() {
						var kept []ast.Stmt
						for j, s := range stmts {
							if !drop[j] {
								kept = append(kept, s)
							}
						}
						*list = kept
					}})
				}
			}
			if removable(s) {
				edits = append(edits, edit{func() { *list = append(stmts[:i:i], stmts[i+1:]...) }})
			}
			for _, body := range unwrap(s, text) {
				edits = append(edits, edit{func() {
					repl := append(append(stmts[:i:i], body...), stmts[i+1:]...)
					*list = repl
				}})
			}
			if ls, ok := s.(*ast.LabeledStmt); ok {
				edits = append(edits, edit{func() {
					ls.Stmt = &ast.EmptyStmt{Semicolon: ls.Stmt.Pos(), Implicit: true}
				}})
			}
		}
		return true
	})
	return edits
}

// declared returns the names a statement declares.
func declared(s ast.Stmt) []string {
	var names []string
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
					names = append(names, id.Name)
				}
			}
		}
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok {
			for _, sp := range gd.Specs {
				if vs, ok := sp.(*ast.ValueSpec); ok {
					for _, id := range vs.Names {
						if id.Name != "_" {
							names = append(names, id.Name)
						}
					}
				}
			}
		}
	}
	return names
}

func removableStmt(s ast.Stmt, text func(ast.Node) string) bool {
	if ls, ok := s.(*ast.LabeledStmt); ok {
		s = ls.Stmt
	}
	switch s := s.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	case *ast.SendStmt:
		return false
	case *ast.IfStmt:
		if strings.Contains(text(s.Cond), "guard") {
			// A guarded backward goto goes as a whole; the break of a guarded loop stays.
			return strings.Contains(text(s.Body), "goto ")
		}
		if isDepthCheck(s, text) {
			return false
		}
	case *ast.ExprStmt:
		if strings.HasPrefix(text(s), "close(") {
			return false
		}
	}
	t := text(s)
	if strings.Contains(t, "guard") {
		return strings.HasPrefix(t, "guard") && strings.Contains(t, ":= 0")
	}
	return true
}

// unwrap returns the lists of statements that may stand for s: the body of a block, loop or
// labeled statement, a branch of an if, a clause of a switch or select.
func unwrap(s ast.Stmt, text func(ast.Node) string) [][]ast.Stmt {
	var out [][]ast.Stmt
	clauses := func(body *ast.BlockStmt) {
		for _, c := range body.List {
			switch c := c.(type) {
			case *ast.CaseClause:
				out = append(out, c.Body)
			case *ast.CommClause:
				out = append(out, c.Body)
			}
		}
	}
	switch s := s.(type) {
	case *ast.LabeledStmt:
		out = append(out, []ast.Stmt{s.Stmt})
	case *ast.BlockStmt:
		out = append(out, s.List)
	case *ast.IfStmt:
		if strings.Contains(text(s.Cond), "guard") || isDepthCheck(s, text) {
			return nil
		}
		out = append(out, s.Body.List)
		switch e := s.Else.(type) {
		case *ast.BlockStmt:
			out = append(out, e.List)
		case *ast.IfStmt:
			out = append(out, []ast.Stmt{e})
		}
	case *ast.ForStmt:
		out = append(out, s.Body.List)
	case *ast.RangeStmt:
		out = append(out, s.Body.List)
	case *ast.SwitchStmt:
		clauses(s.Body)
	case *ast.TypeSwitchStmt:
		clauses(s.Body)
	case *ast.SelectStmt:
		clauses(s.Body)
	}
	return out
}

// isDepthCheck tells whether s is the check that ends the recursion of a recursive sub.
func isDepthCheck(s *ast.IfStmt, text func(ast.Node) string) bool {
	return s.Init == nil && text(s.Cond)+" {" == depthCheck[len("if "):]
}

// dropBlankLines removes the blank lines inside declarations, which deleted statements leave.
func dropBlankLines(src []byte) []byte {
	lines := bytes.Split(src, []byte("\n"))
	var out [][]byte
	for i, l := range lines {
		if len(bytes.TrimSpace(l)) == 0 && i+1 < len(lines) {
			next := lines[i+1]
			if bytes.HasPrefix(next, []byte("\t")) || bytes.Equal(next, []byte("}")) {
				continue
			}
		}
		out = append(out, l)
	}
	return bytes.Join(out, []byte("\n"))
}

// inDriver tells whether n is inside a function named Drive...
func inDriver(f *ast.File, n ast.Node) bool {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fd.Name.Name, "Drive") && fd.Pos() <= n.Pos() && n.End() <= fd.End() {
			return true
		}
	}
	return false
}
