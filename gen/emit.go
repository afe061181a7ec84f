package gen

// Stage 6, emit: takes a hoisted machine and writes its type, constructor and methods into the
// generated file with jennifer (imports through jen.Qual), gofmt-clean and deterministic.
//
// For `func adder(co *coro.Co[int, int])` it writes:
//
//	type adderCoro struct { pc uint8; ret int; err error }   // fields: the live-across variables
//	func newAdderCoro() *adderCoro
//	func (co *adderCoro) Next() (int, bool)                   // and Send, Throw, Close, Result,
//	                                                          // Err, Status, All
//	func (co *adderCoro) resume(sent int) (y int, ok bool)    // thrown error too, unless quiet
//
// The resume method is the body: a dispatch switch on the program counter, then the flat code.
// The receiver is named as the co parameter was, so the fields read as co.ret.

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
)

type emitter struct {
	m   *machine
	nm  *names
	tw  typeWriter
	w   *syntaxWriter
	fn  *Func
	out *decls
	// inLiteral holds the uses of boxed variables inside func literals: they read the box
	// through a local alias (see withBoxAliases).
	inLiteral map[*ast.Ident]bool
	// relabeled are the labeled statements that withBoxAliases wraps, as written inside the
	// block, with a label of their own.
	relabeled map[*ast.LabeledStmt]ast.Stmt
	// push is set while All's own copy of the machine is written (see all): a suspension calls
	// the range loop's yield function, named yieldFn, and a resume by the loop body jumps back
	// to the dispatch, at the label redispatch (counted in redispatchUses).
	push           bool
	yieldFn        string
	redispatch     string
	redispatchUses int
	// While All's copy is written: cached are the fields that it keeps in locals of its own
	// (see cachedVars), and assigned those of them the body writes.
	cached, assigned map[*machineVar]bool
	// pcOnce: All's copy stores the pc once, when it starts (see onlyYield).
	pcOnce *yieldPoint
}

// emitFunc writes the declarations of one coroutine into out.
func emitFunc(out *decls, m *machine, nm *names, errs *ErrorList) {
	e := &emitter{m: m, nm: nm, tw: typeWriter{pkg: m.pkg.Types, rename: m.localNames}, fn: m.fn, out: out, inLiteral: map[*ast.Ident]bool{}, relabeled: map[*ast.LabeledStmt]ast.Stmt{}}
	e.w = &syntaxWriter{info: m.info, fset: m.pkg.Fset, identHook: e.ident, stmtHook: e.stmtHook, exprHook: e.exprHook}
	e.typeDecl()
	e.keepSource()
	e.constructor()
	e.methods()
	e.renew()
	e.innerStack()
	e.resume()
	if e.w.err != nil {
		errs.errorf(m.pkg.Fset, m.fn.Decl.Pos(), "%v", e.w.err)
	}
}

// decls are the top-level code of a generated file, kept as emit writes it (with the methods of
// jen.File that emit uses), so that the file can be rendered again under other import names
// (see generateFile).
type decls struct {
	code []jen.Code
	// docs are the comments that name packages, written as the file is rendered: jen names the
	// packages of the code (jen.Qual) as the file imports them, but not those of a comment.
	docs []lateComment
}

// lateComment is a comment of decls whose text is written when the file is rendered: text gives
// it, with each package named by importName (its path to the name the file imports it under).
type lateComment struct {
	stmt *jen.Statement
	text func(importName func(path string) string) string
}

func (d *decls) add(s *jen.Statement) *jen.Statement {
	d.code = append(d.code, s)
	return s
}

// CommentNaming adds a comment that names packages: text writes it when the file is rendered.
func (d *decls) CommentNaming(text func(importName func(path string) string) string) *jen.Statement {
	s := d.add(jen.Null())
	d.docs = append(d.docs, lateComment{s, text})
	return s
}

// render writes the comments that name packages, naming them with importName, and returns the
// code to render.
func (d *decls) render(importName func(path string) string) []jen.Code {
	for _, c := range d.docs {
		*c.stmt = *jen.Comment(c.text(importName))
	}
	return d.code
}

func (d *decls) Comment(str string) *jen.Statement { return d.add(jen.Comment(str)) }
func (d *decls) Commentf(format string, a ...any) *jen.Statement {
	return d.add(jen.Commentf(format, a...))
}
func (d *decls) Func() *jen.Statement        { return d.add(jen.Func()) }
func (d *decls) Line() *jen.Statement        { return d.add(jen.Line()) }
func (d *decls) Op(op string) *jen.Statement { return d.add(jen.Op(op)) }
func (d *decls) Type() *jen.Statement        { return d.add(jen.Type()) }
func (d *decls) Var() *jen.Statement         { return d.add(jen.Var()) }

// recvType is *T[P...], the receiver of the methods.
func (e *emitter) recvType() *jen.Statement {
	return jen.Op("*").Add(e.typeName())
}

func (e *emitter) typeName() *jen.Statement {
	t := jen.Id(e.fn.TypeName)
	if len(e.fn.TypeParams) > 0 {
		t = t.Types(typeArgs(e.fn.TypeParams)...)
	}
	return t
}

func (e *emitter) recv() *jen.Statement { return jen.Id(e.nm.recv) }

// field is recv.name.
func (e *emitter) field(name string) *jen.Statement { return e.recv().Dot(name) }

func (e *emitter) yieldType() *jen.Statement { return e.tw.typ(e.fn.Yield) }
func (e *emitter) sentType() *jen.Statement  { return e.tw.typ(e.fn.Sent) }
func (e *emitter) resultType() *jen.Statement {
	if e.fn.Result == nil {
		return jen.Struct()
	}
	return e.tw.typ(e.fn.Result)
}

func (e *emitter) pc(v int) *jen.Statement { return jen.Lit(v) }

// setPC is recv.pc = v.
func (e *emitter) setPC(v int) *jen.Statement { return e.field(e.nm.pcField).Op("=").Lit(v) }

func (e *emitter) typeDecl() {
	fn := e.fn
	var fields []jen.Code
	fields = append(fields, jen.Id(e.nm.pcField).Id(e.nm.pcType).Comment("0 created, 1 done, 2 running, 3 done by an error, 4 and up suspended at a yield"))
	for _, mv := range e.m.varList {
		switch mv.storage {
		case inField:
			fields = append(fields, jen.Id(mv.name).Add(e.tw.typ(mv.obj.Type())))
		case inBox:
			fields = append(fields, jen.Id(mv.name).Op("*").Add(e.tw.typ(mv.obj.Type())))
		}
	}
	if fn.Result != nil {
		fields = append(fields, jen.Id(e.nm.resultField).Add(e.tw.typ(fn.Result)))
	}
	fields = append(fields, jen.Id(e.nm.errField).Error())
	if e.m.hasDefers() {
		fields = append(fields, jen.Id(e.nm.defersField).Qual(RuntimePath, "Defers"))
	}
	if e.m.pkg.heldByPointer(fn) {
		fields = append(fields,
			jen.Id(innerStackField).Index().Add(e.stepper()).Comment("the recursive calls under way, outermost first, when this machine is the outermost"),
			jen.Id(innerTopField).Op("*").Index().Add(e.stepper()).Comment("the outermost machine's stack, when this one is a recursive call"),
		)
	}
	e.out.Op(lineReset)
	e.out.CommentNaming(func(importName func(string) string) string {
		return fmt.Sprintf("%s is the state machine of %s: a %s.", fn.TypeName, e.funcName(), e.coroutineType(importName))
	})
	if doc := sourceDoc(fn.Decl); doc != "" {
		e.out.Comment("")
		for _, line := range strings.Split(doc, "\n") {
			e.out.Comment(line)
		}
	}
	decl := e.out.Type().Id(fn.TypeName)
	if len(fn.TypeParams) > 0 {
		decl = decl.Types(e.tw.typeParams(fn.TypeParams)...)
	}
	decl.Struct(fields...)
	e.out.Line()
}

// sourceDoc is the doc comment of the source function without its directives.
func sourceDoc(d *ast.FuncDecl) string {
	if d.Doc == nil {
		return ""
	}
	return strings.TrimSpace(d.Doc.Text()) // Text leaves directives out
}

