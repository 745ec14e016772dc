package semanal

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// attrsClassMakers are the class decorators of the attrs package, whose
// classes mypy's attrs plugin completes.
var attrsClassMakers = map[string]bool{"attr.s": true, "attr.attrs": true, "attr.attributes": true,
	"attr.dataclass": true, "attr.define": true, "attr.mutable": true, "attr.frozen": true,
	"attrs.define": true, "attrs.mutable": true, "attrs.frozen": true}

// attrsFieldMakers are the calls that declare an attrs field.
var attrsFieldMakers = map[string]bool{"attr.ib": true, "attr.attrib": true, "attr.attr": true,
	"attr.field": true, "attrs.field": true}

// attrsField is an attribute of an attrs class as its generated __init__
// takes it.
type attrsField struct {
	name string // the attribute's name
	// param is the __init__ parameter's name (the name without leading
	// underscores, or the field's alias); t its type (Any when unknown).
	param              string
	t                  types.Type
	hasDefault, kwOnly bool
	init               bool
	// declared is the type a field maker's type= argument gives an
	// attribute declared without an annotation (its type as an attribute
	// too), else nil.
	declared types.Type
}

// attrsMembers adds what an attrs class maker (maker, called as call or
// nil when used bare) generates, as mypy's attrs plugin does: __init__
// (__attrs_init__ when called with init=False), __attrs_attrs__,
// __match_args__ and the ordering methods, each unless the class defines
// it (attrs leaves a class's own __init__ alone); a frozen class's fields
// read-only; __hash__ (see attrsHash). __init__ takes the fields in order,
// the bases' first (see attrsFieldsOf); where typd does not model a field
// (a class as converter, an unknown field maker, an unmodelled base), it
// takes anything.
func (p *Program) attrsMembers(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer, maker string, call *ast.Call) {
	init := "__init__"
	if call != nil {
		for _, k := range call.Keywords {
			if v, ok := k.Value.(*ast.Constant); ok && k.Arg == "init" && v.Value.Kind == ast.FalseValue {
				init = "__attrs_init__"
			}
		}
	}
	var sig *types.Callable
	if fields, ok := p.attrsFieldsOf(c, def, ta, maker, call); ok {
		if p.attrsFields == nil {
			p.attrsFields = map[*types.Class][]attrsField{}
		}
		p.attrsFields[c] = fields
		sig = attrsInit(c, init, fields)
	}
	if sig == nil {
		sig = &types.Callable{Name: init, Owner: c.Name, IsEllipsis: true, Ret: &types.NoneType{},
			Params: []types.Param{{Name: "self", Type: selfInstance(c), Kind: types.ArgPos},
				{Name: "args", Type: anyType(), Kind: types.ArgStar}, {Name: "kwargs", Type: anyType(), Kind: types.ArgStar2}}}
	}
	if _, own := c.Members[init]; !own {
		c.Members[init] = &types.Member{Name: init, Type: sig, IsMethod: true}
	}
	for _, f := range p.attrsFields[c] {
		if m, own := c.Members[f.name]; own && f.declared != nil && m.Type == nil && !m.IsMethod {
			m.Type = f.declared // x = attr.ib(type=T): x is a T
			delete(p.implicit, m)
		}
	}
	frozen := attrsFlag(call, "frozen") == ast.TrueValue || strings.HasSuffix(maker, ".frozen") ||
		slices.ContainsFunc(c.MRO[1:], func(k *types.Class) bool { return p.attrsFrozen[k] })
	if frozen {
		if p.attrsFrozen == nil {
			p.attrsFrozen = map[*types.Class]bool{}
		}
		p.attrsFrozen[c] = true
		for _, f := range p.attrsFields[c] {
			freezeField(c, f.name)
		}
	}
	p.attrsHash(c, call, frozen)
	if _, own := c.Members["__attrs_attrs__"]; !own {
		c.Members["__attrs_attrs__"] = &types.Member{Name: "__attrs_attrs__", Type: p.attrsAttributes(c), ClassVar: true}
	}
	var generated []string
	if attrsOrder(call) {
		generated = append(generated, "__lt__", "__le__", "__gt__", "__ge__")
	}
	slots := attrsFlag(call, "slots")
	if slots == ast.TrueValue || slots == ast.NoneValue && !strings.HasSuffix(maker, ".s") && !strings.HasSuffix(maker, ".attrs") &&
		!strings.HasSuffix(maker, ".attributes") && maker != "attr.dataclass" {
		p.attrsSlots(c)
	}
	if attrsFlag(call, "match_args") != ast.FalseValue {
		if _, own := c.Members["__match_args__"]; !own {
			c.Members["__match_args__"] = &types.Member{Name: "__match_args__", Type: p.matchArgs(c)}
		}
	}
	for _, name := range generated {
		if _, own := c.Members[name]; !own {
			c.Members[name] = &types.Member{Name: name, Type: anyType()}
		}
	}
}

