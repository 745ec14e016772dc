package check

import (
	"fmt"
	"strings"

	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// finalScope is what one scope's body (the module's, a class's, a
// function's) says of Final names: the first declaration of each
// (`x: Final = v`, `x: Final[T]`), the declarations that redefine a name
// bound before, and, for a function, the names it declares global or
// nonlocal.
type finalScope struct {
	decls              map[string]*ast.AnnAssign
	redefining         map[*ast.AnnAssign]bool
	globals, nonlocals map[string]bool
	// rebinding is, for each Final name, the first assignment after its
	// declaration: under --allow-redefinition it makes a new variable, so
	// it alone is reported in the scope, and assignments through global
	// are not.
	rebinding map[string]ast.Stmt
}

// scanFinals reads a scope's body, through its compound statements but not
// into nested defs and classes, nor into an if's arm that cannot run
// (mypy does not analyse those).
func scanFinals(body []ast.Stmt, rc *reach.Config) *finalScope {
	fs := &finalScope{decls: map[string]*ast.AnnAssign{}, redefining: map[*ast.AnnAssign]bool{},
		globals: map[string]bool{}, nonlocals: map[string]bool{}, rebinding: map[string]ast.Stmt{}}
	bound := map[string]bool{}
	bindAliases := func(names []*ast.Alias) {
		for _, a := range names {
			name := a.Asname
			if name == "" {
				name = a.Name
			}
			bound[name] = true
		}
	}
	var current ast.Stmt
	bind := func(t ast.Expr) {
		ast.ForEachTarget(t, func(part ast.Expr) {
			if n, ok := part.(*ast.Name); ok {
				bound[n.ID] = true
				if _, final := fs.decls[n.ID]; final && fs.rebinding[n.ID] == nil {
					fs.rebinding[n.ID] = current
				}
			}
		})
	}
	var walk func(stmts []ast.Stmt)
	walk = func(stmts []ast.Stmt) {
		for _, s := range stmts {
			current = s
			switch x := s.(type) {
			case *ast.AnnAssign:
				n, isName := x.Target.(*ast.Name)
				if isName && semanal.IsFinalAnnotation(x.Annotation) {
					if _, seen := fs.decls[n.ID]; seen || bound[n.ID] {
						fs.redefining[x] = true
					}
					if _, seen := fs.decls[n.ID]; !seen {
						fs.decls[n.ID] = x
					}
				}
				if isName && semanal.IsFinalAnnotation(x.Annotation) {
					bound[n.ID] = true
				} else {
					bind(x.Target)
				}
			case *ast.Assign:
				for _, t := range x.Targets {
					bind(t)
				}
			case *ast.AugAssign:
				bind(x.Target)
			case *ast.For:
				bind(x.Target)
			case *ast.Import:
				bindAliases(x.Names)
			case *ast.ImportFrom:
				bindAliases(x.Names)
			case *ast.FunctionDef:
				bound[x.Name] = true
				continue
			case *ast.ClassDef:
				bound[x.Name] = true
				continue
			case *ast.Global:
				for _, n := range x.Names {
					fs.globals[n] = true
				}
			case *ast.Nonlocal:
				for _, n := range x.Names {
					fs.nonlocals[n] = true
				}
			}
			if x, ok := s.(*ast.If); ok {
				switch t := rc.Infer(x.Test); {
				case reach.IsTrue(t):
					walk(x.Body)
					continue
				case reach.IsFalse(t):
					walk(x.Orelse)
					continue
				}
			}
			for _, b := range ast.Blocks(s) {
				walk(b)
			}
		}
	}
	walk(body)
	return fs
}

// finalsOf is the Final names of the module (f nil) or of a frame's scope.
func (c *Checker) finalsOf(f *frame) *finalScope {
	if f == nil {
		if c.moduleFinals == nil {
			c.moduleFinals = scanFinals(c.m.File.Module.Body, c.reach)
		}
		return c.moduleFinals
	}
	if f.finals == nil {
		body := f.body
		if f.def != nil {
			body = f.def.Body
		}
		f.finals = scanFinals(body, c.reach)
	}
	return f.finals
}

// checkFinalNames reports, in a statement that assigns names, each name
// assigned that its scope (or, through global and nonlocal, an enclosing
// one; or a base class, in a class body; or the module it is imported
// from) declares Final, and a Final declaration of a name bound before, as
// mypy does: "Cannot assign to final name" at the statement.
func (c *Checker) checkFinalNames(s ast.Stmt, targets ...ast.Expr) {
	if !c.checked() {
		return
	}
	top := c.top()
	if top != nil && top.comprehension {
		return
	}
	if decl, ok := s.(*ast.AnnAssign); ok && semanal.IsFinalAnnotation(decl.Annotation) {
		if c.finalsOf(top).redefining[decl] {
			c.report(s.Pos(), diag.Error, diag.CodeMisc, diag.CannotRedefineAsFinal)
		}
		return
	}
	for _, t := range targets {
		ast.ForEachTarget(t, func(part ast.Expr) {
			if n, ok := part.(*ast.Name); ok && c.isFinalName(s, n.ID) {
				c.report(s.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.CannotAssignToFinalName, n.ID))
			}
		})
	}
}