// keepSource refers to the source function, which only the generated machine calls in spirit:
// linters would call it unused. (A generic one cannot be referred to uninstantiated.)
func (e *emitter) keepSource() {
	if len(e.fn.TypeParams) > 0 {
		return
	}
	d := e.fn.Decl
	var ref *jen.Statement
	if d.Recv != nil && len(d.Recv.List) == 1 {
		ref = jen.Parens(e.tw.typ(e.fn.Recv.Type())).Dot(d.Name.Name)
	} else {
		ref = jen.Id(d.Name.Name)
	}
	e.out.Var().Id("_").Op("=").Add(ref).Comment("the source of " + e.fn.TypeName + ", used through it")
	e.out.Line()
}

func (e *emitter) funcName() string {
	if e.fn.Decl.Recv != nil && len(e.fn.Decl.Recv.List) == 1 {
		return "(" + types.ExprString(e.fn.Decl.Recv.List[0].Type) + ")." + e.fn.Decl.Name.Name
	}
	return e.fn.Decl.Name.Name
}

// coroutineType is the interface the machine implements, coro.Coroutine[Y, S, R], as the generated
// file would write it: each package by the name importName says the file imports it under.
func (e *emitter) coroutineType(importName func(path string) string) string {
	q := func(p *types.Package) string {
		if p == e.m.pkg.Types {
			return ""
		}
		return importName(p.Path())
	}
	r := "struct{}"
	if e.fn.Result != nil {
		r = types.TypeString(e.fn.Result, q)
	}
	return importName(RuntimePath) + ".Coroutine[" + types.TypeString(e.fn.Yield, q) + ", " + types.TypeString(e.fn.Sent, q) + ", " + r + "]"
}

func (e *emitter) constructor() {
	fn := e.fn
	params, inits := e.constructorParams()
	e.out.Commentf("%s returns a new %s, created: the body starts at the first Next or Send.", fn.CtorName, fn.TypeName)
	c := e.out.Func().Id(fn.CtorName)
	if len(fn.TypeParams) > 0 {
		c = c.Types(e.tw.typeParams(fn.TypeParams)...)
	}
	lit := jen.Op("&").Add(e.typeName()).Values(inits...)
	c.Params(params...).Add(e.recvType()).Block(jen.Return(lit))
	e.out.Line()
}

// renew is the constructor of a machine that a recursive delegated call holds by pointer
// (normalize writes sub = sub.renew(args)). When it can, it makes the machine of the last such
// call over, or a new one when there is none; the machines that the old one's own recursive
// calls made stay, to be made over in turn, so a recursion allocates one machine per level of
// its calls, not one per call. The old machine has ended (a delegated call runs to its end
// before the body goes on), and only its caller's field refers to it, unless the address of
// one of its fields went out: a variable whose address is taken or that a func literal
// captures, kept in a field of its own or of a sub-machine held by value. Then renew allocates.
func (e *emitter) renew() {
	fn := e.fn
	if !e.m.pkg.heldByPointer(fn) {
		return
	}
	params, inits := e.constructorParams()
	fresh := jen.Op("&").Add(e.typeName()).Values(inits...)
	if !e.m.reusable() {
		e.out.Commentf("%s is %s for a delegated call that recurses. (Each call has its own machine: the", renewMethod, fn.CtorName)
		e.out.Commentf("address of a field may have gone out.)")
		e.method(renewMethod).Params(params...).Add(e.recvType()).Block(jen.Return(fresh))
		e.out.Line()
		return
	}
	again := slices.Clone(inits)
	for _, v := range e.m.subs {
		if mv := e.m.vars[v]; mv != nil && mv.storage == inField && isPointer(v.Type()) {
			again = append(again, jen.Id(mv.name).Op(":").Add(e.field(mv.name)))
		}
	}
	e.out.Commentf("%s is %s for a delegated call that recurses: it makes %s over, keeping the", renewMethod, fn.CtorName, e.nm.recv)
	e.out.Commentf("machines of its own recursive calls, so that a recursion allocates a machine per level of")
	e.out.Commentf("its calls, not per call.")
	e.method(renewMethod).Params(params...).Add(e.recvType()).Block(
		jen.If(e.recv().Op("==").Nil()).Block(jen.Return(fresh)),
		jen.Op("*").Add(e.recv()).Op("=").Add(e.typeName()).Values(again...),
		jen.Return(e.recv()),
	)
	e.out.Line()
}

// stepper is the type of the machines on the stack of recursive calls: interface{ Send(S) (Y,
// bool) }, which every generated type has.
func (e *emitter) stepper() *jen.Statement {
	// On one line, as a person would write it (jen.Interface puts each method on a line of its own).
	return jen.Op("interface{").Id("Send").Params(e.sentType()).Params(e.yieldType(), jen.Bool()).Op("}")
}

// innerStack writes the methods of a machine that recursive delegated calls hold (see
// heldByPointer). Each value of a recursion would otherwise pass up through the resume of every
// call under way, as in Python's yield from; the machines of those calls are on a stack, kept by
// the outermost machine of the recursion (the one whose coroTop is nil), and its sub.Send goes
// to the innermost one directly (stepInner). When that one ends, its caller is resumed in turn:
// it finds its sub done, takes it off the stack, and goes on. Throw and Close go down the calls
// as before.
func (e *emitter) innerStack() {
	if !e.m.pkg.heldByPointer(e.fn) {
		return
	}
	s := jen.Id("s")
	stack := e.field(innerStackField)
	top := func(k int) *jen.Statement {
		return stack.Clone().Index(jen.Len(stack.Clone()).Op("-").Lit(k)).Dot("Send").Call(s.Clone())
	}
	y, ok := jen.Id("y"), jen.Id("ok")
	e.out.Commentf("%s sends s to the innermost recursive call under way: what it yields is the value; when", stepInnerMethod)
	e.out.Commentf("it ends, its caller goes on (and takes it off the stack), and so on up; false when the")
	e.out.Commentf("outermost call ends.")
	e.method(stepInnerMethod).Params(s.Clone().Add(e.sentType())).Params(y.Clone().Add(e.yieldType()), ok.Clone().Bool()).Block(
		jen.For().Block(
			jen.If(jen.List(y.Clone(), ok.Clone()).Op("=").Add(top(1)), ok.Clone()).Block(jen.Return(y.Clone(), jen.True())),
			jen.If(jen.Len(stack.Clone()).Op("==").Lit(1)).Block(jen.Return(y.Clone(), jen.False())),
			jen.If(jen.List(y.Clone(), ok.Clone()).Op("=").Add(top(2)), ok.Clone()).Block(jen.Return(y.Clone(), jen.True())),
		),
	)
	e.out.Line()
}

// innerLink writes linkInner(sub), after the machine of a recursive call is made: it goes on the
// stack of the outermost machine (this one's, when this one is the outermost), and
// unlinkInner(sub), when its loop is over: it comes off.
//
// A machine with deferred calls (or iterators to stop) keeps its calls off the stack: a panic
// of a call under it must go through its resume, to run them (and perhaps be recovered there).
// Its recursive call then keeps a stack of its own.
func (e *emitter) innerLink(call *ast.CallExpr) jen.Code {
	if e.m.hasDefers() {
		return jen.Null()
	}
	sub := e.w.expr(call.Args[0])
	slot := jen.Add(sub).Dot(innerTopField)
	if call.Fun.(*ast.Ident).Name == "unlinkInner" {
		return jen.Op("*").Add(slot.Clone()).Op("=").Parens(jen.Op("*").Add(slot.Clone())).Index(jen.Empty(), jen.Len(jen.Op("*").Add(slot.Clone())).Op("-").Lit(1))
	}
	return jen.Add(slot.Clone()).Op("=").Add(e.field(innerTopField)).Line().
		If(slot.Clone().Op("==").Nil()).Block(slot.Clone().Op("=").Op("&").Add(e.field(innerStackField))).Line().
		Op("*").Add(slot.Clone()).Op("=").Append(jen.Op("*").Add(slot.Clone()), jen.Add(sub))
}

