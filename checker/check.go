// Package checker checks a set of Python source files as mypy does and
// returns mypy's diagnostics. It reads files only through the file systems
// the front end gives it (invariant 2 of DESIGN.md): the disk for `typd
// check`, disk plus editor buffers for the language server, a map in tests.
//
// A check loads the program (build: parsing every source and following
// imports through the module finder), analyses it (semanal) and checks
// each module (check), then turns what they found into mypy's output
// (ignores, duplicates, order). Check runs one cold; a Session keeps what
// one check can lend the next, for the daemon. Each finished check leaves a
// Snapshot of its program, which inspect and suggest query without
// checking anything again.
package checker

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"typd/checker/build"
	"typd/checker/cache"
	"typd/checker/check"
	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/modules"
	"typd/checker/options"
	"typd/checker/reach"
	"typd/checker/report"
	"typd/checker/semanal"
	"typd/checker/sources"
	"typd/checker/targets"
	"typd/parser"
)

// Config is what a check reads: the files, the typeshed stubs (stdlib/ and
// stubs/), the options and the search paths.
type Config struct {
	Files    fsys.FS
	Typeshed fsys.FS
	Options  *options.Options
	// MypyPath is MYPYPATH and the config's mypy_path.
	MypyPath []string
	// SitePackages are the target Python's site-packages folders.
	SitePackages []string
	// IsolateSyntaxErrors keeps a file that does not parse from stopping
	// the check (the language server's mode; mypy's is to stop): when a
	// session has a parse of the file that did parse, that parse stands in
	// for the other files, and the file's diagnostics are its syntax error
	// alone. A file that never parsed still stops the check.
	IsolateSyntaxErrors bool
	// Cache, when set, keeps the parses of the files read (typeshed's and
	// the sources') for later processes, and lends them this check's.
	Cache *cache.Dir
	// Workers is how many goroutines analyse modules at once (0: one per
	// core for a large program, one for a small one; see workersFor).
	Workers int
}

// Result is the outcome of a check.
type Result struct {
	Diagnostics []diag.Diagnostic
	// Checked is the number of source files checked.
	Checked int
	// Analyzed counts the modules analysed and checked by this check;
	// Kept those whose diagnostics came from the session (or its cache).
	Analyzed, Kept int
	// Retargeted counts the analysed modules that were checked again in
	// part: their top level and only the functions an edit can reach (a
	// session's recheck).
	Retargeted int
	// Snapshot is the checked program, for queries about it (inspect,
	// suggest); nil when a blocking error stopped the check.
	Snapshot *Snapshot
	// Files are the paths of every file the check read through
	// Config.Files (the sources and the modules they import, typeshed's
	// left out): what a watcher must look at to know whether a new check
	// could answer differently.
	Files []string
	// Texts are the sources of the files with diagnostics, by path, kept
	// under --pretty for the excerpts it prints.
	Texts map[string][]byte
	// Replayed, in a caching session, says how the check was found to be
	// the recorded one (ReplayedByStamps or ReplayedByTexts), "" when it
	// was not (see replay.go).
	Replayed string
}

// How a caching session's check was found to be a recorded one.
const (
	ReplayedByStamps = "none of the files and folders it read changed (their stamps)"
	ReplayedByTexts  = "its texts and the module finder's answers are the same"
)

// DefaultPythonVersion is the target when neither --python-version nor a
// python3 to ask is available.
var DefaultPythonVersion = [2]int{3, 13}

// Check checks the sources.
func Check(cfg Config, srcs []sources.Source) *Result {
	res, _ := run(context.Background(), cfg, srcs, nil)
	return res
}

// cacheOnlyOptions change where and how results are kept, never the
// results: programKey leaves them out, so that a cache written by a check
// with --cache-fine-grained serves a daemon started with
// --use-fine-grained-cache, and one without --cache-dir serves one with.
var cacheOnlyOptions = []string{"incremental", "cache_dir", "cache_fine_grained", "use_fine_grained_cache", "skip_cache_mtime_checks", "sqlite_cache"}

// programKey is what the options and the search path make of every
// module's stamp and of a check's record (fmt writes maps sorted).
func programKey(opts *options.Options, cfg Config) string {
	o := *opts
	o.Bools, o.Values = maps.Clone(o.Bools), maps.Clone(o.Values)
	for _, name := range cacheOnlyOptions {
		delete(o.Bools, name)
		delete(o.Values, name)
	}
	return fmt.Sprintf("%#v\x00%q\x00%q", o, cfg.MypyPath, cfg.SitePackages)
}