// isFinalName reports whether statement s, an assignment to name here,
// assigns a Final name.
func (c *Checker) isFinalName(s ast.Stmt, name string) bool {
	top := c.top()
	scope := top
	redefinable := c.settings.AllowRedefinition
	switch {
	case top == nil:
	case top.isClass:
		if _, ok := c.finalsOf(top).decls[name]; ok {
			return true
		}
		if top.class != nil {
			for _, base := range top.class.MRO[1:] {
				if m := base.Members[name]; m != nil && !m.IsMethod {
					return m.Final
				}
			}
		}
		return false
	case c.finalsOf(top).globals[name]:
		if redefinable && c.finalsOf(nil).rebinding[name] != nil {
			return false // the module's reassignment made another variable
		}
		scope = nil
		redefinable = false
	case c.finalsOf(top).nonlocals[name]:
		for i := len(c.frames) - 2; i >= 0; i-- {
			if f := c.frames[i]; f.def != nil {
				if _, ok := c.finalsOf(f).decls[name]; ok {
					return true
				}
			}
		}
		return false
	}
	if _, ok := c.finalsOf(scope).decls[name]; ok {
		if redefinable {
			return c.finalsOf(scope).rebinding[name] == s
		}
		return true
	}
	if scope != nil {
		return false
	}
	// A module-level name imported from where it is Final.
	sym := c.p.Modules[c.m.Name].Names[name]
	if sym == nil || sym.Kind != semanal.Imported {
		return false
	}
	t, ok := c.p.Resolve(c.m.Name, name)
	return ok && isFinalSymbol(t)
}

// isFinalSymbol reports a module-level variable declared Final.
func isFinalSymbol(t semanal.Target) bool {
	return t.Sym != nil && t.Sym.Kind == semanal.Var &&
		(t.Sym.Final || t.Sym.Annotation != nil && semanal.IsFinalAnnotation(t.Sym.Annotation))
}

// checkFinalAttribute reports an assignment to an attribute declared
// Final ("Cannot assign to final attribute"), but, for one declared in
// the class body without a value, its assignment through self in
// __init__. (A declaration `self.x: Final = v` is not an assignment this
// is asked about.)
func (c *Checker) checkFinalAttribute(target *ast.Attribute, m *types.Member, owner *types.Class) {
	if f := c.enclosingDef(); f != nil && f.def.Name == "__init__" && f.class == owner && !m.OnInstance {
		if self, ok := target.Value.(*ast.Name); ok && len(f.def.Args.Args) > 0 && f.def.Args.Args[0].Arg == self.ID &&
			c.p.FinalWithoutValue(m) {
			// Its first assignment defines it.
			if c.finalDefinitions == nil {
				c.finalDefinitions = map[*types.Member]*ast.Attribute{}
			}
			if first, ok := c.finalDefinitions[m]; !ok || first == target {
				c.finalDefinitions[m] = target
				return
			}
		}
	}
	c.report(target.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.CannotAssignToFinalAttribute, target.Attr))
}

