package coro

// Defers holds the pending deferred calls of a generated machine: a defer statement in a
// coroutine body pushes its call here, with its arguments already evaluated, and the machine runs
// them when the body returns, unwinds or panics. It is exported for generated code.
type Defers []func()

// Push adds a deferred call.
func (d *Defers) Push(f func()) { *d = append(*d, f) }

// Run runs the pending calls, last pushed first, and empties the list. Each call is deferred, as
// in a Go function, so a call that panics does not keep the others from running, and a later call
// can recover the panic of an earlier one.
func (d *Defers) Run() {
	fs := *d
	*d = nil
	for _, f := range fs {
		defer f()
	}
}

// RunPanicking runs the pending calls while the panic p goes through the body: it raises p again
// with every call deferred, so that a call that calls recover stops the panic, exactly as a
// deferred call of the body would. It returns normally when a call recovered; otherwise the panic
// goes on.
func (d *Defers) RunPanicking(p any) {
	fs := *d
	*d = nil
	for _, f := range fs {
		defer f()
	}
	panic(p)
}

// MapKeys returns the keys of m: a range over a map with a yield in its body iterates over them,
// so that it can stop at the yield and go on later. It is exported for generated code.
func MapKeys[M ~map[K]V, K comparable, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// MapEntries returns the keys and the values of m, in the same order: a range over a map whose
// keys may be NaN (which no lookup finds) with a yield in its body iterates over them. It is
// exported for generated code.
func MapEntries[M ~map[K]V, K comparable, V any](m M) ([]K, []V) {
	keys := make([]K, 0, len(m))
	vals := make([]V, 0, len(m))
	for k, v := range m {
		keys = append(keys, k)
		vals = append(vals, v)
	}
	return keys, vals
}