// run checks the sources, reusing what the session (when not nil) kept
// of earlier checks. When ctx is cancelled it stops between two modules
// and returns ctx's error (what the session kept of the modules checked
// until then stays valid).
func run(ctx context.Context, cfg Config, srcs []sources.Source, sess *Session) (*Result, error) {
	// Inline configuration comments add overrides for this check only.
	o := *cfg.Options
	o.Overrides = slices.Clone(o.Overrides)
	opts := &o
	res := &Result{Checked: len(srcs)}
	version := opts.PythonVersion
	if version == [2]int{} {
		version = DefaultPythonVersion
	}
	finder, err := sess.newFinder(cfg.Files, cfg.Typeshed,
		modules.SearchPaths{MypyPath: cfg.MypyPath, PythonPath: sourceRoots(srcs), SitePackages: cfg.SitePackages},
		modules.Version{Major: version[0], Minor: version[1]})
	if err != nil {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{File: "typeshed", Line: -1, Col: -1, Severity: diag.Error,
			Message: fmt.Sprintf("cannot read typeshed's stdlib/VERSIONS: %v", err), Blocking: true})
		return res, nil
	}
	platform := opts.Platform
	if platform == "" {
		platform = defaultPlatform()
	}
	rc := &reach.Config{PythonVersion: version, Platform: platform,
		AlwaysTrue: opts.Values["always_true"], AlwaysFalse: opts.Values["always_false"]}
	bc := build.Config{Files: cfg.Files, Finder: finder, Reach: rc, Implicit: []string{"builtins"},
		FollowImports: func(module string) (string, bool) {
			mo := opts.For(module)
			return mo.FollowImports, mo.Bool("follow_imports_for_stubs")
		}}
	if cfg.Cache != nil {
		bc.Store = cfg.Cache
	}
	// A caching session replays the record of a check of the same program
	// (see replay.go).
	caching := sess != nil && sess.disk != nil
	var recKey [32]byte
	if caching {
		recKey = recordKey(programKey(cfg.Options, cfg), srcs)
		if replayed, ok := sess.replay(recKey, cfg, finder, opts.Pretty); ok {
			replayed.Checked = len(srcs)
			return replayed, nil
		}
	}
	// stale are the files that do not parse for which, with
	// IsolateSyntaxErrors, the session's last parse that did stands in:
	// their parse of the current text, by path.
	var stale map[string]*parser.File
	if sess != nil {
		// (Set before the loader's workers start; the cache is the
		// check's only: it may be closed after it.)
		sess.parses = cfg.Cache
		defer func() { sess.parses = nil }()
		bc.Parse = sess.parse
		bc.Imports = sess.imports
		if cfg.IsolateSyntaxErrors {
			stale = map[string]*parser.File{}
			var mu sync.Mutex
			bc.Parse = func(path string, text []byte) *parser.File {
				f := sess.parse(path, text)
				if len(f.Errors) == 0 {
					return f
				}
				good := sess.goodParse(path)
				if good == nil {
					return f
				}
				mu.Lock()
				stale[path] = f
				mu.Unlock()
				return good.file
			}
		}
	}
	g := sess.load(bc, srcs, finder, programKey(opts, cfg), cfg.IsolateSyntaxErrors)
	for _, m := range g.Modules {
		if _, ok := stale[m.Path]; ok && !m.Shared {
			m.Text = sess.goodParse(m.Path).text // the text its parse is of
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Files = watchedFiles(g)
	if opts.Pretty {
		defer func() { res.Texts = textsOf(g, res.Diagnostics) }()
	}
	if blocking := syntaxErrors(g); len(blocking) > 0 {
		res.Diagnostics = blocking
		return res, nil
	}
	if shadow := shadowedCoreModules(g); len(shadow) > 0 {
		res.Diagnostics = shadow
		return res, nil
	}
	edited := sess.editedModules(g)
	unitsMade := sess.unitsAhead(edited)
	r := report.New(g, opts, finder)
	var inlineErrs []func()
	for _, scc := range g.SCCs {
		for _, m := range scc {
			if m.Silent || m.Text == nil || !sess.inlineConfig(m) {
				continue
			}
			ov, errs := options.InlineOverride(m.Name, string(m.Text))
			if ov != nil {
				opts.Overrides = append(opts.Overrides, *ov)
			}
			for _, e := range errs {
				inlineErrs = append(inlineErrs, func() { r.Add(m, e.Line, 0, diag.Error, diag.CodeMisc, e.Msg) })
			}
		}
	}
	for _, report := range inlineErrs {
		report()
	}
	semCfg := semanal.Config{Reach: rc, StrictBytes: opts.Bool("strict_bytes"),
		CheckUntypedDefs:       func(mod string) bool { return opts.For(mod).Bool("check_untyped_defs") },
		DisallowAnyGenerics:    func(mod string) bool { return opts.For(mod).Bool("disallow_any_generics") },
		DisallowSubclassingAny: func(mod string) bool { return opts.For(mod).Bool("disallow_subclassing_any") },
		StrictOptional:         func(mod string) bool { return opts.For(mod).Bool("strict_optional") },
		AllowRedefinition: func(mod string) bool {
			mo := opts.For(mod)
			return mo.Bool("allow_redefinition") || mo.Bool("allow_redefinition_new") || mo.Bool("allow_redefinition_old")
		},
		ImplicitReexport: func(mod string) bool {
			mo := opts.For(mod)
			v, set := mo.Bools["implicit_reexport"]
			return !mo.Bool("no_implicit_reexport") && (!set || v)
		},
		ImplicitOptional: func(mod string) bool { return opts.For(mod).Bool("implicit_optional") }}
	prog := semanal.Analyze(g, semCfg)
	// (Built now, before the import errors are reported, so that the
	// classes ahead start as early as they can.)
	classesBuilt := classesAhead(prog, edited)
	loadOrder := bfsOrder(g, srcs)
	for _, m := range loadOrder {
		r.ImportErrors(m)
	}
	for _, name := range slices.Sorted(maps.Keys(prog.Crashes)) {
		r.Crashed(g.Modules[name], prog.Crashes[name])
	}
	var stamps, statics map[string]stamp
	var plans map[string]plan
	if sess != nil {
		unitsMade()
		// The options are part of every module's stamp: new flags (the
		// language server's settings, an inline `# mypy:` comment) check
		// everything again. fmt writes maps sorted.
		stamps, statics = sess.stamps(g, programKey(opts, cfg))
		plans = sess.plans(g, stamps, statics)
	}
	if !classesBuilt() {
		prog = prog.Fork()
	}
	// Which modules keep their diagnostics of last time and which are
	// analysed, in the order of the components; the analyses (perhaps
	// in parallel) before any is reported, then each module's report in
	// that order, as mypy's once-per-run notes go to the first error in
	// it.
	var steps []moduleStep
	var todo []*build.Module
	for _, scc := range g.SCCs {
		for _, m := range scc {
			if m.Silent {
				sess.sawSilent(m.Name, stamps[m.Name])
				continue
			}
			if ds, ok := sess.result(m.Name, stamps[m.Name]); ok {
				steps = append(steps, moduleStep{m: m, how: keptAsIs, kept: ds})
				continue
			}
			if ds, ok := sess.lastResult(m.Name); ok && plans[m.Name].keep {
				steps = append(steps, moduleStep{m: m, how: keptAgain, kept: ds})
				continue
			}
			steps = append(steps, moduleStep{m: m, how: analysed, job: len(todo)})
			todo = append(todo, m)
		}
	}
	analyses, err := analyseAll(ctx, prog, todo, workersFor(cfg, todo), func(p *semanal.Program, m *build.Module) ([]diag.Diagnostic, bool) {
		return sess.analyze(m, statics[m.Name], plans[m.Name], func(names, checks *targets.Recording) ([]diag.Diagnostic, []diag.Diagnostic) {
			return p.CheckRecorded(m, names), check.ModuleRecorded(p, m, rc, checkSettings(opts.For(m.Name)), checks)
		})
	})
	for k, st := range steps {
		m := st.m
		if st.how == analysed && !analyses[st.job].done {
			// (Cancelled: the session keeps what a check stopped here
			// would have kept, and forgets the later analyses.)
			for _, later := range steps[k:] {
				if later.how == analysed && analyses[later.job].done {
					sess.forgetTargets(later.m.Name)
				}
			}
			break
		}
		switch st.how {
		case keptAsIs:
			r.Keep(m.Name, st.kept)
			res.Kept++
			continue
		case keptAgain:
			r.Keep(m.Name, st.kept)
			res.Kept++
			sess.keep(m.Name, stamps[m.Name], st.kept)
			continue
		}
		a := analyses[st.job]
		res.Analyzed++
		if a.retargeted {
			res.Retargeted++
		}
		before, crashed := len(r.Of(m.Name)), len(r.Internal())
		r.Analyzed(m, a.diags, a.crash)
		r.IgnoresWithoutCode(m)
		r.UnusedIgnores(m, rc)
		if len(r.Internal()) == crashed {
			sess.keep(m.Name, stamps[m.Name], r.Of(m.Name)[before:])
		}
	}
	if err != nil {
		return nil, err
	}
	sess.forget(g)
	if len(r.Internal()) == 0 {
		queryClasses(prog)
		res.Snapshot = &Snapshot{graph: g, prog: prog, semCfg: semCfg, rc: rc, opts: opts, stale: map[string]bool{}, finder: finder,
			version: modules.Version{Major: version[0], Minor: version[1]}}
		for path := range stale {
			res.Snapshot.stale[filepath.Clean(path)] = true
		}
	}
	for _, m := range processingOrder(g, loadOrder) {
		switch broken := stale[m.Path]; {
		case m.Silent:
		case broken != nil:
			// What the last good parse's check found is of a text that
			// is gone: the syntax error alone stands for the file.
			res.Diagnostics = append(res.Diagnostics, syntaxError(m.Path, broken))
		default:
			res.Diagnostics = append(res.Diagnostics, r.Final(m.Name)...)
		}
	}
	res.Diagnostics = report.SoftLimit(res.Diagnostics, opts.SoftErrorLimit())
	res.Diagnostics = append(res.Diagnostics, r.Internal()...)
	if unused := opts.UnusedSections(usedModuleNames(g)); unused != "" {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{File: opts.ConfigFile, Severity: diag.Note,
			Message: "unused section(s): " + unused})
	}
	if caching && len(r.Internal()) == 0 {
		sess.record(recKey, cfg, srcs, g, finder, res)
	}
	return res, nil
}

