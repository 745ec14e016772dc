package parser

import (
	"bytes"
	"strconv"
)

// The nesting CPython's tokenizer allows: brackets open at once (MAXLEVEL)
// and indentation levels (MAXINDENT, the module's level included).
const (
	maxBracketDepth = 200
	maxIndentLevels = 100
)

// MaxNesting bounds the depth of a syntax tree typd accepts: each
// expression, statement and elif clause nested in another counts one
// level. CPython's parser gives up far sooner on operators that nest to
// the right (`- - - x`, `a ** b ** c`, `x if c else y if ...`) and its
// compiler on the others (`a.b.c...`, `1 + 1 + ...`); typd checks chains
// of a hundred thousand links and refuses deeper trees with CPython's
// message, so that no later walk recurses without bound.
const MaxNesting = 1 << 17

// tooComplex is CPython's message when its parser's stack overflows.
const tooComplex = "Parser stack overflowed - Python source too complex to parse"

// scanLayout finds what CPython's tokenizer rejects in the layout of src
// before any parsing: more than maxBracketDepth brackets open at once ("too
// many nested parentheses"), more than maxIndentLevels indentation levels
// ("too many levels of indentation") and indentation whose order depends
// on the width of a tab ("inconsistent use of tabs and spaces in
// indentation": CPython compares each line's indentation with tabs 8
// columns wide and 1 column wide, and both must agree). It returns the
// first such error, or nil; a string never closed or an unindent that
// matches no outer level ends the scan, for the parser to report.
//
// With parts > 1 it also returns up to parts-1 places where src can be cut
// into pieces that parse on their own to the same statements: the start of
// a top-level statement at or after each part's share of the bytes, which
// continues no statement before it (no else, elif, except or finally, no
// decorator above it).
func scanLayout(src []byte, parts int) (*Error, []cut) {
	e, cuts, _ := scanLayoutIndent(src, parts)
	return e, cuts
}

// scanLayoutIndent is scanLayout that also returns the first error of the
// indentation of blocks: an "unexpected indent" (a line indented deeper
// than the line before it that does not open a block: does not end with a
// colon), or a block's header (a logical line that ends with a colon) that
// the next statement, or the end of the file, follows without indenting
// ("expected an indented block after ..."; tree-sitter reads an empty
// block there). Those are the parser's errors, not the tokenizer's, and
// the caller reports them only when the parser finds no error before.
func scanLayoutIndent(src []byte, parts int) (*Error, []cut, *Error) {
	var cuts []cut
	var unexpected *Error
	// lastSig is the last byte of the logical line so far that is not a
	// blank or in a comment; opens says the last logical line ended with
	// a colon: then header describes it ("" when it is no statement that
	// opens a block).
	lastSig, opens := byte(0), false
	header, headerLine := "", int32(0)
	// stmtLine and stmtStart are where the current logical line begins.
	stmtLine, stmtStart := int32(1), 0
	nextCut := len(src)
	if parts > 1 {
		nextCut = len(src) / parts
	}
	decorated := false // the last top-level line began with '@'
	depth := 0
	// indents and alts are the open indentation levels, measured with
	// tabs 8 and 1 columns wide.
	indents, alts := []int{0}, []int{0}
	line, lineStart := int32(1), 0
	logicalStart := true
	for i := 0; i < len(src); i++ {
		if logicalStart {
			logicalStart = false
			col, alt, j := 0, 0, i
		measure:
			for ; j < len(src); j++ {
				switch src[j] {
				case ' ':
					col++
					alt++
				case '\t':
					col = (col/8 + 1) * 8
					alt++
				case '\f':
					col, alt = 0, 0
				default:
					break measure
				}
			}
			if j < len(src) && src[j] != '#' && src[j] != '\n' && src[j] != '\r' && src[j] != '\\' {
				stmtLine, stmtStart = line, j
				if opens && header != "" && col <= indents[len(indents)-1] && unexpected == nil {
					unexpected = &Error{Line: line, Col: int32(j - lineStart), Msg: expectedBlock(header, headerLine)}
				}
				if j == i {
					if i >= nextCut && !decorated && startsStatement(src[i:]) {
						cuts = append(cuts, cut{offset: i, line: line})
						nextCut = len(src)
						if len(cuts) < parts-1 {
							nextCut = len(src) / parts * (len(cuts) + 1)
						}
					}
					decorated = src[i] == '@'
				}
				top := len(indents) - 1
				switch {
				case col == indents[top]:
					if alt != alts[top] {
						return &Error{Line: line, Msg: "inconsistent use of tabs and spaces in indentation"}, nil, nil
					}
				case col > indents[top]:
					if len(indents) >= maxIndentLevels {
						return &Error{Line: line, Msg: "too many levels of indentation"}, nil, nil
					}
					if alt <= alts[top] {
						return &Error{Line: line, Msg: "inconsistent use of tabs and spaces in indentation"}, nil, nil
					}
					if !opens && unexpected == nil {
						unexpected = &Error{Line: line, Col: int32(j - lineStart), Msg: "unexpected indent"}
					}
					indents, alts = append(indents, col), append(alts, alt)
				default:
					for top > 0 && col < indents[top] {
						top--
					}
					indents, alts = indents[:top+1], alts[:top+1]
					if col != indents[top] {
						return nil, nil, unexpected
					}
					if alt != alts[top] {
						return &Error{Line: line, Msg: "inconsistent use of tabs and spaces in indentation"}, nil, nil
					}
				}
			}
			i = j
			if i == len(src) {
				break
			}
		}
		switch ch := src[i]; ch {
		case '\n':
			line++
			lineStart = i + 1
			logicalStart = depth == 0
			if logicalStart && lastSig != 0 { // (blank and comment lines do not count)
				opens, lastSig = lastSig == ':', 0
				if opens {
					header, headerLine = blockHeader(src[stmtStart:]), stmtLine
				}
			}
		case '\\':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
				line++
				lineStart = i + 1
			}
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '\'', '"':
			lastSig = ch
			end, _, closed := skipString(src, i)
			if !closed {
				return nil, nil, unexpected
			}
			for k := i; k < end; k++ {
				if src[k] == '\n' {
					line++
					lineStart = k + 1
				}
			}
			i = end - 1
		case '(', '[', '{':
			lastSig = ch
			if depth >= maxBracketDepth {
				return &Error{Line: line, Col: int32(i - lineStart), Msg: "too many nested parentheses"}, nil, nil
			}
			depth++
		case ')', ']', '}':
			lastSig = ch
			if depth > 0 {
				depth--
			}
		case ' ', '\t', '\r', '\f':
		default:
			lastSig = ch
		}
	}
	if lastSig != 0 { // (the last line, without its newline)
		opens = depth == 0 && lastSig == ':'
		if opens {
			header, headerLine = blockHeader(src[stmtStart:]), stmtLine
		}
	}
	if opens && header != "" && unexpected == nil {
		// The block is missing at the end of the file: CPython points
		// at the end of the last line.
		text := src
		if len(text) > 0 && text[len(text)-1] == '\n' {
			text = text[:len(text)-1]
		}
		last := bytes.LastIndexByte(text, '\n')
		unexpected = &Error{Line: int32(bytes.Count(text, []byte{'\n'})) + 1, Col: int32(len(text) - last - 1),
			Msg: expectedBlock(header, headerLine)}
	}
	return nil, cuts, unexpected
}

