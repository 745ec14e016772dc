package checker_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
	"typd/deps"
	"typd/inspect"
	"typd/parser"
	"typd/server/heap"
)

// mypySource is where Debian's python3-mypy keeps mypy's own source: a
// typed codebase of ~86,000 lines that bench/daemon.sh also measures.
const mypySource = "/usr/lib/python3/dist-packages/mypy"

// mypyProgram copies mypy's source (its tests and bundled typeshed left
// out) into a temporary folder, makes it the working directory, and returns
// a configuration that checks it and its sources; it skips the benchmark
// when the source is not installed.
func mypyProgram(b *testing.B) (checker.Config, []sources.Source, *fsys.Listed) {
	stubs, ok := typeshed.Stubs()
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
		// (Dated an hour back, as a project's files are: a file written
		// within fsys's settle time is read again at every check.)
		hourAgo := time.Now().Add(-time.Hour)
		if err := os.Chtimes(filepath.Join(work, rel), hourAgo, hourAgo); err != nil {
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
	return checker.Config{Files: files, Typeshed: stubs, Options: opts}, srcs, files
}

// BenchmarkColdCheck measures a cold check of mypy's source (127 files,
// 86,413 lines), as `typd check` runs it without a daemon: find, parse,
// analyse and check every module, typeshed's included, from nothing.
// Profiled with -cpuprofile, it shows where a cold check spends its time
// (bench/README.md).
func BenchmarkColdCheck(b *testing.B) {
	cfg, srcs, _ := mypyProgram(b)
	b.ResetTimer()
	want := -1
	for range b.N {
		cfg.Files = fsys.NewListed() // (nothing kept from the last run)
		got := len(checker.Check(cfg, srcs).Diagnostics)
		if want >= 0 && got != want {
			b.Fatalf("%d diagnostics, then %d: the check is not deterministic", want, got)
		}
		want = got
	}
}

// BenchmarkSessionRecheckEdit measures a session's recheck of mypy's source
// after a one-line edit inside a method body of mypy/checker.py (7,553
// lines): the path of `typd recheck` once the watcher found the change.
func BenchmarkSessionRecheckEdit(b *testing.B) {
	edited := os.Getenv("TYPD_BENCH_EDIT")
	if edited == "" {
		edited = "mypy/checker.py"
	}
	anchor := []byte("-> None:\n")
	benchRecheck(b, edited, func(orig []byte, i int) []byte {
		at := bytes.Index(orig, anchor) + len(anchor)
		return slices.Concat(orig[:at], []byte("        _bench_edit = "+strconv.Itoa(i)+"\n"), orig[at:])
	}, func(res *checker.Result) bool { return res.Analyzed == 1 && res.Retargeted == 1 })
}

// BenchmarkSessionRecheckNewName measures a session's recheck of mypy's
// source after a new function, which nothing names yet, is appended to
// mypy/nodes.py (imported by nearly every module): only nodes.py is
// checked again, its top level and the new function alone.
func BenchmarkSessionRecheckNewName(b *testing.B) {
	benchRecheck(b, "mypy/nodes.py", func(orig []byte, i int) []byte {
		return slices.Concat(orig, []byte("\n\ndef bench_new_name_"+strconv.Itoa(i)+"(x: int) -> int:\n    return x\n"))
	}, func(res *checker.Result) bool { return res.Analyzed == 1 && res.Retargeted == 1 })
}

// BenchmarkSessionRecheckSignature measures a session's recheck of mypy's
// source after a defaulted parameter is added to a function of
// mypy/nodes.py that other modules call (get_member_expr_fullname): the
// modules that name it are checked again in part, the others keep their
// diagnostics.
func BenchmarkSessionRecheckSignature(b *testing.B) {
	old := []byte("def get_member_expr_fullname(expr: MemberExpr) -> str | None:")
	benchRecheck(b, "mypy/nodes.py", func(orig []byte, i int) []byte {
		if !bytes.Contains(orig, old) {
			b.Fatalf("mypy/nodes.py has no %s", old)
		}
		return bytes.Replace(orig, old, []byte("def get_member_expr_fullname(expr: MemberExpr, bench"+strconv.Itoa(i)+": int = 0) -> str | None:"), 1)
	}, func(res *checker.Result) bool { return res.Analyzed == res.Retargeted })
}

// benchRecheck checks mypy's source through a session, then measures the
// recheck after each new version of one of its files (edit makes the i-th
// from the original text); want judges each recheck's result (how many
// modules it analysed, how many in part).
func benchRecheck(b *testing.B, edited string, edit func(orig []byte, i int) []byte, want func(*checker.Result) bool) {
	cfg, srcs, files := mypyProgram(b)
	sess := checker.NewSession()
	sess.Check(cfg, srcs)
	// The daemon paces its collector for a heap that grows by rechecks,
	// and collects once idle after a check (package heap): so does this.
	heap.Collect()
	orig, err := os.ReadFile(edited)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(edited, edit(orig, i), 0o644); err != nil {
			b.Fatal(err)
		}
		files.NewCheck()
		// (Under a label, so that a profile can leave the first check
		// out: go tool pprof -tagfocus phase=recheck.)
		pprof.Do(context.Background(), pprof.Labels("phase", "recheck"), func(context.Context) {
			if res := sess.Check(cfg, srcs); !want(res) {
				b.Fatalf("edit %d of %s analysed %d modules, %d of them in part", i, edited, res.Analyzed, res.Retargeted)
			}
		})
	}
}

