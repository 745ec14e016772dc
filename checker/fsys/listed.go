package fsys

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// Listed is the disk for a long-running front end (the daemon): it answers
// Stat from cached folder listings, so that the module finder's many
// probes for files that do not exist cost no system call. A folder's
// listing is checked once per check (NewCheck starts one) by its
// modification time, which changes whenever an entry is added, removed or
// renamed; a file's own Stat still goes to the disk. ReadFile reads a file
// again only when its Stat changed (see ReadFile).
type Listed struct {
	mu      sync.Mutex
	folders map[string]*listing
	checked map[string]bool // folders validated since NewCheck
	// generation counts the changes seen in folders listed before.
	generation uint64
	// texts are the files read since the check before the last NewCheck.
	texts map[string]*readText
	// check counts the NewCheck calls.
	check uint64
}

// readText is a file's text with the Stat it had before it was read.
type readText struct {
	text  []byte
	stat  fileStamp
	check uint64 // the last check that read it
}

// fileStamp is what a file's Stat shows of its version: a write changes
// its size or its modification time, a replacement its inode.
type fileStamp struct {
	size       int64
	mtime      time.Time
	dev, inode uint64
}

// settleTime is how long before a read a file's modification time must be
// for its text to be kept: a file written again within the clock's step
// of a read keeps its modification time (git's "racily clean" files), so
// such a text is read again at the next check, as is one whose
// modification time is in the future. Two seconds covers the coarsest
// file systems' steps.
const settleTime = 2 * time.Second

// listing is one folder's entries at its modification time; names is nil
// when the folder does not exist or cannot be listed (then Stat asks the
// disk).
type listing struct {
	mtime    time.Time
	names    map[string]bool
	listable bool
	// used is the generation of the last Stat that read the listing.
	used uint64
}

// NewListed returns a Listed with nothing cached.
func NewListed() *Listed {
	return &Listed{folders: map[string]*listing{}, checked: map[string]bool{}, texts: map[string]*readText{}}
}

// NewCheck drops the listings no Stat read since the generation last
// changed (what a module finder kept while the generation stood never
// depended on them, so the cache holds what the current program needs),
// and validates the others again, reading anew those that changed.
func (l *Listed) NewCheck() {
	l.mu.Lock()
	l.checked = map[string]bool{}
	for name, t := range l.texts {
		if t.check < l.check {
			delete(l.texts, name) // (not read by the last check)
		}
	}
	l.check++
	dirs := make([]string, 0, len(l.folders))
	for d, lst := range l.folders {
		if lst.used < l.generation {
			delete(l.folders, d)
			continue
		}
		dirs = append(dirs, d)
	}
	l.mu.Unlock()
	for _, d := range dirs {
		l.listing(d, false)
	}
}

// Folders is the number of folder listings held.
func (l *Listed) Folders() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.folders)
}

// Generation returns a number that changes whenever NewCheck or a Stat
// found a folder listed before changed: while it stays the same, every
// Stat answers as it did.
func (l *Listed) Generation() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.generation
}

// ReadFile reads a file from disk, or returns the text it read before when
// the file's Stat is the same and its modification time settled before that
// read (settleTime). The text may be shared with earlier calls: callers
// must not modify it.
func (l *Listed) ReadFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	stamp := stampOf(st)
	l.mu.Lock()
	t := l.texts[name]
	if t != nil && t.stat == stamp {
		t.check = l.check
		l.mu.Unlock()
		return t.text, nil
	}
	l.mu.Unlock()
	start := time.Now()
	text, err := os.ReadFile(name)
	if err != nil || !stamp.mtime.Before(start.Add(-settleTime)) {
		return text, err
	}
	l.mu.Lock()
	l.texts[name] = &readText{text: text, stat: stamp, check: l.check}
	l.mu.Unlock()
	return text, nil
}

// stampOf returns what a Stat shows of a file's version.
func stampOf(st fs.FileInfo) fileStamp {
	stamp := fileStamp{size: st.Size(), mtime: st.ModTime()}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		stamp.dev, stamp.inode = uint64(sys.Dev), uint64(sys.Ino)
	}
	return stamp
}

// ReadDir lists a folder on disk, sorted by name.
func (l *Listed) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// Stat describes a file on disk; a name its folder's listing lacks is
// answered without asking the disk.
func (l *Listed) Stat(name string) (fs.FileInfo, error) {
	dir, base := filepath.Split(filepath.Clean(name))
	if base == "" || base == "." || base == ".." {
		return os.Stat(name)
	}
	if lst := l.listing(filepath.Clean(dir), true); lst.listable && !lst.names[base] {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return os.Stat(name)
}

// listing returns a folder's listing, read again when its time changed;
// use marks it read by a Stat.
func (l *Listed) listing(dir string, use bool) *listing {
	l.mu.Lock()
	lst, known := l.folders[dir]
	fresh := l.checked[dir]
	if known && use {
		lst.used = l.generation
	}
	l.mu.Unlock()
	if known && fresh {
		return lst
	}
	if known && lst.listable && lst.names == nil && l.absent(dir, use) {
		// Still missing, as the parent's listing shows: no system call.
		l.mu.Lock()
		l.checked[dir] = true
		l.mu.Unlock()
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
	if known && next != lst && (next.names != nil || lst.names != nil || next.listable != lst.listable) {
		l.mu.Lock()
		l.generation++
		l.mu.Unlock()
	}
	l.mu.Lock()
	if known {
		next.used = max(next.used, lst.used)
	}
	if use {
		next.used = l.generation
	}
	l.folders[dir] = next
	l.checked[dir] = true
	l.mu.Unlock()
	return next
}

// absent reports whether dir's parent is missing or its listing lacks dir.
func (l *Listed) absent(dir string, use bool) bool {
	parent, base := filepath.Split(dir)
	parent = filepath.Clean(parent)
	if base == "" || parent == dir {
		return false
	}
	lst := l.listing(parent, use)
	return lst.listable && !lst.names[base]
}
