// Package cache keeps, on disk, what one check can lend a later one in
// another process: the parses of the files a check reads (typeshed's stubs
// and the program's sources) and their interface fingerprints, found by
// the hash of their text, so that a file parsed once is decoded afterwards
// (parser/astcode), many times faster than parsing it; each source file's
// last text, found by its path, from whose parse a new text's is made;
// each module's result (its diagnostics), found by a key its caller makes
// of the module's stamp (see checker.NewCachingSession); the record of
// each check, which a check of the same program replays (see checker's
// replay.go); and the target Python's answers (see workspace). The entries
// are files in a folder (Open) or rows of one SQLite database (OpenSQLite),
// and a remote store shares them between machines (Store, Push, Pull).
//
// An entry is written atomically, in the background (Flush waits for the
// writes), and
// carries the identity of the typd build that wrote it and a checksum. An
// entry that is corrupt, truncated, of another build or unreadable is
// ignored as if missing, and written again: the cache is never trusted
// over the source. A write that fails (a full disk, a read-only folder)
// turns writing off for the rest of the process; the check goes on.
// Entries are keyed by content (and the paths a check names), so a cache
// built in another checkout of the same tree serves this one. Old entries
// are pruned (see PruneIfDue).
package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"typd/parser"
	"typd/parser/astcode"
)

// magic starts every entry.
const magic = "typd-cache\x01"

// Dir is a cache folder. Its writes run in the background, beside the
// check: Flush waits for them.
type Dir struct {
	path    string
	version string
	// entries keeps the entries: files in folders, or a SQLite database.
	entries backend
	// writeFailed turns writing off after a write failed.
	writeFailed atomic.Bool
	// log, when set, is told of the entries ignored and of a write that
	// failed (see SetLog).
	log func(string)
	// writes are the entries to write; writers counts the goroutines
	// writing them (they end when none is left); pending the entries not
	// written yet.
	writes  chan entry
	writers atomic.Int32
	pending sync.WaitGroup
}

// entry is an entry to write: its kind, key and payload.
type entry struct {
	kind    string
	key     [32]byte
	payload []byte
}

// writerCount is how many goroutines write entries.
const writerCount = 2

// Open returns the cache in the folder at path, its entries kept as files
// in folders below it, creating the folder (with a .gitignore that
// ignores it, and a CACHEDIR.TAG that backup tools know) when it is
// missing. It fails when the folder cannot be made, or when this build's
// identity cannot be read.
func Open(path string) (*Dir, error) {
	d, err := openFolder(path)
	if err != nil {
		return nil, err
	}
	d.entries = &files{path: path}
	return d, nil
}

// openFolder makes the cache's folder and a Dir without its entries.
func openFolder(path string) (*Dir, error) {
	version, err := buildVersion()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, err
	}
	for name, text := range map[string]string{
		".gitignore":   "# Automatically created by typd\n*\n",
		"CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag automatically created by typd.\n",
	} {
		p := filepath.Join(path, name)
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			os.WriteFile(p, []byte(text), 0o644) // (best effort: the cache works without them)
		}
	}
	return &Dir{path: path, version: version, writes: make(chan entry, 256)}, nil
}

// backend keeps a Dir's entries, each a frame (see write) under a kind
// and a key.
type backend interface {
	// read returns an entry's frame.
	read(kind string, key [32]byte) ([]byte, error)
	// write stores an entry's frame, atomically.
	write(kind string, key [32]byte, frame []byte) error
	// size is an entry's frame's size; ok is false for a missing entry.
	size(kind string, key [32]byte) (n int64, ok bool)
	// each calls f for every entry of a kind.
	each(kind string, f func(key [32]byte, frame []byte))
	// prune removes the entries last written before cutoff.
	prune(cutoff time.Time)
	// close releases what the backend holds open.
	close()
}

// Close waits for the pending writes and releases the cache (a SQLite
// cache's database); the Dir is not used afterwards.
func (d *Dir) Close() {
	d.Flush()
	d.entries.close()
}

// SetLog has the cache tell log, in a sentence, of each entry it ignores
// (and why) and of the write failure that turns writing off (mypy's -v
// notes). It is called before the cache is used.
func (d *Dir) SetLog(log func(string)) { d.log = log }

// note tells the log, if any.
func (d *Dir) note(format string, args ...any) {
	if d.log != nil {
		d.log(fmt.Sprintf(format, args...))
	}
}

// Flush waits for the writes asked for so far.
func (d *Dir) Flush() { d.pending.Wait() }

// Entries are written anew for every new text, so the cache would grow
// with every edit: once a day (a marker file's time says when it last
// happened), a check removes the entries no check wrote for a week, and
// the temporary files a write left behind. An entry in use is found again
// at the next check that needs it, and written again then.
const (
	maxEntryAge   = 7 * 24 * time.Hour
	pruneInterval = 24 * time.Hour
	pruneMarker   = "last-pruned"
)

// entryKinds are the folders of the kinds of entries.
var entryKinds = []string{"parse", "interface", string(Results), string(Probes), string(Runs), string(Texts), string(Latest)}

// PruneIfDue removes the entries no check wrote for a week, at most once
// a day: most calls cost one Stat. It waits for the pending writes first.
func (d *Dir) PruneIfDue() {
	d.Flush()
	marker := filepath.Join(d.path, pruneMarker)
	if st, err := os.Stat(marker); err == nil && time.Since(st.ModTime()) < pruneInterval {
		return
	}
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		return
	}
	d.entries.prune(time.Now().Add(-maxEntryAge))
}

