package check

import (
	"fmt"
	"slices"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// partialCollection is a variable first assigned an empty list, dict or
// set: mypy gives it a partial type that a later append, add, extend or
// item assignment in the same scope completes, and asks for an annotation
// when nothing does ([var-annotated]).
type partialCollection struct {
	kind string // "list", "dict" or "set"
	at   *ast.Span
}

// emptyCollection says which empty collection an expression builds ([],
// {}, list(), dict(), set()), or "".
func emptyCollection(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.List:
		if len(x.Elts) == 0 {
			return "list"
		}
	case *ast.Dict:
		if len(x.Keys) == 0 {
			return "dict"
		}
	case *ast.Call:
		if n, ok := x.Func.(*ast.Name); ok && len(x.Args) == 0 && len(x.Keywords) == 0 {
			switch n.ID {
			case "list", "dict", "set":
				return n.ID
			}
		}
	}
	return ""
}

// startPartial records a variable's first assignment of an empty
// collection in a function or at the module's top level.
func (c *Checker) startPartial(target *ast.Name, value ast.Expr) {
	kind := emptyCollection(value)
	if kind == "" || c.top() != nil && c.top().comprehension {
		return
	}
	v := c.scopeVars()
	if v.partialColl == nil {
		v.partialColl = map[string]*partialCollection{}
	}
	v.partialColl[target.ID] = &partialCollection{kind: kind, at: &target.Span}
}

// completePartial completes a partial collection from a method call on it
// (x.append(v), x.extend(items), x.add(v), x.discard(v), x.update(...))
// or an item assignment (x[k] = v, with key and value given), as mypy's
// partial types are completed.
func (c *Checker) completePartial(name, method string, args []types.Type) {
	v := c.partialScope(name)
	if v == nil {
		return
	}
	p := v.partialColl[name]
	var t types.Type
	switch {
	case len(args) == 1 && (p.kind == "list" && method == "append" || p.kind == "set" && (method == "add" || method == "discard")):
		t = c.builtinInstance(p.kind, widen(args[0]))
	case len(args) == 1 && (p.kind == "list" && method == "extend" || p.kind == "set" && method == "update"):
		t = c.builtinInstance(p.kind, widen(c.iterate(args[0])))
	case p.kind == "dict" && method == "__setitem__" && len(args) == 2:
		t = c.builtinInstance("dict", widen(args[0]), widen(args[1]))
	case p.kind == "dict" && method == "update" && len(args) == 1:
		d, ok := args[0].(*types.Instance)
		if !ok || d.Class.FullName != "builtins.dict" || len(d.Args) != 2 {
			delete(v.partialColl, name) // not modelled: left alone
			return
		}
		t = c.builtinInstance("dict", d.Args[0], d.Args[1])
	case completingMethods[method]:
		delete(v.partialColl, name) // not modelled: left alone
		return
	default:
		return
	}
	if inst, ok := t.(*types.Instance); ok && slices.ContainsFunc(inst.Args, invalidInferred) {
		return // stays partial, as in mypy: x.append(None) does not type x
	}
	delete(v.partialColl, name)
	v.declared[name] = t
	v.narrowed.set(name, t)
}

// partialScope is the variables of the innermost scope where name is a
// partial collection: this one, or an enclosing function's (a nested
// function may complete it, as in mypy), or the module's (not from a
// function under --local-partial-types), or nil.
func (c *Checker) partialScope(name string) *vars {
	inFunction := false
	for i := len(c.frames) - 1; i >= 0; i-- {
		f := c.frames[i]
		if f.isClass {
			continue
		}
		inFunction = true
		if _, ok := f.vars.partialColl[name]; ok {
			return f.vars
		}
		if _, local := f.vars.declared[name]; local {
			return nil
		}
	}
	if inFunction && c.settings.LocalPartialTypes {
		return nil
	}
	if _, ok := c.module.partialColl[name]; ok {
		return c.module
	}
	return nil
}

// completeFromAssignment completes a partial collection from `x |= y`,
// `x += y` or `x = y` with y of the same class (mypy's
// try_infer_partial_generic_type_from_assignment).
func (c *Checker) completeFromAssignment(name string, t types.Type) {
	v := c.partialScope(name)
	if v == nil {
		return
	}
	p := v.partialColl[name]
	delete(v.partialColl, name)
	inst, ok := widen(t).(*types.Instance)
	if !ok || inst.Class.FullName != "builtins."+p.kind {
		return // not modelled: left alone
	}
	v.declared[name] = inst
	v.narrowed.set(name, inst)
}

// completingMethods are the methods whose call may complete a partial
// collection.
var completingMethods = map[string]bool{"append": true, "extend": true, "add": true, "discard": true, "update": true}

