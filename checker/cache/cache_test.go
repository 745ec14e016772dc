package cache

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"typd/parser"
)

const source = "import os\nclass C:\n    def f(self, x: int = 1) -> str: ...\n# type: ignore[misc]\n"

// TestParseRoundTrip: a saved parse loads back equal to the parse, in a
// new Dir on the same folder (another process's view), and the folder is
// marked as a cache.
func TestParseRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	text := []byte(source)
	if d.Load(text) != nil {
		t.Fatal("an empty cache gave a parse")
	}
	want := parser.Parse(text)
	d.Save(text, want)
	d.Flush()
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := again.Load(text)
	if got == nil || !reflect.DeepEqual(got.Module, want.Module) {
		t.Fatal("the stored parse did not load back equal")
	}
	for _, name := range []string{".gitignore", "CACHEDIR.TAG"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	// A parse with a syntax error is not stored.
	bad := []byte("def f(:\n")
	d.Save(bad, parser.Parse(bad))
	d.Flush()
	if d.Load(bad) != nil {
		t.Fatal("a parse with a syntax error was stored")
	}
}

// TestBadEntriesAreIgnored: an entry that is truncated, altered, of
// another build, or not an entry at all loads as missing, and the next
// save replaces it.
func TestBadEntriesAreIgnored(t *testing.T) {
	d, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	text := []byte(source)
	d.Save(text, parser.Parse(text))
	d.Flush()
	path := d.entries.(*files).entryPath("parse", sha256.Sum256(text))
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	foreign := &Dir{path: d.path, version: "go:another build", entries: d.entries, writes: make(chan entry, 1)}
	foreign.Save(text, parser.Parse(text))
	foreign.Flush()
	if d.Load(text) != nil {
		t.Error("another build's entry loaded")
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	for name, data := range map[string][]byte{
		"truncated": good[:len(good)-5], "flipped": flipped, "empty": nil,
		"garbage": []byte("not an entry at all"), "extended": append(bytes.Clone(good), 0),
	} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if d.Load(text) != nil {
			t.Errorf("a %s entry loaded", name)
		}
		d.Save(text, parser.Parse(text))
		d.Flush()
		if d.Load(text) == nil {
			t.Errorf("a %s entry was not replaced", name)
		}
	}
}

// TestFailedWritesStopWriting: when an entry cannot be written (here its
// folder's place is taken by a file, as a full disk or a read-only folder
// would refuse it), the save is dropped, the check goes on, and later
// saves are not tried.
func TestFailedWritesStopWriting(t *testing.T) {
	d, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d.path, "parse"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := []byte(source)
	d.Save(text, parser.Parse(text))
	d.Flush()
	if !d.writeFailed.Load() {
		t.Fatal("a failed write was not noticed")
	}
	if d.Load(text) != nil {
		t.Fatal("a failed write left an entry")
	}
	leftovers, _ := filepath.Glob(filepath.Join(d.path, "*", "*", "*.tmp-*"))
	if len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

// TestOpenFailsWhereNoFolderCanBe: a cache folder that cannot be made is
// an error for the front end, which then checks without a cache.
func TestOpenFailsWhereNoFolderCanBe(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := Open(filepath.Join(file, "cache")); err == nil {
		t.Fatal("a cache under a file opened")
	}
}

// BenchmarkLoadParse measures loading a stored parse of a large stub
// (builtins.pyi), against parsing it.
func BenchmarkLoadParse(b *testing.B) {
	text, err := os.ReadFile("../typeshed/data/stdlib/builtins.pyi")
	if err != nil {
		b.Skip(err)
	}
	d, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	d.Save(text, parser.Parse(text))
	d.Flush()
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if d.Load(text) == nil {
				b.Fatal("not stored")
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			parser.Parse(text)
		}
	})
}

// saveTwo saves the parses of two texts, the one to age and the one to
// keep, and waits for their writes.
func saveTwo(d *Dir) (old, fresh []byte) {
	old, fresh = []byte("x = 1\n"), []byte("y = 2\n")
	d.Save(old, parser.Parse(old))
	d.Save(fresh, parser.Parse(fresh))
	d.Flush()
	return old, fresh
}

// TestPruneRemovesWhatNoCheckWrote: entries (and stray temporary files)
// last written more than a week ago go, recent ones stay, and pruning
// happens at most once a day.
func TestPruneRemovesWhatNoCheckWrote(t *testing.T) {
	d, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	old, fresh := saveTwo(d)
	oldPath := d.entries.(*files).entryPath("parse", sha256.Sum256(old))
	stray := oldPath + ".tmp-0123456789abcdef"
	os.WriteFile(stray, []byte("half"), 0o644)
	weekAgo := time.Now().Add(-maxEntryAge - time.Hour)
	for _, p := range []string{oldPath, stray} {
		if err := os.Chtimes(p, weekAgo, weekAgo); err != nil {
			t.Fatal(err)
		}
	}
	d.PruneIfDue()
	if d.Load(old) != nil {
		t.Error("an entry no check wrote for a week stayed")
	}
	if _, err := os.Stat(stray); err == nil {
		t.Error("a stray temporary file stayed")
	}
	if d.Load(fresh) == nil {
		t.Error("a recent entry went")
	}
	// Within a day of the last pruning, nothing is pruned.
	d.Save(old, parser.Parse(old))
	d.Flush()
	os.Chtimes(oldPath, weekAgo, weekAgo)
	d.PruneIfDue()
	if d.Load(old) == nil {
		t.Error("pruned twice in a day")
	}
}
