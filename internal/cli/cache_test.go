package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"typd/checker/fsys"
	"typd/checker/typeshed"
	"typd/internal/cli"
	"typd/workspace"
)

// TestCacheReplayFollowsTheProgram runs `typd check` with a cache over a
// program whose files change between runs without any text the last run
// read changing (a module appears where an import looks, one vanishes, a
// stub appears beside a module), and with nothing changed: each run must
// print what a run without the cache prints.
func TestCacheReplayFollowsTheProgram(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Fatal(typeshed.ProvisionHint)
	}
	stubs := fsys.FromFS(embedded)
	dir := t.TempDir()
	files := fsys.Map{
		"main.py":         []byte("import foo\nimport pkg.mod\nreveal_type(pkg.mod.x)\n"),
		"pkg/__init__.py": []byte(""),
		"pkg/mod.py":      []byte("x = 1\n"),
	}
	run := func(caching bool) string {
		var out bytes.Buffer
		env := workspace.Env{Files: files, Typeshed: stubs, Stdout: &out, Stderr: &out, KeepsCache: caching,
			Getenv: func(string) string { return "" }}
		args := []string{"--no-site-packages", "--python-version", "3.12", "main.py"}
		if caching {
			args = append(args, "--cache-dir", dir)
		} else {
			args = append(args, "--no-incremental")
		}
		cli.Check(env, args)
		return out.String()
	}
	steps := []struct {
		name   string
		change func()
		has    string
	}{
		{"first", func() {}, `Cannot find implementation or library stub for module named "foo"`},
		{"nothing changed", func() {}, `Cannot find implementation or library stub for module named "foo"`},
		{"foo appears", func() { files["foo.py"] = []byte("") }, `Revealed type is "builtins.int"`},
		{"a stub beside pkg/mod.py", func() { files["pkg/mod.pyi"] = []byte("x: str\n") }, `Revealed type is "builtins.str"`},
		{"the stub goes", func() { delete(files, "pkg/mod.pyi") }, `Revealed type is "builtins.int"`},
		{"foo goes", func() { delete(files, "foo.py") }, `Cannot find implementation or library stub for module named "foo"`},
	}
	for _, s := range steps {
		s.change()
		cached, cold := run(true), run(false)
		if cached != cold {
			t.Fatalf("%s: with the cache:\n%s\nwithout:\n%s", s.name, cached, cold)
		}
		if !strings.Contains(cached, s.has) {
			t.Fatalf("%s: %q not in:\n%s", s.name, s.has, cached)
		}
		if records, _ := filepath.Glob(filepath.Join(dir, "run", "*", "*")); len(records) == 0 {
			t.Fatalf("%s: no check was recorded for replay", s.name)
		}
	}
}

// TestCacheReplayByStamps: on the disk, a run of the same program is
// recognised by the stamps of the files and folders the last run read,
// once they are older than the clock's step: a file or folder added, or a
// text changed, changes a stamp and the run follows the program. A text
// changed with its size, time and inode kept is mypy's blind spot too:
// the replay then prints the old output, unless --skip-cache-mtime-checks
// asks for the texts' hashes. It runs with the cache kept as files, and
// in SQLite.
func TestCacheReplayByStamps(t *testing.T) {
	t.Run("files", func(t *testing.T) { replayByStamps(t) })
	t.Run("sqlite", func(t *testing.T) { replayByStamps(t, "--sqlite-cache") })
}

func replayByStamps(t *testing.T, backend ...string) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.py", "import foo\nimport pkg.mod\nreveal_type(pkg.mod.x)\n")
	write("pkg/__init__.py", "")
	write("pkg/mod.py", "x = 1\n")
	// settle sets every file's and folder's time an hour back (a second
	// later at each call), as if written long before the run.
	settled := time.Now().Add(-time.Hour)
	settle := func() {
		settled = settled.Add(time.Second)
		filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
			if err == nil && !strings.HasPrefix(p, ".typd_cache") {
				os.Chtimes(p, settled, settled)
			}
			return nil
		})
	}
	run := func(extra ...string) string {
		var out bytes.Buffer
		env := workspace.Env{Files: fsys.NewListed(), Stdout: &out, Stderr: &out, KeepsCache: true,
			Getenv: func(string) string { return "" }}
		args := append([]string{"--no-site-packages", "--python-version", "3.12", "main.py"}, backend...)
		cli.Check(env, append(args, extra...))
		return out.String()
	}
	steps := []struct {
		name   string
		change func()
		has    string
	}{
		{"first", func() {}, `module named "foo"`},
		{"foo appears", func() { write("foo.py", "") }, `Revealed type is "builtins.int"`},
		{"a stub beside pkg/mod.py", func() { write("pkg/mod.pyi", "x: str\n") }, `Revealed type is "builtins.str"`},
		{"the stub's text", func() { write("pkg/mod.pyi", "x: bytes\n") }, `Revealed type is "builtins.bytes"`},
		{"the stub goes", func() { os.Remove("pkg/mod.pyi") }, `Revealed type is "builtins.int"`},
		{"a package shadows foo.py", func() { write("foo/__init__.py", "import nothere\n") }, `module named "nothere"`},
	}
	for _, s := range steps {
		s.change()
		// Changed just now (not settled): recognised by texts and answers.
		if got := run(); !strings.Contains(got, s.has) || got != run("--no-incremental") {
			t.Fatalf("%s, unsettled: got\n%s\nwant\n%s", s.name, got, run("--no-incremental"))
		}
		settle()
		// Settled: the first run records the stamps, the second replays
		// by them.
		for i := 0; i < 2; i++ {
			if got := run(); !strings.Contains(got, s.has) || got != run("--no-incremental") {
				t.Fatalf("%s, settled, run %d: got\n%s", s.name, i, got)
			}
		}
	}
	// The blind spot, as mypy's: same size, time and inode.
	st, _ := os.Stat("pkg/mod.py")
	f, _ := os.OpenFile("pkg/mod.py", os.O_WRONLY, 0)
	f.WriteString("x = b")
	f.Close()
	os.Chtimes("pkg/mod.py", st.ModTime(), st.ModTime())
	if got := run(); !strings.Contains(got, `Revealed type is "builtins.int"`) {
		t.Fatalf("the replay did not go by the stamps:\n%s", got)
	}
	if got := run("--skip-cache-mtime-checks"); !strings.Contains(got, `Name "b" is not defined`) {
		t.Fatalf("--skip-cache-mtime-checks did not read the texts:\n%s", got)
	}
}

