package check

import (
	"fmt"
	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// reveal answers reveal_type(x): a note with the type of x, as mypy
// writes it ("Any" in a function the check does not walk), and the type
// of x as the call's.
func (c *Checker) reveal(call *ast.Call) types.Type {
	if len(call.Args) != 1 {
		return anyT()
	}
	t := c.exprValueUnused(call.Args[0])
	// The note is at the argument, as mypy's (an error inside it at the
	// same column comes first).
	at := call.Args[0].Pos()
	if !c.checked() {
		c.note(at, diag.RevealedTypeIsAny)
		c.note(at, "'reveal_type' always outputs 'Any' in unchecked functions")
		return anyT()
	}
	c.note(at, fmt.Sprintf(diag.RevealedTypeIs, types.Verbose(t)))
	if _, never := t.(*types.Never); never {
		return anyT() // (revealing a Never value ends nothing)
	}
	return t
}
