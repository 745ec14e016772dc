package checker

import (
	"path/filepath"

	"typd/checker/check"
	"typd/deps"
)

// Symbols is what other modules can see of a module's names, for
// comparison with another version's (see deps.Snapshot).
type Symbols = deps.Snapshot

// ChangedNames returns, sorted, the fully qualified names of a module
// whose symbols differ between two versions, as mypy's fine-grained mode
// finds them (see deps.Diff).
func ChangedNames(module string, old, new Symbols) []string { return deps.Diff(module, old, new) }

// Symbols snapshots what other modules can see of the program's module
// at path, and returns the module's name; ok is false when no module of
// the program has that path.
func (s *Snapshot) Symbols(path string) (module string, snap Symbols, ok bool) {
	path = filepath.Clean(path)
	for name, m := range s.graph.Modules {
		if m.Path == "" || filepath.Clean(m.Path) != path || s.prog.Modules[name] == nil {
			continue
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		d := check.NewDescriber(s.prog, m, s.rc, checkSettings(s.opts.For(name)))
		return name, deps.Take(s.prog, name, d), true
	}
	return "", nil, false
}
