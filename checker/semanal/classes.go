package semanal

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"
	"strings"
	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// Class returns the class a Class symbol of module owner defines, building
// it (bases, MRO, member table) the first time it is asked for.
func (p *Program) Class(owner string, s *Symbol) *types.Class {
	if outer := p.outerOf[s]; outer != nil {
		// A nested class, reached by its name (A.B in an annotation)
		// before its outer class's body built it: named in the outer.
		return p.classIn(owner, outer.FullName, s)
	}
	return p.classIn(owner, owner, s)
}

// isLocalClass reports whether a class symbol is bound in a def's body.
func (p *Program) isLocalClass(s *Symbol) bool {
	p.scopeNamesMu.Lock()
	defer p.scopeNamesMu.Unlock()
	return p.localClasses[s]
}

// classIn builds the class of symbol s, defined in module at the
// qualified place prefix (the module, or an enclosing class's full name).
func (p *Program) classIn(module, prefix string, s *Symbol) *types.Class {
	if c, ok := p.classes[s]; ok {
		return c
	}
	if p.cycle.depth == 0 && p.buildComponent(module) {
		if c, ok := p.classes[s]; ok {
			return c
		}
	}
	owner := module
	def, _ := s.Def.(*ast.ClassDef)
	c := &types.Class{Name: s.Name, FullName: prefix + "." + s.Name, Module: module, Members: map[string]*types.Member{}}
	if p.isLocalClass(s) && def != nil {
		c.FullName += fmt.Sprintf("@%d", def.Lineno)
	}
	c.Unpromoted = p.cfg.StrictBytes && (c.FullName == "builtins.bytearray" || c.FullName == "builtins.memoryview")
	if p.classes == nil {
		p.classes = map[*Symbol]*types.Class{}
	}
	p.classes[s] = c // a class among its own bases sees itself without MRO
	if def == nil {
		c.MRO = []*types.Class{c}
		return c
	}
	p.enterClass()
	defer p.leaveClass()
	// An alias being expanded that led here (A = C | D, building C) is
	// no cycle for C's members: one that names A expands it afresh (C
	// is known by now), so a member's type does not depend on which of
	// the alias and the class was asked for first.
	expanding := p.aliasing
	p.aliasing = nil
	defer func() { p.aliasing = expanding }()
	ta := &typeAnalyzer{p: p, module: owner, outer: p.outerOf[s]}
	var attrs *ast.Call // the attrs class maker's call, when one decorates the class
	isAttrs, attrsMaker := false, ""
	var dataclass *ast.Call // the dataclass decorator's call, when it is called
	isDataclass := false
	bases, metaclass := ta.metaclassHelpers(def.Bases)
	for _, d := range def.DecoratorList {
		call, _ := d.(*ast.Call)
		if call != nil {
			d = call.Func
		}
		target, full, ok := ta.fullName(d)
		if ok && attrsClassMakers[full] {
			attrs, isAttrs = call, true
			attrsMaker = full
			continue
		}
		if ok && full == "dataclasses.dataclass" {
			dataclass, isDataclass = call, true
			p.dataclassPending[c] = true // (a subclass built meanwhile does not see its fields)
			continue
		}
		if ok && call != nil && full == "typing._promote" && len(call.Args) == 1 {
			if to, ok := ta.analyze(call.Args[0]).(*types.Instance); ok {
				c.PromotedTo = append(c.PromotedTo, to.Class)
			}
			continue
		}
		if ok && call != nil && addMetaclass[full] && len(call.Args) == 1 {
			metaclass = call.Args[0] // @six.add_metaclass(M)
			continue
		}
		if ok && call == nil && full == "typing.final" {
			c.Final = true
			continue
		}
		if ok && call == nil && runtimeProtocolDecorators[full] {
			c.RuntimeProtocol = true // (on a class that is no protocol: an error, see the names pass)
			continue
		}
		if addsMembers(target, full, ok) {
			c.Decorated = true
		}
	}
	// The type parameters first, so that the bases can refer to them: a
	// PEP 695 class's as it lists them; else in the order Generic[...]
	// (or Protocol[...]) lists them when a base does, else in the order
	// the bases use them.
	if len(def.TypeParams) > 0 {
		if params, ok := ta.typeParams(def.TypeParams, c.FullName, false); ok {
			for _, tv := range params {
				tv.VarianceOwner = c // (inferred from its members on first use)
			}
			c.TypeParams = params
			ta.classVars = classTypeVars(c)
		} else {
			ta.variadic = true
		}
	}
	for _, b := range bases {
		if sub, ok := b.(*ast.Subscript); ok {
			if _, name, _ := ta.fullName(sub.Value); name == "typing.Generic" || name == "typing.Protocol" {
				c.TypeParams = append(c.TypeParams, ta.genericParams(b)...)
			}
		}
	}
	for _, b := range bases {
		c.TypeParams = append(c.TypeParams, ta.genericParams(b)...)
	}
	c.VariadicParams = ta.variadic
	var typedDictBases []*types.Instance // the TypedDict classes among the bases
	for _, b := range bases {
		head := b
		if sub, ok := b.(*ast.Subscript); ok {
			head = sub.Value
		}
		target, name, _ := ta.fullName(head)
		if name != "" {
			switch name {
			case "typing.Protocol":
				c.IsProtocol = true
			case "typing.TypedDict", "typing_extensions.TypedDict":
				c.IsTypedDict = true
			case "typing.NamedTuple", "typing_extensions.NamedTuple":
				c.IsNamedTuple = true
			}
		}
		t := ta.analyze(b)
		switch bt := t.(type) {
		case *types.Instance:
			if bt.Class.IsTypedDict {
				c.IsTypedDict = true
				typedDictBases = append(typedDictBases, bt)
			} else if bt.Class != c {
				c.Bases = append(c.Bases, bt)
			}
		case *types.Tuple:
			if bt.Fallback != nil {
				c.Bases = append(c.Bases, bt.Fallback)
				c.TupleBase = &types.Tuple{Items: bt.Items, Fallback: &types.Instance{Class: c}}
			} else {
				c.AnyBase = true // tuple's class is not known here
			}
		case *types.Any:
			// Generic[T], Protocol and the other special forms are not
			// bases of unknown shape; Any, a name from a module that could
			// not be followed or a value (a functional named tuple) are.
			switch {
			case name == "typing.NamedTuple" || name == "typing_extensions.NamedTuple":
				// (A stub's NamedTuple that is not a class: a named tuple
				// is a tuple all the same.)
				if tuple := p.builtinClass("tuple"); tuple != nil {
					c.Bases = append(c.Bases, &types.Instance{Class: tuple, Args: []types.Type{&types.Any{Reason: types.AnySpecialForm}}})
				}
			case specialFormBases[name]:
			case specialFormValue(target) || specialFormCall(b):
				c.UnknownMembers = true
			default:
				c.AnyBase = true
			}
		}
	}
	typedDict := c.IsTypedDict && p.typedDictBases(c, typedDictBases)
	for _, k := range def.Keywords {
		if k.Arg == "metaclass" {
			metaclass = k.Value
		}
	}
	if metaclass != nil {
		if m, ok := ta.analyze(metaclass).(*types.Instance); ok {
			c.Metaclass, c.DeclaredMetaclass = m, m
		} else {
			c.MetaclassUnknown = true
		}
	}
	for _, b := range c.Bases {
		c.MetaclassUnknown = c.MetaclassUnknown || b.Class.MetaclassUnknown
	}
	if c.Metaclass == nil {
		for _, b := range c.Bases {
			if b.Class.Metaclass != nil {
				c.Metaclass = b.Class.Metaclass
				break
			}
		}
	}
	if len(c.Bases) == 0 && c.FullName != "builtins.object" {
		if obj := p.builtinClass("object"); obj != nil {
			c.Bases = []*types.Instance{{Class: obj}}
		}
	}
	for _, b := range c.Bases {
		if len(b.Class.MRO) == 0 {
			p.cycle.seen = true // a base still being built: its MRO comes later
		}
	}
	mro, ok := linearize(c)
	c.MRO = mro
	if !ok {
		if p.badMRO == nil {
			p.badMRO = map[*types.Class]bool{}
		}
		p.badMRO[c] = true
	}
	p.classMembers(c, def, ta)
	classSlots(c, def)
	if isAttrs {
		// (the fields' types are read in the class body: its type
		// variables and nested classes are in scope)
		p.attrsMembers(c, def, &typeAnalyzer{p: p, module: ta.module, classVars: classTypeVars(c), class: c, outer: c},
			attrsMaker, attrs)
	}
	if isDataclass {
		inner := &typeAnalyzer{p: p, module: ta.module, classVars: classTypeVars(c), class: c, outer: c}
		if !p.dataclassMembers(c, def, inner, dataclass) {
			c.Decorated = true // members typd does not model
		}
		delete(p.dataclassPending, c)
	}
	if typedDict {
		p.typedDictItems(c, def, &typeAnalyzer{p: p, module: ta.module, classVars: classTypeVars(c), class: c}, typedDictBases,
			s.Value != nil)
	}
	p.cycle.completed = append(p.cycle.completed, c)
	return c
}

