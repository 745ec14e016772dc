// Package astcode writes a parsed module's syntax tree as bytes and reads
// it back, so that a cache can keep parses (decoding a tree is many times
// faster than parsing its source). The encoding is compact: varints, each
// string once per module, nodes as a tag and their fields in declaration
// order. It is private to typd and versioned: Decode refuses bytes written
// by other node declarations (a different build), and reports corrupt,
// truncated or hostile input as an error, never a panic or an unbounded
// allocation. The encoder and decoder of the nodes are generated from
// parser/ast/ast.go (nodes.go: `go generate ./parser/astcode`).
package astcode

//go:generate go run ./internal/gennodes ../ast/ast.go nodes.go

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"

	"typd/parser/ast"
)

// magic starts every encoding, with the schema after it.
const magic = "typd-ast\x01"

// maxDepth bounds the nesting of decoded nodes: the parser refuses deeper
// trees (parser.MaxNesting), so deeper input is corrupt.
const maxDepth = 10000

// Encode returns the bytes of a module's tree. The tree must be one a
// parse without syntax errors produced.
func Encode(m *ast.Module) []byte {
	w := &writer{strings: map[string]int{}}
	w.buf = append(w.buf, magic...)
	w.buf = append(w.buf, schema...)
	w.length(len(m.Body), m.Body == nil)
	for _, s := range m.Body {
		w.node(s)
	}
	w.length(len(m.TypeIgnores), m.TypeIgnores == nil)
	for _, t := range m.TypeIgnores {
		w.int(int64(t.Lineno))
		w.string(t.Tag)
	}
	return w.buf
}

// ErrForeign is the error of bytes that another build of typd wrote (or
// that are not an encoding at all).
var ErrForeign = errors.New("astcode: not an encoding of this build's syntax trees")

// Decode reads back what Encode wrote.
func Decode(data []byte) (*ast.Module, error) {
	head := magic + schema
	if len(data) < len(head) || string(data[:len(head)]) != head {
		return nil, ErrForeign
	}
	r := &reader{data: data, at: len(head)}
	m := &ast.Module{}
	if n, ok := r.length(); ok {
		m.Body = make([]ast.Stmt, n)
		for i := range m.Body {
			m.Body[i] = nodeAs[ast.Stmt](r)
		}
	}
	if n, ok := r.length(); ok {
		m.TypeIgnores = make([]ast.TypeIgnore, n)
		for i := range m.TypeIgnores {
			m.TypeIgnores[i].Lineno = int32(r.int())
			m.TypeIgnores[i].Tag = r.string()
		}
	}
	if r.err == nil && r.at != len(r.data) {
		r.fail("%d bytes after the tree", len(r.data)-r.at)
	}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}

// writer appends an encoding to buf; strings numbers each string written.
type writer struct {
	buf     []byte
	strings map[string]int
}

func (w *writer) byte(b byte) { w.buf = append(w.buf, b) }

func (w *writer) bool(b bool) {
	if b {
		w.byte(1)
	} else {
		w.byte(0)
	}
}

func (w *writer) int(i int64) { w.buf = binary.AppendVarint(w.buf, i) }

func (w *writer) uint(u uint64) { w.buf = binary.AppendUvarint(w.buf, u) }

// length writes a slice's length, 0 for a nil slice.
func (w *writer) length(n int, isNil bool) {
	if isNil {
		w.uint(0)
		return
	}
	w.uint(uint64(n) + 1)
}

// string writes a string's number when it was written before, or 0 and
// the string.
func (w *writer) string(s string) {
	if i, ok := w.strings[s]; ok {
		w.uint(uint64(i) + 1)
		return
	}
	w.strings[s] = len(w.strings)
	w.uint(0)
	w.uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *writer) span(s *ast.Span) {
	w.int(int64(s.Lineno))
	w.int(int64(s.ColOffset))
	w.int(int64(s.EndLineno) - int64(s.Lineno))
	w.int(int64(s.EndColOffset))
}

