package checker_test

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
	"typd/inspect"
)

// snapshotProgram is the program TestSnapshotsUnderEdits edits: helper.py
// and main.py, in that order.
var snapshotProgram = [2]string{`from typing import Optional

class Box:
    def __init__(self, size: int) -> None:
        self.size = size
        self.label: Optional[str] = None

    def grow(self, by: int) -> "Box":
        return Box(self.size + by)

LIMIT = 10
`, `import helper

def use(b: helper.Box, names: list[str]) -> int:
    first = names[0]
    bigger = b.grow(helper.LIMIT)
    return bigger.size + len(first)

total = use(helper.Box(1), ["a"])
`}

// snapshotEdits are the edits, applied in turn: each replaces the first
// occurrence of a text in one of the two files.
var snapshotEdits = []struct {
	file     int
	old, new string
}{
	{1, "    first = names[0]\n", "    first = names[0]\n    count = len(names)\n"},
	{0, "LIMIT = 10", "LIMIT = 'ten'"},
	{1, "bigger.size + len(first)", "bigger.size * 2"},
	{0, "def grow(self, by: int)", "def grow(self, by: int, again: bool = False)"},
	{1, "total = use", "# a comment\ntotal = use"},
	{0, "        self.size = size\n", "        self.size = size\n        self.extra = [size]\n"},
	{1, "    return", "    x = (\n    return"}, // a syntax error
	{1, "    x = (\n    return", "    return"}, // and its fix
	{0, "LIMIT = 'ten'", "LIMIT = 10.5"},
	{1, "names: list[str]", "names: tuple[str, ...]"},
}

// TestSnapshotsUnderEdits builds a snapshot per edit through one session
// while several goroutines query the previous snapshots (the type,
// attributes and definition at every position of each file), and checks
// every answer against a cold check of that snapshot's text. Run under
// -race (make test does), it also shows that queries of old snapshots do
// not race with the building of new ones.
func TestSnapshotsUnderEdits(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	stubs := fsys.FromFS(embedded)
	opts, _, err := options.Parse([]string{"--python-version", "3.12", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	paths := [2]string{"helper.py", "main.py"}
	srcs := []sources.Source{{Path: "helper.py", Module: "helper"}, {Path: "main.py", Module: "main"}}
	texts := snapshotProgram
	sess := checker.NewSession()
	var wg sync.WaitGroup
	versions := 0
	for step := 0; step <= len(snapshotEdits); step++ {
		if step > 0 {
			e := snapshotEdits[step-1]
			if !strings.Contains(texts[e.file], e.old) {
				t.Fatalf("edit %d: %q is not in %s", step, e.old, paths[e.file])
			}
			texts[e.file] = strings.Replace(texts[e.file], e.old, e.new, 1)
		}
		files := fsys.Map{paths[0]: []byte(texts[0]), paths[1]: []byte(texts[1])}
		cfg := checker.Config{Files: files, Typeshed: stubs, Options: opts}
		sess.Check(cfg, srcs)
		snap, err := sess.Snapshot()
		if err != nil {
			continue // the syntax error: no snapshot
		}
		versions++
		cur := texts
		// The expected answers come from a cold check of the same text,
		// in its own program; the queries of the session's snapshot run
		// while the next edits are checked.
		want := snapshotAnswers(t, checker.Check(checker.Config{Files: maps.Clone(files), Typeshed: stubs, Options: opts}, srcs).Snapshot, paths, cur)
		for g := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got := snapshotAnswers(t, snap, paths, cur)
				for k, w := range want {
					if got[k] != w {
						t.Errorf("edit %d, reader %d, %s: got %q, want %q", step, g, k, got[k], w)
					}
				}
			}()
		}
	}
	wg.Wait()
	if versions != len(snapshotEdits) {
		t.Errorf("%d snapshots, want %d (one edit is a syntax error)", versions, len(snapshotEdits))
	}
}

// snapshotAnswers asks a snapshot the type, attributes and definition at
// every position of each file, by location, as the daemon's inspect does.
func snapshotAnswers(t *testing.T, snap *checker.Snapshot, paths [2]string, texts [2]string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for i, path := range paths {
		for n, line := range strings.Split(texts[i], "\n") {
			for col := 1; col <= len(line); col++ {
				where := fmt.Sprintf("%s:%d:%d", path, n+1, col)
				for _, show := range []string{"type", "attrs", "definition"} {
					ans, err := inspect.Query(snap, where, inspect.Options{Show: show})
					if err != nil {
						t.Fatal(err)
					}
					out[where+" "+show] = fmt.Sprintf("%s (%d)", ans.Out, ans.Status)
				}
			}
		}
	}
	return out
}
