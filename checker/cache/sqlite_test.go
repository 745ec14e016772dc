package cache

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"typd/parser"
)

// TestSQLiteRoundTrip: the SQLite cache stores and loads what the folder
// cache does, in another Dir on the same database (another process's
// view), while a second one writes beside it.
func TestSQLiteRoundTrip(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenSQLite(dir)
	if err != nil {
		t.Fatal(err)
	}
	other, err := OpenSQLite(dir)
	if err != nil {
		t.Fatal(err)
	}
	text, more := []byte(source), []byte("x = 1\n")
	if d.Load(text) != nil {
		t.Fatal("an empty cache gave a parse")
	}
	want := parser.Parse(text)
	d.Save(text, want)
	other.Save(more, parser.Parse(more))
	fp := sha256.Sum256([]byte("fingerprint"))
	d.SaveFingerprint(sha256.Sum256(text), fp)
	d.Put(Results, fp, []byte("result"))
	d.Flush()
	other.Flush()
	again, err := OpenSQLite(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Load(text); got == nil || !reflect.DeepEqual(got.Module, want.Module) {
		t.Fatal("the stored parse did not load back equal")
	}
	if again.Load(more) == nil {
		t.Fatal("the other writer's parse is missing")
	}
	if got, ok := again.Fingerprint(sha256.Sum256(text)); !ok || got != fp {
		t.Fatal("the fingerprint did not load back")
	}
	if got, ok := again.Get(Results, fp); !ok || string(got) != "result" {
		t.Fatal("the result did not load back")
	}
	if entries, _ := again.shared(); len(entries) != 4 {
		t.Fatalf("%d entries listed, want 4", len(entries))
	}
	for _, name := range []string{databaseName, ".gitignore", "CACHEDIR.TAG"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestSQLiteBadData: an altered entry loads as missing and is replaced;
// a database file that is garbage is replaced by an empty database; a
// database that fails under a write turns writing off.
func TestSQLiteBadData(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenSQLite(dir)
	if err != nil {
		t.Fatal(err)
	}
	text := []byte(source)
	d.Save(text, parser.Parse(text))
	d.Flush()
	db := d.entries.(*sqliteEntries).db
	if _, err := db.Exec(`UPDATE entries SET frame = substr(frame, 1, length(frame) - 3)`); err != nil {
		t.Fatal(err)
	}
	if d.Load(text) != nil {
		t.Fatal("a cut entry loaded")
	}
	d.Save(text, parser.Parse(text))
	d.Flush()
	if d.Load(text) == nil {
		t.Fatal("a cut entry was not replaced")
	}
	db.Close()
	d.Save(text, parser.Parse(text))
	d.Flush()
	if !d.writeFailed.Load() {
		t.Fatal("a failed write was not noticed")
	}

	garbage := t.TempDir()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.WriteFile(filepath.Join(garbage, databaseName+suffix), []byte("this is no database, but it is long enough to look at"), 0o644)
	}
	g, err := OpenSQLite(garbage)
	if err != nil {
		t.Fatalf("a garbage database was not replaced: %v", err)
	}
	g.Save(text, parser.Parse(text))
	g.Flush()
	if g.Load(text) == nil {
		t.Fatal("the replaced database does not store")
	}
}

// TestSQLitePrune: entries written more than a week ago go.
func TestSQLitePrune(t *testing.T) {
	d, err := OpenSQLite(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	old, fresh := saveTwo(d)
	key := sha256.Sum256(old)
	weekAgo := time.Now().Add(-maxEntryAge - time.Hour).Unix()
	if _, err := d.entries.(*sqliteEntries).db.Exec(`UPDATE entries SET written = ? WHERE key = ?`, weekAgo, key[:]); err != nil {
		t.Fatal(err)
	}
	d.PruneIfDue()
	if d.Load(old) != nil || d.Load(fresh) == nil {
		t.Fatal("pruning removed the wrong entries")
	}
}
