package parser

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

var codingRe = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeSource returns the source as UTF-8 with newlines normalised to "\n",
// as CPython's tokenizer sees it, or the syntax error CPython reports for an
// unknown encoding or undecodable bytes.
func decodeSource(src []byte) ([]byte, *Error) {
	hasBOM := bytes.HasPrefix(src, utf8BOM)
	if hasBOM {
		src = src[len(utf8BOM):]
	}
	if name, line := declaredEncoding(src); name != "" {
		norm := normalizeEncodingName(name)
		if hasBOM && cpythonNormalName(name) != "utf-8" {
			return nil, &Error{Line: line, Msg: "encoding problem: " + name + " with BOM"}
		}
		if norm != "utf-8" {
			enc := encodingByName(norm)
			if enc == nil {
				return nil, &Error{Line: line, Msg: "unknown encoding: " + name}
			}
			out, err := enc.NewDecoder().Bytes(src)
			if err != nil {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("encoding problem: %s", name)}
			}
			src = out
		}
	}
	if !utf8.Valid(src) {
		return nil, invalidUTF8Error(src)
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src, nil
}

// declaredEncoding finds a PEP 263 declaration on line 1, or on line 2 when
// line 1 is a comment or blank.
func declaredEncoding(src []byte) (string, int32) {
	for lineNo := int32(1); lineNo <= 2 && len(src) > 0; lineNo++ {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		line := src[:end]
		if m := codingRe.FindSubmatch(line); m != nil {
			return string(m[1]), lineNo
		}
		trimmed := bytes.TrimLeft(line, " \t\f\r")
		if len(trimmed) > 0 && trimmed[0] != '#' {
			return "", 0
		}
		if end == len(src) {
			break
		}
		src = src[end+1:]
	}
	return "", 0
}

// cpythonNormalName is CPython's tokenizer's get_normal_name: "utf-8" for
// utf-8 and utf-8-*, "iso-8859-1" for the Latin-1 spellings, else the name.
func cpythonNormalName(name string) string {
	n := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	switch {
	case n == "utf-8" || strings.HasPrefix(n, "utf-8-"):
		return "utf-8"
	case n == "latin-1" || n == "iso-8859-1" || n == "iso-latin-1" ||
		strings.HasPrefix(n, "latin-1-") || strings.HasPrefix(n, "iso-8859-1-") || strings.HasPrefix(n, "iso-latin-1-"):
		return "iso-8859-1"
	}
	return name
}

// normalizeEncodingName maps the spellings CPython's tokenizer treats as
// UTF-8 or Latin-1 to "utf-8" and "latin-1", and lower-cases the rest.
func normalizeEncodingName(name string) string {
	n := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	switch {
	case n == "utf-8" || strings.HasPrefix(n, "utf-8-") || n == "utf8":
		return "utf-8"
	case n == "latin-1" || n == "iso-8859-1" || n == "iso-latin-1" || n == "latin1" || n == "l1" ||
		strings.HasPrefix(n, "latin-1-") || strings.HasPrefix(n, "iso-8859-1-"):
		return "latin-1"
	}
	return n
}

var encodings = map[string]encoding.Encoding{
	"latin-1": charmap.ISO8859_1, "cp1252": charmap.Windows1252, "windows-1252": charmap.Windows1252,
	"iso-8859-2": charmap.ISO8859_2, "iso8859-2": charmap.ISO8859_2, "latin2": charmap.ISO8859_2,
	"iso-8859-5": charmap.ISO8859_5, "iso8859-5": charmap.ISO8859_5, "cyrillic": charmap.ISO8859_5,
	"iso-8859-7": charmap.ISO8859_7, "iso8859-7": charmap.ISO8859_7, "greek": charmap.ISO8859_7,
	"iso-8859-15": charmap.ISO8859_15, "iso8859-15": charmap.ISO8859_15, "latin9": charmap.ISO8859_15,
	"koi8-r": charmap.KOI8R, "koi8-u": charmap.KOI8U, "cp1251": charmap.Windows1251,
	"windows-1251": charmap.Windows1251, "cp1250": charmap.Windows1250, "cp437": charmap.CodePage437,
	"cp850": charmap.CodePage850, "cp866": charmap.CodePage866, "mac-roman": charmap.Macintosh,
	"ascii": charmap.ISO8859_1, "us-ascii": charmap.ISO8859_1,
}

func encodingByName(norm string) encoding.Encoding { return encodings[norm] }

// invalidUTF8Error reports the first byte that is not UTF-8 as CPython
// does. CPython finds such bytes when it decodes a string literal, so the
// position it gives is counted from the start of the literal's text, and a
// sequence cut short by the closing quote is "unexpected end of data".
func invalidUTF8Error(src []byte) *Error {
	line, lineStart, pos := int32(1), 0, 0
	for pos < len(src) {
		r, size := utf8.DecodeRune(src[pos:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if src[pos] == '\n' {
			line++
			lineStart = pos + 1
		}
		pos += size
	}
	start := lineStart
	if q := bytes.LastIndexAny(src[lineStart:pos], `'"`); q >= 0 {
		start = lineStart + q + 1
	}
	b := src[pos]
	reason := "invalid start byte"
	if b >= 0xC2 && b <= 0xF4 {
		reason = "invalid continuation byte"
		if next := pos + 1; next >= len(src) || src[next] == '\'' || src[next] == '"' || src[next] == '\n' {
			reason = "unexpected end of data"
		}
	}
	return &Error{Line: line, Col: int32(pos - lineStart), Msg: fmt.Sprintf(
		"(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: %s", b, pos-start, reason)}
}
