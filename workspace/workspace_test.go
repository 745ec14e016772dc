package workspace_test

import (
	"errors"
	"io"
	"testing"

	"typd/checker/fsys"
	"typd/checker/typeshed"
	"typd/workspace"
)

// TestPrepare checks the plan of a small program, and the failure of one
// that names a module twice.
func TestPrepare(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	files := fsys.Map{"a.py": []byte("x = 1\n"), "pkg/__init__.py": nil, "pkg/b.py": []byte("y = 2\n"), "other/a.py": nil}
	env := workspace.Env{Files: files, Typeshed: fsys.FromFS(embedded), Stdout: io.Discard, Stderr: io.Discard,
		Getenv: func(string) string { return "" }}
	inv, code := workspace.Parse(env, []string{"--python-version", "3.12", "--no-site-packages", "a.py", "pkg"}, "typd check")
	if inv == nil {
		t.Fatalf("Parse failed: exit %d", code)
	}
	plan, err := workspace.Prepare(env, inv)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range plan.Sources {
		got = append(got, s.Module+"="+s.Path)
	}
	want := []string{"a=a.py", "pkg=pkg/__init__.py", "pkg.b=pkg/b.py"}
	if len(got) != len(want) {
		t.Fatalf("sources %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sources %v, want %v", got, want)
		}
	}
	if v := plan.Config.Options.PythonVersion; v != [2]int{3, 12} {
		t.Errorf("target Python %v", v)
	}
	inv, _ = workspace.Parse(env, []string{"--python-version", "3.12", "--no-site-packages", "a.py", "other/a.py"}, "typd check")
	_, err = workspace.Prepare(env, inv)
	var dup *workspace.DuplicateModule
	if !errors.As(err, &dup) || dup.Error() != `Duplicate module named "a" (also at "a.py")` || dup.Sources != 2 {
		t.Errorf("a module given twice: %v", err)
	}
}
