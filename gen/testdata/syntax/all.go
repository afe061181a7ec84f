// Package syntaxtest holds every construct of Go's expression, type, statement and
// declaration syntax at least once, for the round trip test of the syntax writer.
package syntaxtest

import (
	"errors"
	"fmt"
	str "strconv"
	. "strings"
)

// Declarations with type parameters, grouped, aliases, iota.

type (
	Number interface {
		~int | ~int64 | ~float64
	}
	Stringish interface {
		~string
		fmt.Stringer
		Len() int
		Swap(i, j int) (ok bool, err error)
	}
	Pair[K comparable, V any] struct {
		Key   K
		Value V `json:"value,omitempty"`
	}
	List[T any]         []T
	Ptr[P *int,]        struct{ p P }
	Alias               = Pair[string, int]
	GenericAlias[T any] = List[T]
	Embedding           struct {
		*Pair[string, int]
		fmt.Stringer
		error
		Ab, Bc   int     "custom:\"ab\""
		C        float64 `xml:"c" json:"c"`
		D        float64 `json:"d" xml:"d"`
		_        struct{}
		Fn       func(int, ...string) (int, error)
		Ch       chan int
		SendCh   chan<- int
		RecvCh   <-chan int
		NestCh   chan<- <-chan int
		ParenCh  chan (<-chan int)
		M        map[string][]*int
		Arr      [4]byte
		ArrOfArr [2][3]int
		Ifc      interface{}
		Any      any
	}
)

const (
	A = iota
	B
	C
	_
	D = 1 << iota
	E
)

const Hex, Oct, Bin, Float, Exp, Imag, Rune, Raw = 0x1F, 0o17, 0b1011, 1.5, 1e3, 2i, 'a', `raw
string\n`

var (
	x, y     int
	z        = "interpreted\t\"string\""
	Sep, Big = '\n', 1_000_000
	Under    = 0x_FF
)

var Single int

var (
	GroupedSingle int
)

// Functions and methods with generics.

func MapSlice[S ~[]E, E, F any](s S, f func(E) F) []F {
	out := make([]F, 0, len(s))
	for _, e := range s {
		out = append(out, f(e))
	}
	return out
}

func Sum[T Number](xs ...T) (total T) {
	for _, v := range xs {
		total += v
	}
	return
}

func (p *Pair[K, V]) Swap() (V, K) { return p.Value, p.Key }

func (p Pair[_, V]) Get() V { return p.Value }

func (List[T]) Len() int { return 0 }

func noBody(int) (string, error)

// Expressions.

func Expressions(xs []int, m map[string]int, s string, p *Pair[string, int], i any) {
	// Literals.
	_ = []any{0x1F, 'a', "s", `raw`, 1e3, 1.5e-3, .5, 0x1p-2, 3i, 07, 0o7, 0b1, 1_000}
	// Composite literals with and without type, keyed, nested elided types.
	_ = Pair[string, int]{Key: "k", Value: 1}
	_ = Pair[string, int]{"k", 1}
	_ = &Pair[string, int]{}
	_ = []Pair[string, int]{{Key: "a"}, {"b", 2}, {}}
	_ = map[string][]int{"a": {1, 2}, "b": nil}
	_ = map[Pair[string, int]]bool{{"a", 1}: true, {Key: "b"}: false}
	_ = [...]string{2: "c", 0: "a", "b"}
	_ = [][]*Pair[string, int]{{{Key: "p"}, &Pair[string, int]{}}}
	_ = struct {
		a int
		b string
	}{1, "x"}
	_ = []struct{}{{}, {}}
	// Func literals.
	f := func(a, b int, rest ...string) (n int, err error) {
		n = a + b + len(rest)
		return n, nil
	}
	func() {}()
	defer func(v int) { _ = v }(1)
	// Parens, selectors, qualified identifiers (also a dot import).
	_ = (x + y) * 2
	_ = p.Key
	_ = fmt.Sprint(p.Value)
	_ = ToUpper(s)
	_ = str.Itoa(1)
	_ = (*Pair[string, int]).Swap
	_ = Pair[string, int].Get
	// Index, generic instantiation, slices.
	_ = xs[0]
	_ = m["k"]
	_ = MapSlice[[]int, int, string]
	_ = Sum[int]
	_, _, _, _ = xs[1:], xs[:2], xs[1:2], xs[:]
	_, _ = xs[1:2:3], xs[:2:3]
	_ = s[1:]
	// Type assertions.
	_ = i.(int)
	v, ok := i.(fmt.Stringer)
	_, _ = v, ok
	// Calls, variadic.
	_, _ = f(1, 2)
	_, _ = f(1, 2, "a", "b")
	_, _ = f(1, 2, []string{"a"}...)
	_ = append(xs, xs...)
	_ = Sum(xs...)
	// Star, unary, binary, key-value.
	q := &x
	*q = -*q
	_ = +x
	_ = ^x
	_ = !ok
	ch := make(chan int, 1)
	ch <- 1
	_ = <-ch
	_ = x + y - x*y/2%3
	_ = x&y | x ^ y&^x<<1>>2
	_ = x == y || x != y && x < y || x <= y || x > y || x >= y
	_ = float64(x) / 2.0
	_ = []int(nil)
	_ = (func())(nil)
	_ = (<-chan int)(ch)
	_ = interface{ M() }(nil)
	_ = new(int)
	_ = fmt.Errorf("%w", errors.New("e"))
}

