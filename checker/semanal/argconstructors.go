package semanal

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// argConstructorKinds are mypy_extensions' argument constructors, which
// write a parameter of a Callable type (Callable[[Arg(int, 'x')], R]),
// and the kind of parameter each makes.
var argConstructorKinds = map[string]types.ParamKind{
	"mypy_extensions.Arg": types.ArgPos, "mypy_extensions.DefaultArg": types.ArgOpt,
	"mypy_extensions.NamedArg": types.ArgNamed, "mypy_extensions.DefaultNamedArg": types.ArgNamedOpt,
	"mypy_extensions.VarArg": types.ArgStar, "mypy_extensions.KwArg": types.ArgStar2,
}

// argConstructor is one parameter written with an argument constructor:
// the constructor's name (Arg), the type's expression (nil for Any) and
// the parameter's name ("" for none).
type argConstructor struct {
	ctor     string
	kind     types.ParamKind
	typeExpr ast.Expr
	name     string
}

// readArgConstructor reads a call of an argument constructor in a
// Callable's parameter list, as mypy's parser does: the type first, then
// the name, each by position or keyword. ok is false for a call of
// anything else; problems are mypy's errors on the call.
func (ta *typeAnalyzer) readArgConstructor(call *ast.Call) (a argConstructor, ok bool, problems []string) {
	_, full, resolved := ta.fullName(call.Func)
	kind, known := argConstructorKinds[full]
	if !resolved || !known {
		return a, false, nil
	}
	a = argConstructor{ctor: full[len("mypy_extensions."):], kind: kind}
	given := map[string]bool{}
	set := func(param string, v ast.Expr) {
		if given[param] {
			problems = append(problems, fmt.Sprintf(diag.ConstructorMultipleValues, a.ctor, param))
			return
		}
		given[param] = true
		switch param {
		case "type":
			a.typeExpr = v
		case "name":
			if k, isStr := v.(*ast.Constant); isStr && k.Value.Kind == ast.StrValue {
				a.name = k.Value.Str
			}
		}
	}
	for i, v := range call.Args {
		switch i {
		case 0:
			set("type", v)
		case 1:
			set("name", v)
		default:
			problems = append(problems, diag.ConstructorTooManyArgs)
		}
	}
	for _, k := range call.Keywords {
		if k.Arg != "type" && k.Arg != "name" {
			problems = append(problems, fmt.Sprintf(diag.ConstructorUnexpectedArg, k.Arg))
			continue
		}
		set(k.Arg, k.Value)
	}
	if (kind == types.ArgStar || kind == types.ArgStar2) && a.name != "" {
		problems = append(problems, fmt.Sprintf(diag.ArgumentsWithNames, a.ctor))
	}
	return a, true, problems
}

// argConstructorOrder is mypy's error on the order of a Callable's
// parameters, or "" when they are in order: required positional ones,
// then optional ones, then *args, keyword-only ones and **kwargs, each
// name once.
func argConstructorOrder(kinds []types.ParamKind, names []string) string {
	seen := map[string]bool{}
	for i, k := range kinds {
		if n := names[i]; n != "" {
			if seen[n] {
				return fmt.Sprintf(diag.DuplicateParameterInCallable, n)
			}
			seen[n] = true
		}
		later := func(ks ...types.ParamKind) bool {
			for _, before := range kinds[:i] {
				for _, k := range ks {
					if before == k {
						return true
					}
				}
			}
			return false
		}
		switch k {
		case types.ArgPos:
			if later(types.ArgOpt, types.ArgStar, types.ArgNamed, types.ArgNamedOpt, types.ArgStar2) {
				return diag.CallableRequiredAfterOptional
			}
		case types.ArgOpt:
			if later(types.ArgStar, types.ArgNamed, types.ArgNamedOpt, types.ArgStar2) {
				return diag.CallableDefaultAfterNamed
			}
		case types.ArgStar:
			if later(types.ArgStar, types.ArgNamed, types.ArgNamedOpt, types.ArgStar2) {
				return diag.CallableVarArgsAfterNamed
			}
		case types.ArgNamed, types.ArgNamedOpt:
			if later(types.ArgStar2) {
				return diag.CallableKwargsNotLast
			}
		case types.ArgStar2:
			if later(types.ArgStar2) {
				return diag.CallableTwoKwargs
			}
		}
	}
	return ""
}

// callableParams converts a Callable's parameter list, argument
// constructors included; ok is false when their order is not valid (the
// Callable is then Any, as in mypy after its error).
func (ta *typeAnalyzer) callableParams(elts []ast.Expr) ([]types.Param, bool) {
	params := make([]types.Param, 0, len(elts))
	kinds := make([]types.ParamKind, 0, len(elts))
	names := make([]string, 0, len(elts))
	for _, e := range elts {
		if call, isCall := e.(*ast.Call); isCall {
			if a, ok, problems := ta.readArgConstructor(call); ok {
				if len(problems) > 0 {
					return nil, false
				}
				var t types.Type = &types.Any{Reason: types.AnyExplicit}
				if a.typeExpr != nil {
					t = ta.analyze(a.typeExpr)
				}
				params = append(params, types.Param{Name: a.name, Type: t, Kind: a.kind})
				kinds, names = append(kinds, a.kind), append(names, a.name)
				continue
			}
		}
		if sub, ok := e.(*ast.Subscript); ok && specialFormName(sub.Value) == "Unpack" {
			// Unpack[tuple[X, Y]]: the tuple's items, each positional;
			// a variadic one is not modelled.
			tuple, ok := ta.analyze(sub.Slice).(*types.Tuple)
			if !ok {
				return nil, false
			}
			for _, it := range tuple.Items {
				params = append(params, types.Param{Type: it, Kind: types.ArgPos})
				kinds, names = append(kinds, types.ArgPos), append(names, "")
			}
			continue
		}
		params = append(params, types.Param{Type: ta.analyze(e), Kind: types.ArgPos})
		kinds, names = append(kinds, types.ArgPos), append(names, "")
	}
	return params, argConstructorOrder(kinds, names) == ""
}
