package parser

import "fmt"

// tokenizerError finds the errors CPython's tokenizer reports: a string
// literal never closed, a closing bracket with no opener ("unmatched ')'"),
// one that closes another kind, and an opener still open at the end ("'('
// was never closed"). It skips comments. It returns nil when there is none.
func tokenizerError(src []byte) *Error {
	type open struct {
		ch        byte
		line, col int32
	}
	var stack []open
	line, lineStart := int32(1), 0
	for i := 0; i < len(src); i++ {
		ch := src[i]
		switch ch {
		case '\n':
			line++
			lineStart = i + 1
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case '\'', '"':
			end, nl, closed := skipString(src, i)
			if !closed {
				return unterminated(src, i, lineStart, line, nl)
			}
			// Keep line numbers right across triple-quoted strings.
			for k := i; k < end && nl > 0; k++ {
				if src[k] == '\n' {
					line++
					lineStart = k + 1
				}
			}
			i = end - 1
		case '(', '[', '{':
			stack = append(stack, open{ch, line, int32(i - lineStart)})
		case ')', ']', '}':
			col := int32(i - lineStart)
			if len(stack) == 0 {
				return &Error{Line: line, Col: col, Msg: fmt.Sprintf("unmatched '%c'", ch)}
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if want := map[byte]byte{'(': ')', '[': ']', '{': '}'}[top.ch]; want != ch {
				msg := fmt.Sprintf("closing parenthesis '%c' does not match opening parenthesis '%c'", ch, top.ch)
				if top.line != line {
					msg += fmt.Sprintf(" on line %d", top.line)
				}
				return &Error{Line: line, Col: col, Msg: msg}
			}
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return &Error{Line: top.line, Col: top.col, Msg: fmt.Sprintf("'%c' was never closed", top.ch)}
	}
	return nil
}

// unterminated is the error for the string literal whose opening quote is
// at src[i], on the given line, which spans nl newlines to where the
// tokenizer gives up: the end of a line for a single-quoted string, the end
// of the file for a triple-quoted one. Its column is that of its prefix.
func unterminated(src []byte, i, lineStart int, line int32, nl int) *Error {
	start := i
	for start > lineStart && isStringPrefix(src[start-1]) {
		start--
	}
	kind := "string literal"
	detected := line + int32(nl)
	if q := src[i]; i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		kind = "triple-quoted string literal"
		if nl > 0 && src[len(src)-1] == '\n' {
			detected--
		}
	}
	return &Error{Line: line, Col: int32(start - lineStart), Msg: fmt.Sprintf("unterminated %s (detected at line %d)", kind, detected)}
}

func isStringPrefix(b byte) bool {
	switch b {
	case 'r', 'R', 'b', 'B', 'u', 'U', 'f', 'F':
		return true
	}
	return false
}

// skipString returns the index just past the string literal whose opening
// quote is at src[i], how many newlines it spans, and whether it is closed.
// An unterminated single-quoted string ends at the end of its line.
func skipString(src []byte, i int) (int, int, bool) {
	q := src[i]
	triple := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	newlines := 0
	if triple {
		for j := i + 3; j < len(src); j++ {
			switch src[j] {
			case '\\':
				if j+1 < len(src) && src[j+1] == '\n' {
					newlines++
				}
				j++
			case '\n':
				newlines++
			case q:
				if j+2 < len(src) && src[j+1] == q && src[j+2] == q {
					return j + 3, newlines, true
				}
			}
		}
		return len(src), newlines, false
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if j+1 < len(src) && src[j+1] == '\n' {
				newlines++
			}
			j++
		case '\n':
			return j, newlines, false
		case q:
			return j + 1, newlines, true
		}
	}
	return len(src), newlines, false
}