// classCycle tracks the classes built while an outermost class is being
// built: when one of them saw a base whose MRO was not computed yet (the
// classes refer to each other), every one of them is linearized again
// once all are complete, in the order they completed.
type classCycle struct {
	depth     int
	seen      bool
	completed []*types.Class
}

// buildComponent builds, the first time a class of a module of the
// program's own code (not a typeshed stub) is asked for, every top-level
// tuple class (a named tuple, a class with a tuple base) of that module's
// import cycle (its component of the import graph), module by module in
// the graph's order and each in source order. A tuple class's instances
// are tuples only once it is built, so classes that refer to each other
// through one (a named tuple's field typed with another that refers back)
// are typed differently depending on which is built first: this makes
// that the same whichever module's check, or which function of it, first
// asks (the classes these builds reach are built in the same order, and
// the others see every tuple class complete), so that re-checking part of
// a program finds what checking all of it finds (DESIGN.md invariant 3).
// It reports whether it built anything.
func (p *Program) buildComponent(module string) bool {
	m := p.graph.Modules[module]
	if m == nil || m.Shared {
		return false
	}
	if p.componentOf == nil {
		p.componentOf = map[string]int{}
		for i, scc := range p.graph.SCCs {
			for _, member := range scc {
				p.componentOf[member.Name] = i
			}
		}
		p.componentsBuilt = map[int]bool{}
	}
	i, ok := p.componentOf[module]
	if !ok || p.componentsBuilt[i] {
		return false
	}
	p.componentsBuilt[i] = true
	for _, member := range p.graph.SCCs[i] {
		mod := p.Modules[member.Name]
		if mod == nil || member.File == nil {
			continue
		}
		for _, sym := range p.topLevelClasses(mod, tupleBased) {
			p.classIn(member.Name, member.Name, sym)
		}
	}
	return true
}

// BuildClasses builds the classes a module's top level defines, in
// source order, as its analysis does when it walks their statements. A
// session calls it beside other work (on another goroutine, done before
// anything else uses p) for the modules an edit changed, which it then
// analyses: they find their classes built. What a class is does not
// depend on whether it was asked for by its statement, by another
// module or first of all (see buildComponent; a session's partial
// re-checks rely on that too).
func (p *Program) BuildClasses(module string) {
	mod, m := p.Modules[module], p.graph.Modules[module]
	if mod == nil || m == nil || m.File == nil || len(m.File.Errors) > 0 {
		return
	}
	for _, sym := range p.topLevelClasses(mod, func(*ast.ClassDef) bool { return true }) {
		p.Class(module, sym)
	}
}

