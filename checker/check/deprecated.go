package check

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// deprecation is what typd knows of a def or class marked with PEP 702's
// @deprecated("message"): mypy's report for a use of it, and the full
// name --deprecated-calls-exclude matches.
type deprecation struct {
	msg, fullName string
}

// deprecationOf reads the @deprecated decorator of a def or class of
// module (at the qualified place prefix: the module, or a class's full
// name), or nil when there is none.
func (c *Checker) deprecationOf(module, prefix string, def ast.Stmt) *deprecation {
	if d, ok := c.deprecations[def]; ok {
		return d
	}
	var d *deprecation
	kind, name, decorators := "", "", []ast.Expr(nil)
	switch x := def.(type) {
	case *ast.FunctionDef:
		kind, name, decorators = "function", x.Name, x.DecoratorList
	case *ast.ClassDef:
		kind, name, decorators = "class", x.Name, x.DecoratorList
	}
	if msg, ok := c.p.Deprecation(module, decorators); ok {
		full := prefix + "." + name
		d = &deprecation{msg: fmt.Sprintf(diag.Deprecated, kind, full, msg), fullName: full}
	}
	if c.deprecations == nil {
		c.deprecations = map[ast.Stmt]*deprecation{}
	}
	c.deprecations[def] = d
	return d
}

// targetDeprecation is the deprecation of what a module-level name
// resolves to, if anything.
func (c *Checker) targetDeprecation(t semanal.Target) *deprecation {
	if t.Sym == nil {
		return nil
	}
	switch def := t.Sym.Def.(type) {
	case *ast.FunctionDef, *ast.ClassDef:
		return c.deprecationOf(t.Owner, t.Owner, def)
	}
	return nil
}

// memberDeprecation is the deprecation of a method of a class (or of the
// class it is inherited from), if anything: for a property, of its getter,
// or of its setter when the member is assigned and it has one.
func (c *Checker) memberDeprecation(cls *types.Class, name string, assigned bool) *deprecation {
	m, owner := cls.Lookup(name)
	if m == nil || owner == nil {
		return nil
	}
	if m.IsProperty {
		getter, setter := c.p.PropertyDefs(m)
		def := getter
		if assigned && setter != nil {
			def = setter
		}
		if def == nil {
			return nil
		}
		return c.deprecationOf(owner.Module, owner.FullName, def)
	}
	def, ok := c.p.DecoratedDef(m)
	if !ok {
		return nil
	}
	return c.deprecationOf(owner.Module, owner.FullName, def)
}

// warnDeprecatedMethod reports the use of a deprecated method of the
// class of a value of type t (an operator's, iteration's), called with the
// given arguments, at at: of the overload variants the call picks, when
// the method is overloaded.
func (c *Checker) warnDeprecatedMethod(at ast.Node, t types.Type, method string, args ...types.Type) {
	if !c.settings.Deprecated {
		return
	}
	inst, ok := t.(*types.Instance)
	if !ok {
		return
	}
	if o, ok := c.member(t, method).(*types.Overloaded); ok {
		for _, v := range c.overloadVariantsUsed(o, positional(args...)) {
			if v.Deprecated != "" {
				c.warnDeprecated(at, &deprecation{msg: v.Deprecated, fullName: inst.Class.FullName + "." + method})
			}
		}
		return
	}
	c.warnDeprecated(at, c.memberDeprecation(inst.Class, method, false))
}

// warnDeprecated reports a use of something deprecated ([deprecated], off
// unless enabled; a note under --report-deprecated-as-note), unless
// --deprecated-calls-exclude names it or a module or class it is in.
func (c *Checker) warnDeprecated(at ast.Node, d *deprecation) {
	if d == nil || !c.settings.Deprecated || !c.checked() {
		return
	}
	for _, p := range c.settings.DeprecatedCallsExclude {
		if d.fullName == p || strings.HasPrefix(d.fullName, p+".") {
			return
		}
	}
	sev := diag.Error
	if c.settings.DeprecatedAsNote {
		sev = diag.Note
	}
	c.report(at.Pos(), sev, diag.CodeDeprecated, d.msg)
}

