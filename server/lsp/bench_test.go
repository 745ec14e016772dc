package lsp_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"typd/server/lsp"
)

// mypySource is where Debian's python3-mypy keeps mypy's own source (127
// files, 86,000 lines), the workspace of the benchmarks.
const mypySource = "/usr/lib/python3/dist-packages/mypy"

// mypyWorkspace copies mypy's source (its tests and bundled typeshed left
// out) into a folder with a mypy.ini, and returns the folder.
func mypyWorkspace(b *testing.B) string {
	b.Helper()
	root := b.TempDir()
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
		os.MkdirAll(filepath.Join(root, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(root, rel), text, 0o644)
	})
	if err != nil {
		b.Skipf("no mypy source at %s (../shared/tools/oracles/setup.sh installs it): %v", mypySource, err)
	}
	os.WriteFile(filepath.Join(root, "mypy.ini"), []byte("[mypy]\npython_version = 3.11\nno_site_packages = True\n"), 0o644)
	return root
}

// percentile returns the p-th percentile of durations.
func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// BenchmarkEditorSession measures a client session on mypy's source with
// mypy/checker.py (7,553 lines) open, over the wire: the first diagnostics
// of the workspace, the diagnostics after one-line edits inside a method
// body, and hover and definition at 1,000 random positions of the file
// (after the edits; the first query of a snapshot records the file's
// types, and is counted), and completion after `self.` on up to 1,000
// lines. It reports the median and p99 of each.
func BenchmarkEditorSession(b *testing.B) {
	root := mypyWorkspace(b)
	for b.Loop() {
		c, uri, text, first := openChecker(b, root)
		var edits []time.Duration
		editChecker(c, root, uri, text, 40, func(_ int, took time.Duration) { edits = append(edits, took) })

		lines := strings.Split(string(text), "\n")
		rnd := rand.New(rand.NewSource(1))
		var hovers, defs []time.Duration
		for len(hovers) < 1000 {
			n := rnd.Intn(len(lines))
			trimmed := strings.TrimSpace(lines[n])
			if trimmed == "" {
				continue
			}
			col := len(lines[n]) - len(strings.TrimLeft(lines[n], " ")) + rnd.Intn(len(trimmed))
			start := time.Now()
			if m := c.call("textDocument/hover", position(uri, n, col)); m.Error != nil {
				b.Fatalf("hover: %+v", m.Error)
			}
			hovers = append(hovers, time.Since(start))
			start = time.Now()
			if m := c.call("textDocument/definition", position(uri, n, col)); m.Error != nil {
				b.Fatalf("definition: %+v", m.Error)
			}
			defs = append(defs, time.Since(start))
		}
		// Completion right after the dot of `self.` (the attributes of the
		// checker's class), at up to 1,000 lines.
		var completions []time.Duration
		for n, l := range lines {
			i := strings.Index(l, "self.")
			if i < 0 || i > 0 && isIdent(l[i-1]) || strings.Contains(l[:i], "#") || strings.Count(l[:i], `"`)%2 == 1 ||
				len(completions) == 1000 {
				continue
			}
			start := time.Now()
			if m := c.call("textDocument/completion", position(uri, n, i+len("self."))); m.Error != nil || len(m.Result) < 100 {
				b.Fatalf("completion at %d:%d: %+v %s", n, i, m.Error, m.Result)
			}
			completions = append(completions, time.Since(start))
		}
		c.shutdown()
		b.ReportMetric(float64(first.Milliseconds()), "first-diagnostics-ms")
		b.ReportMetric(float64(percentile(edits, 0.5).Microseconds())/1000, "edit-p50-ms")
		b.ReportMetric(float64(percentile(edits, 0.99).Microseconds())/1000, "edit-p99-ms")
		b.ReportMetric(float64(percentile(hovers, 0.5).Microseconds())/1000, "hover-p50-ms")
		b.ReportMetric(float64(percentile(hovers, 0.99).Microseconds())/1000, "hover-p99-ms")
		b.ReportMetric(float64(percentile(defs, 0.5).Microseconds())/1000, "definition-p50-ms")
		b.ReportMetric(float64(percentile(defs, 0.99).Microseconds())/1000, "definition-p99-ms")
		b.ReportMetric(float64(percentile(completions, 0.5).Microseconds())/1000, "completion-p50-ms")
		b.ReportMetric(float64(percentile(completions, 0.99).Microseconds())/1000, "completion-p99-ms")
	}
}

