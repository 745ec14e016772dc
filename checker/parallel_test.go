package checker_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"typd/checker"
	"typd/checker/cache"
	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/sources"
)

// parallelPackages are the local standard library's packages
// TestParallelCheck checks as one program: a few hundred errors, classes
// shared among them, import cycles.
var parallelPackages = []string{"email", "json", "logging", "http", "urllib", "concurrent", "xmlrpc", "wsgiref"}

// stdlibProgram reads the given packages of the local standard library
// into an in-memory tree, and returns it with its sources.
func stdlibProgram(t *testing.T, packages []string) (fsys.Map, []sources.Source) {
	dir := localStdlib(t)
	files := fsys.Map{}
	var srcs []sources.Source
	for _, pkg := range packages {
		err := filepath.WalkDir(filepath.Join(dir, pkg), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "test" || d.Name() == "tests" || d.Name() == "__pycache__") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".py") {
				return nil
			}
			text, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			files[rel] = text
			mod := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(rel, ".py"), "/__init__"), "/", ".")
			srcs = append(srcs, sources.Source{Path: rel, Module: mod})
			return nil
		})
		if err != nil {
			t.Skipf("no %s in the local standard library: %v", pkg, err)
		}
	}
	return files, srcs
}

// TestParallelCheck checks a program of the standard library's packages
// with one goroutine and with several: the output is the same, byte for
// byte (each goroutine analyses through its own fork of the program). CI
// also runs it under the race detector. A cancelled check stops with the
// context's error.
func TestParallelCheck(t *testing.T) {
	files, srcs := stdlibProgram(t, parallelPackages)
	stubs, opts := stubsAndOptions(t, "--python-version", "3.11", "--no-site-packages", "--check-untyped-defs")
	// check checks the program through a session (a fresh one for nil)
	// with the given number of goroutines, and returns what it prints.
	check := func(sess *checker.Session, workers int) string {
		cfg := checker.Config{Files: files, Typeshed: stubs, Options: opts, Workers: workers}
		var res *checker.Result
		if sess == nil {
			res = checker.Check(cfg, srcs)
		} else {
			res = sess.Check(cfg, srcs)
		}
		var b strings.Builder
		diag.Format{}.Write(&b, res.Diagnostics)
		return b.String() + diag.Summary(res.Diagnostics, res.Checked) + "\n"
	}
	output := func(workers int) string { return check(nil, workers) }
	one := output(1)
	if strings.Count(one, "\n") < 100 || strings.Contains(one, "INTERNAL ERROR") {
		t.Fatalf("the program should have many errors and no crash:\n%s", one)
	}
	for _, workers := range []int{2, 5} {
		if got := output(workers); got != one {
			t.Errorf("%d goroutines' output differs from one's:\n%s", workers, lineDiff(one, got))
		}
	}
	// A session's check, and its recheck after a body edit in each of
	// several modules (each checked again in part, in parallel).
	sess := checker.NewSession()
	if got := check(sess, 2); got != one {
		t.Errorf("a session's output differs from one goroutine's:\n%s", lineDiff(one, got))
	}
	edited := []string{"email/feedparser.py", "email/_header_value_parser.py", "json/decoder.py", "http/client.py"}
	olds := map[string][]byte{}
	for _, path := range edited {
		olds[path] = files[path]
		files[path] = append(slices.Clone(files[path]), "\n\ndef typd_edit() -> int:\n    return ''\n"...)
	}
	if got, cold := check(sess, 2), output(1); got != cold {
		t.Errorf("a session's recheck differs from a cold check:\n%s", lineDiff(cold, got))
	} else if strings.Count(cold, "typd_edit") != 0 || strings.Count(cold, `Incompatible return value type (got "str", expected "int")`) < len(edited) {
		t.Errorf("the edits should each add an error:\n%s", lineDiff(one, cold))
	}
	maps.Copy(files, olds)

	// Cancelled while its goroutines analyse (a caching session's check
	// analyses in parallel, as a check without a session does).
	dir, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	ctx := &cancelledAfter{Context: context.Background()}
	ctx.left.Store(3)
	if _, err := checker.NewCachingSession(dir).CheckContext(ctx, checker.Config{Files: files, Typeshed: stubs, Options: opts, Workers: 2}, srcs); err != context.Canceled {
		t.Errorf("a check cancelled while it analyses returned %v", err)
	}
}

// cancelledAfter is a context that is cancelled once its Err has been
// asked a number of times.
type cancelledAfter struct {
	context.Context
	left atomic.Int32
}

func (c *cancelledAfter) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// lineDiff lists the lines only one of two outputs has.
func lineDiff(a, b string) string {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(b, "\n") {
		count[l]--
	}
	var out []string
	for l, n := range count {
		switch {
		case n > 0:
			out = append(out, "- "+l)
		case n < 0:
			out = append(out, "+ "+l)
		}
	}
	if len(out) == 0 {
		return "(the same lines, in another order)"
	}
	return strings.Join(out, "\n")
}
