package checker_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/sources"
)

// TestCheckEachStdlibFileAlone checks every .py file of the local CPython
// standard library on its own, as `typd check file.py` would (its imports
// resolved in typeshed's stubs): no check may crash or report an internal
// error, whatever the file holds (issue 4: an unsupported construct
// degrades to Any, never to a crash).
func TestCheckEachStdlibFileAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: checks the whole standard library file by file")
	}
	dir := localStdlib(t)
	stubs, opts := stubsAndOptions(t, "--python-version", "3.11", "--no-site-packages")
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "site-packages" || d.Name() == "dist-packages") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".py") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	work := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	crashed := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				src, err := os.ReadFile(p)
				if err != nil {
					t.Error(err)
					continue
				}
				files := fsys.Map{"main.py": src}
				res := checker.Check(checker.Config{Files: files, Typeshed: stubs, Options: opts},
					[]sources.Source{{Path: "main.py", Module: "main"}})
				for _, d := range res.Diagnostics {
					if strings.Contains(d.Message, "INTERNAL ERROR") {
						mu.Lock()
						crashed++
						mu.Unlock()
						t.Errorf("%s: %s", p, d.Message)
					}
				}
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	t.Logf("%d stdlib files checked one by one, %d crashed", len(paths), crashed)
}

// localStdlib returns the folder of the local python3's standard library,
// or skips the test.
func localStdlib(t *testing.T) string {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	out, err := exec.Command(python, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Skipf("python3 failed: %v", err)
	}
	return strings.TrimSpace(string(out))
}
