package workspace_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"typd/checker/fsys"
	"typd/workspace"
)

// TestArgumentFiles: @FILE stands for the arguments FILE holds, one per
// line, files naming other files; a missing file, or one that names
// itself, is a usage error.
func TestArgumentFiles(t *testing.T) {
	files := fsys.Map{
		"a.py":  []byte("x = 1\n"),
		"flags": []byte("--python-version\n3.12\n@more\n"),
		"more":  []byte("--no-site-packages\r\n--always-true=FLAG\n"),
		"loop":  []byte("@loop\n"),
	}
	parse := func(args ...string) (*workspace.Invocation, string) {
		var errOut bytes.Buffer
		env := workspace.Env{Files: files, Stdout: &errOut, Stderr: &errOut, Getenv: func(string) string { return "" }}
		inv, _ := workspace.Parse(env, args, "typd check")
		return inv, errOut.String()
	}
	inv, out := parse("@flags", "a.py")
	if inv == nil {
		t.Fatalf("refused: %s", out)
	}
	if inv.Options.PythonVersion != [2]int{3, 12} || !inv.Options.NoSitePackages ||
		!slices.Equal(inv.Options.Values["always_true"], []string{"FLAG"}) || !slices.Equal(inv.Targets, []string{"a.py"}) {
		t.Fatalf("the arguments files were not read: %+v", inv.Options)
	}
	for _, bad := range []string{"@missing", "@loop"} {
		if inv, out := parse(bad, "a.py"); inv != nil || !strings.Contains(out, "typd check: error:") {
			t.Errorf("%s: accepted (%q)", bad, out)
		}
	}
}