// innerSend writes y, ok = sub.Send(s) of a recursive call's loop: to the innermost call under
// way, when this machine keeps the stack.
func (e *emitter) innerSend(s *ast.AssignStmt) jen.Code {
	var lhs []jen.Code
	for _, l := range s.Lhs {
		lhs = append(lhs, e.w.expr(l))
	}
	send := s.Rhs[0].(*ast.CallExpr)
	inner := e.field(stepInnerMethod).Call(e.w.expr(send.Args[0]))
	return jen.If(jen.Len(e.field(innerStackField)).Op(">").Lit(0)).Block(
		jen.List(lhs...).Op("=").Add(inner),
	).Else().Block(
		jen.List(lhs...).Op("=").Add(e.w.expr(send)),
	)
}

// constructorParams are the parameters of the constructor (the receiver first, then the
// function's own) and the fields they initialize.
func (e *emitter) constructorParams() (params, inits []jen.Code) {
	fn := e.fn
	variadic := fn.Obj.Type().(*types.Signature).Variadic()
	add := func(v *types.Var, source string) {
		name := source
		if name == "" {
			name = "_"
		}
		if variadic && len(fn.Params) > 0 && v == fn.Params[len(fn.Params)-1] {
			params = append(params, jen.Id(name).Op("...").Add(e.tw.typ(v.Type().(*types.Slice).Elem())))
		} else {
			params = append(params, jen.Id(name).Add(e.tw.typ(v.Type())))
		}
		if mv := e.m.vars[v]; mv != nil && mv.storage == inBox {
			// Its address goes out: a variable of its own, not a field (see hoist).
			inits = append(inits, jen.Id(mv.name).Op(":").Op("&").Id(name))
		} else if mv != nil && mv.storage != inLocal {
			inits = append(inits, jen.Id(mv.name).Op(":").Id(name))
		}
	}
	if fn.Recv != nil {
		add(fn.Recv, fn.Recv.Name())
	}
	for _, p := range fn.Params {
		add(p, p.Name())
	}
	return params, inits
}

// method starts a method declaration on the generated type.
func (e *emitter) method(name string) *jen.Statement {
	return e.out.Func().Params(e.recv().Add(e.recvType())).Id(name)
}

func (e *emitter) methods() {
	y0 := e.tw.zero(e.fn.Yield)
	s0 := e.tw.zero(e.fn.Sent)
	coro := func(name string) *jen.Statement { return jen.Qual(RuntimePath, name) }

	e.out.Comment("Next resumes the coroutine, sending the zero value; false once it is done.")
	e.method("Next").Params().Params(e.yieldType(), jen.Bool()).Block(
		jen.Return(e.resumeCall(s0.Clone(), jen.Nil())),
	)
	e.out.Line()
	e.out.Comment("Send resumes the coroutine with v as the value of its pending yield; false once it is done.")
	e.method("Send").Params(jen.Id("v").Add(e.sentType())).Params(e.yieldType(), jen.Bool()).Block(
		jen.Return(e.resumeCall(jen.Id("v"), jen.Nil())),
	)
	e.out.Line()
	if e.m.quietUnwind {
		e.quietThrowClose(y0)
	} else {
		e.out.Comment("Throw raises err at the pending yield: YieldErr returns it, a plain Yield unwinds the body.")
		e.method("Throw").Params(jen.Id("err").Error()).Params(e.yieldType(), jen.Bool()).Block(
			jen.If(jen.Id("err").Op("==").Nil()).Block(jen.Panic(coro("ErrNilThrow"))),
			jen.If(e.field(e.nm.pcField).Op("==").Add(e.pc(pcCreated))).Block(
				e.setPC(pcUnwound),
				e.field(e.nm.errField).Op("=").Id("err"),
				jen.Return(y0.Clone(), jen.False()),
			),
			jen.Return(e.resumeCall(s0.Clone(), jen.Id("err"))),
		)
		e.out.Line()
		e.out.Comment("Close ends the coroutine: a plain Yield unwinds, YieldErr returns coro.ErrClosed.")
		e.method("Close").Params().Error().Block(
			jen.Switch(e.field(e.nm.pcField)).Block(
				jen.Case(e.pc(pcCreated)).Block(e.setPC(pcDone), jen.Return(jen.Nil())),
				jen.Case(e.pc(pcDone), e.pc(pcUnwound)).Block(jen.Return(jen.Nil())),
			),
			jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(e.resumeCall(s0.Clone(), coro("CloseSignal"))), jen.Id("ok")).Block(
				jen.Comment("It yielded again instead of returning: that yield unwinds it."),
				e.resumeCall(s0.Clone(), coro("AbortSignal")),
				e.field(e.nm.errField).Op("=").Add(coro("ErrIgnoredClose")),
				jen.Return(coro("ErrIgnoredClose")),
			),
			jen.If(jen.Qual("errors", "Is").Call(e.field(e.nm.errField), coro("ErrClosed"))).Block(
				e.field(e.nm.errField).Op("=").Nil(),
			),
			jen.Return(e.field(e.nm.errField)),
		)
		e.out.Line()
	}
	e.out.Comment("Result is the body's result once it has returned.")
	var result jen.Code = jen.Struct().Values()
	if e.fn.Result != nil {
		result = e.field(e.nm.resultField)
	}
	e.method("Result").Params().Add(e.resultType()).Block(jen.Return(result))
	e.out.Line()
	e.out.Comment("Err is the error that ended the coroutine: a thrown error it did not catch, or its own.")
	e.method("Err").Params().Error().Block(jen.Return(e.field(e.nm.errField)))
	e.out.Line()
	e.out.Comment("Unwound reports whether the coroutine ended by an error it did not catch rather than by")
	e.out.Comment("returning; a delegated call reads it to tell that from the callee's own error result.")
	e.method("Unwound").Params().Bool().Block(jen.Return(e.field(e.nm.pcField).Op("==").Add(e.pc(pcUnwound))))
	e.out.Line()
	e.out.Comment("Status tells whether the coroutine is created, running, suspended or done.")
	e.method("Status").Params().Add(coro("Status")).Block(
		jen.Switch(e.field(e.nm.pcField)).Block(
			jen.Case(e.pc(pcCreated)).Block(jen.Return(coro("Created"))),
			jen.Case(e.pc(pcDone), e.pc(pcUnwound)).Block(jen.Return(coro("Done"))),
			jen.Case(e.pc(pcRunning)).Block(jen.Return(coro("Running"))),
		),
		jen.Return(coro("Suspended")),
	)
	e.out.Line()
	e.all(s0)
}

// resumeCall is recv.resume(sent, thrown); without thrown when the unwind is quiet.
func (e *emitter) resumeCall(sent, thrown jen.Code) *jen.Statement {
	if e.m.quietUnwind {
		return e.recv().Dot("resume").Call(sent)
	}
	return e.recv().Dot("resume").Call(sent, thrown)
}

// quietThrowClose writes Throw and Close of a machine whose unwind runs none of its code: they
// mark it done themselves, as resuming it with the error would. A running body (one that calls
// out may Throw into itself) panics, as resume would.
func (e *emitter) quietThrowClose(y0 *jen.Statement) {
	coro := func(name string) *jen.Statement { return jen.Qual(RuntimePath, name) }
	running := func() []jen.Code {
		if e.m.mode != runningMode {
			return nil // it calls nothing: nothing can reach it while it runs
		}
		return []jen.Code{jen.Case(e.pc(pcRunning)).Block(jen.Panic(coro("ErrRunning")))}
	}
	e.out.Comment("Throw raises err at the pending yield: the body unwinds, with no deferred call to run.")
	e.method("Throw").Params(jen.Id("err").Error()).Params(e.yieldType(), jen.Bool()).Block(
		jen.If(jen.Id("err").Op("==").Nil()).Block(jen.Panic(coro("ErrNilThrow"))),
		jen.Switch(e.field(e.nm.pcField)).Block(append([]jen.Code{
			jen.Case(e.pc(pcDone), e.pc(pcUnwound)).Block(jen.Return(y0.Clone(), jen.False())),
		}, running()...)...),
		e.setPC(pcUnwound),
		e.field(e.nm.errField).Op("=").Id("err"),
		jen.Return(y0.Clone(), jen.False()),
	)
	e.out.Line()
	e.out.Comment("Close ends the coroutine: the body unwinds from its pending yield, with no deferred call to run.")
	e.method("Close").Params().Error().Block(
		jen.Switch(e.field(e.nm.pcField)).Block(append([]jen.Code{
			jen.Case(e.pc(pcCreated)).Block(e.setPC(pcDone), jen.Return(jen.Nil())),
			jen.Case(e.pc(pcDone), e.pc(pcUnwound)).Block(jen.Return(jen.Nil())),
		}, running()...)...),
		e.setPC(pcUnwound),
		jen.Return(jen.Nil()),
	)
	e.out.Line()
}

