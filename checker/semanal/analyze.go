package semanal

import (
	"os"
	"strings"
	"sync"

	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/internal/recent"
	"typd/checker/reach"
	"typd/checker/targets"
	"typd/checker/types"
	"typd/parser"
	"typd/parser/ast"
)

// Config is what analysis needs besides the graph.
type Config struct {
	Reach *reach.Config
	// CheckUntypedDefs reports name errors inside unannotated functions too.
	CheckUntypedDefs func(module string) bool
	// ImplicitReexport lets non-stub modules re-export what they import.
	ImplicitReexport func(module string) bool
	// ImplicitOptional is the module's implicit_optional: a parameter
	// annotated T with a None default is T | None.
	ImplicitOptional func(module string) bool
	// DisallowAnyGenerics reports a generic class or alias named in an
	// annotation without type arguments.
	DisallowAnyGenerics func(module string) bool
	// DisallowSubclassingAny reports a base class whose value is Any.
	DisallowSubclassingAny func(module string) bool
	// AllowRedefinition is the module's allow_redefinition (any of its
	// spellings): a declaration over an earlier binding is then not
	// reported.
	AllowRedefinition func(module string) bool
	// StrictOptional is the module's strict_optional (nil: on): without
	// it, None is a value of every type, and fits every type variable.
	StrictOptional func(module string) bool
	// StrictBytes turns off the promotions of bytearray and memoryview to
	// bytes.
	StrictBytes bool
	// Fixed gives annotations their types without analysing them: a
	// suggestion's trial (checker.Snapshot.Try) annotates a def with
	// placeholders standing for the types it tries.
	Fixed map[ast.Expr]types.Type
}

// Program is the analysis of a whole graph.
type Program struct {
	cfg     Config
	graph   *build.Graph
	Modules map[string]*Module
	// Crashes are the modules whose analysis panicked (a bug in typd),
	// with what the panic said; they bind nothing.
	Crashes map[string]any
	exports map[string]Table
	classes map[*Symbol]*types.Class
	stars   map[string]Table
	// missing are the modules some import asked for and did not find;
	// `from m import x` does not report x missing from m when m.x is one.
	// unloaded are those and the ones found but not followed.
	missing, unloaded map[string]bool
	// signatures and annotations cache what the checker asks for again and
	// again (a def's type, an annotation's type).
	signatures map[signatureKey]*types.Callable
	// scopeNames are the tables ScopeNames built.
	scopeNames   map[ast.Stmt]bodyNames
	scopeNamesMu sync.Mutex
	// localClasses are the classes a def's body binds (found with its
	// table), which mypy names with their line (m.C@12); localsOf has
	// them by module and name, with the def.
	localClasses map[*Symbol]bool
	localsOf     map[string]map[string][]localClass
	// infos are the modules' recorded name resolutions (Info).
	infos       map[string]*Info
	infoMu      sync.Mutex
	annotations map[ast.Expr]types.Type
	implicit    map[*types.Member]ImplicitAttr
	// finalRedefinitions are the `self.x: Final = v` declarations of
	// attributes bound before.
	finalRedefinitions map[*ast.AnnAssign]bool
	// nestedClasses are the classes each class body defines, by name;
	// outerOf the class whose body defines each.
	nestedClasses map[*types.Class]map[string]*Symbol
	outerOf       map[*Symbol]*types.Class
	// classImports are the members a class body's imports bind.
	classImports map[*types.Member]*Symbol
	// decoratedDefs are the decorated defs behind method members;
	// properties the getter and the last redefinition of properties.
	decoratedDefs map[*types.Member]*ast.FunctionDef
	properties    map[*types.Member][2]*ast.FunctionDef
	// finalsWithoutValue are the class-body Final variables declared
	// without a value.
	finalsWithoutValue map[*types.Member]bool
	// attrsFields are the fields of the attrs classes whose generated
	// __init__ typd models (see attrsMembers).
	attrsFields map[*types.Class][]attrsField
	// attrsFrozen are the frozen attrs classes.
	attrsFrozen map[*types.Class]bool
	// dataclassFields are the fields of the dataclasses whose generated
	// members typd models (see dataclassMembers); dataclassFrozen the
	// frozen ones.
	dataclassFields map[*types.Class][]dataclassField
	dataclassFrozen map[*types.Class]bool
	// dataclassPending are the dataclasses being built.
	dataclassPending map[*types.Class]bool
	// classProblems are the errors found while classes were built.
	classProblems map[*types.Class][]ClassProblem
	// aliasing guards the expansion of type aliases against cycles.
	aliasing map[*Symbol]bool
	badMRO   map[*types.Class]bool
	// componentOf numbers each module's component of the import graph;
	// componentsBuilt are those whose classes buildComponent built.
	componentOf     map[string]int
	componentsBuilt map[int]bool
	// cycle tracks the classes being built, to fix MROs seen too early.
	cycle classCycle
	// intersections are the ad-hoc classes of isinstance narrowing.
	intersections map[string]*types.Class
}

