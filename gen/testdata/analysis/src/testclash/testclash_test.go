package testclash

import (
	"fmt"
	"strings"
)

// newAdderCoro is the name of the constructor the tool generates for adder.
func newAdderCoro() {}

var _ = fmt.Sprint(strings.ToUpper("x"))