// all writes All. When the unwind is quiet, closing runs nothing of the body, so the range
// function needs no deferred Close: it closes when the loop body breaks, and is small enough
// for the compiler to inline it, and resume, into the range loop (a deferred call would stop
// that). A panic in the loop body then leaves the coroutine suspended, which only a recovering
// caller can tell. Otherwise a deferred Close runs the body's deferred calls, and its YieldErr
// sees ErrClosed, however the loop is left, a panic included.
//
// A body that also calls nothing cannot resume itself: only the loop body can. Then All runs its
// own copy of the machine, whose suspensions call yield instead of returning, and go on at the
// resume point unless the loop body moved the coroutine meanwhile (Next, Close): the range loop
// compiles into one loop, without a dispatch per value.
func (e *emitter) all(s0 *jen.Statement) {
	yield := jen.Id("yield").Func().Params(e.yieldType()).Bool()
	// resume rather than Next: one call less, so that a small body inlines here.
	next := jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(e.resumeCall(s0.Clone(), jen.Nil()))
	if e.m.pushAll {
		e.push = true
		e.yieldFn = "yield"
		if usesName(e.fn.Decl.Body, "yield") {
			e.yieldFn = e.nm.fresh("yield")
		}
		e.redispatch = e.nm.fresh("redispatch")
		e.cached, e.assigned = e.cachedVars(), e.m.assignedVars()
		e.pcOnce = e.onlyYield()
		body := e.machineBody()
		e.push, e.cached, e.assigned, e.pcOnce = false, nil, nil, nil
		e.out.Comment("All ranges over the values the coroutine yields; leaving the loop early closes it (a panic in")
		e.out.Comment("the loop body leaves it suspended: its body has no deferred call to run). It runs the body")
		e.out.Comment("as resume does, calling the loop body at each yield.")
		e.method("All").Params().Qual("iter", "Seq").Types(e.yieldType()).Block(
			jen.Return(jen.Func().Params(jen.Id(e.yieldFn).Func().Params(e.yieldType()).Bool()).Block(body...)),
		)
		e.out.Line()
		e.out.Op(lineReset) // after the body's line directives
		return
	}
	if e.m.quietUnwind {
		e.out.Comment("All ranges over the values the coroutine yields; leaving the loop early closes it (a panic in")
		e.out.Comment("the loop body leaves it suspended: its body has no deferred call to run).")
		e.method("All").Params().Qual("iter", "Seq").Types(e.yieldType()).Block(
			jen.Return(jen.Func().Params(yield).Block(
				jen.For().Block(
					next,
					jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
					jen.If(jen.Op("!").Id("yield").Call(jen.Id("v"))).Block(
						e.recv().Dot("Close").Call(),
						jen.Return(),
					),
				),
			)),
		)
		e.out.Line()
		return
	}
	e.out.Comment("All ranges over the values the coroutine yields; leaving the loop early closes it.")
	e.method("All").Params().Qual("iter", "Seq").Types(e.yieldType()).Block(
		jen.Return(jen.Func().Params(yield).Block(
			jen.Defer().Func().Params().Block(
				jen.If(e.field(e.nm.pcField).Op(">=").Add(e.pc(firstYieldPC))).Block(
					e.recv().Dot("Close").Call(),
				),
			).Call(),
			jen.For().Block(
				next,
				jen.If(jen.Op("!").Id("ok").Op("||").Op("!").Id("yield").Call(jen.Id("v"))).Block(jen.Return()),
			),
		)),
	)
	e.out.Line()
}

// usesName reports whether name is an identifier in n.
func usesName(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// cachedVars are the fields that All's copy keeps in locals, so that the compiler can keep them
// in registers across the values: those the body reads after a yield, that no func literal or
// pointer can reach, and whose == tells values apart exactly (not a float: -0 == +0; not an
// interface: == may panic). The copy reads them all when it starts. At each yield it stores
// those the body writes, for the loop body, which may resume the coroutine (Next, or another
// range over All); after the loop body it goes on with its locals only if the pc and every one
// of them are as it left them, which is then as good as reading them again: else it
// dispatches again from the fields. When the loop body touches no memory, the compiler sees
// the stored values unchanged, and the check costs nothing.
func (e *emitter) cachedVars() map[*machineVar]bool {
	cached := map[*machineVar]bool{}
	for i, in := range e.m.code {
		s, ok := in.(*suspendInstr)
		if !ok || !e.m.reachable[i] {
			continue
		}
		for _, mv := range s.y.live {
			if mv.storage == inField && !mv.escapes && exactlyComparable(mv.obj.Type()) {
				cached[mv] = true
			}
		}
	}
	return cached
}

// cachedCopy copies the cached vars between their fields and All's locals of the same names: into
// the fields when store, else out of them; nothing for no vars.
func (e *emitter) cachedCopy(vars []*machineVar, store bool) []jen.Code {
	if len(vars) == 0 {
		return nil
	}
	var fields, locals []jen.Code
	for _, mv := range vars {
		fields = append(fields, e.field(mv.name))
		locals = append(locals, jen.Id(mv.name))
	}
	if store {
		return []jen.Code{jen.List(fields...).Op("=").List(locals...)}
	}
	return []jen.Code{jen.List(locals...).Op("=").List(fields...)}
}

// onlyYield is the one yield that All's copy can suspend at, if the body has no other and sees
// nothing of itself while it runs (it calls nothing and cannot panic): then the pc can say
// "suspended there" as soon as the copy starts, since nothing can look before it suspends
// there, and stays so from one value to the next (the check after the loop body sees it).
// That spares a store a value.
func (e *emitter) onlyYield() *yieldPoint {
	if e.m.mode != bareMode {
		return nil
	}
	var only *yieldPoint
	for i, in := range e.m.code {
		if s, ok := in.(*suspendInstr); ok && e.m.reachable[i] {
			if only != nil {
				return nil
			}
			only = s.y
		}
	}
	return only
}

// exactlyComparable reports whether == on values of t holds only for the same value: integers,
// booleans, strings, pointers and channels.
func exactlyComparable(t types.Type) bool {
	if _, ok := t.(*types.TypeParam); ok {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsInteger|types.IsBoolean|types.IsString) != 0 || u.Kind() == types.UnsafePointer
	case *types.Pointer, *types.Chan:
		return true
	}
	return false
}

// pushSuspend is a suspension in All's copy of the machine: the coroutine is suspended while the
// loop body runs; a break closes it. If the loop body resumed or closed it, its pc tells, and the
// copy dispatches again from there; else it goes on at the resume point, which follows. (When
// the compiler inlines the loop body and that touches no memory, it knows the pc unchanged: the
// check costs nothing.)
func (e *emitter) pushSuspend(y *yieldPoint) []jen.Code {
	e.redispatchUses++
	brk := jen.Op("!").Id(e.yieldFn)
	// The cached variables that the body may have changed and reads after resuming here are
	// stored for the loop body's resume, and compared after it (see cachedVars).
	var stored []*machineVar
	moved := e.field(e.nm.pcField).Op("!=").Add(e.pc(y.pc))
	for _, mv := range y.live {
		if e.cached[mv] && e.assigned[mv] {
			stored = append(stored, mv)
			moved = moved.Op("||").Add(e.field(mv.name)).Op("!=").Id(mv.name)
		}
	}
	suspend := e.cachedCopy(stored, true)
	if e.pcOnce != y {
		suspend = append(suspend, e.setPC(y.pc))
	}
	var code []jen.Code
	if calls, panics := bodyEffects(e.m.info, &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: y.value}}}, nil); calls || panics {
		// Evaluate the value before the pc says "suspended": it may panic.
		block := append([]jen.Code{jen.Id(e.nm.y).Op(":=").Add(e.w.expr(y.value))}, suspend...)
		code = append(code, jen.Block(append(block,
			jen.If(brk.Call(jen.Id(e.nm.y))).Block(e.recv().Dot("Close").Call(), jen.Return()))...))
	} else {
		code = append(code, suspend...)
		code = append(code, jen.If(brk.Call(e.w.expr(y.value))).Block(e.recv().Dot("Close").Call(), jen.Return()))
	}
	code = append(code, jen.If(moved).Block(jen.Goto().Id(e.redispatch)))
	if e.m.mode == doneOnEntryMode {
		// Running again: done, should the body panic (as resume's dispatch marks it).
		code = append(code, e.setPC(pcDone))
	}
	return code
}

