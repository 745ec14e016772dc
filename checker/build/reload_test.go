package build

import (
	"fmt"
	"reflect"
	"testing"

	"typd/checker/fsys"
	"typd/checker/modules"
	"typd/checker/reach"
	"typd/checker/sources"
)

// TestReloadMatchesLoad edits a program step by step and, after each
// step, loads it afresh and again from the last graph: Reload must build
// on the last graph exactly when the step leaves every module's imports as
// they were (their places may move), and then give what Load gives.
func TestReloadMatchesLoad(t *testing.T) {
	files := fsys.Map{
		"a.py":            []byte("import b\nfrom pkg import c\nimport missing\n\ndef f() -> None:\n    import os\n"),
		"b.py":            []byte("import a\nx = 1\n"),
		"pkg/__init__.py": []byte(""),
		"pkg/c.py":        []byte("from .. import far\ny = 2\n"),
	}
	cfg := testConfig(t, files)
	srcs := []sources.Source{{Path: "a.py", Module: "a"}}
	prev := Load(cfg, srcs)
	for _, step := range []struct {
		name   string
		path   string
		text   string
		reused bool
	}{
		{"nothing changed", "", "", true},
		{"a body edit", "b.py", "import a\nx = 2\n", true},
		{"lines above the imports", "a.py", "# one\n# two\nimport b\nfrom pkg import c\nimport missing\n\ndef f() -> None:\n    import os\n", true},
		{"a line above a bad relative import", "pkg/c.py", "\nfrom .. import far\ny = 2\n", true},
		{"an import added", "b.py", "import a\nimport os\nx = 2\n", false},
		{"an import removed", "b.py", "x = 2\n", false},
		{"another module imported", "b.py", "import os\nx = 2\n", false},
		{"imports reordered", "a.py", "import missing\nimport b\nfrom pkg import c\n\ndef f() -> None:\n    import os\n", false},
		{"a syntax error", "b.py", "x = (\n", false},
		{"the syntax error fixed", "b.py", "x = 3\n", false},
		{"an edit after it", "b.py", "x = 4\n", true},
	} {
		if step.path != "" {
			files[step.path] = []byte(step.text)
		}
		again, ok := Reload(prev, cfg, srcs)
		fresh := Load(cfg, srcs)
		if ok != step.reused {
			t.Errorf("%s: Reload reported %v, want %v", step.name, ok, step.reused)
		}
		if ok {
			if diff := graphDifference(again, fresh); diff != "" {
				t.Errorf("%s: Reload's graph differs from Load's: %s", step.name, diff)
			}
			prev = again
		} else {
			prev = fresh
		}
	}
	// Other sources, or another reachability, load afresh.
	if _, ok := Reload(prev, cfg, []sources.Source{{Path: "b.py", Module: "b"}}); ok {
		t.Error("Reload built on a graph of other sources")
	}
	other := cfg
	other.Reach = &reach.Config{PythonVersion: [2]int{3, 8}}
	if _, ok := Reload(prev, other, srcs); ok {
		t.Error("Reload built on a graph of another Python version")
	}
}

// graphDifference describes how two graphs of one program differ, in
// what a check reads of them; "" when they do not.
func graphDifference(a, b *Graph) string {
	if len(a.Modules) != len(b.Modules) {
		return fmt.Sprintf("%d modules against %d", len(a.Modules), len(b.Modules))
	}
	for name, m := range a.Modules {
		o := b.Modules[name]
		if o == nil {
			return "module " + name + " is not in both"
		}
		type view struct {
			Name, Path                                string
			IsPackage, IsStub, Source, Silent, Shared bool
			Text                                      string
			Deps, ImportOrder                         []string
			ImportErrors                              []ImportError
			Unmerged, AnnotationErrors, Errors        int
			Body                                      int
		}
		see := func(m *Module) view {
			return view{m.Name, m.Path, m.IsPackage, m.IsStub, m.Source, m.Silent, m.Shared, string(m.Text), m.Deps, m.ImportOrder,
				m.ImportErrors, len(m.UnmergedOverloads), len(m.AnnotationErrors), len(m.File.Errors), len(m.File.Module.Body)}
		}
		if va, vb := see(m), see(o); !reflect.DeepEqual(va, vb) {
			return fmt.Sprintf("module %s: %+v against %+v", name, va, vb)
		}
	}
	names := func(g *Graph) [][]string {
		var out [][]string
		for _, scc := range g.SCCs {
			var c []string
			for _, m := range scc {
				c = append(c, m.Name)
			}
			out = append(out, c)
		}
		return out
	}
	if na, nb := names(a), names(b); !reflect.DeepEqual(na, nb) {
		return fmt.Sprintf("components %v against %v", na, nb)
	}
	return ""
}

// TestEditedParsesNotKept checks that the caches keyed by a parse keep a
// session file's latest parse only: once the file is edited and loaded
// again, its older parse is no longer held (a language server, which
// checks at every edit, would otherwise hold dozens of them), while a
// typeshed stub's shared parse stays.
func TestEditedParsesNotKept(t *testing.T) {
	files := fsys.Map{"a.py": []byte("import os\nx = 1\n")}
	cfg := testConfig(t, files)
	srcs := []sources.Source{{Path: "a.py", Module: "a"}}
	first := Load(cfg, srcs)
	old, stub := first.Modules["a"], first.Modules["os"]
	files["a.py"] = []byte("import os\nx = 2\n")
	Load(cfg, srcs)
	oldKey := mergeKey{old.Parsed, reachKey(cfg.Reach)}
	if _, ok := mergedParses.latest.Get("a.py", oldKey); ok {
		t.Error("the merged form of a.py's older parse is still held")
	}
	if _, ok := annotationErrors.latest.Get("a.py", old.Parsed); ok {
		t.Error("the annotation errors of a.py's older parse are still held")
	}
	if _, ok := mergedParses.shared.Get(oldKey); ok {
		t.Error("a.py's older parse is held by the cache of shared parses")
	}
	if _, ok := mergedParses.shared.Get(mergeKey{stub.Parsed, reachKey(cfg.Reach)}); !ok {
		t.Error("the stub's shared parse is not kept")
	}
}

// testConfig is a loader's configuration for the files, with a typeshed
// of one stub (os), for Python 3.12.
func testConfig(t *testing.T, files fsys.Map) Config {
	t.Helper()
	typeshed := fsys.Map{"stdlib/VERSIONS": []byte("os: 3.0-\n"), "stdlib/os.pyi": []byte("sep: str\n")}
	finder, err := modules.NewFinder(files, typeshed, modules.SearchPaths{PythonPath: []string{"."}}, modules.Version{Major: 3, Minor: 12})
	if err != nil {
		t.Fatal(err)
	}
	return Config{Files: files, Finder: finder, Reach: &reach.Config{PythonVersion: [2]int{3, 12}}, Imports: NewImportCache()}
}
