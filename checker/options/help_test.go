package options

import (
	"strings"
	"testing"
)

// TestHelpListsEveryFlag holds `typd check --help` to the parser: every
// flag the parser accepts is listed (a boolean option once, by one of its
// spellings), and every flag listed parses.
func TestHelpListsEveryFlag(t *testing.T) {
	listed := map[string]bool{}
	for _, g := range helpGroups {
		for _, e := range g.entries {
			for _, f := range strings.Split(e.flag, ", ") {
				listed[f] = true
			}
		}
	}
	named := map[string]bool{}
	for spelling, f := range boolFlags {
		if listed[spelling] {
			named[f.name] = true
		}
	}
	// no_implicit_reexport is the config key behind --no-implicit-reexport,
	// which help lists as implicit_reexport's inverse.
	named["no_implicit_reexport"] = true
	for spelling, f := range boolFlags {
		if !named[f.name] {
			t.Errorf("--help lists no spelling of %s (%s)", f.name, spelling)
		}
	}
	for spelling := range valueFlags {
		if !listed[spelling] {
			t.Errorf("--help does not list %s", spelling)
		}
	}
	for _, special := range []string{"-m", "-p", "-c", "--strict", "--show-column-numbers", "--show-error-end",
		"--hide-error-codes", "--show-error-codes", "--no-error-summary", "--pretty", "--show-traceback", "--tb",
		"--no-site-packages", "--ignore-missing-imports", "--reveal-verbose-types", "--raise-exceptions",
		"--no-color-output", "--pdb", "--dump-type-stats", "--dump-inference-stats", "--no-silence-site-packages"} {
		if !listed[special] {
			t.Errorf("--help does not list %s", special)
		}
	}
	for _, g := range helpGroups {
		for _, e := range g.entries {
			for _, f := range strings.Split(e.flag, ", ") {
				args := []string{f}
				switch {
				case e.arg == "":
				case strings.HasPrefix(e.arg, "{"):
					args = append(args, strings.Split(strings.Trim(e.arg, "{}"), ",")[0])
				case e.arg == "X.Y":
					args = append(args, "3.12")
				case e.arg == "N":
					args = append(args, "10")
				case e.arg == "CODE":
					args = append(args, "misc")
				default:
					args = append(args, strings.Fields(e.arg)...)
				}
				// A refused flag is known: its error says typd does not
				// support it yet.
				if _, _, err := Parse(args); err != nil && !strings.Contains(err.Error(), "typd does not support this yet") {
					t.Errorf("%v: %v", args, err)
				}
			}
		}
	}
	if h := Help("usage: typd check"); !strings.Contains(h, "  --python-version X.Y  check for this Python version\n") {
		t.Errorf("the help's layout:\n%s", h)
	}
}
