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
	"runtime"
	"sort"
	"sync"

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
// or declare its encoding in a PEP 263 comment. A large file is cut at
// top-level statements into pieces parsed in parallel, one per core; when
// a piece has a syntax error, the whole file is parsed again, so the
// errors are those of one parse.
func Parse(src []byte) *File {
	text, err := decodeSource(src)
	if err != nil {
		return &File{Module: &ast.Module{}, Errors: []Error{*err}}
	}
	e, cuts, indent := scanLayoutIndent(text, parallelParts(len(text)))
	if e != nil {
		return &File{Module: &ast.Module{}, Errors: []Error{*e}}
	}
	var f *File
	if len(cuts) > 0 && indent == nil {
		f = parseParts(text, cuts)
	}
	if f == nil {
		f = parseText(text)
	}
	// tree-sitter reads an unexpected indent as a block, and a missing
	// block as an empty one; CPython's parser stops there unless it
	// stopped before.
	if indent != nil && (len(f.Errors) == 0 || f.Errors[0].Line > indent.Line ||
		f.Errors[0].Line == indent.Line && f.Errors[0].Col > indent.Col) {
		f.Errors = []Error{*indent}
	}
	return f
}

// minPartSize is the least share of a file's bytes worth a parser of its
// own: below it, a goroutine's start and the merge cost more than they win.
const minPartSize = 512 << 10

// parallelParts is how many pieces a text of n bytes is parsed in.
func parallelParts(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/minPartSize))
}

// parseParts parses text cut into pieces at cuts, in parallel, and joins
// their statements, moved to their lines in text; it returns nil when a
// piece has a syntax error.
func parseParts(text []byte, cuts []cut) *File {
	bounds := append([]cut{{offset: 0, line: 1}}, cuts...)
	files := make([]*File, len(bounds))
	panics := make([]any, len(bounds))
	var wg sync.WaitGroup
	for i, b := range bounds {
		end := len(text)
		if i+1 < len(bounds) {
			end = bounds[i+1].offset
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A panic (a bug) goes on in the caller's goroutine, where the
			// front end can recover it.
			defer func() { panics[i] = recover() }()
			files[i] = parseText(text[b.offset:end])
		}()
	}
	wg.Wait()
	for _, v := range panics {
		if v != nil {
			panic(v)
		}
	}
	mod := &ast.Module{Body: []ast.Stmt{}}
	for i, f := range files {
		if len(f.Errors) > 0 {
			return nil
		}
		delta := bounds[i].line - 1
		for _, s := range f.Module.Body {
			if delta != 0 {
				moveLines(s, delta)
			}
			mod.Body = append(mod.Body, s)
		}
		for _, t := range f.Module.TypeIgnores {
			t.Lineno += delta
			mod.TypeIgnores = append(mod.TypeIgnores, t)
		}
	}
	return &File{Module: mod}
}

// parseText parses decoded source text.
func parseText(text []byte) *File {
	fail := func(err error) *File {
		return &File{Module: &ast.Module{}, Errors: []Error{{Line: 1, Msg: err.Error()}}}
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
		// PEP 696 defaults (`class C[T = int]`): parsed as bounds, then
		// read back as defaults (see typeParamDefaults).
		if offs := typeParamDefaults(text); len(offs) > 0 {
			masked := append([]byte(nil), text...)
			defaults := map[uint32]bool{}
			for _, o := range offs {
				masked[o] = ':'
				defaults[o] = true
			}
			if t2, err := cst.Parse(masked); err == nil && !hasBroken(t2) {
				if f := convert(masked, t2, fix, defaults); f != nil {
					return f
				}
			}
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
	return convert(text, tree, fix, nil)
}

// convert converts a parsed tree of text into a file, with the misread
// keywords fix hid and the PEP 696 defaults' colons defaults names (see
// typeParamDefaults); it returns nil when a colon of defaults is not met
// as a type parameter's default (the text was not what it seemed).
func convert(text []byte, tree *cst.Tree, fix map[uint32]string, defaults map[uint32]bool) *File {
	c := newConverter(text, tree.Nodes)
	if e := c.nestingError(); e != nil {
		return &File{Module: &ast.Module{}, Errors: []Error{*e}}
	}
	c.fixups, c.defaultColons = fix, defaults
	mod := c.module()
	if len(c.defaultColons) > 0 {
		return nil
	}
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
