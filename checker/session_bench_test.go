package checker_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
)

// mypySource is where Debian's python3-mypy keeps mypy's own source: a
// typed codebase of ~86,000 lines that bench/daemon.sh also measures.
const mypySource = "/usr/lib/python3/dist-packages/mypy"

// BenchmarkSessionRecheckEdit measures a session's recheck of mypy's source
// after a one-line edit inside a method body of mypy/checker.py (7,553
// lines): the path of `typd recheck` once the watcher found the change.
func BenchmarkSessionRecheckEdit(b *testing.B) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		b.Fatal(typeshed.ProvisionHint)
	}
	work := b.TempDir()
	var srcs []sources.Source
	err := filepath.WalkDir(mypySource, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Dir(mypySource), path)
		if d.IsDir() && (d.Name() == "test" || d.Name() == "typeshed") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".py") {
			return nil
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(work, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(work, rel), text, 0o644); err != nil {
			return err
		}
		mod := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(rel, ".py"), "/__init__"), "/", ".")
		srcs = append(srcs, sources.Source{Path: rel, Module: mod})
		return nil
	})
	if err != nil {
		b.Skipf("no mypy source at %s (../shared/tools/oracles/setup.sh installs it): %v", mypySource, err)
	}
	opts, _, err := options.Parse([]string{"--python-version", "3.11", "--no-site-packages"})
	if err != nil {
		b.Fatal(err)
	}
	b.Chdir(work)
	files := fsys.NewListed()
	cfg := checker.Config{Files: files, Typeshed: fsys.FromFS(embedded), Options: opts}
	sess := checker.NewSession()
	sess.Check(cfg, srcs)
	edited := os.Getenv("TYPD_BENCH_EDIT")
	if edited == "" {
		edited = "mypy/checker.py"
	}
	orig, err := os.ReadFile(edited)
	if err != nil {
		b.Fatal(err)
	}
	anchor := []byte("-> None:\n")
	at := bytes.Index(orig, anchor) + len(anchor)
	i := 0
	for b.Loop() {
		i++
		text := slices.Concat(orig[:at], []byte("        _bench_edit = "+strconv.Itoa(i)+"\n"), orig[at:])
		if err := os.WriteFile(edited, text, 0o644); err != nil {
			b.Fatal(err)
		}
		files.NewCheck()
		if res := sess.Check(cfg, srcs); res.Analyzed != 1 || res.Retargeted != 1 {
			b.Fatalf("analysed %d modules (%d of them one function only), want 1 (1)", res.Analyzed, res.Retargeted)
		}
	}
}