// topLevelClasses returns the class symbols a module's top level binds
// whose statements keep accepts, in source order.
func (p *Program) topLevelClasses(mod *Module, keep func(*ast.ClassDef) bool) []*Symbol {
	var classes []*Symbol
	for _, sym := range mod.Names {
		if def, ok := sym.Def.(*ast.ClassDef); ok && sym.Kind == Class && p.outerOf[sym] == nil && keep(def) {
			classes = append(classes, sym)
		}
	}
	slices.SortFunc(classes, func(a, b *Symbol) int {
		return cmp.Or(cmp.Compare(a.Def.Pos().Lineno, b.Def.Pos().Lineno), cmp.Compare(a.Def.Pos().ColOffset, b.Def.Pos().ColOffset))
	})
	return classes
}

// tupleBased reports a class statement with a base that may make it a
// tuple class: NamedTuple, namedtuple(...), Tuple[...] or tuple[...].
func tupleBased(def *ast.ClassDef) bool {
	for _, b := range def.Bases {
		switch x := b.(type) {
		case *ast.Call:
			return true
		case *ast.Subscript:
			b = x.Value
		}
		name := ast.DottedName(b)
		switch name[strings.LastIndexByte(name, '.')+1:] {
		case "NamedTuple", "namedtuple", "Tuple", "tuple":
			return true
		}
	}
	return false
}

// enterClass and leaveClass bracket the building of a class.
func (p *Program) enterClass() { p.cycle.depth++ }

func (p *Program) leaveClass() {
	p.cycle.depth--
	if p.cycle.depth > 0 {
		return
	}
	if p.cycle.seen {
		for _, k := range p.cycle.completed {
			if mro, ok := linearize(k); ok {
				k.MRO = mro
			}
		}
	}
	p.cycle = classCycle{}
}

// specialFormBases are the bases that analyze to no class but leave a
// class's shape known.
var specialFormBases = map[string]bool{"typing.Generic": true, "typing.Protocol": true, "typing_extensions.Protocol": true,
	"typing.TypedDict": true, "typing_extensions.TypedDict": true, "typing.NamedTuple": true,
	"typing_extensions.NamedTuple": true, "typing_extensions.Generic": true}

// specialFormValue reports a name bound to a class made by a call (a
// functional NamedTuple, namedtuple, TypedDict or NewType): not a base of
// unknown shape.
func specialFormValue(t Target) bool {
	return t.Sym != nil && specialFormCall(t.Sym.Value)
}

// specialFormCall reports a base written as a call that makes a class
// (`class B(NamedTuple('B', [...]))`).
func specialFormCall(e ast.Expr) bool {
	call, ok := e.(*ast.Call)
	if !ok {
		return false
	}
	name := ast.DottedName(call.Func)
	switch name[strings.LastIndexByte(name, '.')+1:] {
	case "NamedTuple", "namedtuple", "TypedDict", "NewType":
		return true
	}
	return false
}

// memberAddingDecorators are the class decorators of the standard library
// that add members mypy knows of and typd does not model (a dataclass
// whose fields typd cannot read is made Decorated too).
var memberAddingDecorators = map[string]bool{"functools.total_ordering": true}

// addsMembers reports whether a class decorator may add members typd does
// not model: as in mypy, a decorator leaves the class as it is unless a
// plugin knows it (total_ordering; dataclass and attrs's makers are
// modelled apart) or it is a dataclass_transform. One that
// cannot be resolved (a call's result, a name from a missing module) adds
// nothing.
func addsMembers(target Target, full string, resolved bool) bool {
	switch {
	case !resolved:
		return false
	case memberAddingDecorators[full]:
		return true
	case target.Sym == nil:
		return false
	}
	switch def := target.Sym.Def.(type) {
	case *ast.FunctionDef:
		if transformsDataclasses(def.DecoratorList) {
			return true
		}
	case *ast.ClassDef:
		return transformsDataclasses(def.DecoratorList)
	}
	// An overloaded decorator has the marker on its variants.
	for _, v := range target.Sym.Variants {
		if transformsDataclasses(v.DecoratorList) {
			return true
		}
	}
	return false
}

// runtimeProtocolDecorators make a protocol usable with isinstance.
var runtimeProtocolDecorators = map[string]bool{"typing.runtime_checkable": true, "typing_extensions.runtime_checkable": true,
	"typing.runtime": true, "typing_extensions.runtime": true}

// withMetaclass and addMetaclass are the helpers of six and future that
// give a class a metaclass in code that also runs on Python 2, which mypy
// understands: a base `with_metaclass(M, *bases)`, a decorator
// `@add_metaclass(M)`.
var (
	withMetaclass = map[string]bool{"six.with_metaclass": true, "future.utils.with_metaclass": true}
	addMetaclass  = map[string]bool{"six.add_metaclass": true}
)

// metaclassHelpers replaces a base `with_metaclass(M, *bases)` by its
// bases, and returns M.
func (ta *typeAnalyzer) metaclassHelpers(bases []ast.Expr) ([]ast.Expr, ast.Expr) {
	var out []ast.Expr
	var metaclass ast.Expr
	for _, b := range bases {
		if call, ok := b.(*ast.Call); ok && len(call.Args) > 0 && len(call.Keywords) == 0 {
			if _, full, ok := ta.fullName(call.Func); ok && withMetaclass[full] {
				metaclass = call.Args[0]
				out = append(out, call.Args[1:]...)
				continue
			}
		}
		out = append(out, b)
	}
	return out, metaclass
}

// transformsDataclasses reports a @dataclass_transform among decorators.
func transformsDataclasses(decorators []ast.Expr) bool {
	for _, d := range decorators {
		if call, ok := d.(*ast.Call); ok {
			d = call.Func
		}
		if name := ast.DottedName(d); name == "dataclass_transform" || strings.HasSuffix(name, ".dataclass_transform") {
			return true
		}
	}
	return false
}

