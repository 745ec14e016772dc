package check

import (
	"fmt"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkExplicitOverrides checks a class body's methods against PEP 698's
// @override, as mypy does: a method marked @override that no base
// defines is an error, at its def (an overloaded method's, at its first
// variant's first decorator); and, reported only under
// --enable-error-code explicit-override, a method that overrides a base's
// without the mark is one, at its def (an overloaded method's
// implementation). A class with a base of unknown members may have the
// base method: it is not checked.
func (c *Checker) checkExplicitOverrides(def *ast.ClassDef, cls *types.Class) {
	if cls == nil || cls.AnyBase || cls.UnknownMembers {
		return
	}
	type method struct {
		first, impl      *ast.FunctionDef
		marked, overload bool
	}
	var order []string
	methods := map[string]*method{}
	for _, st := range def.Body {
		f, ok := st.(*ast.FunctionDef)
		if !ok {
			continue
		}
		m := methods[f.Name]
		if m == nil {
			m = &method{first: f}
			methods[f.Name] = m
			order = append(order, f.Name)
		}
		if c.hasDecorator(f, "override") {
			m.marked = true
		}
		if c.hasDecorator(f, "overload") {
			m.overload = true
		} else {
			m.impl = f
		}
	}
	for _, name := range order {
		m := methods[name]
		var base *types.Class
		for _, k := range cls.MRO[1:] {
			if _, ok := k.Members[name]; ok {
				base = k
				break
			}
		}
		switch {
		case m.marked && base == nil:
			at := &m.first.Span
			if m.overload && len(m.first.DecoratorList) > 0 {
				at = m.first.DecoratorList[0].Pos()
			}
			c.report(at, diag.Error, diag.CodeMisc,
				fmt.Sprintf(diag.OverrideWithoutBase, name))
		case c.settings.ExplicitOverride && !m.marked && base != nil && name != "__init__" && name != "__new__" &&
			!(strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__")):
			at := m.first
			if m.overload && m.impl != nil {
				at = m.impl
			}
			c.report(&at.Span, diag.Error, diag.CodeExplicitOverride,
				fmt.Sprintf(diag.OverrideNotMarked, name, base.FullName))
		}
	}
}

// hasDecorator reports a decorator of f that is typing's (or
// typing_extensions') name.
func (c *Checker) hasDecorator(f *ast.FunctionDef, name string) bool {
	for _, d := range f.DecoratorList {
		dotted := ast.DottedName(d)
		if dotted != name && !strings.HasSuffix(dotted, "."+name) {
			continue
		}
		if t, ok := c.p.ResolveDotted(c.m.Name, dotted); ok && t.Sym != nil && (t.Owner == "typing" || t.Owner == "typing_extensions") {
			return true
		}
	}
	return false
}
