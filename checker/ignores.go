package checker

import (
	"strings"

	"typd/parser/ast"
)

// ignores are a module's `# type: ignore` comments.
type ignores struct {
	// lines maps a line to the codes its comment names; nil means all.
	lines map[int][]string
	// wholeFile is set by an ignore comment before the first statement.
	wholeFile bool
}

// parentCodes maps an error code to the broader code that also silences it
// (mypy's sub_code_of).
var parentCodes = map[string]string{
	"import-not-found": "import",
	"import-untyped":   "import",
	"method-assign":    "assignment",
}

func newIgnores(m *ast.Module) *ignores {
	ig := &ignores{lines: map[int][]string{}}
	if m == nil {
		return ig
	}
	firstStmt := int32(1 << 30)
	if len(m.Body) > 0 {
		firstStmt = m.Body[0].Pos().Lineno
	}
	for _, t := range m.TypeIgnores {
		codes := parseIgnoreCodes(t.Tag)
		ig.lines[int(t.Lineno)] = codes
		if t.Lineno < firstStmt && codes == nil {
			ig.wholeFile = true
		}
	}
	return ig
}

// parseIgnoreCodes reads "[a, b]" from the text after "ignore"; no
// brackets means every code.
func parseIgnoreCodes(tag string) []string {
	tag = strings.TrimSpace(tag)
	if !strings.HasPrefix(tag, "[") {
		return nil
	}
	inner, _, _ := strings.Cut(tag[1:], "]")
	var codes []string
	for _, c := range strings.Split(inner, ",") {
		if c = strings.TrimSpace(c); c != "" {
			codes = append(codes, c)
		}
	}
	return codes
}

// covers reports whether an error with this code on this line is ignored.
func (ig *ignores) covers(line int, code string) bool {
	if ig.wholeFile {
		return true
	}
	codes, ok := ig.lines[line]
	if !ok {
		return false
	}
	if codes == nil {
		return true
	}
	for _, c := range codes {
		if c == code || c == parentCodes[code] {
			return true
		}
	}
	return false
}