// enclosingDef is the frame of the innermost def the walk is in, or nil.
func (c *Checker) enclosingDef() *frame {
	for i := len(c.frames) - 1; i >= 0; i-- {
		if c.frames[i].def != nil {
			return c.frames[i]
		}
	}
	return nil
}

// checkFinalAugmented reports an augmented assignment (`obj.x += v`) to an
// attribute declared Final.
func (c *Checker) checkFinalAugmented(target *ast.Attribute) {
	if !c.checked() {
		return
	}
	cls := classOfValue(c.exprQuiet(target.Value))
	if cls == nil {
		return
	}
	if m, owner := cls.Lookup(target.Attr); m != nil && m.Final {
		c.checkFinalAttribute(target, m, owner)
	}
}

// checkFinalOverride reports a class-body definition (a def, a Final
// declaration, an assignment: overMethodsOnly, since assigning a final
// variable is reported as such) or a Final declaration through self that
// overrides what a base class declares final (an enum's members are,
// implicitly): "Cannot override final attribute" at the definition (a
// decorated def's first decorator).
func (c *Checker) checkFinalOverride(at ast.Node, cls *types.Class, name string, overMethodsOnly bool) {
	if cls == nil || !c.checked() || strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__") {
		return // (a private name is mangled: it overrides nothing)
	}
	for _, base := range cls.MRO[1:] {
		m := base.Members[name]
		if m == nil {
			continue
		}
		if m.Final && (m.IsMethod || !overMethodsOnly) || base.IsEnumMember(m) {
			c.report(at.Pos(), diag.Error, diag.CodeMisc,
				fmt.Sprintf(diag.CannotOverrideFinalAttribute, name, base.Name))
		}
		return
	}
}

// checkFinalOverridesWritable reports a final declaration in a class (a
// Final variable, a @final method) of a name a base lets be assigned, for
// each base that defines it up to a final one (which checkFinalOverride
// reports), as mypy's check_if_final_var_override_writable does. An
// enum's bases are left alone.
func (c *Checker) checkFinalOverridesWritable(at ast.Node, cls *types.Class, name string) {
	if cls == nil || !c.checked() || strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__") {
		return
	}
	for _, base := range cls.MRO[1:] {
		m := base.Members[name]
		switch {
		case m == nil:
			continue
		case m.Final || base.IsEnumMember(m) || strings.HasPrefix(base.FullName, "enum."):
			return
		case writableMember(m):
			c.report(at.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.FinalOverridesWritable, name))
		}
	}
}

// writableMember reports a member instances let be assigned, as mypy's
// is_writable_attribute: a variable (not a read-only property), or a
// property with a setter.
func writableMember(m *types.Member) bool {
	if m.IsProperty {
		return m.Settable
	}
	return !m.IsMethod && !m.NestedClass
}

// finalOverrideSite is where mypy reports a def: its first decorator, or
// the def.
func finalOverrideSite(f *ast.FunctionDef) ast.Node {
	if len(f.DecoratorList) > 0 {
		return f.DecoratorList[0]
	}
	return f
}

// checkFinalBases reports each final class a class derives from (mypy's
// "Cannot inherit from final class").
func (c *Checker) checkFinalBases(def *ast.ClassDef, cls *types.Class) {
	if cls == nil || !c.checked() {
		return
	}
	for _, base := range cls.MRO[1:] {
		if base.Final {
			c.report(def.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.CannotInheritFromFinal, base.Name))
		}
	}
	var typedDictBases func(*types.Class)
	typedDictBases = func(k *types.Class) {
		for _, b := range k.TypedDictBases {
			if b.Class.Final {
				c.report(def.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.CannotInheritFromFinal, b.Class.Name))
			}
			typedDictBases(b.Class)
		}
	}
	typedDictBases(cls)
}

