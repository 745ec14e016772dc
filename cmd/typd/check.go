package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"typd/checker"
	"typd/checker/diag"
	"typd/checker/options"
	"typd/checker/typeshed"
)

const checkUsage = `usage: typd check [-h] [options] [-m MODULE] [-p PACKAGE] [-c PROGRAM_TEXT] [files ...]`

// diskFS reads files from the local disk.
type diskFS struct{}

func (diskFS) ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }

// runCheck implements `typd check`: mypy's command line, output and exit
// codes (0 clean, 1 errors, 2 usage or blocking errors).
func runCheck(args []string, stdout, stderr io.Writer) int {
	opts, targets, err := options.Parse(args)
	if err != nil {
		fmt.Fprintln(stderr, checkUsage)
		fmt.Fprintf(stderr, "typd check: error: %v\n", err)
		return 2
	}
	if opts.CustomTypeshedDir == "" {
		if _, ok := typeshed.Embedded(); !ok {
			fmt.Fprintf(stderr, "typd: error: %s\n", typeshed.ProvisionHint)
			return 2
		}
	} else if _, err := os.Stat(filepath.Join(opts.CustomTypeshedDir, "stdlib")); err != nil {
		fmt.Fprintf(stderr, "typd: error: --custom-typeshed-dir %s has no stdlib folder\n", opts.CustomTypeshedDir)
		return 2
	}
	sources, err := findSources(opts, targets)
	if err != nil {
		fmt.Fprintf(stderr, "typd: error: %v\n", err)
		return 2
	}
	if len(sources) == 0 && len(targets)+len(opts.Modules)+len(opts.Packages) == 0 && !opts.HasProgram {
		fmt.Fprintln(stderr, "Missing target module, package, files, or command.")
		return 2
	}
	res := checker.Check(diskFS{}, sources, opts)
	format := diag.Format{ShowColumnNumbers: opts.ShowColumnNumbers, ShowErrorEnd: opts.ShowErrorEnd,
		HideErrorCodes: opts.HideErrorCodes}
	format.Write(stdout, res.Diagnostics)
	if !opts.NoErrorSummary {
		fmt.Fprintln(stdout, diag.Summary(res.Diagnostics, res.Checked))
	}
	code := 0
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			code = 1
			if d.Blocking {
				return 2
			}
		}
	}
	return code
}

// findSources turns the command line's files, directories, -m, -p and -c
// into the sources to check, as mypy's source finder does.
func findSources(opts *options.Options, targets []string) ([]checker.Source, error) {
	var out []checker.Source
	if opts.HasProgram {
		out = append(out, checker.Source{Path: "<string>", Module: "__main__", Text: []byte(opts.Program)})
	}
	roots := append([]string{"."}, filepath.SplitList(os.Getenv("MYPYPATH"))...)
	for _, m := range opts.Modules {
		p := findModule(roots, m)
		if p == "" {
			return nil, fmt.Errorf("can't find module '%s'", m)
		}
		out = append(out, checker.Source{Path: p, Module: m})
	}
	for _, pkg := range opts.Packages {
		dir := findPackageDir(roots, pkg)
		if dir == "" {
			return nil, fmt.Errorf("can't find package '%s'", pkg)
		}
		files, err := walkSources(dir)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	for _, t := range targets {
		info, err := os.Stat(t)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("Cannot read file '%s': No such file or directory", t)
			}
			return nil, fmt.Errorf("Cannot read file '%s': %v", t, err)
		}
		if info.IsDir() {
			files, err := walkSources(t)
			if err != nil {
				return nil, err
			}
			out = append(out, files...)
			continue
		}
		out = append(out, checker.Source{Path: t, Module: moduleName(t)})
	}
	return out, nil
}

func findModule(roots []string, mod string) string {
	rel := filepath.FromSlash(strings.ReplaceAll(mod, ".", "/"))
	for _, r := range roots {
		for _, cand := range []string{rel + ".pyi", rel + ".py", filepath.Join(rel, "__init__.pyi"), filepath.Join(rel, "__init__.py")} {
			p := filepath.Join(r, cand)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
	}
	return ""
}

func findPackageDir(roots []string, pkg string) string {
	rel := filepath.FromSlash(strings.ReplaceAll(pkg, ".", "/"))
	for _, r := range roots {
		p := filepath.Join(r, rel)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
	}
	return ""
}

// walkSources lists the .py and .pyi files under dir (a .pyi hides the .py
// beside it), skipping hidden folders, __pycache__, site-packages and
// node_modules.
func walkSources(dir string) ([]checker.Source, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(name, ".") || name == "__pycache__" || name == "site-packages" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".pyi") || (strings.HasSuffix(name, ".py") && !fileExists(p+"i")) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	out := make([]checker.Source, len(paths))
	for i, p := range paths {
		out[i] = checker.Source{Path: p, Module: moduleName(p)}
	}
	return out, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// moduleName derives a file's module name by walking up through packages
// (folders with an __init__.py or __init__.pyi).
func moduleName(path string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".pyi"), ".py")
	parts := []string{}
	if base != "__init__" {
		parts = append(parts, base)
	}
	dir := filepath.Dir(path)
	for fileExists(filepath.Join(dir, "__init__.py")) || fileExists(filepath.Join(dir, "__init__.pyi")) {
		abs, err := filepath.Abs(dir)
		if err != nil {
			break
		}
		parts = append([]string{filepath.Base(abs)}, parts...)
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return strings.Join(parts, ".")
}
