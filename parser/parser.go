// Package parser turns Python source into typd's AST (package parser/ast).
//
// It runs tree-sitter's Python grammar (package parser/internal/cst), then
// converts the flat concrete syntax tree into ast nodes with CPython's
// positions, decodes literals as CPython does, and validates what the
// permissive grammar accepts but CPython rejects (Python 2 statements, bad
// numeric literals, invalid assignment targets, ...). Where the grammar
// misreads valid Python, the source is parsed a second time with the
// misread spot disguised (see misreadKeywords and joinBracketedLines).
//
// Parsing never fails: every byte sequence yields a module (possibly empty or
// partial) and a list of syntax errors, first error first.
package parser

import (
	"sort"

	"typd/parser/ast"
	"typd/parser/internal/cst"
)

// Error is a syntax error. Line is 1-based; Col is a 0-based byte column.
type Error struct {
	Line int32
	Col  int32
	Msg  string
}

// File is the result of parsing one source file.
type File struct {
	Module *ast.Module
	// Errors are the syntax errors in source order; when there are any,
	// Module holds what could be recovered.
	Errors []Error
}

// Parse parses one Python source file. The source may start with a UTF-8 BOM
// or declare its encoding in a PEP 263 comment.
func Parse(src []byte) *File {
	text, err := decodeSource(src)
	if err != nil {
		return &File{Module: &ast.Module{}, Errors: []Error{*err}}
	}
	fail := func(err error) *File {
		return &File{Module: &ast.Module{}, Errors: []Error{{Line: 1, Msg: err.Error()}}}
	}
	if e := layoutError(text); e != nil {
		return &File{Module: &ast.Module{}, Errors: []Error{*e}}
	}
	tree, perr := cst.Parse(text)
	if perr != nil {
		return fail(perr)
	}
	fix := newConverter(text, tree.Nodes).misreadKeywords()
	if len(fix) > 0 {
		// Hide the keywords the grammar misreads behind same-length
		// identifiers and parse again; identifier() restores their text.
		text = append([]byte(nil), text...)
		for off := range fix {
			copy(text[off:], placeholder[len(fix[off])])
		}
		if tree, perr = cst.Parse(text); perr != nil {
			return fail(perr)
		}
	}
	if hasBroken(tree) {
		if joined := joinBracketedLines(text); joined != nil {
			if t2, err := cst.Parse(joined); err == nil && !hasBroken(t2) {
				relocate(t2.Nodes, text)
				tree = t2
			}
		}
	}
	c := newConverter(text, tree.Nodes)
	if e := c.nestingError(); e != nil {
		return &File{Module: &ast.Module{}, Errors: []Error{*e}}
	}
	c.fixups = fix
	mod := c.module()
	sort.SliceStable(c.errs, func(i, j int) bool {
		a, b := c.errs[i], c.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return &File{Module: mod, Errors: c.errs}
}

// hasBroken reports whether the tree has an ERROR or MISSING node.
func hasBroken(t *cst.Tree) bool {
	for i := range t.Nodes {
		if t.Nodes[i].Flags&(cst.Error|cst.Missing) != 0 {
			return true
		}
	}
	return false
}
