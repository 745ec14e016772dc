package options

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	o, targets, err := Parse([]string{"--python-version", "3.12", "--strict", "--no-strict-optional",
		"--show-column-numbers", "-m", "a.b", "--enable-error-code=ignore-without-code", "x.py",
		"--always-true=FOO", "--follow-imports=silent", "--", "-y.py"})
	if err != nil {
		t.Fatal(err)
	}
	if o.PythonVersion != [2]int{3, 12} || !o.Bool("disallow_untyped_defs") || !o.ShowColumnNumbers {
		t.Errorf("options = %+v", o)
	}
	if v, set := o.Bools["strict_optional"]; !set || v {
		t.Errorf("--no-strict-optional: strict_optional = %v (set %v)", v, set)
	}
	if len(o.Modules) != 1 || o.Modules[0] != "a.b" || o.FollowImports != "silent" {
		t.Errorf("modules %v, follow-imports %q", o.Modules, o.FollowImports)
	}
	if len(o.EnableErrorCodes) != 1 || o.Values["always_true"][0] != "FOO" {
		t.Errorf("values: %v %v", o.EnableErrorCodes, o.Values)
	}
	if o.SoftErrorLimit() != -1 || !o.Bool("strict_bytes") {
		t.Errorf("defaults: soft error limit %d, strict bytes %v", o.SoftErrorLimit(), o.Bool("strict_bytes"))
	}
	if len(targets) != 2 || targets[0] != "x.py" || targets[1] != "-y.py" {
		t.Errorf("targets = %v", targets)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--no-such-flag"}, "unrecognized arguments: --no-such-flag"},
		{[]string{"--python-version"}, "argument --python-version: expected one argument"},
		{[]string{"--python-version", "three"}, "argument --python-version: invalid parse_version value: 'three'"},
		{[]string{"--follow-imports=maybe"}, "argument --follow-imports: invalid choice: 'maybe' (choose from 'normal', 'silent', 'skip', 'error')"},
		{[]string{"--soft-error-limit", "many"}, "argument --soft-error-limit: invalid int value: 'many'"},
	} {
		_, _, err := Parse(tc.args)
		var ue *UsageError
		if !errors.As(err, &ue) || ue.Msg != tc.msg {
			t.Errorf("%v: got %v, want usage error %q", tc.args, err, tc.msg)
		}
	}
}

// TestUncheckedCodes checks that enabling an optional error code typd
// does not check yet gets a warning, once, from the command line and from
// a per-module section, and that the codes it checks get none.
func TestUncheckedCodes(t *testing.T) {
	o, _, err := Parse([]string{"--enable-error-code", "truthy-bool", "--enable-error-code=explicit-override",
		"--enable-error-code", "possibly-undefined", "--enable-error-code", "truthy-bool", "x.py"})
	if err != nil {
		t.Fatal(err)
	}
	o.Overrides = append(o.Overrides, Override{Patterns: []string{"m"}, Settings: []Setting{{Key: "enable_error_code", Value: "redundant-expr, deprecated"}}})
	got := o.UncheckedCodes()
	want := []string{`error code "truthy-bool": typd does not check this code yet; enabling it reports nothing`,
		`error code "redundant-expr": typd does not check this code yet; enabling it reports nothing`}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("UncheckedCodes = %q\nwant %q", got, want)
	}
}
