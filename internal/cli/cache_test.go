package cli_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

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
