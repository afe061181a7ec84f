// Package clash declares a name the tool would generate.
package clash

import coro "github.com/stackless-go/coro/runtime"

type adderCoro struct{}

// want +2 `coro generates adderCoro for adder, but the package already declares adderCoro at .*clash.go:6:6`
//
//coro:gen
func adder(co *coro.Co[int, int]) {
	ret := 0
	for {
		ret = co.Yield(ret) + 1
	}
}
