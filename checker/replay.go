package checker

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"typd/checker/build"
	"typd/checker/cache"
	"typd/checker/diag"
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
// parses nothing.

// runRecord is a check as a caching session records it.
type runRecord struct {
	// Modules are the program's modules.
	Modules []recordedModule
	// Finds are the finder's answers, for every module an import named.
	Finds []recordedFind
	// Diagnostics and Files are the check's Result's.
	Diagnostics []diag.Diagnostic
	Files       []string
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
	rec := runRecord{Diagnostics: res.Diagnostics, Files: res.Files}
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
	if data, err := json.Marshal(rec); err == nil {
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
	var rec runRecord
	if json.Unmarshal(data, &rec) != nil || len(rec.Modules) == 0 {
		return nil, false
	}
	for _, f := range rec.Finds {
		found, why := finder.Find(f.Name)
		if why != f.Why || found.Path != f.Path || found.Origin != f.Origin || found.IsStub != f.IsStub ||
			found.IsPackage != f.IsPackage || found.IsNamespace != f.IsNamespace {
			return nil, false
		}
	}
	texts := map[string][]byte{}
	for _, m := range rec.Modules {
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
	res := &Result{Diagnostics: rec.Diagnostics, Files: rec.Files}
	if pretty {
		res.Texts = map[string][]byte{}
		for _, d := range rec.Diagnostics {
			if t, ok := texts[d.File]; ok {
				res.Texts[d.File] = t
			}
		}
	}
	return res, true
}
