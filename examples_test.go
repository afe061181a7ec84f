package coro_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// seedOut is the seed's examples.out, copied into the repository so that it is self-contained.
const seedOut = "testdata/seed/examples.out"

// sharedSeedOut is the seed's own examples.out, beside the repository when it is there.
const sharedSeedOut = "../shared/seed/examples.out"

// exampleDir matches the directories of generated/ that hold the seed's examples.
var exampleDir = regexp.MustCompile(`^ex[0-9]+_`)

// TestExamples builds and runs each program generated/exN_* that has a section in the seed's
// examples.out and checks that it prints exactly that section. It also checks that every
// generated file under generated/ is up to date with its source.
func TestExamples(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the examples: %v", err)
	}
	data, err := os.ReadFile(seedOut)
	if err != nil {
		t.Fatal(err)
	}
	sections, err := parseSections(string(data))
	if err != nil {
		t.Fatalf("%s: %v", seedOut, err)
	}
	entries, err := os.ReadDir("generated")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() || !exampleDir.MatchString(e.Name()) {
			continue
		}
		if _, ok := sections[e.Name()]; !ok {
			t.Logf("generated/%s: no section in %s, not run", e.Name(), seedOut)
			continue
		}
		names = append(names, e.Name())
	}
	if len(names) == 0 {
		t.Fatalf("no example of %s found under generated/", seedOut)
	}
	bin := t.TempDir()

	t.Run("up-to-date", func(t *testing.T) {
		t.Parallel()
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(goCmd, "run", "./cmd/coro", "-check", "./generated/...")
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("go run ./cmd/coro -check ./generated/...: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
		}
	})

	for _, name := range names {
		want := sections[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := os.Stat(filepath.Join("generated", name, "main_coro.go")); err != nil {
				t.Errorf("generated/%s has no generated file: %v", name, err)
			}
			exe := filepath.Join(bin, name)
			build := exec.Command(goCmd, "build", "-o", exe, "./generated/"+name)
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("go build ./generated/%s: %v\n%s", name, err, out)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
			defer cancel()
			var stdout, stderr bytes.Buffer
			run := exec.CommandContext(ctx, exe)
			run.Stdout, run.Stderr = &stdout, &stderr
			start := time.Now()
			err := run.Run()
			t.Logf("ran in %v", time.Since(start).Round(time.Millisecond))
			if err != nil {
				t.Errorf("%s: %v\nstderr:\n%s", name, err, stderr.Bytes())
			}
			if got := stdout.String(); got != want {
				t.Errorf("stdout differs from the section of %s: %s\ngot:\n%s\nwant:\n%s", seedOut, firstDiff(got, want), got, want)
			}
		})
	}
}

// TestExamplesSeedCopy checks that the copy of the seed's examples.out in testdata is the seed's
// own, when the seed is there to compare with.
func TestExamplesSeedCopy(t *testing.T) {
	shared, err := os.ReadFile(sharedSeedOut)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found: nothing to compare the copy with", sharedSeedOut)
	}
	if err != nil {
		t.Fatal(err)
	}
	copied, err := os.ReadFile(seedOut)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(copied, shared) {
		t.Errorf("%s differs from %s: %s; copy it again", seedOut, sharedSeedOut, firstDiff(string(copied), string(shared)))
	}
}

// parseSections splits examples.out into its sections: each starts with a line "== name" and
// holds the lines up to the next such line, each with its newline.
func parseSections(s string) (map[string]string, error) {
	sections := make(map[string]string)
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			sections[name] = body.String()
		}
		body.Reset()
	}
	for i, line := range strings.SplitAfter(s, "\n") {
		if line == "" {
			continue
		}
		if header, ok := strings.CutPrefix(line, "== "); ok {
			flush()
			name = strings.TrimSuffix(header, "\n")
			if _, dup := sections[name]; dup || name == "" {
				return nil, fmt.Errorf("line %d: bad or repeated section header %q", i+1, line)
			}
			continue
		}
		if name == "" {
			return nil, fmt.Errorf("line %d: text before the first section header", i+1)
		}
		body.WriteString(line)
	}
	flush()
	return sections, nil
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.SplitAfter(got, "\n"), strings.SplitAfter(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d is %q, want %q", i+1, gl, wl)
		}
	}
	return "no difference"
}
