// Package gen is the generator of coro: it turns Go functions marked //coro:gen into stackless
// state machines.
//
// # Theory of operation
//
// A coroutine body is an ordinary Go function whose first parameter is co *coro.Co[Y, S]. Each
// call co.Yield(v) is a suspension point: the body stops there, hands v to whoever resumed it,
// and goes on, later, with the value the next Send passes in. The generator compiles the body
// into a struct (the machine) and a resume method. The struct holds a program counter and the
// variables whose values must survive a suspension; the resume method is the body itself, cut
// at the suspension points, with a switch on the program counter at the top that jumps to
// where the body last stopped:
//
//	//coro:gen                                 func (co *adderCoro) resume(sent int) (y int, ok bool) {
//	func adder(co *coro.Co[int, int]) {            var ret, in int
//		ret := 0                                   switch co.pc {
//		for {                                      case 0:
//			in := co.Yield(ret)                    case 4:
//			ret = in + 1                               goto yield1
//		}                                          default:
//	}                                                  return
//	                                               }
//	                                               ret = 0
//	                                           loop1:
//	                                               co.pc = 4
//	                                               return ret, true
//	                                           yield1:
//	                                               in = sent
//	                                               ret = in + 1
//	                                               goto loop1
//	                                           }
//
// Here neither ret nor in is read after a yield before it is written again, so both stay
// locals of the resume method and the machine is a program counter and an error: resuming it
// is a switch, an add and a return. Nothing of the body runs when it unwinds from its yield (it
// has no defer, no YieldErr), so Throw and Close end it without resuming it, and resume takes
// no thrown error.
//
// # Stages
//
// One file each, run in this order for every function (gen.go drives them):
//
//   - load.go: load the packages with go/packages, leaving the tool's own generated files out
//     and putting in their place declarations derived from the directives, so that code which
//     already uses the generated API type-checks before it exists. The same goes for the
//     packages they import that have coroutines: their directives tell which of their functions
//     a delegated call may name. Test files count: the packages are listed with their test
//     variants, and x_test.go's coroutines are generated (into x_coro_test.go) from the variant
//     that holds it, p [p.test] or p_test [p.test], where the package's own coroutines are
//     known for delegated calls; p's files are generated from p alone, once. But go test
//     compiles p's generated files with its in-package test files too, so p holds those
//     parsed: the generated names must not be theirs, nor the generated files' imports.
//   - check.go: the signature (co *coro.Co[Y, S], results R, error or (R, error)) and every use
//     of co: only as the receiver of a marker, never inside a func literal.
//   - normalize.go: every yield must stand where flatten can cut the body: as a statement or
//     the whole right side of an assignment. It marks the statements that contain one.
//   - flatten.go: statements that contain a yield are taken apart into labels, conditional
//     jumps and gotos at the top level of the resume method; statements without one are kept
//     as written, with their breaks, continues and returns that leave them turned into gotos.
//   - hoist.go: a liveness analysis over the flat code decides which variables become fields
//     (those live across a yield, the parameters, and those captured by func literals or whose
//     address is taken) and which stay locals; it names everything and picks the protocol mode.
//   - emit.go: jennifer writes the type, the constructor, the Coroutine methods and the resume
//     method; syntax.go converts kept statements, and types.go the types of fields. An import
//     whose name the package declares (in any file go test compiles with the generated one)
//     is renamed, iter1 for iter, and the file rendered again (gen.go).
//
// Why flatten: Go forbids a goto into a block, and a resume must be able to jump to any
// suspension point, so every statement on the path from the function's top level to a yield
// is lifted to the top level. Go also forbids a goto over a variable declaration, so every
// variable of the top level is declared once, before the dispatch switch, and its declarations
// in the body become assignments (a `var x T` in a loop assigns the zero value on every pass).
//
// # Hard cases
//
// Loop variables. Since Go 1.22 each iteration of a for loop has its own copy of the variables
// its init statement declares. A variable that no func literal captures and whose address is
// not taken cannot tell the difference, so it stays a plain field or local. One that escapes
// and is declared in a loop is boxed: the field holds a pointer, each declaration allocates a
// new variable, and between iterations the loop copies it into a fresh box, as the compiler
// does. A func literal captures the box of its own iteration through a local alias:
//
//	for i := 0; i < 3; i++ {            co.i = new(int)
//		fs = append(fs,                 *co.i = 0
//			func() int { return i })  loop1: ...
//		co.Yield(i)                       { i := co.i; co.fs = append(co.fs, func() int { return *i }) }
//	}                                     ...
//	                                  continue1:
//	                                      { next := *co.i; co.i = &next }
//	                                      (*co.i)++
//	                                      goto loop1
//
// Delegation. A delegated call r := f(co, x) runs f's machine inside the caller's, as the body
// of coro.YieldFrom does, but as if f's body ran inline: whatever is raised at the caller's
// yield goes on to f's machine with Throw, a Close too, so the innermost coroutine gets it. A
// Close is not coro.ErrClosed but coro.CloseSignal, which only a YieldErr of the body turns into
// ErrClosed: a user's Throw(coro.ErrClosed) stays a throw. A body that yields again after a Close
// is resumed once more with coro.AbortSignal, on which every yield unwinds, the callee's first.
// f's machine is a field of the caller's by value, sub = *newFCoro(x), unless f can reach the
// caller through delegated calls (then the type would contain itself): a pointer, allocated at
// each call. A method promoted through embedded fields, n.Walk(co), is first written out as the
// call Go makes, n.Tree.Walk(co), whose receiver is then &n.Tree, n.Tree or *n.Tree.
//
//	r := f(co, x)                     co.sub = *newFCoro(x)
//	                                  co.y, co.ok = co.sub.Next()
//	                                  for co.ok { // flattened
//	                                      s, err := <yield co.y>
//	                                      if err != nil { co.y, co.ok = co.sub.Throw(err) }
//	                                      else { co.y, co.ok = co.sub.Send(s) }
//	                                  }
//	                                  if co.sub.Unwound() { thrown = co.sub.Err(); goto unwind }
//	                                  r = co.sub.Result()
//
// Returns. A return stores the results in the machine's fields and jumps to the exit, which
// marks the machine done. A thrown error at a plain Yield jumps to the unwind, which marks it
// done with the error.
//
// All. A range over All resumes the machine for each value; leaving the loop early closes it.
// When closing runs code of the body (a defer, a YieldErr, an iterator to stop), All's range
// function defers the Close, so that a panic in the loop body closes it too. Otherwise it
// closes on break only, and having no deferred call, it inlines into the loop, resume with it.
// A body that also calls nothing cannot resume itself: only the loop body can, between two
// values. Then All runs its own copy of the machine, whose suspensions call the loop body and
// go on at the resume point unless the loop body moved the coroutine, so that the range loop
// compiles into one loop, with no dispatch per value. The copy keeps the fields that == tells
// apart exactly (integers, strings, booleans, pointers; not floats or interfaces) in locals,
// which the compiler keeps in registers. At a yield it stores those the body wrote, for a
// loop body that resumes the coroutine, and goes on only if the pc and every stored field are
// as it left them (as good as reading them again); else it reads them all again and
// dispatches. A body with one yield that calls nothing and cannot panic sets its pc once:
//
//	co.a, co.b, co.i = a, b, i
//	if !yield(a) {
//		co.Close()
//		return
//	}
//	if co.pc != 4 || co.a != a || co.b != b || co.i != i {
//		goto redispatch
//	}
//	yield1:
//
// When the loop body touches no memory, the compiler sees the stored values unchanged and drops
// the check; the stores stay, since the loop body could look.
//
// The protocol's cost. Status, re-entrancy and "done after a panic" cost stores on every
// resume. The program counter doubles as the status (0 created, 1 done, 2 running, 3 done by an
// error, 4 and up suspended), and hoist picks the least the body needs: a body that calls nothing cannot see
// itself running, and one that also cannot panic needs no bookkeeping at all (the ping-pong);
// one that can panic but calls nothing marks itself done on entry; only a body that calls out
// keeps the running mark and a deferred check.
//
// Names the tool introduces (labels, the sent value, the receiver) avoid every identifier of
// the package; the receiver takes the co parameter's name, which the body cannot use for
// anything else. A variable keeps its own name unless two variables of the flat level share
// it, or it would hide something the body uses; then it gets a number.
package gen
