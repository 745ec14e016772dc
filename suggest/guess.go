package suggest

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker"
	"typd/checker/types"
	"typd/parser/ast"
)

// actualKind is how a call passes an argument.
type actualKind uint8

const (
	positional actualKind = iota
	named
	star
	star2
)

// actual is one argument of a call site.
type actual struct {
	kind actualKind
	name string
	typ  types.Type
}

// callsite is one call of the target: the arguments that fill each of its
// parameters (self left out for a method).
type callsite struct {
	path    string
	line    int
	formals [][]actual
}

// format writes a call site's arguments as dmypy does: one per parameter
// filled, keyword arguments with their name, unpacked ones starred.
func (s callsite) format(o Options) string {
	var args []string
	for _, acts := range s.formals {
		if len(acts) == 0 {
			continue
		}
		a := acts[len(acts)-1]
		text := formatType(a.typ, nil, o)
		switch a.kind {
		case star:
			text = "*" + text
		case star2:
			text = "**" + text
		case named:
			text = a.name + "=" + text
		}
		args = append(args, text)
	}
	return "(" + strings.Join(args, ", ") + ")"
}

// params are the target's parameters, self left out for a method.
func (t *target) params() []*ast.Arg {
	all := t.def.Args.All()
	if t.isMethod() && len(all) > 0 {
		all = all[1:]
	}
	return all
}

// constructs reports whether a callee is the class object whose __init__
// or __new__ the target is (a constructor call calls both).
func (t *target) constructs(f *types.Callable) bool {
	if t.class == nil || t.def.Name != "__init__" && t.def.Name != "__new__" || f.TypeObject == nil {
		return false
	}
	return f.TypeObject.FullName == t.module.Name+"."+strings.TrimSuffix(t.name, "."+t.def.Name)
}

// callsites finds the calls of the target in every module, in module
// order, then source order.
func callsites(ins []*checker.Inspection, t *target) []callsite {
	var out []callsite
	for _, in := range ins {
		for _, st := range in.Module.Body {
			ast.Inspect(st, func(n ast.Node) bool {
				call, ok := n.(*ast.Call)
				if !ok {
					return true
				}
				f, ok := in.Types[call.Func].(*types.Callable)
				if ok && t.constructs(f) {
					// C(...) calls C.__init__, self left out.
					out = append(out, callsite{path: in.Path, line: int(call.Lineno), formals: t.mapActuals(in, call, false)})
					return true
				}
				if !ok || f.Name != t.def.Name || f.Module != t.module.Name || (t.class != nil) != (f.Owner != "") ||
					t.class != nil && f.Owner != t.class.Name {
					return true
				}
				// A method called through its class takes self too.
				skipSelf := t.isMethod() && len(f.Params) == len(t.def.Args.All())
				out = append(out, callsite{path: in.Path, line: int(call.Lineno), formals: t.mapActuals(in, call, skipSelf)})
				return true
			})
		}
	}
	return out
}

// mapActuals assigns a call's arguments to the target's parameters:
// positional ones in order (the rest to *args), keyword ones by name (the
// rest to **kwargs), *x to *args, and **x to **kwargs and every named
// parameter nothing else filled (what mypy assumes it fills).
func (t *target) mapActuals(in *checker.Inspection, call *ast.Call, skipSelf bool) [][]actual {
	params := t.params()
	formals := make([][]actual, len(params))
	a := t.def.Args
	npos := len(a.Posonlyargs) + len(a.Args)
	if t.isMethod() {
		npos--
	}
	index := func(pred func(p *ast.Arg) bool) int {
		return slices.IndexFunc(params, pred)
	}
	vararg := index(func(p *ast.Arg) bool { return p == a.Vararg })
	kwarg := index(func(p *ast.Arg) bool { return p == a.Kwarg })
	args := call.Args
	if skipSelf && len(args) > 0 {
		args = args[1:]
	}
	next := 0
	for _, e := range args {
		if s, ok := e.(*ast.Starred); ok {
			i := vararg
			if i < 0 && next < npos {
				i = next
			}
			if i >= 0 {
				formals[i] = append(formals[i], actual{kind: star, typ: typeOf(in, s.Value)})
			}
			continue
		}
		i := next
		if next >= npos {
			i = vararg
		}
		next++
		if i >= 0 {
			formals[i] = append(formals[i], actual{kind: positional, typ: typeOf(in, e)})
		}
	}
	var unpacked []actual
	for _, k := range call.Keywords {
		if k.Arg == "" {
			unpacked = append(unpacked, actual{kind: star2, typ: typeOf(in, k.Value)})
			continue
		}
		i := index(func(p *ast.Arg) bool { return p.Arg == k.Arg && p != a.Vararg && p != a.Kwarg })
		if i < 0 {
			i = kwarg
		}
		if i >= 0 {
			formals[i] = append(formals[i], actual{kind: named, name: k.Arg, typ: typeOf(in, k.Value)})
		}
	}
	if len(unpacked) > 0 {
		var open []int
		for j, p := range params {
			posOnly := slices.Contains(a.Posonlyargs, p)
			if p == a.Kwarg || p != a.Vararg && !posOnly && (len(formals[j]) == 0 || formals[j][0].kind == star) {
				open = append(open, j)
			}
		}
		for _, u := range unpacked {
			for _, j := range open {
				formals[j] = append(formals[j], u)
			}
		}
	}
	return formals
}

