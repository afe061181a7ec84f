// Package directives has //coro:gen directives and signatures that the tool's first pass
// rejects.
package directives

import coro "github.com/stackless-go/coro/runtime"

// want +2 `//coro:gen must be in the doc comment of a function declaration`
//
//coro:gen
var notAFunc = 1

// twice has two directives.
//
// want +3 `twice has two //coro:gen directives: keep one`
//
//coro:gen
//coro:gen
func twice(co *coro.Co[int, struct{}]) {
	co.Yield(1)
}

// want +2 `takes at most one word, the name of the generated type: write //coro:gen Two`
//
//coro:gen Two Words
func twoWords(co *coro.Co[int, struct{}]) {
	co.Yield(1)
}

// want +2 `"1bad" is not a Go identifier`
//
//coro:gen 1bad
func badName(co *coro.Co[int, struct{}]) {
	co.Yield(1)
}

//coro:gen
func noCo(n int) { // want `the first parameter of a //coro:gen function must be co \*coro.Co\[Y, S\]`
	_ = n
}

//coro:gen
func twoResults(co *coro.Co[int, struct{}]) (int, string) { // want `returns nothing, R, error or \(R, error\); found \(int, string\)`
	co.Yield(1)
	return 0, ""
}

// same is the first to take sameCoro.
//
//coro:gen sameCoro
func same(co *coro.Co[int, struct{}]) {
	co.Yield(1)
}

// want +2 `other generates sameCoro, and so does same`
//
//coro:gen sameCoro
func other(co *coro.Co[int, struct{}]) {
	co.Yield(1)
}
