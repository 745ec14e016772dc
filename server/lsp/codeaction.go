package lsp

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"typd/checker"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"typd/suggest"
)

// CodeAction offers, for each of typd's errors in the range, to silence
// it with a `# type: ignore[code]` comment, and, on a def with no
// annotation, to add the annotations dmypy's suggest infers from its call
// sites and returns (with the typing imports they need).
func (s *server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	path, err := s.documentPath(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	text, err := s.text(path)
	if err != nil {
		return nil, nil
	}
	var out []protocol.CommandOrCodeAction
	quickfix, rewrite := protocol.CodeActionKindQuickFix, protocol.CodeActionKindRefactorRewrite
	seen := map[string]bool{}
	for _, d := range params.Context.Diagnostics {
		code, _ := d.Code.(protocol.String)
		if src, _ := d.Source.Get(); src != "typd" || code == "" {
			continue
		}
		line := int(d.Range.Start.Line)
		key := fmt.Sprintf("%s@%d", code, line)
		if seen[key] {
			continue
		}
		seen[key] = true
		edit, ok := ignoreEdit(text, line, string(code))
		if !ok {
			continue
		}
		out = append(out, &protocol.CodeAction{Title: "Ignore this error: # type: ignore[" + string(code) + "]",
			Kind: &quickfix, Diagnostics: []protocol.Diagnostic{d},
			Edit: &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{params.TextDocument.URI: {edit}}}})
	}
	if edits := s.annotationEdits(ctx, path, text, int(params.Range.Start.Line)); len(edits) > 0 {
		out = append(out, &protocol.CodeAction{Title: "Add inferred annotations", Kind: &rewrite,
			Edit: &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{params.TextDocument.URI: edits}}})
	}
	return out, nil
}

// ignoreEdit is the edit that adds code to the `# type: ignore[...]` of
// a line, or the comment itself (before any other comment on the line);
// false when the line ignores every error already.
func ignoreEdit(text []byte, line int, code string) (protocol.TextEdit, bool) {
	starts := lineStarts(text)
	l, ok := lineText(text, starts, line)
	if !ok {
		return protocol.TextEdit{}, false
	}
	comment := commentStart(l)
	if comment >= 0 {
		if m := ignoreComment.FindSubmatchIndex(l[comment:]); m != nil {
			if m[2] < 0 {
				return protocol.TextEdit{}, false // a bare ignore: every error is ignored
			}
			at := comment + m[3]
			pos := protocol.Position{Line: uint32(line), Character: uint32(utf16Column(l, at))}
			return protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: ", " + code}, true
		}
	}
	at, insert := len(l), "  # type: ignore["+code+"]"
	if comment >= 0 {
		at, insert = comment, "# type: ignore["+code+"]  "
	}
	pos := protocol.Position{Line: uint32(line), Character: uint32(utf16Column(l, at))}
	return protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: insert}, true
}

// ignoreComment matches a `# type: ignore` comment; group 1 is its
// bracketed codes, without the brackets.
var ignoreComment = regexp.MustCompile(`^#\s*type:\s*ignore(?:\[([^\]]*)\])?`)

// commentStart is the byte offset of a line's comment, -1 when it has
// none (a # inside a string literal does not count).
func commentStart(line []byte) int {
	var quote byte
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case quote != 0 && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '\'' || c == '"':
			quote = c
		case c == '#':
			return i
		}
	}
	return -1
}

