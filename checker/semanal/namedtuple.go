package semanal

import (
	"strings"

	"typd/parser/ast"
)

// functionalNamedTuple is the class statement a functional NamedTuple
// stands for (`N = NamedTuple("N", [("x", int)])` is `class N(NamedTuple):
// x: int`), so that it is a class as mypy makes it; nil when the
// assignment is no such call (another name, fields not pairs of a string
// literal and a type, other arguments), which stays a value of unknown
// type.
func functionalNamedTuple(name string, x *ast.Assign) *ast.ClassDef {
	call := functionalCall(x, "NamedTuple", name)
	if call == nil {
		return nil
	}
	var fields []ast.Expr
	switch f := call.Args[1].(type) {
	case *ast.List:
		fields = f.Elts
	case *ast.Tuple:
		fields = f.Elts
	default:
		return nil
	}
	def := &ast.ClassDef{Span: x.Span, Name: name, Bases: []ast.Expr{call.Func}}
	for _, field := range fields {
		pair, ok := field.(*ast.Tuple)
		if !ok || len(pair.Elts) != 2 {
			return nil
		}
		k, ok := pair.Elts[0].(*ast.Constant)
		if !ok || k.Value.Kind != ast.StrValue {
			return nil
		}
		def.Body = append(def.Body, &ast.AnnAssign{Span: k.Span, Target: &ast.Name{Span: k.Span, ID: k.Value.Str},
			Annotation: pair.Elts[1], Simple: 1})
	}
	return def
}

// functionalNewType is the class `N = NewType("N", Base)` makes, as mypy
// makes it: a subclass of Base whose constructor takes one Base (`def
// __init__(self, item: Base) -> None`); nil when the assignment is no such
// call, or its base is no class named by a (dotted, perhaps subscripted)
// name.
func functionalNewType(name string, x *ast.Assign) *ast.ClassDef {
	call := functionalCall(x, "NewType", name)
	if call == nil {
		return nil
	}
	base := call.Args[1]
	named := base
	if sub, ok := base.(*ast.Subscript); ok {
		named = sub.Value
	}
	if ast.DottedName(named) == "" {
		return nil
	}
	self := &ast.Arg{Span: x.Span, Arg: "self"}
	item := &ast.Arg{Span: x.Span, Arg: "item", Annotation: base}
	none := &ast.Constant{Span: x.Span, Value: ast.Value{Kind: ast.NoneValue}}
	body := []ast.Stmt{&ast.ExprStmt{Span: x.Span, Value: &ast.Constant{Span: x.Span, Value: ast.Value{Kind: ast.EllipsisValue}}}}
	init := &ast.FunctionDef{Span: x.Span, Name: "__init__", Args: &ast.Arguments{Args: []*ast.Arg{self, item}},
		Body: body, Returns: none}
	return &ast.ClassDef{Span: x.Span, Name: name, Bases: []ast.Expr{base}, Body: []ast.Stmt{init}}
}

// functionalCall is x's value when it is a call `callee("name", arg)` of
// the function callee (by name or as a module's attribute) naming the
// variable x assigns, else nil.
func functionalCall(x *ast.Assign, callee, name string) *ast.Call {
	call, ok := x.Value.(*ast.Call)
	if !ok || len(call.Args) != 2 || len(call.Keywords) > 0 {
		return nil
	}
	dotted := ast.DottedName(call.Func)
	if dotted != callee && !strings.HasSuffix(dotted, "."+callee) {
		return nil
	}
	if k, ok := call.Args[0].(*ast.Constant); !ok || k.Value.Kind != ast.StrValue || k.Value.Str != name {
		return nil
	}
	return call
}