// attrsOrder reports whether an attrs class gets ordering methods: cmp
// when given, else order, which follows eq (true by default).
func attrsOrder(call *ast.Call) bool {
	if cmp := attrsFlag(call, "cmp"); cmp != ast.NoneValue {
		return cmp == ast.TrueValue
	}
	if order := attrsFlag(call, "order"); order != ast.NoneValue {
		return order == ast.TrueValue
	}
	return attrsFlag(call, "eq") != ast.FalseValue
}

// attrsSlots gives an attrs class made with slots (define's default) its
// __slots__, a tuple of a str per field, as mypy's plugin does, unless a
// base between it and object has no __slots__ of its own.
func (p *Program) attrsSlots(c *types.Class) {
	fields, ok := p.attrsFields[c]
	str, tuple := p.builtinClass("str"), p.builtinClass("tuple")
	if !ok || str == nil || tuple == nil || len(c.MRO) < 2 {
		return
	}
	for _, k := range c.MRO[1 : len(c.MRO)-1] {
		if _, own := k.Members["__slots__"]; !own {
			return
		}
	}
	tup := &types.Tuple{Fallback: &types.Instance{Class: tuple, Args: []types.Type{&types.Instance{Class: str}}}}
	for range fields {
		tup.Items = append(tup.Items, &types.Instance{Class: str})
	}
	c.Members["__slots__"] = &types.Member{Name: "__slots__", Type: tup}
}

// AttrsAttributes is the type of an attrs class's fields as attr.fields
// gives them (and its __attrs_attrs__), or nil when the class is no attrs
// class whose fields typd models.
func (p *Program) AttrsAttributes(c *types.Class) types.Type {
	if _, ok := p.attrsFields[c]; !ok {
		return nil
	}
	m, ok := c.Members["__attrs_attrs__"]
	if !ok {
		return nil
	}
	if _, isAny := m.Type.(*types.Any); isAny {
		return nil
	}
	return m.Type
}

// attrsAttributes is the type of an attrs class's __attrs_attrs__, as
// mypy's plugin makes it: a tuple of an attr.Attribute[T] per field, whose
// class (named after the attrs class) has each field as an attribute of
// that type; Any when the fields are not modelled.
func (p *Program) attrsAttributes(c *types.Class) types.Type {
	fields, ok := p.attrsFields[c]
	attribute, tuple := p.ModuleClass("attr", "Attribute"), p.builtinClass("tuple")
	if !ok || attribute == nil || tuple == nil || len(tuple.TypeParams) != 1 {
		return anyType()
	}
	name := "__" + strings.ReplaceAll(c.FullName, ".", "_") + "_AttrsAttributes__"
	holder := &types.Class{Name: name, FullName: c.FullName + "." + name, Module: c.Module, Members: map[string]*types.Member{},
		Bases: []*types.Instance{{Class: tuple, Args: []types.Type{&types.Instance{Class: attribute, Args: []types.Type{anyType()}}}}}}
	holder.MRO = append([]*types.Class{holder}, tuple.MRO...)
	tup := &types.Tuple{Fallback: &types.Instance{Class: holder}}
	for _, f := range fields {
		t := &types.Instance{Class: attribute, Args: []types.Type{f.t}}
		tup.Items = append(tup.Items, t)
		holder.Members[f.name] = &types.Member{Name: f.name, Type: t}
	}
	holder.TupleBase = tup
	return tup
}

