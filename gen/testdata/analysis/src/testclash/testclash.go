// Package testclash generates names that its in-package test file takes: go test compiles the
// generated file with it, so the tool and the analyzer report them, in the package's pass too.
package testclash

import coro "github.com/stackless-go/coro/runtime"

// want +2 `coro generates newAdderCoro for adder, but the package already declares newAdderCoro at .*testclash_test.go:9:6`
//
//coro:gen
func adder(co *coro.Co[int, int]) {
	ret := 0
	for {
		ret = co.Yield(ret) + 1
	}
}

// want +2 `coro generates strings for lines, but a file of the package imports "strings" as strings at .*testclash_test.go:5:2`
//
//coro:gen strings
func lines(co *coro.Co[string, struct{}]) {
	co.Yield("a")
}
