package checker

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"typd/checker/build"
	"typd/checker/cache"
	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/modules"
	"typd/checker/sources"
)

// A caching session records, after a check, what the check's output is a
// function of: the options, the sources, every module of the program with
// the hash of its text, and what the module finder answered for every
// module an import named. A later check with the same options and
// sources replays the recorded output when every text hashes the same and
// the finder answers every name the same (no module appeared or vanished
// where an import looks): that is the same program, whose output is the
// same. Replaying reads and hashes the texts and asks the finder, and
// parses nothing; as mypy's cache, it first looks at the files' times: the
// record also holds the stamps of every file and folder the check read
// (fsys.Journal), and while none changed, the program is the same without
// reading a text or asking the finder (--skip-cache-mtime-checks turns
// this off).

// runRecord is a check as a caching session records it, under the
// record's key; its recordedProgram is a separate entry (readsKey), read
// only when the stamps changed.
type runRecord struct {
	// Stamps, when the check's reads were journaled (fsys.Journal), are
	// their stamps.
	Stamps map[string]fsys.Stamp
	runResult
}

// runResult is what a recorded check printed: its Result's Diagnostics and
// Files.
type runResult struct {
	Diagnostics []diag.Diagnostic
	Files       []string
}

// encode writes a record: the stamps (a count, then each path with its
// stamp's fields as varints), then the result as JSON.
func (r runRecord) encode() ([]byte, error) {
	b := binary.AppendUvarint(nil, uint64(len(r.Stamps)))
	for _, name := range slices.Sorted(maps.Keys(r.Stamps)) {
		st := r.Stamps[name]
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		missing := uint64(0)
		if st.Missing {
			missing = 1
		}
		b = binary.AppendUvarint(b, missing)
		b = binary.AppendVarint(b, st.Size)
		b = binary.AppendVarint(b, st.MTime)
		b = binary.AppendUvarint(b, st.Dev)
		b = binary.AppendUvarint(b, st.Inode)
	}
	res, err := json.Marshal(r.runResult)
	return append(b, res...), err
}

// decodeRecord reads what encode wrote; ok is false for anything else.
func decodeRecord(data []byte) (r runRecord, ok bool) {
	uvarint := func() uint64 {
		v, k := binary.Uvarint(data)
		if k <= 0 {
			ok = false
			return 0
		}
		data = data[k:]
		return v
	}
	varint := func() int64 {
		u := uvarint() // (zig-zag, as binary.AppendVarint writes it)
		return int64(u>>1) ^ -int64(u&1)
	}
	ok = true
	n := uvarint()
	if !ok || n > uint64(len(data)) {
		return r, false
	}
	r.Stamps = make(map[string]fsys.Stamp, n)
	for i := uint64(0); i < n && ok; i++ {
		size := uvarint()
		if !ok || size > uint64(len(data)) {
			return r, false
		}
		name := string(data[:size])
		data = data[size:]
		st := fsys.Stamp{Missing: uvarint() == 1, Size: varint(), MTime: varint(), Dev: uvarint(), Inode: uvarint()}
		r.Stamps[name] = st
	}
	if !ok || json.Unmarshal(data, &r.runResult) != nil {
		return r, false
	}
	return r, true
}

// readsKey is where the recordedProgram of the record at key is kept.
func readsKey(key [32]byte) [32]byte { return sha256.Sum256(append(key[:], "program"...)) }

// recordedProgram is what a recorded check read.
type recordedProgram struct {
	// Modules are the program's modules.
	Modules []recordedModule
	// Finds are the finder's answers, for every module an import named.
	Finds []recordedFind
}

// recordedModule is a module of a recorded check: where its text was read
// (typeshed's file system, or the program's) and its hash. Unreadable
// marks a file the check could not read; Given a text not read from a
// file (a namespace package's, -c's), which the finder's answers and the
// record's key stand for.
type recordedModule struct {
	Name, Path        string
	Typeshed          bool
	Unreadable, Given bool
	Text              [32]byte
}

// recordedFind is the finder's answer for a module name.
type recordedFind struct {
	Name, Path                     string
	Origin                         modules.Origin
	IsStub, IsPackage, IsNamespace bool
	Why                            modules.NotFound
}

// recordKey is where the record of checks of these sources under these
// options is kept.
func recordKey(options string, srcs []sources.Source) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "run 1\x00%s\x00", options)
	for _, s := range srcs {
		fmt.Fprintf(h, "%s\x00%s\x00%t\x00", s.Path, s.Module, s.Text != nil)
		if s.Text != nil {
			sum := sha256.Sum256(s.Text)
			h.Write(sum[:])
		}
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return key
}

