// Package modules finds Python modules as mypy's module finder does: in the
// folders of MYPYPATH / mypy_path, the roots of the sources, typeshed's
// stdlib (gated by its VERSIONS file and the target Python version), and
// the site-packages of the target Python (PEP 561: `-stubs` packages,
// `py.typed` markers, partial stubs), with namespace packages. It reports
// why a module was not found in the terms mypy's messages need. It reads
// only through fsys.FS.
package modules

import (
	"path"
	"strings"
	"sync"

	"typd/checker/fsys"
)

// Origin says where a module was found.
type Origin uint8

// Where modules come from.
const (
	FromSources      Origin = iota // MYPYPATH or a source root
	FromTypeshed                   // typeshed's stdlib
	FromSitePackages               // an installed package with stubs or py.typed
)

// Module is a found module.
type Module struct {
	Name string
	// Path is the file (or, for a namespace package, the folder) as it is
	// printed; for typeshed modules it is relative to the typeshed root and
	// FS is the typeshed.
	Path        string
	FS          fsys.FS
	Origin      Origin
	IsStub      bool
	IsPackage   bool
	IsNamespace bool
}

// NotFound says why a module could not be found.
type NotFound uint8

// Reasons for not finding a module.
const (
	// Missing: nowhere to be found.
	Missing NotFound = iota + 1
	// NotTyped: installed, but with neither stubs nor a py.typed marker.
	NotTyped
	// StubsNotInstalled: typeshed has third-party stubs for it (types-X).
	StubsNotInstalled
	// WrongVersion: a stdlib module absent from the target Python version.
	WrongVersion
)

// SearchPaths are the folders the finder looks in, in mypy's order.
type SearchPaths struct {
	MypyPath     []string // MYPYPATH, then the config's mypy_path
	PythonPath   []string // the roots of the sources given on the command line
	SitePackages []string // of --python-executable (empty with --no-site-packages)
}

// Finder finds modules. It is safe for concurrent use.
type Finder struct {
	files    fsys.FS
	typeshed fsys.FS
	paths    SearchPaths
	version  Version
	versions Versions
	// stubDists maps a top-level module to the typeshed third-party stub
	// distribution that covers it ("yaml" → "PyYAML").
	stubDists map[string]string

	mu    sync.Mutex
	cache map[string]result
	// tops caches, by site-packages folder and top-level name, whether
	// the folder holds anything of that name (see holdsTop).
	tops map[[2]string]bool
}

type result struct {
	mod Module
	why NotFound
}

// NewFinder makes a finder. The typeshed FS has stdlib/ (with VERSIONS)
// and, optionally, stubs/.
func NewFinder(files, typeshed fsys.FS, paths SearchPaths, version Version) (*Finder, error) {
	f := &Finder{files: files, typeshed: typeshed, paths: paths, version: version, cache: map[string]result{},
		stubDists: map[string]string{}, tops: map[[2]string]bool{}}
	text, err := typeshed.ReadFile("stdlib/VERSIONS")
	if err != nil {
		return nil, err
	}
	if f.versions, err = ParseVersions(string(text)); err != nil {
		return nil, err
	}
	if dists, err := typeshed.ReadDir("stubs"); err == nil {
		for _, d := range dists {
			f.addStubDist(d.Name(), path.Join("stubs", d.Name()), "")
		}
	}
	return f, nil
}

// addStubDist maps the packages of a typeshed stub distribution to it. A
// folder without __init__.pyi is a namespace package (google/): the
// distribution covers the packages below it (google.cloud.ndb), not it.
func (f *Finder) addStubDist(dist, dir, prefix string) {
	entries, err := f.typeshed.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if name == "METADATA.toml" || strings.HasPrefix(name, "@") {
			continue
		}
		if !e.IsDir() {
			mod, ok := strings.CutSuffix(name, ".pyi")
			if !ok || mod == "__init__" {
				continue
			}
			if prefix != "" {
				mod = prefix + "." + mod
			}
			f.stubDists[mod] = dist
			continue
		}
		pkg := strings.TrimSuffix(name, "-stubs")
		full := pkg
		if prefix != "" {
			full = prefix + "." + pkg
		}
		if _, err := f.typeshed.Stat(path.Join(dir, name, "__init__.pyi")); err == nil {
			f.stubDists[full] = dist
		} else {
			f.addStubDist(dist, path.Join(dir, name), full)
		}
	}
}

// Versions returns the stdlib VERSIONS table.
func (f *Finder) Versions() Versions { return f.versions }

// StubDistribution returns the typeshed stub distribution that covers a
// module or one of its parent packages ("PyYAML" for yaml.composer), or "".
func (f *Finder) StubDistribution(module string) string {
	for m := module; ; {
		if d, ok := f.stubDists[m]; ok {
			return d
		}
		i := strings.LastIndexByte(m, '.')
		if i < 0 {
			return ""
		}
		m = m[:i]
	}
}

// IsStdlib reports whether module is a stdlib module for the target
// version.
func (f *Finder) IsStdlib(module string) bool { return f.versions.Available(module, f.version) }

// Find looks a module up.
func (f *Finder) Find(module string) (Module, NotFound) {
	f.mu.Lock()
	r, ok := f.cache[module]
	f.mu.Unlock()
	if ok {
		return r.mod, r.why
	}
	r.mod, r.why = f.find(module)
	f.mu.Lock()
	f.cache[module] = r
	f.mu.Unlock()
	return r.mod, r.why
}