// runDefers is the running of the pending deferred calls, if the body has any.
func (e *emitter) runDefers() []jen.Code {
	if !e.m.hasDefers() {
		return nil
	}
	return []jen.Code{e.field(e.nm.defersField).Dot("Run").Call()}
}

// copyResults stores the named results in the machine, once the deferred calls have run.
func (e *emitter) copyResults() []jen.Code {
	if !e.m.namedResults {
		return nil
	}
	var src []jen.Code
	for _, v := range e.fn.NamedResults {
		src = append(src, e.varRef(e.m.vars[v]))
	}
	return []jen.Code{jen.List(e.resultFields()...).Op("=").List(src...)}
}

// resultFields are the fields that hold the results: result and err, as the body has them.
func (e *emitter) resultFields() []jen.Code {
	var dst []jen.Code
	if e.fn.Result != nil {
		dst = append(dst, e.field(e.nm.resultField))
	}
	if e.fn.HasErr {
		dst = append(dst, e.field(e.nm.errField))
	}
	return dst
}

// resume writes the resume method: the body as a state machine.
func (e *emitter) resume() {
	m, nm := e.m, e.nm
	body := e.machineBody()
	e.out.Commentf("resume runs the body of %s from where it stopped until its next yield or its end.", e.fn.Decl.Name.Name)
	params := []jen.Code{jen.Id(nm.sent).Add(e.sentType())}
	if !m.quietUnwind {
		params = append(params, jen.Id(nm.thrown).Error())
	}
	e.method("resume").Params(params...).Params(jen.Id(nm.y).Add(e.yieldType()), jen.Id(nm.ok).Bool()).Block(body...)
	e.out.Line()
}

// machineBody is the body of the resume method, or with e.push that of All's copy of it: the
// declarations, the dispatch switch, the flat code, the exit and the unwind.
func (e *emitter) machineBody() []jen.Code {
	m, nm := e.m, e.nm
	var body []jen.Code
	// Constants and types of the flat level, then its local variables: declared once, before
	// any goto (hoist renamed the constants and types that would hide another object). A
	// constant that refers to a variable (len of an array) comes after the variables.
	var late []jen.Code
	for _, in := range m.code {
		if d, ok := in.(*localDeclInstr); ok {
			if e.refersToVar(d.decl) {
				late = append(late, e.w.stmt(d.decl))
			} else {
				body = append(body, e.w.stmt(d.decl))
			}
		}
	}
	for _, mv := range m.varList {
		if mv.storage == inLocal || e.cached[mv] {
			body = append(body, jen.Var().Id(mv.name).Add(e.tw.typ(mv.obj.Type())))
		}
	}
	body = append(body, late...)
	// The variables of code that cannot run, which is left out (vet calls it unreachable):
	// they are kept used.
	var keepUsed []jen.Code
	for i, in := range m.code {
		if m.reachable[i] || !droppable(in) {
			continue
		}
		for _, mv := range e.varsOf(in) {
			if mv.storage == inLocal {
				keepUsed = append(keepUsed, jen.Id("_").Op("=").Id(mv.name))
			}
		}
	}
	body = append(body, keepUsed...)
	head := len(body)
	for i, in := range m.code {
		if !m.reachable[i] && droppable(in) {
			continue
		}
		code := e.withBoxAliases(in, e.instr)
		if pos := instrPos(in); pos.IsValid() && len(code) > 0 {
			// The user's line, for stack traces, vet and compile errors.
			code[0] = jen.Op(e.lineDirective(pos)).Add(code[0])
		}
		body = append(body, code...)
	}
	if m.reachable[len(m.code)] || m.exit.uses > 0 {
		if m.exit.uses > 0 {
			body = append(body, jen.Id(m.exit.name).Op(":"))
		}
		body = append(body, e.runDefers()...)
		body = append(body, e.copyResults()...)
		if m.mode != doneOnEntryMode {
			body = append(body, e.setPC(pcDone))
		}
		if !e.push || m.unwind.uses > 0 {
			// All's copy returns nothing: at its end, a return would be redundant (staticcheck).
			body = append(body, jen.Return())
		}
	}
	if m.unwind.uses > 0 {
		body = append(body, jen.Id(m.unwind.name).Op(":"))
		body = append(body, e.runDefers()...)
		body = append(body,
			e.setPC(pcUnwound),
			e.field(nm.errField).Op("=").Id(nm.thrown),
			jen.Return(),
		)
	}
	// The dispatch goes before the flat code, once that is written: All's copy labels it only
	// when a suspension jumps back to it.
	dispatch := e.dispatch()
	// All's copy reads the cached fields into its locals when it starts, and again when the loop
	// body moved the coroutine.
	var cached []*machineVar
	for _, mv := range m.varList {
		if e.cached[mv] {
			cached = append(cached, mv)
		}
	}
	dispatch = append(e.cachedCopy(cached, false), dispatch...)
	if e.push && e.redispatchUses > 0 {
		dispatch[0] = jen.Id(e.redispatch).Op(":").Line().Add(dispatch[0])
	}
	return append(body[:head:head], append(dispatch, body[head:]...)...)
}

// instrPos is the position in the user's source that an instruction comes from, if any.
func instrPos(in instr) token.Pos {
	switch in := in.(type) {
	case *stmtInstr:
		return in.stmt.Pos()
	case *declInstr:
		return in.pos
	case *suspendInstr:
		return in.y.call.Pos()
	case *resumeInstr:
		return in.y.call.Pos()
	case *condJumpInstr:
		return in.cond.Pos()
	case *returnInstr:
		return in.ret.Pos()
	}
	return token.NoPos
}

// lineDirective is /*line x.go:12:3*/: what follows it is at that place of the user's file.
func (e *emitter) lineDirective(pos token.Pos) string {
	p := e.m.pkg.Fset.Position(pos)
	return fmt.Sprintf("/*line %s:%d:%d*/", filepath.Base(p.Filename), p.Line, p.Column)
}

// lineReset marks where the generated file's own positions resume after the body's line
// directives; generateFile replaces it with a directive naming the generated file's line.
const lineReset = "/*line coro-reset:1*/"

// droppable reports whether an instruction that cannot run is left out: all but the resume code
// of a yield (the dispatch switch names its label) and the constants and types of the top.
func droppable(in instr) bool {
	switch in.(type) {
	case *resumeInstr, *localDeclInstr:
		return false
	}
	return true
}

// instrNodes is the syntax an instruction writes: its statement, the names and values it
// declares, its condition, the value it yields, its return.
func instrNodes(in instr) []ast.Node {
	var nodes []ast.Node
	switch in := in.(type) {
	case *stmtInstr:
		nodes = append(nodes, in.stmt)
	case *declInstr:
		for _, n := range in.names {
			nodes = append(nodes, n)
		}
		for _, v := range in.values {
			nodes = append(nodes, v)
		}
	case *condJumpInstr:
		nodes = append(nodes, in.cond)
	case *suspendInstr:
		nodes = append(nodes, in.y.value)
	case *returnInstr:
		nodes = append(nodes, in.ret)
	}
	return nodes
}