// BadMRO reports whether a class's bases have no consistent method
// resolution order.
func (p *Program) BadMRO(c *types.Class) bool { return p.badMRO[c] }

// classMembers fills a class's member table from its body: annotated and
// assigned names, and methods.
func (p *Program) classMembers(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer) {
	col := &collector{rc: p.cfg.Reach, names: Table{}, base: func(x *ast.ImportFrom) (string, bool) {
		return x.Module, true
	}}
	col.stmts(def.Body)
	inner := &typeAnalyzer{p: p, module: ta.module, classVars: classTypeVars(c), class: c}
	getters := propertyGetters(def.Body, ta)
	// A protocol's methods with trivial bodies are implicitly abstract
	// (outside stubs, where every body is trivial), as in mypy.
	mod := p.graph.Modules[ta.module]
	outsideStub := mod != nil && !mod.IsStub
	implicitlyAbstract := func(f *ast.FunctionDef) bool {
		return c.IsProtocol && outsideStub && f != nil && ast.TrivialBody(f.Body)
	}
	// trivialAbstract is mypy's is_trivial_body: an abstract def (or an
	// implicitly abstract one) whose body does nothing, outside a stub.
	trivialAbstract := func(f *ast.FunctionDef) bool {
		return outsideStub && f != nil && ast.TrivialBody(f.Body) && (isAbstract(f) || implicitlyAbstract(f))
	}
	for name, s := range col.names {
		if s.Kind == Class {
			// Registered first: a nested class may name a sibling.
			if p.nestedClasses == nil {
				p.nestedClasses = map[*types.Class]map[string]*Symbol{}
				p.outerOf = map[*Symbol]*types.Class{}
			}
			if p.nestedClasses[c] == nil {
				p.nestedClasses[c] = map[string]*Symbol{}
			}
			p.nestedClasses[c][name] = s
			p.outerOf[s] = c
		}
	}
	for name, s := range col.names {
		m := &types.Member{Name: name}
		switch s.Kind {
		case Func:
			s := s
			if getter, ok := getters[name]; ok {
				// A property (its setter, if any, redefined the name):
				// the getter's signature; reading it calls the getter.
				m = types.NewLazyMember(name, true, func() types.Type { return p.Signature(ta.module, c, getter) })
				m.IsProperty = true
				if p.properties == nil {
					p.properties = map[*types.Member][2]*ast.FunctionDef{}
				}
				p.properties[m] = [2]*ast.FunctionDef{getter, propertySetter(def.Body, name)}
				m.Settable = p.properties[m][1] != nil
				m.Abstract = isAbstract(getter) || implicitlyAbstract(getter)
				m.UnsafeSuper = trivialAbstract(getter)
				m.Final = hasDecorator(getter, finalDecorators)
				break
			}
			m = types.NewLazyMember(name, true, func() types.Type { return p.funcType(ta.module, c, s) })
			if f, ok := s.Def.(*ast.FunctionDef); ok && len(s.Variants) == 0 && len(f.DecoratorList) > 0 {
				if p.decoratedDefs == nil {
					p.decoratedDefs = map[*types.Member]*ast.FunctionDef{}
				}
				p.decoratedDefs[m] = f
			}
			def, _ := s.Def.(*ast.FunctionDef)
			if len(s.Variants) > 0 {
				def = s.Variants[0] // the first variant decides, as in mypy
			}
			m.Abstract = def != nil && isAbstract(def)
			if impl, ok := s.Def.(*ast.FunctionDef); !ok || len(s.Variants) > 0 && slices.Contains(s.Variants, impl) {
				// An overload without implementation: abstract in a
				// protocol as an empty body is; through super(), nothing
				// when every variant is abstract.
				m.Abstract = m.Abstract || implicitlyAbstract(&ast.FunctionDef{})
				m.UnsafeSuper = outsideStub && len(s.Variants) > 0 &&
					!slices.ContainsFunc(s.Variants, func(v *ast.FunctionDef) bool { return !isAbstract(v) })
			} else {
				m.Abstract = m.Abstract || implicitlyAbstract(impl)
				m.UnsafeSuper = trivialAbstract(impl)
			}
			m.Final = def != nil && hasDecorator(def, finalDecorators)
			m.Async = def != nil && def.IsAsync
			if impl, ok := s.Def.(*ast.FunctionDef); ok && len(s.Variants) > 0 && hasDecorator(impl, finalDecorators) {
				m.Final = true // @final on an overload's implementation
			}
		case Class:
			m.Type = &types.TypeType{Item: &types.Instance{Class: p.classIn(c.Module, c.FullName, s)}}
			m.NestedClass = true
		case ModuleRef, Imported:
			if p.classImports == nil {
				p.classImports = map[*types.Member]*Symbol{}
			}
			p.classImports[m] = s
		case Var:
			m.Final = s.Final || s.Annotation != nil && IsFinalAnnotation(s.Annotation)
			m.ClassVar = s.Annotation != nil && IsClassVarAnnotation(s.Annotation)
			if s.TypeComment != "" {
				if ann := TypeCommentExpr(s.TypeComment); ann != nil && IsClassVarAnnotation(ann) {
					m.ClassVar = true
				}
			}
			if m.Final && s.Value == nil {
				if p.finalsWithoutValue == nil {
					p.finalsWithoutValue = map[*types.Member]bool{}
				}
				p.finalsWithoutValue[m] = true
			}
			m.NotEnumValue = notEnumValue(s.Value, col.names)
			if s.Annotation != nil {
				m.Type = inner.analyze(s.Annotation)
			} else if s.Value != nil {
				if p.implicit == nil {
					p.implicit = map[*types.Member]ImplicitAttr{}
				}
				p.implicit[m] = ImplicitAttr{Module: ta.module, Value: s.Value, Final: s.Final}
			}
		}
		c.Members[name] = m
	}
	p.selfAttributes(c, def, inner)
	if c.IsNamedTuple {
		p.namedTupleFields(c, def, inner)
	}
}

