package gen

import (
	"fmt"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
)

// Error is a problem with the user's input, at a position in their source.
type Error struct {
	Pos token.Position
	Msg string
}

func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return e.Msg
	}
	return fmt.Sprintf("%s: %s", relPosition(e.Pos), e.Msg)
}

// relPosition prints pos as file:line:col, with the file relative to the working directory when
// it is below it, as the go command prints positions.
func relPosition(pos token.Position) string {
	if wd, err := filepath.Abs("."); err == nil {
		if rel, err := filepath.Rel(wd, pos.Filename); err == nil && !strings.HasPrefix(rel, "..") {
			pos.Filename = rel
		}
	}
	return pos.String()
}

// ErrorList is every problem found, sorted by position. The tool reports all of them, one a line.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// errorf records a positioned error.
func (l *ErrorList) errorf(fset *token.FileSet, pos token.Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: fset.Position(pos), Msg: fmt.Sprintf(format, args...)})
}

// err returns the list as an error, sorted, each error once, or nil when it is empty. (A
// package and its test variant share files, and report their errors alike.)
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	l.sort()
	seen := map[Error]bool{}
	var out ErrorList
	for _, e := range l {
		if !seen[*e] {
			seen[*e] = true
			out = append(out, e)
		}
	}
	return out
}
