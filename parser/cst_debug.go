package parser

import (
	"fmt"
	"strings"

	"typd/parser/internal/cst"
)

// DebugCST returns tree-sitter's concrete syntax tree of src, one node a line
// with its field name and 0-based [row:col-row:col] range. It is for `typd
// debug cst`, to see what the converter starts from.
func DebugCST(src []byte) (string, error) {
	text, serr := decodeSource(src)
	if serr != nil {
		return "", fmt.Errorf("line %d: %s", serr.Line, serr.Msg)
	}
	tree, err := cst.Parse(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(i uint32, depth int)
	walk = func(i uint32, depth int) {
		n := tree.Nodes[i]
		name := symName(n.Sym)
		if n.Flags&cst.Named == 0 {
			name = fmt.Sprintf("%q", name)
		}
		if n.Flags&cst.Missing != 0 {
			name = "MISSING " + name
		}
		field := ""
		if n.Field != 0 {
			field = fieldNames[n.Field] + ": "
		}
		fmt.Fprintf(&b, "%s%s%s [%d:%d-%d:%d]\n", strings.Repeat("  ", depth), field, name,
			n.StartRow, n.StartCol, n.EndRow, n.EndCol)
		for j := i + 1; j < n.End; j = tree.Nodes[j].End {
			walk(j, depth+1)
		}
	}
	walk(0, 0)
	return b.String(), nil
}