// record stores what the check of g printed, for replay. A module whose
// file now reads otherwise than the check read it (changed during the
// check) leaves the check unrecorded.
func (s *Session) record(key [32]byte, cfg Config, srcs []sources.Source, g *build.Graph, finder *modules.Finder, res *Result) {
	var rec recordedProgram
	given := map[string]bool{}
	for _, src := range srcs {
		if src.Text != nil {
			given[src.Path] = true
		}
	}
	names := map[string]bool{"builtins": true}
	for _, m := range g.Modules {
		rm := recordedModule{Name: m.Name, Path: m.Path, Typeshed: m.Shared}
		switch {
		case m.ReadError != nil:
			rm.Unreadable = true
		case given[m.Path] && m.Source:
			rm.Given = true
		default:
			if found, why := finder.Find(m.Name); why == 0 && found.IsNamespace && found.Path == m.Path {
				rm.Given = true
				break
			}
			fs := cfg.Files
			if m.Shared {
				fs = cfg.Typeshed
			}
			text, err := fs.ReadFile(m.Path)
			if err != nil || m.Text == nil || !bytes.Equal(text, m.Text) {
				return
			}
			rm.Text = sha256.Sum256(m.Text)
		}
		rec.Modules = append(rec.Modules, rm)
		for _, n := range m.ImportOrder {
			names[n] = true
		}
	}
	slices.SortFunc(rec.Modules, func(a, b recordedModule) int { return strings.Compare(a.Name, b.Name) })
	for _, n := range slices.Sorted(maps.Keys(names)) {
		found, why := finder.Find(n)
		rec.Finds = append(rec.Finds, recordedFind{Name: n, Path: found.Path, Origin: found.Origin, IsStub: found.IsStub,
			IsPackage: found.IsPackage, IsNamespace: found.IsNamespace, Why: why})
	}
	prog, err := json.Marshal(rec)
	if err != nil {
		return
	}
	s.disk.Put(cache.Runs, readsKey(key), prog)
	s.saveRecord(key, cfg, runRecord{runResult: runResult{Diagnostics: res.Diagnostics, Files: res.Files}})
}

// saveRecord stores a record, with the stamps of the check's reads when
// they were journaled (and the options look at files' times).
func (s *Session) saveRecord(key [32]byte, cfg Config, rec runRecord) {
	if !cfg.Options.Bool("skip_cache_mtime_checks") {
		rec.Stamps, _ = fsys.Journal(cfg.Files, cfg.Typeshed)
	}
	if data, err := rec.encode(); err == nil {
		s.disk.Put(cache.Runs, key, data)
	}
}

// replay returns the recorded result of a check of the same program, if
// the cache holds one.
func (s *Session) replay(key [32]byte, cfg Config, finder *modules.Finder, pretty bool) (*Result, bool) {
	data, ok := s.disk.Get(cache.Runs, key)
	if !ok {
		return nil, false
	}
	rec, ok := decodeRecord(data)
	if !ok {
		return nil, false
	}
	res := &Result{Diagnostics: rec.Diagnostics, Files: rec.Files, Replayed: ReplayedByStamps}
	if len(rec.Stamps) > 0 && !cfg.Options.Bool("skip_cache_mtime_checks") && fsys.Unchanged(rec.Stamps) {
		if pretty {
			res.Texts = map[string][]byte{}
			for _, d := range rec.Diagnostics {
				if _, ok := res.Texts[d.File]; !ok {
					res.Texts[d.File], _ = cfg.Files.ReadFile(d.File)
				}
			}
		}
		return res, true
	}
	data, ok = s.disk.Get(cache.Runs, readsKey(key))
	var prog recordedProgram
	if !ok || json.Unmarshal(data, &prog) != nil || len(prog.Modules) == 0 {
		return nil, false
	}
	// The texts first: an edit, the common change, is found before the
	// finder is asked anything. Those whose files' stamps changed come
	// first, then the program's (typeshed's change least).
	var changed, program, stubs []recordedModule
	for _, m := range prog.Modules {
		switch st, stamped := rec.Stamps[filepath.Clean(m.Path)]; {
		case m.Typeshed:
			stubs = append(stubs, m)
		case stamped && fsys.Current(m.Path) != st:
			changed = append(changed, m)
		default:
			program = append(program, m)
		}
	}
	mods := slices.Concat(changed, program, stubs)
	texts := map[string][]byte{}
	for _, m := range mods {
		if m.Given {
			continue
		}
		fs := cfg.Files
		if m.Typeshed {
			fs = cfg.Typeshed
		}
		text, err := fs.ReadFile(m.Path)
		switch {
		case m.Unreadable && err == nil, !m.Unreadable && err != nil:
			return nil, false
		case m.Unreadable:
		case sha256.Sum256(text) != m.Text:
			return nil, false
		default:
			texts[m.Path] = text
		}
	}
	for _, f := range prog.Finds {
		found, why := finder.Find(f.Name)
		if why != f.Why || found.Path != f.Path || found.Origin != f.Origin || found.IsStub != f.IsStub ||
			found.IsPackage != f.IsPackage || found.IsNamespace != f.IsNamespace {
			return nil, false
		}
	}
	if pretty {
		res.Texts = map[string][]byte{}
		for _, d := range rec.Diagnostics {
			if t, ok := texts[d.File]; ok {
				res.Texts[d.File] = t
			}
		}
	}
	res.Replayed = ReplayedByTexts
	// The same program, read anew: the next replay looks at these reads'
	// stamps.
	s.saveRecord(key, cfg, rec)
	return res, true
}
