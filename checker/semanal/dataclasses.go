package semanal

import (
	"fmt"
	"slices"

	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/types"
	"typd/parser/ast"
)

// dataclassField is a field of a dataclass as its generated __init__
// takes it (the name is also the parameter's).
type dataclassField struct {
	attrsField
	// initVar marks an InitVar[T] pseudo-field: a parameter of __init__,
	// no attribute. kwOnlyMarker marks the `_: KW_ONLY` sentinel.
	initVar, kwOnlyMarker bool
	// stmt is the declaration in the class body.
	stmt ast.Stmt
}

// dataclassMembers adds what the dataclass decorator (called as call, or
// nil when used bare) generates, as mypy's dataclasses plugin does: the
// fields, the bases' first (a field declared again keeps its place), those
// made keyword-only last; __init__ taking them unless init=False or the
// class defines its own; __match_args__; the ordering methods under
// order=True; read-only fields under frozen=True; __dataclass_fields__.
// InitVar pseudo-fields are parameters, not attributes. It reports
// whether typd models the class (a base dataclass it does not model, a
// base of unknown members, or field arguments it cannot read leave the
// class's constructor taking anything).
func (p *Program) dataclassMembers(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer, call *ast.Call) bool {
	flag := func(name string, dflt bool) (value, ok bool) {
		switch attrsFlag(call, name) {
		case ast.TrueValue:
			return true, true
		case ast.FalseValue:
			return false, true
		case ast.NoneValue:
			if call == nil || !slices.ContainsFunc(call.Keywords, func(k *ast.Keyword) bool { return k.Arg == name }) {
				return dflt, true
			}
		}
		return dflt, false // not a literal bool
	}
	slots, ok6 := flag("slots", false)
	init, ok1 := flag("init", true)
	order, ok2 := flag("order", false)
	frozen, ok3 := flag("frozen", false)
	kwOnly, ok4 := flag("kw_only", false)
	matchArgs, ok5 := flag("match_args", true)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || c.AnyBase || c.UnknownMembers {
		return false
	}
	fields, ok := p.dataclassFieldsOf(c, def, ta, kwOnly)
	if !ok {
		return false
	}
	if p.dataclassFields == nil {
		p.dataclassFields = map[*types.Class][]dataclassField{}
	}
	p.dataclassFields[c] = fields
	if init {
		if _, own := c.Members["__init__"]; !own && len(fields) > 0 {
			var inInit []attrsField
			for _, f := range fields {
				if !f.kwOnlyMarker {
					inInit = append(inInit, f.attrsField)
				}
			}
			sig := attrsInit(c, "__init__", inInit)
			if sig == nil {
				// (Out of order: reported; the constructor takes anything.)
				sig = &types.Callable{Name: "__init__", Owner: c.Name, IsEllipsis: true, Ret: &types.NoneType{},
					Params: []types.Param{{Name: "self", Type: selfInstance(c), Kind: types.ArgPos},
						{Name: "args", Type: anyType(), Kind: types.ArgStar}, {Name: "kwargs", Type: anyType(), Kind: types.ArgStar2}}}
			}
			c.Members["__init__"] = &types.Member{Name: "__init__", Type: sig, IsMethod: true}
		}
	}
	if order {
		for _, name := range []string{"__lt__", "__gt__", "__le__", "__ge__"} {
			if m, own := c.Members[name]; own {
				p.classProblem(c, p.memberDef(def, name, m), fmt.Sprintf(diag.DataclassCustomOrderMethod, name))
			}
			c.Members[name] = &types.Member{Name: name, Type: anyType(), IsMethod: true}
		}
	}
	var bases []bool // the frozen flags of the dataclasses among the bases
	for _, k := range c.MRO[1:] {
		if _, ok := p.dataclassFields[k]; ok {
			bases = append(bases, p.dataclassFrozen[k])
		}
	}
	if frozen {
		if slices.Contains(bases, false) {
			p.classProblem(c, def, diag.FrozenFromNonFrozen)
		}
		if p.dataclassFrozen == nil {
			p.dataclassFrozen = map[*types.Class]bool{}
		}
		p.dataclassFrozen[c] = true
		for _, f := range fields {
			if m, _ := c.Lookup(f.name); !f.initVar && !f.kwOnlyMarker && (m == nil || !m.Final) {
				freezeField(c, f.name) // (a Final one stays final: its error is that)
			}
		}
	} else if slices.Contains(bases, true) {
		p.classProblem(c, def, diag.NonFrozenFromFrozen)
	}
	for _, f := range fields {
		if m, own := c.Members[f.name]; own && f.initVar && !m.IsMethod {
			delete(c.Members, f.name) // an InitVar is no attribute
		}
	}
	if v := p.cfg.Reach.PythonVersion; v[0] > 3 || v[0] == 3 && v[1] >= 13 {
		if _, own := c.Members["__replace__"]; !own {
			// copy.replace's hook (3.13): replace's signature as a method.
			if sig := p.DataclassReplace(selfInstance(c)); sig != nil {
				sig.Name, sig.Owner = "__replace__", c.Name
				sig.Params[0] = types.Param{Name: "self", Type: selfInstance(c), Kind: types.ArgPos}
				c.Members["__replace__"] = &types.Member{Name: "__replace__", Type: sig, IsMethod: true}
			}
		}
	}
	str, tuple := p.builtinClass("str"), p.builtinClass("tuple")
	if slots {
		p.dataclassSlots(c, def, fields)
	}
	if _, own := c.Members["__match_args__"]; matchArgs && !own && str != nil && tuple != nil {
		// The names of the fields __init__ takes by position, as literals.
		var names []types.Type
		for _, f := range fields {
			if f.init && !f.kwOnly {
				names = append(names, &types.Literal{Value: types.LiteralValue{Kind: types.LitStr, Str: f.name},
					Fallback: &types.Instance{Class: str}})
			}
		}
		c.Members["__match_args__"] = &types.Member{Name: "__match_args__",
			Type: &types.Tuple{Items: names, Fallback: &types.Instance{Class: tuple, Args: []types.Type{&types.Instance{Class: str}}}}}
	}
	field, dict := p.ModuleClass("dataclasses", "Field"), p.builtinClass("dict")
	if _, own := c.Members["__dataclass_fields__"]; !own && field != nil && dict != nil && str != nil &&
		len(field.TypeParams) == 1 && len(dict.TypeParams) == 2 {
		c.Members["__dataclass_fields__"] = &types.Member{Name: "__dataclass_fields__", ClassVar: true,
			Type: &types.Instance{Class: dict, Args: []types.Type{&types.Instance{Class: str}, &types.Instance{Class: field, Args: []types.Type{anyType()}}}}}
	}
	return true
}

