package build

import (
	"bytes"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"typd/checker/sources"
)

// Reload loads the program prev was loaded for again, building on prev,
// which Load or Reload returned for the same configuration: cfg may
// differ only in Parse, and only by parsing the same texts the same way,
// and cfg.Finder must give the answers prev's loader got (the module
// finder of that load, the file system's folders unchanged since).
//
// When the sources are prev's and every module of prev reads as it did,
// or its new text parses and imports the same modules in the same order
// (the places of the imports may move), the graph is prev's: the same
// modules, imports and components, with the modules whose text changed
// parsed again. Reload then reports true, having looked nothing up in the
// finder and parsed only the changed texts. Otherwise it returns false,
// and the program must be loaded afresh (Load).
func Reload(prev *Graph, cfg Config, srcs []sources.Source) (*Graph, bool) {
	if prev == nil || reachKey(cfg.Reach) != prev.reachKey || !slices.Equal(cfg.Implicit, prev.implicit) ||
		!slices.EqualFunc(srcs, prev.sources, sameSource) {
		return nil, false
	}
	l := &loader{cfg: cfg, reachKey: prev.reachKey}
	g := &Graph{Modules: make(map[string]*Module, len(prev.Modules)), sources: srcs, implicit: cfg.Implicit, reachKey: prev.reachKey}
	given := map[string][]byte{}
	for _, s := range srcs {
		if s.Text != nil {
			given[s.Path] = s.Text
		}
	}
	var changed []*Module
	for name, old := range prev.Modules {
		if old.ReadError != nil || old.Crash != "" || old.File == nil {
			return nil, false
		}
		m := new(Module)
		*m = *old
		g.Modules[name] = m
		if m.Shared || m.given && !m.Source {
			continue // (typeshed's stubs and namespace packages do not change)
		}
		text, ok := given[m.Path]
		if !m.given {
			var err error
			if text, err = m.FS.ReadFile(m.Path); err != nil {
				return nil, false
			}
		} else if !ok {
			return nil, false
		}
		if bytes.Equal(text, old.Text) {
			continue
		}
		if len(old.Parsed.Errors) > 0 {
			return nil, false // (it imported nothing; now it may)
		}
		m.Text = text
		changed = append(changed, m)
	}
	if len(changed) > 2*runtime.GOMAXPROCS(0) {
		return nil, false // (many changes: Load parses them in parallel as it goes)
	}
	sharedParses.NewCheck()
	sharedTexts.NewCheck()
	mergedParses.shared.NewCheck()
	annotationErrors.shared.NewCheck()
	if !l.parseAgain(changed) {
		return nil, false
	}

	// What the modules that did not change used of the caches is marked
	// used by this check, as Load would have.
	for _, m := range g.Modules {
		if slices.Contains(changed, m) {
			continue
		}
		if m.Shared {
			sharedTexts.Get(textKey{unsafe.SliceData(m.Text), len(m.Text)})
		}
		if len(m.Parsed.Errors) == 0 {
			mergedParses.get(m, mergeKey{m.Parsed, l.reachKey})
			if !m.Silent {
				annotationErrors.get(m, m.Parsed)
			}
			cfg.Imports.touch(m.File)
		}
	}
	cfg.Imports.sweep()
	g.SCCs = make([][]*Module, len(prev.SCCs))
	for i, scc := range prev.SCCs {
		g.SCCs[i] = make([]*Module, len(scc))
		for j, m := range scc {
			g.SCCs[i][j] = g.Modules[m.Name]
		}
	}
	return g, true
}

// sameSource reports whether two sources name the same module and file,
// with the same given text if any.
func sameSource(a, b sources.Source) bool {
	return a.Module == b.Module && a.Path == b.Path && (a.Text == nil) == (b.Text == nil) && bytes.Equal(a.Text, b.Text)
}

// parseAgain parses the modules whose text changed (in parallel) and
// reports whether each still parses and imports what it did; the places
// of its import errors follow its imports.
func (l *loader) parseAgain(changed []*Module) bool {
	same := make([]bool, len(changed))
	var wg sync.WaitGroup
	for i, m := range changed {
		wg.Add(1)
		go func() {
			defer wg.Done()
			same[i] = l.reimport(m)
		}()
	}
	wg.Wait()
	return !slices.Contains(same, false)
}

// reimport parses a module's new text and reports whether it imports
// what its last text did; a panic (a bug in typd) reports false, and the
// loader then loads afresh and keeps it.
func (l *loader) reimport(m *Module) (same bool) {
	defer func() {
		if recover() != nil {
			same = false
		}
	}()
	if l.cfg.Parse != nil {
		m.File = l.cfg.Parse(m.Path, m.Text)
	} else {
		m.File = ParseStored(m.Text, l.cfg.Store)
	}
	m.Parsed = m.File
	if len(m.File.Errors) > 0 {
		return false
	}
	m.File, m.UnmergedOverloads = l.mergeOverloads(m)
	m.AnnotationErrors = nil
	if !m.Silent {
		m.AnnotationErrors = annotationErrorsOf(m)
	}
	refs := l.cfg.Imports.imports(m, l.cfg.Reach, l.reachKey)
	if !slices.EqualFunc(refs, m.imports, sameImport) {
		return false
	}
	m.imports = refs
	m.ImportErrors = slices.Clone(m.ImportErrors)
	for k, at := range m.importErrorAt {
		m.ImportErrors[k].Line, m.ImportErrors[k].Col = refs[at].Line, refs[at].Col
	}
	return true
}

// sameImport reports whether two imports name the same module in the same
// way, wherever they are.
func sameImport(a, b importRef) bool {
	return a.Module == b.Module && a.Optional == b.Optional && a.BadRelative == b.BadRelative
}