func isIdent(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// BenchmarkEditorMemory edits mypy/checker.py 2,000 times (a line
// inserted, then taken out again, each edit's diagnostics awaited) and
// reports the live heap after the 200th and the 2,000th edit (after a
// collection) and the process's peak resident memory: the server's memory
// must stay flat across edits.
func BenchmarkEditorMemory(b *testing.B) {
	root := mypyWorkspace(b)
	for b.Loop() {
		c, uri, text, _ := openChecker(b, root)
		var early, late uint64
		editChecker(c, root, uri, text, 2000, func(i int, _ time.Duration) {
			if i == 199 || i == 1999 {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				if i == 199 {
					early = ms.HeapAlloc
				} else {
					late = ms.HeapAlloc
				}
			}
		})
		c.shutdown()
		b.ReportMetric(float64(early)/(1<<20), "heap-MB-at-200")
		b.ReportMetric(float64(late)/(1<<20), "heap-MB-at-2000")
		if status, err := os.ReadFile("/proc/self/status"); err == nil {
			for _, l := range strings.Split(string(status), "\n") {
				if kb, ok := strings.CutPrefix(l, "VmHWM:"); ok {
					var n float64
					fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), &n)
					b.ReportMetric(n/1024, "peak-RSS-MB")
				}
			}
		}
	}
}

// openChecker starts a server on the mypy workspace, opens
// mypy/checker.py and waits for its first diagnostics; it returns the
// client, the file's URI and text, and the time the diagnostics took.
func openChecker(b *testing.B, root string) (*client, string, []byte, time.Duration) {
	path := filepath.Join(root, "mypy", "checker.py")
	text, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	uri := fileURI(path)
	c := startServer(b)
	start := time.Now()
	c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(root), "capabilities": map[string]any{}})
	c.notify("initialized", map[string]any{})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "python",
		"version": 1, "text": string(text)}})
	c.diagnosticsOf(root, "mypy/checker.py")
	return c, uri, text, time.Since(start)
}

// editChecker makes n one-line edits inside a method body of the open
// mypy/checker.py (a line inserted, then taken out again), waiting for
// each edit's diagnostics; after calls back after each edit with its
// number and how long its diagnostics took.
func editChecker(c *client, root, uri string, text []byte, n int, after func(i int, took time.Duration)) {
	at := bytes.Index(text, []byte("-> None:\n")) + len("-> None:\n")
	line := bytes.Count(text[:at], []byte("\n"))
	for i := range n {
		change := map[string]any{"range": rng(line, 0, line, 0), "text": fmt.Sprintf("        _bench_edit = %d\n", i)}
		if i%2 == 1 {
			change = map[string]any{"range": rng(line, 0, line+1, 0), "text": ""}
		}
		start := time.Now()
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{change}})
		c.diagnosticsAt(root, "mypy/checker.py", i+2)
		after(i, time.Since(start))
	}
}

// shutdown ends a session.
func (c *client) shutdown() {
	c.call("shutdown", nil)
	c.notify("exit", nil)
	<-c.served
}

// BenchmarkEditorFromCache measures the first diagnostics of the open
// mypy/checker.py, and the first hover (which waits for the session's own
// check), with --use-fine-grained-cache, from the cache a `typd check` in
// the root left, against a server started without it.
func BenchmarkEditorFromCache(b *testing.B) {
	root := mypyWorkspace(b)
	var out bytes.Buffer
	if code := lsp.CacheCheckForTest(root, &out); code > 1 {
		b.Fatalf("typd check with the cache: exit %d\n%s", code, out.String())
	}
	// first returns how long the first diagnostics took, and the first
	// hover (which waits for the session's own check).
	first := func(args ...string) (diagnostics, hover time.Duration) {
		path := filepath.Join(root, "mypy", "checker.py")
		text, _ := os.ReadFile(path)
		c := startServer(b, args...)
		start := time.Now()
		c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(root), "capabilities": map[string]any{}})
		c.notify("initialized", map[string]any{})
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": fileURI(path), "languageId": "python",
			"version": 1, "text": string(text)}})
		c.diagnosticsOf(root, "mypy/checker.py")
		diagnostics = time.Since(start)
		if m := c.call("textDocument/hover", position(fileURI(path), 0, 0)); m.Error != nil {
			b.Fatalf("hover: %+v", m.Error)
		}
		hover = time.Since(start)
		c.shutdown()
		return diagnostics, hover
	}
	for b.Loop() {
		d, h := first()
		b.ReportMetric(float64(d.Milliseconds()), "cold-first-diagnostics-ms")
		b.ReportMetric(float64(h.Milliseconds()), "cold-first-hover-ms")
		d, h = first("--use-fine-grained-cache")
		b.ReportMetric(float64(d.Milliseconds()), "cache-first-diagnostics-ms")
		b.ReportMetric(float64(h.Milliseconds()), "cache-first-hover-ms")
	}
}