// matchArgs is the type of an attrs class's __match_args__: the names of
// the fields __init__ takes by position, as a tuple of string literals
// (Any when the fields are not modelled).
func (p *Program) matchArgs(c *types.Class) types.Type {
	fields, ok := p.attrsFields[c]
	str, tuple := p.builtinClass("str"), p.builtinClass("tuple")
	if !ok || str == nil || tuple == nil {
		return anyType()
	}
	var items []types.Type
	for _, f := range fields {
		if f.init && !f.kwOnly {
			items = append(items, &types.Instance{Class: str, LastKnownValue: &types.Literal{
				Value: types.LiteralValue{Kind: types.LitStr, Str: f.name}, Fallback: &types.Instance{Class: str}}})
		}
	}
	return &types.Tuple{Items: items, Fallback: &types.Instance{Class: tuple, Args: []types.Type{&types.Instance{Class: str}}}}
}

// AttrsEvolve is the signature attr.evolve (or assoc, name) has for an
// instance of an attrs class whose fields typd models: the instance,
// then each field __init__ takes (the instance's type arguments bound),
// by keyword and optional; nil for other instances.
func (p *Program) AttrsEvolve(inst *types.Instance, name string) *types.Callable {
	fields, ok := p.attrsFields[inst.Class]
	if !ok || len(inst.Args) != len(inst.Class.TypeParams) {
		return nil
	}
	bind := types.Bindings(inst)
	sig := &types.Callable{Name: name, Owner: types.Format(inst, types.FormatOptions{OrSyntax: true}), Ret: inst,
		Params: []types.Param{{Name: "inst", Type: inst, Kind: types.ArgPos}}}
	for _, f := range fields {
		if f.init {
			sig.Params = append(sig.Params, types.Param{Name: f.param, Type: types.Subst(f.t, bind), Kind: types.ArgNamedOpt})
		}
	}
	return sig
}

// IsAttrsField reports whether name is a field of attrs class c whose
// generated __init__ typd models.
func (p *Program) IsAttrsField(c *types.Class, name string) bool {
	return hasField(p.attrsFields[c], name)
}

// freezeField makes a frozen attrs class's field read-only through its
// instances: the class's own member, or a copy of a base's declared one.
func freezeField(c *types.Class, name string) {
	if m, own := c.Members[name]; own {
		m.ReadOnly = true
		return
	}
	m, _ := c.Lookup(name)
	if m == nil || m.Type == nil {
		return // (an inferred member is known by its identity)
	}
	frozen := *m
	frozen.ReadOnly = true
	c.Members[name] = &frozen
}

// attrsHash sets an attrs class's __hash__ as attrs does: left alone when
// the class defines one or when eq=False leaves hashing unspecified,
// object's when the class is hashable (frozen, or unsafe_hash/hash),
// else None.
func (p *Program) attrsHash(c *types.Class, call *ast.Call, frozen bool) {
	if _, own := c.Members["__hash__"]; own {
		return
	}
	unsafeHash, hash, eq := attrsFlag(call, "unsafe_hash"), attrsFlag(call, "hash"), attrsFlag(call, "eq")
	var hashable ast.ValueKind
	if frozen {
		hashable = ast.TrueValue
		if unsafeHash == ast.FalseValue || hash == ast.FalseValue {
			hashable = ast.FalseValue
		}
	} else if hashable = unsafeHash; hashable == ast.NoneValue {
		hashable = hash
	}
	switch {
	case hashable == ast.NoneValue && eq == ast.FalseValue:
	case hashable == ast.TrueValue:
		if object := p.builtinClass("object"); object != nil && object.Members["__hash__"] != nil {
			c.Members["__hash__"] = object.Members["__hash__"]
		}
	default:
		c.Members["__hash__"] = &types.Member{Name: "__hash__", Type: &types.NoneType{}, ClassVar: true}
	}
}

