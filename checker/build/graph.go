// Package build loads a program the way mypy's build does: it parses the
// sources, follows their imports through the module finder (in parallel),
// records the imports that cannot be followed, and orders the modules into
// strongly connected components, dependencies first, deterministically.
// It reads only through the file systems it is given.
package build

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"typd/checker/fsys"
	"typd/checker/internal/recent"
	"typd/checker/merge"
	"typd/checker/modules"
	"typd/checker/reach"
	"typd/checker/sources"
	"typd/parser"
	"typd/parser/ast"
)

// Config is what loading needs.
type Config struct {
	Files  fsys.FS
	Finder *modules.Finder
	Reach  *reach.Config
	// FollowImports is mypy's follow_imports for a module (normal, silent,
	// skip or error; nil is normal), and whether it applies to stubs too
	// (follow_imports_for_stubs): otherwise stubs are always followed.
	FollowImports func(module string) (mode string, forStubs bool)
	// Implicit are modules every module depends on without importing them
	// (builtins).
	Implicit []string
	// Parse, when set, parses the modules that are not shared (a daemon
	// session reuses the parses of unchanged files); it must be safe to
	// call from several goroutines.
	Parse func(path string, text []byte) *parser.File
	// Imports, when set, keeps each parse's imports across loads.
	Imports *ImportCache
	// Store, when set, keeps parses across processes (a cache on disk):
	// a text parsed by an earlier process is decoded from it, and a text
	// parsed now is saved to it. It is not asked about the texts Parse
	// parses.
	Store ParseStore
}

// ParseStore keeps the parses of texts across processes; it must be safe
// to call from several goroutines.
type ParseStore interface {
	// Load returns the parse of a text that Save stored, or nil.
	Load(text []byte) *parser.File
	// Save stores the parse of a text.
	Save(text []byte, f *parser.File)
}

// Module is one loaded module.
type Module struct {
	Name      string
	Path      string
	FS        fsys.FS
	IsPackage bool
	IsStub    bool
	// Source marks the modules named on the command line.
	Source bool
	// Silent modules are analysed but their errors are not reported
	// (typeshed, installed packages, --follow-imports=silent).
	Silent bool
	// Shared marks a module whose parse may be shared with other checks in
	// this process (typeshed's, which never change under a running typd).
	Shared bool
	// Text is the source; File its parse (nil when unreadable), with the
	// parts of overloads defined under if statements merged (see package
	// merge), and Parsed the parser's tree before that (File when nothing
	// merged).
	Text      []byte
	File      *parser.File
	Parsed    *parser.File
	ReadError error
	// Crash is what a panic while loading the module said: a bug in typd,
	// reported as an internal error.
	Crash string
	// Deps are the loaded modules this one imports, sorted.
	Deps []string
	// ImportOrder lists every module this one imports, found or not, in
	// mypy's order: deepest names first, then by first appearance.
	ImportOrder []string
	// ImportErrors are the imports that could not be followed.
	ImportErrors []ImportError
	// UnmergedOverloads are the if statements holding parts of an overload
	// that were not merged with it because their conditions could not be
	// inferred (see package merge).
	UnmergedOverloads []*ast.If
	// AnnotationErrors are the errors mypy's parser reports in the
	// annotations of a module that is not silent (argument constructors it
	// cannot read); like syntax errors, they stop the check.
	AnnotationErrors []parser.Error
	// given marks a module whose text was not read but given (a source's
	// text, a namespace package's empty one).
	given bool
	// imports are the imports of File that the loader followed or
	// reported, in its order; importErrorAt[k] is the one of them
	// ImportErrors[k] is about (see Reload).
	imports       []importRef
	importErrorAt []int
}

// ImportError is an import that could not be followed.
type ImportError struct {
	Line, Col int
	Module    string
	// Reason is why the module was not found; zero for the other kinds.
	Reason modules.NotFound
	// Ignored is set when --follow-imports=error refused to follow it.
	Ignored bool
	// NoParent marks a relative import beyond the top-level package.
	NoParent bool
}

// Graph is a loaded program.
type Graph struct {
	Modules map[string]*Module
	// SCCs are the strongly connected components of the import graph,
	// each sorted by name, dependencies before their dependents.
	SCCs [][]*Module
	// sources, implicit and reachKey are what the graph was loaded for
	// (see Reload).
	sources  []sources.Source
	implicit []string
	reachKey string
}

