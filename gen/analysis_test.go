package gen_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/stackless-go/coro/gen"
)

// The packages of testdata/analysis/src: each stops the tool at another stage (or not at all);
// xcaller and xok delegate to the coroutines of xcallee, xoldcaller to that of xold, whose
// generated file an older coro wrote.
var analysisPackages = []string{"directives", "couse", "transform", "clash", "testclash", "dotclash", "intest", "ok", "xcallee", "xcaller", "xok", "xold", "xoldcaller"}

// TestAnalyzer runs the analyzer on the packages of testdata/analysis/src and compares its
// diagnostics with the // want comments there.
func TestAnalyzer(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "analysis")
	for _, pkg := range analysisPackages {
		t.Run(pkg, func(t *testing.T) {
			analysistest.Run(t, dir, gen.Analyzer, pkg)
		})
	}
}

// TestAnalyzerAgreesWithTool checks that the analyzer reports exactly what the tool stops on:
// the same messages at the same positions.
func TestAnalyzerAgreesWithTool(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "analysis")
	// The tool loads with the go command, in GOPATH mode here, as analysistest does.
	t.Setenv("GOPATH", dir)
	t.Setenv("GO111MODULE", "off")
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "")
	for _, pkg := range analysisPackages {
		t.Run(pkg, func(t *testing.T) {
			var tool []string
			pkgs, err := gen.Load(filepath.Join(dir, "src", pkg), ".")
			if err == nil {
				_, err = gen.Generate(pkgs)
			}
			var list gen.ErrorList
			if errors.As(err, &list) {
				for _, e := range list {
					tool = append(tool, fmt.Sprintf("%s:%d:%d: %s", filepath.Base(e.Pos.Filename), e.Pos.Line, e.Pos.Column, e.Msg))
				}
			} else if err != nil {
				t.Fatalf("the tool failed: %v", err)
			}

			var vet []string
			for _, r := range analysistest.Run(t, dir, gen.Analyzer, pkg) {
				for _, d := range r.Diagnostics {
					p := r.Pass.Fset.Position(d.Pos)
					vet = append(vet, fmt.Sprintf("%s:%d:%d: %s", filepath.Base(p.Filename), p.Line, p.Column, d.Message))
				}
			}
			slices.Sort(tool)
			slices.Sort(vet)
			vet = slices.Compact(vet) // the package and its test variant report the same
			if pkg != "ok" && pkg != "xcallee" && pkg != "xok" && pkg != "xold" && len(tool) == 0 {
				t.Errorf("the tool reports nothing in %s: the case tests nothing", pkg)
			}
			if !slices.Equal(tool, vet) {
				t.Errorf("the tool and the analyzer disagree\ntool:\n%s\nanalyzer:\n%s", lines(tool), lines(vet))
			}
		})
	}
}

func lines(l []string) string {
	s := ""
	for _, x := range l {
		s += "\t" + x + "\n"
	}
	return s
}