// readPartial handles a read of a variable of this scope whose partial
// collection nothing completed yet: as mypy, it asks for an annotation
// there and then, and the variable is list[Any] (dict, set) from then on.
func (c *Checker) readPartial(name string) {
	if f := c.top(); f != nil && f.comprehension {
		return
	}
	v := c.scopeVars()
	p := v.partialColl[name]
	if p == nil {
		return
	}
	delete(v.partialColl, name)
	if c.checked() && !((c.top() == nil || c.top().isClass) && c.settings.AllowUntypedGlobals) {
		c.report(p.at, diag.Error, diag.CodeVarAnnotated, needAnnotation(name, p.kind))
	}
	var t types.Type
	if p.kind == "dict" {
		t = c.builtinInstance("dict", anyT(), anyT())
	} else {
		t = c.builtinInstance(p.kind, anyT())
	}
	v.declared[name] = t
	v.narrowed.set(name, t)
}

// needAnnotation is mypy's message for a partial collection.
func needAnnotation(name, kind string) string {
	hint := name + ": " + kind + "[<type>] = ..."
	if kind == "dict" {
		hint = name + ": dict[<type>, <type>] = ..."
	}
	return fmt.Sprintf(diag.NeedAnnotationWithHint, name, hint)
}

// reportPartials asks for an annotation of every partial collection of a
// scope (its body) that nothing completed and nothing else mentions: mypy
// completes partial types in more ways than this checker models yet
// (augmented assignments, nested functions, narrowed arguments), so a
// collection used again is left alone.
func (c *Checker) reportPartials(v *vars, body []ast.Stmt) {
	names := make([]string, 0, len(v.partialColl))
	for name := range v.partialColl {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := v.partialColl[name]
		if mentions(body, name) > 1 {
			continue
		}
		c.report(p.at, diag.Error, diag.CodeVarAnnotated, needAnnotation(name, p.kind))
	}
	v.partialColl = nil
}

// mentions counts the names spelled name in a body, nested scopes
// included.
func mentions(body []ast.Stmt, name string) int {
	n := 0
	for _, s := range body {
		ast.Inspect(s, func(node ast.Node) bool {
			if x, ok := node.(*ast.Name); ok && x.ID == name {
				n++
			}
			return true
		})
	}
	return n
}

// emptyDisplay reports [], () or {} written as such.
func emptyDisplay(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.List:
		return len(x.Elts) == 0
	case *ast.Tuple:
		return len(x.Elts) == 0
	case *ast.Dict:
		return len(x.Keys) == 0
	case *ast.Set:
		return len(x.Elts) == 0
	}
	return false
}

// invalidInferred reports an item type mypy does not complete a partial
// collection with: None, or one that mentions Never.
func invalidInferred(t types.Type) bool {
	if _, ok := t.(*types.NoneType); ok {
		return true
	}
	return types.Contains(t, func(u types.Type) bool {
		_, never := u.(*types.Never)
		return never
	})
}

// reportPartialAttributes asks for an annotation of each attribute a
// method first assigns an empty collection through self (`self.a = []`)
// when nothing else in that method writes or reads `self.a`: mypy's
// partial type is completed only in the scope that made it, so the
// attribute is list[Any] (dict, set) and needs an annotation. A method
// that uses the attribute again is left alone (typd does not model how
// each use completes it).
func (c *Checker) reportPartialAttributes(f *ast.FunctionDef, cls *types.Class) {
	args := f.Args.All()
	if cls == nil || len(args) == 0 || c.settings.AllowUntypedGlobals {
		return
	}
	self := args[0].Arg
	uses := map[string]int{}
	var candidates []*ast.Assign
	for _, s := range f.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.Attribute:
				if v, ok := x.Value.(*ast.Name); ok && v.ID == self {
					uses[x.Attr]++
				}
			case *ast.FunctionDef, *ast.Lambda, *ast.ClassDef:
				return false // (another scope: its self is another)
			}
			return true
		})
		if a, ok := s.(*ast.Assign); ok && len(a.Targets) == 1 && emptyCollection(a.Value) != "" {
			candidates = append(candidates, a)
		}
	}
	for _, a := range candidates {
		target, ok := a.Targets[0].(*ast.Attribute)
		if !ok || uses[target.Attr] != 1 {
			continue
		}
		if v, ok := target.Value.(*ast.Name); !ok || v.ID != self {
			continue
		}
		m := cls.Members[target.Attr]
		if m == nil || m.Type != nil {
			continue // declared in the class body, or by an annotation
		}
		if imp, ok := c.p.Implicit(m); !ok || imp.Value != a.Value || imp.Method != f {
			continue // (an attribute another assignment defines)
		}
		c.report(&target.Span, diag.Error, diag.CodeVarAnnotated, needAnnotation(target.Attr, emptyCollection(a.Value)))
	}
}