// Load parses the sources and everything they import.
func Load(cfg Config, srcs []sources.Source) *Graph {
	sharedParses.NewCheck()
	sharedTexts.NewCheck()
	mergedParses.shared.NewCheck()
	annotationErrors.shared.NewCheck()
	l := &loader{cfg: cfg, g: &Graph{Modules: map[string]*Module{}, sources: srcs, implicit: cfg.Implicit}, reachKey: reachKey(cfg.Reach)}
	l.g.reachKey = l.reachKey
	l.work = make(chan *Module, 1024)
	workers := runtime.GOMAXPROCS(0)
	var done sync.WaitGroup
	for i := 0; i < workers; i++ {
		done.Add(1)
		go func() {
			defer done.Done()
			for m := range l.work {
				l.process(m)
			}
		}()
	}
	// The implicit dependencies are known before any module is processed,
	// so that every module's Deps name them whatever the timing.
	var implicit []*Module
	for _, name := range cfg.Implicit {
		if slices.ContainsFunc(srcs, func(s sources.Source) bool { return s.Module == name }) {
			l.implicit = append(l.implicit, name)
		} else if found, why := cfg.Finder.Find(name); why == 0 {
			l.implicit = append(l.implicit, name)
			implicit = append(implicit, &Module{Name: name, Path: found.Path, FS: found.FS, IsPackage: found.IsPackage,
				IsStub: found.IsStub, Silent: true, Shared: found.Origin == modules.FromTypeshed})
		}
	}
	// Every source is registered before any is processed: whether an
	// import names a source (followed whatever --follow-imports says)
	// must not depend on which worker ran first.
	var first []*Module
	for _, s := range srcs {
		m := &Module{Name: s.Module, Path: s.Path, FS: cfg.Files, Source: true, Text: s.Text,
			IsPackage: isInit(s.Path), IsStub: hasExt(s.Path, ".pyi"), given: s.Text != nil}
		if s.Module == "" {
			m.Name = s.Path
		}
		first = append(first, m)
	}
	first = append(first, implicit...)
	var queued []*Module
	for _, m := range first {
		if l.register(m) {
			queued = append(queued, m)
		}
	}
	for _, m := range queued {
		l.queue(m)
	}
	l.pending.Wait()
	close(l.work)
	done.Wait()
	cfg.Imports.sweep()
	l.g.SCCs = stronglyConnected(l.g.Modules)
	return l.g
}

type loader struct {
	cfg Config
	// implicit are the implicit dependencies that the program has.
	implicit []string
	// reachKey identifies cfg.Reach for the import cache.
	reachKey string
	g        *Graph
	mu       sync.Mutex
	pending  sync.WaitGroup
	work     chan *Module
}

// add registers a module (the first one named wins) and queues it.
func (l *loader) add(m *Module) {
	if l.register(m) {
		l.queue(m)
	}
}

// register records a module in the graph unless one of its name is there;
// it reports whether it did.
func (l *loader) register(m *Module) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, dup := l.g.Modules[m.Name]; dup {
		return false
	}
	l.g.Modules[m.Name] = m
	return true
}

// queue hands a registered module to the workers.
func (l *loader) queue(m *Module) {
	l.pending.Add(1)
	go func() { l.work <- m }()
}

