package build

import (
	"strings"

	"typd/checker/reach"
	"typd/parser/ast"
)

// importRef is one module an import statement asks for.
type importRef struct {
	Module string
	Line   int
	Col    int
	// Optional refs are submodules that `from m import x` may name and the
	// parent packages of m; they are followed when they exist and never
	// reported missing.
	Optional bool
	// BadRelative marks a relative import beyond the top-level package.
	BadRelative bool
}

// collectImports lists the imports of a module in source order, skipping
// blocks that are unreachable for the target (if sys.version_info < ...).
// module is the importing module's name and isPackage whether it is a
// package's __init__ (relative imports resolve against it then).
func collectImports(body []ast.Stmt, module string, isPackage bool, rc *reach.Config) []importRef {
	var out []importRef
	var walk func(stmts []ast.Stmt)
	walk = func(stmts []ast.Stmt) {
		for _, s := range stmts {
			// An assert that is always false ends what can run in this block.
			if a, ok := s.(*ast.Assert); ok && reach.IsFalse(rc.Infer(a.Test)) {
				return
			}
			switch x := s.(type) {
			case *ast.Import:
				for _, a := range x.Names {
					parts := strings.Split(a.Name, ".")
					for i := 1; i < len(parts); i++ {
						out = append(out, importRef{Module: strings.Join(parts[:i], "."), Line: int(x.Lineno), Col: int(x.ColOffset)})
					}
					out = append(out, importRef{Module: a.Name, Line: int(x.Lineno), Col: int(x.ColOffset)})
				}
			case *ast.ImportFrom:
				base, ok := ResolveRelative(module, isPackage, x.Level, x.Module)
				if !ok {
					out = append(out, importRef{Line: int(x.Lineno), Col: int(x.ColOffset), BadRelative: true})
					continue
				}
				// The base's parent packages are loaded too, but a missing
				// parent is reported only through the base.
				parts := strings.Split(base, ".")
				for i := 1; i < len(parts); i++ {
					out = append(out, importRef{Module: strings.Join(parts[:i], "."), Line: int(x.Lineno), Col: int(x.ColOffset), Optional: true})
				}
				out = append(out, importRef{Module: base, Line: int(x.Lineno), Col: int(x.ColOffset)})
				for _, a := range x.Names {
					if a.Name != "*" {
						out = append(out, importRef{Module: base + "." + a.Name, Line: int(x.Lineno), Col: int(x.ColOffset), Optional: true})
					}
				}
			case *ast.FunctionDef:
				walk(x.Body)
			case *ast.ClassDef:
				walk(x.Body)
			case *ast.If:
				t := rc.Infer(x.Test)
				if !reach.IsFalse(t) {
					walk(x.Body)
				}
				if !reach.IsTrue(t) {
					walk(x.Orelse)
				}
			case *ast.For:
				walk(x.Body)
				walk(x.Orelse)
			case *ast.While:
				walk(x.Body)
				walk(x.Orelse)
			case *ast.With:
				walk(x.Body)
			case *ast.Try:
				walk(x.Body)
				for _, h := range x.Handlers {
					walk(h.Body)
				}
				walk(x.Orelse)
				walk(x.Finalbody)
			case *ast.Match:
				for _, c := range x.Cases {
					walk(c.Body)
				}
			}
		}
	}
	walk(body)
	return out
}

// ResolveRelative turns `from ..x import y` in module into the absolute
// name of its base; ok is false when the import climbs to or above the top
// level (`from . import m` in a top-level module has no parent package).
func ResolveRelative(module string, isPackage bool, level int, name string) (string, bool) {
	if level == 0 {
		return name, true
	}
	parts := strings.Split(module, ".")
	rel := level
	if isPackage {
		rel--
	}
	if len(parts) <= rel {
		return "", false
	}
	base := module
	if rel != 0 {
		base = strings.Join(parts[:len(parts)-rel], ".")
	}
	if name != "" {
		base += "." + name
	}
	return base, true
}