// typeOf is an expression's type as a suggestion states it: a literal
// value's class, Any when the check recorded none.
func typeOf(in *checker.Inspection, e ast.Expr) types.Type {
	t, ok := in.Types[e]
	if !ok {
		return suggestionAny()
	}
	return plain(t)
}

// defaultType is the type of a default value: the recorded one, else a
// constant's class.
func defaultType(in *checker.Inspection, e ast.Expr) types.Type {
	if _, ok := in.Types[e]; ok {
		return typeOf(in, e)
	}
	k, ok := e.(*ast.Constant)
	if !ok {
		return &types.Any{}
	}
	name := ""
	switch k.Value.Kind {
	case ast.NoneValue:
		return &types.NoneType{}
	case ast.TrueValue, ast.FalseValue:
		name = "bool"
	case ast.IntValue:
		name = "int"
	case ast.FloatValue:
		name = "float"
	case ast.ComplexValue:
		name = "complex"
	case ast.StrValue:
		name = "str"
	case ast.BytesValue:
		name = "bytes"
	default:
		return &types.Any{}
	}
	if b := in.Program.Modules["builtins"]; b != nil {
		if s := b.Names[name]; s != nil {
			if c := in.Program.Class("builtins", s); c != nil {
				return &types.Instance{Class: c}
			}
		}
	}
	return &types.Any{}
}

// suggestedParam is one parameter of a suggested signature.
type suggestedParam struct {
	prefix string // "*" or "**" for *args and **kwargs
	typ    types.Type
}

// signature is a suggested signature.
type signature struct {
	params []suggestedParam
	ret    types.Type
}

func allNone(ts []types.Type) bool {
	for _, t := range ts {
		if _, ok := t.(*types.NoneType); !ok {
			return false
		}
	}
	return true
}

// defaultOf returns a parameter's default value, or nil.
func defaultOf(a *ast.Arguments, p *ast.Arg) ast.Expr {
	pos := append(append([]*ast.Arg{}, a.Posonlyargs...), a.Args...)
	if i := slices.Index(pos, p); i >= 0 {
		if j := i - (len(pos) - len(a.Defaults)); j >= 0 {
			return a.Defaults[j]
		}
		return nil
	}
	if i := slices.Index(a.Kwonlyargs, p); i >= 0 && i < len(a.KwDefaults) {
		return a.KwDefaults[i]
	}
	return nil
}

// returns calls f on the return statements of a function body, not those
// of the functions and classes nested in it.
func returns(body []ast.Stmt, f func(*ast.Return)) {
	for _, s := range body {
		switch x := s.(type) {
		case *ast.Return:
			f(x)
		case *ast.FunctionDef, *ast.ClassDef:
		default:
			for _, b := range ast.Blocks(s) {
				returns(b, f)
			}
		}
	}
}

// objectOf is builtins.object's instance in a program.
func objectOf(in *checker.Inspection) *types.Instance {
	if b := in.Program.Modules["builtins"]; b != nil {
		if s := b.Names["object"]; s != nil {
			if c := in.Program.Class("builtins", s); c != nil {
				return &types.Instance{Class: c}
			}
		}
	}
	return &types.Instance{Class: &types.Class{Name: "object", FullName: "builtins.object", Module: "builtins"}}
}

// acceptable applies --no-any and --flex-any to a signature (its
// parameters' types, self left out, and its return type): its score (how
// much its types say, Any counting for nothing) must reach the fraction
// asked for. A return type ignored counts as fully known.
func (o Options) acceptable(params []types.Type, ret types.Type, ignoreReturn bool) bool {
	flex := o.FlexAny
	if o.NoAny {
		flex = 1
	}
	if flex < 0 {
		return true
	}
	// As mypy's any_score_callable: the parameters' scores, and the return
	// type's twice (it spreads), unless it is None (then only when there
	// are no parameters).
	var scores []float64
	for _, p := range params {
		scores = append(scores, anyScore(p, true))
	}
	if _, isNone := ret.(*types.NoneType); !isNone || len(scores) == 0 {
		r := 1.0
		if !ignoreReturn {
			r = anyScore(ret, false)
		}
		scores = append(scores, r, r)
	}
	sum := 0.0
	for _, sc := range scores {
		sum += sc
	}
	return sum/float64(len(scores)) >= flex
}

