package check

import (
	"fmt"
	"sort"
	"strings"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkInstantiation reports a call of a protocol class, or of a class
// with abstract attributes, named directly (a class or an alias of one,
// not a value of type type[C], which may hold a concrete subclass), as
// mypy does.
func (c *Checker) checkInstantiation(call *ast.Call) {
	if !c.checked() {
		return
	}
	cls := c.classNamed(call.Func)
	if cls == nil {
		return
	}
	for _, k := range cls.MRO {
		if k.AnyBase || k.UnknownMembers || k.Decorated || k.IsTypedDict {
			return // members typd does not see may implement them
		}
	}
	if cls.IsProtocol {
		c.report(&call.Span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.CannotInstantiateProtocol, cls.Name))
		return
	}
	attrs := AbstractAttributes(cls)
	if len(attrs) == 0 {
		return
	}
	quoted := make([]string, len(attrs))
	for i, a := range attrs {
		quoted[i] = `"` + a + `"`
	}
	plural := ""
	if len(attrs) > 1 {
		plural = "s"
	}
	c.report(&call.Span, diag.Error, diag.CodeAbstract, fmt.Sprintf(diag.CannotInstantiateAbstract, cls.Name, plural, stringList(quoted)))
}

// classNamed is the class an expression names at module level (a class,
// or a type alias of one), or nil.
func (c *Checker) classNamed(e ast.Expr) *types.Class {
	dotted := ast.DottedName(e)
	if dotted == "" {
		return nil
	}
	first, _, _ := strings.Cut(dotted, ".")
	for _, f := range c.frames {
		if _, local := f.vars.declared[first]; local && !f.isClass {
			return nil
		}
	}
	if c.module != nil && c.module.annotated[first] {
		return nil // a variable declared with a type, which may hold a subclass
	}
	t, ok := c.p.ResolveDotted(c.m.Name, dotted)
	if !ok || t.Sym == nil || t.Sym.Kind == semanal.Var && (t.Sym.Annotation != nil || t.Sym.TypeComment != "") {
		return nil // (a variable declared with a type, which may hold a subclass)
	}
	if c.p.IsTypeAlias(t) {
		if inst, ok := c.p.AnnotationType(t.Owner, t.Sym.Value).(*types.Instance); ok {
			return inst.Class
		}
		return nil
	}
	if t.Sym.Kind != semanal.Class {
		return nil
	}
	return c.p.Class(t.Owner, t.Sym)
}

// AbstractAttributes are the names of a class's abstract members that no
// class before them in its MRO defines, sorted (mypy's
// calculate_class_abstract_status).
func AbstractAttributes(cls *types.Class) []string {
	concrete := map[string]bool{}
	var out []string
	for _, k := range cls.MRO {
		for name, m := range k.Members {
			if m.Abstract && !concrete[name] {
				out = append(out, name)
			}
		}
		for name := range k.Members {
			concrete[name] = true
		}
	}
	sort.Strings(out)
	return out
}

// stringList joins names as mypy's format_string_list does: "a", "a and
// b", up to five, then the first two, the last and how many are left out.
func stringList(names []string) string {
	switch n := len(names); {
	case n == 1:
		return names[0]
	case n <= 5:
		return strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	default:
		return fmt.Sprintf(diag.MethodsSuppressed, strings.Join(names[:2], ", "), names[n-1], n-3)
	}
}

// abstractClassFor reports a class object of an abstract class or a
// protocol given where type[A] of an abstract class or protocol A is
// expected, which mypy refuses: a value of type type[A] must be
// instantiable.
func (c *Checker) abstractClassFor(t, want types.Type) bool {
	cls := typeObject(t)
	tt, ok := want.(*types.TypeType)
	if cls == nil || !ok {
		return false
	}
	inst, ok := tt.Item.(*types.Instance)
	return ok && abstractOrProtocol(cls) && abstractOrProtocol(inst.Class)
}

// abstractTypePart is abstractClassFor, also item by item of a tuple.
func (c *Checker) abstractTypePart(t, want types.Type) bool {
	if a, ok := t.(*types.Tuple); ok {
		if w, ok := want.(*types.Tuple); ok {
			for i := range min(len(a.Items), len(w.Items)) {
				if c.abstractClassFor(a.Items[i], w.Items[i]) {
					return true
				}
			}
			return false
		}
	}
	return c.abstractClassFor(t, want)
}

// abstractOrProtocol reports a protocol class, or a class with abstract
// attributes, all of whose members are known.
func abstractOrProtocol(cls *types.Class) bool {
	if cls.IsProtocol {
		return true
	}
	for _, k := range cls.MRO {
		if k.AnyBase || k.UnknownMembers || k.Decorated || k.UnmodelledTypedDict() {
			return false
		}
	}
	return len(AbstractAttributes(cls)) > 0
}
