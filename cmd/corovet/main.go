// Command corovet reports, as vet diagnostics, what the coro generator would reject in a
// package: misplaced or malformed //coro:gen directives, signatures that are not coroutines, uses
// of co other than as a marker's receiver, yields in func literals, and the constructs the
// transform does not take. It runs the analyzer [gen.Analyzer]; it writes no file (for
// generated files that are missing or stale, run coro -check).
//
// Usage, standalone:
//
//	go run github.com/stackless-go/coro/cmd/corovet [packages]
//
// or through go vet:
//
//	go install github.com/stackless-go/coro/cmd/corovet
//	go vet -vettool=$(go env GOPATH)/bin/corovet ./...
//
// It exits with status 1 (3 under its own driver) when it reports something.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/stackless-go/coro/gen"
)

func main() { singlechecker.Main(gen.Analyzer) }
