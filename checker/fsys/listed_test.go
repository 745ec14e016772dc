package fsys_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"typd/checker/fsys"
)

// TestListed checks that Listed answers as the disk does across checks
// while files come and go.
func TestListed(t *testing.T) {
	dir := t.TempDir()
	l := fsys.NewListed()
	a := filepath.Join(dir, "a.py")
	if _, err := l.Stat(a); !os.IsNotExist(err) {
		t.Fatalf("missing file: %v", err)
	}
	if _, err := l.Stat(filepath.Join(dir, "nope", "b.py")); !os.IsNotExist(err) {
		t.Fatalf("file in a missing folder: %v", err)
	}
	time.Sleep(20 * time.Millisecond) // past the file system's clock tick
	if err := os.WriteFile(a, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Stat(a); !os.IsNotExist(err) {
		t.Fatalf("within one check the listing stands: %v", err)
	}
	l.NewCheck()
	if st, err := l.Stat(a); err != nil || st.Size() != 6 {
		t.Fatalf("new file in the next check: %v %v", st, err)
	}
	time.Sleep(20 * time.Millisecond)
	os.Remove(a)
	l.NewCheck()
	if _, err := l.Stat(a); !os.IsNotExist(err) {
		t.Fatalf("removed file: %v", err)
	}
	if st, err := l.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("the folder itself: %v %v", st, err)
	}
}

