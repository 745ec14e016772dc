package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"typd/checker"
	"typd/checker/typeshed"
	"typd/inspect"
	"typd/parser/ast"
)

// workspaceRoot is the folder the client opened: its first workspace
// folder, else rootUri, else rootPath.
func workspaceRoot(params *protocol.InitializeParams) (string, error) {
	if folders, ok := params.WorkspaceFolders.Get(); ok && len(folders) > 0 {
		return filePath(folders[0].URI)
	}
	if params.RootURI != nil && !params.RootURI.IsZero() {
		return filePath(*params.RootURI)
	}
	if p, ok := params.RootPath.Get(); ok && p != "" {
		return filepath.Abs(p)
	}
	return "", errors.New("no workspace folder: typd checks a folder (open one, or give rootUri)")
}

// filePath is the absolute path of a file URI.
func filePath(u uri.URI) (string, error) {
	if !u.IsFile() {
		return "", fmt.Errorf("%s is not a file URI", u)
	}
	return filepath.Clean(u.FsPath()), nil
}

// initializationArgs reads initializationOptions: {"args": ["--strict", ...]}
// adds mypy flags.
func initializationArgs(opts protocol.LSPAny) ([]string, error) {
	if len(opts) == 0 || string(opts) == "null" {
		return nil, nil
	}
	var o struct {
		Args []string `json:"args"`
	}
	if err := json.Unmarshal(opts, &o); err != nil {
		return nil, fmt.Errorf("initializationOptions: %v (want {\"args\": [mypy flags]})", err)
	}
	return o.Args, nil
}

// document returns the path (relative to the root) of a document URI, or
// an error for a URI outside the workspace.
func (s *server) documentPath(u uri.URI) (string, error) {
	abs, err := filePath(u)
	if err != nil {
		return "", jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
	}
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	rel, err := filepath.Rel(root, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return "", jsonrpc2.NewError(jsonrpc2.InvalidParams, abs+" is outside the workspace "+root)
	}
	return filepath.ToSlash(rel), nil
}

// DidOpen lays a buffer over the disk and checks again.
func (s *server) DidOpen(ctx context.Context, params *protocol.DidOpenTextDocumentParams) error {
	return s.edit(params.TextDocument.URI, func(path string) error {
		s.docs[path] = &document{version: params.TextDocument.Version, text: []byte(params.TextDocument.Text)}
		return nil
	})
}

// DidChange applies the changes to the buffer, in order, and checks again.
func (s *server) DidChange(ctx context.Context, params *protocol.DidChangeTextDocumentParams) error {
	return s.edit(params.TextDocument.URI, func(path string) error {
		d, ok := s.docs[path]
		if !ok {
			return fmt.Errorf("didChange of %s, which is not open", path)
		}
		text := d.text
		for _, change := range params.ContentChanges {
			var err error
			if text, err = applyChange(text, change); err != nil {
				return fmt.Errorf("didChange of %s: %v", path, err)
			}
		}
		s.docs[path] = &document{version: params.TextDocument.Version, text: text}
		return nil
	})
}

// DidClose drops the buffer: the disk's file stands again.
func (s *server) DidClose(ctx context.Context, params *protocol.DidCloseTextDocumentParams) error {
	return s.edit(params.TextDocument.URI, func(path string) error {
		delete(s.docs, path)
		return nil
	})
}

// edit changes the open documents through change (called with the
// document's path, under the server's lock), then checks again.
func (s *server) edit(u uri.URI, change func(path string) error) error {
	path, err := s.documentPath(u)
	if err != nil {
		return err
	}
	s.mu.Lock()
	err = change(path)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	s.checks.schedule()
	return nil
}

// DidSave checks again: files that are not open may have changed with it.
func (s *server) DidSave(ctx context.Context, params *protocol.DidSaveTextDocumentParams) error {
	s.checks.schedule()
	return nil
}

// at is a query's view of a position of a document: the snapshot of the
// check of every edit before the query, the document's inspection there,
// and the position as a 1-based line and a byte column.
type at struct {
	snap      *checker.Snapshot
	ins       *checker.Inspection
	line, col int
}

// locate waits for the check of every earlier edit and finds a position
// there; ok is false when there is nothing to answer (no check yet, a
// file outside the program or that does not parse), err when the request
// is malformed.
func (s *server) locate(ctx context.Context, u uri.URI, p protocol.Position) (q at, ok bool, err error) {
	path, err := s.documentPath(u)
	if err != nil {
		return at{}, false, err
	}
	s.mu.Lock()
	doc := s.docs[path]
	s.mu.Unlock()
	snap, versions, err := s.checks.await(ctx)
	if err != nil {
		return at{}, false, ctx.Err() // cancelled, or no check to answer from
	}
	if v, checked := versions[path]; doc != nil && checked && v != doc.version {
		// The document changed after the request: its position is stale.
		return at{}, false, protocol.ErrContentModified
	}
	ins, err := snap.Inspect(path)
	if err != nil {
		return at{}, false, nil
	}
	line, found := lineText(ins.Text, lineStarts(ins.Text), int(p.Line))
	if !found {
		return at{}, false, invalidPosition(p, path)
	}
	return at{snap: snap, ins: ins, line: int(p.Line) + 1, col: byteColumn(line, int(p.Character))}, true, nil
}

// invalidPosition is the error of a position past the end of a document.
func invalidPosition(p protocol.Position, path string) error {
	return jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("line %d is past the end of %s", p.Line, path))
}