func (f *Finder) find(module string) (Module, NotFound) {
	parts := strings.Split(module, ".")
	var nearMiss *Module
	try := func(fs fsys.FS, roots []string, origin Origin) (Module, bool) {
		for _, root := range roots {
			m, ok, ns := lookIn(fs, root, parts, module)
			if ok {
				m.Origin = origin
				return m, true
			}
			if ns != nil && nearMiss == nil {
				ns.Origin = origin
				nearMiss = ns
			}
		}
		return Module{}, false
	}
	if m, ok := try(f.files, f.paths.MypyPath, FromSources); ok {
		return m, 0
	}
	if m, ok := try(f.files, f.paths.PythonPath, FromSources); ok {
		return m, 0
	}
	stdlibListed := f.versions.Listed(module)
	if stdlibListed && f.versions.Available(module, f.version) {
		if m, ok := try(f.typeshed, []string{"stdlib"}, FromTypeshed); ok {
			m.FS = f.typeshed
			return m, 0
		}
	}
	if m, ok, why := f.findInstalled(parts, module); ok {
		return m, 0
	} else if why != 0 && nearMiss == nil {
		if f.StubDistribution(module) != "" {
			// Installed without types, but typeshed has stubs for it.
			return Module{}, StubsNotInstalled
		}
		return Module{}, why
	}
	if nearMiss != nil {
		return *nearMiss, 0
	}
	if stdlibListed && !f.versions.Available(module, f.version) {
		return Module{}, WrongVersion
	}
	if f.StubDistribution(module) != "" && (len(parts) == 1 || !f.found(parts[0])) {
		return Module{}, StubsNotInstalled
	}
	return Module{}, Missing
}

// findInstalled looks in site-packages, PEP 561 style: a `X-stubs`
// package first, then a package with a py.typed marker.
func (f *Finder) findInstalled(parts []string, module string) (Module, bool, NotFound) {
	why := NotFound(0)
	for _, sp := range f.paths.SitePackages {
		if !f.holdsTop(sp, parts[0]) {
			continue
		}
		stubs := append([]string{parts[0] + "-stubs"}, parts[1:]...)
		if m, ok, _ := lookIn(f.files, sp, stubs, module); ok {
			m.Origin = FromSitePackages
			return m, true, 0
		}
		// A partial stub package (py.typed saying "partial") lets the
		// missing modules be found in the package itself.
		if text, err := f.files.ReadFile(path.Join(sp, parts[0]+"-stubs", "py.typed")); err == nil &&
			strings.Contains(string(text), "partial") {
			if m, ok, _ := lookIn(f.files, sp, parts, module); ok {
				m.Origin = FromSitePackages
				return m, true, 0
			}
		}
		if m, ok, _ := lookIn(f.files, sp, parts, module); ok {
			if f.isFile(path.Join(sp, parts[0], "py.typed")) || m.IsStub {
				m.Origin = FromSitePackages
				return m, true, 0
			}
			why = NotTyped
		}
	}
	return Module{}, false, why
}

// holdsTop reports whether a site-packages folder holds a package, module
// or stub package of a top-level name: the probes of every module under a
// name it does not hold (`from collections.abc import X` asks for
// collections.abc.X) are then left out.
func (f *Finder) holdsTop(sp, top string) bool {
	key := [2]string{sp, top}
	f.mu.Lock()
	held, ok := f.tops[key]
	f.mu.Unlock()
	if ok {
		return held
	}
	for _, name := range []string{top, top + "-stubs", top + ".py", top + ".pyi"} {
		if _, err := f.files.Stat(path.Join(sp, name)); err == nil {
			held = true
			break
		}
	}
	f.mu.Lock()
	f.tops[key] = held
	f.mu.Unlock()
	return held
}

// found reports whether a module can be found.
func (f *Finder) found(module string) bool {
	_, why := f.Find(module)
	return why == 0
}

func (f *Finder) isFile(p string) bool {
	st, err := f.files.Stat(p)
	return err == nil && !st.IsDir()
}

// lookIn looks for the module parts under root: a package
// (x/__init__.pyi, x/__init__.py) before a module (x.pyi, x.py). A folder
// with no __init__ is a namespace package: returned as a near miss, used
// only when no regular module is found anywhere.
func lookIn(f fsys.FS, root string, parts []string, module string) (Module, bool, *Module) {
	dir := path.Join(append([]string{root}, parts[:len(parts)-1]...)...)
	last := parts[len(parts)-1]
	for _, ext := range []string{".pyi", ".py"} {
		p := path.Join(dir, last, "__init__"+ext)
		if st, err := f.Stat(p); err == nil && !st.IsDir() {
			return Module{Name: module, Path: p, FS: f, IsStub: ext == ".pyi", IsPackage: true}, true, nil
		}
	}
	for _, ext := range []string{".pyi", ".py"} {
		p := path.Join(dir, last+ext)
		if st, err := f.Stat(p); err == nil && !st.IsDir() {
			return Module{Name: module, Path: p, FS: f, IsStub: ext == ".pyi"}, true, nil
		}
	}
	if st, err := f.Stat(path.Join(dir, last)); err == nil && st.IsDir() {
		return Module{}, false, &Module{Name: module, Path: path.Join(dir, last), FS: f, IsPackage: true, IsNamespace: true}
	}
	return Module{}, false, nil
}