// blockHeader names the statement a logical line that ends with a colon
// begins, as CPython's message about its missing block does ("'if'
// statement", "function definition"), or "" when it begins none.
func blockHeader(line []byte) string {
	word := func(b []byte) (string, []byte) {
		n := 0
		for n < len(b) && (b[n] >= 'a' && b[n] <= 'z' || b[n] == '_' || b[n] >= 'A' && b[n] <= 'Z' || n > 0 && b[n] >= '0' && b[n] <= '9') {
			n++
		}
		return string(b[:n]), bytes.TrimLeft(b[n:], " \t\f")
	}
	w, rest := word(line)
	if w == "async" {
		w, _ = word(rest)
		if w != "def" && w != "for" && w != "with" {
			return ""
		}
	}
	switch w {
	case "def":
		return "function definition"
	case "class":
		return "class definition"
	case "except":
		if len(rest) > 0 && rest[0] == '*' {
			return "'except*' statement"
		}
		return "'except' statement"
	case "if", "elif", "else", "while", "for", "with", "try", "finally", "match", "case":
		return "'" + w + "' statement"
	}
	return ""
}

// expectedBlock is CPython's message for a block header with no block.
func expectedBlock(header string, line int32) string {
	return "expected an indented block after " + header + " on line " + strconv.Itoa(int(line))
}

// cut is a place where a source can be cut: a byte offset at the start of
// a line, and that line's number.
type cut struct {
	offset int
	line   int32
}

// startsStatement reports whether a top-level line can start a piece: it
// begins with a name that is not a clause continuing the statement before.
func startsStatement(line []byte) bool {
	n := 0
	for n < len(line) && (line[n] == '_' || line[n] >= 'a' && line[n] <= 'z' || line[n] >= 'A' && line[n] <= 'Z' ||
		n > 0 && line[n] >= '0' && line[n] <= '9') {
		n++
	}
	switch string(line[:n]) {
	case "", "else", "elif", "except", "finally":
		return false
	}
	return true
}

// nestingError finds the first node of a concrete syntax tree nested
// deeper than MaxNesting (the elif clauses of an if statement nest too, as
// in the syntax tree), or returns nil.
func (c *converter) nestingError() *Error {
	nodes := c.nodes
	if len(nodes) == 0 {
		return nil
	}
	type open struct {
		end   uint32
		depth int
		elifs int
	}
	stack := []open{{end: nodes[0].End}}
	for i := 1; i < len(nodes); i++ {
		for uint32(i) >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
		}
		parent := &stack[len(stack)-1]
		depth := parent.depth + 1
		if c.kind(uint32(i)) == kElifClause {
			parent.elifs++
			depth += parent.elifs
		}
		if depth > MaxNesting {
			return &Error{Line: int32(nodes[i].StartRow) + 1, Col: int32(nodes[i].StartCol), Msg: tooComplex}
		}
		stack = append(stack, open{end: nodes[i].End, depth: depth})
	}
	return nil
}
