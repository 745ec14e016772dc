package options

import (
	"os"
	"strings"
	"testing"
)

// TestOptionTable walks every flag and config key of mypy's
// (testdata/mypy-options.txt) and fails on one typd accepts without saying
// how it treats it: a flag must be rejected or be in the support table as
// honoured or not yet done; a config key must be in the table or be
// warned about as unknown. A refused option must be refused on the
// command line and warned about in a config file, and every option of the
// table must have its row in the README's table.
func TestOptionTable(t *testing.T) {
	data, err := os.ReadFile("../../testdata/mypy-options.txt")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	flags, keys := 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		kind, name, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok || strings.HasPrefix(kind, "#") {
			continue
		}
		switch kind {
		case "flag":
			flags++
			checkFlag(t, name)
		case "key":
			keys++
			checkKey(t, name)
		}
	}
	if flags < 100 || keys < 80 {
		t.Fatalf("only %d flags and %d keys read", flags, keys)
	}
	for _, name := range SupportedNames() {
		_, row, found := strings.Cut(string(readme), "\n| `"+name+"` | ")
		if !found {
			t.Errorf("README: no row for option %s", name)
			continue
		}
		status, _, _ := strings.Cut(row, " |")
		if want := readmeStatus[supportTable[name].Support]; !strings.HasPrefix(status, want) {
			t.Errorf("README: option %s is %q, want %q", name, status, want)
		}
	}
}

// readmeStatus is how the README's table starts the status of an option.
var readmeStatus = map[Support]string{
	Honoured: "honoured", Refused: "refused",
}

// checkFlag gives a flag (with a value when it takes one) on a command
// line and checks the outcome against the support table.
func checkFlag(t *testing.T, flag string) {
	t.Helper()
	args := []string{flag}
	if _, takesValue := valueFlags[flag]; takesValue {
		args = append(args, "x")
		if flag == "--python-version" {
			args[1] = "3.11"
		}
		if flag == "--follow-imports" {
			args[1] = "silent"
		}
		if flag == "--soft-error-limit" {
			args[1] = "5"
		}
	}
	_, _, err := ParseInto(New(), append(args, "x.py"))
	opt := optionName(flag)
	s, known := SupportOf(opt)
	switch {
	case err != nil && known && s.Support == Refused:
		if !strings.Contains(err.Error(), "typd does not support this yet") {
			t.Errorf("%s: refused without saying so: %v", flag, err)
		}
	case err != nil:
		// Not known to typd: rejected as mypy rejects an unknown flag.
	case !known:
		t.Errorf("%s: accepted, but not in the support table", flag)
	case s.Support == Refused:
		if !negative(flag) {
			t.Errorf("%s: in the table as refused, but accepted", flag)
		}
	}
}

// checkKey sets a config key and checks the outcome against the table.
func checkKey(t *testing.T, key string) {
	t.Helper()
	value := "True"
	switch key {
	case "python_version":
		value = "3.11"
	case "follow_imports":
		value = "silent"
	case "enable_error_code", "disable_error_code":
		value = "misc"
	}
	warnings, err := New().LoadConfig("mypy.ini", "[mypy]\n"+key+" = "+value+"\n")
	if err != nil {
		return // a value the key does not take: not accepted
	}
	s, known := SupportOf(key)
	warned := len(warnings) > 0
	switch {
	case !known && !warned:
		t.Errorf("config key %s: accepted, but not in the support table", key)
	case known && s.Support == Refused && !warned:
		t.Errorf("config key %s: in the table as refused, but accepted silently", key)
	case known && s.Support != Refused && warned && !strings.Contains(warnings[0], "Unrecognized option"):
		t.Errorf("config key %s: %v", key, warnings)
	}
}

// optionName is mypy's name (the config key) of a flag.
func optionName(flag string) string {
	if b, ok := boolFlags[flag]; ok {
		return b.name
	}
	if v, ok := valueFlags[flag]; ok {
		return v
	}
	name := strings.TrimPrefix(flag, "--")
	name = strings.TrimPrefix(name, "no-")
	return strings.ReplaceAll(name, "-", "_")
}

// negative reports a flag that turns an option off (--no-incremental),
// which typd accepts where it refuses the option itself.
func negative(flag string) bool {
	b, ok := boolFlags[flag]
	return ok && !b.value
}