// Unloaded reports a module some import named that the program did not
// load (not found, or not followed): what that import binds is Any.
func (p *Program) Unloaded(module string) bool { return p.unloaded[module] }

// Module returns a loaded module of the graph, or nil.
func (p *Program) Module(name string) *build.Module { return p.graph.Modules[name] }

// Analyze binds the top-level names of every module of the graph. It does
// not report anything; Check does, for one module.
func Analyze(g *build.Graph, cfg Config) *Program {
	sharedModules.NewCheck()
	p := &Program{cfg: cfg, graph: g, Modules: map[string]*Module{}, exports: map[string]Table{}, missing: map[string]bool{}, unloaded: map[string]bool{},
		dataclassPending: map[*types.Class]bool{}}
	for name, m := range g.Modules {
		for _, e := range m.ImportErrors {
			if e.Reason != 0 {
				p.missing[e.Module] = true
			}
			p.unloaded[e.Module] = true
		}
		// A module's table depends only on its parse, its name and kind,
		// and the reachability settings: a parse a session kept (its
		// text unchanged) or typeshed's shared one binds what it bound.
		var key sharedKey
		if m.File != nil && len(m.File.Errors) == 0 {
			key = sharedKey{m.Name, m.File, m.IsStub, m.IsPackage, cfg.Reach.PythonVersion, cfg.Reach.Platform,
				strings.Join(cfg.Reach.AlwaysTrue, ","), strings.Join(cfg.Reach.AlwaysFalse, ",")}
			if mod, ok := cachedModule(m, key); ok {
				p.Modules[name] = mod
				continue
			}
		}
		mod, crash := collectModuleSafely(m, cfg.Reach)
		if crash != nil {
			if p.Crashes == nil {
				p.Crashes = map[string]any{}
			}
			p.Crashes[name] = crash
		} else if key.file != nil {
			mod = cacheModule(m, key, mod)
		}
		p.Modules[name] = mod
	}
	return p
}

// Fork returns a program over the same graph and top-level tables as p,
// with none of what p built since (classes, signatures, inferred types,
// all built again on first use): goroutines that each check other modules
// through their own fork do not share what analysis fills in lazily.
// What a module's check finds does not depend on which program, fresh or
// used, checks it.
func (p *Program) Fork() *Program {
	return &Program{cfg: p.cfg, graph: p.graph, Modules: p.Modules, exports: map[string]Table{}, missing: p.missing,
		unloaded: p.unloaded, dataclassPending: map[*types.Class]bool{}}
}

// collectModuleSafely is collectModule, recovering a panic (a bug in typd):
// the module then binds nothing, and crash is what the panic said.
func collectModuleSafely(m *build.Module, rc *reach.Config) (mod *Module, crash any) {
	defer func() {
		if v := recover(); v != nil {
			if os.Getenv("TYPD_PANIC") != "" {
				panic(v)
			}
			mod, crash = &Module{Name: m.Name, IsStub: m.IsStub, Names: Table{}}, v
		}
	}()
	return collectModule(m, rc), nil
}

// sharedKey identifies the analysis of a module: the same parse of the
// same module under the same reachability settings binds the same names.
type sharedKey struct {
	module                  string
	file                    *parser.File
	isStub, isPackage       bool
	version                 [2]int
	platform                string
	alwaysTrue, alwaysFalse string
}

// sharedModules caches the top-level tables of typeshed's modules (whose
// parses are shared) for the checks of the process (those of recent
// checks); they are never changed once built.
var sharedModules recent.Cache[sharedKey, *Module]

