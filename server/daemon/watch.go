package daemon

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"typd/checker/fsys"
)

// fileStamp is what the watcher knows of a file or folder: its Stat (a
// change of its modification time, size or inode) and, for a file, the
// hash of its content.
type fileStamp struct {
	stat  fsys.Stamp
	hash  string
	isDir bool
}

// watcher is the built-in file watcher: the stamps of every file the last
// check read and of the folders holding them (a new file in a folder
// changes the folder's time). It finds changes by stat, and reads a file
// only when its time, size or inode changed, to tell an edit from a touch;
// where inotify vouches that no event came since its last look (see
// notifier), it stats nothing.
type watcher struct {
	stamps map[string]fileStamp
	// notify, once stamps are set, tells whether anything may have
	// changed without a stat of every path; nil before.
	notify *notifier
}

// stampOf stats a path, hashing a file's content unless the previous stamp
// shows the same time and size. ok is false when the path is gone.
func stampOf(path string, prev fileStamp, hadPrev bool) (fileStamp, bool) {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, false
	}
	st := fileStamp{stat: fsys.StampOf(info), isDir: info.IsDir()}
	if st.isDir {
		return st, true
	}
	if hadPrev && !prev.isDir && prev.stat == st.stat {
		st.hash = prev.hash
		return st, true
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return fileStamp{}, false
	}
	sum := sha256.Sum256(text)
	st.hash = hex.EncodeToString(sum[:])
	return st, true
}

// changes stats every watched path: it returns their stamps now (those of
// the paths that still exist; a file only touched keeps its hash), and
// whether any file's content changed, any watched path disappeared or any
// folder's listing changed. No stamps at all is a change.
func (w *watcher) changes() (now map[string]fileStamp, changed bool) {
	if w.stamps != nil && w.notify != nil && w.notify.quiet() {
		return w.stamps, false
	}
	now = w.restamp()
	if w.stamps == nil || len(now) != len(w.stamps) {
		return now, true
	}
	for path, prev := range w.stamps {
		st := now[path]
		if st.isDir != prev.isDir || st.isDir && st.stat.MTime != prev.stat.MTime || st.hash != prev.hash {
			return now, true
		}
	}
	return now, false
}

// restamp stats every watched path again (before a check reads them, so
// that an edit made during the check shows at the next one).
func (w *watcher) restamp() map[string]fileStamp {
	if w.notify != nil {
		w.notify.looking()
	}
	out := make(map[string]fileStamp, len(w.stamps))
	for path, old := range w.stamps {
		if st, ok := stampOf(path, old, true); ok {
			out[path] = st
		}
	}
	return out
}

// set makes stamps the watcher's, and has inotify watch their paths.
func (w *watcher) set(stamps map[string]fileStamp) {
	w.stamps = stamps
	if w.notify == nil {
		w.notify = newNotifier()
	}
	w.notify.watch(stamps)
}

// notified reports whether inotify vouches for the watched paths, so that
// a look with no event waiting stats none of them (see notifier).
func (w *watcher) notified() bool {
	return w.notify != nil && !w.notify.untrusted
}

// close releases what the watcher holds of the system.
func (w *watcher) close() {
	if w.notify != nil {
		w.notify.close()
	}
}

// extend returns the stamps of a check's files, their folders and the
// target folders, taking those already stamped from before and dropping
// the paths the check no longer read.
func extend(before map[string]fileStamp, files, folders []string) map[string]fileStamp {
	out := map[string]fileStamp{}
	add := func(path string) {
		if _, done := out[path]; done {
			return
		}
		if st, ok := before[path]; ok {
			out[path] = st
		} else if st, ok := stampOf(path, fileStamp{}, false); ok {
			out[path] = st
		}
	}
	for _, f := range files {
		add(f)
		add(filepath.Dir(f))
	}
	for _, d := range folders {
		add(d)
	}
	return out
}

// fileStats returns the Stats of the files among stamps, for the check
// that follows them (fsys.Listed.NewCheckAt).
func fileStats(stamps map[string]fileStamp) map[string]fsys.Stamp {
	out := make(map[string]fsys.Stamp, len(stamps))
	for path, st := range stamps {
		if !st.isDir {
			out[path] = st.stat
		}
	}
	return out
}

// dump writes status's --fswatcher-dump-file: {path: [mtime, size, hash]}
// for the watched files, the time in seconds as dmypy writes it.
func (w *watcher) dump(file string) error {
	out := map[string][3]any{}
	for p, st := range w.stamps {
		if !st.isDir {
			out[p] = [3]any{float64(st.stat.MTime) / 1e9, st.stat.Size, st.hash}
		}
	}
	body, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return os.WriteFile(file, body, 0o644)
}
