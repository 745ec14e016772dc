package parser

import (
	"bytes"
	"strings"

	"typd/parser/ast"
	"typd/parser/internal/cst"
)

// Per-symbol tables of the grammar, built once.
var (
	symNames   = cst.SymbolNames()
	fieldNames = cst.FieldNames()
	symKinds   = func() []kind {
		k := make([]kind, len(symNames))
		for i, n := range symNames {
			k[i] = kindByName[n]
		}
		return k
	}()
)

// converter turns one flat CST into AST nodes.
type converter struct {
	src   []byte
	nodes []cst.Node
	errs  []Error
	// typeComments maps a 1-based line to the text after "# type:" of a
	// type comment that ends that line (type: ignore comments excluded).
	typeComments map[int32]string
	ignores      []ast.TypeIgnore
	// unstarred is a list_splat node being converted as its operand alone,
	// while hoistStar moves the star above the chain built on it.
	unstarred uint32
	// splatOf holds, for the links of long attribute, call and subscript
	// chains, their splatBase plus one (0: not known yet).
	splatOf []uint32
	// semiEnd maps the last statement of a block that ends in ';' to the
	// span of that ';'.
	semiEnd map[ast.Stmt]ast.Span
	// fixups maps the byte offset of a placeholder identifier to the source
	// text it replaced (see misreadKeywords).
	fixups map[uint32]string
	// brokenEndLine is the last line of the first ERROR or MISSING node.
	brokenEndLine int32
	// defaultColons holds the offsets of the `:` that stand for PEP 696
	// defaults' `=` (see typeParamDefaults); typeParams deletes each it
	// meets.
	defaultColons map[uint32]bool
}

// placeholder gives, by length, the identifier that stands in for a
// misread keyword during the second parse.
var placeholder = map[int]string{4: "tYpE", 10: "__fUture__"}

// misreadKeywords finds the places where tree-sitter's grammar reads valid
// Python wrongly: `type(x).a = 1` taken for a PEP 695 type alias, and
// `from __future__ import *`, which the grammar rejects but CPython's parser
// accepts. It returns their offsets and original text.
func (c *converter) misreadKeywords() map[uint32]string {
	var fix map[uint32]string
	add := func(j uint32) {
		if fix == nil {
			fix = map[uint32]string{}
		}
		fix[c.nodes[j].StartByte] = c.text(j)
	}
	for j := uint32(0); j < uint32(len(c.nodes)); j++ {
		switch c.kind(j) {
		case kTypeAliasStatement:
			left := c.child(j, "left")
			inner := c.named(left)
			if len(inner) == 1 && (c.kind(inner[0]) == kIdentifier || c.kind(inner[0]) == kGenericType) {
				continue
			}
			if kw := c.kids(j); len(kw) > 0 && c.tok(kw[0]) == "type" {
				add(kw[0])
			}
		case kError:
			k := c.kids(j)
			if len(k) >= 3 && c.tok(k[0]) == "from" && c.tok(k[1]) == "__future__" && c.tok(k[2]) == "import" {
				add(k[1])
			}
		}
	}
	return fix
}

func newConverter(src []byte, nodes []cst.Node) *converter {
	return &converter{src: src, nodes: nodes}
}

// node accessors

func (c *converter) kind(i uint32) kind {
	n := &c.nodes[i]
	if n.Flags&cst.Error != 0 {
		return kError
	}
	if n.Flags&cst.Named == 0 {
		return kOther
	}
	return symKinds[n.Sym]
}

// tok returns the text of an anonymous token's symbol ("+", "async"), or "".
func (c *converter) tok(i uint32) string {
	n := &c.nodes[i]
	if n.Flags&cst.Named != 0 {
		return ""
	}
	return symName(n.Sym)
}

// symName returns the grammar's name of symbol s ("ERROR" for tree-sitter's error symbol).
func symName(s uint16) string {
	if int(s) < len(symNames) {
		return symNames[s]
	}
	return "ERROR"
}

