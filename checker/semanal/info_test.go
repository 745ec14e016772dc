package semanal

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"typd/checker/build"
	"typd/checker/reach"
	"typd/parser"
	"typd/parser/ast"
)

// TestInfo records the name resolution of a module and lists each name
// with the scope it resolves to and where the analysis found that
// binding's first definition (its Defs entry, or its Symbol.First).
// (The program has no builtins module, so every undefined name counts
// as a builtin.)
func TestInfo(t *testing.T) {
	src := `from other import *
import os
g = 1
def f(a, b=g):
    global g
    g = a
    c = [a for a in b if (w := a)]
    def inner():
        nonlocal c
        c = w
        return lambda c: c + a
    return os, star, print
class C:
    x = 1
    y = [x]
    def m(self):
        self.z = x
        self.z = 2
`
	files := map[string]string{"m": src, "other": "star = 1\n"}
	g := &build.Graph{Modules: map[string]*build.Module{}}
	for name, text := range files {
		m := &build.Module{Name: name, Path: name + ".py", File: parser.Parse([]byte(text))}
		g.Modules[name] = m
		g.SCCs = append(g.SCCs, []*build.Module{m})
	}
	sort.Slice(g.SCCs, func(i, j int) bool { return g.SCCs[i][0].Name > g.SCCs[j][0].Name })
	p := Analyze(g, Config{Reach: &reach.Config{PythonVersion: [2]int{3, 12}, Platform: "linux"}})
	in := p.Info("m")
	var got []string
	for n, b := range in.Uses {
		where := "module " + b.Module
		switch s := b.Scope.(type) {
		case *ast.FunctionDef:
			where = "def " + s.Name
		case *ast.ClassDef:
			where = "class " + s.Name
		case *ast.Lambda:
			where = "lambda"
		case *ast.Comprehension:
			where = "comprehension"
		}
		def := "-"
		if b.Sym != nil {
			switch d := in.Defs[b.Sym].(type) {
			case *ast.Name:
				def = fmt.Sprintf("%d:%d", d.Lineno, d.ColOffset)
			case *ast.Arg:
				def = fmt.Sprintf("param %d:%d", d.Lineno, d.ColOffset)
			default:
				if b.Sym.First != nil {
					def = fmt.Sprintf("stmt %d", b.Sym.First.Pos().Lineno)
				}
			}
		}
		got = append(got, fmt.Sprintf("%02d:%02d %s -> %s (%s)", n.Lineno, n.ColOffset, n.ID, where, def))
	}
	sort.Strings(got)
	want := `03:00 g -> module m (3:0)
04:11 g -> module m (3:0)
06:04 g -> module m (3:0)
06:08 a -> def f (param 4:6)
07:04 c -> def f (7:4)
07:09 a -> comprehension (7:15)
07:15 a -> comprehension (7:15)
07:20 b -> def f (param 4:9)
07:26 w -> def f (7:26)
07:31 a -> comprehension (7:15)
10:08 c -> def f (7:4)
10:12 w -> def f (7:26)
11:25 c -> lambda (param 11:22)
11:29 a -> def f (param 4:6)
12:11 os -> module m (stmt 2)
12:15 star -> module m (-)
12:21 print -> module builtins (-)
14:04 x -> class C (14:4)
15:04 y -> class C (15:4)
15:09 x -> class C (14:4)
17:08 self -> def m (param 16:10)
17:17 x -> module builtins (-)
18:08 self -> def m (param 16:10)`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("uses:\n%s\nwant:\n%s", g, want)
	}
	attrs := in.SelfAttrs[g.Modules["m"].File.Module.Body[4].(*ast.ClassDef)]
	if z := attrs["z"]; z == nil || z.Lineno != 17 || len(attrs) != 1 {
		t.Errorf("self attributes: %v, want z at line 17", attrs)
	}
}