// latestModules caches, for the modules whose parse is not shared (a
// session's), the table of each one's latest parse only: an edited file's
// table is replaced, so its older parses are not kept alive (the shared
// cache would keep each for recent.Keep checks).
var latestModules = struct {
	sync.Mutex
	byName map[string]latestModule
}{byName: map[string]latestModule{}}

// latestModule is a module's table and what it was bound from.
type latestModule struct {
	key sharedKey
	mod *Module
}

// cachedModule returns the table bound from the parse key names, if a
// check of this process bound it: typeshed's from sharedModules, a
// session's parse from latestModules.
func cachedModule(m *build.Module, key sharedKey) (*Module, bool) {
	if m.Shared {
		return sharedModules.Get(key)
	}
	latestModules.Lock()
	defer latestModules.Unlock()
	if e, ok := latestModules.byName[m.Path]; ok && e.key == key {
		return e.mod, true
	}
	return nil, false
}

// cacheModule keeps the table mod bound from the parse key names (see
// cachedModule) and returns the one the cache holds.
func cacheModule(m *build.Module, key sharedKey, mod *Module) *Module {
	if m.Shared {
		return sharedModules.Put(key, mod)
	}
	latestModules.Lock()
	defer latestModules.Unlock()
	latestModules.byName[m.Path] = latestModule{key: key, mod: mod}
	return mod
}

// collectModule binds a module's top-level names.
func collectModule(m *build.Module, rc *reach.Config) *Module {
	size := 0
	if m.File != nil {
		size = len(m.File.Module.Body)
	}
	mod := &Module{Name: m.Name, IsStub: m.IsStub, Names: make(Table, size)}
	for _, alias := range typingAliases[m.Name] {
		mod.Names[alias] = &Symbol{Name: alias, Kind: Var}
	}
	if m.File == nil || len(m.File.Errors) > 0 {
		return mod
	}
	c := &collector{rc: rc, names: mod.Names, stub: m.IsStub, module: mod, base: baseResolver(m)}
	body := stubBody(m)
	c.stmts(body)
	bindGlobalDecls(body, c)
	mod.Redefinitions = c.redefs
	return mod
}

// typingAliases are the names mypy itself adds to typing and
// typing_extensions (aliases of builtin and collections classes), which the
// stubs need not define.
var typingAliases = map[string][]string{
	"typing": {"List", "Dict", "Set", "FrozenSet", "ChainMap", "Counter", "DefaultDict", "Deque",
		"OrderedDict", "LiteralString"},
	"typing_extensions": {"OrderedDict"},
}

// baseResolver resolves a from-import's base module inside module m.
func baseResolver(m *build.Module) func(x *ast.ImportFrom) (string, bool) {
	return func(x *ast.ImportFrom) (string, bool) {
		return build.ResolveRelative(m.Name, m.IsPackage, x.Level, x.Module)
	}
}

// bindGlobalDecls binds in the module the names that functions declare
// global and assign.
func bindGlobalDecls(body []ast.Stmt, module *collector) {
	for _, s := range body {
		if f, ok := s.(*ast.FunctionDef); ok {
			bindFunctionGlobals(f, module)
		}
		for _, b := range ast.Blocks(s) {
			bindGlobalDecls(b, module)
		}
	}
}

// bindFunctionGlobals binds in the module the names one function declares
// global and assigns.
func bindFunctionGlobals(f *ast.FunctionDef, module *collector) {
	globals := map[string]bool{}
	scopeGlobals(f.Body, globals)
	if len(globals) == 0 {
		return
	}
	local := &collector{rc: module.rc, names: Table{}, base: module.base}
	local.stmts(f.Body)
	for name := range globals {
		if _, assigned := local.names[name]; assigned {
			module.bind(name, Var, f.Lineno)
		}
	}
}

// scopeGlobals adds to out the names that global statements of one
// function's body declare, leaving out nested functions and classes.
func scopeGlobals(body []ast.Stmt, out map[string]bool) {
	for _, s := range body {
		switch x := s.(type) {
		case *ast.Global:
			for _, n := range x.Names {
				out[n] = true
			}
		case *ast.FunctionDef, *ast.ClassDef:
		default:
			for _, b := range ast.Blocks(s) {
				scopeGlobals(b, out)
			}
		}
	}
}

