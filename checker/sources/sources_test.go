package sources

import (
	"reflect"
	"testing"

	"typd/checker/fsys"
)

func TestFind(t *testing.T) {
	files := fsys.Map{
		"proj/pkg/__init__.py": nil, "proj/pkg/a.py": nil, "proj/pkg/a.pyi": nil, "proj/pkg/b.py": nil,
		"proj/pkg/.hidden/c.py": nil, "proj/pkg/__pycache__/d.py": nil, "proj/pkg/sub/__init__.py": nil,
		"proj/pkg/sub/e.py": nil, "proj/script.py": nil, "lib/mod.pyi": nil, "lib/p/__init__.py": nil, "lib/p/q.py": nil,
	}
	prog := "x = 1"
	got, err := Find(files, Request{Targets: []string{"proj"}, Modules: []string{"mod"}, Packages: []string{"p"},
		Program: &prog, SearchPath: []string{".", "lib"}})
	if err != nil {
		t.Fatal(err)
	}
	var paths, mods []string
	for _, s := range got {
		paths = append(paths, s.Path)
		mods = append(mods, s.Module)
	}
	wantPaths := []string{"<string>", "lib/mod.pyi", "lib/p/__init__.py", "lib/p/q.py", "proj/pkg/__init__.py",
		"proj/pkg/a.pyi", "proj/pkg/b.py", "proj/pkg/sub/__init__.py", "proj/pkg/sub/e.py", "proj/script.py"}
	wantMods := []string{"__main__", "mod", "p", "p.q", "pkg", "pkg.a", "pkg.b", "pkg.sub", "pkg.sub.e", "script"}
	if !reflect.DeepEqual(paths, wantPaths) || !reflect.DeepEqual(mods, wantMods) {
		t.Errorf("got paths %v\nmodules %v", paths, mods)
	}
	if _, err := Find(files, Request{Targets: []string{"nope.py"}}); err == nil ||
		err.Error() != "Cannot read file 'nope.py': No such file or directory" {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Find(files, Request{Modules: []string{"nope"}, SearchPath: []string{"."}}); err == nil {
		t.Error("missing module: no error")
	}
}

// TestNamespaceFolders: a folder without __init__.py below a package is a
// namespace package of it (mypy's default), or ends the package path under
// --no-namespace-packages; with no package above it, it is a base. A folder
// with no source file and a module found twice are mypy's errors.
func TestNamespaceFolders(t *testing.T) {
	files := fsys.Map{
		"p/__init__.py": nil, "p/q/a.py": nil, "p/q/sub/a.py": nil, "top/b.py": nil, "top/sub/b.py": nil,
		"empty/sub/notes.txt": nil,
	}
	modules := func(r Request) []string {
		got, err := Find(files, r)
		if err != nil {
			t.Fatal(err)
		}
		var mods []string
		for _, s := range got {
			mods = append(mods, s.Module)
		}
		return mods
	}
	if got, want := modules(Request{Targets: []string{"p"}}), []string{"p", "p.q.a", "p.q.sub.a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("namespace packages: %v, want %v", got, want)
	}
	if got, want := modules(Request{Targets: []string{"p"}, NoNamespacePackages: true}), []string{"p", "a", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("--no-namespace-packages: %v, want %v", got, want)
	}
	srcs, _ := Find(files, Request{Targets: []string{"top"}})
	if dup, first := Duplicate(srcs); dup == nil || dup.Path != "top/sub/b.py" || first.Path != "top/b.py" {
		t.Errorf("duplicate of %v: %v, %v", srcs, dup, first)
	}
	if _, err := Find(files, Request{Targets: []string{"empty"}}); err == nil ||
		err.Error() != "There are no .py[i] files in directory 'empty'" {
		t.Errorf("empty folder: %v", err)
	}
}

// TestScripts: a given file without a .py or .pyi suffix is __main__, or
// is named after its base name under --scripts-are-modules.
func TestScripts(t *testing.T) {
	files := fsys.Map{"bin/tool": nil, "run": nil}
	for _, c := range []struct {
		modules bool
		want    []string
	}{{false, []string{"__main__", "__main__"}}, {true, []string{"tool", "run"}}} {
		got, err := Find(files, Request{Targets: []string{"bin/tool", "run"}, ScriptsAreModules: c.modules})
		if err != nil {
			t.Fatal(err)
		}
		var mods []string
		for _, s := range got {
			mods = append(mods, s.Module)
		}
		if !reflect.DeepEqual(mods, c.want) {
			t.Errorf("scripts are modules %v: got %v, want %v", c.modules, mods, c.want)
		}
	}
}
