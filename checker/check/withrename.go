package check

import "typd/parser/ast"

// freshWithTargets returns the names of a scope's body whose `with ... as
// name` bindings each start a new variable, as mypy's limited renaming
// has them (LimitedVariableRenameVisitor): a name bound by two or more
// with statements of the scope, and read or bound nowhere else in it
// (outside those statements' bodies), may take a different type in each,
// as in `with open(p, "rb") as f: ...` followed by `with open(p, "w") as
// f: ...`. A def or class in the scope, or a star import, rules it out for
// every name of the scope; an import or a parameter of the name rules it
// out for that name. A with statement nested in one that binds the same
// name binds the outer one's variable. params are the scope's parameters.
func freshWithTargets(body []ast.Stmt, params []string) map[*ast.Name]bool {
	r := &withRenamer{groups: map[string][]*ast.Name{}, skipped: map[string]bool{}}
	for _, p := range params {
		r.skipped[p] = true
	}
	for _, s := range body {
		r.walk(s)
	}
	if r.rejected {
		return nil
	}
	var out map[*ast.Name]bool
	for name, starts := range r.groups {
		if len(starts) < 2 || r.skipped[name] {
			continue
		}
		if out == nil {
			out = map[*ast.Name]bool{}
		}
		for _, n := range starts {
			out[n] = true
		}
	}
	return out
}

// withRenamer is the state of freshWithTargets's walk of one scope.
type withRenamer struct {
	// bound are the names the enclosing with statements bind.
	bound []string
	// groups are, by name, the targets of the with statements that bind
	// it anew; skipped the names read or bound elsewhere; rejected is set
	// when no name may be renamed.
	groups   map[string][]*ast.Name
	skipped  map[string]bool
	rejected bool
}

func (r *withRenamer) isBound(name string) bool {
	for _, b := range r.bound {
		if b == name {
			return true
		}
	}
	return false
}

// use records a name read or bound outside a with statement's target.
func (r *withRenamer) use(name string) {
	if name != "" && !r.isBound(name) {
		r.skipped[name] = true
	}
}

// walk visits a node of the scope in source order.
func (r *withRenamer) walk(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FunctionDef, *ast.ClassDef:
			r.rejected = true
			return false
		case *ast.With:
			r.with(x)
			return false
		case *ast.Name:
			r.use(x.ID)
		case *ast.Import:
			for _, a := range x.Names {
				if a.Asname != "" {
					r.use(a.Asname)
				} else {
					r.use(a.Name)
				}
			}
		case *ast.ImportFrom:
			for _, a := range x.Names {
				switch {
				case a.Name == "*":
					r.rejected = true
				case a.Asname != "":
					r.use(a.Asname)
				default:
					r.use(a.Name)
				}
			}
		case *ast.ExceptHandler:
			r.use(x.Name)
		case *ast.MatchAs:
			r.use(x.Name)
		case *ast.MatchStar:
			r.use(x.Name)
		case *ast.MatchMapping:
			r.use(x.Rest)
		}
		return true
	})
}

// with visits a with statement: its context expressions, its targets
// (each name not bound by an enclosing with starts a group), then its body
// with the names bound.
func (r *withRenamer) with(x *ast.With) {
	for _, it := range x.Items {
		r.walk(it.ContextExpr)
	}
	outer := len(r.bound)
	for _, it := range x.Items {
		if it.OptionalVars != nil {
			r.target(it.OptionalVars)
		}
	}
	for _, s := range x.Body {
		r.walk(s)
	}
	r.bound = r.bound[:outer]
}

// target visits a with statement's target: each name not bound by an
// enclosing with starts a group; an attribute's or item's expressions are
// uses.
func (r *withRenamer) target(e ast.Expr) {
	ast.TargetLeaves(e, func(leaf ast.Expr) {
		n, ok := leaf.(*ast.Name)
		switch {
		case !ok:
			r.walk(leaf)
		case !r.isBound(n.ID):
			r.groups[n.ID] = append(r.groups[n.ID], n)
			r.bound = append(r.bound, n.ID)
		}
	})
}

// freshWith reports whether a with statement's target name starts a new
// variable of the scope being walked (see freshWithTargets).
func (c *Checker) freshWith(n *ast.Name) bool {
	f := c.top()
	switch {
	case f == nil:
		if c.moduleFreshWith == nil {
			c.moduleFreshWith = orEmpty(freshWithTargets(c.m.File.Module.Body, nil))
		}
		return c.moduleFreshWith[n]
	case f.comprehension:
		return false
	case f.freshWith == nil && f.def != nil:
		f.freshWith = orEmpty(freshWithTargets(f.def.Body, parameterNames(f.def.Args)))
	case f.freshWith == nil && f.isClass:
		f.freshWith = orEmpty(freshWithTargets(f.body, nil))
	}
	return f.freshWith[n]
}

// orEmpty is m, or an empty map for nil (a result kept, not to be made
// again).
func orEmpty(m map[*ast.Name]bool) map[*ast.Name]bool {
	if m == nil {
		return map[*ast.Name]bool{}
	}
	return m
}

// parameterNames are the names a def's parameters bind.
func parameterNames(a *ast.Arguments) []string {
	var out []string
	for _, list := range [][]*ast.Arg{a.Posonlyargs, a.Args, a.Kwonlyargs} {
		for _, p := range list {
			out = append(out, p.Arg)
		}
	}
	if a.Vararg != nil {
		out = append(out, a.Vararg.Arg)
	}
	if a.Kwarg != nil {
		out = append(out, a.Kwarg.Arg)
	}
	return out
}
