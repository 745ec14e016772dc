package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"typd/checker/cache"
)

// fakePython writes an executable that answers the probe as a Python
// would (version 3.9, the site folder given) and counts its runs in a
// file; it returns the executable and a function that reads the count.
func fakePython(t *testing.T, site string) (string, func() int) {
	dir := t.TempDir()
	count := filepath.Join(dir, "runs")
	exe := filepath.Join(dir, "python")
	script := "#!/bin/sh\necho run >> " + count + "\n" +
		`echo '[[3, 9], ["` + site + `"], ["` + filepath.Join(dir, "usersite") + `", "` + filepath.Join(dir, "pyvenv.cfg") + `"]]'` + "\n"
	if err := os.WriteFile(exe, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return exe, func() int {
		b, _ := os.ReadFile(count)
		return strings.Count(string(b), "run")
	}
}

// TestInterpreterAnswerCached: the target Python's answer is kept in the
// cache for the next process, and asked again when a folder it names gets
// a new .pth file, when the environment that moves sys.path changes, and
// when the kept entry is damaged.
func TestInterpreterAnswerCached(t *testing.T) {
	site := t.TempDir()
	exe, runs := fakePython(t, site)
	store, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ask := func() pythonInfo {
		pythonCache = sync.Map{} // (a new process)
		defer store.Flush()
		return interpreter(exe, store)
	}
	want := pythonInfo{version: [2]int{3, 9}, sitePackages: []string{site}}
	check := func(step string, wantRuns int) {
		t.Helper()
		got := ask()
		if got.version != want.version || len(got.sitePackages) != 1 || got.sitePackages[0] != site {
			t.Fatalf("%s: got %+v", step, got)
		}
		if runs() != wantRuns {
			t.Fatalf("%s: the interpreter ran %d times, want %d", step, runs(), wantRuns)
		}
	}
	check("first", 1)
	check("kept", 1)
	if err := os.WriteFile(filepath.Join(site, "editable.pth"), []byte("/somewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("a new .pth file", 2)
	check("kept again", 2)
	t.Setenv("PYTHONPATH", "/elsewhere")
	check("PYTHONPATH set", 3)
	key, _ := probeKey(exe)
	store.Flush()
	store.Put(cache.Probes, key, []byte("{not json"))
	store.Flush()
	check("a damaged entry", 4)
	if err := os.WriteFile(filepath.Join(filepath.Dir(exe), "pyvenv.cfg"), []byte("home = /x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("a pyvenv.cfg appears", 5)
}