func (c *converter) field(i uint32) string { return fieldNames[c.nodes[i].Field] }

func (c *converter) text(i uint32) string {
	n := &c.nodes[i]
	return string(c.src[n.StartByte:n.EndByte])
}

// kids returns the children of i, skipping comments and line continuations.
func (c *converter) kids(i uint32) []uint32 {
	var out []uint32
	end := c.nodes[i].End
	for j := i + 1; j < end; j = c.nodes[j].End {
		if c.nodes[j].Flags&cst.Extra != 0 {
			continue
		}
		out = append(out, j)
	}
	return out
}

// named returns the named children of i (comments excluded).
func (c *converter) named(i uint32) []uint32 {
	var out []uint32
	end := c.nodes[i].End
	for j := i + 1; j < end; j = c.nodes[j].End {
		n := &c.nodes[j]
		if n.Flags&cst.Extra != 0 || (n.Flags&(cst.Named|cst.Error) == 0) {
			continue
		}
		out = append(out, j)
	}
	return out
}

// child returns the first child of i in the given field, or 0.
func (c *converter) child(i uint32, field string) uint32 {
	end := c.nodes[i].End
	for j := i + 1; j < end; j = c.nodes[j].End {
		if fieldNames[c.nodes[j].Field] == field {
			return j
		}
	}
	return 0
}

// hasTok reports whether i has an anonymous child token t.
func (c *converter) hasTok(i uint32, t string) bool {
	end := c.nodes[i].End
	for j := i + 1; j < end; j = c.nodes[j].End {
		if c.tok(j) == t {
			return true
		}
	}
	return false
}

// span returns node i's source range as an ast.Span.
func (c *converter) span(i uint32) ast.Span {
	n := &c.nodes[i]
	return ast.Span{Lineno: int32(n.StartRow) + 1, ColOffset: int32(n.StartCol),
		EndLineno: int32(n.EndRow) + 1, EndColOffset: int32(n.EndCol)}
}

// spanFromTo spans from the start of node a to the end of node b.
func (c *converter) spanFromTo(a, b uint32) ast.Span {
	s := c.span(a)
	e := c.span(b)
	s.EndLineno, s.EndColOffset = e.EndLineno, e.EndColOffset
	return s
}

// spanTo returns s extended to end where n ends.
func spanTo(s ast.Span, n ast.Node) ast.Span {
	e := n.Pos()
	s.EndLineno, s.EndColOffset = e.EndLineno, e.EndColOffset
	return s
}

func (c *converter) errorAt(i uint32, msg string) {
	n := &c.nodes[i]
	c.errs = append(c.errs, Error{Line: int32(n.StartRow) + 1, Col: int32(n.StartCol), Msg: msg})
}

func (c *converter) errorSpan(s *ast.Span, msg string) {
	c.errs = append(c.errs, Error{Line: s.Lineno, Col: s.ColOffset, Msg: msg})
}

// badAssignment reports `f() = 1`, which the grammar leaves as an ERROR
// node holding the target and the "=", as CPython does.
func (c *converter) badAssignment(errNode uint32) bool {
	k := c.kids(errNode)
	if len(k) != 2 || c.tok(k[1]) != "=" || c.nodes[k[0]].Flags&cst.Named == 0 {
		return false
	}
	errsBefore := len(c.errs)
	target := c.expr(k[0])
	c.errs = c.errs[:errsBefore]
	c.checkTarget(target, ast.Store)
	if len(c.errs) == errsBefore {
		return false
	}
	// The whole target being wrong gets CPython's hint about '=='.
	e := &c.errs[errsBefore]
	sp := target.Pos()
	switch describeTarget(target) {
	case "None", "True", "False":
	default:
		if e.Line == sp.Lineno && e.Col == sp.ColOffset && e.Msg == "cannot assign to "+describeTarget(target) {
			e.Msg += " here. Maybe you meant '==' instead of '='?"
		}
	}
	return true
}