// queryClasses builds, before a snapshot is shared, the classes that
// queries read whatever the program uses (a class is built on first use,
// which concurrent queries of a snapshot must not race on): what a
// function, a class object, a module and any value are instances of.
func queryClasses(prog *semanal.Program) {
	for _, c := range [][2]string{{"builtins", "function"}, {"builtins", "type"}, {"builtins", "object"}, {"types", "ModuleType"}} {
		prog.ModuleClass(c[0], c[1])
	}
}

// usedModuleNames are the modules whose options a check looked up: those
// in the graph and those imported but not found.
func usedModuleNames(g *build.Graph) []string {
	names := make([]string, 0, len(g.Modules))
	for name, m := range g.Modules {
		names = append(names, name)
		for _, e := range m.ImportErrors {
			names = append(names, e.Module)
		}
	}
	return names
}

// textsOf returns the sources of the files the diagnostics are about.
func textsOf(g *build.Graph, ds []diag.Diagnostic) map[string][]byte {
	paths := map[string]bool{}
	for _, d := range ds {
		paths[d.File] = true
	}
	texts := map[string][]byte{}
	for _, m := range g.Modules {
		if paths[m.Path] && m.Text != nil {
			texts[m.Path] = m.Text
		}
	}
	return texts
}

// inlineConfigMarker starts the comments that configure a module inline
// (`# mypy: disallow-any-generics`): a text without it has none.
var inlineConfigMarker = []byte("# mypy:")

