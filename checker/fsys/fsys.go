// Package fsys is the file-system interface through which the checker reads
// everything (DESIGN.md invariant 2): the disk for `typd check`, the disk
// overlaid with unsaved editor buffers for the language server, and an
// in-memory map in tests. Paths are slash- or OS-separated file paths as the
// user wrote them (relative to the front end's working directory, or
// absolute).
package fsys

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// FS reads files and folders. The text ReadFile returns may be shared
// with other callers: it must not be modified.
type FS interface {
	ReadFile(name string) ([]byte, error)
	Stat(name string) (fs.FileInfo, error)
	ReadDir(name string) ([]fs.DirEntry, error)
}

// Disk is the local file system.
type Disk struct{}

// ReadFile reads a file from disk.
func (Disk) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// Stat describes a file on disk.
func (Disk) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// ReadDir lists a folder on disk, sorted by name.
func (Disk) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// Map is an in-memory file system: file path → content. Folders exist
// implicitly as the parents of files.
type Map map[string][]byte

func clean(name string) string {
	return strings.TrimPrefix(path.Clean(filepath.ToSlash(name)), "./")
}

// ReadFile returns a file's content.
func (m Map) ReadFile(name string) ([]byte, error) {
	if b, ok := m[clean(name)]; ok {
		return b, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Stat describes a file or an implicit folder.
func (m Map) Stat(name string) (fs.FileInfo, error) {
	c := clean(name)
	if b, ok := m[c]; ok {
		return info{name: path.Base(c), size: int64(len(b))}, nil
	}
	prefix := c + "/"
	if c == "." {
		prefix = ""
	}
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			return info{name: path.Base(c), dir: true}, nil
		}
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists a folder's files and subfolders, sorted by name.
func (m Map) ReadDir(name string) ([]fs.DirEntry, error) {
	c := clean(name)
	prefix := c + "/"
	if c == "." {
		prefix = ""
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for k, b := range m {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		first, _, isDir := strings.Cut(rest, "/")
		if seen[first] {
			continue
		}
		seen[first] = true
		out = append(out, fs.FileInfoToDirEntry(info{name: first, dir: isDir, size: int64(len(b))}))
	}
	if len(out) == 0 {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

type info struct {
	name string
	dir  bool
	size int64
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return i.size }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }

// FromFS adapts an io/fs file system (such as the embedded typeshed).
func FromFS(f fs.FS) FS { return iofs{f} }

type iofs struct{ f fs.FS }

func (i iofs) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(i.f, clean(name)) }
func (i iofs) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(i.f, clean(name)) }
func (i iofs) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(i.f, clean(name)) }

// Frozen adapts an io/fs file system whose files never change while the
// process runs (the embedded typeshed): each file is read once, and later
// reads return the same text.
func Frozen(f fs.FS) FS { return &frozen{iofs: iofs{f}} }

type frozen struct {
	iofs
	texts sync.Map // clean path → []byte
}

func (f *frozen) ReadFile(name string) ([]byte, error) {
	c := clean(name)
	if text, ok := f.texts.Load(c); ok {
		return text.([]byte), nil
	}
	text, err := fs.ReadFile(f.f, c)
	if err != nil {
		return nil, err
	}
	stored, _ := f.texts.LoadOrStore(c, text)
	return stored.([]byte), nil
}

// Sub is the folder dir of f, with paths relative to it.
func Sub(f FS, dir string) FS { return sub{f, dir} }

type sub struct {
	f   FS
	dir string
}

func (s sub) ReadFile(name string) ([]byte, error)       { return s.f.ReadFile(path.Join(s.dir, name)) }
func (s sub) Stat(name string) (fs.FileInfo, error)      { return s.f.Stat(path.Join(s.dir, name)) }
func (s sub) ReadDir(name string) ([]fs.DirEntry, error) { return s.f.ReadDir(path.Join(s.dir, name)) }

// Overlay is top laid over bottom: a file in top hides the same path in
// bottom; folders list the entries of both.
func Overlay(top, bottom FS) FS { return overlay{top, bottom} }

type overlay struct{ top, bottom FS }

func (o overlay) ReadFile(name string) ([]byte, error) {
	if b, err := o.top.ReadFile(name); err == nil {
		return b, nil
	}
	return o.bottom.ReadFile(name)
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if st, err := o.top.Stat(name); err == nil {
		return st, nil
	}
	return o.bottom.Stat(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := o.top.ReadDir(name)
	b, errB := o.bottom.ReadDir(name)
	if errA != nil && errB != nil {
		return nil, errB
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(a, b...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