// dataclassSlots gives a dataclass made with slots=True the slots of its
// fields and a __slots__ tuple of a str per field, as mypy's plugin does,
// or reports a class that defines __slots__ itself.
func (p *Program) dataclassSlots(c *types.Class, def *ast.ClassDef, fields []dataclassField) {
	if _, own := c.Members["__slots__"]; own {
		p.classProblem(c, def, fmt.Sprintf(diag.DataclassSlotsTwice, c.Name))
		return
	}
	str, tuple := p.builtinClass("str"), p.builtinClass("tuple")
	var names []string
	for _, f := range fields {
		names = append(names, f.name)
	}
	setSlots(c, names)
	if c.Slots == nil || str == nil || tuple == nil {
		return
	}
	tup := &types.Tuple{Fallback: &types.Instance{Class: tuple, Args: []types.Type{&types.Instance{Class: str}}}}
	for range fields {
		tup.Items = append(tup.Items, &types.Instance{Class: str})
	}
	c.Members["__slots__"] = &types.Member{Name: "__slots__", Type: tup}
}

// dataclassFieldsOf lists a dataclass's fields: its dataclass bases'
// (the farthest first, their type variables mapped to the class's type
// arguments), then its own as the body declares them (`x: T`, `x: T =
// default`, `x: T = field(...)`; a ClassVar is none), a field declared
// again keeping its first place, the keyword-only ones moved last. It
// reports mypy's errors on their order. ok is false where typd does not
// model the fields.
func (p *Program) dataclassFieldsOf(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer, kwOnly bool) ([]dataclassField, bool) {
	var fields []dataclassField
	index := map[string]int{}
	put := func(f dataclassField) {
		if i, ok := index[f.name]; ok {
			fields[i] = f
			return
		}
		index[f.name] = len(fields)
		fields = append(fields, f)
	}
	self := selfInstance(c)
	for i := len(c.MRO) - 1; i >= 1; i-- {
		k := c.MRO[i]
		inherited, ok := p.dataclassFields[k]
		if !ok {
			if k.Decorated || p.dataclassPending[k] {
				return nil, false // a dataclass, perhaps, that typd does not model
			}
			continue
		}
		var bind map[*types.TypeVar]types.Type
		if len(k.TypeParams) > 0 {
			view := types.MapToSuper(self, k)
			if view == nil {
				return nil, false
			}
			bind = types.Bindings(view)
		}
		for _, f := range inherited {
			if bind != nil {
				f.t = types.Subst(f.t, bind)
			}
			put(f)
			if m, own := c.Members[f.name]; own && m.IsMethod {
				p.classProblem(c, p.memberDef(def, f.name, m), diag.DataclassAttributeOverride)
			}
		}
	}
	own := map[string]bool{}
	for _, st := range p.classBodyDeclarations(def.Body) {
		x, ok := st.(*ast.AnnAssign)
		if !ok {
			continue
		}
		n, ok := x.Target.(*ast.Name)
		if !ok || x.Simple != 1 || IsClassVarAnnotation(x.Annotation) {
			continue
		}
		f := dataclassField{attrsField: attrsField{name: n.ID, param: n.ID, init: true, kwOnly: kwOnly}, stmt: x}
		ann := x.Annotation
		if sub, ok := ann.(*ast.Subscript); ok {
			if _, full, ok := ta.fullName(sub.Value); ok && full == "dataclasses.InitVar" {
				f.initVar, ann = true, sub.Slice
			}
		}
		if _, full, ok := ta.fullName(ann); ok && full == "dataclasses.KW_ONLY" {
			f.kwOnlyMarker, f.kwOnly, kwOnly = true, true, true
		}
		f.t = ta.analyze(ann)
		if fc := dataclassFieldCall(x.Value, ta); fc != nil {
			if !dataclassFieldArgs(&f, fc) {
				return nil, false
			}
		} else {
			f.hasDefault = x.Value != nil
		}
		own[n.ID] = true
		put(f)
	}
	// Keyword-only fields last, each group in its order.
	slices.SortStableFunc(fields, func(a, b dataclassField) int {
		switch {
		case a.kwOnly == b.kwOnly:
			return 0
		case b.kwOnly:
			return -1
		}
		return 1
	})
	defaulted, marker := false, false
	for _, f := range fields {
		at := ast.Node(def)
		if own[f.name] {
			at = f.stmt
		}
		if defaulted && f.init && !f.hasDefault && !f.kwOnly {
			p.classProblem(c, at, diag.DataclassDefaultOrder)
		}
		defaulted = defaulted || f.hasDefault && f.init
		if marker && f.kwOnlyMarker {
			p.classProblem(c, at, diag.DataclassTwoKWOnly)
		}
		marker = marker || f.kwOnlyMarker
	}
	return fields, true
}