// isPublic reports whether a module's symbol is visible to other modules
// by the stub rules: names starting with an underscore are private (except
// dunders); in stubs, imports are private unless re-exported explicitly.
func (p *Program) isPublic(mod *Module, s *Symbol) bool {
	if mod.HasAll {
		for _, n := range mod.All {
			if n == s.Name {
				return true
			}
		}
	}
	if strings.HasPrefix(s.Name, "_") && !(strings.HasPrefix(s.Name, "__") && strings.HasSuffix(s.Name, "__")) {
		return false
	}
	if s.Kind == ModuleRef || s.Kind == Imported {
		if mod.IsStub {
			return s.ExplicitExport
		}
		return p.cfg.ImplicitReexport == nil || p.cfg.ImplicitReexport(mod.Name) || s.ExplicitExport
	}
	return true
}

// Exports are the names `from m import *` binds: __all__ when the module
// has it, else its public names, including what it star-imports itself.
func (p *Program) Exports(module string) Table {
	if t, ok := p.exports[module]; ok {
		return t
	}
	out := Table{}
	p.exports[module] = out // a cycle of star imports sees a partial table
	mod, ok := p.Modules[module]
	if !ok {
		return out
	}
	for _, star := range mod.StarImports {
		for n, s := range p.Exports(star) {
			out[n] = s
		}
	}
	for n, s := range mod.Names {
		if mod.HasAll || p.isPublic(mod, s) {
			out[n] = s
		}
	}
	if mod.HasAll {
		all := Table{}
		for _, n := range mod.All {
			if s, ok := out[n]; ok {
				all[n] = s
			}
		}
		out = all
		p.exports[module] = out
	}
	return out
}

// member looks up `from module import name`. found is false when the name
// does not exist; private is set when it exists but a stub does not export
// it.
func (p *Program) member(module, name string) (found, private bool) {
	mod, ok := p.Modules[module]
	if !ok {
		return true, false // a module that was not loaded is Any
	}
	if s, ok := mod.Names[name]; ok {
		if (s.Kind == ModuleRef || s.Kind == Imported) && !p.isPublic(mod, s) && !strings.HasPrefix(name, "_") {
			// Star-imported names of the same module may still export it.
			if _, viaStar := p.starExports(mod)[name]; !viaStar {
				return true, true
			}
		}
		return true, false
	}
	if s, ok := p.starExports(mod)[name]; ok && (s.Kind != Imported || s.Module != module || s.Attr != name) {
		// (A star import that brings back this very failed import, through
		// a cycle, does not define the name.)
		return true, false
	}
	if _, ok := p.graph.Modules[module+"."+name]; ok {
		return true, false
	}
	if mod.HasGetattr {
		return true, false
	}
	for _, attr := range ImplicitModuleAttrs {
		if attr == name {
			return true, false
		}
	}
	return false, false
}

// starExports are the names a module's own star imports bind, memoized.
func (p *Program) starExports(mod *Module) Table {
	if len(mod.StarImports) == 0 {
		return nil
	}
	if t, ok := p.stars[mod.Name]; ok {
		return t
	}
	out := Table{}
	if p.stars == nil {
		p.stars = map[string]Table{}
	}
	p.stars[mod.Name] = out // a cycle sees a partial table
	for _, star := range mod.StarImports {
		for n, s := range p.Exports(star) {
			out[n] = s
		}
	}
	return out
}

// Check reports the name errors of one module.
func (p *Program) Check(m *build.Module) []diag.Diagnostic {
	return p.CheckRecorded(m, nil)
}

// CheckRecorded is Check recording the errors of each target in rec, and
// skipping the bodies of the targets it does not walk (see
// targets.Recording).
func (p *Program) CheckRecorded(m *build.Module, rec *targets.Recording) []diag.Diagnostic {
	if m.File == nil || len(m.File.Errors) > 0 {
		return nil
	}
	mod := p.Modules[m.Name]
	ck := &checker{p: p, m: m, mod: mod, rec: rec}
	moduleScope := &scope{kind: moduleScope, names: mod.Names, checked: true}
	ck.push(moduleScope)
	ck.redefinitions(mod.Redefinitions)
	ck.stmts(m.File.Module.Body)
	return ck.errs
}