// notEnumValue reports a class-body value an enum does not make a member:
// a lambda, a nonmember(...) or a descriptor made by a call of
// staticmethod, classmethod or property, or the name of a def of the same
// body.
func notEnumValue(v ast.Expr, body Table) bool {
	switch x := v.(type) {
	case *ast.Lambda:
		return true
	case *ast.Call:
		switch specialFormName(x.Func) {
		case "nonmember", "staticmethod", "classmethod", "property":
			return true
		}
	case *ast.Name:
		s := body[x.ID]
		return s != nil && s.Kind == Func
	}
	return false
}

// abstractDecorators mark a method abstract.
var abstractDecorators = map[string]bool{"abstractmethod": true, "abc.abstractmethod": true,
	"abstractproperty": true, "abc.abstractproperty": true}

// finalDecorators mark a method final.
var finalDecorators = map[string]bool{"final": true, "typing.final": true, "typing_extensions.final": true}

// isAbstract reports a def decorated @abstractmethod (or
// @abstractproperty).
func isAbstract(def *ast.FunctionDef) bool { return hasDecorator(def, abstractDecorators) }

// hasDecorator reports a def with one of the decorators, by spelling.
func hasDecorator(def *ast.FunctionDef, names map[string]bool) bool {
	for _, d := range def.DecoratorList {
		if names[ast.DottedName(d)] {
			return true
		}
	}
	return false
}

// propertyDecorators are the decorators that make a def a read-only
// attribute whose value its call gives.
var propertyDecorators = map[string]bool{"property": true, "builtins.property": true, "abstractproperty": true,
	"abc.abstractproperty": true, "cached_property": true, "functools.cached_property": true}

// resolvedPropertyDecorators are the full names mypy reads as property
// decorators, whatever a module calls them.
var resolvedPropertyDecorators = map[string]bool{"builtins.property": true, "abc.abstractproperty": true,
	"functools.cached_property": true, "enum.property": true, "types.DynamicClassAttribute": true}

// isPropertyDecorator reports a decorator that resolves to a property
// decorator, directly or through a module-level alias (enum's
// `_magic_enum_attr = property`).
func (ta *typeAnalyzer) isPropertyDecorator(d ast.Expr) bool {
	t, full, ok := ta.fullName(d)
	if !ok || t.Sym == nil {
		return false
	}
	if resolvedPropertyDecorators[full] {
		return true
	}
	if first := firstAssign(t.Sym); first != nil && t.Sym.Kind == Var {
		inner := &typeAnalyzer{p: ta.p, module: t.Owner}
		_, aliased, ok := inner.fullName(first.Value)
		return ok && resolvedPropertyDecorators[aliased]
	}
	return false
}

// propertyGetters finds the defs of a class body decorated as properties,
// by name (the first, the getter). A decorator is one by its name or by
// what it resolves to (see isPropertyDecorator).
func propertyGetters(body []ast.Stmt, ta *typeAnalyzer) map[string]*ast.FunctionDef {
	var out map[string]*ast.FunctionDef
	for _, st := range body {
		f, ok := st.(*ast.FunctionDef)
		if !ok {
			continue
		}
		for _, d := range f.DecoratorList {
			if propertyDecorators[ast.DottedName(d)] || ta.isPropertyDecorator(d) {
				if out == nil {
					out = map[string]*ast.FunctionDef{}
				}
				if _, seen := out[f.Name]; !seen {
					out[f.Name] = f
				}
			}
		}
	}
	return out
}

// namedTupleFields makes a class-syntax named tuple's fields, its
// annotated names in order, its tuple type, its constructor and (from
// Python 3.10) its __match_args__, as mypy's semantic analyser does:
// `__init__(self, f1: T1, f2: T2 = ...)`, where a field with a value is
// optional.
func (p *Program) namedTupleFields(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer) {
	tup := &types.Tuple{Fallback: &types.Instance{Class: c}}
	init := &types.Callable{Name: "__init__", Module: ta.module, Owner: c.Name, Ret: &types.NoneType{},
		Params: []types.Param{{Name: "self", Type: &types.Instance{Class: c}, Kind: types.ArgPos}}}
	for _, s := range def.Body {
		a, ok := s.(*ast.AnnAssign)
		if !ok {
			continue
		}
		n, ok := a.Target.(*ast.Name)
		if !ok {
			continue
		}
		t := ta.analyze(a.Annotation)
		tup.Items = append(tup.Items, t)
		kind := types.ArgPos
		if a.Value != nil {
			kind = types.ArgOpt
		}
		init.Params = append(init.Params, types.Param{Name: n.ID, Type: t, Kind: kind})
	}
	c.TupleBase = tup
	if _, own := c.Members["__init__"]; !own {
		c.Members["__init__"] = &types.Member{Name: "__init__", IsMethod: true, Type: init}
	}
	// From Python 3.10 a named tuple's __match_args__ are its fields'
	// names, as literals (what a class pattern's positions match).
	str, tuple := p.builtinClass("str"), p.builtinClass("tuple")
	if v := p.cfg.Reach.PythonVersion; (v[0] > 3 || v[0] == 3 && v[1] >= 10) && str != nil && tuple != nil {
		if _, own := c.Members["__match_args__"]; !own {
			var names []types.Type
			for _, prm := range init.Params[1:] {
				names = append(names, &types.Literal{Value: types.LiteralValue{Kind: types.LitStr, Str: prm.Name},
					Fallback: &types.Instance{Class: str}})
			}
			c.Members["__match_args__"] = &types.Member{Name: "__match_args__",
				Type: &types.Tuple{Items: names, Fallback: &types.Instance{Class: tuple, Args: []types.Type{&types.Instance{Class: str}}}}}
		}
	}
}

