// Package dotclash dot-imports a package that exports a name the tool would generate.
package dotclash

import (
	. "strings"

	coro "github.com/stackless-go/coro/runtime"
)

var _ = ToUpper

// want +2 `coro generates Builder for build, but a file of the package dot-imports package strings \("strings"\) at .*dotclash.go:5:2, which exports Builder too, and no name may be both declared in the package and imported into one of its files: name the generated type with //coro:gen OtherName, or import the package with a name instead of the dot, strings "strings"`
//
//coro:gen Builder
func build(co *coro.Co[int, int]) {
	co.Yield(1)
}