// varsOf are the machine variables an instruction mentions, once each.
func (e *emitter) varsOf(in instr) []*machineVar {
	seen := map[*machineVar]bool{}
	var out []*machineVar
	for _, n := range instrNodes(in) {
		ast.Inspect(n, func(x ast.Node) bool {
			if id, ok := x.(*ast.Ident); ok {
				if mv := e.m.vars[e.m.objOf(id)]; mv != nil && !seen[mv] {
					seen[mv] = true
					out = append(out, mv)
				}
			}
			return true
		})
	}
	return out
}

// dispatch writes the jump to where the body stopped, with the bookkeeping of the mode.
func (e *emitter) dispatch() []jen.Code {
	m, nm := e.m, e.nm
	var cases []jen.Code
	mark := func() []jen.Code {
		if m.mode == doneOnEntryMode {
			return []jen.Code{e.setPC(pcDone)}
		}
		return nil
	}
	pcExpr := e.field(nm.pcField)
	if m.mode == runningMode {
		pcExpr = jen.Id(nm.pc)
	}
	created := mark()
	if e.pcOnce != nil {
		created = append(created, e.setPC(e.pcOnce.pc))
	}
	cases = append(cases, jen.Case(e.pc(pcCreated)).Block(created...))
	for _, y := range m.yields {
		cases = append(cases, jen.Case(e.pc(y.pc)).Block(append(mark(), jen.Goto().Id(y.resume.name))...))
	}
	if m.mode != runningMode {
		cases = append(cases, jen.Default().Block(jen.Return()))
		return []jen.Code{jen.Switch(pcExpr).Block(cases...)}
	}
	return []jen.Code{
		jen.Id(nm.pc).Op(":=").Add(e.field(nm.pcField)),
		jen.Switch(jen.Id(nm.pc)).Block(
			jen.Case(e.pc(pcDone), e.pc(pcUnwound)).Block(jen.Return()),
			jen.Case(e.pc(pcRunning)).Block(jen.Panic(jen.Qual(RuntimePath, "ErrRunning"))),
		),
		e.setPC(pcRunning),
		jen.Defer().Func().Params().Block(e.onPanic()...).Call(),
		jen.Switch(jen.Id(nm.pc)).Block(cases[1:]...),
	}
}

// onPanic is the body of the resume method's deferred check: when the body leaves while still
// running, a panic is going through it. The pending deferred calls run, and one of them may
// recover: then the body returns normally, with its named results.
func (e *emitter) onPanic() []jen.Code {
	m, nm := e.m, e.nm
	running := e.field(nm.pcField).Op("!=").Add(e.pc(pcRunning))
	// The panic goes out of the body: it is done, with no result (a return may have stored one
	// before its deferred calls ran).
	clear := []jen.Code{e.setPC(pcDone)}
	if e.fn.Result != nil {
		clear = append(clear, e.field(nm.resultField).Op("=").Add(e.tw.zero(e.fn.Result)))
	}
	clear = append(clear, e.field(nm.errField).Op("=").Nil())
	markDone := jen.Defer().Func().Params().Block(
		jen.If(e.field(nm.pcField).Op("==").Add(e.pc(pcRunning))).Block(clear...),
	).Call()
	switch {
	case !m.hasDefers():
		return []jen.Code{
			jen.Comment("A panic in the body leaves the coroutine done."),
			jen.If(e.field(nm.pcField).Op("==").Add(e.pc(pcRunning))).Block(e.setPC(pcDone)),
		}
	case !m.mayRecover:
		return []jen.Code{
			jen.If(running).Block(jen.Return()),
			jen.Comment("A panic is going through the body: run its deferred calls, then it is done."),
			markDone,
			e.field(nm.defersField).Dot("Run").Call(),
		}
	}
	code := []jen.Code{
		jen.If(running).Block(jen.Return()),
		jen.Comment("A panic is going through the body: its deferred calls run, and may recover it."),
		jen.Id("p").Op(":=").Recover(),
		markDone,
		jen.If(jen.Id("p").Op("==").Nil()).Block(
			jen.Comment("runtime.Goexit: nothing to recover."),
			e.field(nm.defersField).Dot("Run").Call(),
			jen.Return(),
		),
		e.field(nm.defersField).Dot("RunPanicking").Call(jen.Id("p")),
		jen.Comment("A deferred call recovered: the body returns normally."),
	}
	code = append(code, e.copyResults()...)
	return append(code, e.setPC(pcDone))
}

func (e *emitter) instr(in instr) []jen.Code {
	m, nm := e.m, e.nm
	switch in := in.(type) {
	case *stmtInstr:
		return []jen.Code{e.w.stmt(in.stmt)}
	case *localDeclInstr:
		return nil // written at the top
	case *declInstr:
		return e.decl(in.names, in.values)
	case *labelInstr:
		if in.l.uses == 0 {
			return nil
		}
		return []jen.Code{jen.Id(in.l.name).Op(":")}
	case *jumpInstr:
		return []jen.Code{jen.Goto().Id(in.to.name)}
	case *condJumpInstr:
		return []jen.Code{jen.If(e.not(in.cond)).Block(jen.Goto().Id(in.to.name))}
	case *suspendInstr:
		y := in.y
		if e.push {
			return e.pushSuspend(y)
		}
		if calls, panics := bodyEffects(m.info, &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: y.value}}}, nil); calls || panics {
			// Evaluate the value before the pc says "suspended": it may panic.
			return []jen.Code{
				jen.Id(nm.y).Op("=").Add(e.w.expr(y.value)),
				e.setPC(y.pc),
				jen.Return(jen.Id(nm.y), jen.True()),
			}
		}
		return []jen.Code{e.setPC(y.pc), jen.Return(e.w.expr(y.value), jen.True())}
	case *resumeInstr:
		return e.resumeAt(in.y)
	case *returnInstr:
		return e.ret(in.ret)
	case *renewInstr:
		var out []jen.Code
		for _, v := range in.vars {
			mv := m.vars[v]
			if mv.storage != inBox {
				continue
			}
			next := e.nm.fresh("next")
			out = append(out, jen.Block(
				jen.Id(next).Op(":=").Op("*").Add(e.field(mv.name)),
				e.field(mv.name).Op("=").Op("&").Id(next),
			))
		}
		return out
	}
	return nil
}

// decl writes a declaration of the flat level as an assignment; a boxed variable gets its new box
// first.
func (e *emitter) decl(names []*ast.Ident, values []ast.Expr) []jen.Code {
	var out []jen.Code
	for _, n := range names {
		v, ok := e.m.info.Defs[n].(*types.Var)
		if !ok {
			continue
		}
		mv := e.m.vars[v]
		if mv != nil && mv.storage == inBox {
			out = append(out, e.field(mv.name).Op("=").New(e.tw.typ(v.Type())))
		}
	}
	if len(values) == 0 {
		for _, n := range names {
			v, ok := e.m.info.Defs[n].(*types.Var)
			if !ok || n.Name == "_" {
				continue
			}
			if mv := e.m.vars[v]; mv != nil && mv.storage != inBox {
				out = append(out, e.w.expr(n).(*jen.Statement).Clone().Op("=").Add(e.tw.zero(v.Type())))
			}
		}
		return out
	}
	var lhs []jen.Code
	for _, n := range names {
		lhs = append(lhs, e.w.expr(n))
	}
	var rhs []jen.Code
	for _, v := range values {
		rhs = append(rhs, e.w.expr(v))
	}
	return append(out, jen.List(lhs...).Op("=").List(rhs...))
}

