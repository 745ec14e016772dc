package daemon

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// watched sets up a folder with two files and a subfolder, and a watcher
// whose stamps are theirs, as after a check that read them.
func watched(t *testing.T) (w *watcher, dir string) {
	t.Helper()
	dir = t.TempDir()
	for _, f := range []string{"a.py", "b.py", "pkg/c.py"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w = &watcher{}
	t.Cleanup(w.close)
	files := []string{filepath.Join(dir, "a.py"), filepath.Join(dir, "b.py"), filepath.Join(dir, "pkg", "c.py")}
	w.set(extend(nil, files, []string{dir}))
	return w, dir
}

// look is a recheck's look: whether anything changed, the stamps then set
// as the daemon sets them (a check's own when something did).
func look(w *watcher) bool {
	now, changed := w.changes()
	w.set(now)
	return changed
}

// TestWatcherNotices checks that the watcher, with its notifier, finds
// every kind of change after a quiet spell, and only changes: an edit, a
// new file, a removed file, a file replaced by another, a new folder, a
// touch that changes nothing (stated, found unchanged), and an edit made
// while a check ran (after the watcher's look, before its stamps were
// set).
func TestWatcherNotices(t *testing.T) {
	w, dir := watched(t)
	if w.notify.quiet() {
		t.Fatal("folders just watched, whose changes before are unknown, yet the notifier is trusted")
	}
	for i := 0; i < 2; i++ {
		if look(w) {
			t.Fatal("nothing changed, yet the watcher saw a change")
		}
	}
	if !w.notify.quiet() || !w.notified() {
		t.Fatal("the notifier is not trusted on a local folder")
	}
	a := filepath.Join(dir, "a.py")
	edits := []struct {
		name    string
		edit    func()
		changed bool
	}{
		{"edit", func() { os.WriteFile(a, []byte("x = 22\n"), 0o644) }, true},
		{"touch", func() { later := time.Now().Add(time.Hour); os.Chtimes(a, later, later) }, false},
		{"new file", func() { os.WriteFile(filepath.Join(dir, "new.py"), nil, 0o644) }, true},
		{"edit in a subfolder", func() { os.WriteFile(filepath.Join(dir, "pkg", "c.py"), []byte("y = 2\n"), 0o644) }, true},
		{"replacement", func() {
			tmp := filepath.Join(dir, "tmp")
			os.WriteFile(tmp, []byte("x = 3\n"), 0o644)
			os.Rename(tmp, a)
		}, true},
		{"new folder", func() { os.Mkdir(filepath.Join(dir, "sub"), 0o755) }, true},
		{"removal", func() { os.Remove(filepath.Join(dir, "b.py")) }, true},
	}
	for _, e := range edits {
		e.edit()
		if got := look(w); got != e.changed {
			t.Errorf("%s: changed %v, want %v", e.name, got, e.changed)
		}
		if look(w) {
			t.Errorf("%s: a change seen again after the check", e.name)
		}
	}
	// An edit during a check: after the look, before the stamps are set.
	os.WriteFile(a, []byte("x = 4\n"), 0o644)
	now, _ := w.changes()
	os.WriteFile(a, []byte("x = 5\n"), 0o644)
	w.set(now)
	if !look(w) {
		t.Error("an edit made while a check ran was not seen at the next look")
	}
}

// TestWatcherDistrustsLinks checks that a watched file that is a symbolic
// link (whose target may change in a folder no one watches) makes the
// watcher stat every path at every look.
func TestWatcherDistrustsLinks(t *testing.T) {
	w, dir := watched(t)
	elsewhere := t.TempDir()
	target := filepath.Join(elsewhere, "t.py")
	os.WriteFile(target, []byte("x = 1\n"), 0o644)
	link := filepath.Join(dir, "link.py")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	w.set(extend(w.stamps, []string{link}, []string{dir}))
	look(w)
	if w.notify.quiet() || w.notified() {
		t.Fatal("a linked file, yet the notifier is trusted")
	}
	os.WriteFile(target, []byte("x = 2\n"), 0o644)
	if !look(w) {
		t.Error("the link's target changed, unseen")
	}
}

// TestWatcherSeesOtherNames checks that a file edited through another
// name (a hard link in a folder no one watches) is seen.
func TestWatcherSeesOtherNames(t *testing.T) {
	w, dir := watched(t)
	look(w)
	other := filepath.Join(t.TempDir(), "other.py")
	if err := os.Link(filepath.Join(dir, "a.py"), other); err != nil {
		t.Fatal(err)
	}
	look(w)
	if !w.notify.quiet() {
		t.Fatal("no change, yet the notifier is not quiet")
	}
	os.WriteFile(other, []byte("x = 2\n"), 0o644)
	if !look(w) {
		t.Error("a file edited through its other name, unseen")
	}
}

// TestWatcherFollowsPathsNotInodes checks that a path whose file or folder
// was replaced by a rename is watched again (an inotify watch follows its
// inode to its new name): edits of what the path names now are seen, for
// a folder moved away and made again, and for a file with another name
// replaced by a new one.
func TestWatcherFollowsPathsNotInodes(t *testing.T) {
	w, dir := watched(t)
	look(w)
	pkg := filepath.Join(dir, "pkg")
	if err := os.Rename(pkg, filepath.Join(dir, "old")); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(pkg, 0o755)
	c := filepath.Join(pkg, "c.py")
	os.WriteFile(c, []byte("x = 1\n"), 0o644)
	if !look(w) {
		t.Fatal("a folder moved away and made again, unseen")
	}
	look(w)
	os.WriteFile(c, []byte("x = 2\n"), 0o644)
	if !look(w) {
		t.Error("an edit in the folder made again, unseen")
	}
	// A file with another name elsewhere, replaced by a rename (as an
	// editor saves): its old inode lives on under the other name.
	a := filepath.Join(dir, "a.py")
	if err := os.Link(a, filepath.Join(t.TempDir(), "other.py")); err != nil {
		t.Fatal(err)
	}
	look(w)
	tmp := filepath.Join(dir, "a.tmp")
	os.WriteFile(tmp, []byte("x = 3\n"), 0o644)
	os.Rename(tmp, a)
	if !look(w) {
		t.Fatal("a file replaced by a rename, unseen")
	}
	look(w)
	os.WriteFile(a, []byte("x = 4\n"), 0o644)
	if !look(w) {
		t.Error("an edit of the file that replaced another, unseen")
	}
}
