package modules

import (
	"testing"

	"typd/checker/fsys"
)

func TestFinder(t *testing.T) {
	typeshed := fsys.Map{
		"stdlib/VERSIONS":                []byte("os: 3.0-\nasyncio: 3.4-\ntomllib: 3.11-\ndistutils: 3.0-3.11\n"),
		"stdlib/os/__init__.pyi":         nil,
		"stdlib/os/path.pyi":             nil,
		"stdlib/tomllib.pyi":             nil,
		"stdlib/distutils/__init__.pyi":  nil,
		"stubs/PyYAML/yaml/__init__.pyi": nil,
		"stubs/PyYAML/METADATA.toml":     nil,
	}
	files := fsys.Map{
		"src/app/__init__.py":       nil,
		"src/app/main.py":           nil,
		"src/app/main.pyi":          nil,
		"src/ns/part/mod.py":        nil,
		"src/os.py":                 nil, // shadowed by nothing: mypy_path/python_path come first
		"site/typedpkg/__init__.py": nil, "site/typedpkg/py.typed": nil,
		"site/untyped/__init__.py":    nil,
		"site/foo-stubs/__init__.pyi": nil, "site/foo/__init__.py": nil,
		"site/part-stubs/__init__.pyi": nil, "site/part-stubs/py.typed": []byte("partial\n"),
		"site/part/__init__.py": nil, "site/part/extra.py": nil,
	}
	f, err := NewFinder(files, typeshed, SearchPaths{PythonPath: []string{"src"}, SitePackages: []string{"site"}}, Version{3, 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		module string
		path   string
		why    NotFound
		origin Origin
	}{
		{"app", "src/app/__init__.py", 0, FromSources},
		{"app.main", "src/app/main.pyi", 0, FromSources},
		{"ns.part.mod", "src/ns/part/mod.py", 0, FromSources},
		{"ns", "src/ns", 0, FromSources},
		{"os", "src/os.py", 0, FromSources},
		{"os.path", "stdlib/os/path.pyi", 0, FromTypeshed},
		{"distutils", "stdlib/distutils/__init__.pyi", 0, FromTypeshed},
		{"tomllib", "", WrongVersion, 0},
		{"typedpkg", "site/typedpkg/__init__.py", 0, FromSitePackages},
		{"untyped", "", NotTyped, 0},
		{"foo", "site/foo-stubs/__init__.pyi", 0, FromSitePackages},
		{"yaml", "", StubsNotInstalled, 0},
		{"part", "site/part-stubs/__init__.pyi", 0, FromSitePackages},
		{"part.extra", "site/part/extra.py", 0, FromSitePackages},
		{"nothere", "", Missing, 0},
	} {
		m, why := f.Find(tc.module)
		if why != tc.why || m.Path != tc.path || (why == 0 && m.Origin != tc.origin) {
			t.Errorf("Find(%q) = %q origin %d, why %d; want %q origin %d, why %d", tc.module, m.Path, m.Origin, why, tc.path, tc.origin, tc.why)
		}
	}
	if d := f.StubDistribution("yaml.composer"); d != "PyYAML" {
		t.Errorf("StubDistribution = %q", d)
	}
}

func TestVersions(t *testing.T) {
	vs, err := ParseVersions("# c\nasyncio: 3.4-\nasyncio.taskgroups: 3.11-\ndistutils: 3.0-3.11\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		mod  string
		v    Version
		want bool
	}{
		{"asyncio", Version{3, 10}, true}, {"asyncio.tasks", Version{3, 10}, true},
		{"asyncio.taskgroups", Version{3, 10}, false}, {"asyncio.taskgroups", Version{3, 11}, true},
		{"distutils", Version{3, 11}, true}, {"distutils.core", Version{3, 12}, false}, {"nope", Version{3, 12}, false},
	} {
		if got := vs.Available(tc.mod, tc.v); got != tc.want {
			t.Errorf("Available(%q, %v) = %v", tc.mod, tc.v, got)
		}
	}
	if _, err := ParseVersions("broken line\n"); err == nil {
		t.Error("malformed VERSIONS accepted")
	}
}