// classBodyDeclarations are the statements of a class body, those of its
// if statements' arms that may run included (as mypy's dataclasses plugin
// reads them).
func (p *Program) classBodyDeclarations(body []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, st := range body {
		x, ok := st.(*ast.If)
		if !ok {
			out = append(out, st)
			continue
		}
		t := p.cfg.Reach.Infer(x.Test)
		if !reach.IsFalse(t) {
			out = append(out, p.classBodyDeclarations(x.Body)...)
		}
		if !reach.IsTrue(t) {
			out = append(out, p.classBodyDeclarations(x.Orelse)...)
		}
	}
	return out
}

// dataclassFieldCall is the dataclasses.field(...) call value is, or nil.
func dataclassFieldCall(value ast.Expr, ta *typeAnalyzer) *ast.Call {
	call, ok := value.(*ast.Call)
	if !ok {
		return nil
	}
	if _, full, ok := ta.fullName(call.Func); ok && full == "dataclasses.field" {
		return call
	}
	return nil
}

// dataclassFieldArgs applies the arguments of a field(...) call to f:
// a default (default=, default_factory=), init= and kw_only=; false for
// an argument typd cannot read (a flag that is no literal bool, **kwargs).
func dataclassFieldArgs(f *dataclassField, call *ast.Call) bool {
	if len(call.Args) > 0 {
		return false
	}
	for _, k := range call.Keywords {
		v, _ := k.Value.(*ast.Constant)
		isBool := v != nil && (v.Value.Kind == ast.TrueValue || v.Value.Kind == ast.FalseValue)
		switch k.Arg {
		case "":
			return false
		case "default", "default_factory", "factory":
			f.hasDefault = true
		case "init":
			if !isBool {
				return false
			}
			f.init = v.Value.Kind == ast.TrueValue
		case "kw_only":
			if !isBool {
				return false
			}
			f.kwOnly = v.Value.Kind == ast.TrueValue
		}
	}
	return true
}

