package semanal

import (
	"testing"

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
