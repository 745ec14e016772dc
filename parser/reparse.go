package parser

import (
	"bytes"
	"slices"

	"typd/parser/ast"
)

// Reparse parses src, a new text of the file whose previous text oldSrc
// parsed to old, and returns exactly what Parse(src) returns. When the edit
// lies inside one def or class statement (the common case while editing a
// function body), only that statement's lines are parsed again and spliced
// into old's module, and the positions of what follows are shifted: a
// one-line edit in a 7,500-line file costs a fraction of a millisecond
// instead of the whole file's parse. Otherwise, when the edit lies among
// module-level statements (a new def or import, a changed assignment), only
// the module-level statements it touches are parsed again. Otherwise it
// parses src from scratch.
//
// Reparse leaves old unchanged, and old stays valid: the new tree shares
// the statements the edit does not move and copies the others. The File
// returned is always a new one.
func Reparse(old *File, oldSrc, src []byte) *File {
	if e, ok := editBetween(old, oldSrc, src); ok {
		if f := splice(old, oldSrc, src, e); f != nil {
			return f
		}
		if f := spliceTop(old, oldSrc, src, e); f != nil {
			return f
		}
	}
	return Parse(src)
}

// edit is the change from one text to the next: src[start:newEnd]
// replaces oldSrc[start:oldEnd].
type edit struct{ start, oldEnd, newEnd int }

// editBetween returns the edit from oldSrc to src; false when there is none
// or old cannot be spliced (it has a syntax error, or a text is not read as
// it is: see isPlain).
func editBetween(old *File, oldSrc, src []byte) (edit, bool) {
	if old == nil || len(old.Errors) > 0 || !isPlain(oldSrc) || !isPlain(src) {
		return edit{}, false
	}
	start := commonPrefix(oldSrc, src)
	suffix := commonSuffix(oldSrc[start:], src[start:])
	e := edit{start, len(oldSrc) - suffix, len(src) - suffix}
	return e, e.oldEnd > start || e.newEnd > start
}

// spliceTop reparses only the whole lines of the module-level statements
// the edit from oldSrc to src touches (none, when it only adds statements
// between two, or at the end), or returns nil when that cannot give Parse's
// result. A module-level statement starts a line at column 0, and the text
// between two holds only blank and comment lines, so those lines parse
// alone as they parse in the file, provided that the part parses without
// error (an edit that opens a bracket, a string or a block reaching past it
// does not).
func spliceTop(old *File, oldSrc, src []byte, e edit) *File {
	start, oldEnd, newEnd := e.start, e.oldEnd, e.newEnd
	oldLines := newLineIndex(oldSrc)
	firstLine, lastLine := oldLines.lineOf(start), oldLines.lineOf(max(start, oldEnd-1))
	// The statements whose lines meet the edit's: body[i:j].
	body := old.Module.Body
	i := 0
	for i < len(body) && body[i].Pos().EndLineno < firstLine {
		i++
	}
	j := i
	for j < len(body) && stmtFirstLine(body[j]) <= lastLine {
		j++
	}
	first, last := firstLine, lastLine
	if i < j {
		first, last = min(first, stmtFirstLine(body[i])), max(last, body[j-1].Pos().EndLineno)
	}
	// No statement left out may share a line with the part.
	if i > 0 && body[i-1].Pos().EndLineno >= first || j < len(body) && stmtFirstLine(body[j]) <= last {
		return nil
	}
	partStart := oldLines.offset(first, 0)
	oldPartEnd := len(oldSrc)
	if int(last) < len(oldLines) {
		oldPartEnd = oldLines[last]
	}
	if partStart > start || oldPartEnd < oldEnd {
		return nil
	}
	newPartEnd := oldPartEnd + newEnd - oldEnd
	if newPartEnd < len(src) && newPartEnd > partStart && src[newPartEnd-1] != '\n' {
		return nil // (the edit joins the part to the line after it)
	}
	text := src[partStart:newPartEnd]
	if len(text) > 0 && !isPlain(text) {
		return nil
	}
	part := Parse(text)
	if len(part.Errors) > 0 {
		return nil
	}
	// Commit: nothing below can fail. The statements before the part are
	// shared; those after it are shared too when no line was added or
	// removed, else copied and moved.
	shift := first - 1
	lineDelta := int32(bytes.Count(src[start:newEnd], newline) - bytes.Count(oldSrc[start:oldEnd], newline))
	fresh := part.Module.Body
	for _, s := range fresh {
		moveLines(s, shift)
	}
	var out []ast.Stmt // (nil for no statement, as Parse gives it)
	out = append(append(out, body[:i]...), fresh...)
	for _, s := range body[j:] {
		if lineDelta != 0 {
			s = ast.Clone(s)
			moveLines(s, lineDelta)
		}
		out = append(out, s)
	}
	return &File{Module: &ast.Module{Body: out,
		TypeIgnores: spliceIgnores(old.Module.TypeIgnores, part.Module.TypeIgnores, first, last, shift, lineDelta)}}
}

