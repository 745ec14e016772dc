package checker

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"

	"typd/checker/build"
	"typd/checker/cache"
	"typd/checker/diag"
	"typd/deps"
	"typd/parser"
)

// NewCachingSession returns a session for one check that reads and writes
// the cache dir: `typd check`'s. What the session keeps is then found by
// content, so that another process finds it: versions are hashes of texts
// and of interfaces (not numbers given in order), a module's diagnostics
// are stored on disk under its stamp, a file's parse and interface
// fingerprint under its text's hash. A module whose stamp is stored keeps
// its diagnostics without being analysed; the others are analysed in full
// (a new text's parse is made from the stored parse of its file's last
// text, but not compared with it to find what changed). Interfaces
// are compared whole (no name is left out of what the modules that import
// a module see of it, as the daemon's session leaves out the names they
// never mention), as mypy's interface hashes are.
func NewCachingSession(dir *cache.Dir) *Session {
	s := NewSession()
	s.disk = dir
	return s
}

// contentVersion is the version of a text in a caching session.
func contentVersion(text []byte) uint64 { return sumVersion(sha256.Sum256(text)) }

// sumVersion is the version of a text of that hash.
func sumVersion(sum [32]byte) uint64 { return binary.LittleEndian.Uint64(sum[:8]) }

// fingerprintVersion is the version of an interface in a caching session.
func fingerprintVersion(fp deps.Fingerprint) uint64 {
	return binary.LittleEndian.Uint64(fp[:8])
}

// diskVersions is versions for a caching session: the text's hash, and the
// hash of the whole interface (for both interfaces), stored by text.
func (s *Session) diskVersions(m *build.Module) (text, whole, surface uint64) {
	st := s.files[m.Path]
	if st == nil || m.Shared || st.file != m.Parsed || m.Parsed == nil {
		o := s.others[m.Path]
		if o == nil || o.file != m.File {
			o = &otherState{file: m.File}
			if m.Text != nil {
				o.version = contentVersion(m.Text)
			} else {
				o.version = contentVersion([]byte("\x00unreadable\x00" + m.Path))
			}
			s.others[m.Path] = o
		}
		return o.version, o.version, o.version
	}
	if st.print == nil {
		st.print = s.diskFingerprint(st)
	}
	v := fingerprintVersion(*st.print)
	return st.textVersion, v, v
}

// diskFingerprint returns the interface fingerprint of a parse, stored by
// its text's hash; nil for a parse with syntax errors (whose interface is
// not compared: its module is not analysed).
func (s *Session) diskFingerprint(st *fileState) *deps.Fingerprint {
	if len(st.file.Errors) > 0 {
		return &deps.Fingerprint{}
	}
	fp, ok := s.disk.Fingerprint(st.sum)
	if !ok {
		fp = deps.SurfaceOf(st.unitsOf(), nil)
		s.disk.SaveFingerprint(st.sum, fp)
	}
	return (*deps.Fingerprint)(&fp)
}

// resultKey is where a module's diagnostics under a stamp are stored.
func resultKey(module string, st stamp) [32]byte {
	return sha256.Sum256(append([]byte(module+"\x00"), st[:]...))
}

// diskResult returns the diagnostics the cache holds for a module under a
// stamp.
func (s *Session) diskResult(module string, st stamp) ([]diag.Diagnostic, bool) {
	data, ok := s.disk.Get(cache.Results, resultKey(module, st))
	if !ok {
		return nil, false
	}
	var ds []diag.Diagnostic
	if json.Unmarshal(data, &ds) != nil {
		return nil, false
	}
	return ds, true
}

// saveResult stores a module's diagnostics under its stamp.
func (s *Session) saveResult(module string, st stamp, ds []diag.Diagnostic) {
	if data, err := json.Marshal(ds); err == nil {
		s.disk.Put(cache.Results, resultKey(module, st), data)
	}
}

// reparseStored parses a new text of the file at path as the daemon
// parses an edit (parser.Reparse: only the statements the edit touched),
// from the parse of the file's last text that the cache holds; nil when it
// holds none. A caching session's process has no earlier parse of its
// own: after an edit of one function of a large file, this is most of a
// parse saved.
func (s *Session) reparseStored(path string, text []byte) *parser.File {
	pathKey := sha256.Sum256([]byte(path))
	last, ok := s.disk.Get(cache.Latest, pathKey)
	if !ok || len(last) != sha256.Size {
		return nil
	}
	prevText, ok := s.disk.Get(cache.Texts, [32]byte(last))
	if !ok || sha256.Sum256(prevText) != [32]byte(last) {
		return nil
	}
	prev := s.disk.Load(prevText)
	if prev == nil {
		return nil
	}
	return parser.Reparse(prev, prevText, text)
}

// saveLatest stores a source file's text as its last, for reparseStored.
func (s *Session) saveLatest(path string, text []byte, sum [32]byte) {
	pathKey := sha256.Sum256([]byte(path))
	if last, ok := s.disk.Get(cache.Latest, pathKey); ok && [32]byte(last) == sum {
		return
	}
	s.disk.Put(cache.Texts, sum, text)
	s.disk.Put(cache.Latest, pathKey, sum[:])
}

// parseText parses a new text of the file at path, through the cache in a
// caching session (the stored parse of the text, else one made from the
// stored parse of the file's last text, else a parse; stored) or when the
// check's Config names one.
func (s *Session) parseText(path string, text []byte) *parser.File {
	switch {
	case s.disk != nil:
		if f := s.disk.Load(text); f != nil {
			return f
		}
		f := s.reparseStored(path, text)
		if f == nil {
			f = parser.Parse(text)
		}
		s.disk.Save(text, f)
		return f
	case s.parses != nil:
		return build.ParseStored(text, s.parses)
	}
	return parser.Parse(text)
}
