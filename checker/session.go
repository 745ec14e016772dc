package checker

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"typd/checker/build"
	"typd/checker/cache"
	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/modules"
	"typd/checker/sources"
	"typd/deps"
	"typd/parser"
	"typd/parser/ast"
)

// Session keeps what one check can lend the next, for a long-running front
// end (the daemon, the language server): the parse of every file whose
// text did not change, and each module's diagnostics with the stamp they
// were computed under. A module whose stamp is unchanged (its text, and
// the interfaces its dependencies show it: deps.Surface) keeps its
// diagnostics; for the others, the names the edits changed decide (see
// plans): a module that names none of them keeps its diagnostics, one that
// does is checked again in part (see analyze). A check through a session
// prints exactly what a cold Check prints (DESIGN.md invariant 3). A
// Session serves one check at a time.
type Session struct {
	mu sync.Mutex // guards files while the loader parses in parallel
	// files are the parses of the files read through Config.Files, by path;
	// good are the latest of them that parsed without an error.
	files, good map[string]*fileState
	// others track the modules parsed elsewhere (typeshed's shared parses)
	// or not at all, by path.
	others map[string]*otherState
	// results are each module's diagnostics, by module name.
	results map[string]moduleResult
	// version numbers every new text and every new interface.
	version uint64
	// finder is the module finder of the last check, with what it was made
	// for; nil when its file system cannot tell changes (fsys.Listed can).
	finder *finderState
	// imports keeps each parse's imports (typeshed's included).
	imports *build.ImportCache
	// loaded is the import graph of the last check, with what it was
	// loaded for (see load).
	loaded *loadState
	// snapshot is the latest check's program; nil before the first check
	// and after one stopped by a blocking error.
	snapshot *Snapshot
	// targets are what each module's last analysis left for re-checking
	// one of its functions alone, by module name.
	targets map[string]*targetState
	// analysisMu guards targets and stubUnits while modules are analysed
	// in parallel.
	analysisMu sync.Mutex
	// surfaces are the interfaces the program's files showed at the last
	// check, by path (see versions).
	surfaces map[string]surfaceState
	// protocols are the names each parse's classes let code use without
	// naming them (deps.StructuralNames).
	protocols map[*ast.Module][]string
	// multipleBases says, for each parse, whether it defines a class
	// with two bases or more (deps.HasMultipleBases).
	multipleBases map[*ast.Module]bool
	// stubUnits are the units of typeshed's stubs that share an import
	// cycle with the program's modules (deps.Units), by parse.
	stubUnits map[*ast.Module][]deps.Unit
	// silent are the stamps of the modules the last check loaded but did
	// not report on (--follow-imports=silent), by name.
	silent map[string]stamp
	// mentions counts, for each word, the program's files whose text
	// holds it; counted are the parses in counted, by path.
	mentions map[string]int32
	counted  map[string]*fileState
	// disk, when set, is the cache a caching session reads and writes
	// (see NewCachingSession).
	disk *cache.Dir
	// parses, when set, is the cache the current check's Config names:
	// a new text's parse is read from it (or stored in it), as a caching
	// session's is, while the session stays the daemon's.
	parses *cache.Dir
}

// loadState is an import graph kept for the next check: the finder and
// the program's configuration it was loaded with.
type loadState struct {
	graph    *build.Graph
	finder   *modules.Finder
	program  string
	isolated bool
}

// load loads the program: again from the last check's graph when the
// finder's answers and the configuration are the same (build.Reload),
// else afresh. program is programKey's; isolated is
// Config.IsolateSyntaxErrors, which changes what the parses are.
func (s *Session) load(bc build.Config, srcs []sources.Source, finder *modules.Finder, program string, isolated bool) *build.Graph {
	if s == nil || s.disk != nil {
		return build.Load(bc, srcs)
	}
	var g *build.Graph
	if last := s.loaded; last != nil && last.finder == finder && last.program == program && last.isolated == isolated {
		g, _ = build.Reload(last.graph, bc, srcs)
	}
	if g == nil {
		g = build.Load(bc, srcs)
	}
	s.loaded = &loadState{graph: g, finder: finder, program: program, isolated: isolated}
	return g
}