// splice reparses only the def or class statement that contains the edit
// e from oldSrc to src, or returns nil when that cannot give Parse's
// result.
func splice(old *File, oldSrc, src []byte, e edit) *File {
	start, oldEnd, newEnd := e.start, e.oldEnd, e.newEnd
	oldLines := newLineIndex(oldSrc)
	u := findUnit(old.Module.Body, oldLines, start, oldEnd)
	if u == nil {
		return nil
	}
	unit := *u.slot
	span := unit.Pos()
	first := unitFirstLine(unit)
	unitStart := oldLines.offset(first, 0)
	unitEnd := oldLines.offset(span.EndLineno, span.EndColOffset)
	// The statement's own indentation must stay: the lines after it were
	// read against it.
	indent := leadingBlanks(oldSrc[unitStart:])
	if start < unitStart || oldEnd > unitEnd || !bytes.Equal(leadingBlanks(src[unitStart:]), indent) {
		return nil
	}
	// The new statement ends where the old one did, moved by the edit; the
	// rest of its last line may hold only blanks and a comment.
	end := unitEnd + newEnd - oldEnd
	lineEnd := end
	for lineEnd < len(src) && src[lineEnd] != '\n' {
		lineEnd++
	}
	if !blankOrComment(src[end:lineEnd]) {
		return nil
	}
	if lineEnd < len(src) {
		lineEnd++
	}
	// Enclosing blocks become `if 1:` headers at their indentation, so the
	// statement keeps its own indentation, columns and context-free syntax.
	// An elif's block and the if's share an indentation: one header each.
	var text, prev []byte
	wrappers := 0
	for i, enc := range u.enclosing {
		indent := leadingBlanks(oldLines.line(oldSrc, int(enc.Pos().Lineno)))
		if i > 0 && bytes.Equal(indent, prev) {
			continue
		}
		prev = indent
		wrappers++
		text = append(text, indent...)
		text = append(text, "if 1:\n"...)
	}
	text = append(text, src[unitStart:lineEnd]...)
	part := Parse(text)
	if len(part.Errors) > 0 {
		return nil
	}
	body := part.Module.Body
	for range wrappers {
		if len(body) != 1 {
			return nil
		}
		wrap, ok := body[0].(*ast.If)
		if !ok || len(wrap.Orelse) > 0 {
			return nil
		}
		body = wrap.Body
	}
	if len(body) != 1 || !isUnit(body[0]) {
		return nil
	}
	fresh := body[0]
	shift := first - 1 - int32(wrappers)
	moveLines(fresh, shift)
	lineDelta := int32(bytes.Count(src[start:newEnd], newline) - bytes.Count(oldSrc[start:oldEnd], newline))
	endCol := int32(end - (bytes.LastIndexByte(src[:end], '\n') + 1))
	fs := fresh.Pos()
	if unitFirstLine(fresh) != first || fs.EndLineno != span.EndLineno+lineDelta || fs.EndColOffset != endCol {
		return nil
	}
	// Commit: nothing below can fail. The old tree is left as it is: the
	// nodes whose positions change (those around the edit, and those after
	// it when the line count changed) are copied and changed; the others
	// are shared (shiftAfter leaves exactly those alone).
	oldEndLine, oldEndCol := span.EndLineno, span.EndColOffset
	unmoved := func(n ast.Node) bool {
		sp := n.Pos()
		return sp.EndLineno < first || sp.Lineno > oldEndLine && lineDelta == 0
	}
	body = slices.Clone(old.Module.Body)
	var changed []ast.Stmt
	for i, s := range body {
		if !unmoved(s) {
			body[i] = ast.CloneSharing(s, unmoved)
			changed = append(changed, body[i])
		}
	}
	*findUnit(body, oldLines, start, oldEnd).slot = fresh
	shiftAfter(changed, fresh, first, oldEndLine, oldEndCol, lineDelta, fs.EndColOffset)
	// A new File and Module: a parse's identity stands for its content.
	return &File{Module: &ast.Module{Body: body,
		TypeIgnores: spliceIgnores(old.Module.TypeIgnores, part.Module.TypeIgnores, first, oldEndLine, shift, lineDelta)}}
}

// isPlain reports whether Parse reads src as it is: UTF-8 without a BOM, a
// non-UTF-8 encoding declaration or carriage returns.
func isPlain(src []byte) bool {
	if len(src) == 0 {
		return false
	}
	text, err := decodeSource(src)
	return err == nil && len(text) == len(src) && &text[0] == &src[0]
}

var newline = []byte{'\n'}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// lineIndex holds the byte offset at which each line starts (index 0 is
// line 1).
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return idx
		}
		i += j + 1
		idx = append(idx, i)
	}
}

