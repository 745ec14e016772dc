package check

import (
	"typd/checker/types"
	"typd/parser/ast"
)

// reveal answers reveal_type(x): a note with the type of x, as mypy
// writes it ("Any" in a function the check does not walk).
func (c *Checker) reveal(call *ast.Call) {
	if len(call.Args) != 1 {
		return
	}
	t := c.exprValueUnused(call.Args[0])
	if !c.checked() {
		c.note(&call.Span, `Revealed type is "Any"`)
		c.note(&call.Span, "'reveal_type' always outputs 'Any' in unchecked functions")
		return
	}
	c.note(&call.Span, "Revealed type is \""+types.Verbose(t)+"\"")
}