// resumeAt writes what follows a yield's label: unwind on a thrown error at a plain Yield, then
// the sent value (and the error of YieldErr) into the left side.
func (e *emitter) resumeAt(y *yieldPoint) []jen.Code {
	nm := e.nm
	var out []jen.Code
	caught := false
	switch {
	case y.kind == plainYield && !e.m.quietUnwind:
		e.m.unwind.uses++
		out = append(out, jen.If(jen.Id(nm.thrown).Op("!=").Nil()).Block(jen.Goto().Id(e.m.unwind.name)))
	case y.kind == errYield && !y.raw:
		// A body that yields again after a Close unwinds from there, even at YieldErr; a
		// Close itself is ErrClosed to the body.
		e.m.unwind.uses++
		out = append(out, jen.If(jen.Id(nm.thrown).Op("==").Qual(RuntimePath, "AbortSignal")).Block(jen.Goto().Id(e.m.unwind.name)))
		caught = true
	}
	if len(y.lhs) == 0 {
		return out
	}
	if y.tok == token.DEFINE {
		for _, l := range y.lhs {
			id := l.(*ast.Ident)
			if v, ok := e.m.info.Defs[id].(*types.Var); ok {
				if mv := e.m.vars[v]; mv != nil && mv.storage == inBox {
					out = append(out, e.field(mv.name).Op("=").New(e.tw.typ(v.Type())))
				}
			}
		}
	}
	vals := []jen.Code{jen.Id(nm.sent), jen.Id(nm.thrown)}
	if caught {
		vals[1] = jen.Qual(RuntimePath, "Caught").Call(jen.Id(nm.thrown))
	}
	if e.push {
		vals[0] = e.tw.zero(e.fn.Sent) // All sends the zero value, as Next
	}
	var lhs, rhs []jen.Code
	for i, l := range y.lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
			continue
		}
		lhs = append(lhs, e.w.expr(l))
		rhs = append(rhs, vals[i])
	}
	if len(lhs) == 0 {
		return out
	}
	op := "="
	if y.tok != token.DEFINE && y.tok != token.ASSIGN {
		op = y.tok.String()
	}
	return append(out, jen.List(lhs...).Op(op).List(rhs...))
}

// ret writes a return of the body: the results into the fields, then the exit.
func (e *emitter) ret(r *ast.ReturnStmt) []jen.Code {
	fn := e.fn
	dst := e.resultFields()
	if e.m.namedResults {
		// The results go to the named results; the exit copies them after the deferred
		// calls, which may change them.
		dst = nil
		for _, v := range fn.NamedResults {
			dst = append(dst, e.varRef(e.m.vars[v]))
		}
	}
	var out []jen.Code
	switch {
	case e.m.namedResults && len(r.Results) == 0:
	case len(r.Results) > 0:
		var lhs, src []jen.Code
		for i, x := range r.Results {
			if e.m.namedResults && len(r.Results) == len(fn.NamedResults) {
				if id, ok := ast.Unparen(x).(*ast.Ident); ok && e.m.objOf(id) == fn.NamedResults[i] {
					continue // return total, err: already there (vet rejects x = x)
				}
			}
			src = append(src, e.w.expr(x))
			if len(r.Results) == len(dst) {
				lhs = append(lhs, dst[i])
			}
		}
		if len(r.Results) != len(dst) {
			lhs = dst // return f() with several results
		}
		if len(src) > 0 {
			out = append(out, jen.List(lhs...).Op("=").List(src...))
		}
	case len(fn.NamedResults) > 0:
		var src []jen.Code
		for _, v := range fn.NamedResults {
			if mv := e.m.vars[v]; mv != nil {
				src = append(src, e.varRef(mv))
			} else {
				src = append(src, e.tw.zero(v.Type()))
			}
		}
		out = append(out, jen.List(dst...).Op("=").List(src...))
	}
	e.m.exit.uses++
	return append(out, jen.Goto().Id(e.m.exit.name))
}

// not writes the negation of a condition.
func (e *emitter) not(cond ast.Expr) jen.Code {
	switch c := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if c.Op == token.NOT {
			return e.w.expr(c.X)
		}
	case *ast.Ident, *ast.CallExpr, *ast.SelectorExpr, *ast.IndexExpr:
		return jen.Op("!").Add(e.w.expr(c))
	case *ast.BinaryExpr:
		// != and == invert exactly (NaN included); the orderings do not.
		switch c.Op {
		case token.EQL:
			return e.w.expr(&ast.BinaryExpr{X: c.X, Op: token.NEQ, Y: c.Y})
		case token.NEQ:
			return e.w.expr(&ast.BinaryExpr{X: c.X, Op: token.EQL, Y: c.Y})
		}
	}
	return jen.Op("!").Parens(e.w.expr(cond))
}

// varRef is how a machine variable is read and written in the resume method.
func (e *emitter) varRef(mv *machineVar) jen.Code {
	if e.cached[mv] {
		return jen.Id(mv.name)
	}
	switch mv.storage {
	case inField:
		return e.field(mv.name)
	case inBox:
		return jen.Parens(jen.Op("*").Add(e.field(mv.name)))
	}
	return jen.Id(mv.name)
}

// withBoxAliases writes an instruction whose func literals use boxed variables. A literal must
// capture the variable of the iteration it was created in, not the field that points to the
// current one: so the instruction is wrapped in a block that copies each box pointer into a local
// of the same name, and the literals use that local.
//
//	{
//		i := co.i
//		fs = append(fs, func() int { return *i })
//	}
func (e *emitter) withBoxAliases(in instr, write func(instr) []jen.Code) []jen.Code {
	var boxed []*machineVar
	seen := map[*machineVar]bool{}
	for _, n := range instrNodes(in) {
		ast.Inspect(n, func(n ast.Node) bool {
			lit, ok := n.(*ast.FuncLit)
			if !ok {
				return true
			}
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if mv := e.m.vars[e.m.objOf(id)]; mv != nil && mv.storage == inBox {
						e.inLiteral[id] = true
						if !seen[mv] {
							seen[mv] = true
							boxed = append(boxed, mv)
						}
					}
				}
				return true
			})
			return false
		})
	}
	if len(boxed) == 0 {
		return write(in)
	}
	var block []jen.Code
	for _, mv := range boxed {
		block = append(block, jen.Id(mv.name).Op(":=").Add(e.field(mv.name)))
	}
	if st, ok := in.(*stmtInstr); ok {
		if ls, ok := st.stmt.(*ast.LabeledStmt); ok && e.isGotoTarget(ls.Label.Name) {
			// A goto cannot jump into the block: the label goes on the block, and a break or
			// continue inside names a label of its own, on the statement in the block.
			inner, ok := e.relabeled[ls]
			if !ok {
				inner = ls.Stmt
				if body := bodyOf(inner); body != nil && namesLabel(body, ls.Label.Name) {
					own := ast.NewIdent(e.nm.fresh(ls.Label.Name + "Loop"))
					relabel(body, ls.Label.Name, own.Name)
					inner = &ast.LabeledStmt{Label: own, Stmt: inner}
				}
				e.relabeled[ls] = inner // All's copy of the body writes it again
			}
			unlabeled := *st
			unlabeled.stmt = inner
			return []jen.Code{jen.Id(ls.Label.Name).Op(":").Block(append(block, write(&unlabeled)...)...)}
		}
	}
	return []jen.Code{jen.Block(append(block, write(in)...)...)}
}

// isGotoTarget reports whether a goto of the body names the label.
func (e *emitter) isGotoTarget(label string) bool {
	found := false
	ast.Inspect(e.fn.Decl.Body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO && b.Label.Name == label {
			found = true
		}
		return !found
	})
	return found
}

// exprHook writes &x of a boxed variable as the box itself, not &(*co.x).
func (e *emitter) exprHook(x ast.Expr) jen.Code {
	if t, ok := e.m.typeExprs[x]; ok {
		return e.tw.typ(t)
	}
	u, ok := x.(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return nil
	}
	id, ok := ast.Unparen(u.X).(*ast.Ident)
	if !ok {
		return nil
	}
	if mv := e.m.vars[e.m.objOf(id)]; mv != nil && mv.storage == inBox {
		if e.inLiteral[id] {
			return jen.Id(mv.name)
		}
		return e.field(mv.name)
	}
	return nil
}

// refersToVar reports whether a declaration mentions a variable of the machine.
func (e *emitter) refersToVar(d *ast.DeclStmt) bool {
	found := false
	ast.Inspect(d, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && e.m.vars[e.m.objOf(id)] != nil {
			found = true
		}
		return !found
	})
	return found
}

// ident is the identifier hook of the syntax writer: machine variables become fields, boxes or
// renamed locals.
func (e *emitter) ident(id *ast.Ident) jen.Code {
	if mv := e.m.vars[e.m.objOf(id)]; mv != nil {
		if e.inLiteral[id] {
			return jen.Parens(jen.Op("*").Id(mv.name))
		}
		return e.varRef(mv)
	}
	obj := e.m.info.Defs[id]
	if obj == nil {
		obj = e.m.info.Uses[id]
	}
	if name, ok := e.m.localNames[obj]; ok {
		return jen.Id(name)
	}
	return nil
}

