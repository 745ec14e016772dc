package deps

import (
	"maps"
	"slices"
	"strings"

	"typd/checker/build"
	"typd/checker/reach"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// Map is a fine-grained dependency map as mypy's daemon keeps it
// (mypy/server/deps.py): each trigger ("<m.f>", "<m.A.x>", "<m.A>",
// "<m[wildcard]>") to the targets to check again when what it names
// changes: modules ("m"), functions and methods ("m.f", "m.A.f"), classes
// ("m.A", for their structure) and other triggers ("<m.B.x>": a change of
// the trigger fires them too).
type Map map[string]map[string]bool

// add records that target depends on trigger.
func (m Map) add(trigger, target string) {
	set := m[trigger]
	if set == nil {
		set = map[string]bool{}
		m[trigger] = set
	}
	set[target] = true
}

// Merge adds other's dependencies to m.
func (m Map) Merge(other Map) {
	for trigger, targets := range other {
		for t := range targets {
			m.add(trigger, t)
		}
	}
}

// Lines returns the map as mypy's deps*.test cases print it: one line per
// trigger, "trigger -> target, target", triggers and targets sorted.
func (m Map) Lines() []string {
	var out []string
	for _, trigger := range slices.Sorted(maps.Keys(m)) {
		targets := slices.Sorted(maps.Keys(m[trigger]))
		out = append(out, trigger+" -> "+strings.Join(targets, ", "))
	}
	return out
}

// Source is one checked module, what Dependencies reads.
type Source struct {
	Program *semanal.Program
	Reach   *reach.Config
	Module  string
	File    *ast.Module
	// Package marks a package's __init__ file (relative imports start
	// from the package itself).
	Package bool
	// Types are the types the check gave the module's expressions.
	Types map[ast.Expr]types.Type
	// Logical asks for mypy's logical dependencies (--logical-deps):
	// what makes a definition's type less precise (an unannotated
	// decorator, the function whose result a variable holds), not what
	// needs checking again.
	Logical bool
}

// Dependencies returns the dependency map of one module's code, as
// mypy's DependencyVisitor builds it from the module's checked tree: what
// each target reads (names, attributes and operator methods of the types
// it uses, constructors, signatures' types, imports) and what each class
// takes from its bases. Dependencies on builtins, typing,
// typing_extensions and mypy_extensions are left out, as mypy leaves them.
func Dependencies(src Source) Map {
	v := &depVisitor{Source: src, info: src.Program.Info(src.Module), out: Map{}, selfOf: map[*ast.FunctionDef]selfParam{}}
	v.stmts(src.File.Body, nil)
	return v.out
}

// depVisitor walks one module, keeping mypy's notion of the current
// target (mypy/scope.py): the module, the outermost def around the code
// (defs and classes nested in a def belong to it), and the classes
// around it.
type depVisitor struct {
	Source
	info *semanal.Info
	out  Map
	// function is the full name of the outermost def around the code, ""
	// at module or class level; nested counts the defs and classes inside
	// it.
	function string
	nested   int
	// classes are the full names of the classes around the code (outside
	// any def), innermost last; infos are the classes being visited,
	// defs included.
	classes []string
	infos   []*types.Class
	// scope is the def or class whose body is visited, nil at module
	// level.
	scope ast.Stmt
	// selfOf are the methods visited so far whose first parameter is self
	// (not static or class methods).
	selfOf map[*ast.FunctionDef]selfParam
	// untyped counts the expressions being visited that the check does
	// not type (a type variable's or NewType's arguments): their types
	// are not looked at.
	untyped int
	// inClass is mypy's is_class: a def met inside a class body (however
	// deep) has its signature bound to self.
	inClass bool
}

// selfParam is a method's self: its name, and its class.
type selfParam struct {
	name  string
	def   *ast.ClassDef
	class *types.Class
}

// typeOf is the type the check gave an expression, nil when it gave
// none.
func (v *depVisitor) typeOf(e ast.Expr) types.Type {
	if v.untyped > 0 || e == nil {
		return nil
	}
	return v.Types[e]
}

// target is mypy's current_target: the def, else the module.
func (v *depVisitor) target() string {
	if v.function != "" {
		return v.function
	}
	return v.Module
}

// fullTarget is mypy's current_full_target: the def, else the class,
// else the module.
func (v *depVisitor) fullTarget() string {
	if v.function != "" {
		return v.function
	}
	if len(v.classes) > 0 {
		return v.classes[len(v.classes)-1]
	}
	return v.Module
}

// ignoredPrefixes are the modules whose triggers are not recorded.
var ignoredPrefixes = []string{"<builtins.", "<typing.", "<mypy_extensions.", "<typing_extensions."}

// dep records a dependency of target ("" for the current target) on a
// trigger.
func (v *depVisitor) dep(trigger, target string) {
	for _, p := range ignoredPrefixes {
		if strings.HasPrefix(trigger, p) {
			return
		}
	}
	if target == "" {
		target = v.target()
	}
	v.out.add(trigger, target)
}

// trigger is the trigger of a full name.
func trigger(name string) string { return "<" + name + ">" }

// typeDeps records a dependency on every part of a type.
func (v *depVisitor) typeDeps(t types.Type, target string) {
	for _, tr := range v.typeTriggers(t) {
		v.dep(tr, target)
	}
}

// scopeOf is the symbol table of a def's or class's body, or the
// module's when scope is nil.
func (v *depVisitor) scopeOf(scope ast.Stmt) semanal.Table {
	if scope == nil {
		if mod := v.Program.Modules[v.Module]; mod != nil {
			return mod.Names
		}
		return nil
	}
	return v.Program.ScopeNames(v.Module, scope)
}

// stmts visits a body; scope is the def or class whose body it is (nil
// at module level).
func (v *depVisitor) stmts(body []ast.Stmt, scope ast.Stmt) {
	outer := v.scope
	v.scope = scope
	defer func() { v.scope = outer }()
	for _, s := range body {
		v.stmt(s, scope)
	}
}

func (v *depVisitor) stmt(s ast.Stmt, scope ast.Stmt) {
	switch x := s.(type) {
	case *ast.FunctionDef:
		v.function_(x, scope)
	case *ast.ClassDef:
		v.class(x, scope)
	case *ast.Import:
		for _, a := range x.Names {
			v.dep(trigger(a.Name), v.target())
		}
	case *ast.ImportFrom:
		if v.Logical {
			return // importing a name makes no logical dependency
		}
		from, ok := build.ResolveRelative(v.Module, v.Package, x.Level, x.Module)
		if !ok {
			return
		}
		if len(x.Names) == 1 && x.Names[0].Name == "*" {
			v.dep("<"+from+"[wildcard]>", "")
			return
		}
		v.dep(trigger(from), "")
		for _, a := range x.Names {
			v.dep(trigger(from+"."+a.Name), "")
		}
	case *ast.Assign:
		v.assign(x.Targets, x.Value, nil, x)
	case *ast.AnnAssign:
		v.assign([]ast.Expr{x.Target}, x.Value, x.Annotation, x)
	case *ast.AugAssign:
		v.expr(x.Target)
		v.expr(x.Value)
		v.lvalue(x.Target, nil)
		method := binaryMethods[x.Op.Symbol()]
		v.attrDepOf(x.Target, method)
		v.attrDepOf(x.Target, "__i"+method[2:])
	case *ast.For:
		v.expr(x.Target)
		v.expr(x.Iter)
		v.stmts(x.Body, scope)
		v.stmts(x.Orelse, scope)
		if !x.IsAsync {
			v.attrDepOf(x.Iter, "__iter__")
			v.attrDepOf(x.Iter, "__getitem__")
			if it := v.iteratorType(x.Iter); it != nil {
				v.attrDeps(it, "__next__")
			}
		} else {
			v.attrDepOf(x.Iter, "__aiter__")
		}
		v.lvalue(x.Target, nil)
		if _, ok := x.Target.(*ast.Tuple); ok {
			if t := v.typeOf(x.Target); t != nil {
				v.attrDeps(t, "__iter__")
				v.attrDeps(t, "__getitem__")
			}
		}
		v.typeCommentDeps(x.TypeComment)
	case *ast.While:
		v.expr(x.Test)
		v.stmts(x.Body, scope)
		v.stmts(x.Orelse, scope)
	case *ast.If:
		t := v.Reach.Infer(x.Test)
		v.expr(x.Test)
		if !reach.IsFalse(t) {
			v.stmts(x.Body, scope)
		}
		if !reach.IsTrue(t) {
			v.stmts(x.Orelse, scope)
		}
	case *ast.With:
		for _, it := range x.Items {
			v.expr(it.ContextExpr)
			if it.OptionalVars != nil {
				v.expr(it.OptionalVars)
			}
		}
		v.stmts(x.Body, scope)
		for _, it := range x.Items {
			if x.IsAsync {
				v.attrDepOf(it.ContextExpr, "__aenter__")
				v.attrDepOf(it.ContextExpr, "__aexit__")
			} else {
				v.attrDepOf(it.ContextExpr, "__enter__")
				v.attrDepOf(it.ContextExpr, "__exit__")
			}
		}
		v.typeCommentDeps(x.TypeComment)
	case *ast.Delete:
		for _, t := range x.Targets {
			v.expr(t)
			if sub, ok := t.(*ast.Subscript); ok {
				v.attrDepOf(sub.Value, "__delitem__")
			}
		}
	case *ast.Return:
		v.exprOpt(x.Value)
	case *ast.Raise:
		v.exprOpt(x.Exc)
		v.exprOpt(x.Cause)
	case *ast.Try:
		v.stmts(x.Body, scope)
		for _, h := range x.Handlers {
			v.exprOpt(h.Type)
			v.stmts(h.Body, scope)
		}
		v.stmts(x.Orelse, scope)
		v.stmts(x.Finalbody, scope)
	case *ast.Assert:
		v.expr(x.Test)
		v.exprOpt(x.Msg)
	case *ast.ExprStmt:
		v.expr(x.Value)
	case *ast.Match:
		v.expr(x.Subject)
		for _, c := range x.Cases {
			v.exprOpt(c.Guard)
			v.stmts(c.Body, scope)
		}
	}
}

// function visits a def (with an @overload variant, the def is one of a
// name's variants: mypy's OverloadedFuncDef adds no dependency of its
// own).
func (v *depVisitor) function_(f *ast.FunctionDef, scope ast.Stmt) {
	name := f.Name
	full := v.fullTarget() + "." + name
	if v.function != "" {
		full = v.function // nested: part of the enclosing def's target
	}
	if len(f.DecoratorList) > 0 {
		if !v.Logical {
			if !f.HasDecorator("overload") && v.function == "" {
				v.dep(trigger(full), "")
			}
		} else {
			for _, d := range f.DecoratorList {
				callee := d
				if call, ok := d.(*ast.Call); ok {
					callee = call.Func
				}
				if name := v.calleeName(callee); name != "" {
					v.dep(trigger(name), trigger(full))
				}
			}
		}
	}
	var info *types.Class
	if cd, inClass := scope.(*ast.ClassDef); inClass && len(v.infos) > 0 {
		info = v.infos[len(v.infos)-1]
		if !f.HasDecorator("staticmethod") && !f.HasDecorator("classmethod") && f.Args != nil {
			if all := f.Args.All(); len(all) > 0 {
				v.selfOf[f] = selfParam{name: all[0].Arg, def: cd, class: info}
			}
		}
	}
	// The def's own scope.
	outer := v.function
	if outer == "" {
		v.function = full
	} else {
		v.nested++
	}
	target := v.function
	if sig := v.signature(f, scope, info); sig != nil {
		for _, tr := range v.typeTriggers(sig) {
			v.dep(tr, "")
			v.dep(tr, trigger(target))
		}
	}
	for _, ann := range signatureAnnotations(f, v.inClass) {
		for _, u := range v.aliasDeps(ann, "") {
			if u.kept {
				v.dep(trigger(u.name), trigger(target))
				for _, n := range u.nested {
					v.dep(trigger(n), "")
					v.dep(trigger(n), trigger(target))
				}
			}
		}
	}
	if info != nil && (!v.Logical || name != "__init__" && name != "__new__") {
		for _, base := range nonTrivialBases(info) {
			v.dep(trigger(base.FullName+"."+name), "")
		}
	}
	v.args(f.Args)
	v.stmts(f.Body, f)
	if outer == "" {
		v.function = ""
	} else {
		v.nested--
	}
	// The decorators, in the enclosing scope.
	for _, d := range f.DecoratorList {
		v.expr(d)
	}
}

// signature is a def's declared signature, bound to self inside a class,
// or nil when nothing of it is annotated (mypy gives such a def no type).
func (v *depVisitor) signature(f *ast.FunctionDef, scope ast.Stmt, info *types.Class) *types.Callable {
	if !f.IsAnnotated() {
		return nil
	}
	sig := v.Program.Signature(v.Module, info, f)
	if sig == nil {
		return nil
	}
	if v.inClass && len(sig.Params) > 0 {
		bound := *sig
		bound.Params = sig.Params[1:]
		return &bound
	}
	return sig
}

// signatureAnnotations are the annotations of a def's parameters (self's
// aside in a class) and return.
func signatureAnnotations(f *ast.FunctionDef, inClass bool) []ast.Expr {
	var out []ast.Expr
	if f.Args != nil {
		for i, a := range f.Args.All() {
			if i == 0 && inClass {
				continue
			}
			if a.Annotation != nil {
				out = append(out, a.Annotation)
			}
		}
	}
	if f.Returns != nil {
		out = append(out, f.Returns)
	}
	return out
}

// typeCommentDeps records a dependency on the type a statement's type
// comment declares.
func (v *depVisitor) typeCommentDeps(comment string) {
	if comment == "" {
		return
	}
	if e := semanal.TypeCommentExpr(comment); e != nil {
		v.aliasDeps(e, "")
		if t := v.Program.AnnotationType(v.Module, e); t != nil {
			v.typeDeps(t, "")
		}
	}
}

// args visits a parameter list's defaults.
func (v *depVisitor) args(a *ast.Arguments) {
	if a == nil {
		return
	}
	for _, d := range a.Defaults {
		v.expr(d)
	}
	for _, d := range a.KwDefaults {
		v.exprOpt(d)
	}
}

// class visits a class statement.
func (v *depVisitor) class(c *ast.ClassDef, scope ast.Stmt) {
	for _, d := range c.DecoratorList {
		v.expr(d)
	}
	info := v.classInfo(c, scope)
	inDef := v.function != ""
	if inDef {
		v.nested++
	} else {
		v.classes = append(v.classes, v.fullTarget()+"."+c.Name)
	}
	v.infos = append(v.infos, info)
	target := v.fullTarget()
	v.dep(trigger(target), target)
	wasClass := v.inClass
	v.inClass = true
	if info != nil {
		for _, tv := range info.TypeParams {
			if tv.FullName != "" {
				v.dep(trigger(tv.FullName), target)
			}
		}
		v.typeInfo(info, c)
	}
	for _, b := range c.Bases {
		v.aliasDeps(b, "")
		if sub, ok := b.(*ast.Subscript); ok {
			switch v.calleeName(sub.Value) {
			case "typing.Generic", "typing.Protocol", "typing_extensions.Protocol":
				continue // mypy drops these from the base expressions
			}
		}
		v.untyped++
		v.expr(b)
		v.untyped--
	}
	for _, k := range c.Keywords {
		v.expr(k.Value)
	}
	v.stmts(c.Body, c)
	v.inClass = wasClass
	v.infos = v.infos[:len(v.infos)-1]
	if inDef {
		v.nested--
	} else {
		v.classes = v.classes[:len(v.classes)-1]
	}
}

// classInfo is the class a class statement builds.
func (v *depVisitor) classInfo(c *ast.ClassDef, scope ast.Stmt) *types.Class {
	s := v.scopeOf(scope)[c.Name]
	if s == nil || s.Kind != semanal.Class || s.Def != c {
		return nil
	}
	return v.Program.Class(v.Module, s)
}

// typeInfo records what a class takes from its bases (mypy's
// process_type_info); c is its class statement, nil for a NewType.
func (v *depVisitor) typeInfo(info *types.Class, c *ast.ClassDef) {
	target := v.fullTarget()
	for _, b := range info.Bases {
		v.typeDeps(b, target)
	}
	if info.TupleBase != nil {
		// The tuple type, and the base tuple[...] whose argument its
		// items make.
		for _, it := range info.TupleBase.Items {
			v.typeDeps(it, trigger(target))
			if c != nil {
				v.typeDeps(it, target)
			}
		}
	}
	if info.IsTypedDict && info.TypedDict != nil {
		for _, it := range info.TypedDict {
			v.typeDeps(it.Type, trigger(target))
		}
	}
	if info.Metaclass != nil && c != nil && declaresMetaclass(c) {
		v.typeDeps(info.Metaclass, trigger(target))
	}
	if info.IsProtocol {
		for _, b := range info.MRO[:len(info.MRO)-1] {
			v.dep("<"+b.FullName+"[wildcard]>", trigger(target))
		}
	}
	initialized := map[string]bool{}
	if c != nil {
		initializedInClass(c.Body, initialized)
	}
	userBases := hasUserBases(info)
	bases := nonTrivialBases(info)
	for _, name := range slices.Sorted(maps.Keys(info.Members)) {
		m := info.Members[name]
		if m.IsMethod || m.NestedClass {
			continue
		}
		if initialized[name] && userBases {
			v.dep(trigger(info.FullName+"."+name), "")
		}
		for _, b := range bases {
			v.dep(trigger(b.FullName+"."+name), trigger(info.FullName+"."+name))
		}
	}
	for _, b := range bases {
		for name := range b.Members {
			if v.Logical {
				// Only what the class overrides, its constructor aside.
				if _, own := info.Members[name]; !own || name == "__init__" || name == "__new__" {
					continue
				}
			}
			v.dep(trigger(b.FullName+"."+name), trigger(info.FullName+"."+name))
		}
		if v.Logical {
			continue
		}
		v.dep(trigger(b.FullName+".__init__"), trigger(info.FullName+".__init__"))
		v.dep(trigger(b.FullName+".__new__"), trigger(info.FullName+".__new__"))
		v.dep(trigger(b.FullName+".(abstract)"), trigger(info.FullName+".__init__"))
		v.dep(trigger(b.FullName+".(abstract)"), "")
	}
}

// declaresMetaclass reports whether a class statement names its
// metaclass.
func declaresMetaclass(c *ast.ClassDef) bool {
	for _, k := range c.Keywords {
		if k.Arg == "metaclass" {
			return true
		}
	}
	return false
}

// initializedInClass collects the names a class body assigns a value
// (mypy's is_initialized_in_class).
func initializedInClass(body []ast.Stmt, out map[string]bool) map[string]bool {
	target := func(e ast.Expr) {
		ast.TargetLeaves(e, func(leaf ast.Expr) {
			if n, ok := leaf.(*ast.Name); ok {
				out[n.ID] = true
			}
		})
	}
	for _, s := range body {
		switch x := s.(type) {
		case *ast.Assign:
			for _, t := range x.Targets {
				target(t)
			}
		case *ast.AnnAssign:
			target(x.Target)
		case *ast.AugAssign:
			target(x.Target)
		case *ast.For:
			target(x.Target)
			initializedInClass(x.Body, out)
			initializedInClass(x.Orelse, out)
		case *ast.With:
			for _, it := range x.Items {
				if it.OptionalVars != nil {
					target(it.OptionalVars)
				}
			}
			initializedInClass(x.Body, out)
		case *ast.If:
			initializedInClass(x.Body, out)
			initializedInClass(x.Orelse, out)
		case *ast.Try:
			initializedInClass(x.Body, out)
			for _, h := range x.Handlers {
				initializedInClass(h.Body, out)
			}
			initializedInClass(x.Orelse, out)
			initializedInClass(x.Finalbody, out)
		}
	}
	return out
}

// nonTrivialBases are a class's MRO but itself and object.
func nonTrivialBases(c *types.Class) []*types.Class {
	var out []*types.Class
	for _, b := range c.MRO[1:] {
		if b.FullName != "builtins.object" {
			out = append(out, b)
		}
	}
	return out
}

// hasUserBases reports whether a class derives from a class outside
// builtins, typing and enum.
func hasUserBases(c *types.Class) bool {
	for _, b := range c.MRO[1:] {
		switch b.Module {
		case "builtins", "typing", "enum":
		default:
			return true
		}
	}
	return false
}