// finderState is a module finder kept across checks: its answers (it
// remembers them) stand while the search settings and the generation of the
// file system stay the same.
type finderState struct {
	finder     *modules.Finder
	files      generational
	paths      modules.SearchPaths
	version    modules.Version
	generation uint64
}

// generational is a file system that tells when its answers to Stat may
// have changed (fsys.Listed).
type generational interface {
	fsys.FS
	Generation() uint64
}

// NewSession returns an empty session.
func NewSession() *Session {
	return &Session{files: map[string]*fileState{}, good: map[string]*fileState{}, others: map[string]*otherState{}, results: map[string]moduleResult{},
		surfaces: map[string]surfaceState{}, silent: map[string]stamp{}, protocols: map[*ast.Module][]string{}, multipleBases: map[*ast.Module]bool{}, stubUnits: map[*ast.Module][]deps.Unit{}, mentions: map[string]int32{}, counted: map[string]*fileState{},
		imports: build.NewImportCache(), targets: map[string]*targetState{}}
}

// Check checks the sources as Check does, reusing the session's earlier
// work. A session serves one program: the same typeshed in every check.
func (s *Session) Check(cfg Config, srcs []sources.Source) *Result {
	res, _ := s.CheckContext(context.Background(), cfg, srcs)
	return res
}

// CheckContext is Check, stopped when ctx is cancelled: it then returns
// ctx's error and no result, and the latest snapshot stays the previous
// check's (the modules checked before the stop are kept for the next
// check). A front end that starts a new check on every edit cancels the
// one under way.
func (s *Session) CheckContext(ctx context.Context, cfg Config, srcs []sources.Source) (*Result, error) {
	res, err := run(ctx, cfg, srcs, s)
	if err != nil {
		return nil, err
	}
	s.snapshot = res.Snapshot
	return res, nil
}

// Snapshot returns the program of the latest check; ErrNoCheck when there
// was none or a blocking error stopped it.
func (s *Session) Snapshot() (*Snapshot, error) {
	if s.snapshot == nil {
		return nil, ErrNoCheck
	}
	return s.snapshot, nil
}

// The reasons a snapshot has no module to inspect.
var (
	ErrNoCheck       = errors.New("no check, or one stopped by a blocking error")
	ErrUnknownModule = errors.New("no module of the program has that path")
)

// fileState is the latest parse of one file.
type fileState struct {
	text []byte
	file *parser.File
	// words are the text's distinct words, once those it holds once
	// (deps.Words).
	words []string
	once  map[string]bool
	// onceDefined are the top-level names only their definition names
	// (see definedOnce); nil until asked.
	onceDefined []string
	// inline tells whether the text holds an inline configuration
	// comment: 0 until asked, then 1 (no) or 2 (yes).
	inline int8
	// units are the parse's statements as deps compares them (deps.Units),
	// computed on first use, reusing those of the previous version
	// (before, until then) through the cache each leaves (reusable).
	units    []deps.Unit
	reusable *deps.UnitCache
	before   *fileState
	// textVersion is a version number: a new text always gets a new one.
	textVersion uint64
	// sum is the text's hash, and print the interface fingerprint of the
	// parse, made (or read from the cache) when it is parsed, in a caching
	// session.
	sum   [32]byte
	print *deps.Fingerprint
}

// unitsOf returns a parse's units.
func (st *fileState) unitsOf() []deps.Unit {
	if st.units == nil {
		var from *deps.UnitCache
		if st.before != nil {
			st.before.unitsOf()
			from = st.before.reusable
		}
		st.units, st.reusable = deps.UnitsReusing(st.file.Module, st.text, from)
		st.before = nil
	}
	return st.units
}

// inlineConfig reports whether a module's text holds an inline
// configuration comment (`# mypy:`); a session remembers the answer for
// each parse of its files, which every check asks about.
func (s *Session) inlineConfig(m *build.Module) bool {
	if s != nil {
		if st := s.files[m.Path]; st != nil && st.file == m.Parsed {
			if st.inline == 0 {
				st.inline = 1
				if bytes.Contains(st.text, inlineConfigMarker) {
					st.inline = 2
				}
			}
			return st.inline == 2
		}
	}
	return bytes.Contains(m.Text, inlineConfigMarker)
}

// surfaceState is the interface a file showed the modules that depend on
// it at the last check (deps.Surface): the parse, the names hidden, the
// fingerprint (computed when first compared) and its version number.
type surfaceState struct {
	file    *fileState
	hidden  map[string]bool
	print   *deps.Fingerprint
	version uint64
}

