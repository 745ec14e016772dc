package checker

import (
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"typd/checker/build"
	"typd/checker/check"
	"typd/checker/modules"
	"typd/checker/options"
	"typd/checker/reach"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// Snapshot is the program of one finished check, as it was: its modules'
// parses, their analysis and the options it ran under. A later check
// builds a new snapshot and leaves this one as it is, so the answers to
// queries about it (inspect, suggest) stay those of that check, however the
// files changed since; that is what dmypy's inspect and suggest answer.
// A snapshot's methods may be called from several goroutines.
type Snapshot struct {
	graph *build.Graph
	prog  *semanal.Program
	// semCfg is how prog was analysed (a trial analyses the program again).
	semCfg semanal.Config
	rc     *reach.Config
	opts   *options.Options

	// mu serializes every use of prog: the types of a module are recorded
	// on its first query, and the program builds classes and resolves
	// members' types on first use, without synchronisation of its own.
	mu sync.Mutex
	// inspections are the modules recorded so far, by cleaned path.
	inspections map[string]*Inspection
	// all is every inspectable module, once InspectAll recorded them.
	all []*Inspection
	// stale are the files (cleaned paths) that did not parse, whose last
	// parse that did stands in (Config.IsolateSyntaxErrors).
	stale map[string]bool
	// finder found the program's modules, for the Python version.
	finder  *modules.Finder
	version modules.Version
}

// ModuleNames returns, sorted, the names of the modules an import could
// name: the program's modules and the standard library's (typeshed's for
// the target version).
func (s *Snapshot) ModuleNames() []string {
	seen := map[string]bool{}
	for name := range s.graph.Modules {
		seen[name] = true
	}
	if s.finder != nil {
		for name := range s.finder.Versions() {
			if s.finder.Versions().Available(name, s.version) {
				seen[name] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// Exclusive runs f alone among the snapshot's queries, with a Reader of
// the snapshot. An inspection's Program builds classes and resolves
// members' types on first use, without synchronisation of its own: every
// use of it (types, attributes, definitions, references, suggestions) runs
// inside Exclusive, and the Reader's queries, which do not lock again,
// stand in for the snapshot's there.
func (s *Snapshot) Exclusive(f func(r Reader)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(Reader{s})
}

// Reader is a snapshot inside Exclusive (see there); its zero value has
// no modules.
type Reader struct{ s *Snapshot }

// Inspection is one module of a checked program with the type of every
// expression its check reached, and the program those types belong to:
// what dmypy's inspect (and an editor's hover, completion and
// go-to-definition) reads.
type Inspection struct {
	// Path and Name are the module's file and name; Text is the file's
	// text as the check read it, and Module its parse.
	Path, Name string
	Text       []byte
	Module     *ast.Module
	// Types are the expressions' types; an expression the check did not
	// reach (unreachable code) has none.
	Types map[ast.Expr]types.Type
	// Program and Graph are the analysed program, for the definitions and
	// attributes of what the expressions name.
	Program *semanal.Program
	Graph   *build.Graph
	// Format is how the check writes types in its messages.
	Format types.FormatOptions
}

// Binds reports whether the module binds a name at its top level.
func (in *Inspection) Binds(name string) bool {
	mod := in.Program.Modules[in.Name]
	return mod != nil && mod.Names[name] != nil
}

// Inspect returns the module at path with the types of its expressions,
// recorded by checking that module again on its first query (the
// snapshot keeps them); ErrUnknownModule when no module of the program
// has that path, and ErrStale with the inspection when the file did not
// parse and its last parse that did stands in.
func (s *Snapshot) Inspect(path string) (in *Inspection, err error) {
	s.Exclusive(func(r Reader) { in, err = r.Inspect(path) })
	return in, err
}

// Inspect is Snapshot.Inspect inside Exclusive.
func (r Reader) Inspect(path string) (*Inspection, error) {
	s := r.s
	if s == nil {
		return nil, ErrUnknownModule
	}
	path = filepath.Clean(path)
	var err error
	if s.stale[path] {
		err = ErrStale
	}
	if in, ok := s.inspections[path]; ok {
		return in, err
	}
	for _, m := range s.graph.Modules {
		if inspectable(m) && filepath.Clean(m.Path) == path {
			return s.record(m), err
		}
	}
	return nil, ErrUnknownModule
}

// ErrStale is Inspect's error for a file that did not parse: the
// inspection it returns is of the last text that did.
var ErrStale = errors.New("the file does not parse: the inspection is of its last text that did")

// SourceFile is a file of the program that parsed: its path, text and
// syntax tree.
type SourceFile struct {
	Path   string
	Text   []byte
	Module *ast.Module
}

// Files returns the program's own files (not typeshed's, not those whose
// errors are silenced), sorted by path, as the check parsed them.
func (s *Snapshot) Files() []SourceFile {
	var out []SourceFile
	for _, m := range s.graph.Modules {
		if inspectable(m) && !m.Silent && m.Text != nil && len(m.File.Errors) == 0 {
			out = append(out, SourceFile{Path: m.Path, Text: m.Text, Module: m.File.Module})
		}
	}
	slices.SortFunc(out, func(a, b SourceFile) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Text returns the text of the program's file at path as the check read
// it; false when no module of the program (typeshed's aside) has that
// path.
func (s *Snapshot) Text(path string) ([]byte, bool) {
	path = filepath.Clean(path)
	for _, m := range s.graph.Modules {
		if !m.Shared && m.Path != "" && m.Text != nil && filepath.Clean(m.Path) == path {
			return m.Text, true
		}
	}
	return nil, false
}

// InspectAll returns the inspection of every module the check checked
// (not the silent ones), in the order of the import graph's components.
func (r Reader) InspectAll() []*Inspection {
	s := r.s
	if s.all == nil {
		s.all = []*Inspection{}
		for _, scc := range s.graph.SCCs {
			for _, m := range scc {
				if inspectable(m) && !m.Silent {
					if in, ok := s.inspections[filepath.Clean(m.Path)]; ok {
						s.all = append(s.all, in)
					} else {
						s.all = append(s.all, s.record(m))
					}
				}
			}
		}
	}
	return s.all
}

// inspectable reports whether a module has a file of the front end's and
// a parse.
func inspectable(m *build.Module) bool {
	return !m.Shared && m.Path != "" && m.File != nil
}

// record checks a module again, recording its expressions' types, and
// keeps the inspection. The caller holds mu.
func (s *Snapshot) record(m *build.Module) *Inspection {
	if s.inspections == nil {
		s.inspections = map[string]*Inspection{}
	}
	v := s.rc.PythonVersion
	in := &Inspection{Path: m.Path, Name: m.Name, Text: m.Text, Module: m.File.Module, Program: s.prog, Graph: s.graph,
		Types:  check.Types(s.prog, m, s.rc, checkSettings(s.opts.For(m.Name))),
		Format: types.FormatOptions{OrSyntax: v[0] > 3 || v[0] == 3 && v[1] >= 10}}
	s.inspections[filepath.Clean(m.Path)] = in
	return in
}