// TestCacheVerbose: -v writes typd's log of the cache on stderr, as mypy's
// -v writes its own: where the cache is, each entry ignored and why, and
// whether the check was replayed or what it analysed.
func TestCacheVerbose(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Fatal(typeshed.ProvisionHint)
	}
	dir := t.TempDir()
	files := fsys.Map{"main.py": []byte("x: int = 'a'\n")}
	run := func() (string, string) {
		var out, errs bytes.Buffer
		env := workspace.Env{Files: files, Typeshed: fsys.FromFS(embedded), Stdout: &out, Stderr: &errs, KeepsCache: true,
			Getenv: func(string) string { return "" }}
		cli.Check(env, []string{"-v", "--no-site-packages", "--python-version", "3.12", "--cache-dir", dir, "main.py"})
		return out.String(), errs.String()
	}
	cold, log := run()
	if !strings.Contains(log, "LOG:  Cache: "+dir+" (files)\n") || !strings.Contains(log, "LOG:  Modules analysed: 1; modules whose diagnostics came from the cache: 0\n") {
		t.Fatalf("first run's log:\n%s", log)
	}
	if out, log := run(); out != cold || !strings.Contains(log, "LOG:  Replayed the last check of this program: its texts") {
		t.Fatalf("second run's log:\n%s", log)
	}
	// A corrupt entry is named, with why it was ignored.
	parses, _ := filepath.Glob(filepath.Join(dir, "parse", "*", "*"))
	records, _ := filepath.Glob(filepath.Join(dir, "run", "*", "*"))
	for _, p := range records {
		os.Remove(p)
	}
	for _, p := range parses {
		os.WriteFile(p, []byte("garbage"), 0o644)
	}
	out, log := run()
	if out != cold || !strings.Contains(log, ": not a typd cache entry\n") || !strings.Contains(log, "LOG:  Ignoring cache entry parse/") {
		t.Fatalf("the log after corrupting the parses:\n%s", log)
	}
}

// TestCacheOnAFullDisk: the cache's folder on a real file system that
// fills up (a tmpfs of 16 kB, or 128 kB for SQLite's database to be made, mounted by the test as root): the writes that
// do not fit fail, writing stops, and every run prints what a run without
// a cache prints, with the cache kept as files and in SQLite.
func TestCacheOnAFullDisk(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Fatal(typeshed.ProvisionHint)
	}
	files := fsys.Map{"main.py": []byte("import os, collections\nx: int = os.getcwd()\n")}
	for size, backend := range map[string][]string{"16k": nil, "128k": {"--sqlite-cache"}} {
		dir := t.TempDir()
		if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot mount a small file system here (the test needs root): %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("umount", dir).Run() })
		run := func(extra ...string) (string, string) {
			var out, errs bytes.Buffer
			env := workspace.Env{Files: files, Typeshed: fsys.FromFS(embedded), Stdout: &out, Stderr: &errs, KeepsCache: true,
				Getenv: func(string) string { return "" }}
			args := append([]string{"--no-site-packages", "--python-version", "3.12", "main.py"}, backend...)
			cli.Check(env, append(args, extra...))
			return out.String(), errs.String()
		}
		cold, _ := run("--no-incremental")
		for i := 0; i < 2; i++ {
			out, log := run("-v", "--cache-dir", dir)
			if out != cold {
				t.Fatalf("%v, run %d on a full disk printed\n%s\nnot\n%s", backend, i, out, cold)
			}
			if i == 0 && !strings.Contains(log, "LOG:  Cache writes stopped: ") {
				t.Fatalf("%v: the disk did not fill, or the failure was not noticed:\n%s", backend, log)
			}
		}
	}
}
