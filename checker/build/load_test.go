package build

import (
	"testing"

	"typd/checker/fsys"
	"typd/checker/modules"
	"typd/checker/reach"
	"typd/checker/sources"
	"typd/parser"
)

// TestLoadRecoversPanic loads a program whose parse of one file panics (as
// a bug in typd would): that module keeps the panic as its Crash, and the
// others load as usual.
func TestLoadRecoversPanic(t *testing.T) {
	files := fsys.Map{"a.py": []byte("import b\n"), "b.py": []byte("x = 1\n"), "bad.py": []byte("y = 2\n")}
	typeshed := fsys.Map{"stdlib/VERSIONS": []byte("")}
	finder, err := modules.NewFinder(files, typeshed, modules.SearchPaths{PythonPath: []string{"."}}, modules.Version{Major: 3, Minor: 12})
	if err != nil {
		t.Fatal(err)
	}
	parse := func(path string, text []byte) *parser.File {
		if path == "bad.py" {
			panic("a bug")
		}
		return parser.Parse(text)
	}
	g := Load(Config{Files: files, Finder: finder, Reach: &reach.Config{PythonVersion: [2]int{3, 12}}, Parse: parse},
		[]sources.Source{{Path: "a.py", Module: "a"}, {Path: "bad.py", Module: "bad"}})
	if got := g.Modules["bad"].Crash; got != "a bug" {
		t.Errorf("bad's crash: %q", got)
	}
	for _, name := range []string{"a", "b"} {
		m := g.Modules[name]
		if m == nil || m.Crash != "" || m.File == nil {
			t.Errorf("%s did not load: %+v", name, m)
		}
	}
}
