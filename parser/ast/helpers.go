package ast

import "strings"

// DottedName returns "a.b.c" for a Name or a chain of fewer than
// MaxMemberDepth Attributes on a Name, else "".
func DottedName(e Expr) string {
	if MemberDepth(e) >= MaxMemberDepth {
		return ""
	}
	return dottedName(e)
}

func dottedName(e Expr) string {
	switch x := e.(type) {
	case *Name:
		return x.ID
	case *Attribute:
		if base := dottedName(x.Value); base != "" {
			return base + "." + x.Attr
		}
	}
	return ""
}

// MaxMemberDepth bounds the member chains (a.b.c, a[0].b) that are named
// as a whole: by DottedName, and by the checker's narrowing keys. A longer
// chain (generated or hostile code) is no module path and narrows nothing,
// which keeps the work done for each link of a chain constant.
const MaxMemberDepth = 64

// MemberDepth counts the attribute and subscript links from e down to the
// expression they start from, stopping at MaxMemberDepth.
func MemberDepth(e Expr) int {
	n := 0
	for ; n < MaxMemberDepth; n++ {
		switch x := e.(type) {
		case *Attribute:
			e = x.Value
		case *Subscript:
			e = x.Value
		default:
			return n
		}
	}
	return n
}

// All returns every parameter in order: positional-only, positional,
// *args, keyword-only, **kwargs.
func (a *Arguments) All() []*Arg {
	out := append(append([]*Arg{}, a.Posonlyargs...), a.Args...)
	if a.Vararg != nil {
		out = append(out, a.Vararg)
	}
	out = append(out, a.Kwonlyargs...)
	if a.Kwarg != nil {
		out = append(out, a.Kwarg)
	}
	return out
}

// IsAnnotated reports whether a def has any annotation (or a signature
// type comment), which makes mypy check its body.
func (f *FunctionDef) IsAnnotated() bool {
	if f.Returns != nil || f.TypeComment != "" {
		return true
	}
	for _, a := range f.Args.All() {
		if a.Annotation != nil {
			return true
		}
	}
	return false
}

// HasDecorator reports whether one of a def's decorators (or the function
// a decorator call calls) is named name, alone or as the last part of a
// dotted name (`overload`, `typing.overload`).
func (f *FunctionDef) HasDecorator(name string) bool {
	for _, d := range f.DecoratorList {
		if call, ok := d.(*Call); ok {
			d = call.Func
		}
		if n := DottedName(d); n == name || strings.HasSuffix(n, "."+name) {
			return true
		}
	}
	return false
}

// Decorators returns the decorators of a def or class statement, nil for
// another statement.
func Decorators(s Stmt) []Expr {
	switch x := s.(type) {
	case *FunctionDef:
		return x.DecoratorList
	case *ClassDef:
		return x.DecoratorList
	}
	return nil
}

// IsTrueLiteral reports `True` or a nonzero int literal (mypy's
// is_true_literal).
func IsTrueLiteral(e Expr) bool {
	k, ok := e.(*Constant)
	return ok && (k.Value.Kind == TrueValue || k.Value.Kind == IntValue && (k.Value.Int != 0 || k.Value.Big != nil))
}

// IsFalseLiteral reports `False` or the int literal 0 (mypy's
// is_false_literal).
func IsFalseLiteral(e Expr) bool {
	k, ok := e.(*Constant)
	return ok && (k.Value.Kind == FalseValue || k.Value.Kind == IntValue && k.Value.Int == 0 && k.Value.Big == nil)
}

// TargetLeaves calls f on each part of an assignment target that stores a
// value: the target itself, or, for a tuple, list or starred target, the
// leaves of its elements in order (`a, [b.c, *d[0]]` gives a, b.c, d[0]).
func TargetLeaves(target Expr, f func(Expr)) {
	switch t := target.(type) {
	case *Tuple:
		for _, x := range t.Elts {
			TargetLeaves(x, f)
		}
	case *List:
		for _, x := range t.Elts {
			TargetLeaves(x, f)
		}
	case *Starred:
		TargetLeaves(t.Value, f)
	default:
		f(target)
	}
}

// IsGenerator reports whether a function body makes its def a generator:
// it contains yield or yield from outside nested functions, classes and
// lambdas.
func IsGenerator(body []Stmt) bool {
	found := false
	for _, s := range body {
		Inspect(s, func(n Node) bool {
			switch n.(type) {
			case *FunctionDef, *ClassDef, *Lambda:
				return false
			case *Yield, *YieldFrom:
				found = true
			}
			return !found
		})
	}
	return found
}

// Blocks returns the statement blocks a compound statement holds, in
// source order: a def's or class's body, an if's body and else, each
// handler of a try, each case of a match. It returns nil for a simple
// statement.
func Blocks(s Stmt) [][]Stmt {
	switch x := s.(type) {
	case *FunctionDef:
		return [][]Stmt{x.Body}
	case *ClassDef:
		return [][]Stmt{x.Body}
	case *If:
		return [][]Stmt{x.Body, x.Orelse}
	case *For:
		return [][]Stmt{x.Body, x.Orelse}
	case *While:
		return [][]Stmt{x.Body, x.Orelse}
	case *With:
		return [][]Stmt{x.Body}
	case *Try:
		out := [][]Stmt{x.Body}
		for _, h := range x.Handlers {
			out = append(out, h.Body)
		}
		return append(out, x.Orelse, x.Finalbody)
	case *Match:
		out := make([][]Stmt, len(x.Cases))
		for i, c := range x.Cases {
			out[i] = c.Body
		}
		return out
	}
	return nil
}

// EachStatement calls visit on the statements of body and of the blocks
// they hold (see Blocks), in source order, except those inside defs and
// classes.
func EachStatement(body []Stmt, visit func(Stmt)) {
	for _, s := range body {
		visit(s)
		switch s.(type) {
		case *FunctionDef, *ClassDef:
			continue
		}
		for _, b := range Blocks(s) {
			EachStatement(b, visit)
		}
	}
}

// TrivialBody reports a body of only pass, ..., a docstring, or a raise of
// NotImplementedError (mypy's is_trivial_body).
func TrivialBody(body []Stmt) bool {
	if len(body) > 0 {
		if e, ok := body[0].(*ExprStmt); ok {
			if k, ok := e.Value.(*Constant); ok && k.Value.Kind == StrValue {
				body = body[1:]
			}
		}
	}
	switch {
	case len(body) == 0:
		return true
	case len(body) > 1:
		return false
	}
	switch x := body[0].(type) {
	case *Pass:
		return true
	case *ExprStmt:
		k, ok := x.Value.(*Constant)
		return ok && k.Value.Kind == EllipsisValue
	case *Raise:
		e := x.Exc
		if call, ok := e.(*Call); ok {
			e = call.Func
		}
		n, ok := e.(*Name)
		return ok && n.ID == "NotImplementedError"
	}
	return false
}
