package parser

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"

	"typd/parser/ast"
	"typd/parser/internal/cst"
)

// stringToken describes one string literal token of a (possibly implicitly
// concatenated) string expression.
type stringToken struct {
	node                      uint32
	raw, bytes, fstr, unicode bool
	bodyStart, bodyEnd        uint32 // byte range between the quotes
}

func (c *converter) stringToken(i uint32) (stringToken, bool) {
	t := stringToken{node: i}
	var start, end uint32
	for _, k := range c.kids(i) {
		switch c.kind(k) {
		case kStringStart:
			start = k
		case kStringEnd:
			end = k
		}
	}
	if start == 0 || end == 0 {
		c.errorAt(i, "invalid syntax")
		return t, false
	}
	open := c.text(start)
	prefix := strings.ToLower(strings.TrimRight(open, `'"`))
	t.raw = strings.Contains(prefix, "r")
	t.bytes = strings.Contains(prefix, "b")
	t.fstr = strings.Contains(prefix, "f")
	t.unicode = strings.Contains(prefix, "u")
	if strings.ContainsAny(prefix, "tl") || strings.Count(prefix, "r") > 1 || (t.bytes && (t.fstr || t.unicode)) || (t.unicode && t.raw) {
		c.errorAt(i, "invalid syntax")
		return t, false
	}
	quote := uint32(len(open) - len(strings.TrimRight(open, `'"`)))
	t.bodyStart = c.nodes[start].EndByte
	// The grammar's string_end token can swallow the end of a raw string's
	// text, so the body ends where the closing quote starts.
	t.bodyEnd = c.nodes[i].EndByte - quote
	if c.nodes[end].Flags&cst.Missing != 0 || t.bodyEnd < t.bodyStart {
		t.bodyEnd = t.bodyStart
	}
	if quote == 1 && !t.fstr {
		if line, ok := rawNewline(c.src[t.bodyStart:t.bodyEnd]); ok {
			c.errorAt(i, fmt.Sprintf("unterminated string literal (detected at line %d)", int(c.nodes[i].StartRow)+1+line))
			return t, false
		}
	}
	return t, true
}

// rawNewline reports whether the body of a single-quoted string holds a
// newline that no backslash continues (the grammar's recovery can leave
// one there), and how many continued lines come before it.
func rawNewline(body []byte) (int, bool) {
	line := 0
	for k, b := range body {
		if b != '\n' {
			continue
		}
		slashes := 0
		for j := k - 1; j >= 0 && body[j] == '\\'; j-- {
			slashes++
		}
		if slashes%2 == 0 {
			return line, true
		}
		line++
	}
	return 0, false
}

// strings converts a string or concatenated_string node into a Constant
// (str or bytes) or, when any part is an f-string, a JoinedStr.
func (c *converter) strings(i uint32) ast.Expr {
	var toks []stringToken
	nodes := []uint32{i}
	if c.kind(i) == kConcatenatedString {
		nodes = c.named(i)
	}
	for _, n := range nodes {
		t, ok := c.stringToken(n)
		if !ok {
			return c.badExpr(i)
		}
		toks = append(toks, t)
	}
	sp := c.span(i)
	anyF, anyBytes, allBytes := false, false, true
	for _, t := range toks {
		anyF = anyF || t.fstr
		anyBytes = anyBytes || t.bytes
		allBytes = allBytes && t.bytes
	}
	if anyBytes && !allBytes {
		c.errorAt(i, "cannot mix bytes and nonbytes literals")
		return c.badExpr(i)
	}
	if !anyF {
		var sb strings.Builder
		for _, t := range toks {
			sb.WriteString(c.decodeLiteral(t, t.bodyStart, t.bodyEnd, false))
		}
		v := ast.Value{Kind: ast.StrValue, Str: sb.String()}
		if allBytes {
			v.Kind = ast.BytesValue
		}
		k := &ast.Constant{Span: sp, Value: v}
		if toks[0].unicode {
			k.Kind = "u"
		}
		return k
	}
	j := &joiner{c: c, whole: sp}
	for _, t := range toks {
		if !t.fstr {
			j.lit.WriteString(c.decodeLiteral(t, t.bodyStart, t.bodyEnd, false))
			continue
		}
		j.fstring(t)
	}
	j.flush()
	if j.values == nil {
		j.values = []ast.Expr{}
	}
	return &ast.JoinedStr{Span: sp, Values: j.values}
}

// joiner accumulates the parts of an f-string as CPython 3.11 lays them out:
// literal text merged into Constants and replacement fields as
// FormattedValues, all positioned at the whole string expression.
type joiner struct {
	c      *converter
	whole  ast.Span
	lit    strings.Builder
	values []ast.Expr
}

func (j *joiner) flush() {
	if j.lit.Len() > 0 {
		j.values = append(j.values, &ast.Constant{Span: j.whole, Value: ast.Value{Kind: ast.StrValue, Str: j.lit.String()}})
		j.lit.Reset()
	}
}

