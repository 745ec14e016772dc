package options

import "testing"

func TestLoadINI(t *testing.T) {
	o := New()
	warnings, err := o.LoadConfig("mypy.ini", "[mypy]\npython_version = 3.11\nignore_missing_imports = True\n"+
		"always_true = FOO,\n    BAR\nstrict = true\nno_such_key = 1\n\n[mypy-pkg.*]\nignore_missing_imports = False\n"+
		"disallow_untyped_defs = False\n[other]\nx = 1\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || warnings[0] != "mypy.ini: [mypy]: Unrecognized option: no_such_key = 1" {
		t.Errorf("warnings %q", warnings)
	}
	if o.PythonVersion != [2]int{3, 11} || !o.IgnoreMissingImport || !o.Bool("disallow_untyped_defs") {
		t.Errorf("global options %+v", o)
	}
	if got := o.Values["always_true"]; len(got) != 2 || got[1] != "BAR" {
		t.Errorf("always_true %q", got)
	}
	for mod, want := range map[string]bool{"pkg": false, "pkg.sub": false, "other": true, "pkgx": true} {
		if got := o.For(mod).IgnoreMissingImport; got != want {
			t.Errorf("For(%q).IgnoreMissingImport = %v", mod, got)
		}
	}
	if o.For("pkg").Bool("disallow_untyped_defs") || !o.Bool("disallow_untyped_defs") {
		t.Error("per-module override leaked into or failed to override the global options")
	}
}

func TestLoadTOML(t *testing.T) {
	o := New()
	_, err := o.LoadConfig("pyproject.toml", "[tool.mypy]\nalways_false = ['BLAH']\n"+
		"disable_error_code = ['import']\n[[tool.mypy.overrides]]\nmodule = ['a', 'b.*']\nignore_missing_imports = true\n")
	if err != nil {
		t.Fatal(err)
	}
	if o.Values["always_false"][0] != "BLAH" || o.CodeEnabled("import-not-found", "import") {
		t.Errorf("options %+v", o)
	}
	if !o.For("b.c").IgnoreMissingImport || o.For("c").IgnoreMissingImport {
		t.Error("overrides not applied by module")
	}
	if _, err := New().LoadConfig("pyproject.toml", "[tool.mypy\n"); err == nil {
		t.Error("malformed TOML accepted")
	}
}

func TestMatchModule(t *testing.T) {
	for _, tc := range []struct {
		pattern, module string
		want            bool
	}{
		{"a", "a", true}, {"a", "a.b", false}, {"a.*", "a", true}, {"a.*", "a.b.c", true},
		{"a.*.c", "a.b.c", true}, {"a.*.c", "a.b.d", false}, {"a.*", "ab", false},
		// mypy's compile_glob: a later `.*` is zero or more components, a
		// leading `*` any prefix.
		{"a.*.c", "a.c", true}, {"a.*.c", "a.x.y.c", true}, {"a.*.c.*", "a.c", true}, {"a.*.c", "a.xc", false},
		{"*.lol", "foo.lol", true}, {"*.lol", "a.b.lol", true}, {"*.lol", "lol", false}, {"a*", "ab", false},
	} {
		if got := matchModule(tc.pattern, tc.module); got != tc.want {
			t.Errorf("matchModule(%q, %q) = %v", tc.pattern, tc.module, got)
		}
	}
}

// TestExcludeValues: in an INI file exclude is one regular expression,
// commas and continuation lines included; pyproject.toml takes a string or
// a list; --exclude adds to what the config file gave.
func TestExcludeValues(t *testing.T) {
	o := New()
	if _, err := o.LoadConfig("mypy.ini", "[mypy]\nexclude = (?x)(\n    a{1,2}\\.py$\n  | b/\n  )\n"); err != nil {
		t.Fatal(err)
	}
	if got := o.Values["exclude"]; len(got) != 1 || got[0] != "(?x)(\na{1,2}\\.py$\n| b/\n)" {
		t.Errorf("INI exclude %q", got)
	}
	o, _, err := ParseInto(o, []string{"--exclude", "c/", "--exclude=d/", "x.py"})
	if err != nil {
		t.Fatal(err)
	}
	if got := o.Values["exclude"]; len(got) != 3 || got[1] != "c/" || got[2] != "d/" {
		t.Errorf("with --exclude %q", got)
	}
	o = New()
	if _, err := o.LoadConfig("pyproject.toml", "[tool.mypy]\nexclude = ['^a/', 'b,c']\n"); err != nil {
		t.Fatal(err)
	}
	if got := o.Values["exclude"]; len(got) != 2 || got[1] != "b,c" {
		t.Errorf("TOML exclude %q", got)
	}
}