// otherState is a module the session did not parse: its parse (nil when
// unreadable) and the version given to it.
type otherState struct {
	file    *parser.File
	version uint64
}

// moduleResult is a module's diagnostics and the stamp of what they were
// computed from.
type moduleResult struct {
	stamp stamp
	diags []diag.Diagnostic
}

// stamp identifies everything a module's diagnostics depend on: its text,
// its path and name, the interfaces of the modules it depends on and the
// set of modules of the program.
type stamp [sha256.Size]byte

func (s *Session) nextVersion() uint64 {
	s.version++
	return s.version
}

// parse returns the parse of a file, reusing the previous one when its text
// is unchanged and reparsing only the edited statement when it can
// (parser.Reparse). A new text gets a new text version.
func (s *Session) parse(path string, text []byte) *parser.File {
	s.mu.Lock()
	prev := s.files[path]
	s.mu.Unlock()
	if prev != nil && bytes.Equal(prev.text, text) {
		return prev.file
	}
	var next *fileState
	if prev == nil {
		next = &fileState{text: text, file: s.parseText(path, text)}
	} else {
		next = &fileState{text: text, file: parser.Reparse(prev.file, prev.text, text)}
	}
	if prev != nil {
		next.before = prev
		prev.before = nil // (a version edited again before its units were needed)
	}
	switch {
	case s.disk != nil:
		// (Its words are not needed: see NewCachingSession. Its interface
		// is, and is found here, on the loader's worker.)
		next.sum = sha256.Sum256(text)
		next.textVersion = sumVersion(next.sum)
		next.print = s.diskFingerprint(next)
		if len(next.file.Errors) == 0 {
			s.saveLatest(path, text, next.sum)
		}
	default:
		var ok bool
		if prev != nil {
			// (An edit inside a body mostly keeps the words, or changes a
			// few: counting those is cheaper than all of a large file's.)
			next.words, next.once, ok = deps.WordsAfterEdit(prev.text, prev.words, prev.once, text)
		}
		if !ok {
			next.words, next.once = deps.Words(text)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.disk == nil {
		next.textVersion = s.nextVersion()
	}
	s.files[path] = next
	if len(next.file.Errors) == 0 {
		s.good[path] = next
	}
	return next.file
}

// goodParse returns the latest parse of a file that had no syntax error,
// with its text; nil when there was none.
func (s *Session) goodParse(path string) *fileState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.good[path]
}

// versions returns a loaded module's text version and two interface
// versions: of its whole interface, and of the surface the modules that
// depend on it see (without the definitions of the hidden names: see
// unreferenced). An interface keeps its version while its fingerprint is
// the last check's.
func (s *Session) versions(m *build.Module, hidden map[string]bool) (text, whole, surface uint64) {
	if s.disk != nil {
		return s.diskVersions(m)
	}
	st := s.files[m.Path]
	if st == nil || m.Shared || st.file != m.Parsed || m.Parsed == nil {
		o := s.others[m.Path]
		if o == nil || o.file != m.File {
			o = &otherState{file: m.File, version: s.nextVersion()}
			s.others[m.Path] = o
		}
		return o.version, o.version, o.version
	}
	whole = s.ifaceVersion(m.Path, st, nil, nil)
	var known *deps.Fingerprint // the whole interface's, when it is the surface's too
	if len(hidden) == 0 {
		known = s.surfaces[m.Path].print
	}
	surface = s.ifaceVersion(m.Path+"\x00surface", st, hidden, known)
	return st.textVersion, whole, surface
}

// ifaceVersion is the version of a parse's interface with the hidden
// names' definitions left out, kept under key from check to check; known,
// when not nil, is that interface's fingerprint.
func (s *Session) ifaceVersion(key string, st *fileState, hidden map[string]bool, known *deps.Fingerprint) uint64 {
	prev, ok := s.surfaces[key]
	if ok && prev.file == st && maps.Equal(prev.hidden, hidden) {
		return prev.version
	}
	next := surfaceState{file: st, hidden: hidden, print: known}
	if !ok {
		// A file first seen: nothing to compare its interface with.
		next.version = s.nextVersion()
	} else {
		if prev.print == nil {
			fp := deps.SurfaceOf(prev.file.unitsOf(), prev.hidden)
			prev.print = &fp
		}
		if next.print == nil {
			fp := deps.SurfaceOf(st.unitsOf(), hidden)
			next.print = &fp
		}
		next.version = prev.version
		if *next.print != *prev.print {
			next.version = s.nextVersion()
		}
	}
	s.surfaces[key] = next
	return next.version
}

// stamps computes every module's stamp, walking the components of the
// import graph dependencies first: a component's stamp covers its members'
// surfaces (what they show the modules that depend on them) and the stamps
// of the components it imports; a member's own stamp covers the same with
// its own whole interface in place of its own surface; and every stamp
// covers the options (options, a text that identifies them). It also
// returns each module's static stamp: of its place in the program alone
// (the options, the set of modules, its path, name and imports).
func (s *Session) stamps(g *build.Graph, options string) (stamps, statics map[string]stamp) {
	// The set of modules, whatever the order of the components.
	var names []string
	for _, m := range g.Modules {
		names = append(names, m.Name+"\x00"+m.Path+"\x00")
	}
	slices.Sort(names)
	program := sha256.New()
	program.Write([]byte(options))
	for _, n := range names {
		program.Write([]byte(n))
	}
	programSum := program.Sum(nil)
	var hidden map[string]map[string]bool
	if s.disk == nil {
		hidden = s.unreferenced(g)
	}
	closure := map[string][]byte{} // module → its component's stamp
	out, statics := map[string]stamp{}, map[string]stamp{}
	for _, scc := range g.SCCs {
		// h is what the component shows the modules that depend on it;
		// a member's own check depends on that, except that its own
		// whole interface (its hidden definitions included) stands in
		// for its own surface.
		h := sha256.New()
		texts, wholes, surfaces := make([]uint64, len(scc)), make([]uint64, len(scc)), make([]uint64, len(scc))
		for i, m := range scc {
			texts[i], wholes[i], surfaces[i] = s.versions(m, hidden[m.Name])
			h.Write([]byte(m.Name + "\x00"))
			h.Write(binary.LittleEndian.AppendUint64(nil, surfaces[i]))
		}
		var deps []string
		for _, m := range scc {
			for _, d := range m.Deps {
				if _, in := closure[d]; in {
					deps = append(deps, d)
				}
			}
		}
		slices.Sort(deps)
		deps = slices.Compact(deps)
		for _, d := range deps {
			h.Write(closure[d])
		}
		sum := h.Sum(nil)
		for i, m := range scc {
			closure[m.Name] = sum
			static := sha256.New()
			static.Write(programSum)
			static.Write([]byte(m.Name + "\x00" + m.Path + "\x00"))
			for _, d := range m.Deps {
				static.Write([]byte(d + "\x00"))
			}
			var st, full stamp
			copy(st[:], static.Sum(nil))
			h := sha256.New()
			h.Write(st[:])
			for j, other := range scc {
				if j != i {
					h.Write([]byte(other.Name + "\x00"))
					h.Write(binary.LittleEndian.AppendUint64(nil, surfaces[j]))
				}
			}
			for _, d := range deps {
				h.Write(closure[d])
			}
			h.Write(binary.LittleEndian.AppendUint64(nil, wholes[i]))
			h.Write(binary.LittleEndian.AppendUint64(nil, texts[i]))
			copy(full[:], h.Sum(nil))
			out[m.Name], statics[m.Name] = full, st
		}
	}
	return out, statics
}

// result returns a module's kept diagnostics if they were computed under
// the same stamp.
func (s *Session) result(module string, st stamp) ([]diag.Diagnostic, bool) {
	if s == nil {
		return nil, false
	}
	r, ok := s.results[module]
	if !ok || r.stamp != st {
		if s.disk != nil {
			return s.diskResult(module, st)
		}
		return nil, false
	}
	return r.diags, true
}

// Warm prepares, between checks, what the next check will need to find
// what an edit reaches: the units of every file the session parsed
// (deps.Units), so that the first edit of a file compares it with its
// last version without making that version's units then. It stops, between
// two statements, as soon as more reports false. A front end calls it while idle,
// after it has answered; like Check, it must not run beside another call on
// the session.
func (s *Session) Warm(more func() bool) {
	for _, st := range s.files {
		if !more() {
			return
		}
		if len(st.file.Errors) == 0 && st.units == nil {
			var from *deps.UnitCache
			if st.before != nil {
				from = st.before.reusable // (when made: warming does not go further back)
			}
			if units, cache, ok := deps.UnitsReusingWhile(st.file.Module, st.text, from, more); ok {
				st.units, st.reusable, st.before = units, cache, nil
			}
		}
	}
}

// sawSilent records the stamp of a module loaded but not reported on.
func (s *Session) sawSilent(module string, st stamp) {
	if s != nil {
		s.silent[module] = st
	}
}

// lastResult returns a module's diagnostics of its last analysis, whatever
// its stamp.
func (s *Session) lastResult(module string) ([]diag.Diagnostic, bool) {
	if s == nil {
		return nil, false
	}
	r, ok := s.results[module]
	return r.diags, ok
}

// keep records a module's diagnostics under its stamp.
func (s *Session) keep(module string, st stamp, ds []diag.Diagnostic) {
	if s != nil {
		s.results[module] = moduleResult{stamp: st, diags: slices.Clone(ds)}
		if s.disk != nil {
			s.saveResult(module, st, ds)
		}
	}
}

// forgetTargets drops what a module's last analysis left for re-checking
// it in part: the next check analyses it whole.
func (s *Session) forgetTargets(module string) {
	if s != nil {
		delete(s.targets, module)
	}
}

// forget drops what the session kept of files and modules that are no
// longer part of the program.
func (s *Session) forget(g *build.Graph) {
	if s == nil {
		return
	}
	paths := map[string]bool{}
	for _, m := range g.Modules {
		paths[m.Path] = true
	}
	for p := range s.files {
		if !paths[p] {
			delete(s.files, p)
			delete(s.good, p)
		}
	}
	for p := range s.others {
		if !paths[p] {
			delete(s.others, p)
		}
	}
	for key := range s.surfaces {
		if path, _, _ := strings.Cut(key, "\x00"); !paths[path] {
			delete(s.surfaces, key)
		}
	}
	for p, st := range s.counted {
		if !paths[p] {
			s.count(st, -1)
			delete(s.counted, p)
		}
	}
	for name := range s.results {
		if _, ok := g.Modules[name]; !ok {
			delete(s.results, name)
		}
	}
	for name := range s.targets {
		if _, ok := g.Modules[name]; !ok {
			delete(s.targets, name)
		}
	}
	parses := map[*ast.Module]bool{}
	for _, m := range g.Modules {
		if m.File != nil {
			parses[m.File.Module] = true
		}
	}
	for mod := range s.protocols {
		if !parses[mod] {
			delete(s.protocols, mod)
		}
	}
	for mod := range s.multipleBases {
		if !parses[mod] {
			delete(s.multipleBases, mod)
		}
	}
	for mod := range s.stubUnits {
		if !parses[mod] {
			delete(s.stubUnits, mod)
		}
	}
	for name := range s.silent {
		if m, ok := g.Modules[name]; !ok || !m.Silent {
			delete(s.silent, name)
		}
	}
}

// watchedFiles lists the paths of the loaded modules that were read through
// the front end's file system, sorted.
func watchedFiles(g *build.Graph) []string {
	var out []string
	for _, m := range g.Modules {
		if !m.Shared && m.Path != "" && m.Path != "<string>" {
			out = append(out, m.Path)
		}
	}
	slices.Sort(out)
	return out
}

// newFinder returns a module finder for a check: the previous check's,
// with the modules it found, when nothing it depends on changed.
func (s *Session) newFinder(files, typeshed fsys.FS, paths modules.SearchPaths, version modules.Version) (*modules.Finder, error) {
	gen, ok := files.(generational)
	if s == nil || !ok {
		return modules.NewFinder(files, typeshed, paths, version)
	}
	if f := s.finder; f != nil && f.files == gen && f.version == version && f.generation == gen.Generation() &&
		reflect.DeepEqual(f.paths, paths) {
		return f.finder, nil
	}
	finder, err := modules.NewFinder(files, typeshed, paths, version)
	if err == nil {
		s.finder = &finderState{finder: finder, files: gen, paths: paths, version: version, generation: gen.Generation()}
	}
	return finder, err
}