// checkDeprecatedName reports a module-level name read that resolves to
// something deprecated, as mypy's check_deprecated: not when the module
// imports a name so spelled with `from ... import` (the import itself was
// reported).
func (c *Checker) checkDeprecatedName(n *ast.Name) {
	if !c.settings.Deprecated {
		return
	}
	for _, f := range c.frames {
		if _, local := f.vars.declared[n.ID]; local && !f.isClass {
			return
		}
	}
	t, ok := c.p.Resolve(c.m.Name, n.ID)
	if !ok {
		return
	}
	if d := c.targetDeprecation(t); d != nil && !c.fromImported(t.Sym.Name) {
		c.warnDeprecated(n, d)
	}
}

// fromImported reports whether a `from ... import` of the module (at any
// depth) imports a name so spelled.
func (c *Checker) fromImported(name string) bool {
	if c.fromImports == nil {
		c.fromImports = map[string]bool{}
		for _, s := range c.m.File.Module.Body {
			ast.Inspect(s, func(n ast.Node) bool {
				if imp, ok := n.(*ast.ImportFrom); ok {
					for _, a := range imp.Names {
						c.fromImports[a.Name] = true
					}
				}
				return true
			})
		}
	}
	return c.fromImports[name]
}

// reportDeprecatedImports reports the names a `from ... import` takes
// that are deprecated, at the statement.
func (c *Checker) reportDeprecatedImports(x *ast.ImportFrom, base string) {
	if !c.settings.Deprecated {
		return
	}
	for _, a := range x.Names {
		if t, ok := c.p.Resolve(base, a.Name); ok && a.Name != "*" {
			c.warnDeprecated(x, c.targetDeprecation(t))
		}
	}
}

// reportDeprecatedTypes reports the deprecated classes a statement's type
// expressions name (a def's annotations, a variable's annotation or type
// comment, a class's bases, a type alias, the types of cast, TypeVar and
// NewType calls), at each name, as mypy's type analysis does: not in the
// body of the class itself, nor when the name is imported with `from`.
func (c *Checker) reportDeprecatedTypes(s ast.Stmt) {
	if !c.settings.Deprecated {
		return
	}
	var exprs []ast.Expr
	switch x := s.(type) {
	case *ast.FunctionDef:
		for _, a := range x.Args.All() {
			exprs = append(exprs, a.Annotation)
		}
		exprs = append(exprs, x.Returns)
	case *ast.ClassDef:
		exprs = x.Bases
	case *ast.AnnAssign:
		exprs = []ast.Expr{x.Annotation}
		if n, ok := x.Target.(*ast.Name); ok && x.Value != nil && c.isAliasDef(n, x.Value) {
			exprs = append(exprs, x.Value)
		}
	case *ast.Assign:
		if x.TypeComment != "" {
			// A type comment's expression has positions of its own: its
			// reports go to the statement.
			if e := semanal.TypeCommentExpr(x.TypeComment); e != nil {
				c.deprecatedTypesIn(e, x)
			}
		}
		exprs = append(exprs, c.valueTypeExprs(x)...)
	case *ast.ExprStmt:
		exprs = c.typeArguments(x.Value)
	}
	for _, e := range exprs {
		if e != nil {
			c.deprecatedTypesIn(e, nil)
		}
	}
}

// deprecatedTypesIn reports the deprecated classes a type expression
// names, at each name or, when at is not nil, at it.
func (c *Checker) deprecatedTypesIn(e ast.Expr, at ast.Node) {
	ast.Inspect(e, func(n ast.Node) bool {
		where := at
		if where == nil {
			where = n
		}
		switch x := n.(type) {
		case *ast.Name:
			c.deprecatedType(where, x.ID)
		case *ast.Attribute:
			if dotted := ast.DottedName(x); dotted != "" {
				c.deprecatedType(where, dotted)
				return false
			}
		}
		return true
	})
}

