package build

import (
	"fmt"
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

// TestLoadSourcesBeforeImports loads, with --follow-imports=error, a chain
// of sources each importing the next, listed first to last: every import
// names a source, so none is an error, whichever worker runs first.
func TestLoadSourcesBeforeImports(t *testing.T) {
	files := fsys.Map{}
	var srcs []sources.Source
	for i := range 40 {
		name := fmt.Sprintf("m%d", i)
		files[name+".py"] = []byte(fmt.Sprintf("import m%d\n", i+1))
		srcs = append(srcs, sources.Source{Path: name + ".py", Module: name})
	}
	files["m40.py"] = []byte("")
	srcs = append(srcs, sources.Source{Path: "m40.py", Module: "m40"})
	typeshed := fsys.Map{"stdlib/VERSIONS": []byte("")}
	for range 50 {
		finder, err := modules.NewFinder(files, typeshed, modules.SearchPaths{PythonPath: []string{"."}}, modules.Version{Major: 3, Minor: 12})
		if err != nil {
			t.Fatal(err)
		}
		g := Load(Config{Files: files, Finder: finder, Reach: &reach.Config{PythonVersion: [2]int{3, 12}}, FollowImports: func(string) (string, bool) { return "error", false }}, srcs)
		for name, m := range g.Modules {
			if len(m.ImportErrors) > 0 {
				t.Fatalf("%s: %+v", name, m.ImportErrors)
			}
		}
	}
}
