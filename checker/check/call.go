package check

import (
	"fmt"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkCall reports what mypy reports of a call's arguments against the
// callee's signature: too many or too few of them ([call-arg]) and each
// argument whose type the parameter does not accept ([arg-type]). It
// judges only signatures it models exactly: one plain, non-generic,
// undecorated function or method, or the constructor of a plain class;
// and calls without *args or **kwargs. An argument whose type depends on
// its context is not judged (see certain).
func (c *Checker) checkCall(call *ast.Call, callee types.Type, args, kwargs []types.Type) {
	f, ok := callee.(*types.Callable)
	if !ok || !c.checked() || !c.exactSignature(call, f) || hasStar(call.Args) {
		return
	}
	for _, k := range call.Keywords {
		if k.Arg == "" {
			return // **kwargs
		}
	}
	name := calleeName(f)
	filled := make([]bool, len(f.Params))
	type match struct {
		arg   ast.Expr
		t     types.Type
		param types.Param
		label string // "1", or `"x"` for a keyword
	}
	var matches []match
	next := 0
	for i, a := range call.Args {
		for next < len(f.Params) && f.Params[next].Kind != types.ArgPos && f.Params[next].Kind != types.ArgOpt {
			if f.Params[next].Kind == types.ArgStar {
				break
			}
			next++
		}
		if next >= len(f.Params) || f.Params[next].Kind == types.ArgStar2 || f.Params[next].Kind == types.ArgNamed ||
			f.Params[next].Kind == types.ArgNamedOpt {
			c.report(&call.Span, diag.Error, diag.CodeCallArg, tooMany(f, name))
			break
		}
		p := f.Params[next]
		matches = append(matches, match{a, args[i], p, fmt.Sprint(i + 1)})
		if p.Kind != types.ArgStar {
			filled[next] = true
			next++
		}
	}
	for i, k := range call.Keywords {
		at := -1
		for j, p := range f.Params {
			if p.Name == k.Arg && p.Kind != types.ArgStar && p.Kind != types.ArgStar2 {
				at = j
			}
		}
		if at < 0 {
			for j, p := range f.Params {
				if p.Kind == types.ArgStar2 {
					at = j
				}
			}
		}
		if at < 0 || filled[at] && f.Params[at].Kind != types.ArgStar2 {
			return // an unexpected keyword or a repeated one: not reported yet
		}
		filled[at] = true
		matches = append(matches, match{k.Value, kwargs[i], f.Params[at], `"` + k.Arg + `"`})
	}
	c.missingArguments(call, f, name, filled)
	for _, m := range matches {
		if c.fits(m.arg, m.t, m.param.Type) {
			continue
		}
		got, want := types.FormatPair(widen(m.t), m.param.Type, c.formatOptions())
		to := ""
		if name != "" {
			to = " to " + name
		}
		c.incompatible(m.arg.Pos(), diag.CodeArgType,
			fmt.Sprintf("Argument %s%s has incompatible type \"%s\"; expected \"%s\"", m.label, to, got, want), m.t, m.param.Type)
	}
}

// exactSignature reports whether f is exactly what calling call's callee
// does: not generic, not decorated, and for a class object the __init__ of
// a plain class (no type parameters, metaclass or __new__ of its own).
func (c *Checker) exactSignature(call *ast.Call, f *types.Callable) bool {
	if len(f.TypeVars) > 0 || f.Decorated {
		return false
	}
	if cls := f.TypeObject; cls != nil {
		if len(cls.TypeParams) > 0 || cls.Metaclass != nil || cls.AnyBase || cls.IsTypedDict {
			return false
		}
		init, owner := cls.Lookup("__init__")
		if init == nil || !init.IsMethod || owner.FullName == "builtins.object" {
			return false
		}
		// A dataclass or attrs class up to __init__'s owner may have
		// generated another one.
		for _, k := range cls.MRO {
			if k.Decorated {
				return false
			}
			if k == owner {
				break
			}
		}
		if _, newOwner := cls.Lookup("__new__"); newOwner != nil && newOwner.FullName != "builtins.object" {
			return false
		}
		return true
	}
	// A method is bound when read from an instance; read from its class it
	// keeps self, and static and class methods are not told apart yet.
	if a, ok := call.Func.(*ast.Attribute); ok && f.Owner != "" {
		_, onInstance := c.exprQuiet(a.Value).(*types.Instance)
		return onInstance && c.certain(a.Value)
	}
	return true
}

// missingArguments reports the required parameters no argument filled, as
// mypy does: the positional ones in one message, each keyword-only one in
// its own.
func (c *Checker) missingArguments(call *ast.Call, f *types.Callable, name string, filled []bool) {
	var positional []string
	unnamed := false
	for i, p := range f.Params {
		if !filled[i] && p.Kind == types.ArgPos {
			positional = append(positional, p.Name)
			unnamed = unnamed || p.Name == ""
		}
	}
	switch {
	case len(positional) == 0:
	case name == "" || unnamed:
		c.report(&call.Span, diag.Error, diag.CodeCallArg, "Too few arguments"+forFunction(name))
	case len(positional) == 1:
		c.report(&call.Span, diag.Error, diag.CodeCallArg,
			fmt.Sprintf(`Missing positional argument "%s" in call to %s`, positional[0], name))
	default:
		c.report(&call.Span, diag.Error, diag.CodeCallArg,
			fmt.Sprintf(`Missing positional arguments "%s" in call to %s`, strings.Join(positional, `", "`), name))
	}
	for i, p := range f.Params {
		if !filled[i] && p.Kind == types.ArgNamed {
			c.report(&call.Span, diag.Error, diag.CodeCallArg, fmt.Sprintf("Missing named argument %q", p.Name)+forFunction(name))
		}
	}
}

// tooMany is mypy's message for extra positional arguments.
func tooMany(f *types.Callable, name string) string {
	for _, p := range f.Params {
		if p.Kind == types.ArgNamed || p.Kind == types.ArgNamedOpt {
			return "Too many positional arguments" + forFunction(name)
		}
	}
	return "Too many arguments" + forFunction(name)
}

func forFunction(name string) string {
	if name == "" {
		return ""
	}
	return " for " + name
}

// calleeName is how mypy names a callee in messages: `"f"`, `"f" of "A"`,
// `"A"` for a class, or "" for a callable without a name.
func calleeName(f *types.Callable) string {
	switch {
	case f.TypeObject != nil:
		return `"` + f.TypeObject.Name + `"`
	case f.Name == "" || strings.HasPrefix(f.Name, "<"):
		return ""
	case f.Owner != "":
		return `"` + f.Name + `" of "` + f.Owner + `"`
	}
	return `"` + f.Name + `"`
}

// incompatible reports a value that does not fit where it goes, with
// mypy's notes on invariant list and dict arguments.
func (c *Checker) incompatible(sp *ast.Span, code, msg string, got, want types.Type) {
	c.report(sp, diag.Error, code, msg)
	for _, n := range invarianceNotes(widen(got), want) {
		c.report(sp, diag.Note, code, n)
	}
}

// invarianceNotes explain a list or dict that would fit if its type were
// covariant, as mypy does.
func invarianceNotes(got, want types.Type) []string {
	g, ok1 := got.(*types.Instance)
	w, ok2 := want.(*types.Instance)
	if !ok1 || !ok2 || g.Class != w.Class || len(g.Args) != len(w.Args) {
		return nil
	}
	const see = " is invariant -- see https://mypy.readthedocs.io/en/stable/common_issues.html#variance"
	switch g.Class.FullName {
	case "builtins.list":
		if types.IsSubtype(g.Args[0], w.Args[0]) {
			return []string{`"list"` + see, `Consider using "Sequence" instead, which is covariant`}
		}
	case "builtins.dict":
		if types.IsSubtype(g.Args[0], w.Args[0]) && types.IsSubtype(w.Args[0], g.Args[0]) && types.IsSubtype(g.Args[1], w.Args[1]) {
			return []string{`"dict"` + see, `Consider using "Mapping" instead, which is covariant in the value type`}
		}
	}
	return nil
}
