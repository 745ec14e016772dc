package semanal

import (
	"fmt"

	"typd/checker/diag"
	"typd/parser/ast"
)

// reassignedAlias reports an assignment to a name whose first assignment
// in its scope made it a type alias, as mypy does: the alias stays what it
// was, and the name cannot be given another type without declaring it a
// variable (`A: type[float] = float`).
//
//	A = float
//	if cond:
//	    A = int  # Cannot assign multiple types to name "A" without an explicit "type[...]" annotation
func (c *checker) reassignedAlias(x *ast.Assign) {
	if len(x.Targets) != 1 || x.TypeComment != "" {
		return
	}
	n, ok := x.Targets[0].(*ast.Name)
	if !ok || specialFormCall(x.Value) || isSpecialCall(x.Value) {
		return
	}
	sc := c.top()
	s := sc.names[n.ID]
	if s == nil || s.Kind != Var || s.First == ast.Stmt(x) {
		return
	}
	if first := firstAssign(s); first == nil || !c.definesAlias(first, sc.kind, 0) {
		return
	}
	if _, starred := c.p.starExports(c.mod)[n.ID]; starred && sc.kind == moduleScope {
		return // bound first by a star import, perhaps: a class is "Cannot assign to a type"
	}
	c.error(&n.Span, diag.CodeMisc,
		fmt.Sprintf(diag.MultipleTypesToName, n.ID))
}

// assignedClass reports an assignment to a name a class statement before
// it bound in the same scope, as mypy does: "Cannot assign to a type".
//
//	class A: ...
//	A = wrap(A)  # Cannot assign to a type
func (c *checker) assignedClass(x *ast.Assign) {
	for _, t := range x.Targets {
		n, ok := t.(*ast.Name)
		if !ok {
			continue
		}
		if v, ok := x.Value.(*ast.Name); ok && v.ID == n.ID {
			continue // C = C leaves it as it is
		}
		s := c.top().names[n.ID]
		if s == nil {
			continue
		}
		if def, ok := s.First.(*ast.ClassDef); ok && def.Lineno < x.Lineno {
			c.error(&n.Span, diag.CodeMisc, diag.CannotAssignToAType)
		}
	}
}

// isSpecialCall reports a call mypy's semantic analysis reads as a
// definition of its own (a type variable, a new type), which never
// defines an alias.
func isSpecialCall(e ast.Expr) bool {
	call, ok := e.(*ast.Call)
	if !ok {
		return false
	}
	switch specialFormName(call.Func) {
	case "TypeVar", "ParamSpec", "TypeVarTuple", "NewType", "TypeAliasType":
		return true
	}
	return false
}

// aliasForms are the special forms that make an alias when subscripted
// (mypy's type_constructors); the first three make one bare too.
var aliasForms = map[string]bool{"typing.Callable": true, "typing.Tuple": true, "typing.Any": true,
	"typing.Optional": true, "typing.Type": true, "typing.Union": true, "typing.Literal": true,
	"typing.Annotated": true}

// definesAlias reports whether a variable's first assignment, made in a
// scope of kind, defines a type alias as mypy's semantic analysis decides
// it: a plain assignment of a class, an alias or one of typing's special
// forms (at module level only: a bare name in a class or function body
// makes a variable), or of such a thing subscripted (not an enum). depth
// counts the aliases followed to get here. What typd cannot tell for sure
// is no alias.
func (c *checker) definesAlias(first *ast.Assign, kind scopeKind, depth int) bool {
	if first.TypeComment != "" || specialFormCall(first.Value) || isSpecialCall(first.Value) {
		return false
	}
	switch v := first.Value.(type) {
	case *ast.Name, *ast.Attribute:
		return kind == moduleScope && c.typeRef(v, true, depth)
	case *ast.Subscript:
		return c.typeRef(v.Value, false, depth)
	}
	return false
}

// typeRef reports whether a name refers to a type as an alias's value may
// (mypy's is_type_ref): a class (not an enum when subscripted), one of
// typing's aliases (List) or special forms, or a module-level alias. A
// name bound in a function or class body around is not followed.
func (c *checker) typeRef(e ast.Expr, bare bool, depth int) bool {
	if depth > 8 {
		return false
	}
	t, full, ok := c.globalTarget(e)
	if !ok || t.Sym == nil {
		return false
	}
	if _, alias := builtinAliases[full]; alias {
		return true
	}
	if aliasForms[full] {
		return !bare || full == "typing.Callable" || full == "typing.Tuple" || full == "typing.Any"
	}
	switch t.Sym.Kind {
	case Class:
		if bare {
			return true
		}
		cls := c.p.Class(t.Owner, t.Sym)
		return cls != nil && !cls.IsEnum()
	case Var:
		owner := c.p.Modules[t.Owner]
		first := firstAssign(t.Sym)
		if owner == nil || owner.Names[t.Sym.Name] != t.Sym || first == nil {
			return false
		}
		// Another module-level alias, followed in its own module.
		inner := &checker{p: c.p, m: c.p.graph.Modules[t.Owner], mod: owner, scopes: []*scope{{kind: moduleScope, names: owner.Names}}}
		if inner.m == nil {
			return false
		}
		return inner.definesAlias(first, moduleScope, depth+1)
	}
	return false
}

// firstAssign is a variable's first binding when that is a plain
// assignment to the name alone (`A = int`), the one kind of statement
// that may make it a type alias; nil otherwise.
func firstAssign(s *Symbol) *ast.Assign {
	a, ok := s.First.(*ast.Assign)
	if !ok || len(a.Targets) != 1 {
		return nil
	}
	if n, ok := a.Targets[0].(*ast.Name); !ok || n.ID != s.Name {
		return nil
	}
	return a
}
