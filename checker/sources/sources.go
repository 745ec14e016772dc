// Package sources turns a command line's targets (files, folders, -m
// MODULE, -p PACKAGE, -c PROGRAM) into the list of source files to check,
// as mypy's source finder does, --exclude applied. It reads files only
// through fsys.FS.
package sources

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"typd/checker/fsys"
)

// Source is one file to check: its path as printed in messages and the
// module it defines. Text, when non-nil, is the program given with -c.
type Source struct {
	Path   string
	Module string
	Text   []byte
}

// Request names what to check.
type Request struct {
	Targets  []string // files and folders
	Modules  []string // -m
	Packages []string // -p
	Program  *string  // -c
	// SearchPath is where -m and -p look: the working folder, then MYPYPATH.
	SearchPath []string
	// ModuleNames, when set, names the modules of given target files (mypy's
	// test harness checks its main file as __main__).
	ModuleNames map[string]string
	// NoNamespacePackages (--no-namespace-packages) makes a folder without
	// an __init__.py end a module's package path even below a package.
	NoNamespacePackages bool
	// ScriptsAreModules names a given file without a .py or .pyi suffix
	// (a script) after its base name; otherwise it is __main__, as in mypy.
	ScriptsAreModules bool
	// Exclude skips the files and folders it matches while walking
	// folders (given files and modules are always checked).
	Exclude *Excluder
}

// Find lists the sources of a request. A target that does not exist is an
// error (mypy exits 2 on it).
func Find(f fsys.FS, r Request) ([]Source, error) {
	n := &namer{f: f, namespaces: !r.NoNamespacePackages, packages: map[string]bool{}, exclude: r.Exclude}
	var out []Source
	if r.Program != nil {
		out = append(out, Source{Path: "<string>", Module: "__main__", Text: []byte(*r.Program)})
	}
	for _, m := range r.Modules {
		p := findModule(f, r.SearchPath, m)
		if p == "" {
			return nil, fmt.Errorf("can't find module '%s'", m)
		}
		out = append(out, Source{Path: p, Module: m})
	}
	for _, pkg := range r.Packages {
		dir := findPackageDir(f, r.SearchPath, pkg)
		if dir == "" {
			return nil, fmt.Errorf("can't find package '%s'", pkg)
		}
		files, err := n.walk(dir)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	for _, t := range r.Targets {
		st, err := f.Stat(t)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("Cannot read file '%s': No such file or directory", t)
			}
			return nil, fmt.Errorf("Cannot read file '%s': %v", t, err)
		}
		if st.IsDir() {
			files, err := n.walk(t)
			if err != nil {
				return nil, err
			}
			if len(files) == 0 {
				return nil, &Failure{Msg: fmt.Sprintf("There are no .py[i] files in directory '%s'", t)}
			}
			out = append(out, files...)
			continue
		}
		name := n.moduleName(t)
		if !strings.HasSuffix(t, ".py") && !strings.HasSuffix(t, ".pyi") {
			name = "__main__"
			if r.ScriptsAreModules {
				name = filepath.Base(t)
			}
		}
		if n, ok := r.ModuleNames[t]; ok {
			name = n
		}
		out = append(out, Source{Path: t, Module: name})
	}
	return out, nil
}

// Failure is an error mypy prints as it is, with no prefix, before it
// exits 2.
type Failure struct{ Msg string }

func (e *Failure) Error() string { return e.Msg }

// Duplicate finds the first source whose module an earlier source
// already defines (mypy stops at it: "Duplicate module named ..."), and
// returns the two, or nil.
func Duplicate(srcs []Source) (dup, first *Source) {
	seen := map[string]int{}
	for i := range srcs {
		if j, ok := seen[srcs[i].Module]; ok {
			return &srcs[i], &srcs[j]
		}
		seen[srcs[i].Module] = i
	}
	return nil, nil
}

func isFile(f fsys.FS, p string) bool {
	st, err := f.Stat(p)
	return err == nil && !st.IsDir()
}

func findModule(f fsys.FS, roots []string, mod string) string {
	rel := filepath.FromSlash(strings.ReplaceAll(mod, ".", "/"))
	for _, r := range roots {
		for _, cand := range []string{rel + ".pyi", rel + ".py", filepath.Join(rel, "__init__.pyi"), filepath.Join(rel, "__init__.py")} {
			if p := filepath.Join(r, cand); isFile(f, p) {
				return p
			}
		}
	}
	return ""
}

func findPackageDir(f fsys.FS, roots []string, pkg string) string {
	rel := filepath.FromSlash(strings.ReplaceAll(pkg, ".", "/"))
	for _, r := range roots {
		p := filepath.Join(r, rel)
		if st, err := f.Stat(p); err == nil && st.IsDir() {
			return p
		}
	}
	return ""
}

// skipDir reports the folders mypy's finder does not enter.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || name == "__pycache__" || name == "site-packages" || name == "node_modules"
}

// walk lists the .py and .pyi files under dir, in sorted order; a .pyi
// hides the .py beside it.
func (n *namer) walk(dir string) ([]Source, error) {
	entries, err := n.f.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		if n.exclude.Excludes(p, e.IsDir()) {
			continue
		}
		if e.IsDir() {
			if skipDir(name) {
				continue
			}
			sub, err := n.walk(p)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
			continue
		}
		if strings.HasSuffix(name, ".pyi") || (strings.HasSuffix(name, ".py") && !isFile(n.f, p+"i")) {
			out = append(out, Source{Path: p, Module: n.moduleName(p)})
		}
	}
	return out, nil
}

// namer names the modules of source files as mypy's source finder does,
// remembering which folders are packages.
type namer struct {
	f          fsys.FS
	namespaces bool
	// packages caches whether a folder has an __init__.py[i].
	packages map[string]bool
	exclude  *Excluder
}

func (n *namer) isPackage(dir string) bool {
	is, ok := n.packages[dir]
	if !ok {
		is = isFile(n.f, filepath.Join(dir, "__init__.py")) || isFile(n.f, filepath.Join(dir, "__init__.pyi"))
		n.packages[dir] = is
	}
	return is
}

// moduleName derives a file's module name by walking up its folders, up
// to the working folder, as mypy's crawl_up does: a folder with an
// __init__.py[i] is a package; one without is a namespace package when a
// folder above it is a package (unless --no-namespace-packages); the first
// folder that is neither is the base the name starts from.
func (n *namer) moduleName(path string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".pyi"), ".py")
	var dirs []string
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		dirs = append(dirs, dir)
		if parent := filepath.Dir(dir); parent == dir || dir == "." {
			break
		}
	}
	// inPackage[i]: dirs[i] belongs to the module's package path.
	inPackage := make([]bool, len(dirs)+1)
	for i := len(dirs) - 1; i >= 0; i-- {
		inPackage[i] = n.isPackage(dirs[i]) || n.namespaces && inPackage[i+1]
	}
	var parts []string
	if base != "__init__" {
		parts = append(parts, base)
	}
	for i := 0; i < len(dirs) && inPackage[i]; i++ {
		name := filepath.Base(dirs[i])
		if name == "." || name == ".." {
			// (The working folder or one above it: named by its path,
			// which costs finding the working folder, two system calls.)
			if abs, err := filepath.Abs(dirs[i]); err == nil {
				name = filepath.Base(abs)
			}
		}
		parts = append(parts, name)
	}
	slices.Reverse(parts)
	return strings.Join(parts, ".")
}
