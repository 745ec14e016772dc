package lsp

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"typd/checker/fsys"
)

// document is an open editor buffer: its text and the version the client
// gave it.
type document struct {
	version int32
	text    []byte
}

// applyChange applies one didChange content change to a text: a range
// (in UTF-16 code units) replaced, or the whole text.
func applyChange(text []byte, change protocol.TextDocumentContentChangeEvent) ([]byte, error) {
	switch c := change.(type) {
	case *protocol.TextDocumentContentChangeWholeDocument:
		return []byte(c.Text), nil
	case *protocol.TextDocumentContentChangePartial:
		starts := lineStarts(text)
		start, err := offset(text, starts, c.Range.Start)
		if err != nil {
			return nil, err
		}
		end, err := offset(text, starts, c.Range.End)
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, fmt.Errorf("change range ends before it starts")
		}
		out := make([]byte, 0, len(text)-(end-start)+len(c.Text))
		out = append(append(append(out, text[:start]...), c.Text...), text[end:]...)
		return out, nil
	}
	return nil, fmt.Errorf("unknown content change %T", change)
}

// offset converts an LSP position to a byte offset in text. A character
// past the end of its line is the line's end (as LSP says); a line past
// the last is an error, except the line just after a final line break.
func offset(text []byte, starts []int, p protocol.Position) (int, error) {
	line, ok := lineText(text, starts, int(p.Line))
	if !ok {
		if int(p.Line) == len(starts) && p.Character == 0 {
			return len(text), nil
		}
		return 0, fmt.Errorf("position %d:%d is past the end of the document", p.Line, p.Character)
	}
	return starts[p.Line] + byteColumn(line, int(p.Character)), nil
}

// rootedFS reads the workspace through the front end's file system: a
// relative name is relative to the workspace root, an absolute one is
// itself; open documents hide the disk's files of the same path. The
// checks share one, so that the session keeps its module finder from one
// check to the next; each check sets the documents before it starts.
type rootedFS struct {
	root string
	docs fsys.Map // by path relative to root, slash-separated
	disk fsys.FS
	// opened counts the changes to the set of open documents.
	opened uint64
}

// generational is a disk that tells when its answers to Stat may have
// changed, and validates its caches before a check (fsys.Listed).
type generational interface {
	fsys.FS
	Generation() uint64
	NewCheck()
}

// Generation changes whenever a Stat may answer differently: the disk
// changed, or a document was opened or closed. Edits to an open document
// change no Stat's answer about what exists.
func (r *rootedFS) Generation() uint64 {
	if g, ok := r.disk.(generational); ok {
		return g.Generation() + r.opened
	}
	return r.opened
}

// setDocs lays a new set of documents over the disk, and validates the
// disk's caches, before a check.
func (r *rootedFS) setDocs(docs fsys.Map) {
	if !sameKeys(r.docs, docs) {
		r.opened++
	}
	r.docs = docs
	if g, ok := r.disk.(generational); ok {
		g.NewCheck()
	}
}

func sameKeys(a, b fsys.Map) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

func (r *rootedFS) path(name string) (abs, rel string) {
	abs = name
	if !filepath.IsAbs(name) {
		abs = filepath.Join(r.root, name)
	}
	rel, err := filepath.Rel(r.root, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return abs, ""
	}
	return abs, filepath.ToSlash(rel)
}

// abs is the absolute path of a path the checker gave.
func (r *rootedFS) abs(name string) string {
	abs, _ := r.path(name)
	return abs
}

// rel is the key of a path the checker gave among the open documents:
// relative to the root, slash-separated ("" outside the root).
func (r *rootedFS) rel(name string) string {
	_, rel := r.path(name)
	return rel
}

// ReadFile reads an open document's text or a file on disk.
func (r *rootedFS) ReadFile(name string) ([]byte, error) {
	abs, rel := r.path(name)
	if rel != "" {
		if b, err := r.docs.ReadFile(rel); err == nil {
			return b, nil
		}
	}
	return r.disk.ReadFile(abs)
}

// Stat describes an open document (which may not be on disk yet) or a
// file or folder on disk.
func (r *rootedFS) Stat(name string) (fs.FileInfo, error) {
	abs, rel := r.path(name)
	if rel != "" {
		if st, err := r.docs.Stat(rel); err == nil {
			return st, nil
		}
	}
	return r.disk.Stat(abs)
}

// ReadDir lists a folder on disk with the open documents in it.
func (r *rootedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	abs, rel := r.path(name)
	onDisk, err := r.disk.ReadDir(abs)
	if rel == "" {
		return onDisk, err
	}
	open, openErr := r.docs.ReadDir(rel)
	if err != nil && openErr != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(open, onDisk...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}