// ImplicitAttr is an attribute without an annotation whose type is
// inferred from its value: assigned through self in Method, or in the
// class body (Method nil).
type ImplicitAttr struct {
	Module string
	// Class is the class whose method assigns it.
	Class  *types.Class
	Method *ast.FunctionDef
	Value  ast.Expr
	// Target is the tuple or list of targets Value is unpacked into when
	// the attribute is one of them (Part, somewhere inside Target); both
	// are nil when the attribute is the whole target.
	Target, Part ast.Expr
	// Final marks a class attribute declared `Final` without a type: its
	// value's literal is kept.
	Final bool
}

// selfAttributes adds the attributes methods assign as `self.x = v` or
// declare as `self.x: T = v`, first assignment first.
func (p *Program) selfAttributes(c *types.Class, def *ast.ClassDef, ta *typeAnalyzer) {
	for _, s := range def.Body {
		f, ok := s.(*ast.FunctionDef)
		if !ok || len(f.Args.Args) == 0 {
			continue
		}
		self := f.Args.Args[0].Arg
		// Only statements assign (not into nested functions and classes).
		ast.EachStatement(f.Body, func(n ast.Stmt) {
			switch x := n.(type) {
			case *ast.Assign:
				for _, t := range x.Targets {
					ast.ForEachTarget(t, func(part ast.Expr) {
						attr := selfAttr(part, self)
						if attr == "" || inBase(c, attr) {
							return // (a base's attribute is assigned, not defined)
						}
						if _, ok := c.Members[attr]; !ok {
							m := &types.Member{Name: attr, OnInstance: true}
							c.Members[attr] = m
							if p.implicit == nil {
								p.implicit = map[*types.Member]ImplicitAttr{}
							}
							a := ImplicitAttr{Module: ta.module, Class: c, Method: f, Value: x.Value}
							if part != t {
								a.Target, a.Part = t, part
							}
							p.implicit[m] = a
						}
					})
				}
			case *ast.AnnAssign:
				if attr := selfAttr(x.Target, self); attr != "" {
					if _, ok := c.Members[attr]; ok && IsFinalAnnotation(x.Annotation) {
						if p.finalRedefinitions == nil {
							p.finalRedefinitions = map[*ast.AnnAssign]bool{}
						}
						p.finalRedefinitions[x] = true // `self.x: Final = v` after x was bound
					}
					if _, ok := c.Members[attr]; !ok {
						m := &types.Member{Name: attr, OnInstance: true, Final: IsFinalAnnotation(x.Annotation)}
						if IsBareFinal(x.Annotation) && x.Value != nil {
							// `self.x: Final = v`: typed by its value.
							if p.implicit == nil {
								p.implicit = map[*types.Member]ImplicitAttr{}
							}
							p.implicit[m] = ImplicitAttr{Module: ta.module, Class: c, Method: f, Value: x.Value, Final: true}
						} else {
							m.Type = ta.analyze(x.Annotation)
						}
						c.Members[attr] = m
					}
				}
			}
		})
	}
}

// inBase reports a name a base class of c has (its own members aside), as
// mypy looks an assigned attribute up before defining it.
func inBase(c *types.Class, name string) bool {
	for _, b := range c.MRO[min(1, len(c.MRO)):] {
		if _, ok := b.Members[name]; ok {
			return true
		}
	}
	return false
}

// selfAttr returns x for the target `self.x`, else "".
func selfAttr(e ast.Expr, self string) string {
	a, ok := e.(*ast.Attribute)
	if !ok {
		return ""
	}
	if n, ok := a.Value.(*ast.Name); ok && n.ID == self {
		return a.Attr
	}
	return ""
}

// FinalRedefinition reports a declaration `self.x: Final = v` of an
// attribute the class already binds (mypy: "Cannot redefine an existing
// name as final").
func (p *Program) FinalRedefinition(s *ast.AnnAssign) bool { return p.finalRedefinitions[s] }

// ClassImport returns the import in a class body that binds a member.
func (p *Program) ClassImport(m *types.Member) (*Symbol, bool) {
	s, ok := p.classImports[m]
	return s, ok
}

// Implicit returns how to infer the type of an attribute assigned through
// self without an annotation.
func (p *Program) Implicit(m *types.Member) (ImplicitAttr, bool) {
	a, ok := p.implicit[m]
	return a, ok
}

// FinalWithoutValue reports a class-body variable declared Final with no
// value (`x: Final[int]`), which __init__ may then assign through self.
func (p *Program) FinalWithoutValue(m *types.Member) bool { return p.finalsWithoutValue[m] }

// PropertyDefs are the getter of a property member and its setter (nil
// for a read-only property).
func (p *Program) PropertyDefs(m *types.Member) (getter, setter *ast.FunctionDef) {
	defs := p.properties[m]
	return defs[0], defs[1]
}

// PropertySetterType is the type a property's setter takes (its second
// parameter's), and whether the property has a setter.
func (p *Program) PropertySetterType(module string, cls *types.Class, m *types.Member) (types.Type, bool) {
	_, setter := p.PropertyDefs(m)
	if setter == nil {
		return nil, false
	}
	sig := p.Signature(module, cls, setter)
	if len(sig.Params) < 2 || len(setter.DecoratorList) > 1 {
		// (A setter under other decorators takes what they make of it,
		// which is not modelled.)
		return &types.Any{Reason: types.AnySpecialForm}, true
	}
	return sig.Params[1].Type, true
}

