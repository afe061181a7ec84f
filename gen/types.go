package gen

// Types written as jennifer code, for the fields and locals of generated machines: named types of
// other packages go through jen.Qual, so the generated file imports what it uses.

import (
	"go/types"

	"github.com/dave/jennifer/jen"
)

// typeWriter writes types as seen from package pkg.
type typeWriter struct {
	pkg *types.Package
	// rename holds the new names of types declared in the body that hoist renamed.
	rename map[types.Object]string
}

func (tw typeWriter) typ(t types.Type) *jen.Statement {
	switch t := t.(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			return jen.Qual("unsafe", "Pointer")
		}
		return jen.Id(t.Name())
	case *types.Named:
		return tw.named(t.Obj(), t.TypeArgs())
	case *types.Alias:
		if obj := t.Obj(); obj.Pkg() != nil && obj.Parent() != obj.Pkg().Scope() {
			return tw.typ(types.Unalias(t)) // declared in a function: not visible here
		}
		return tw.named(t.Obj(), t.TypeArgs())
	case *types.TypeParam:
		return jen.Id(t.Obj().Name())
	case *types.Pointer:
		return jen.Op("*").Add(tw.typ(t.Elem()))
	case *types.Slice:
		return jen.Index().Add(tw.typ(t.Elem()))
	case *types.Array:
		return jen.Index(jen.Lit(int(t.Len()))).Add(tw.typ(t.Elem()))
	case *types.Map:
		return jen.Map(tw.typ(t.Key())).Add(tw.typ(t.Elem()))
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			return jen.Chan().Op("<-").Add(tw.typ(t.Elem()))
		case types.RecvOnly:
			return jen.Op("<-").Chan().Add(tw.typ(t.Elem()))
		}
		return jen.Chan().Add(tw.typ(t.Elem()))
	case *types.Signature:
		return jen.Func().Add(tw.signature(t))
	case *types.Struct:
		var fields []jen.Code
		for i := range t.NumFields() {
			f := t.Field(i)
			var c *jen.Statement
			if f.Embedded() {
				c = tw.typ(f.Type())
			} else {
				c = jen.Id(f.Name()).Add(tw.typ(f.Type()))
			}
			if tag := t.Tag(i); tag != "" {
				c = c.Op("`" + tag + "`")
			}
			fields = append(fields, c)
		}
		return jen.Struct(fields...)
	case *types.Interface:
		var elems []jen.Code
		for i := range t.NumEmbeddeds() {
			elems = append(elems, tw.typ(t.EmbeddedType(i)))
		}
		for i := range t.NumExplicitMethods() {
			m := t.ExplicitMethod(i)
			elems = append(elems, jen.Id(m.Name()).Add(tw.signature(m.Type().(*types.Signature))))
		}
		if t.IsImplicit() && len(elems) == 1 {
			return jen.Add(elems[0])
		}
		return jen.Interface(elems...)
	case *types.Union:
		var terms []jen.Code
		for i := range t.Len() {
			term := t.Term(i)
			c := tw.typ(term.Type())
			if term.Tilde() {
				c = jen.Op("~").Add(c)
			}
			terms = append(terms, c)
		}
		return jen.Union(terms...)
	}
	return jen.Id(t.String())
}

func (tw typeWriter) named(obj *types.TypeName, args *types.TypeList) *jen.Statement {
	var c *jen.Statement
	if name, ok := tw.rename[obj]; ok {
		c = jen.Id(name)
	} else if obj.Pkg() == nil || obj.Pkg() == tw.pkg {
		c = jen.Id(obj.Name())
	} else {
		c = jen.Qual(obj.Pkg().Path(), obj.Name())
	}
	if args.Len() > 0 {
		var list []jen.Code
		for i := range args.Len() {
			list = append(list, tw.typ(args.At(i)))
		}
		c = c.Types(list...)
	}
	return c
}

func (tw typeWriter) signature(sig *types.Signature) *jen.Statement {
	tuple := func(t *types.Tuple, variadic bool) []jen.Code {
		var list []jen.Code
		for i := range t.Len() {
			typ := t.At(i).Type()
			var c *jen.Statement
			if variadic && i == t.Len()-1 {
				c = jen.Op("...").Add(tw.typ(typ.(*types.Slice).Elem()))
			} else {
				c = tw.typ(typ)
			}
			list = append(list, c)
		}
		return list
	}
	s := jen.Params(tuple(sig.Params(), sig.Variadic())...)
	res := tuple(sig.Results(), false)
	switch len(res) {
	case 0:
	case 1:
		s = s.Add(res[0])
	default:
		s = s.Params(res...)
	}
	return s
}

// typeParams writes a type parameter list with constraints: [T any, U ~int | ~string].
func (tw typeWriter) typeParams(tps []*types.TypeParam) []jen.Code {
	var list []jen.Code
	for _, tp := range tps {
		list = append(list, jen.Id(tp.Obj().Name()).Add(tw.typ(tp.Constraint())))
	}
	return list
}

// typeArgs writes a type parameter list as arguments: [T, U].
func typeArgs(tps []*types.TypeParam) []jen.Code {
	var list []jen.Code
	for _, tp := range tps {
		list = append(list, jen.Id(tp.Obj().Name()))
	}
	return list
}

// zero writes the zero value of t.
func (tw typeWriter) zero(t types.Type) *jen.Statement {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return jen.False()
		case u.Info()&types.IsString != 0:
			return jen.Lit("")
		case u.Info()&types.IsNumeric != 0:
			return jen.Lit(0)
		}
		return jen.Nil()
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature:
		return jen.Nil()
	case *types.Interface:
		if _, ok := t.(*types.TypeParam); ok {
			return jen.Op("*").New(tw.typ(t))
		}
		return jen.Nil()
	case *types.Struct, *types.Array:
		return tw.typ(t).Values()
	}
	return jen.Op("*").New(tw.typ(t))
}