// stmtHook edits kept statements: breaks and continues that leave them, and returns.
func (e *emitter) stmtHook(s ast.Stmt) jen.Code {
	switch s := s.(type) {
	case *ast.BranchStmt:
		if l := e.m.branchTo[s]; l != nil {
			return jen.Goto().Id(l.name)
		}
	case *ast.DeferStmt:
		if e.m.deferStmts[s] {
			return e.deferCall(s)
		}
	case *ast.ExprStmt:
		if e.m.loopMarks[s] {
			// enterLoop(it) or leaveLoops(n): the list of iterators the body is inside.
			call := s.X.(*ast.CallExpr)
			method := map[string]string{"enterLoop": "EnterLoop", "leaveLoops": "LeaveLoops"}[call.Fun.(*ast.Ident).Name]
			return e.field(e.nm.defersField).Dot(method).Call(e.w.expr(call.Args[0]))
		}
		if e.m.innerLinks[s] {
			return e.innerLink(s.X.(*ast.CallExpr))
		}
		if e.m.throws[s] {
			// Unwind from here with the error, as a Throw at a plain Yield does.
			e.m.unwind.uses++
			return jen.Id(e.nm.thrown).Op("=").Add(e.w.expr(s.X.(*ast.CallExpr).Args[0])).Line().Goto().Id(e.m.unwind.name)
		}
	case *ast.AssignStmt:
		if e.m.innerSends[s] && !e.m.hasDefers() { // (see innerLink)
			return e.innerSend(s)
		}
	case *ast.ReturnStmt:
		if e.m.keptReturn[s] {
			// Several statements in the place of one: joined by line breaks, they read as
			// the statements of the enclosing block.
			code := e.ret(s)
			out := jen.Add(code[0])
			for _, c := range code[1:] {
				out = out.Line().Add(c)
			}
			return out
		}
	}
	return nil
}

// deferCall pushes a deferred call on the machine's list, its function value and arguments
// evaluated now, as the defer statement does:
//
//	defer f(x, y)   ->   { a, b := x, y; co.defers.Push(func() { f(a, b) }) }
//
// A package-level function needs no evaluation (and a generic one could not be stored without
// its type arguments); a func literal without arguments is pushed as it is.
func (e *emitter) deferCall(d *ast.DeferStmt) jen.Code {
	call := d.Call
	fun := ast.Unparen(call.Fun)
	push := e.field(e.nm.defersField).Dot("Push")
	if lit, ok := fun.(*ast.FuncLit); ok && len(call.Args) == 0 {
		return push.Call(e.w.expr(lit))
	}
	if lit, ok := fun.(*ast.FuncLit); ok && lit.Type.Results == nil && !call.Ellipsis.IsValid() && len(call.Args) == lit.Type.Params.NumFields() {
		// defer func(x T) { ... }(v): the literal itself, with its parameters bound to the
		// arguments evaluated now, is the deferred function, so a recover in it works.
		var pre, bind []jen.Code
		i := 0
		for _, field := range lit.Type.Params.List {
			names := field.Names
			if len(names) == 0 {
				names = []*ast.Ident{ast.NewIdent("_")}
			}
			for _, n := range names {
				a := call.Args[i]
				i++
				tmp := e.nm.fresh("a")
				pre = append(pre, jen.Var().Id(tmp).Add(e.w.expr(field.Type)).Op("=").Add(e.w.expr(a)))
				if n.Name == "_" {
					continue
				}
				bind = append(bind, e.w.expr(n).(*jen.Statement).Clone().Op(":=").Id(tmp), jen.Id("_").Op("=").Add(e.w.expr(n)))
			}
		}
		body := append(bind, e.w.block(lit.Body.List)...)
		return jen.Block(append(pre, push.Call(jen.Func().Params().Block(body...)))...)
	}
	if id, ok := fun.(*ast.Ident); ok {
		if b, ok := e.m.info.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
			// defer recover(): recover is not called by a deferred function, so it stops
			// nothing; there is nothing to push.
			return jen.Null()
		}
	}
	isBuiltin := false
	if id, ok := fun.(*ast.Ident); ok {
		_, isBuiltin = e.m.info.Uses[id].(*types.Builtin)
	}
	if sig, ok := e.m.info.TypeOf(call.Fun).(*types.Signature); ok && !isBuiltin && len(call.Args) == 0 && sig.Params().Len() == 0 && sig.Results().Len() == 0 {
		// defer f() of a func(): the function value itself is the deferred call, so a recover
		// in it is called directly by a deferred function, as in Go.
		return push.Call(e.w.expr(call.Fun))
	}
	var pre []jen.Code
	var funCode jen.Code
	if e.isStaticFunc(fun) {
		funCode = e.w.expr(call.Fun)
	} else {
		name := e.nm.fresh("f")
		pre = append(pre, jen.Id(name).Op(":=").Add(e.w.expr(call.Fun)))
		funCode = jen.Id(name)
	}
	var sig *types.Signature
	if t := e.m.info.TypeOf(call.Fun); t != nil {
		sig, _ = t.Underlying().(*types.Signature)
	}
	var args []jen.Code
	if tuple, ok := e.m.info.TypeOf(firstOrNil(call.Args)).(*types.Tuple); ok && len(call.Args) == 1 {
		// f(g()) with several results.
		var names []jen.Code
		for range tuple.Len() {
			name := e.nm.fresh("a")
			names = append(names, jen.Id(name))
			args = append(args, jen.Id(name))
		}
		pre = append(pre, jen.List(names...).Op(":=").Add(e.w.expr(call.Args[0])))
	} else {
		for i, a := range call.Args {
			if tv, ok := e.m.info.Types[a]; ok && tv.Value != nil && !(call.Ellipsis.IsValid() && i == len(call.Args)-1) {
				args = append(args, e.w.expr(a)) // a constant: nothing to evaluate now
				continue
			}
			name := e.nm.fresh("a")
			t := e.m.info.TypeOf(a)
			if sig != nil {
				t = paramType(sig, i, call.Ellipsis.IsValid())
			}
			if t == nil {
				t = types.Default(e.m.info.TypeOf(a))
			}
			pre = append(pre, jen.Var().Id(name).Add(e.tw.typ(types.Default(t))).Op("=").Add(e.w.expr(a)))
			args = append(args, jen.Id(name))
		}
	}
	inner := jen.Add(funCode).Call(args...)
	if call.Ellipsis.IsValid() {
		inner = jen.Add(funCode).Call(append(args[:len(args)-1:len(args)-1], jen.Add(args[len(args)-1]).Op("..."))...)
	}
	return jen.Block(append(pre, push.Call(jen.Func().Params().Block(inner)))...)
}

func firstOrNil(list []ast.Expr) ast.Expr {
	if len(list) == 0 {
		return nil
	}
	return list[0]
}

// paramType is the type of the i-th argument of a call of sig.
func paramType(sig *types.Signature, i int, ellipsis bool) types.Type {
	n := sig.Params().Len()
	if sig.Variadic() && i >= n-1 {
		last := sig.Params().At(n - 1).Type()
		if ellipsis {
			return last
		}
		return last.(*types.Slice).Elem()
	}
	if i < n {
		return sig.Params().At(i).Type()
	}
	return nil
}

// isStaticFunc reports whether fun names a function declared at package level (possibly
// instantiated), or a builtin: nothing to evaluate before the call.
func (e *emitter) isStaticFunc(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.IndexExpr:
		return e.isStaticFunc(f.X)
	case *ast.IndexListExpr:
		return e.isStaticFunc(f.X)
	case *ast.Ident:
		switch obj := e.m.info.Uses[f].(type) {
		case *types.Builtin:
			return true
		case *types.Func:
			return obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope()
		}
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			if _, ok := e.m.info.Uses[id].(*types.PkgName); ok {
				_, isFunc := e.m.info.Uses[f.Sel].(*types.Func)
				return isFunc
			}
		}
	}
	return false
}
