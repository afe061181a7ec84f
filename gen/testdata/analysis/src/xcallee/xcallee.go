// Package xcallee has coroutines that package xcaller delegates to. It has no generated file:
// the tool and the analyzer know its coroutines from their directives.
package xcallee

import coro "github.com/stackless-go/coro/runtime"

// Count yields 0 to n-1 and returns what it was sent, summed.
//
//coro:gen
func Count(co *coro.Co[int, int], n int) int { // want Count:"//coro:gen CountCoro"
	sum := 0
	for i := 0; i < n; i++ {
		sum += co.Yield(i)
	}
	return sum
}

// Tree is a binary tree.
type Tree struct {
	Left, Right *Tree
	V           int
}

// Walk yields the values of t in order.
//
//coro:gen
func (t *Tree) Walk(co *coro.Co[int, int]) { // want Walk:"//coro:gen TreeWalkCoro"
	if t == nil {
		return
	}
	t.Left.Walk(co)
	co.Yield(t.V)
	t.Right.Walk(co)
}

// Node embeds a Tree and a leaf.
type Node struct {
	*Tree
	leaf // not exported: another package cannot write n.leaf
}

// Hidden's generated type has a lower-case name: no other package can make its machine.
//
//coro:gen hidden
func Hidden(co *coro.Co[int, int]) { // want Hidden:"//coro:gen hidden"
	co.Yield(1)
}

// count is not exported: no other package can call it.
//
//coro:gen
func count(co *coro.Co[int, int]) {
	co.Yield(Count(co, 2))
}

// Identity yields v and returns what it is sent.
//
//coro:gen
func Identity[T any](co *coro.Co[T, T], v T) T { // want Identity:"//coro:gen IdentityCoro"
	return co.Yield(v)
}

// leaf is embedded in Node, and not exported.
type leaf struct{ V int }

// Leaf yields V.
//
//coro:gen
func (l *leaf) Leaf(co *coro.Co[int, int]) { // want Leaf:"//coro:gen LeafLeafCoro"
	co.Yield(l.V)
}
