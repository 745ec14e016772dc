package parser

import (
	"sort"

	"typd/parser/internal/cst"
)

// joinBracketedLines returns a copy of src in which every line break inside
// brackets is a space, or nil when there is none to join. Python ignores
// those line breaks, but the grammar's indentation scanner does not: a
// continuation line indented less than its statement (`(bar.\n    baz)`)
// makes it emit a dedent and fail. Line breaks that end a comment, follow a
// backslash or sit inside a string literal are kept. The byte offsets of
// every token stay the same, so relocate can restore the original rows.
func joinBracketedLines(src []byte) []byte {
	var out []byte
	depth := 0
	for i := 0; i < len(src); i++ {
		switch ch := src[i]; ch {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			// The newline ending the comment stays.
		case '\'', '"':
			end, _, _ := skipString(src, i)
			i = end - 1
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		case '\n':
			if depth > 0 && (i == 0 || src[i-1] != '\\') {
				if out == nil {
					out = append([]byte(nil), src...)
				}
				out[i] = ' '
			}
		}
	}
	return out
}

// relocate recomputes the rows and columns of nodes parsed from a joined
// copy of src from their byte offsets, against src's own lines.
func relocate(nodes []cst.Node, src []byte) {
	starts := []uint32{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, uint32(i+1))
		}
	}
	pos := func(off uint32) (uint32, uint32) {
		row := sort.Search(len(starts), func(k int) bool { return starts[k] > off }) - 1
		return uint32(row), off - starts[row]
	}
	for i := range nodes {
		n := &nodes[i]
		n.StartRow, n.StartCol = pos(n.StartByte)
		n.EndRow, n.EndCol = pos(n.EndByte)
	}
}