// anyScore is a made-up measure of how much a suggested type says, as
// mypy's any_score_type: 1 for a type without Any, 0 for Any, 0.5 for a
// union with an Any item, a type with Any inside or a None parameter, 0.25
// for a union with Any deeper in an item.
func anyScore(t types.Type, param bool) float64 {
	switch x := t.(type) {
	case *types.Any:
		return 0
	case *types.NoneType:
		if param {
			return 0.5
		}
	case *types.Union:
		for _, it := range x.Items {
			if _, ok := it.(*types.Any); ok {
				return 0.5
			}
		}
		for _, it := range x.Items {
			if hasAny(it) {
				return 0.25
			}
		}
	}
	if hasAny(t) {
		return 0.5
	}
	return 1
}

// hasAny reports an Any anywhere in a type.
func hasAny(t types.Type) bool {
	found := false
	types.Walk(t, func(u types.Type) bool {
		if _, ok := u.(*types.Any); ok {
			found = true
		}
		return !found
	})
	return found
}

// formatType writes a type as dmypy's suggestions do: builtins by name,
// other classes by module and name (a class the current module imports
// under its own name by the current module), Optional as `X | None`.
func formatType(t types.Type, cur *checker.Inspection, o Options) string {
	if _, isAny := t.(*types.Any); isAny && o.UseFixme != "" {
		return o.UseFixme
	}
	// --use-fixme names only a whole type that is Any, as in mypy.
	o.UseFixme = ""
	switch x := t.(type) {
	case *types.Any:
		if x.MissingImport != "" {
			return x.MissingImport
		}
		return "Any"
	case *types.Never:
		return "Any"
	case *types.NoneType:
		return "None"
	case *types.Instance:
		mod, obj := x.Class.Module, strings.TrimPrefix(x.Class.FullName, x.Class.Module+".")
		if cur != nil && mod != cur.Name {
			head, _, _ := strings.Cut(obj, ".")
			if names := cur.Program.Modules[cur.Name]; names != nil && names.Names[head] != nil && names.Names[mod] == nil {
				mod = cur.Name
			}
		}
		if mod == "builtins" && obj == "tuple" {
			arg := "Any"
			if len(x.Args) > 0 {
				arg = formatType(x.Args[0], cur, o)
			}
			mod, obj = "typing", "Tuple["+arg+", ...]"
		} else if len(x.Args) > 0 {
			obj += "[" + formatList(x.Args, cur, o) + "]"
		}
		if mod == "builtins" {
			return obj
		}
		if strings.Contains(obj, ".") {
			return mod + ":" + obj
		}
		return mod + "." + obj
	case *types.Tuple:
		if x.Fallback != nil && x.Fallback.Class.FullName != "builtins.tuple" {
			return formatType(&types.Instance{Class: x.Fallback.Class}, cur, o)
		}
		return "Tuple[" + formatList(x.Items, cur, o) + "]"
	case *types.Union:
		if len(x.Items) == 2 {
			for i, it := range x.Items {
				if _, isNone := it.(*types.NoneType); isNone {
					return formatType(x.Items[1-i], cur, o) + " | None"
				}
			}
		}
		parts := make([]string, len(x.Items))
		for i, it := range x.Items {
			parts[i] = formatType(it, cur, o)
		}
		return strings.Join(parts, " | ")
	case *types.Callable:
		args := "..."
		if !trickyCallable(x) {
			ps := make([]types.Type, len(x.Params))
			for i, p := range x.Params {
				ps[i] = p.Type
			}
			args = "[" + formatList(ps, cur, o) + "]"
		}
		return fmt.Sprintf("Callable[%s, %s]", args, formatType(x.Ret, cur, o))
	}
	return types.Format(t, types.FormatOptions{OrSyntax: true})
}

func formatList(ts []types.Type, cur *checker.Inspection, o Options) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = formatType(t, cur, o)
	}
	return strings.Join(parts, ", ")
}

// trickyCallable reports a callable that Callable[[...], R] cannot write:
// one with *args, **kwargs or keyword-only parameters.
func trickyCallable(c *types.Callable) bool {
	if c.IsEllipsis {
		return true
	}
	for _, p := range c.Params {
		if p.Kind != types.ArgPos && p.Kind != types.ArgOpt {
			return true
		}
	}
	return false
}