// coreModules are the library modules a program may not define itself:
// the checker relies on what typeshed says of them.
var coreModules = map[string]bool{"builtins": true, "typing": true, "types": true, "typing_extensions": true,
	"mypy_extensions": true, "_typeshed": true, "abc": true, "collections": true, "sys": true}

// shadowedCoreModules reports the source files that stand in for a core
// library module, which stops the check as it stops mypy.
func shadowedCoreModules(g *build.Graph) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, scc := range g.SCCs {
		for _, m := range scc {
			// A stub standing in for a core module (a test fixture, a
			// vendored typing_extensions.pyi) is allowed; source is not.
			if m.Silent || m.Shared || m.IsStub || !coreModules[m.Name] {
				continue
			}
			out = append(out,
				diag.Diagnostic{File: m.Path, Line: -1, Col: -1, Severity: diag.Error, Blocking: true,
					Message: fmt.Sprintf(diag.ShadowsLibraryModule, m.Name)},
				diag.Diagnostic{File: m.Path, Line: -1, Col: -1, Severity: diag.Note,
					Message: fmt.Sprintf(diag.ShadowsCoreModule, m.Name)})
		}
	}
	return out
}

// syntaxErrors returns the blocking errors of loading: a file of the
// program's own that cannot be read or parsed, or whose annotations mypy's
// parser cannot read, stops the whole check, as in mypy, and so does a
// crash while loading any module.
func syntaxErrors(g *build.Graph) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, scc := range g.SCCs {
		for _, m := range scc {
			if m.Crash != "" {
				out = append(out, report.InternalError(m, m.Crash))
				continue
			}
			if m.Silent {
				continue
			}
			if m.ReadError != nil {
				out = append(out, diag.Diagnostic{File: m.Path, Line: -1, Col: -1, Severity: diag.Error,
					Message: fmt.Sprintf(diag.CannotReadFile, m.Path, m.ReadError), Blocking: true})
			} else if m.File != nil && len(m.File.Errors) > 0 {
				out = append(out, syntaxError(m.Path, m.File))
			} else {
				for _, e := range m.AnnotationErrors {
					out = append(out, diag.Diagnostic{File: m.Path, Line: int(e.Line), Col: int(e.Col),
						Severity: diag.Error, Message: e.Msg, Code: diag.CodeSyntax, Blocking: true})
				}
			}
		}
	}
	return out
}

