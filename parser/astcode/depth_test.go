package astcode

import (
	"strings"
	"testing"

	"typd/parser/ast"
)

// TestDecodeRefusesDeepNesting: nesting past any parse's is corrupt input,
// refused before the decoder's stack grows with it.
func TestDecodeRefusesDeepNesting(t *testing.T) {
	w := &writer{strings: map[string]int{}}
	w.buf = append(w.buf, magic+schema...)
	w.length(1, false)
	w.byte(tagExprStmt)
	w.span(&ast.Span{})
	for i := 0; i < maxDepth+10; i++ {
		w.byte(tagUnaryOp)
		w.span(&ast.Span{})
		w.byte(byte(ast.USub))
	}
	w.node(&ast.Constant{})
	w.length(0, true)
	if _, err := Decode(w.buf); err == nil {
		t.Fatal("a tree nested too deep decoded")
	} else if !strings.Contains(err.Error(), "nested deeper") {
		t.Fatalf("refused for another reason: %v", err)
	}
}
