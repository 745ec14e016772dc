package protocol

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The messages and the status file are JSON, read and written by the code
// of this file rather than by encoding/json: the front end reads them on
// every command, and without reflection (and the packages it pulls in) it
// links and touches less, which is most of what its start costs.
//
// A text is parsed into plain values (map[string]any, []any, string,
// float64, bool, nil), which each type's setJSON then reads; a value is
// written by appending its JSON to a byte slice.

// maxDepth bounds how deeply a text's arrays and objects may nest: no
// message or status file needs more, and a deeper one is refused rather
// than parsed on an ever deeper stack.
const maxDepth = 100

// parseJSON parses a text holding one JSON value, white space around it.
func parseJSON(text []byte) (any, error) {
	p := jsonParser{text: text}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.text) {
		return nil, p.fail("text after the value")
	}
	return v, nil
}

// jsonParser reads one JSON text; pos is the offset of the next byte.
type jsonParser struct {
	text  []byte
	pos   int
	depth int
}

func (p *jsonParser) fail(what string) error {
	return errors.New(what + " at offset " + strconv.Itoa(p.pos))
}

func (p *jsonParser) space() {
	for p.pos < len(p.text) {
		switch p.text[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// value parses the value that starts at the next byte that is not white
// space.
func (p *jsonParser) value() (any, error) {
	p.space()
	if p.pos >= len(p.text) {
		return nil, p.fail("unexpected end of the text")
	}
	switch c := p.text[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		return p.str()
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	}
	for _, w := range [...]struct {
		word  string
		value any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(p.text)-p.pos >= len(w.word) && string(p.text[p.pos:p.pos+len(w.word)]) == w.word {
			p.pos += len(w.word)
			return w.value, nil
		}
	}
	return nil, p.fail("invalid character " + strconv.QuoteRune(rune(p.text[p.pos])))
}

// enter notes one more level of nesting, which must stay within maxDepth.
func (p *jsonParser) enter() error {
	if p.depth++; p.depth > maxDepth {
		return p.fail("arrays and objects nested more than " + strconv.Itoa(maxDepth) + " deep")
	}
	return nil
}

func (p *jsonParser) object() (map[string]any, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++ // '{'
	out := map[string]any{}
	p.space()
	if p.pos < len(p.text) && p.text[p.pos] == '}' {
		p.pos++
		p.depth--
		return out, nil
	}
	for {
		p.space()
		if p.pos >= len(p.text) || p.text[p.pos] != '"' {
			return nil, p.fail("expected a field name")
		}
		name, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.text) || p.text[p.pos] != ':' {
			return nil, p.fail("expected ':' after a field name")
		}
		p.pos++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out[name] = v
		p.space()
		if p.pos < len(p.text) && p.text[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.text) && p.text[p.pos] == '}' {
			p.pos++
			p.depth--
			return out, nil
		}
		return nil, p.fail("expected ',' or '}' in an object")
	}
}

func (p *jsonParser) array() ([]any, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++ // '['
	out := []any{}
	p.space()
	if p.pos < len(p.text) && p.text[p.pos] == ']' {
		p.pos++
		p.depth--
		return out, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.pos < len(p.text) && p.text[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.text) && p.text[p.pos] == ']' {
			p.pos++
			p.depth--
			return out, nil
		}
		return nil, p.fail("expected ',' or ']' in an array")
	}
}

// str parses a string; bytes that are not UTF-8 become U+FFFD, as
// encoding/json makes them.
func (p *jsonParser) str() (string, error) {
	p.pos++ // '"'
	start, escaped := p.pos, false
	for p.pos < len(p.text) && p.text[p.pos] != '"' {
		switch c := p.text[p.pos]; {
		case c == '\\':
			escaped = true
			p.pos += 2
		case c < 0x20:
			return "", p.fail("control character in a string")
		default:
			p.pos++
		}
	}
	if p.pos >= len(p.text) {
		return "", p.fail("unterminated string")
	}
	raw := p.text[start:p.pos]
	p.pos++
	s := string(raw)
	if escaped {
		var err error
		if s, err = unescape(raw); err != nil {
			p.pos = start
			return "", p.fail(err.Error())
		}
	}
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // (each invalid byte becomes U+FFFD)
	}
	return s, nil
}

// unescape decodes the escapes of a string's text (between its quotes). It
// writes into a builder grown to the text's length once: a message's
// output, tens of kilobytes with a quote on every line, then costs one
// allocation and no copy.
func unescape(raw []byte) (string, error) {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		if raw[i] != '\\' {
			// (The run up to the next escape, whole.)
			next := bytes.IndexByte(raw[i:], '\\')
			if next < 0 {
				next = len(raw) - i
			}
			b.Write(raw[i : i+next])
			i += next
			continue
		}
		if i+1 >= len(raw) {
			return "", errors.New("unterminated escape in a string")
		}
		esc := raw[i+1]
		i += 2
		switch esc {
		case '"', '\\', '/':
			b.WriteByte(esc)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(raw[i:])
			if !ok {
				return "", errors.New("invalid \\u escape in a string")
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// A pair of escapes is one character; a lone half is U+FFFD.
				r2, ok := rune(0), false
				if i+1 < len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					r2, ok = hex4(raw[i+2:])
				}
				if r = utf16.DecodeRune(r, r2); ok && r != utf8.RuneError {
					i += 6
				}
			}
			b.WriteRune(r)
		default:
			return "", errors.New("invalid escape in a string")
		}
	}
	return b.String(), nil
}