// syntaxError is the blocking error of a file that does not parse: its
// first syntax error.
func syntaxError(path string, f *parser.File) diag.Diagnostic {
	e := f.Errors[0]
	// mypy reports CPython's 1-based offset as its 0-based column.
	return diag.Diagnostic{File: path, Line: int(e.Line), Col: int(e.Col) + 1,
		Severity: diag.Error, Message: capitalize(e.Msg), Code: diag.CodeSyntax, Blocking: true}
}

// bfsOrder lists the modules breadth first from the sources, in the order
// mypy's build discovers them (which decides where once-per-run notes go).
func bfsOrder(g *build.Graph, srcs []sources.Source) []*build.Module {
	// A module is queued once, when first found: a queue holding each
	// import of every module grows with the imports, not the modules.
	out := make([]*build.Module, 0, len(g.Modules))
	queued := make(map[string]bool, len(g.Modules))
	enqueue := func(name string) {
		if m, ok := g.Modules[name]; ok && !queued[name] {
			queued[name] = true
			out = append(out, m)
		}
	}
	for _, s := range srcs {
		name := s.Module
		if name == "" {
			name = s.Path
		}
		enqueue(name)
	}
	for next := 0; next < len(out); next++ {
		for _, name := range out[next].ImportOrder {
			enqueue(name)
		}
	}
	return out
}

// processingOrder is the order in which mypy processes the modules, and
// so reports their errors: the import graph's components level by level
// (those whose dependencies are all done), each level's components the
// last found first (mypy's load order, bfsOrder), and the modules of a
// component the last found first (the order mypy falls back to when the
// cycle's imports have the same priority; typd does not weigh them).
// loadOrder is bfsOrder's.
func processingOrder(g *build.Graph, loadOrder []*build.Module) []*build.Module {
	found := map[string]int{}
	for i, m := range loadOrder {
		found[m.Name] = i
	}
	rank := func(m *build.Module) int {
		if i, ok := found[m.Name]; ok {
			return i
		}
		return len(found) // not reached from the sources: last found
	}
	component := map[string]int{}
	for i, scc := range g.SCCs {
		for _, m := range scc {
			component[m.Name] = i
		}
	}
	waiting := make([]int, len(g.SCCs)) // components each one still waits for
	users := make([][]int, len(g.SCCs))
	for i, scc := range g.SCCs {
		deps := map[int]bool{}
		for _, m := range scc {
			for _, d := range m.Deps {
				if j, ok := component[d]; ok && j != i && !deps[j] {
					deps[j] = true
					users[j] = append(users[j], i)
				}
			}
		}
		waiting[i] = len(deps)
	}
	first := make([]int, len(g.SCCs)) // the first found member of each
	for i, scc := range g.SCCs {
		first[i] = len(found) + 1
		for _, m := range scc {
			first[i] = min(first[i], rank(m))
		}
	}
	var ready []int
	for i := range g.SCCs {
		if waiting[i] == 0 {
			ready = append(ready, i)
		}
	}
	var out []*build.Module
	for len(ready) > 0 {
		slices.SortStableFunc(ready, func(a, b int) int { return first[b] - first[a] })
		var next []int
		for _, i := range ready {
			members := slices.Clone(g.SCCs[i])
			slices.SortStableFunc(members, func(a, b *build.Module) int { return rank(b) - rank(a) })
			out = append(out, members...)
			for _, u := range users[i] {
				if waiting[u]--; waiting[u] == 0 {
					next = append(next, u)
				}
			}
		}
		ready = next
	}
	return out
}

