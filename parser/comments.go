package parser

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"typd/parser/ast"
)

// normalizeIdentifier applies NFKC to non-ASCII identifiers, as CPython does.
func normalizeIdentifier(s string) string {
	for k := 0; k < len(s); k++ {
		if s[k] >= utf8.RuneSelf {
			return norm.NFKC.String(s)
		}
	}
	return s
}

// collectComments records the type comments and `# type: ignore` comments.
func (c *converter) collectComments() {
	for j := range c.nodes {
		n := &c.nodes[j]
		if c.kind(uint32(j)) != kComment {
			continue
		}
		text := string(c.src[n.StartByte:n.EndByte])
		body, ok := typeCommentBody(text)
		if !ok {
			continue
		}
		line := int32(n.StartRow) + 1
		if tag, ok := ignoreTag(body); ok {
			c.ignores = append(c.ignores, ast.TypeIgnore{Lineno: line, Tag: tag})
			continue
		}
		// "# type: int  # type: ignore": a type comment, then an ignore.
		for i := strings.IndexByte(body, '#'); i >= 0; i = nextHash(body, i) {
			if rest, ok := typeCommentBody(body[i:]); ok {
				if tag, ok := ignoreTag(rest); ok {
					c.ignores = append(c.ignores, ast.TypeIgnore{Lineno: line, Tag: tag})
				}
				body = strings.TrimSpace(body[:i])
				break
			}
		}
		if c.typeComments == nil {
			c.typeComments = map[int32]string{}
		}
		c.typeComments[line] = body
	}
}

// nextHash is the index of the next '#' in s after index i, or -1.
func nextHash(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '#')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// typeCommentBody returns the text after "# type:" of a type comment.
func typeCommentBody(comment string) (string, bool) {
	s := strings.TrimLeft(strings.TrimPrefix(comment, "#"), " \t\f")
	if !strings.HasPrefix(s, "type:") {
		return "", false
	}
	return strings.TrimSpace(s[len("type:"):]), true
}

// ignoreTag recognises "ignore", "ignore[code, ...]" and "ignore  # comment";
// it returns the text after "ignore".
func ignoreTag(body string) (string, bool) {
	if !strings.HasPrefix(body, "ignore") {
		return "", false
	}
	rest := body[len("ignore"):]
	if rest == "" || rest[0] == '[' || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '#' {
		return strings.TrimRight(rest, " \t"), true
	}
	return "", false
}

// headerTypeComment returns the type comment that ends the header line of a
// compound statement (the line of the ':' before its body).
func (c *converter) headerTypeComment(stmt, body uint32) string {
	if c.typeComments == nil {
		return ""
	}
	for _, k := range c.kids(stmt) {
		if c.tok(k) == ":" && (body == 0 || c.nodes[k].StartByte < c.nodes[body].StartByte) {
			return c.typeComments[int32(c.nodes[k].StartRow)+1]
		}
	}
	return ""
}

// funcTypeComment returns a function's signature type comment: on the line
// of its ':' or alone on the next line, before the body.
func (c *converter) funcTypeComment(def, body uint32) string {
	if c.typeComments == nil {
		return ""
	}
	if tc := c.headerTypeComment(def, body); tc != "" {
		return tc
	}
	for j := def + 1; j < c.nodes[def].End; j++ {
		n := &c.nodes[j]
		if c.kind(j) == kComment && body != 0 && n.StartByte < c.nodes[body].StartByte+1 {
			if tc := c.typeComments[int32(n.StartRow)+1]; tc != "" {
				return tc
			}
		}
	}
	return ""
}
