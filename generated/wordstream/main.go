// Command wordstream chains generators with range loops that yield: words ranges over the
// standard library's iterators strings.Lines and strings.FieldsSeq and yields from inside both
// loops; shout ranges over the words generator's All() and yields from inside that loop. The
// first two loops pull their values through iter.Pull; the third drives the generated words
// machine with Next itself, with no goroutine. Leaving shout's loop early closes the words
// generator, whose deferred call reports it.
package main

import (
	"fmt"
	"slices"
	"strings"

	coro "github.com/stackless-go/coro/runtime"
)

//go:generate go run github.com/stackless-go/coro/cmd/coro

// words yields the words of text, line by line, and returns how many it yielded.
//
//coro:gen
func words(co *coro.Co[string, struct{}], text string) (n int) {
	defer func() { fmt.Printf("words: stopped after %d words\n", n) }()
	for line := range strings.Lines(text) {
		for w := range strings.FieldsSeq(line) {
			co.Yield(w)
			n++
		}
	}
	return n
}

// shout yields the words of text in capitals, at most limit of them.
//
//coro:gen
func shout(co *coro.Co[string, struct{}], text string, limit int) {
	i := 0
	for w := range newWordsCoro(text).All() {
		if i == limit {
			break
		}
		co.Yield(strings.ToUpper(w))
		i++
	}
}

const poem = `Beautiful is better than ugly.
Explicit is better than implicit.
Simple is better than complex.
`

func main() {
	all := slices.Collect(newWordsCoro(poem).All())
	fmt.Println(strings.Join(all, " "))
	shouted := slices.Collect(newShoutCoro(poem, 7).All())
	fmt.Println(strings.Join(shouted, " "))
}