// process parses a module and queues what it imports. A panic (a bug in
// typd) is kept as the module's Crash, and loading goes on.
func (l *loader) process(m *Module) {
	defer l.pending.Done()
	defer func() {
		if v := recover(); v != nil {
			if os.Getenv("TYPD_PANIC") != "" {
				panic(v)
			}
			m.Crash = fmt.Sprint(v)
		}
	}()
	if m.Text == nil {
		text, err := m.FS.ReadFile(m.Path)
		if err != nil {
			m.ReadError = err
			return
		}
		m.Text = text
	}
	switch {
	case m.Shared:
		m.File = parseShared(m.Text, l.cfg.Store)
	case l.cfg.Parse != nil:
		m.File = l.cfg.Parse(m.Path, m.Text)
	default:
		m.File = ParseStored(m.Text, l.cfg.Store)
	}
	m.Parsed = m.File
	if len(m.File.Errors) > 0 {
		return
	}
	m.File, m.UnmergedOverloads = l.mergeOverloads(m)
	if !m.Silent {
		m.AnnotationErrors = annotationErrorsOf(m)
	}
	deps := map[string]bool{}
	for _, name := range l.implicit {
		if name != m.Name {
			deps[name] = true
		}
	}
	m.imports = l.cfg.Imports.imports(m, l.cfg.Reach, l.reachKey)
	for i, ref := range m.imports {
		if ref.BadRelative {
			m.ImportErrors = append(m.ImportErrors, ImportError{Line: ref.Line, Col: ref.Col, NoParent: true})
			m.importErrorAt = append(m.importErrorAt, i)
			continue
		}
		if ref.Module == m.Name {
			continue
		}
		m.ImportOrder = append(m.ImportOrder, ref.Module)
		if l.known(ref.Module) {
			deps[ref.Module] = true
			continue
		}
		found, why := l.cfg.Finder.Find(ref.Module)
		if why != 0 {
			if !ref.Optional {
				m.ImportErrors = append(m.ImportErrors, ImportError{Line: ref.Line, Col: ref.Col, Module: ref.Module, Reason: why})
				m.importErrorAt = append(m.importErrorAt, i)
			}
			continue
		}
		silent := m.Silent || found.Origin != modules.FromSources
		mode, forStubs := "normal", false
		if l.cfg.FollowImports != nil {
			mode, forStubs = l.cfg.FollowImports(ref.Module)
		}
		if found.Origin == modules.FromSources && !found.IsStub || found.IsStub && forStubs {
			switch mode {
			case "skip":
				continue
			case "error":
				if !ref.Optional {
					m.ImportErrors = append(m.ImportErrors, ImportError{Line: ref.Line, Col: ref.Col, Module: ref.Module, Ignored: true})
					m.importErrorAt = append(m.importErrorAt, i)
				}
				continue
			case "silent":
				silent = true
			}
		}
		deps[ref.Module] = true
		if found.IsNamespace {
			l.add(&Module{Name: found.Name, Path: found.Path, FS: found.FS, IsPackage: true, Silent: silent, Text: []byte{}, given: true})
			continue
		}
		l.add(&Module{Name: found.Name, Path: found.Path, FS: found.FS, IsPackage: found.IsPackage,
			IsStub: found.IsStub, Silent: silent, Shared: found.Origin == modules.FromTypeshed})
	}
	m.Deps = sortedKeys(deps)
}

func (l *loader) known(name string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.g.Modules[name]
	return ok
}

// mergedParses caches each parse with its overloads merged (see package
// merge), by parse and reach settings: a parse later checks reuse keeps
// the identity of its merged tree, which caches keyed by it rely on.
var mergedParses parseCache[mergeKey, mergedParse]

// parseCache keeps what is worked out of a module's parse: of typeshed's
// shared parses, those of recent checks (recent.Cache); of a session's,
// the latest of each file only (recent.Latest), so that an edited file's
// older parses are not kept alive.
type parseCache[K comparable, V any] struct {
	shared recent.Cache[K, V]
	latest recent.Latest[K, V]
}

// get returns the value kept for key, a parse of m.
func (c *parseCache[K, V]) get(m *Module, key K) (V, bool) {
	if m.Shared {
		return c.shared.Get(key)
	}
	return c.latest.Get(m.Path, key)
}

// put keeps v for key, a parse of m, and returns the value kept.
func (c *parseCache[K, V]) put(m *Module, key K, v V) V {
	if m.Shared {
		return c.shared.Put(key, v)
	}
	return c.latest.Put(m.Path, key, v)
}

type mergeKey struct {
	file  *parser.File
	reach string
}

type mergedParse struct {
	file     *parser.File
	unmerged []*ast.If
}

// mergeOverloads is m's parse with the parts of overloads defined under if
// statements merged, and the if statements that could not be.
func (l *loader) mergeOverloads(m *Module) (*parser.File, []*ast.If) {
	f := m.File
	key := mergeKey{f, l.reachKey}
	if p, ok := mergedParses.get(m, key); ok {
		return p.file, p.unmerged
	}
	module, unmerged := merge.Module(f.Module, l.cfg.Reach)
	merged := f
	if module != f.Module {
		out := *f
		out.Module = module
		merged = &out
	}
	p := mergedParses.put(m, key, mergedParse{merged, unmerged})
	return p.file, p.unmerged
}

// sharedParses caches the parse of typeshed stubs by content for the
// checks of the process (those of recent checks): the AST is immutable, so
// every check can use it. sharedTexts finds it by the text's bytes
// themselves, which the file systems share from check to check (texts are
// never modified: see fsys.FS), without hashing the whole text.
var (
	sharedParses recent.Cache[string, *parser.File]
	sharedTexts  recent.Cache[textKey, *parser.File]
)

// textKey identifies a text by its bytes' place in memory.
type textKey struct {
	data *byte
	len  int
}