// attrsFlag is the value of a class maker's True/False/None keyword
// argument (ast.NoneValue when not given).
func attrsFlag(call *ast.Call, name string) ast.ValueKind {
	if call == nil {
		return ast.NoneValue
	}
	for _, k := range call.Keywords {
		if v, ok := k.Value.(*ast.Constant); ok && k.Arg == name {
			switch v.Value.Kind {
			case ast.TrueValue, ast.FalseValue:
				return v.Value.Kind
			}
		}
	}
	return ast.NoneValue
}

// attrsInit is the generated __init__ (named name) of an attrs class
// taking fields; nil when its parameters would not be in a valid order
// (a field without a default after one with: mypy reports that).
func attrsInit(c *types.Class, name string, fields []attrsField) *types.Callable {
	sig := &types.Callable{Name: name, Owner: c.Name, Ret: &types.NoneType{},
		Params: []types.Param{{Name: "self", Type: selfInstance(c), Kind: types.ArgPos}}}
	defaulted := false
	for _, f := range fields {
		if !f.init {
			continue
		}
		kind := types.ArgPos
		switch {
		case f.kwOnly && f.hasDefault:
			kind = types.ArgNamedOpt
		case f.kwOnly:
			kind = types.ArgNamed
		case f.hasDefault:
			kind, defaulted = types.ArgOpt, true
		case defaulted:
			return nil
		}
		sig.Params = append(sig.Params, types.Param{Name: f.param, Type: f.t, Kind: kind})
	}
	// Keyword-only parameters follow the positional ones.
	var pos, kw []types.Param
	for _, q := range sig.Params {
		if q.Kind == types.ArgNamed || q.Kind == types.ArgNamedOpt {
			kw = append(kw, q)
		} else {
			pos = append(pos, q)
		}
	}
	sig.Params = append(pos, kw...)
	return sig
}