// offset returns the byte offset of a 1-based line and a byte column.
func (l lineIndex) offset(line, col int32) int {
	if line < 1 || int(line) > len(l) {
		return -1
	}
	return l[line-1] + int(col)
}

// lineOf returns the 1-based line holding byte offset off.
func (l lineIndex) lineOf(off int) int32 {
	lo, hi := 0, len(l)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if l[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return int32(lo + 1)
}

// line returns the text of a 1-based line without its newline.
func (l lineIndex) line(src []byte, n int) []byte {
	start := l[n-1]
	end := len(src)
	if n < len(l) {
		end = l[n] - 1
	}
	return src[start:end]
}

func leadingBlanks(line []byte) []byte {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f') {
		i++
	}
	return line[:i]
}

func blankOrComment(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t\f")
	return len(rest) == 0 || rest[0] == '#'
}

// unitRef is the innermost def or class statement holding an edit: the
// slot that holds it and the compound statements around it, outermost
// first.
type unitRef struct {
	slot      *ast.Stmt
	enclosing []ast.Stmt
}

func isUnit(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.FunctionDef, *ast.ClassDef:
		return true
	}
	return false
}

// unitFirstLine returns the line a def or class starts on, its decorators
// included.
func unitFirstLine(s ast.Stmt) int32 {
	line := s.Pos().Lineno
	for _, d := range ast.Decorators(s) {
		line = min(line, d.Pos().Lineno)
	}
	return line
}

// findUnit returns the innermost def or class of body whose lines hold the
// bytes start..end of the old text, or nil.
func findUnit(body []ast.Stmt, lines lineIndex, start, end int) *unitRef {
	lo, hi := lines.lineOf(start), lines.lineOf(max(end-1, start))
	var best *unitRef
	var enclosing []ast.Stmt
	for {
		var next []ast.Stmt
		for i, s := range body {
			sp := s.Pos()
			if stmtFirstLine(s) > lo || sp.EndLineno < hi {
				continue
			}
			if isUnit(s) {
				best = &unitRef{slot: &body[i], enclosing: append([]ast.Stmt(nil), enclosing...)}
			}
			next = subBody(s, lo, hi)
			enclosing = append(enclosing, s)
			break
		}
		if next == nil {
			return best
		}
		body = next
	}
}

// stmtFirstLine is a statement's first line, decorators included.
func stmtFirstLine(s ast.Stmt) int32 {
	if isUnit(s) {
		return unitFirstLine(s)
	}
	return s.Pos().Lineno
}

// subBody returns the block of a compound statement whose lines hold
// lo..hi, or nil.
func subBody(s ast.Stmt, lo, hi int32) []ast.Stmt {
	for _, b := range ast.Blocks(s) {
		if len(b) > 0 && stmtFirstLine(b[0]) <= lo && b[len(b)-1].Pos().EndLineno >= hi {
			return b
		}
	}
	return nil
}

// moveLines adds delta to every line of the tree rooted at n.
func moveLines(n ast.Node, delta int32) {
	ast.Inspect(n, func(c ast.Node) bool {
		if sp := c.Pos(); sp != nil {
			sp.Lineno += delta
			sp.EndLineno += delta
		}
		return true
	})
}

// shiftAfter fixes the positions outside the fresh statement, which
// replaced one spanning lines first..oldEndLine: what follows moves by
// lineDelta lines, and the statements that ended where the old one ended
// (those around it) now end where the fresh one ends.
func shiftAfter(stmts []ast.Stmt, fresh ast.Node, first, oldEndLine, oldEndCol, lineDelta, newEndCol int32) {
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			if n == fresh {
				return false
			}
			sp := n.Pos()
			if sp == nil {
				return true
			}
			switch {
			case sp.EndLineno < first:
				return false
			case sp.Lineno > oldEndLine:
				if lineDelta == 0 {
					return false
				}
				sp.Lineno += lineDelta
				sp.EndLineno += lineDelta
			case sp.EndLineno == oldEndLine && sp.EndColOffset == oldEndCol:
				sp.EndLineno += lineDelta
				sp.EndColOffset = newEndCol
			case sp.EndLineno > oldEndLine:
				sp.EndLineno += lineDelta
			}
			return true
		})
	}
}

// spliceIgnores replaces the type-ignore comments of lines
// first..oldEndLine with those of the fresh parse (moved by shift lines),
// and moves the later ones by lineDelta.
func spliceIgnores(old, fresh []ast.TypeIgnore, first, oldEndLine, shift, lineDelta int32) []ast.TypeIgnore {
	var out []ast.TypeIgnore
	i := 0
	for ; i < len(old) && old[i].Lineno < first; i++ {
		out = append(out, old[i])
	}
	for _, t := range fresh {
		t.Lineno += shift
		out = append(out, t)
	}
	for ; i < len(old); i++ {
		if old[i].Lineno > oldEndLine {
			t := old[i]
			t.Lineno += lineDelta
			out = append(out, t)
		}
	}
	return out
}
