package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkTruthyFunction reports a function or class object whose truth a
// condition, a `not` or the left side of `and`/`or` asks: it is always
// true, which is likely a call forgotten ([truthy-function], on by
// default). As mypy's, the check runs only under strict optional; the
// message names the function when the expression is a name or an
// attribute, and shows its type otherwise. A decorated def's signature is
// left alone: typd does not apply every decorator, and the decorated
// value need not be a function.
func (c *Checker) checkTruthyFunction(e ast.Expr, t types.Type) {
	if !c.checked() || !c.strictOptional {
		return
	}
	switch x := t.(type) {
	case *types.Callable:
		if x.Decorated {
			return
		}
	case *types.Overloaded:
	default:
		return
	}
	var shown string
	switch x := e.(type) {
	case *ast.Name:
		shown = x.ID
	case *ast.Attribute:
		shown = x.Attr
	default:
		shown = types.Format(t, c.formatOptions())
	}
	c.report(e.Pos(), diag.Error, diag.CodeTruthyFunction, fmt.Sprintf(diag.FunctionAlwaysTrue, shown))
}