// TestListedGeneration checks that Generation changes exactly when a
// folder listed before changed, missing folders included.
func TestListedGeneration(t *testing.T) {
	dir := t.TempDir()
	l := fsys.NewListed()
	a := filepath.Join(dir, "a.py")
	sub := filepath.Join(dir, "pkg")
	l.Stat(a)
	l.Stat(filepath.Join(sub, "deep", "b.py"))
	gen := l.Generation()
	l.NewCheck()
	if l.Generation() != gen {
		t.Fatal("nothing changed, yet the generation moved")
	}
	time.Sleep(20 * time.Millisecond)
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	l.NewCheck()
	if l.Generation() == gen {
		t.Fatal("a new folder left the generation as it was")
	}
	gen = l.Generation()
	// The check that follows looks again (its module finder is a new one).
	if _, err := l.Stat(filepath.Join(sub, "c.py")); !os.IsNotExist(err) {
		t.Fatalf("a file not yet written: %v", err)
	}
	time.Sleep(20 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(sub, "c.py"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l.NewCheck()
	if l.Generation() == gen {
		t.Fatal("a new file in a listed folder left the generation as it was")
	}
	if _, err := l.Stat(filepath.Join(sub, "c.py")); err != nil {
		t.Fatalf("the new file: %v", err)
	}
}

// TestListedDropsUnused checks that a new check drops the listings no Stat
// read since the generation last changed, and keeps those read.
func TestListedDropsUnused(t *testing.T) {
	dir := t.TempDir()
	l := fsys.NewListed()
	kept, dropped := filepath.Join(dir, "kept"), filepath.Join(dir, "dropped")
	for _, d := range []string{kept, dropped} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		l.Stat(filepath.Join(d, "a.py"))
	}
	l.NewCheck()
	if got := l.Folders(); got != 2 {
		t.Fatalf("%d folders listed, want 2", got)
	}
	time.Sleep(20 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(kept, "b.py"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l.NewCheck() // the generation moves: what was read before is stale
	l.Stat(filepath.Join(kept, "a.py"))
	l.NewCheck()
	if got := l.Folders(); got != 1 {
		t.Errorf("%d folders listed after the check that read one, want 1", got)
	}
	if _, err := l.Stat(filepath.Join(kept, "b.py")); err != nil {
		t.Errorf("the kept folder's new file: %v", err)
	}
	if _, err := l.Stat(filepath.Join(dropped, "a.py")); !os.IsNotExist(err) {
		t.Errorf("a file of the dropped folder: %v", err)
	}
}

// TestListedReadFile checks that ReadFile gives a file's current text
// across checks: kept while the file's Stat stands, read again after a
// write, a replacement, or a write within the clock's step of the read.
func TestListedReadFile(t *testing.T) {
	dir := t.TempDir()
	l := fsys.NewListed()
	a := filepath.Join(dir, "a.py")
	old := time.Now().Add(-time.Hour)
	write := func(path, text string, mtime time.Time) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	read := func(want string) {
		t.Helper()
		l.NewCheck()
		if got, err := l.ReadFile(a); err != nil || string(got) != want {
			t.Fatalf("ReadFile = %q, %v; want %q", got, err, want)
		}
	}
	write(a, "x = 1\n", old)
	read("x = 1\n")
	read("x = 1\n")
	write(a, "x = 22\n", time.Now())
	read("x = 22\n")
	// The same size and modification time, another inode: a replacement.
	b := filepath.Join(dir, "b.py")
	write(a, "x = 3\n", old)
	read("x = 3\n")
	write(b, "x = 4\n", old)
	if err := os.Rename(b, a); err != nil {
		t.Fatal(err)
	}
	read("x = 4\n")
	// A write within the clock's step of the read keeps the size and the
	// modification time: a text read that recently is not kept.
	now := time.Now()
	write(a, "x = 5\n", now)
	read("x = 5\n")
	f, err := os.OpenFile(a, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("6"), 4)
	f.Close()
	os.Chtimes(a, now, now)
	read("x = 6\n")
	os.Remove(a)
	l.NewCheck()
	if _, err := l.ReadFile(a); !os.IsNotExist(err) {
		t.Fatalf("removed file: %v", err)
	}
}

// TestListedNewCheckAt checks that ReadFile takes the Stats a check was
// given for its own: a file whose given Stat is the one of its kept text
// is not read again, even if it changed since (the watcher that gave the
// Stat sees that change at its next look), one whose given Stat differs is
// read again, and a file without one is stated as usual.
func TestListedNewCheckAt(t *testing.T) {
	dir := t.TempDir()
	l := fsys.NewListed()
	a, b := filepath.Join(dir, "a.py"), filepath.Join(dir, "b.py")
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	l.NewCheck()
	l.ReadFile(a)
	l.ReadFile(b)
	given := map[string]fsys.Stamp{a: fsys.Current(a)}
	taken := time.Now()
	os.WriteFile(a, []byte("x = 22\n"), 0o644)
	os.WriteFile(b, []byte("x = 22\n"), 0o644)
	l.NewCheckAt(given, taken)
	if got, _ := l.ReadFile(a); string(got) != "x = 1\n" {
		t.Errorf("a.py, its Stat given from before the edit: %q", got)
	}
	if got, _ := l.ReadFile(b); string(got) != "x = 22\n" {
		t.Errorf("b.py, no Stat given: %q", got)
	}
	l.NewCheckAt(map[string]fsys.Stamp{a: fsys.Current(a)}, time.Now())
	if got, _ := l.ReadFile(a); string(got) != "x = 22\n" {
		t.Errorf("a.py, its Stat given after the edit: %q", got)
	}
}

// TestJournal: the journal holds what was read (a missing path under a
// journaled folder left out), is refused while a stamp is too recent to
// trust, and Unchanged sees a file written, a file added and a folder
// made.
func TestJournal(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(name), 0o755)
		os.WriteFile(name, []byte(text), 0o644)
	}
	a, pkg := filepath.Join(dir, "a.py"), filepath.Join(dir, "pkg")
	write(a, "x = 1\n")
	write(filepath.Join(pkg, "m.py"), "")
	read := func() (*fsys.Listed, map[string]fsys.Stamp, bool) {
		l := fsys.NewListed()
		l.ReadFile(a)
		l.Stat(filepath.Join(pkg, "n.py"))
		l.Stat(filepath.Join(pkg, "sub", "n.py"))
		l.Stat(filepath.Join(dir, "nope", "b.py"))
		j, ok := fsys.Journal(l, fsys.Frozen(os.DirFS(dir)))
		return l, j, ok
	}
	if _, _, ok := read(); ok {
		t.Fatal("a journal of files written just now was trusted")
	}
	settle := func() {
		old := time.Now().Add(-time.Hour)
		filepath.WalkDir(dir, func(p string, _ os.DirEntry, _ error) error { return os.Chtimes(p, old, old) })
	}
	settle()
	l, j, ok := read()
	if !ok {
		t.Fatal("a journal of settled files was refused")
	}
	// pkg/sub is covered by pkg; nope's parent was not listed.
	if _, has := j[filepath.Join(pkg, "sub")]; has || len(j) != 3 || !j[filepath.Join(dir, "nope")].Missing {
		t.Fatalf("journal %v: want a.py, pkg and nope (missing)", j)
	}
	if _, ok := fsys.Journal(l, fsys.Map{}); ok {
		t.Fatal("a journal that does not cover the stubs' reads was given")
	}
	if !fsys.Unchanged(j) {
		t.Fatal("nothing changed, yet Unchanged is false")
	}
	for _, c := range []struct {
		name   string
		change func()
	}{
		{"a file written", func() { write(a, "x = 22\n") }},
		{"a file added", func() { write(filepath.Join(pkg, "n.py"), "") }},
		{"a folder made where a missing one was read", func() { os.Mkdir(filepath.Join(dir, "nope"), 0o755) }},
		{"a folder made below a listed one", func() { os.Mkdir(filepath.Join(pkg, "sub"), 0o755) }},
	} {
		settle()
		_, j, ok := read()
		if !ok || !fsys.Unchanged(j) {
			t.Fatalf("%s: before the change: %v %v", c.name, ok, fsys.Unchanged(j))
		}
		c.change()
		if fsys.Unchanged(j) {
			t.Errorf("%s: Unchanged is true", c.name)
		}
	}
}
