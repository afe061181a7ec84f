package ok

import "testing"

func TestFirst(t *testing.T) {
	if First() != 0 {
		t.Fatal("not 0")
	}
}
