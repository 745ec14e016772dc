package semanal

import (
	"runtime"
	"testing"
	"weak"

	"typd/checker/build"
	"typd/checker/reach"
	"typd/parser"
	"typd/parser/ast"
)

// TestAnalyzeRecoversPanic analyses a graph in which one module's tree is
// one no parser makes (an import of a nil alias): its analysis
// panics, and Analyze reports that module as crashed, binds nothing in it,
// and still analyses the others.
func TestAnalyzeRecoversPanic(t *testing.T) {
	broken := &build.Module{Name: "broken", Path: "broken.py",
		File: &parser.File{Module: &ast.Module{Body: []ast.Stmt{&ast.ImportFrom{Module: "os", Names: []*ast.Alias{nil}}}}}}
	fine := &build.Module{Name: "fine", Path: "fine.py", File: parser.Parse([]byte("y = 1\n"))}
	g := &build.Graph{Modules: map[string]*build.Module{"broken": broken, "fine": fine},
		SCCs: [][]*build.Module{{broken}, {fine}}}
	p := Analyze(g, Config{Reach: &reach.Config{PythonVersion: [2]int{3, 12}, Platform: "linux"}})
	if p.Crashes["broken"] == nil || len(p.Crashes) != 1 {
		t.Fatalf("crashes: %v, want the broken module's", p.Crashes)
	}
	if n := len(p.Modules["broken"].Names); n != 0 {
		t.Errorf("the crashed module binds %d names", n)
	}
	if p.Modules["fine"].Names["y"] == nil {
		t.Error("the other module was not analysed")
	}
}

// TestAnalyzeKeepsOnlyLatestSessionParse analyses two versions of a
// session's file, one after the other: the second reuses nothing of the
// first, a check of an unchanged parse reuses its table, and the first
// parse is no longer reachable from the cache of module tables (an editor
// session of 2,000 edits used to keep the last 64 versions alive).
func TestAnalyzeKeepsOnlyLatestSessionParse(t *testing.T) {
	cfg := Config{Reach: &reach.Config{PythonVersion: [2]int{3, 12}, Platform: "linux"}}
	analyze := func(f *parser.File) *Program {
		m := &build.Module{Name: "edited", Path: "edited_latest_test.py", File: f}
		return Analyze(&build.Graph{Modules: map[string]*build.Module{"edited": m}, SCCs: [][]*build.Module{{m}}}, cfg)
	}
	first := parser.Parse([]byte("x = 1\n"))
	gone := weak.Make(first)
	analyze(first)
	second := parser.Parse([]byte("x = 1\ny = 2\n"))
	p := analyze(second)
	if p.Modules["edited"].Names["y"] == nil {
		t.Fatal("the new parse was not analysed")
	}
	if again := analyze(second); again.Modules["edited"] != p.Modules["edited"] {
		t.Error("an unchanged parse was analysed again")
	}
	first = nil
	runtime.GC()
	if gone.Value() != nil {
		t.Error("the cache keeps the file's older parse alive")
	}
}