// memberDef is where a class body defines member m, for an error's
// position: a def, or its first decorator (as mypy places a decorated
// def); the class statement when none is found.
func (p *Program) memberDef(def *ast.ClassDef, name string, m *types.Member) ast.Node {
	for _, st := range def.Body {
		if f, ok := st.(*ast.FunctionDef); ok && f.Name == name {
			if len(f.DecoratorList) > 0 {
				return f.DecoratorList[0]
			}
			return f
		}
	}
	return def
}

// DataclassReplace is the signature dataclasses.replace has for an
// instance of a dataclass whose fields typd models, as mypy's plugin
// makes it: the instance, then each field __init__ takes by keyword (the
// instance's type arguments bound), optional but for an InitVar without
// a default; nil for other instances.
func (p *Program) DataclassReplace(inst *types.Instance) *types.Callable {
	fields, ok := p.dataclassFields[inst.Class]
	if !ok || len(inst.Args) != len(inst.Class.TypeParams) {
		return nil
	}
	bind := types.Bindings(inst)
	sig := &types.Callable{Name: "replace", Owner: types.Format(inst, types.FormatOptions{OrSyntax: true}), Ret: inst,
		Params: []types.Param{{Name: "obj", Type: inst, Kind: types.ArgPos, PosOnly: true}}}
	for _, f := range fields {
		if !f.init || f.kwOnlyMarker {
			continue
		}
		kind := types.ArgNamedOpt
		if f.initVar && !f.hasDefault {
			kind = types.ArgNamed
		}
		sig.Params = append(sig.Params, types.Param{Name: f.name, Type: types.Subst(f.t, bind), Kind: kind})
	}
	return sig
}

// DataclassInitVars are the InitVar pseudo-fields of a dataclass whose
// fields typd models, in field order, as the parameters its __post_init__
// is called with (each given by position, a default or not); ok is false
// for another class.
func (p *Program) DataclassInitVars(c *types.Class) ([]types.Param, bool) {
	fields, ok := p.dataclassFields[c]
	if !ok {
		return nil, false
	}
	var params []types.Param
	for _, f := range fields {
		if f.initVar {
			params = append(params, types.Param{Name: f.name, Type: f.t, Kind: types.ArgPos})
		}
	}
	return params, true
}
