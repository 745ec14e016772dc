package diag

import (
	"bytes"
	"strings"
)

// sourceIndent is how far mypy's --pretty indents a source excerpt.
const sourceIndent = 4

// minSourceWidth is how many characters of source a trimmed excerpt keeps
// on each side of the error's column.
const minSourceWidth = 20

// lines formats one diagnostic: its message line and, under --pretty, for
// an error, the source line it is about with a marker under the span
// ("^~~~~"); a span over several lines is marked to the end of its first.
// With a width, the message is wrapped and the excerpt trimmed to fit.
func (f Format) lines(d Diagnostic) []string {
	msg := f.String(d)
	if !f.Pretty {
		return []string{msg}
	}
	out := []string{msg}
	if f.Width > 0 && d.Severity == Error {
		out[0] = wrapError(msg, f.Width)
	}
	if d.Severity != Error || d.Line <= 0 || f.Source == nil {
		return out
	}
	src := f.Source(d.File)
	lines := bytes.Split(src, []byte("\n"))
	if d.Line > len(lines) || src == nil {
		return out
	}
	raw := strings.TrimSuffix(string(lines[d.Line-1]), "\r")
	line := expandTabs(raw)
	col := d.Col
	if col < 0 {
		col = len(raw) - len(strings.TrimLeft(raw, " \t\f"))
	}
	col = len(expandTabs(prefix(raw, col)))
	end := len(expandTabs(prefix(raw, d.EndCol)))
	marker := "^"
	switch {
	case d.EndLine == d.Line && end > col:
		marker += strings.Repeat("~", end-col-1)
	case d.EndLine > d.Line && len(line) > col+1:
		marker += strings.Repeat("~", len(line)-col-1)
	}
	if f.Width > 0 {
		var offset int
		line, offset = trimSource(line, f.Width-sourceIndent-6, col)
		markerLine := strings.Repeat(" ", sourceIndent+col-offset) + marker
		if len(markerLine) > sourceIndent+len(line) && len(marker) > 3 {
			markerLine = markerLine[:sourceIndent+len(line)-3] + "..."
		}
		return append(out, strings.Repeat(" ", sourceIndent)+line, markerLine)
	}
	return append(out, strings.Repeat(" ", sourceIndent)+line, strings.Repeat(" ", sourceIndent+col)+marker)
}

// prefix returns s up to byte n (all of s when n is past its end or
// negative, as Python's slice s[:n] would for n past the end).
func prefix(s string, n int) string {
	if n < 0 {
		n = max(0, len(s)+n)
	}
	return s[:min(n, len(s))]
}

// expandTabs replaces tabs by spaces up to the next multiple of 8.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n', '\r':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// wrapError wraps an error line's message between words (never inside a
// quoted group) so that lines fit in width; the first line's room starts
// after "error: ", the others start at the left edge, as mypy does.
func wrapError(line string, width int) string {
	loc, msg, ok := strings.Cut(line, "error:")
	if !ok {
		return line
	}
	words := splitWords(msg)
	next := words[0]
	var out []string
	room := width - len(loc) - len("error: ")
	for _, w := range words[1:] {
		if len(next)+len(w)+1 <= room {
			next += " " + w
			continue
		}
		out = append(out, next)
		next = w
		room = width
	}
	out = append(out, next)
	return loc + "error:" + strings.Join(out, "\n")
}

// splitWords splits at spaces outside double-quoted groups.
func splitWords(msg string) []string {
	var words []string
	var word strings.Builder
	breakable := true
	for _, r := range msg {
		if r == ' ' && breakable {
			words = append(words, word.String())
			word.Reset()
			continue
		}
		if r == '"' {
			breakable = !breakable
		}
		word.WriteRune(r)
	}
	return append(words, word.String())
}

// trimSource shortens a source line to about maxLen characters around
// col, marking cut ends with "...", and returns how far the column moved.
func trimSource(line string, maxLen, col int) (string, int) {
	maxLen = max(maxLen, 2*minSourceWidth+1)
	switch {
	case len(line) <= maxLen:
		return line, 0
	case col+minSourceWidth < maxLen:
		return line[:maxLen] + "...", 0
	case col < len(line)-minSourceWidth-1:
		offset := col - maxLen + minSourceWidth + 1
		return "..." + line[offset:col+minSourceWidth+1] + "...", offset - 3
	}
	return "..." + line[len(line)-maxLen:], len(line) - maxLen - 3
}
