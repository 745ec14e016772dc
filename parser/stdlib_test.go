package parser_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"typd/parser"
	"typd/parser/ast"
)

// stdlibDir returns the local CPython's standard library directory, or skips.
func stdlibDir(t testing.TB) (python, dir string) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	out, err := exec.Command(python, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Skipf("python3 failed: %v", err)
	}
	return python, strings.TrimSpace(string(out))
}

// stdlibSources lists the .py files of the local standard library, its
// tests and site-packages left out, in walk order.
func stdlibSources(t testing.TB) []string {
	_, dir := stdlibDir(t)
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && (d.Name() == "site-packages" || d.Name() == "test") {
			return filepath.SkipDir
		}
		if err == nil && strings.HasSuffix(p, ".py") {
			paths = append(paths, p)
		}
		return nil
	})
	return paths
}

// TestStdlibMatchesCPython compares typd's AST dump of every .py file of the
// local CPython standard library with CPython's own ast.dump. At least 99.5%
// of the files must match exactly, and typd must report a syntax error for
// exactly the files CPython rejects. TYPD_AST_DIFFS=N prints N mismatches.
func TestStdlibMatchesCPython(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs CPython over the whole standard library")
	}
	python, dir := stdlibDir(t)
	cmd := exec.Command(python, "testdata/cpython_dump.py", dir)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReaderSize(stdout, 1<<20)
	var total, same int
	var rejectMismatch []string
	showDiffs := 0
	if v := os.Getenv("TYPD_AST_DIFFS"); v != "" {
		showDiffs = len(v) // any value: show a few
		if n := atoi(v); n > 0 {
			showDiffs = n
		}
	}
	for {
		path, err := r.ReadBytes(0)
		if err != nil {
			break
		}
		want, err := r.ReadBytes(0)
		if err != nil {
			t.Fatal("truncated output from cpython_dump.py")
		}
		p := string(path[:len(path)-1])
		want = want[:len(want)-1]
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		total++
		f := parser.Parse(src)
		cpythonRejects := bytes.HasPrefix(want, []byte("ERR\n"))
		if cpythonRejects != (len(f.Errors) > 0) {
			msg := p + ": CPython: no error"
			if cpythonRejects {
				msg = p + ": CPython: " + firstLine(string(want[4:]))
			}
			if len(f.Errors) > 0 {
				e := f.Errors[0]
				msg += "; typd: line " + itoa(int(e.Line)) + ": " + e.Msg
			} else {
				msg += "; typd: no error"
			}
			rejectMismatch = append(rejectMismatch, msg)
			continue
		}
		if cpythonRejects {
			same++
			continue
		}
		got := ast.Dump(f.Module)
		if got == string(want[3:]) {
			same++
			continue
		}
		if showDiffs > 0 {
			showDiffs--
			t.Logf("%s differs:\n%s", p, firstDifference(got, string(want[3:])))
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("cpython_dump.py: %v", err)
	}
	if total < 100 {
		t.Fatalf("only %d files compared", total)
	}
	pct := 100 * float64(same) / float64(total)
	t.Logf("%d/%d files match CPython's ast.dump (%.2f%%)", same, total, pct)
	for _, m := range rejectMismatch {
		t.Errorf("syntax error disagreement: %s", m)
	}
	if pct < 99.5 {
		t.Errorf("match rate %.2f%% is below 99.5%%", pct)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// firstDifference shows both texts around their first differing byte.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-300)
	return "typd:    ..." + got[lo:min(len(got), i+200)] + "\ncpython: ..." + want[lo:min(len(want), i+200)]
}