// fstring adds the parts of one f-string token.
func (j *joiner) fstring(t stringToken) {
	c := j.c
	pos := t.bodyStart
	for _, k := range c.kids(t.node) {
		if c.kind(k) != kInterpolation {
			continue
		}
		n := &c.nodes[k]
		j.lit.WriteString(c.decodeLiteral(t, pos, n.StartByte, true))
		j.field(t, k)
		pos = n.EndByte
	}
	j.lit.WriteString(c.decodeLiteral(t, pos, t.bodyEnd, true))
}

// field adds one replacement field (an interpolation or format_expression).
func (j *joiner) field(t stringToken, k uint32) {
	c := j.c
	fv := &ast.FormattedValue{Span: j.whole, Conversion: -1}
	var exprNode, conv, spec, eq, closing uint32
	for _, x := range c.kids(k) {
		switch {
		case c.field(x) == "expression":
			exprNode = x
		case c.kind(x) == kTypeConversion:
			conv = x
		case c.kind(x) == kFormatSpecifier:
			spec = x
		case c.tok(x) == "=":
			eq = x
		case c.tok(x) == "}":
			closing = x
		}
	}
	if exprNode == 0 {
		c.errorAt(k, "f-string: empty expression not allowed")
		return
	}
	if eq != 0 {
		end := c.nodes[k].EndByte
		switch {
		case conv != 0:
			end = c.nodes[conv].StartByte
		case spec != 0:
			end = c.nodes[spec].StartByte
		case closing != 0:
			end = c.nodes[closing].StartByte
		}
		j.lit.WriteString(string(c.src[c.nodes[k].StartByte+1 : end]))
		if conv == 0 && spec == 0 {
			fv.Conversion = 'r'
		}
	}
	j.flush()
	if c.kind(exprNode) == kNamedExpression && spec == 0 && conv == 0 && closing != 0 {
		// {x:=10} is x with the format spec "=10", not an assignment expression.
		name := c.child(exprNode, "name")
		fv.Value = &ast.Name{Span: c.span(name), ID: c.identifier(name)}
		specText := string(c.src[c.nodes[name].EndByte+1 : c.nodes[closing].StartByte])
		fv.FormatSpec = &ast.JoinedStr{Span: c.span(t.node), Values: []ast.Expr{
			&ast.Constant{Span: c.span(t.node), Value: ast.Value{Kind: ast.StrValue, Str: specText}}}}
		j.values = append(j.values, fv)
		return
	}
	fv.Value = c.exprOrTuple(exprNode, ast.Load)
	if t, ok := fv.Value.(*ast.Tuple); ok && c.kind(exprNode) == kExpressionList && closing != 0 {
		// CPython parses the field as "(expr)", so a bare tuple spans the braces.
		t.Span = c.spanFromTo(k, closing)
	}
	if conv != 0 {
		switch txt := c.text(conv); txt {
		case "!s", "!r", "!a":
			fv.Conversion = int(txt[1])
		default:
			c.errorAt(conv, "f-string: invalid conversion character: expected 's', 'r', or 'a'")
		}
	}
	if spec != 0 {
		fv.FormatSpec = j.formatSpec(t, spec)
	}
	j.values = append(j.values, fv)
}

// formatSpec converts the text after ':' in a replacement field.
func (j *joiner) formatSpec(t stringToken, spec uint32) ast.Expr {
	c := j.c
	inner := &joiner{c: c, whole: j.whole}
	pos := c.nodes[spec].StartByte + 1 // past ':'
	for _, k := range c.kids(spec) {
		if c.kind(k) != kFormatExpression {
			continue
		}
		n := &c.nodes[k]
		inner.lit.WriteString(c.decodeLiteral(t, pos, n.StartByte, true))
		inner.field(t, k)
		pos = n.EndByte
	}
	inner.lit.WriteString(c.decodeLiteral(t, pos, c.nodes[spec].EndByte, true))
	if len(inner.values) == 0 {
		// A spec without replacement fields is positioned at its own token.
		inner.whole = c.span(t.node)
	}
	inner.flush()
	if inner.values == nil {
		inner.values = []ast.Expr{}
	}
	return &ast.JoinedStr{Span: c.span(t.node), Values: inner.values}
}

// decodeLiteral decodes the literal source text src[from:to] of token t.
// In f-strings, doubled braces stand for one.
func (c *converter) decodeLiteral(t stringToken, from, to uint32, fstr bool) string {
	if to <= from {
		return ""
	}
	s := string(c.src[from:to])
	if t.bytes {
		for k := 0; k < len(s); k++ {
			if s[k] >= 0x80 {
				c.errorAt(t.node, "bytes can only contain ASCII literal characters")
				return ""
			}
		}
	}
	if fstr {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "{{", "{"), "}}", "}")
	}
	if t.raw || strings.IndexByte(s, '\\') < 0 {
		return s
	}
	out, err := decodeEscapes(s, t.bytes)
	if err != "" {
		c.errorAt(t.node, err)
	}
	return out
}