// module converts the root node.
func (c *converter) module() *ast.Module {
	c.collectComments()
	c.reportBroken(0)
	body := c.stmtList(0)
	return &ast.Module{Body: body, TypeIgnores: c.ignores}
}

// reportBroken records a syntax error for the first ERROR or MISSING node,
// with CPython's message where it can tell what went wrong.
func (c *converter) reportBroken(root uint32) {
	before := len(c.errs)
	c.firstBroken(root)
	if len(c.errs) == before {
		return
	}
	if e := c.badNumberSuffix(); e != nil {
		c.errs[before] = *e
		return
	}
	// CPython tokenizes the rest of the file after a parse error: a string
	// never closed, a stray or mismatched closing bracket wins, and so does
	// a bracket never closed when it opened on an earlier line than the
	// parse error, or when the parse error is not before it and nothing
	// but blanks follows it (the parser reached the end of the file inside
	// it).
	if e := tokenizerError(c.src); e != nil {
		stuckInside := c.errs[before].Line >= e.Line && c.blankAfter(e.Line, e.Col)
		if !strings.HasSuffix(e.Msg, "was never closed") || c.brokenEndLine > e.Line || stuckInside {
			c.errs[before] = *e
		}
	}
}

// blankAfter reports whether only blanks follow the character at a
// position (1-based line, 0-based byte column) to the end of the source.
func (c *converter) blankAfter(line, col int32) bool {
	i := 0
	for l := int32(1); l < line && i < len(c.src); i++ {
		if c.src[i] == '\n' {
			l++
		}
	}
	i += int(col) + 1
	return i <= len(c.src) && len(bytes.TrimSpace(c.src[i:])) == 0
}

// badNumberSuffix finds a number literal run straight into a name (`12abc`,
// `1__0`), which CPython's tokenizer rejects and tree-sitter splits in two.
func (c *converter) badNumberSuffix() *Error {
	for j := range c.nodes {
		n := &c.nodes[j]
		k := c.kind(uint32(j))
		if (k != kInteger && k != kFloat) || int(n.EndByte) >= len(c.src) {
			continue
		}
		if next := c.src[n.EndByte]; next == '_' || next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z' || next >= '0' && next <= '9' {
			return &Error{Line: int32(n.StartRow) + 1, Col: int32(n.StartCol) + 1, Msg: numberErrorMsg(c.text(uint32(j)))}
		}
	}
	return nil
}

// numberErrorMsg is CPython's message for a malformed literal written as text.
func numberErrorMsg(text string) string {
	if len(text) > 1 && text[0] == '0' {
		switch text[1] {
		case 'x', 'X':
			return "invalid hexadecimal literal"
		case 'o', 'O':
			return "invalid octal literal"
		case 'b', 'B':
			return "invalid binary literal"
		}
	}
	return "invalid decimal literal"
}

// firstBroken records the error for the first ERROR or MISSING node.
func (c *converter) firstBroken(root uint32) {
	for j := root; j < c.nodes[root].End; j++ {
		n := &c.nodes[j]
		c.brokenEndLine = int32(n.EndRow) + 1
		if n.Flags&cst.Error != 0 {
			if c.badAssignment(j) {
				return
			}
			// CPython points at the token where parsing got stuck, which is
			// where a one-line ERROR node ends.
			e := Error{Line: int32(n.StartRow) + 1, Col: int32(n.StartCol), Msg: "invalid syntax"}
			if n.EndRow == n.StartRow {
				e.Col = int32(n.EndCol)
			}
			c.errs = append(c.errs, e)
			return
		}
		if n.Flags&cst.Missing != 0 {
			c.errs = append(c.errs, Error{Line: int32(n.StartRow) + 1, Col: int32(n.StartCol), Msg: "invalid syntax"})
			return
		}
	}
}