// parseShared returns the parse of a typeshed stub: the process's, the
// store's (when not nil), or a new one.
func parseShared(text []byte, store ParseStore) *parser.File {
	key := textKey{unsafe.SliceData(text), len(text)}
	if f, ok := sharedTexts.Get(key); ok {
		return f
	}
	// (The text is only read while Get looks it up: no copy is needed.)
	f, ok := sharedParses.Get(unsafe.String(unsafe.SliceData(text), len(text)))
	if !ok {
		f = sharedParses.Put(string(text), ParseStored(text, store))
	}
	return sharedTexts.Put(key, f)
}

// ParseStored returns the store's parse of a text, or parses it and saves
// the parse to the store (when not nil).
func ParseStored(text []byte, store ParseStore) *parser.File {
	if store == nil {
		return parser.Parse(text)
	}
	if f := store.Load(text); f != nil {
		return f
	}
	f := parser.Parse(text)
	store.Save(text, f)
	return f
}

// orderImports keeps the first reference to each module and orders them as
// mypy does: more dots first, ties in source order.
func orderImports(refs []importRef) []importRef {
	seen := map[string]int{}
	var out []importRef
	for _, r := range refs {
		if r.BadRelative {
			out = append(out, r)
			continue
		}
		if at, ok := seen[r.Module]; ok {
			// A later plain import of a module first seen as optional makes
			// it required.
			out[at].Optional = out[at].Optional && r.Optional
			continue
		}
		seen[r.Module] = len(out)
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return strings.Count(out[i].Module, ".") > strings.Count(out[j].Module, ".")
	})
	return out
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func isInit(path string) bool {
	return hasExt(path, "__init__.py") || hasExt(path, "__init__.pyi")
}

func hasExt(path, suffix string) bool {
	return len(path) >= len(suffix) && path[len(path)-len(suffix):] == suffix
}

// stronglyConnected runs Tarjan's algorithm over the modules in name order;
// it emits each component after every component it depends on.
func stronglyConnected(mods map[string]*Module) [][]*Module {
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	index := map[string]int{}
	low := map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	var out [][]*Module
	next := 0
	var visit func(n string)
	visit = func(n string) {
		index[n], low[n] = next, next
		next++
		stack = append(stack, n)
		onStack[n] = true
		for _, d := range mods[n].Deps {
			if _, ok := mods[d]; !ok {
				continue
			}
			if _, seen := index[d]; !seen {
				visit(d)
				low[n] = min(low[n], low[d])
			} else if onStack[d] {
				low[n] = min(low[n], index[d])
			}
		}
		if low[n] == index[n] {
			var scc []*Module
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[top] = false
				scc = append(scc, mods[top])
				if top == n {
					break
				}
			}
			sort.Slice(scc, func(i, j int) bool { return scc[i].Name < scc[j].Name })
			out = append(out, scc)
		}
	}
	for _, n := range names {
		if _, seen := index[n]; !seen {
			visit(n)
		}
	}
	return out
}

// coreStubs are the typeshed files that the implicit builtins import pulls
// in for every check, whatever the target version.
var coreStubs = []string{"builtins.pyi", "typing.pyi", "types.pyi", "_typeshed/__init__.pyi",
	"collections/__init__.pyi", "collections/abc.pyi", "_collections_abc.pyi", "typing_extensions.pyi",
	"abc.pyi", "sys/__init__.pyi", "os/__init__.pyi", "io.pyi", "_io.pyi", "enum.pyi", "ast.pyi", "_ast.pyi",
	"codecs.pyi", "contextlib.pyi", "dataclasses.pyi", "re.pyi", "subprocess.pyi", "pathlib/__init__.pyi",
	"importlib/__init__.pyi", "importlib/abc.pyi", "importlib/machinery.pyi", "importlib/metadata/__init__.pyi",
	"zipfile/__init__.pyi", "posixpath.pyi", "genericpath.pyi", "warnings.pyi", "_warnings.pyi", "resource.pyi"}

// Prewarm parses typeshed's core stubs into the shared parse cache on
// every core, so that a check started while the front end is still busy
// (asking the target Python for its version) finds them parsed.
func Prewarm(typeshed fsys.FS) {
	var wg sync.WaitGroup
	next := make(chan string, len(coreStubs))
	for _, p := range coreStubs {
		next <- "stdlib/" + p
	}
	close(next)
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if text, err := typeshed.ReadFile(p); err == nil {
					parseShared(text, nil)
				}
			}
		}()
	}
	wg.Wait()
}
