package sources

import (
	"reflect"
	"strings"
	"testing"

	"typd/checker/fsys"
)

// TestExclude: the patterns are searched in each path met while walking
// folders (a folder's with a trailing "/"), as mypy's --exclude; files
// given by name are checked anyway; Python's verbose flag and \Z work.
func TestExclude(t *testing.T) {
	files := fsys.Map{
		"mypy/__init__.py": nil, "mypy/a.py": nil, "mypy/test/__init__.py": nil, "mypy/test/t.py": nil,
		"mypy/typeshed/stdlib/os.pyi": nil, "mypy/one.py": nil, "mypy/sub/two.pyi": nil, "mypy/sub/keep.py": nil,
	}
	paths := func(patterns []string, targets ...string) []string {
		ex, err := CompileExcludes(patterns)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Find(files, Request{Targets: targets, Exclude: ex})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range got {
			out = append(out, s.Path)
		}
		return out
	}
	want := []string{"mypy/__init__.py", "mypy/a.py", "mypy/one.py", "mypy/sub/keep.py", "mypy/sub/two.pyi"}
	if got := paths([]string{"mypy/typeshed/|mypy/test/"}, "mypy"); !reflect.DeepEqual(got, want) {
		t.Errorf("alternation: got %v", got)
	}
	if got := paths([]string{"^mypy/typeshed/", "/test/$"}, "mypy"); !reflect.DeepEqual(got, want) {
		t.Errorf("two patterns: got %v", got)
	}
	verbose := "(?x)(\n    ^mypy/one\\.py$    # files named one.py\n  | two\\.pyi\\Z       # or ending two.pyi\n  | /(test|typeshed)/\n)"
	want = []string{"mypy/__init__.py", "mypy/a.py", "mypy/sub/keep.py"}
	if got := paths([]string{verbose}, "mypy"); !reflect.DeepEqual(got, want) {
		t.Errorf("verbose: got %v", got)
	}
	if got := paths([]string{"one"}, "mypy/one.py"); !reflect.DeepEqual(got, []string{"mypy/one.py"}) {
		t.Errorf("a given file is not excluded: got %v", got)
	}
	if _, err := CompileExcludes([]string{"a(?=b)"}); err == nil || !strings.Contains(err.Error(), `exclude pattern "a(?=b)" is not a regular expression typd supports`) {
		t.Errorf("look-ahead: %v", err)
	}
}
