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
	// journal holds the stamp of every folder listed and every file read
	// since the last NewCheck (see Journal); unsettled marks a journal
	// holding a stamp taken within settleTime of its modification.
	journal   map[string]Stamp
	unsettled bool
	// given are the Stats of files taken just before the check began,
	// at givenAt, which ReadFile takes for its own (see NewCheckAt).
	given   map[string]Stamp
	givenAt time.Time
}

// Stamp is what a Stat shows of a file's or folder's version: a change of
// a file's text changes its size or modification time, a replacement its
// inode, and adding, removing or renaming an entry of a folder its
// modification time. Missing marks a path that does not exist (or cannot
// be read).
type Stamp struct {
	Missing    bool  `json:",omitempty"`
	Size       int64 `json:",omitempty"`
	MTime      int64 `json:",omitempty"` // nanoseconds since 1970
	Dev, Inode uint64
}

// StampOf returns a Stat's Stamp.
func StampOf(st fs.FileInfo) Stamp {
	s := Stamp{Size: st.Size(), MTime: st.ModTime().UnixNano()}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		s.Dev, s.Inode = uint64(sys.Dev), uint64(sys.Ino)
	}
	if st.IsDir() {
		s.Size = 0 // (a folder's size says nothing of its entries)
	}
	return s
}

// Current is a path's stamp now.
func Current(name string) Stamp {
	st, err := os.Stat(name)
	if err != nil {
		return Stamp{Missing: true}
	}
	return StampOf(st)
}

// note adds a stamp, taken at time taken, to the journal.
func (l *Listed) note(name string, s Stamp, taken time.Time) {
	name = filepath.Clean(name)
	l.mu.Lock()
	l.journal[name] = s
	if !s.Missing && s.MTime >= taken.Add(-settleTime).UnixNano() {
		l.unsettled = true
	}
	l.mu.Unlock()
}

// readText is a file's text with the Stat it had before it was read.
type readText struct {
	text  []byte
	stat  Stamp
	check uint64 // the last check that read it
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
	return &Listed{folders: map[string]*listing{}, checked: map[string]bool{}, texts: map[string]*readText{},
		journal: map[string]Stamp{}}
}

// NewCheck drops the listings no Stat read since the generation last
// changed (what a module finder kept while the generation stood never
// depended on them, so the cache holds what the current program needs),
// and validates the others again, reading anew those that changed. A
// folder that did not exist, whose parent's listing could be read (or
// showed it missing too), is validated when next asked for, from the
// parent's listing: it can only appear with a change of that listing,
// which validating the parent finds. (A module finder leaves thousands
// of those, one per `from m import name` it probed as a submodule.)
func (l *Listed) NewCheck() { l.NewCheckAt(nil, time.Time{}) }

// NewCheckAt starts a check as NewCheck does, given the Stats of files
// that a file watcher took at the time taken, just before: ReadFile takes
// them for its own Stat of those files, as if it had made them then, which
// spares one system call per file. (A file edited since is read as it
// was, and the watcher, which stamped it before the edit, finds the edit
// at its next look.) Paths are as ReadFile is given them.
func (l *Listed) NewCheckAt(stats map[string]Stamp, taken time.Time) {
	l.mu.Lock()
	l.given, l.givenAt = stats, taken
	l.checked = map[string]bool{}
	l.journal, l.unsettled = map[string]Stamp{}, false
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
		if lst.listable && lst.names == nil {
			if parent := l.folders[filepath.Dir(d)]; parent != nil && parent.listable {
				continue
			}
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
	l.mu.Lock()
	stamp, given := l.given[name]
	taken := l.givenAt
	l.mu.Unlock()
	if !given {
		taken = time.Now()
		st, err := os.Stat(name)
		if err != nil {
			l.note(name, Stamp{Missing: true}, taken)
			return nil, err
		}
		stamp = StampOf(st)
	}
	l.note(name, stamp, taken)
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
	if err != nil || stamp.MTime >= start.Add(-settleTime).UnixNano() {
		return text, err
	}
	l.mu.Lock()
	l.texts[name] = &readText{text: text, stat: stamp, check: l.check}
	l.mu.Unlock()
	return text, nil
}

// ReadDir lists a folder on disk, sorted by name.
func (l *Listed) ReadDir(name string) ([]fs.DirEntry, error) {
	l.note(filepath.Clean(name), Current(name), time.Now())
	return os.ReadDir(name)
}

// Stat describes a file on disk; a name its folder's listing lacks is
// answered without asking the disk.
func (l *Listed) Stat(name string) (fs.FileInfo, error) {
	dir, base := filepath.Split(filepath.Clean(name))
	if base == "" || base == "." || base == ".." {
		l.note(filepath.Clean(name), Current(name), time.Now())
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
	taken := time.Now()
	st, err := os.Stat(dir)
	if err == nil {
		l.note(dir, StampOf(st), taken)
	} else {
		l.note(dir, Stamp{Missing: true}, taken)
	}
	if err == nil && st.IsDir() {
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
	if !next.listable {
		l.mu.Lock()
		l.unsettled = true // (Stat goes to the disk, unjournaled)
		l.mu.Unlock()
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

// Journal returns the stamps of what a check read through files (and
// typeshed): every folder listed and every file read since files' last
// NewCheck. ok is false when they do not cover the check's reads: files
// is not a Listed, typeshed neither the embedded stubs (which never
// change) nor a folder of files, or a stamp was taken within settleTime
// of its modification (a change in the same clock step might not show).
// While Unchanged holds for the journal, every read answers as it did.
func Journal(files, typeshed FS) (stamps map[string]Stamp, ok bool) {
	l, isListed := files.(*Listed)
	if !isListed {
		return nil, false
	}
	switch t := typeshed.(type) {
	case *frozen:
	case sub:
		if t.f != files {
			return nil, false
		}
	default:
		return nil, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.unsettled {
		return nil, false
	}
	// A missing path whose parent is journaled is left out: it cannot
	// appear without its parent's stamp changing (a folder's time when an
	// entry is added, a missing parent's when it appears).
	stamps = make(map[string]Stamp, len(l.journal))
	for name, s := range l.journal {
		if parent := filepath.Dir(name); s.Missing && parent != name {
			if _, covered := l.journal[parent]; covered {
				continue
			}
		}
		stamps[name] = s
	}
	return stamps, true
}

// Unchanged reports whether every path still has its stamp.
func Unchanged(stamps map[string]Stamp) bool {
	for name, s := range stamps {
		if Current(name) != s {
			return false
		}
	}
	return true
}
