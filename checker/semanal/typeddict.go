package semanal

import (
	"strings"

	"typd/checker/types"
	"typd/parser/ast"
)

// typedDictBases gives a class-syntax TypedDict the base mypy gives it,
// typing._TypedDict (a Mapping[str, object] with TypedDict's methods),
// in place of the TypedDict classes it derives from, whose keys it takes
// instead (typedDictItems). It reports whether the class is modelled: not
// when another base is no TypedDict (an error mypy reports) or a TypedDict
// base is not modelled itself; such a class keeps its bases and is
// checked as leniently as before.
func (p *Program) typedDictBases(c *types.Class, bases []*types.Instance) bool {
	fallback := p.ModuleClass("typing", "_TypedDict")
	modelled := fallback != nil && len(c.Bases) == 0 && !c.AnyBase && !c.UnknownMembers
	for _, b := range bases {
		modelled = modelled && b.Class.TypedDict != nil
	}
	if !modelled {
		c.Bases = append(c.Bases, bases...)
		return false
	}
	c.Bases = []*types.Instance{{Class: fallback}}
	c.TypedDictBases = bases
	return true
}

// typedDictItems makes a class-syntax TypedDict's keys: its bases' keys,
// then its body's annotated names in order, required unless the class
// says total=False or the annotation NotRequired[...] (Required[...] makes
// one required in a class that is not total), read-only when ReadOnly[...]
// wraps it. The keys are not attributes: they leave the member table.
func (p *Program) typedDictItems(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer, bases []*types.Instance) {
	total := true
	for _, k := range def.Keywords {
		if v, ok := k.Value.(*ast.Constant); ok && k.Arg == "total" && v.Value.Kind == ast.FalseValue {
			total = false
		}
	}
	items := []types.TypedDictItem{}
	put := func(it types.TypedDictItem) {
		for i := range items {
			if items[i].Name == it.Name {
				items[i] = it
				return
			}
		}
		items = append(items, it)
	}
	for _, b := range bases {
		for _, it := range types.TypedDictItems(b) {
			put(it)
		}
	}
	for _, st := range def.Body {
		a, ok := st.(*ast.AnnAssign)
		if !ok {
			continue
		}
		n, ok := a.Target.(*ast.Name)
		if !ok {
			continue
		}
		ann, required, readOnly := ta.itemQualifiers(a.Annotation)
		it := types.TypedDictItem{Name: n.ID, Type: ta.analyze(ann), Required: total, ReadOnly: readOnly}
		if required != 0 {
			it.Required = required > 0
		}
		put(it)
		delete(c.Members, n.ID)
	}
	c.TypedDict = items
}

// itemQualifiers strips a TypedDict key's qualifiers from its annotation
// (Required, NotRequired, ReadOnly, and Annotated around any of them): the
// type left, whether it is marked required (1) or not (-1) or neither (0),
// and whether it is read-only.
func (ta *typeAnalyzer) itemQualifiers(ann ast.Expr) (ast.Expr, int, bool) {
	required, readOnly := 0, false
	for {
		sub, ok := ann.(*ast.Subscript)
		if !ok {
			return ann, required, readOnly
		}
		_, name, _ := ta.fullName(sub.Value)
		inner := sub.Slice
		if tup, ok := inner.(*ast.Tuple); ok && len(tup.Elts) > 0 {
			inner = tup.Elts[0] // Annotated[T, ...]
		}
		switch name {
		case "typing.Required":
			required = 1
		case "typing.NotRequired":
			required = -1
		case "typing.ReadOnly":
			readOnly = true
		case "typing.Annotated":
		default:
			return ann, required, readOnly
		}
		ann = inner
	}
}

// functionalTypedDict is the class statement a functional TypedDict
// stands for (`P = TypedDict("P", {"x": int}, total=False)` is `class
// P(TypedDict, total=False): x: int`), so that it is a class as mypy makes
// it; nil when the assignment is no such call (keys not all string
// literals, other arguments).
func functionalTypedDict(name string, x *ast.Assign) *ast.ClassDef {
	call, ok := x.Value.(*ast.Call)
	if !ok || len(call.Args) != 2 {
		return nil
	}
	dotted := ast.DottedName(call.Func)
	if dotted != "TypedDict" && !strings.HasSuffix(dotted, ".TypedDict") {
		return nil
	}
	if k, ok := call.Args[0].(*ast.Constant); !ok || k.Value.Kind != ast.StrValue {
		return nil
	}
	fields, ok := call.Args[1].(*ast.Dict)
	if !ok {
		return nil
	}
	def := &ast.ClassDef{Span: x.Span, Name: name, Bases: []ast.Expr{call.Func}}
	for _, k := range call.Keywords {
		if k.Arg != "total" {
			return nil
		}
		def.Keywords = append(def.Keywords, k)
	}
	for i, key := range fields.Keys {
		k, ok := key.(*ast.Constant)
		if !ok || k.Value.Kind != ast.StrValue {
			return nil
		}
		def.Body = append(def.Body, &ast.AnnAssign{Span: k.Span, Target: &ast.Name{Span: k.Span, ID: k.Value.Str},
			Annotation: fields.Values[i], Simple: 1})
	}
	return def
}