// hex4 reads the four hexadecimal digits of a \u escape at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 16)
	if err != nil {
		return 0, false
	}
	return rune(n), true
}

// number parses a number as JSON writes them (no leading zeros, no '+',
// digits around a '.').
func (p *jsonParser) number() (float64, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.text) && '0' <= p.text[p.pos] && p.text[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.text[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.text) && p.text[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		return 0, p.fail("invalid number")
	}
	if p.pos < len(p.text) && p.text[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return 0, p.fail("invalid number")
		}
	}
	if p.pos < len(p.text) && (p.text[p.pos] == 'e' || p.text[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.text) && (p.text[p.pos] == '+' || p.text[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return 0, p.fail("invalid number")
		}
	}
	f, err := strconv.ParseFloat(string(p.text[start:p.pos]), 64)
	if err != nil {
		return 0, p.fail("number out of range")
	}
	return f, nil
}

// appendString appends s as a JSON string; bytes that are not UTF-8 are
// written as U+FFFD, as encoding/json writes them. The runs of bytes that
// need no escape are appended whole.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	run := 0 // the start of the run of bytes not yet appended
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
		}
		b = append(b, s[run:i]...)
		switch {
		case c >= utf8.RuneSelf:
			b = append(b, `\ufffd`...)
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
		run = i
	}
	b = append(b, s[run:]...)
	return append(b, '"')
}

// AppendJSON appends a plain value as JSON: nil, a bool, a string, an
// int, a float64, a []string, or a []any or map[string]any of those (as a
// message's Stats hold them). An object's fields are written in sorted
// order.
func AppendJSON(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case string:
		return appendString(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return b, errors.New("JSON has no " + strconv.FormatFloat(v, 'g', -1, 64))
		}
		// (As encoding/json writes them: no exponent in between.)
		if abs := math.Abs(v); abs == 0 || 1e-6 <= abs && abs < 1e21 {
			return strconv.AppendFloat(b, v, 'f', -1, 64), nil
		}
		return strconv.AppendFloat(b, v, 'e', -1, 64), nil
	case []string:
		return appendStrings(b, v), nil
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = AppendJSON(b, e); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case map[string]any:
		b = append(b, '{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(appendString(b, k), ':')
			var err error
			if b, err = AppendJSON(b, v[k]); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	}
	return b, errors.New("cannot write a value of this type as JSON")
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// sortedKeys returns a map's keys in order (insertion sort: objects here
// have a handful of fields, and package sort would be linked for it).
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		i := len(keys)
		keys = append(keys, k)
		for ; i > 0 && keys[i-1] > k; i-- {
			keys[i] = keys[i-1]
		}
		keys[i] = k
	}
	return keys
}

// object writes one JSON object, field by field; omitted fields (zero
// values of optional fields) are left out by the callers.
type object struct {
	b     []byte
	first bool
}

func newObject(b []byte) *object { return &object{b: append(b, '{'), first: true} }

func (o *object) name(n string) {
	if !o.first {
		o.b = append(o.b, ',')
	}
	o.first = false
	o.b = append(appendString(o.b, n), ':')
}

func (o *object) str(n, v string)              { o.name(n); o.b = appendString(o.b, v) }
func (o *object) strings(n string, v []string) { o.name(n); o.b = appendStrings(o.b, v) }
func (o *object) boolean(n string, v bool)     { o.name(n); o.b = strconv.AppendBool(o.b, v) }
func (o *object) integer(n string, v int)      { o.name(n); o.b = strconv.AppendInt(o.b, int64(v), 10) }
func (o *object) end() []byte                  { return append(o.b, '}') }

// fields reads a parsed object's fields into Go values; the first field
// of the wrong type is its error, and a missing or null field reads as
// the zero value.
type fields struct {
	m   map[string]any
	err error
}

// asFields returns the fields of a parsed value that must be an object.
func asFields(v any, what string) (*fields, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New(what + " is not a JSON object")
	}
	return &fields{m: m}, nil
}

func (f *fields) wrong(name, want string) {
	if f.err == nil {
		f.err = errors.New("field " + strconv.Quote(name) + " is not " + want)
	}
}

func (f *fields) str(name string) string {
	switch v := f.m[name].(type) {
	case nil:
	case string:
		return v
	default:
		f.wrong(name, "a string")
	}
	return ""
}

func (f *fields) boolean(name string) bool {
	switch v := f.m[name].(type) {
	case nil:
	case bool:
		return v
	default:
		f.wrong(name, "a boolean")
	}
	return false
}

func (f *fields) number(name string) float64 {
	switch v := f.m[name].(type) {
	case nil:
	case float64:
		return v
	default:
		f.wrong(name, "a number")
	}
	return 0
}

func (f *fields) integer(name string) int {
	n := f.number(name)
	if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
		f.wrong(name, "an integer")
		return 0
	}
	return int(n)
}

// strings reads a list of strings; nil when the field is missing, an
// empty list when it is [].
func (f *fields) strings(name string) []string {
	switch v := f.m[name].(type) {
	case nil:
	case []any:
		out := make([]string, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				f.wrong(name, "a list of strings")
				return nil
			}
			out[i] = s
		}
		return out
	default:
		f.wrong(name, "a list of strings")
	}
	return nil
}

// object reads a nested object; nil when the field is missing.
func (f *fields) object(name string) map[string]any {
	switch v := f.m[name].(type) {
	case nil:
	case map[string]any:
		return v
	default:
		f.wrong(name, "an object")
	}
	return nil
}
