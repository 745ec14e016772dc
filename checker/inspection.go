package checker

import (
	"path/filepath"

	"typd/checker/build"
	"typd/checker/check"
	"typd/checker/options"
	"typd/checker/reach"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// Inspection is one module of a checked program with the type of every
// expression its check reached, and the program those types belong to:
// what dmypy's inspect (and an editor's hover, completion and
// go-to-definition) reads.
type Inspection struct {
	// Path and Name are the module's file and name.
	Path, Name string
	Module     *ast.Module
	// Types are the expressions' types; an expression the check did not
	// reach (unreachable code) has none.
	Types map[ast.Expr]types.Type
	// Program and Graph are the analysed program, for the definitions and
	// attributes of what the expressions name.
	Program *semanal.Program
	Graph   *build.Graph
	// Format is how the check writes types in its messages.
	Format types.FormatOptions
}

// allModules, given to run as the path to inspect, asks for the inspection
// of every module checked.
const allModules = "\x00all"

// inspections checks every module of the program's sources again (not the
// silent ones), recording the type of every expression.
func inspections(g *build.Graph, prog *semanal.Program, rc *reach.Config, opts *options.Options) []*Inspection {
	var out []*Inspection
	for _, scc := range g.SCCs {
		for _, m := range scc {
			if m.Silent || m.Shared || m.Path == "" || m.File == nil {
				continue
			}
			out = append(out, newInspection(g, prog, rc, opts, m))
		}
	}
	return out
}

// inspection checks the module at path again, recording the type of
// every expression; nil when no module of the program has that path.
func inspection(g *build.Graph, prog *semanal.Program, rc *reach.Config, opts *options.Options, path string) *Inspection {
	for _, m := range g.Modules {
		if m.Shared || m.Path == "" || filepath.Clean(m.Path) != path || m.File == nil {
			continue
		}
		return newInspection(g, prog, rc, opts, m)
	}
	return nil
}

// newInspection checks a module again, recording its expressions' types.
func newInspection(g *build.Graph, prog *semanal.Program, rc *reach.Config, opts *options.Options, m *build.Module) *Inspection {
	v := rc.PythonVersion
	return &Inspection{Path: m.Path, Name: m.Name, Module: m.File.Module, Program: prog, Graph: g,
		Types:  check.Types(prog, m, rc, checkSettings(opts.For(m.Name))),
		Format: types.FormatOptions{OrSyntax: v[0] > 3 || v[0] == 3 && v[1] >= 10}}
}