// isAliasDef reports an assignment of value to a module-level name that
// defines a type alias.
func (c *Checker) isAliasDef(n *ast.Name, value ast.Expr) bool {
	if len(c.frames) > 0 {
		return false
	}
	t, ok := c.p.Resolve(c.m.Name, n.ID)
	return ok && t.Sym != nil && c.p.IsTypeAlias(t) && t.Sym.Value == value
}

// deprecatedType reports a name in a type expression that resolves to a
// deprecated class.
func (c *Checker) deprecatedType(at ast.Node, dotted string) {
	t, ok := c.p.ResolveDotted(c.m.Name, dotted)
	if !ok || t.Sym == nil || t.Sym.Kind != semanal.Class {
		return
	}
	d := c.targetDeprecation(t)
	if d == nil || c.fromImported(t.Sym.Name) {
		return
	}
	for _, f := range c.frames {
		if f.class != nil && f.class.FullName == d.fullName {
			return
		}
	}
	c.warnDeprecated(at, d)
}

// classOfValue is the class whose members an attribute of a value of type
// t reads: an instance's class, or a class object's own; nil otherwise.
func classOfValue(t types.Type) *types.Class {
	switch x := t.(type) {
	case *types.Instance:
		return x.Class
	case *types.TypeType:
		if inst, ok := x.Item.(*types.Instance); ok {
			return inst.Class
		}
	}
	return typeObject(t)
}

// overloadVariantsUsed are the variants of an overloaded function a call
// with the given arguments picks, as mypy picks them: the first that takes
// them, none when an Any argument makes several fit, and with a union
// argument no variant takes whole, the variants its items pick.
func (c *Checker) overloadVariantsUsed(f *types.Overloaded, actuals []actual) []*types.Callable {
	// A union argument is split first (mypy's union math), when each of
	// its items picks a variant.
	for i, a := range actuals {
		u, ok := a.t.(*types.Union)
		if !ok || a.kind != actualPos && a.kind != actualNamed {
			continue
		}
		var out []*types.Callable
		for _, it := range u.Items {
			one := slices.Clone(actuals)
			one[i].t = it
			picked := c.overloadVariantsUsed(f, one)
			if picked == nil {
				out = nil
				break
			}
			out = append(out, picked...)
		}
		if out != nil {
			return out
		}
		break
	}
	anyArg := slices.ContainsFunc(actuals, func(a actual) bool { return isAnyType(a.t) })
	var matched []*types.Callable
	for _, item := range f.Items {
		if c.accepts(item, actuals) {
			matched = append(matched, item)
			if !anyArg {
				break
			}
		}
	}
	if len(matched) == 1 {
		return matched
	}
	return nil
}

// checkDeprecatedOrder notes an @overload placed below @deprecated, which
// then does not mark the variant (mypy's note).
func (c *Checker) checkDeprecatedOrder(f *ast.FunctionDef) {
	deprecatedAbove := false
	for _, d := range f.DecoratorList {
		if call, ok := d.(*ast.Call); ok {
			if _, isDeprecated := c.p.Deprecation(c.m.Name, []ast.Expr{call}); isDeprecated {
				deprecatedAbove = true
			}
			continue
		}
		if t, ok := c.p.ResolveDotted(c.m.Name, ast.DottedName(d)); deprecatedAbove && ok && t.Sym != nil &&
			t.Sym.Name == "overload" && (t.Owner == "typing" || t.Owner == "typing_extensions") {
			c.report(d.Pos(), diag.Note, diag.CodeMisc, "@overload should be placed before @deprecated")
		}
	}
}

// warnDeprecatedVariants reports the deprecated variants a call of an
// overloaded function picks.
func (c *Checker) warnDeprecatedVariants(call *ast.Call, f *types.Overloaded, actuals []actual) {
	for _, v := range c.overloadVariantsUsed(f, actuals) {
		if v.Deprecated != "" {
			full := v.Name
			if v.Owner != "" {
				full = v.Owner + "." + full
			}
			c.warnDeprecated(call, &deprecation{msg: v.Deprecated, fullName: v.Module + "." + full})
		}
	}
}