// checkFinalDeclaration reports a Final declaration without a value that
// needs one: `x: Final` anywhere ("Type in Final[...] can only be omitted
// if there is an initializer"), `x: Final[T]` outside a stub, but in a
// class body for an attribute __init__ assigns through self or an attrs
// field.
func (c *Checker) checkFinalDeclaration(x *ast.AnnAssign) {
	if x.Value != nil || !semanal.IsFinalAnnotation(x.Annotation) || !c.checked() {
		return
	}
	if semanal.IsBareFinal(x.Annotation) {
		c.report(x.Pos(), diag.Error, diag.CodeMisc, diag.FinalTypeNeedsInitializer)
		return
	}
	n, ok := x.Target.(*ast.Name)
	if !ok || c.m.IsStub {
		return
	}
	if f := c.top(); f != nil && f.isClass && (assignedInInit(f.body, n.ID) || f.class != nil && c.p.IsAttrsField(f.class, n.ID)) {
		return // (an attrs field's value comes from __init__)
	}
	c.report(x.Pos(), diag.Error, diag.CodeMisc, diag.FinalNameMustBeInitialized)
}

// assignedInInit reports whether a class body's __init__ assigns the
// attribute name through its self parameter.
func assignedInInit(body []ast.Stmt, name string) bool {
	for _, st := range body {
		f, ok := st.(*ast.FunctionDef)
		if !ok || f.Name != "__init__" || len(f.Args.Args) == 0 {
			continue
		}
		self := f.Args.Args[0].Arg
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if a, ok := n.(*ast.Attribute); ok && a.Ctx == ast.Store && a.Attr == name {
				if v, ok := a.Value.(*ast.Name); ok && v.ID == self {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// checkFinalOutermost reports Final inside another type or in a def's
// signature: "Final can be only used as an outermost qualifier in a
// variable annotation".
func (c *Checker) checkFinalOutermost(f *ast.FunctionDef) {
	if !c.checked() {
		return
	}
	var annotations []ast.Expr
	for _, a := range f.Args.All() {
		annotations = append(annotations, a.Annotation)
	}
	annotations = append(annotations, f.Returns)
	for _, e := range annotations {
		if e != nil && mentionsFinal(e) {
			c.report(e.Pos(), diag.Error, diag.CodeValidType, diag.FinalOnlyOutermost)
		}
	}
}

// mentionsFinal reports a type expression with Final in it.
func mentionsFinal(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && semanal.IsBareFinal(x) {
			found = true
		}
		return !found
	})
	return found
}

// checkFinalOnClassObject reports reading, through a class object, a Final
// attribute its instances get in __init__ (mypy's "Cannot access final
// instance attribute ... on class object").
func (c *Checker) checkFinalOnClassObject(x *ast.Attribute, base types.Type) {
	if !c.checked() {
		return
	}
	if _, isInst := base.(*types.Instance); isInst {
		return
	}
	cls := classOfValue(base)
	if cls == nil {
		return
	}
	if m, _ := cls.Lookup(x.Attr); m != nil && m.Final && m.OnInstance {
		c.report(&x.Span, diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.FinalInstanceAttributeOnClass, x.Attr))
	}
}

// checkClassProblems reports the errors in a class's definition that
// building it found (see semanal.ClassProblems): a TypedDict's duplicate
// keys, statements that are no key and keys that do not agree with the
// bases'; an attrs field's arguments.
func (c *Checker) checkClassProblems(cls *types.Class) {
	if cls == nil {
		return
	}
	for _, pr := range c.p.ClassProblems(cls) {
		if pr.UntypedDefsOnly && !c.settings.DisallowUntypedDefs {
			continue
		}
		code := pr.Code
		if code == "" {
			code = diag.CodeMisc
		}
		c.report(pr.Node.Pos(), diag.Error, code, pr.Msg)
	}
}