// sourceRoots are the folders that hold the top-level packages of the
// sources (mypy's python_path): the folder of each source file after
// walking up through its package's folders.
func sourceRoots(srcs []sources.Source) []string {
	var roots []string
	seen := map[string]bool{}
	for _, s := range srcs {
		if s.Text != nil {
			continue
		}
		root := parentDirs(s.Path, s.Module)
		if !seen[root] {
			seen[root] = true
			roots = append(roots, root)
		}
	}
	return roots
}

// parentDirs strips the module's package folders from a source's path.
func parentDirs(path, module string) string {
	dir := filepath.Dir(path)
	levels := strings.Count(module, ".")
	if base := filepath.Base(path); base == "__init__.py" || base == "__init__.pyi" {
		levels++
	}
	for ; levels > 0 && dir != "." && dir != "/"; levels-- {
		dir = filepath.Dir(dir)
	}
	return dir
}

func defaultPlatform() string {
	switch runtime.GOOS {
	case "windows":
		return "win32"
	default:
		return runtime.GOOS
	}
}

// capitalize upper-cases the first letter, as mypy does with CPython's
// syntax error messages.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// checkSettings picks a module's type-checking options.
func checkSettings(o *options.Options) check.Settings {
	return check.Settings{CheckUntypedDefs: o.Bool("check_untyped_defs"), StrictOptional: o.Bool("strict_optional"),
		DisallowUntypedDefs: o.Bool("disallow_untyped_defs"), DisallowIncompleteDefs: o.Bool("disallow_incomplete_defs"),
		AllowRedefinition:   o.Bool("allow_redefinition") || o.Bool("allow_redefinition_new") || o.Bool("allow_redefinition_old"),
		AllowUntypedGlobals: o.Bool("allow_untyped_globals"), WarnUnreachable: o.Bool("warn_unreachable"),
		LocalPartialTypes: o.Bool("local_partial_types"),
		UsedBeforeDef:     o.CodeEnabled(diag.CodeUsedBeforeDef, ""), PossiblyUndefined: o.CodeEnabled(diag.CodePossiblyUndefined, ""),
		ExplicitOverride: o.CodeEnabled(diag.CodeExplicitOverride, ""),
		WarnNoReturn:     o.Bool("warn_no_return"), AllowEmptyBodies: o.Bool("allow_empty_bodies"),
		WarnRedundantCasts: o.Bool("warn_redundant_casts"), DisallowUntypedCalls: o.Bool("disallow_untyped_calls"),
		DisallowUntypedDecorators: o.Bool("disallow_untyped_decorators"), DisallowAnyExplicit: o.Bool("disallow_any_explicit"),
		DisallowAnyUnimported: o.Bool("disallow_any_unimported"), DisallowAnyDecorated: o.Bool("disallow_any_decorated"),
		DisallowAnyExpr: o.Bool("disallow_any_expr"),
		Deprecated:      o.CodeEnabled(diag.CodeDeprecated, ""), DeprecatedAsNote: o.Bool("report_deprecated_as_note"),
		DeprecatedCallsExclude: o.Values["deprecated_calls_exclude"],
		StrictEquality:         o.Bool("strict_equality"), StrictEqualityForNone: o.Bool("strict_equality_for_none"),
		WarnReturnAny: o.Bool("warn_return_any"), ExtraChecks: o.Bool("extra_checks")}
}