// decodeEscapes processes backslash escapes as CPython does for non-raw str
// (bytes=false) and bytes literals. A lone surrogate from \uD800 is written
// in its 3-byte generalized UTF-8 form.
func decodeEscapes(s string, bytes bool) (string, string) {
	var b strings.Builder
	b.Grow(len(s))
	kind := "unicodeescape"
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch != '\\' || i+1 >= len(s) {
			b.WriteByte(ch)
			continue
		}
		start := i
		i++
		switch e := s[i]; e {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 'f':
			b.WriteByte(12)
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte(11)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := 0
			n := 0
			for n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
				v = v*8 + int(s[i]-'0')
				i++
				n++
			}
			i--
			if bytes {
				b.WriteByte(byte(v))
			} else {
				writeRune(&b, rune(v))
			}
		case 'x', 'u', 'U':
			if bytes && e != 'x' {
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			v, ok := hexValue(s, i+1, n)
			if !ok {
				if bytes {
					return b.String(), fmt.Sprintf("(value error) invalid \\x escape at position %d", start)
				}
				return b.String(), fmt.Sprintf("(unicode error) '%s' codec can't decode bytes in position %d-%d: truncated \\%c%s escape",
					kind, start, min(len(s)-1, start+1+n), e, strings.Repeat("X", n))
			}
			if v > 0x10FFFF {
				return b.String(), fmt.Sprintf("(unicode error) '%s' codec can't decode bytes in position %d-%d: illegal Unicode character", kind, start, start+1+n)
			}
			i += n
			if bytes {
				b.WriteByte(byte(v))
			} else {
				writeRune(&b, rune(v))
			}
		case 'N':
			if bytes {
				b.WriteByte('\\')
				b.WriteByte('N')
				continue
			}
			end := strings.IndexByte(s[i:], '}')
			if i+1 >= len(s) || s[i+1] != '{' || end < 0 {
				return b.String(), fmt.Sprintf("(unicode error) '%s' codec can't decode bytes in position %d-%d: malformed \\N character escape", kind, start, start+1)
			}
			r, ok := lookupRuneName(s[i+2 : i+end])
			if !ok {
				return b.String(), fmt.Sprintf("(unicode error) '%s' codec can't decode bytes in position %d-%d: unknown Unicode character name", kind, start, i+end)
			}
			writeRune(&b, r)
			i += end
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String(), ""
}

func hexValue(s string, at, n int) (int, bool) {
	if at+n > len(s) {
		return 0, false
	}
	v := 0
	for k := at; k < at+n; k++ {
		d := s[k]
		switch {
		case d >= '0' && d <= '9':
			v = v*16 + int(d-'0')
		case d >= 'a' && d <= 'f':
			v = v*16 + int(d-'a'+10)
		case d >= 'A' && d <= 'F':
			v = v*16 + int(d-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// writeRune writes r as UTF-8, or a surrogate as its generalized UTF-8 bytes.
func writeRune(b *strings.Builder, r rune) {
	if r >= 0xD800 && r <= 0xDFFF {
		b.WriteByte(byte(0xE0 | r>>12))
		b.WriteByte(byte(0x80 | (r>>6)&0x3F))
		b.WriteByte(byte(0x80 | r&0x3F))
		return
	}
	var buf [utf8.UTFMax]byte
	b.Write(buf[:utf8.EncodeRune(buf[:], r)])
}

var runeNames struct {
	once   sync.Once
	byName map[string]rune
}

// lookupRuneName finds a character by its Unicode name, case-insensitively,
// as CPython's \N{...} escape does.
func lookupRuneName(name string) (rune, bool) {
	runeNames.once.Do(func() {
		runeNames.byName = make(map[string]rune, 300000)
		for r := rune(0); r <= 0x10FFFF; r++ {
			if n := runenames.Name(r); n != "" && n[0] != '<' {
				runeNames.byName[n] = r
			}
		}
		for alias, r := range runeAliases {
			runeNames.byName[alias] = r
		}
	})
	r, ok := runeNames.byName[strings.ToUpper(name)]
	return r, ok
}

// runeAliases are the formal Unicode name aliases CPython also accepts for
// control characters, which have no name of their own.
var runeAliases = map[string]rune{
	"NULL": 0, "BELL": 7, "BACKSPACE": 8, "CHARACTER TABULATION": 9, "LINE FEED": 10, "LINE FEED (LF)": 10,
	"LINE TABULATION": 11, "FORM FEED": 12, "FORM FEED (FF)": 12, "CARRIAGE RETURN": 13,
	"CARRIAGE RETURN (CR)": 13, "ESCAPE": 27, "DELETE": 127, "NO-BREAK SPACE": 0xA0,
}
