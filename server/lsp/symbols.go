package lsp

import (
	"context"
	"typd/checker"

	"go.lsp.dev/protocol"

	"typd/inspect"
	"typd/parser/ast"
)

// DocumentSymbol outlines a document: its classes (with their methods
// and class variables), functions and module-level variables, as the
// latest check parsed it. A document that does not parse has no outline.
func (s *server) DocumentSymbol(ctx context.Context, params *protocol.DocumentSymbolParams) (protocol.DocumentSymbolResult, error) {
	path, err := s.documentPath(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	snap, _, err := s.checks.await(ctx)
	if err != nil {
		return nil, nil
	}
	ins, err := snap.Inspect(path)
	if err != nil {
		return nil, nil
	}
	return protocol.DocumentSymbolSlice(outline(ins.Text, ins.Module.Body, false)), nil
}

// outline lists the symbols a block defines; inClass says the block is a
// class body (its defs are methods).
func outline(text []byte, body []ast.Stmt, inClass bool) []protocol.DocumentSymbol {
	out := []protocol.DocumentSymbol{}
	seen := map[string]bool{}
	for _, st := range body {
		switch x := st.(type) {
		case *ast.FunctionDef:
			kind := protocol.SymbolKindFunction
			if inClass {
				kind = protocol.SymbolKindMethod
			}
			out = append(out, defSymbol(text, st, x.Name, kind, x.DecoratorList, nil))
		case *ast.ClassDef:
			out = append(out, defSymbol(text, st, x.Name, protocol.SymbolKindClass, x.DecoratorList, outline(text, x.Body, true)))
		default:
			for _, target := range assignedNames(st) {
				if seen[target.ID] {
					continue
				}
				seen[target.ID] = true
				sp := st.Pos()
				name := spanRange(text, int(target.Lineno), int(target.ColOffset), int(target.EndLineno), int(target.EndColOffset))
				out = append(out, protocol.DocumentSymbol{Name: target.ID, Kind: protocol.SymbolKindVariable,
					Range:          spanRange(text, int(sp.Lineno), int(sp.ColOffset), int(sp.EndLineno), int(sp.EndColOffset)),
					SelectionRange: name})
			}
		}
	}
	return out
}

// defSymbol is the symbol of a def or class: its range covers its
// decorators, its selection range is its name.
func defSymbol(text []byte, st ast.Stmt, name string, kind protocol.SymbolKind, decorators []ast.Expr, children []protocol.DocumentSymbol) protocol.DocumentSymbol {
	sp := st.Pos()
	line, col := int(sp.Lineno), int(sp.ColOffset)
	for _, d := range decorators {
		if dp := d.Pos(); int(dp.Lineno) < line {
			line, col = int(dp.Lineno), int(dp.ColOffset)-1 // the @ before it
		}
	}
	nameCol := nameColumn(text, int(sp.Lineno), int(sp.ColOffset), name)
	return protocol.DocumentSymbol{Name: name, Kind: kind, Children: children,
		Range:          spanRange(text, line, max(col, 0), int(sp.EndLineno), int(sp.EndColOffset)),
		SelectionRange: spanRange(text, int(sp.Lineno), nameCol, int(sp.Lineno), nameCol+len(name))}
}

// assignedNames are the plain names a statement assigns (`x = 1`,
// `x: int`, `a, b = ...`).
func assignedNames(st ast.Stmt) []*ast.Name {
	var targets []ast.Expr
	switch x := st.(type) {
	case *ast.Assign:
		targets = x.Targets
	case *ast.AnnAssign:
		targets = []ast.Expr{x.Target}
	}
	var out []*ast.Name
	for _, t := range targets {
		ast.TargetLeaves(t, func(e ast.Expr) {
			if n, ok := e.(*ast.Name); ok {
				out = append(out, n)
			}
		})
	}
	return out
}

// InlayHint shows the types the check inferred for the names that
// assignments in the range bind without an annotation.
func (s *server) InlayHint(ctx context.Context, params *protocol.InlayHintParams) ([]protocol.InlayHint, error) {
	q, ok, err := s.locate(ctx, params.TextDocument.URI, params.Range.Start)
	if !ok {
		return nil, err
	}
	var hints []inspect.Hint
	q.snap.Exclusive(func(checker.Reader) { hints = inspect.VariableTypes(q.ins, q.line, int(params.Range.End.Line)+1) })
	out := []protocol.InlayHint{}
	starts := lineStarts(q.ins.Text)
	for _, h := range hints {
		line, _ := lineText(q.ins.Text, starts, h.Line-1)
		out = append(out, protocol.InlayHint{Label: protocol.String(h.Label), Kind: protocol.InlayHintKindType,
			Position: protocol.Position{Line: uint32(h.Line - 1), Character: uint32(utf16Column(line, h.Col))}})
	}
	return out, nil
}