// BenchmarkDependencyMemory measures what the session keeps to find what an
// edit reaches, for all of mypy's source: each module's units (deps.Units:
// fingerprints, the words each statement reads, what it binds) and the
// cache of their texts that the next version of the file reuses. It reports
// the heap they hold in MB.
func BenchmarkDependencyMemory(b *testing.B) {
	_, srcs, _ := mypyProgram(b)
	var parses []*parser.File
	var texts [][]byte
	for _, s := range srcs {
		text, err := os.ReadFile(s.Path)
		if err != nil {
			b.Fatal(err)
		}
		parses, texts = append(parses, parser.Parse(text)), append(texts, text)
	}
	var kept []any
	var before, after runtime.MemStats
	for b.Loop() {
		kept = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i, f := range parses {
			units, cache := deps.UnitsReusing(f.Module, texts[i], nil)
			kept = append(kept, units, cache)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB")
	runtime.KeepAlive(kept)
}

// BenchmarkInspectType measures a type query (dmypy inspect's default) on a
// warm snapshot of mypy's source: each query is at the next of 1,000 random
// positions in mypy/checker.py (7,553 lines), whose types the snapshot
// recorded on the first query. Nothing is checked again.
func BenchmarkInspectType(b *testing.B) {
	cfg, srcs, _ := mypyProgram(b)
	sess := checker.NewSession()
	sess.Check(cfg, srcs)
	snap, err := sess.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	const path = "mypy/checker.py"
	start := time.Now()
	if _, err := snap.Inspect(path); err != nil {
		b.Fatal(err)
	}
	record := time.Since(start)
	text, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(text), "\n")
	rng := rand.New(rand.NewSource(1))
	var locs []inspect.Location
	for len(locs) < 1000 {
		n := rng.Intn(len(lines))
		if strings.TrimSpace(lines[n]) == "" {
			continue
		}
		col := len(lines[n]) - len(strings.TrimLeft(lines[n], " ")) + rng.Intn(len(strings.TrimSpace(lines[n])))
		loc, err := inspect.ParseLocation(fmt.Sprintf("%s:%d:%d", path, n+1, col+1))
		if err != nil {
			b.Fatal(err)
		}
		locs = append(locs, loc)
	}
	i := 0
	for b.Loop() {
		ins, err := snap.Inspect(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := inspect.Run(ins, locs[i%len(locs)], inspect.Options{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(record.Milliseconds()), "first-query-ms")
}