// Types.

func Types(
	a [3]int,
	b []string,
	c map[string]map[int]bool,
	d chan int,
	e chan<- string,
	f <-chan struct{},
	g func(),
	h func(int) string,
	i func(x, y int, z ...bool) (r int, err error),
	j func(...int),
	k struct {
		A    int `tag:"a"`
		B, C string
		Pair[int, int]
	},
	l interface {
		fmt.Stringer
		M(int) (string, error)
	},
	m *[]**int,
	n [2]func() <-chan int,
	o func() func() int,
) (int, string) {
	type local struct{ a, b int }
	type localAlias = local
	var lv localAlias
	_ = lv
	return 0, ""
}

// Statements.

func Statements(xs []int, ch chan int, done <-chan struct{}, i any) (res int, err error) {
	// Declarations inside a body.
	var a int
	var b, c = 1, "c"
	var (
		d    float64
		e, f = 1, 2
	)
	const g = 10
	const (
		h = iota * 2
		k
	)
	type T struct{ n int }
	type (
		U int
		W = T
	)
	_, _, _, _, _, _, _, _, _ = a, b, c, d, e, f, g, h, k
	_ = W{n: 1}
	_ = U(1)
	// Empty statement and labels.

	// Expression, send, inc/dec statements.
	fmt.Println()
	ch <- 1
	a++
	a--
	// Assignments with every operator.
	a = 1
	a += 1
	a -= 1
	a *= 2
	a /= 2
	a %= 3
	a &= 1
	a |= 1
	a ^= 1
	a <<= 1
	a >>= 1
	a &^= 1
	a, b = b, a
	n, m := 1, 2
	_, _ = n, m
	xs[0], xs[1] = xs[1], xs[0]
	// Go and defer.
	go fmt.Println("go")
	go func() {}()
	defer fmt.Println("defer")
	// Blocks.
	{
		a := 2
		_ = a
		{
		}
	}
	// If with init, else if chains.
	if a > 0 {
		a = 0
	}
	if v := a * 2; v > 1 {
		a = v
	} else if v < -1 {
		a = -v
	} else if w := v + 1; w == 0 {
		a = w
	} else {
		a = 0
	}
	if x, ok := i.(int); ok && (x == T{}.n) {
		a = x
	}
	// Switch: no tag, tag, init, init without tag, fallthrough, default.
	switch {
	case a > 1:
		a = 1
	case a < 0, a == -1:
	default:
		a = 2
	}
	switch a {
	case 1, 2, 3:
		fallthrough
	case 4:
		a = 4
		break
	default:
	}
	switch x := a + 1; x {
	case 1:
	}
	switch x := a; {
	case x > 1:
	}
	switch a := a; a {
	}
	// Type switch with and without binding, with init.
	switch i.(type) {
	case nil:
	case int, string:
	}
	switch t := i.(type) {
	case fmt.Stringer:
		_ = t.String()
	case error:
		_ = t
	default:
		_ = t
	}
	switch j := 1; t := i.(type) {
	case int:
		_ = j + t
	}
	// Select with send, receive, receive with assignment and define, default.
	select {
	case ch <- 1:
	case v := <-ch:
		_ = v
	case v, ok := <-ch:
		_, _ = v, ok
	case a = <-ch:
	case a, _ = <-ch:
	case <-done:
		return
	default:
	}
	// For, all forms.
	for {
		break
	}
	for a < 10 {
		a++
	}
	for i := 0; i < 10; i++ {
		continue
	}
	for i := 0; i < 10; {
		i++
	}
	for ; a < 20; a++ {
	}
	for a = 0; ; a++ {
		if a > 3 {
			break
		}
	}
	for i := 0; ; {
		_ = i
		break
	}
	// Range, all forms.
	for range xs {
	}
	for i := range xs {
		_ = i
	}
	for i, x := range xs {
		_, _ = i, x
	}
	for _, x := range xs {
		_ = x
	}
	for a = range xs {
	}
	for a, b = range xs {
	}
	for i := range 10 {
		_ = i
	}
	for range 3 {
	}
	for k, v := range map[string]int{} {
		_, _ = k, v
	}
	for v := range ch {
		_ = v
		break
	}
	for i, r := range "str" {
		_, _ = i, r
	}
	for x := range func(yield func(int) bool) {} {
		_ = x
	}
	// Labels, break/continue with labels, goto.
Outer:
	for i := range xs {
		for j := range xs {
			if i == j {
				continue Outer
			}
			if j > i {
				break Outer
			}
		}
	}
Sel:
	select {
	case <-done:
		break Sel
	default:
	}
Sw:
	switch {
	default:
		break Sw
	}
	goto End
End:
	if a > 100 {
		goto Done
	}
	a = 1
Empty:
	;
	goto Empty
Done:
	// Return with values.
	return a, nil
}

func Closures() func() int {
	count := 0
	return func() int {
		defer func() {
			if r := recover(); r != nil {
				count = -1
			}
		}()
		count++
		for i := range count {
			go func(i int) { _ = i }(i)
		}
		return count
	}
}

func Forever() {
	select {}
}

func LabelAtEnd() {
	for {
		goto L
	}
L:
}