func (w *writer) value(v *ast.Value) {
	w.byte(byte(v.Kind))
	w.int(v.Int)
	w.bool(v.Big != nil)
	if v.Big != nil {
		w.string(v.Big.String())
	}
	w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(v.Float))
	w.string(v.Str)
}

// reader reads an encoding; the first error stops it (every later read
// gives a zero value).
type reader struct {
	data    []byte
	at      int
	err     error
	strings []string
	depth   int
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("astcode: corrupt encoding at byte %d: %s", r.at, fmt.Sprintf(format, args...))
	}
}

func (r *reader) enter() bool {
	r.depth++
	if r.depth > maxDepth {
		r.fail("nodes nested deeper than %d", maxDepth)
	}
	return r.err == nil
}

func (r *reader) leave() { r.depth-- }

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.at >= len(r.data) {
		r.fail("truncated")
		return 0
	}
	b := r.data[r.at]
	r.at++
	return b
}

func (r *reader) bool() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail("not a bool")
	return false
}

func (r *reader) int() int64 {
	if r.err != nil {
		return 0
	}
	i, n := binary.Varint(r.data[r.at:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.at += n
	return i
}

func (r *reader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	u, n := binary.Uvarint(r.data[r.at:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.at += n
	return u
}

// length reads a slice's length; ok is false for a nil slice (or an
// error). A length beyond the bytes left is corrupt: every element takes
// at least one byte.
func (r *reader) length() (int, bool) {
	u := r.uint()
	if u == 0 || r.err != nil {
		return 0, false
	}
	if u-1 > uint64(len(r.data)-r.at) {
		r.fail("length %d beyond the end", u-1)
		return 0, false
	}
	return int(u - 1), true
}

func (r *reader) string() string {
	i := r.uint()
	if r.err != nil {
		return ""
	}
	if i > 0 {
		if i > uint64(len(r.strings)) {
			r.fail("string %d not written yet", i-1)
			return ""
		}
		return r.strings[i-1]
	}
	n := r.uint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.data)-r.at) {
		r.fail("string of %d bytes beyond the end", n)
		return ""
	}
	s := string(r.data[r.at : r.at+int(n)])
	r.at += int(n)
	r.strings = append(r.strings, s)
	return s
}

func (r *reader) span(s *ast.Span) {
	s.Lineno = r.int32()
	s.ColOffset = r.int32()
	s.EndLineno = int32(int64(s.Lineno) + int64(r.int32()))
	s.EndColOffset = r.int32()
}

func (r *reader) int32() int32 {
	i := r.int()
	if i < math.MinInt32 || i > math.MaxInt32 {
		r.fail("%d out of range", i)
		return 0
	}
	return int32(i)
}

func (r *reader) value(v *ast.Value) {
	v.Kind = ast.ValueKind(r.byte())
	if v.Kind > ast.BytesValue {
		r.fail("value kind %d", v.Kind)
	}
	v.Int = r.int()
	if r.bool() {
		b, ok := new(big.Int).SetString(r.string(), 10)
		if !ok {
			r.fail("not an integer")
		}
		v.Big = b
	}
	if r.err == nil && len(r.data)-r.at < 8 {
		r.fail("truncated")
	}
	if r.err == nil {
		v.Float = math.Float64frombits(binary.LittleEndian.Uint64(r.data[r.at:]))
		r.at += 8
	}
	v.Str = r.string()
}

// nodeAs reads a node of type N (an interface over nodes, or a pointer to
// one): nil reads as N's zero value; a node of another type is corrupt.
func nodeAs[N any](r *reader) N {
	var zero N
	n := r.node()
	if n == nil {
		return zero
	}
	x, ok := n.(N)
	if !ok {
		r.fail("a %T where a %T is expected", n, zero)
		return zero
	}
	return x
}