// Path is the cache's folder.
func (d *Dir) Path() string { return d.path }

// Load returns the parse of a text that an earlier check stored, or nil.
func (d *Dir) Load(text []byte) *parser.File {
	data, ok := d.get("parse", sha256.Sum256(text))
	if !ok {
		return nil
	}
	m, err := astcode.Decode(data)
	if err != nil {
		return nil
	}
	return &parser.File{Module: m}
}

// Save stores the parse of a text; parses with syntax errors are not
// stored.
func (d *Dir) Save(text []byte, f *parser.File) {
	if len(f.Errors) > 0 {
		return
	}
	d.put("parse", sha256.Sum256(text), astcode.Encode(f.Module))
}

// Fingerprint returns the interface fingerprint stored for a text (by its
// hash).
func (d *Dir) Fingerprint(text [32]byte) ([32]byte, bool) {
	var fp [32]byte
	data, ok := d.get("interface", text)
	if !ok || len(data) != len(fp) {
		return fp, false
	}
	copy(fp[:], data)
	return fp, true
}

// SaveFingerprint stores the interface fingerprint of a text.
func (d *Dir) SaveFingerprint(text, fp [32]byte) { d.put("interface", text, fp[:]) }

// Kind names a kind of entry that its callers encode themselves.
type Kind string

// The kinds of entries callers encode.
const (
	Results Kind = "result" // a module's diagnostics (see checker's caching session)
	Runs    Kind = "run"    // a check's record (see checker's replay)
	Probes  Kind = "python" // the target Python's answers (see workspace)
	Texts   Kind = "text"   // a source file's text, by its hash
	Latest  Kind = "latest" // the hash of a source file's last text, by its path's
)

// Get returns the bytes stored under a key of a kind.
func (d *Dir) Get(k Kind, key [32]byte) ([]byte, bool) { return d.get(string(k), key) }

// Put stores bytes under a key of a kind.
func (d *Dir) Put(k Kind, key [32]byte, data []byte) { d.put(string(k), key, data) }

// get reads an entry's payload; ok is false for a missing entry and for
// one that is not this build's or does not check out.
func (d *Dir) get(kind string, key [32]byte) ([]byte, bool) {
	data, err := d.entries.read(kind, key)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			d.note("Ignoring cache entry %s: %v", entryName(kind, key), err)
		}
		return nil, false
	}
	payload, why := check(data, d.version)
	if why != "" {
		d.note("Ignoring cache entry %s: %s", entryName(kind, key), why)
		return nil, false
	}
	return payload, true
}

// check returns an entry's payload, or why its frame (magic, build,
// length, checksum) is refused.
func check(data []byte, version string) (payload []byte, why string) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, "not a typd cache entry"
	}
	rest := data[len(magic):]
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > uint64(len(rest)-k) {
		return nil, "cut short"
	}
	if string(rest[k:k+int(n)]) != version {
		return nil, "written by another typd build"
	}
	rest = rest[k+int(n):]
	n, k = binary.Uvarint(rest)
	if k <= 0 || uint64(len(rest)-k) != n+4 {
		return nil, "cut short or extended"
	}
	payload, sum := rest[k:k+int(n)], rest[k+int(n):]
	if crc32.Checksum(payload, castagnoli()) != binary.LittleEndian.Uint32(sum) {
		return nil, "checksum mismatch"
	}
	return payload, ""
}

// castagnoli is the checksum's table, made when first needed (not at
// every typd command's start).
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// put has an entry written, in the background (see write); nothing once
// a write failed.
func (d *Dir) put(kind string, key [32]byte, payload []byte) {
	if d.writeFailed.Load() {
		return
	}
	d.pending.Add(1)
	d.writes <- entry{kind, key, payload}
	if d.writers.Load() < writerCount {
		d.writers.Add(1)
		go d.drain()
	}
}

// drain writes the entries queued, and ends when there is none left.
func (d *Dir) drain() {
	for {
		select {
		case e := <-d.writes:
			d.write(e)
			d.pending.Done()
		default:
			d.writers.Add(-1)
			if len(d.writes) == 0 {
				return // (a put after this starts a writer)
			}
			// An entry was queued while this writer was leaving, by a put
			// that still counted it: write on, unless enough others do.
			if d.writers.Add(1) > writerCount {
				d.writers.Add(-1)
				return
			}
		}
	}
}

// write writes an entry atomically: a reader sees the old entry, none, or
// the whole new one. A failure turns writing off.
func (d *Dir) write(e entry) {
	if d.writeFailed.Load() {
		return
	}
	frame := append([]byte(magic), binary.AppendUvarint(nil, uint64(len(d.version)))...)
	frame = append(frame, d.version...)
	frame = binary.AppendUvarint(frame, uint64(len(e.payload)))
	frame = append(frame, e.payload...)
	frame = binary.LittleEndian.AppendUint32(frame, crc32.Checksum(e.payload, castagnoli()))
	if err := d.entries.write(e.kind, e.key, frame); err != nil && !d.writeFailed.Swap(true) {
		d.note("Cache writes stopped: %v", err)
	}
}

// buildVersion identifies the running typd build: its Go build ID, which
// changes with any change of its code, read from the executable (an ELF
// note); elsewhere, the hash of the executable's bytes.
var buildVersion = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			// namesz, descsz, type, "Go\x00\x00", then the ID.
			if note, err := s.Data(); err == nil && len(note) > 16 {
				if n := binary.LittleEndian.Uint32(note[4:8]); uint64(n) <= uint64(len(note)-16) {
					return "go:" + string(note[16:16+n]), nil
				}
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
})
