package semanal

import (
	"strings"

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
}

// attrsMembers adds what an attrs class maker (maker, called as call or
// nil when used bare) generates, as mypy's attrs plugin does: __init__
// (__attrs_init__ when called with init=False), __attrs_attrs__,
// __match_args__ and the ordering methods, each unless the class defines
// it (attrs leaves a class's own __init__ alone). __init__ takes the
// fields in order, the bases' first (see attrsFieldsOf); where typd does
// not model a field (a converter, an unknown field maker, an unmodelled
// base), it takes anything.
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
	for _, name := range []string{"__attrs_attrs__", "__match_args__", "__lt__", "__le__", "__gt__", "__ge__"} {
		if _, own := c.Members[name]; !own {
			c.Members[name] = &types.Member{Name: name, Type: anyType()}
		}
	}
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

// attrsFieldsOf lists an attrs class's fields: its attrs base's first
// (one base at most, not generic), then its own in the order the body
// declares them, a field of the class replacing a base's of the same
// name. ok is false where typd does not model the fields.
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
	for _, st := range def.Body {
		var name string
		var ann, value ast.Expr
		switch x := st.(type) {
		case *ast.AnnAssign:
			n, ok := x.Target.(*ast.Name)
			if !ok {
				continue
			}
			name, ann, value = n.ID, x.Annotation, x.Value
			if IsClassVarAnnotation(ann) {
				continue
			}
		case *ast.Assign:
			if len(x.Targets) != 1 {
				if attrsFieldCall(x.Value, ta) != nil {
					return nil, false
				}
				continue
			}
			n, ok := x.Targets[0].(*ast.Name)
			if !ok {
				if attrsFieldCall(x.Value, ta) != nil {
					return nil, false
				}
				continue
			}
			name, value = n.ID, x.Value
		default:
			continue
		}
		f := attrsField{name: name, param: strings.TrimLeft(name, "_"), t: anyType(), init: true, kwOnly: kwOnly}
		if ann != nil {
			f.t = ta.analyze(ann)
		}
		if fc := attrsFieldCall(value, ta); fc != nil {
			if !attrsFieldArgs(&f, fc, ta, ann != nil) {
				return nil, false
			}
		} else if ann == nil || !autoAttribs {
			continue // a plain class variable
		} else {
			f.hasDefault = value != nil
		}
		own = append(own, f)
	}
	var fields []attrsField
	bases := 0
	for _, k := range c.MRO[1:] {
		if inherited, ok := p.attrsFields[k]; ok {
			if bases++; bases > 1 || len(k.TypeParams) > 0 {
				return nil, false
			}
			for _, f := range inherited {
				if !hasField(own, f.name) {
					fields = append(fields, f)
				}
			}
		} else if k.FullName != "builtins.object" && attrsMade(k) {
			return nil, false // an attrs base whose fields typd did not model
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
// false for what typd does not model (a converter, positional arguments).
func attrsFieldArgs(f *attrsField, call *ast.Call, ta *typeAnalyzer, annotated bool) bool {
	if len(call.Args) > 0 {
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
			}
		case "alias":
			if v == nil || v.Value.Kind != ast.StrValue {
				return false
			}
			f.param = v.Value.Str
		case "validator", "repr", "eq", "order", "hash", "metadata", "on_setattr", "cmp":
		default:
			return false // converter and the rest
		}
	}
	return true
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
