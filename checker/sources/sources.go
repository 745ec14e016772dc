// Package sources turns a command line's targets (files, folders, -m
// MODULE, -p PACKAGE, -c PROGRAM) into the list of source files to check,
// as mypy's source finder does. It reads only through fsys.FS.
package sources

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
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
}

// Find lists the sources of a request. A target that does not exist is an
// error (mypy exits 2 on it).
func Find(f fsys.FS, r Request) ([]Source, error) {
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
		files, err := walk(f, dir)
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
			files, err := walk(f, t)
			if err != nil {
				return nil, err
			}
			if len(files) == 0 {
				return nil, &Failure{Msg: fmt.Sprintf("There are no .py[i] files in directory '%s'", t)}
			}
			out = append(out, files...)
			continue
		}
		name := moduleName(f, t)
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
func walk(f fsys.FS, dir string) ([]Source, error) {
	entries, err := f.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		if e.IsDir() {
			if skipDir(name) {
				continue
			}
			sub, err := walk(f, p)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
			continue
		}
		if strings.HasSuffix(name, ".pyi") || (strings.HasSuffix(name, ".py") && !isFile(f, p+"i")) {
			out = append(out, Source{Path: p, Module: moduleName(f, p)})
		}
	}
	return out, nil
}

// moduleName derives a file's module name by walking up through packages
// (folders with an __init__.py or __init__.pyi).
func moduleName(f fsys.FS, path string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".pyi"), ".py")
	var parts []string
	if base != "__init__" {
		parts = append(parts, base)
	}
	dir := filepath.Dir(path)
	for isFile(f, filepath.Join(dir, "__init__.py")) || isFile(f, filepath.Join(dir, "__init__.pyi")) {
		abs, err := filepath.Abs(dir)
		if err != nil {
			break
		}
		parts = append([]string{filepath.Base(abs)}, parts...)
		parent := filepath.Dir(dir)
		if parent == dir || dir == "." {
			break
		}
		dir = parent
	}
	return strings.Join(parts, ".")
}
