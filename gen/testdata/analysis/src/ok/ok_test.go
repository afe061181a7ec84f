package ok

import (
	"testing"

	coro "github.com/stackless-go/coro/runtime"
)

// countTwice delegates to count, a coroutine of the package's non-test file, twice: accepted in
// the test variant of the package, as the tool accepts it.
//
//coro:gen
func countTwice(co *coro.Co[int, int], n int) int {
	return count(co, n) + count(co, n)
}

func TestFirst(t *testing.T) {
	if First() != 0 {
		t.Fatal("not 0")
	}
}