// annotationEdits are the edits that annotate the def around a line, when
// it has no annotation at all: each parameter's suggested type after its
// name, the return type after the parameter list, and an import of the
// typing names the types use that the module does not bind.
func (s *server) annotationEdits(ctx context.Context, path string, text []byte, line int) []protocol.TextEdit {
	snap, _, err := s.checks.await(ctx)
	if err != nil {
		return nil
	}
	ins, err := snap.Inspect(path)
	if err != nil || string(ins.Text) != string(text) {
		return nil
	}
	var ann *suggest.Annotation
	snap.Exclusive(func(r checker.Reader) { ann, err = suggest.Annotate(r, path, line+1, suggest.Options{FlexAny: -1}) })
	if err != nil || ann.Def.IsAnnotated() || ann.Def.Lineno > int32(line+1) || ann.Def.EndLineno < int32(line+1) {
		return nil
	}
	starts := lineStarts(text)
	at := func(l, col int) protocol.Position {
		lt, _ := lineText(text, starts, l-1)
		return protocol.Position{Line: uint32(l - 1), Character: uint32(utf16Column(lt, col))}
	}
	var edits []protocol.TextEdit
	var used []string
	for _, p := range ann.Params {
		l, col := int(p.Arg.EndLineno), int(p.Arg.EndColOffset)
		start, end, insert := at(l, col), at(l, col), ": "+p.Type
		if lt, ok := lineText(text, starts, l-1); ok && col <= len(lt) {
			// A default: `b=2` becomes `b: int = 2`, as PEP 8 writes it.
			rest := lt[col:]
			blanks := len(rest) - len(strings.TrimLeft(string(rest), " \t"))
			if blanks < len(rest) && rest[blanks] == '=' {
				insert += " ="
				if blanks+1 == len(rest) || rest[blanks+1] != ' ' {
					insert += " "
				}
				end = at(l, col+blanks+1)
			}
		}
		edits = append(edits, protocol.TextEdit{Range: protocol.Range{Start: start, End: end}, NewText: insert})
		used = append(used, p.Type)
	}
	if ann.Return != "" {
		if l, col, ok := parametersEnd(text, starts, int(ann.Def.Lineno), int(ann.Def.ColOffset)); ok {
			pos := at(l, col)
			edits = append(edits, protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: " -> " + ann.Return})
			used = append(used, ann.Return)
		}
	}
	if imp, ok := typingImport(ins.Binds, used, text, starts); ok {
		edits = append(edits, imp)
	}
	return edits
}

// parametersEnd finds the position just after the `)` that closes a def's
// parameter list, from the def's start (strings in defaults skipped).
func parametersEnd(text []byte, starts []int, line, col int) (int, int, bool) {
	off := starts[line-1] + col
	depth := 0
	var quote byte
	for i := off; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0 && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				l := lineOf(starts, i)
				return l + 1, i + 1 - starts[l], true
			}
		}
	}
	return 0, 0, false
}

// lineOf is the 0-based line holding a byte offset.
func lineOf(starts []int, off int) int {
	i, _ := slices.BinarySearch(starts, off+1)
	return i - 1
}

// typingNames are the names of typing that suggested types may use.
var typingNames = []string{"Any", "Callable", "Dict", "FrozenSet", "Iterable", "Iterator", "List", "Optional",
	"Sequence", "Set", "Tuple", "Type", "Union"}

// typingImport is the edit importing from typing the names the types
// use that the module does not bind, put after the module's docstring and
// __future__ imports.
func typingImport(bound func(string) bool, typesUsed []string, text []byte, starts []int) (protocol.TextEdit, bool) {
	var need []string
	for _, name := range typingNames {
		re := regexp.MustCompile(`\b` + name + `\b`)
		for _, t := range typesUsed {
			if re.MatchString(t) && !bound(name) && !slices.Contains(need, name) {
				need = append(need, name)
			}
		}
	}
	if len(need) == 0 {
		return protocol.TextEdit{}, false
	}
	line := 0
	for n := range starts {
		l, _ := lineText(text, starts, n)
		t := strings.TrimSpace(string(l))
		if strings.HasPrefix(t, "from __future__ import") || n == 0 && (strings.HasPrefix(t, `"""`) || strings.HasPrefix(t, `'''`)) && strings.Count(t, t[:3]) >= 2 {
			line = n + 1
		} else if t != "" && !strings.HasPrefix(t, "#") {
			break
		}
	}
	pos := protocol.Position{Line: uint32(line)}
	return protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: "from typing import " + strings.Join(need, ", ") + "\n"}, true
}