// propertySetter is the def of a class body decorated @name.setter, or
// nil.
func propertySetter(body []ast.Stmt, name string) *ast.FunctionDef {
	for _, st := range body {
		f, ok := st.(*ast.FunctionDef)
		if !ok || f.Name != name {
			continue
		}
		for _, d := range f.DecoratorList {
			if a, ok := d.(*ast.Attribute); ok && a.Attr == "setter" && ast.DottedName(a.Value) == name {
				return f
			}
		}
	}
	return nil
}

// DecoratedDef is the decorated def a method member comes from.
func (p *Program) DecoratedDef(m *types.Member) (*ast.FunctionDef, bool) {
	f, ok := p.decoratedDefs[m]
	return f, ok
}

// funcType is the type of a Func symbol: its signature, or the overloaded
// type of its @overload variants.
func (p *Program) funcType(module string, cls *types.Class, s *Symbol) types.Type {
	if len(s.Variants) > 0 {
		o := &types.Overloaded{}
		prefix := module
		if cls != nil {
			prefix = cls.FullName
		}
		impl, _ := s.Def.(*ast.FunctionDef)
		implMsg, implDeprecated := "", false
		if impl != nil && !slices.Contains(s.Variants, impl) {
			implMsg, implDeprecated = p.Deprecation(module, impl.DecoratorList)
		}
		for _, v := range s.Variants {
			sig := p.Signature(module, cls, v)
			if sig.Decorated && onlyOverloadDecorated(v) {
				// @overload leaves the variant's signature as written.
				plain := *sig
				plain.Decorated = false
				sig = &plain
			}
			// A variant @deprecated marks is reported where a call picks
			// it; a deprecated implementation marks every variant.
			if msg, ok := p.Deprecation(module, v.DecoratorList); ok || implDeprecated {
				marked := *sig
				if ok {
					marked.Deprecated = fmt.Sprintf("overload %s of function %s.%s is deprecated: %s",
						types.Verbose(positionalOnly(sig, s.Name)), prefix, s.Name, msg)
				} else {
					marked.Deprecated = fmt.Sprintf("function %s.%s is deprecated: %s", prefix, s.Name, implMsg)
				}
				sig = &marked
			}
			o.Items = append(o.Items, sig)
		}
		return o // (one variant with an implementation is an overload too, as in mypy)
	}
	if f, ok := s.Def.(*ast.FunctionDef); ok {
		return p.Signature(module, cls, f)
	}
	return &types.Any{Reason: types.AnySpecialForm}
}

// positionalOnly is the signature of a dunder method (but __init__ and
// __new__) as mypy shows it, its parameters positional-only; other
// signatures are as they are.
func positionalOnly(sig *types.Callable, name string) *types.Callable {
	if !strings.HasPrefix(name, "__") || !strings.HasSuffix(name, "__") || name == "__init__" || name == "__new__" {
		return sig
	}
	out := *sig
	out.Params = slices.Clone(sig.Params)
	for i := range out.Params {
		if out.Params[i].Kind == types.ArgPos {
			out.Params[i].PosOnly = true
		}
	}
	return &out
}

// deprecatedDecorators are the decorators that mark a def or class
// deprecated (typing_extensions' is named typing.deprecated here).
var deprecatedDecorators = map[string]bool{"typing.deprecated": true, "warnings.deprecated": true}

// Deprecation is the message of the @deprecated("message") decorator
// among the decorators of a def or class of module; ok is false when
// none marks it.
func (p *Program) Deprecation(module string, decorators []ast.Expr) (msg string, ok bool) {
	ta := &typeAnalyzer{p: p, module: module}
	for _, dec := range decorators {
		call, isCall := dec.(*ast.Call)
		if !isCall || len(call.Args) == 0 {
			continue
		}
		text, isStr := call.Args[0].(*ast.Constant)
		if !isStr || text.Value.Kind != ast.StrValue {
			continue
		}
		if _, name, found := ta.fullName(call.Func); found && deprecatedDecorators[name] {
			return text.Value.Str, true
		}
	}
	return "", false
}

// onlyOverloadDecorated reports a variant whose decorators are @overload
// and staticmethod, classmethod or deprecated only.
func onlyOverloadDecorated(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if call, ok := d.(*ast.Call); ok && specialFormName(call.Func) == "deprecated" {
			continue // @deprecated("...") leaves the type as it is
		}
		switch ast.DottedName(d) {
		case "overload", "typing.overload", "typing_extensions.overload", "staticmethod", "classmethod":
		default:
			return false
		}
	}
	return true
}

// FuncType is the type of a module-level def (or overloaded def).
func (p *Program) FuncType(module string, s *Symbol) types.Type { return p.funcType(module, nil, s) }

// classTypeVars maps a class's type parameters by name.
func classTypeVars(c *types.Class) map[string]*types.TypeVar {
	out := map[string]*types.TypeVar{}
	for _, tv := range c.TypeParams {
		out[tv.Name] = tv
	}
	return out
}

// Intersection returns the ad-hoc class mypy narrows a value of class A to
// when it is checked against an unrelated class B: `<subclass of "m.A" and
// "m.B">`, defined in module, deriving from both (an intersection among
// them stands for its own bases). ok is false when no such class can
// exist: the bases have no consistent method resolution order. The same
// bases give the same class.
func (p *Program) Intersection(module string, a, b *types.Instance) (*types.Class, bool) {
	flat := func(pair ...*types.Instance) []*types.Instance {
		var out []*types.Instance
		for _, in := range pair {
			if in.Class.IsIntersection {
				out = append(out, in.Class.Bases...)
			} else {
				out = append(out, in)
			}
		}
		return out
	}
	bases := flat(a, b)
	names := make([]string, len(bases))
	for i, in := range bases {
		names[i] = in.Class.FullName
	}
	name := "<subclass of " + diag.PrettySeq(names, "and") + ">"
	key := module + "." + name
	if c, ok := p.intersections[key]; ok {
		return c, c != nil
	}
	if p.intersections == nil {
		p.intersections = map[string]*types.Class{}
	}
	c := &types.Class{Name: name, FullName: key, Module: module, Bases: bases, Members: map[string]*types.Member{},
		IsIntersection: true}
	mro, consistent := linearize(c)
	if !consistent {
		p.intersections[key] = nil
		return nil, false
	}
	c.MRO = mro
	p.intersections[key] = c
	return c, true
}

