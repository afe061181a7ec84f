// Package xcaller delegates to the coroutines of package xcallee.
package xcaller

import (
	coro "github.com/stackless-go/coro/runtime"

	"xcallee"
)

//coro:gen
func sum(co *coro.Co[int, int], t *xcallee.Tree) int {
	n := xcallee.Count(co, 3)
	t.Walk(co)
	return n
}

//coro:gen
func hidden(co *coro.Co[int, int]) {
	xcallee.Hidden(co) // want `the call of xcallee.Hidden cannot be delegated from package xcaller: its generated constructor newHidden is not exported, as //coro:gen hidden at .*xcallee.go:44:1 names the generated type in lower case: write //coro:gen alone there \(the type is then HiddenCoro\), or a name with a capital letter`
}

//coro:gen
func embedded(co *coro.Co[int, int], n xcallee.Node) {
	n.Walk(co)
	n.Leaf(co) // want `the delegated call of Leaf goes through the embedded field leaf of package xcallee, which package xcaller cannot name: export the field, or delegate from a //coro:gen function of package xcallee that calls n.leaf.Leaf\(co, ...\)`
}