// attrsFieldsOf lists an attrs class's fields: its attrs bases' first (in
// the MRO's order, not generic), then its own in the order the body
// declares them (annotated, or assigned a field maker's call, alone or in
// a tuple), a field of the class replacing a base's of the same name. ok
// is false where typd does not model the fields.
func (p *Program) attrsFieldsOf(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer, maker string, call *ast.Call) ([]attrsField, bool) {
	autoAttribs := maker == "attr.dataclass" || !strings.HasSuffix(maker, ".s") && !strings.HasSuffix(maker, ".attrs") &&
		!strings.HasSuffix(maker, ".attributes") && attrsAutoDetect(def, ta)
	kwOnly := false
	if call != nil {
		for _, k := range call.Keywords {
			v, _ := k.Value.(*ast.Constant)
			switch {
			case k.Arg == "auto_attribs" && v != nil && (v.Value.Kind == ast.TrueValue || v.Value.Kind == ast.FalseValue):
				autoAttribs = v.Value.Kind == ast.TrueValue
			case k.Arg == "kw_only" && v != nil && (v.Value.Kind == ast.TrueValue || v.Value.Kind == ast.FalseValue):
				kwOnly = v.Value.Kind == ast.TrueValue
			case k.Arg == "these" || k.Arg == "auto_attribs" || k.Arg == "kw_only" || k.Arg == "field_transformer":
				return nil, false
			}
		}
	}
	var own []attrsField
	add := func(name string, ann, value ast.Expr, comment ast.Expr) bool {
		f := attrsField{name: name, param: strings.TrimLeft(name, "_"), t: anyType(), init: true, kwOnly: kwOnly}
		switch {
		case ann != nil:
			f.t = ta.analyze(ann)
		case comment != nil:
			f.t = ta.analyze(comment)
		}
		if fc := attrsFieldCall(value, ta); fc != nil {
			if !attrsFieldArgs(&f, fc, ta, ann != nil || comment != nil, func(n ast.Node, msg string) { p.classProblem(c, n, msg) }) {
				return false
			}
		} else if ann == nil || !autoAttribs {
			return true // a plain class variable
		} else {
			f.hasDefault = value != nil
		}
		// A field declared again moves to its new place, but under
		// auto_attribs keeps its first one (as mypy's plugin does).
		if i := slices.IndexFunc(own, func(g attrsField) bool { return g.name == name }); i >= 0 {
			if autoAttribs {
				own[i] = f
				return true
			}
			own = slices.Delete(own, i, i+1)
		}
		own = append(own, f)
		return true
	}
	for _, st := range def.Body {
		switch x := st.(type) {
		case *ast.AnnAssign:
			n, ok := x.Target.(*ast.Name)
			if !ok || IsClassVarAnnotation(x.Annotation) {
				continue
			}
			if !add(n.ID, x.Annotation, x.Value, nil) {
				return nil, false
			}
		case *ast.Assign:
			var names []ast.Expr
			var values []ast.Expr
			switch t := x.Targets[0].(type) {
			case *ast.Name:
				names, values = []ast.Expr{t}, []ast.Expr{x.Value}
			case *ast.Tuple:
				if v, ok := x.Value.(*ast.Tuple); ok && len(v.Elts) == len(t.Elts) {
					names, values = t.Elts, v.Elts
				}
			}
			var comment ast.Expr
			if x.TypeComment != "" {
				comment = TypeCommentExpr(x.TypeComment)
			}
			for i, v := range values {
				n, ok := names[i].(*ast.Name)
				if len(x.Targets) != 1 || !ok || comment != nil && len(values) > 1 {
					if attrsFieldCall(v, ta) != nil {
						return nil, false
					}
					continue
				}
				if fc := attrsFieldCall(v, ta); fc != nil && comment == nil && !slices.ContainsFunc(fc.Keywords, func(k *ast.Keyword) bool {
					return k.Arg == "type" || k.Arg == "converter" || k.Arg == "convert"
				}) {
					// An untyped field makes an untyped __init__: reported
					// where it is declared (mypy's plugin).
					p.addClassProblem(c, ClassProblem{Node: n, Msg: fmt.Sprintf(diag.NeedAnnotationQuoted, n.ID),
						Code: diag.CodeVarAnnotated, UntypedDefsOnly: true})
				}
				if !add(n.ID, nil, v, comment) {
					return nil, false
				}
			}
			if len(values) == 0 && attrsFieldCall(x.Value, ta) != nil {
				return nil, false
			}
		}
	}
	// The bases' fields, nearest first, each name once (a base's list
	// holds its own bases' fields).
	// A method decorated @x.default gives field x its default.
	for _, st := range def.Body {
		if fd, ok := st.(*ast.FunctionDef); ok {
			for _, d := range fd.DecoratorList {
				if a, ok := d.(*ast.Attribute); ok && a.Attr == "default" {
					if n, ok := a.Value.(*ast.Name); ok {
						if i := slices.IndexFunc(own, func(g attrsField) bool { return g.name == n.ID }); i >= 0 {
							own[i].hasDefault = true
						}
					}
				}
			}
		}
	}
	var fields []attrsField
	for _, k := range c.MRO[1:] {
		inherited, ok := p.attrsFields[k]
		if !ok {
			if k.FullName != "builtins.object" && attrsMade(k) {
				return nil, false // an attrs base whose fields typd did not model
			}
			continue
		}
		if len(k.TypeParams) > 0 {
			return nil, false
		}
		for _, f := range inherited {
			if !hasField(fields, f.name) && !hasField(own, f.name) {
				fields = append(fields, f)
			}
		}
	}
	return append(fields, own...), true
}

// attrsMade reports a class an attrs class maker made (its generated
// members are there).
func attrsMade(k *types.Class) bool {
	_, ok := k.Members["__attrs_attrs__"]
	return ok
}

// hasField reports a field named name among fs.
func hasField(fs []attrsField, name string) bool {
	for _, f := range fs {
		if f.name == name {
			return true
		}
	}
	return false
}

// attrsFieldCall is the call of an attrs field maker that value is, or nil.
func attrsFieldCall(value ast.Expr, ta *typeAnalyzer) *ast.Call {
	call, ok := value.(*ast.Call)
	if !ok {
		return nil
	}
	if _, full, ok := ta.fullName(call.Func); ok && attrsFieldMakers[full] {
		return call
	}
	return nil
}