// CallableSubtype is the ad-hoc subclass of an instance's class that
// has a __call__ taking anything, which callable(x) narrows a value of a
// class without __call__ to (mypy's `<callable subtype of C>`).
func (p *Program) CallableSubtype(module string, base *types.Instance) *types.Class {
	name := "<callable subtype of " + base.Class.Name + ">"
	key := module + "." + name + "/" + base.Class.FullName
	if c, ok := p.intersections[key]; ok && c != nil {
		return c
	}
	if p.intersections == nil {
		p.intersections = map[string]*types.Class{}
	}
	c := &types.Class{Name: name, FullName: module + "." + name, Module: module, Bases: []*types.Instance{base},
		Members: map[string]*types.Member{}, IsIntersection: true}
	c.MRO = append([]*types.Class{c}, base.Class.MRO...)
	anyT := &types.Any{Reason: types.AnySpecialForm}
	c.Members["__call__"] = &types.Member{Name: "__call__", IsMethod: true, Type: &types.Callable{Name: "__call__",
		Module: module, Owner: name, Ret: anyT, Params: []types.Param{
			{Name: "self", Type: &types.Instance{Class: c}, Kind: types.ArgPos},
			{Name: "args", Type: anyT, Kind: types.ArgStar}, {Name: "kwargs", Type: anyT, Kind: types.ArgStar2}}}}
	p.intersections[key] = c
	return c
}

// linearize computes the C3 method resolution order of c; when the bases
// have no consistent order it returns a depth-first order and false. It
// counts how often each class stands in the tail of a sequence and keeps
// the sequences whose head is in no tail in a heap by their order, so a
// class with n bases is linearized in O(n log n).
func linearize(c *types.Class) ([]*types.Class, bool) {
	var seqs [][]*types.Class
	for _, b := range c.Bases {
		if len(b.Class.MRO) > 0 {
			seqs = append(seqs, b.Class.MRO)
		}
	}
	if len(c.Bases) > 0 {
		bases := make([]*types.Class, len(c.Bases))
		for i, b := range c.Bases {
			bases[i] = b.Class
		}
		seqs = append(seqs, bases)
	}
	inTails := map[*types.Class]int{}
	// headOf lists the sequences whose head each class became.
	headOf := map[*types.Class][]int{}
	for i, s := range seqs {
		for _, x := range s[1:] {
			inTails[x]++
		}
		headOf[s[0]] = append(headOf[s[0]], i)
	}
	ready := &seqHeap{}
	for i, s := range seqs {
		if inTails[s[0]] == 0 {
			heap.Push(ready, i)
		}
	}
	out := []*types.Class{c}
	left := len(seqs)
	for left > 0 {
		var head *types.Class
		for ready.Len() > 0 {
			i := heap.Pop(ready).(int)
			if len(seqs[i]) > 0 && inTails[seqs[i][0]] == 0 {
				head = seqs[i][0]
				break
			}
		}
		if head == nil {
			return depthFirst(c), false
		}
		out = append(out, head)
		for _, i := range headOf[head] {
			s := seqs[i]
			if len(s) == 0 || s[0] != head {
				continue
			}
			seqs[i] = s[1:]
			if len(s) == 1 {
				left--
				continue
			}
			next := s[1]
			inTails[next]--
			headOf[next] = append(headOf[next], i)
			if inTails[next] == 0 {
				for _, j := range headOf[next] {
					heap.Push(ready, j)
				}
			}
		}
		delete(headOf, head)
	}
	return out, true
}

// seqHeap is a min-heap of sequence indices.
type seqHeap []int

func (h seqHeap) Len() int           { return len(h) }
func (h seqHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h seqHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *seqHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *seqHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func depthFirst(c *types.Class) []*types.Class {
	seen := map[*types.Class]bool{}
	var out []*types.Class
	var walk func(k *types.Class)
	walk = func(k *types.Class) {
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, k)
		for _, b := range k.Bases {
			walk(b.Class)
		}
	}
	walk(c)
	return out
}

// builtinClass returns a class of the builtins module, or nil.
func (p *Program) builtinClass(name string) *types.Class {
	return p.ModuleClass("builtins", name)
}

// ModuleClass returns the class `name` of a module, or nil.
func (p *Program) ModuleClass(module, name string) *types.Class {
	t, ok := p.Resolve(module, name)
	if !ok || t.Sym == nil || t.Sym.Kind != Class {
		return nil
	}
	return p.Class(t.Owner, t.Sym)
}

// ClassProblem is an error in a class's definition that building the
// class found (a TypedDict's keys, an attrs field's arguments), for the
// checker to report at Node when it walks the class.
type ClassProblem struct {
	Node ast.Node
	Msg  string
	// Code is the error code, misc when empty; UntypedDefsOnly marks an
	// error reported under --disallow-untyped-defs only.
	Code            string
	UntypedDefsOnly bool
}

// ClassProblems are the errors found in a class's definition.
func (p *Program) ClassProblems(c *types.Class) []ClassProblem { return p.classProblems[c] }

// classProblem records an error in class c's definition.
func (p *Program) classProblem(c *types.Class, n ast.Node, msg string) {
	p.addClassProblem(c, ClassProblem{Node: n, Msg: msg})
}

// addClassProblem records an error in class c's definition.
func (p *Program) addClassProblem(c *types.Class, pr ClassProblem) {
	if p.classProblems == nil {
		p.classProblems = map[*types.Class][]ClassProblem{}
	}
	p.classProblems[c] = append(p.classProblems[c], pr)
}
