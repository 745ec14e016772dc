package casefile

import (
	"reflect"
	"testing"
)

const sample = `-- comment
[case testOne]
# flags: --strict-optional
x = 1  # E: Bad thing  # N:5: A note \# with hash
[file m.py]
y = 2  # W: Careful
[builtins fixtures/list.pyi]
[out]
main:1: error: From out

[case testTwo-xfail]
# cmd: mypy -m a "b c"
[file a.py.2]
z = 3
[out2]
`

func TestParse(t *testing.T) {
	cases, err := Parse("check-x.test", sample)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 {
		t.Fatalf("%d cases", len(cases))
	}
	one, two := cases[0], cases[1]
	if one.ID() != "check-x.test::testOne" || one.Line != 2 || one.MultiStep || one.XFail {
		t.Errorf("case one: %+v", one)
	}
	want := []string{"main:1: error: From out", "main:2: error: Bad thing", "main:2:5: note: A note # with hash",
		"tmp/m.py:1: warning: Careful"}
	if !reflect.DeepEqual(one.Output, want) || one.OutputInlineStart != 1 {
		t.Errorf("output %q (inline from %d)", one.Output, one.OutputInlineStart)
	}
	if one.Fixtures["builtins"] != "fixtures/list.pyi" || len(one.Files) != 1 || one.Files[0].Path != "tmp/m.py" {
		t.Errorf("fixtures %v files %v", one.Fixtures, one.Files)
	}
	if f := one.Flags(); len(f) != 1 || f[0] != "--strict-optional" {
		t.Errorf("flags %v", f)
	}
	if !two.XFail || !two.MultiStep || !reflect.DeepEqual(two.Command(), []string{"mypy", "-m", "a", "b c"}) {
		t.Errorf("case two: xfail %v multistep %v command %q", two.XFail, two.MultiStep, two.Command())
	}
}