// attrsFieldArgs applies the arguments of a field maker's call to f;
// false for what typd does not model (some converters, a second
// positional argument). fail reports mypy's errors on the arguments.
func attrsFieldArgs(f *attrsField, call *ast.Call, ta *typeAnalyzer, annotated bool, fail func(ast.Node, string)) bool {
	both := slices.ContainsFunc(call.Keywords, func(k *ast.Keyword) bool { return k.Arg == "convert" }) &&
		slices.ContainsFunc(call.Keywords, func(k *ast.Keyword) bool { return k.Arg == "converter" })
	if both {
		fail(call, diag.AttrsConvertAndConverter)
		return false
	}
	switch len(call.Args) {
	case 0:
	case 1:
		f.hasDefault = true // attr.ib(default)
	default:
		return false
	}
	for _, k := range call.Keywords {
		v, _ := k.Value.(*ast.Constant)
		switch k.Arg {
		case "default", "factory":
			f.hasDefault = true
		case "init":
			if v == nil || v.Value.Kind != ast.FalseValue && v.Value.Kind != ast.TrueValue {
				return false
			}
			f.init = v.Value.Kind == ast.TrueValue
		case "kw_only":
			if v == nil || v.Value.Kind != ast.FalseValue && v.Value.Kind != ast.TrueValue {
				return false
			}
			f.kwOnly = v.Value.Kind == ast.TrueValue
		case "type":
			if !annotated {
				f.t = ta.analyze(k.Value)
				f.declared = f.t
			}
		case "alias":
			if v == nil || v.Value.Kind != ast.StrValue {
				fail(call, diag.AttrsAliasNotLiteral)
				return false
			}
			f.param = v.Value.Str
		case "converter", "convert":
			if k.Arg == "convert" {
				fail(call, diag.AttrsConvertDeprecated)
			}
			if ta.unsupportedConverter(k.Value) {
				fail(k.Value, diag.AttrsUnsupportedConverter)
				f.t = anyType()
				continue
			}
			t, ok := ta.converterArg(k.Value)
			if !ok {
				return false
			}
			f.t = t
		case "validator", "repr", "eq", "order", "hash", "metadata", "on_setattr", "cmp":
		default:
			return false // what typd does not model
		}
	}
	return true
}

// converterArg is the type a field's __init__ parameter takes when a
// converter converts it, as mypy's attrs plugin finds it: a lambda takes
// Any, a plain function (not overloaded or decorated) what its first
// parameter takes; ok is false for other converters (classes, overloaded
// functions), which typd does not model.
func (ta *typeAnalyzer) converterArg(e ast.Expr) (types.Type, bool) {
	if _, ok := e.(*ast.Lambda); ok {
		return anyType(), true
	}
	t, _, ok := ta.fullName(e)
	if !ok || t.Sym == nil || t.Sym.Kind != Func || t.Sym.Overload {
		return nil, false
	}
	def, ok := t.Sym.Def.(*ast.FunctionDef)
	if !ok || len(def.DecoratorList) > 0 {
		return nil, false
	}
	sig := ta.p.Signature(t.Owner, nil, def)
	if len(sig.Params) == 0 || sig.Params[0].Kind != types.ArgPos && sig.Params[0].Kind != types.ArgOpt {
		return nil, false
	}
	return sig.Params[0].Type, true
}

// unsupportedConverter reports a converter mypy's attrs plugin does not
// take (a call's result other than attrs' optional(...), a method of an
// instance): the field's __init__ parameter takes Any.
func (ta *typeAnalyzer) unsupportedConverter(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Call:
		_, full, _ := ta.fullName(x.Func)
		return full != "attr.converters.optional" && full != "attrs.converters.optional"
	case *ast.Attribute:
		head := x.Value
		for {
			a, ok := head.(*ast.Attribute)
			if !ok {
				break
			}
			head = a.Value
		}
		t, _, ok := ta.fullName(head)
		return ok && t.Sym != nil && t.Sym.Kind == Var
	}
	return false
}

// attrsAutoDetect is what attrs' define decides when auto_attribs is not
// given: annotated attributes are fields unless some field is declared by
// an unannotated assignment of a field maker.
func attrsAutoDetect(def *ast.ClassDef, ta *typeAnalyzer) bool {
	for _, st := range def.Body {
		if x, ok := st.(*ast.Assign); ok && attrsFieldCall(x.Value, ta) != nil {
			return false
		}
	}
	return true
}
