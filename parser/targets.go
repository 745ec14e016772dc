package parser

import (
	"typd/parser/ast"
)

// checkTarget reports an expression that cannot be assigned to (ctx Store)
// or deleted (ctx Del), with CPython's message.
func (c *converter) checkTarget(e ast.Expr, ctx ast.Context) {
	switch t := e.(type) {
	case nil, *ast.Name, *ast.Attribute, *ast.Subscript:
		return
	case *ast.Starred:
		if ctx == ast.Del {
			break
		}
		c.checkTarget(t.Value, ctx)
		return
	case *ast.Tuple:
		for _, x := range t.Elts {
			c.checkTarget(x, ctx)
		}
		return
	case *ast.List:
		for _, x := range t.Elts {
			c.checkTarget(x, ctx)
		}
		return
	}
	verb := "assign to"
	if ctx == ast.Del {
		verb = "delete"
	}
	c.errorSpan(e.Pos(), "cannot "+verb+" "+describeTarget(e))
}

// describeTarget names an expression as CPython's error messages do.
func describeTarget(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Attribute:
		return "attribute"
	case *ast.Subscript:
		return "subscript"
	case *ast.Starred:
		return "starred"
	case *ast.Name:
		return "name"
	case *ast.List:
		return "list"
	case *ast.Tuple:
		return "tuple"
	case *ast.Lambda:
		return "lambda"
	case *ast.Call:
		return "function call"
	case *ast.BoolOp, *ast.BinOp, *ast.UnaryOp:
		return "expression"
	case *ast.GeneratorExp:
		return "generator expression"
	case *ast.Yield, *ast.YieldFrom:
		return "yield expression"
	case *ast.Await:
		return "await expression"
	case *ast.ListComp:
		return "list comprehension"
	case *ast.SetComp:
		return "set comprehension"
	case *ast.DictComp:
		return "dict comprehension"
	case *ast.Dict:
		return "dict literal"
	case *ast.Set:
		return "set display"
	case *ast.JoinedStr, *ast.FormattedValue:
		return "f-string expression"
	case *ast.Compare:
		return "comparison"
	case *ast.IfExp:
		return "conditional expression"
	case *ast.NamedExpr:
		return "named expression"
	case *ast.Constant:
		switch t.Value.Kind {
		case ast.NoneValue:
			return "None"
		case ast.TrueValue:
			return "True"
		case ast.FalseValue:
			return "False"
		case ast.EllipsisValue:
			return "ellipsis"
		}
		return "literal"
	}
	return "expression"
}
