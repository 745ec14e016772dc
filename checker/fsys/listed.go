package fsys

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Listed is the disk for a long-running front end (the daemon): it answers
// Stat from cached folder listings, so that the module finder's many
// probes for files that do not exist cost no system call. A folder's
// listing is checked once per check (NewCheck starts one) by its
// modification time, which changes whenever an entry is added, removed or
// renamed; a file's own Stat still goes to the disk.
type Listed struct {
	mu      sync.Mutex
	folders map[string]*listing
	checked map[string]bool // folders validated since NewCheck
}

// listing is one folder's entries at its modification time; names is nil
// when the folder does not exist or cannot be listed (then Stat asks the
// disk).
type listing struct {
	mtime    time.Time
	names    map[string]bool
	listable bool
}

// NewListed returns a Listed with nothing cached.
func NewListed() *Listed {
	return &Listed{folders: map[string]*listing{}, checked: map[string]bool{}}
}

// NewCheck makes every folder's listing be validated again on first use.
func (l *Listed) NewCheck() {
	l.mu.Lock()
	l.checked = map[string]bool{}
	l.mu.Unlock()
}

// ReadFile reads a file from disk.
func (l *Listed) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// ReadDir lists a folder on disk, sorted by name.
func (l *Listed) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// Stat describes a file on disk; a name its folder's listing lacks is
// answered without asking the disk.
func (l *Listed) Stat(name string) (fs.FileInfo, error) {
	dir, base := filepath.Split(filepath.Clean(name))
	if base == "" || base == "." || base == ".." {
		return os.Stat(name)
	}
	if lst := l.listing(filepath.Clean(dir)); lst.listable && !lst.names[base] {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return os.Stat(name)
}

// listing returns a folder's listing, read again when its time changed.
func (l *Listed) listing(dir string) *listing {
	l.mu.Lock()
	lst, known := l.folders[dir]
	fresh := l.checked[dir]
	l.mu.Unlock()
	if known && fresh {
		return lst
	}
	next := &listing{listable: true} // a folder that does not exist lists nothing
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		next.mtime = st.ModTime()
		if known && lst.names != nil && lst.mtime.Equal(next.mtime) {
			next = lst
		} else if entries, err := os.ReadDir(dir); err == nil {
			next.names = make(map[string]bool, len(entries))
			for _, e := range entries {
				next.names[e.Name()] = true
			}
		} else {
			next.listable = false
		}
	} else if err == nil || !os.IsNotExist(err) {
		next.listable = false
	}
	l.mu.Lock()
	l.folders[dir] = next
	l.checked[dir] = true
	l.mu.Unlock()
	return next
}
