package semanal

import (
	"fmt"
	"strings"

	"typd/checker/diag"
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

// itemSource is one definition of a TypedDict key: the class body's own
// (base nil, at node) or a base's.
type itemSource struct {
	item types.TypedDictItem
	base *types.Class
	node ast.Node
}

// typedDictItems makes a TypedDict's keys as mypy's semantic analyser
// does: its body's annotated names, required unless the class says
// total=False or the annotation NotRequired[...] (Required[...] makes one
// required in a class that is not total), read-only when ReadOnly[...]
// wraps it; merged with its bases' keys, which come first, the last
// base's first. Where several define a key, the body's definition wins,
// else the first base's that is not read-only; mypy's errors on what
// does not agree are kept for the checker (ClassProblems). The keys
// are not attributes: they leave the member table. A functional
// TypedDict (functional) keeps the last of a key written twice.
func (p *Program) typedDictItems(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer, bases []*types.Instance, functional bool) {
	fail := func(n ast.Node, msg string) { p.classProblem(c, n, msg) }
	total := true
	for _, k := range def.Keywords {
		if k.Arg != "total" {
			continue
		}
		switch v, _ := k.Value.(*ast.Constant); {
		case v != nil && v.Value.Kind == ast.FalseValue:
			total = false
		case v != nil && v.Value.Kind == ast.TrueValue:
		default:
			fail(def, diag.TypedDictTotalNotLiteral)
		}
	}
	var order []string
	sources := map[string][]itemSource{}
	add := func(src itemSource) {
		if _, seen := sources[src.item.Name]; !seen {
			order = append(order, src.item.Name)
		}
		sources[src.item.Name] = append(sources[src.item.Name], src)
	}
	for i := len(bases) - 1; i >= 0; i-- {
		for _, it := range types.TypedDictItems(bases[i]) {
			add(itemSource{item: it, base: bases[i].Class, node: def})
		}
	}
	own := map[string]int{} // index in sources of the body's definition
	for _, st := range def.Body {
		switch x := st.(type) {
		case *ast.Pass:
			continue
		case *ast.ExprStmt:
			if k, ok := x.Value.(*ast.Constant); ok && (k.Value.Kind == ast.EllipsisValue || k.Value.Kind == ast.StrValue) {
				continue
			}
		case *ast.AnnAssign:
			n, ok := x.Target.(*ast.Name)
			if !ok {
				break
			}
			delete(c.Members, n.ID)
			ann, required, readOnly := ta.itemQualifiers(x.Annotation)
			it := types.TypedDictItem{Name: n.ID, Type: ta.analyze(ann), Required: total, ReadOnly: readOnly}
			if required != 0 {
				it.Required = required > 0
			}
			if i, dup := own[n.ID]; dup {
				fail(x, fmt.Sprintf(diag.DuplicateTypedDictKey, n.ID))
				if functional {
					sources[n.ID][i] = itemSource{item: it, node: x}
				}
				continue
			}
			if x.Value != nil {
				fail(x, diag.TypedDictValues)
			}
			own[n.ID] = len(sources[n.ID])
			add(itemSource{item: it, node: x})
			continue
		}
		fail(st, diag.TypedDictInvalidStatement)
	}
	items := make([]types.TypedDictItem, 0, len(order))
	for _, name := range order {
		srcs := sources[name]
		primary := srcs[len(srcs)-1]
		if primary.base != nil {
			for i := len(srcs) - 1; i >= 0; i-- {
				if !srcs[i].item.ReadOnly {
					primary = srcs[i]
					break
				}
			}
		}
		it := primary.item
		if it.ReadOnly {
			for _, s := range srcs {
				it.Required = it.Required || s.item.Required
			}
		}
		items = append(items, it)
		for _, s := range srcs {
			if s != primary {
				if msg := requirednessConflict(name, s, it.Required, primary.base); msg != "" {
					fail(primary.node, msg)
				}
			}
		}
	}
	c.TypedDict = items
	for _, b := range bases {
		for _, bi := range types.TypedDictItems(b) {
			it, _ := types.LookupItem(items, bi.Name)
			fits := types.IsSubtype(it.Type, bi.Type)
			if !bi.ReadOnly {
				fits = fits && types.IsSubtype(bi.Type, it.Type)
			}
			if fits {
				continue
			}
			srcs := sources[bi.Name]
			primary := srcs[len(srcs)-1]
			if i, ok := own[bi.Name]; ok {
				primary = srcs[i]
			}
			if primary.base == nil {
				fail(primary.node, fmt.Sprintf(diag.TypedDictFieldIncompatible, bi.Name, b.Class.Name))
			} else if primary.base != b.Class {
				fail(def, fmt.Sprintf(diag.TypedDictBasesIncompatible, bi.Name, b.Class.Name, primary.base.Name))
			}
		}
	}
}

// requirednessConflict is mypy's error for a definition of a key whose
// requiredness the chosen definition (of base primary, nil for the class
// body's) contradicts, or "".
func requirednessConflict(name string, s itemSource, required bool, primary *types.Class) string {
	switch {
	case s.base == nil:
	case s.item.Required && !required && primary == nil:
		return fmt.Sprintf(diag.TypedDictFieldRequired, name, s.base.Name)
	case s.item.Required && !required:
		return fmt.Sprintf(diag.TypedDictFieldRequiredAndDeletable, name, s.base.Name, primary.Name)
	case !s.item.Required && !s.item.ReadOnly && required && primary == nil:
		return fmt.Sprintf(diag.TypedDictFieldDeletable, name, s.base.Name)
	case !s.item.Required && !s.item.ReadOnly && required:
		return fmt.Sprintf(diag.TypedDictFieldRequiredAndDeletable, name, primary.Name, s.base.Name)
	}
	return ""
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