// Hover shows the type of the innermost expression at the position, as
// dmypy's inspect gives it.
func (s *server) Hover(ctx context.Context, params *protocol.HoverParams) (*protocol.Hover, error) {
	q, ok, err := s.locate(ctx, params.TextDocument.URI, params.Position)
	if !ok {
		return nil, err
	}
	var x ast.Expr
	var typ string
	q.snap.Exclusive(func(checker.Reader) { x, typ, ok = inspect.TypeAt(q.ins, q.line, q.col) })
	if !ok {
		return nil, nil
	}
	value := "```python\n" + typ + "\n```"
	if name := nameOf(x); name != "" {
		value = "```python\n" + name + ": " + typ + "\n```"
	}
	sp := x.Pos()
	rng := spanRange(q.ins.Text, int(sp.Lineno), int(sp.ColOffset), int(sp.EndLineno), int(sp.EndColOffset))
	return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: value},
		Range: &rng}, nil
}

// Definition answers where the name or member at the position is defined;
// a definition in typeshed's stubs points to a read-only copy of the stub
// in the user's cache folder.
func (s *server) Definition(ctx context.Context, params *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	q, ok, err := s.locate(ctx, params.TextDocument.URI, params.Position)
	if !ok {
		return nil, err
	}
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	var out protocol.LocationSlice
	for _, x := range inspect.At(q.ins.Module, q.line, q.col) {
		var places []inspect.Place
		q.snap.Exclusive(func(checker.Reader) { places = inspect.Definitions(q.ins, x) })
		if len(places) == 0 {
			continue
		}
		for _, p := range places {
			abs := p.Path
			text, ok := q.snap.Text(p.Path)
			if ok {
				if !filepath.IsAbs(abs) {
					abs = filepath.Join(root, abs)
				}
			} else if abs, text, ok = typeshed.OnDisk(p.Path); !ok {
				continue // no file to show
			}
			col := nameColumn(text, p.Line, p.Col, p.Name)
			rng := spanRange(text, p.Line, col, p.Line, col+len(p.Name))
			out = append(out, protocol.Location{URI: uri.File(abs), Range: rng})
		}
		break
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// References lists every place in the workspace's files that refers to
// what the name at the position refers to (a variable, parameter, def,
// class, import or class member), its definition included when the client
// asks for it.
func (s *server) References(ctx context.Context, params *protocol.ReferenceParams) ([]protocol.Location, error) {
	q, ok, err := s.locate(ctx, params.TextDocument.URI, params.Position)
	if !ok {
		return nil, err
	}
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	var refs []inspect.Reference
	q.snap.Exclusive(func(r checker.Reader) { refs = inspect.References(r, q.ins, q.line, q.col, true) })
	var out []protocol.Location
	for _, r := range refs {
		if r.Declaration && !params.Context.IncludeDeclaration {
			continue
		}
		text, ok := q.snap.Text(r.Path)
		if !ok {
			continue
		}
		abs := r.Path
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(root, abs)
		}
		out = append(out, protocol.Location{URI: uri.File(abs), Range: spanRange(text, r.Line, r.Col, r.Line, r.EndCol)})
	}
	return out, nil
}

// DocumentHighlight marks, in the document, the names that refer to what
// the name at the position refers to: writes (definitions, assignments)
// and reads.
func (s *server) DocumentHighlight(ctx context.Context, params *protocol.DocumentHighlightParams) ([]protocol.DocumentHighlight, error) {
	q, ok, err := s.locate(ctx, params.TextDocument.URI, params.Position)
	if !ok {
		return nil, err
	}
	var refs []inspect.Reference
	q.snap.Exclusive(func(r checker.Reader) { refs = inspect.References(r, q.ins, q.line, q.col, false) })
	var out []protocol.DocumentHighlight
	for _, r := range refs {
		if r.Path != q.ins.Path {
			continue
		}
		kind := protocol.DocumentHighlightKindRead
		if r.Write {
			kind = protocol.DocumentHighlightKindWrite
		}
		out = append(out, protocol.DocumentHighlight{Range: spanRange(q.ins.Text, r.Line, r.Col, r.Line, r.EndCol), Kind: kind})
	}
	return out, nil
}

// nameColumn is the byte column of a defined name in its line (see
// inspect.NameColumn); col when the name is not found after it.
func nameColumn(text []byte, line, col int, name string) int {
	l, ok := lineText(text, lineStarts(text), line-1)
	if !ok || col > len(l) {
		return col
	}
	if c, found := inspect.NameColumn(l, col, name); found {
		return c
	}
	return col
}

func isIdentByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// nameOf is the name a name or member expression reads, or "".
func nameOf(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Name:
		return x.ID
	case *ast.Attribute:
		return x.Attr
	}
	return ""
}

// spanRange converts a span (1-based lines, byte columns, end exclusive)
// of a text to an LSP range.
func spanRange(text []byte, line, col, endLine, endCol int) protocol.Range {
	starts := lineStarts(text)
	l, _ := lineText(text, starts, line-1)
	el, _ := lineText(text, starts, endLine-1)
	return protocol.Range{
		Start: protocol.Position{Line: uint32(max(line-1, 0)), Character: uint32(utf16Column(l, col))},
		End:   protocol.Position{Line: uint32(max(endLine-1, 0)), Character: uint32(utf16Column(el, endCol))},
	}
}
