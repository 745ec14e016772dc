package deps

import (
	"strings"

	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// binaryMethods are the methods of the binary operators (mypy's
// op_methods), by symbol.
var binaryMethods = map[string]string{
	"+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "%": "__mod__",
	"//": "__floordiv__", "**": "__pow__", "@": "__matmul__", "&": "__and__", "|": "__or__",
	"^": "__xor__", "<<": "__lshift__", ">>": "__rshift__", "==": "__eq__", "!=": "__ne__",
	"<": "__lt__", ">=": "__ge__", ">": "__gt__", "<=": "__le__", "in": "__contains__",
}

// reverseMethods are the reflected methods of binary operator methods.
var reverseMethods = map[string]string{
	"__add__": "__radd__", "__sub__": "__rsub__", "__mul__": "__rmul__", "__truediv__": "__rtruediv__",
	"__mod__": "__rmod__", "__floordiv__": "__rfloordiv__", "__pow__": "__rpow__",
	"__matmul__": "__rmatmul__", "__and__": "__rand__", "__or__": "__ror__", "__xor__": "__rxor__",
	"__lshift__": "__rlshift__", "__rshift__": "__rrshift__", "__eq__": "__eq__", "__ne__": "__ne__",
	"__lt__": "__gt__", "__ge__": "__le__", "__gt__": "__lt__", "__le__": "__ge__",
}

// unaryMethods are the methods of the unary operators.
var unaryMethods = map[ast.UnaryOperator]string{ast.USub: "__neg__", ast.UAdd: "__pos__", ast.Invert: "__invert__"}

// assign visits an assignment (an annotated one has annotation set; its
// value may be nil).
func (v *depVisitor) assign(targets []ast.Expr, value, annotation ast.Expr, s ast.Stmt) {
	if call, ok := value.(*ast.Call); ok && len(targets) == 1 {
		if name, ok := targets[0].(*ast.Name); ok && v.specialAssignment(name, call) {
			return
		}
	}
	if a, ok := s.(*ast.Assign); ok && len(targets) == 1 {
		if alias, _ := v.Program.DefinesTypeAlias(v.Module, a); alias {
			v.aliasDeps(value, "")
			if t := v.typeOf(value); t != nil && isTypeObject(t) {
				c := typeObject(t)
				v.dep(trigger(c.FullName+".__init__"), "")
				v.dep(trigger(c.FullName+".__new__"), "")
				v.typeDeps(t, "")
			} else if t := v.Program.AnnotationType(v.Module, value); t != nil {
				v.typeDeps(t, "")
			}
			return
		}
	}
	v.exprOpt(value)
	for _, t := range targets {
		v.expr(t)
	}
	declared := annotation
	if a, ok := s.(*ast.Assign); ok && a.TypeComment != "" {
		declared = semanal.TypeCommentExpr(a.TypeComment)
	}
	var typ types.Type
	var kept []aliasUse
	if declared != nil {
		kept = v.aliasDeps(declared, "")
		typ = v.Program.AnnotationType(v.Module, declared)
	} else if value != nil {
		typ = v.typeOf(value)
	}
	for _, t := range targets {
		v.lvalue(t, typ)
		// The kept aliases an alias the annotation names is made of.
		if _, isName := t.(*ast.Name); isName && v.isGlobalTarget(t) {
			for _, u := range kept {
				for _, n := range u.nested {
					v.dep(trigger(n), trigger(v.fullTarget()+"."+t.(*ast.Name).ID))
				}
			}
		}
	}
	items := append(targets[:len(targets):len(targets)], value)
	for i := 0; i+1 < len(items); i++ {
		if _, ok := items[i].(*ast.Tuple); ok && items[i+1] != nil {
			v.attrDepOf(items[i+1], "__iter__")
		}
	}
	if v.Logical && declared == nil {
		v.logicalDefinition(targets, value, s)
	}
	if typ != nil && declared != nil {
		v.typeDeps(typ, "")
		for _, u := range kept {
			if u.kept {
				v.dep(trigger(u.name), "")
				for _, n := range u.nested {
					v.dep(trigger(n), "")
				}
			}
		}
	}
}

// logicalDefinition records, for `x = f(...)` without a declared type,
// that x is as precise as f is annotated: a logical dependency of x on
// f (on the __init__ a class's constructor runs).
func (v *depVisitor) logicalDefinition(targets []ast.Expr, value ast.Expr, s ast.Stmt) {
	call, ok := value.(*ast.Call)
	if !ok {
		return
	}
	var fname string
	if c := v.classRef(call.Func); c != nil {
		if m, owner := c.Lookup("__init__"); m != nil && m.IsMethod {
			fname = owner.FullName + ".__init__"
		}
	} else {
		fname = v.calleeName(call.Func)
	}
	if fname == "" {
		return
	}
	for _, t := range targets {
		n, ok := t.(*ast.Name)
		if !ok {
			continue
		}
		b, ok := v.info.Uses[n]
		if !ok || b.Sym == nil || b.Sym.First != s {
			continue // not the name's first definition
		}
		switch b.Scope.(type) {
		case nil:
			v.dep(trigger(fname), trigger(v.Module+"."+n.ID))
		case *ast.ClassDef:
			v.dep(trigger(fname), trigger(v.fullTarget()+"."+n.ID))
		default:
			return // a local definition makes none
		}
	}
}

// isGlobalTarget reports whether an assigned name is a module's or a
// class body's (mypy's GDEF or MDEF).
func (v *depVisitor) isGlobalTarget(e ast.Expr) bool {
	n, ok := e.(*ast.Name)
	if !ok {
		return false
	}
	b, ok := v.info.Uses[n]
	if !ok {
		return false
	}
	_, member := b.Scope.(*ast.ClassDef)
	return b.Scope == nil || member
}

// specialAssignment handles the assignments mypy analyses as definitions
// of their own (a type variable, a functional named tuple, TypedDict or
// enum); false for any other.
func (v *depVisitor) specialAssignment(name *ast.Name, call *ast.Call) bool {
	callee := v.calleeName(call.Func)
	switch callee {
	case "typing.TypeVar", "typing_extensions.TypeVar":
		full := v.fullTarget() + "." + name.ID
		if s := v.scopeOf(nil)[name.ID]; s != nil && v.function == "" && len(v.classes) == 0 {
			if tv := v.Program.DefinedTypeVar(v.Module, s); tv != nil {
				if tv.Bound != nil {
					v.typeDeps(tv.Bound, trigger(full))
				}
				for _, val := range tv.Values {
					v.typeDeps(val, trigger(full))
				}
			}
		}
		v.untyped++
		v.callParts(call)
		v.untyped--
		return true
	case "typing.NewType", "typing_extensions.NewType":
		v.untyped++
		v.callParts(call)
		v.expr(name)
		v.untyped--
		if len(call.Args) == 2 {
			v.aliasDeps(call.Args[1], "")
		}
		if c := v.calledClass(name); c != nil {
			v.classes = append(v.classes, v.fullTarget()+"."+name.ID)
			v.typeInfo(c, nil)
			v.classes = v.classes[:len(v.classes)-1]
		}
		return true
	case "typing.NamedTuple", "collections.namedtuple", "typing.TypedDict", "typing_extensions.TypedDict",
		"mypy_extensions.TypedDict", "enum.Enum", "enum.IntEnum", "enum.Flag", "enum.IntFlag", "enum.StrEnum":
		prefix := v.fullTarget() + "." + name.ID
		for _, a := range call.Args[min(1, len(call.Args)):] {
			v.aliasDeps(a, "")
		}
		c := v.calledClass(name)
		if c == nil {
			return true
		}
		switch {
		case c.TupleBase != nil:
			names := namedTupleFields(call)
			for i, item := range c.TupleBase.Items {
				v.typeDeps(item, "")
				v.typeDeps(item, trigger(prefix))
				if i < len(names) {
					v.typeDeps(item, trigger(prefix+"."+names[i]))
				}
			}
		case c.IsTypedDict:
			for _, it := range c.TypedDict {
				v.typeDeps(it.Type, trigger(prefix))
			}
		}
		return true
	}
	return false
}

// namedTupleFields are the fields a functional named tuple's call names,
// in order: NamedTuple('N', [('a', A), ...]) or namedtuple('N', ['a',
// ...]) and namedtuple('N', 'a b').
func namedTupleFields(call *ast.Call) []string {
	if len(call.Args) < 2 {
		return nil
	}
	var elts []ast.Expr
	switch x := call.Args[1].(type) {
	case *ast.List:
		elts = x.Elts
	case *ast.Tuple:
		elts = x.Elts
	case *ast.Constant:
		if x.Value.Kind == ast.StrValue {
			return strings.Fields(strings.ReplaceAll(x.Value.Str, ",", " "))
		}
	}
	var out []string
	for _, el := range elts {
		if pair, ok := el.(*ast.Tuple); ok && len(pair.Elts) == 2 {
			el = pair.Elts[0]
		}
		if k, ok := el.(*ast.Constant); ok && k.Value.Kind == ast.StrValue {
			out = append(out, k.Value.Str)
		} else {
			out = append(out, "")
		}
	}
	return out
}

// calledClass is the class a module-level functional definition binds.
func (v *depVisitor) calledClass(name *ast.Name) *types.Class {
	s := v.scopeOf(v.scope)[name.ID]
	if s == nil || s.Kind != semanal.Class {
		return nil
	}
	return v.Program.Class(v.Module, s)
}

// callParts visits a call's callee and arguments.
func (v *depVisitor) callParts(c *ast.Call) {
	v.expr(c.Func)
	for _, a := range c.Args {
		v.expr(a)
	}
	for _, k := range c.Keywords {
		v.expr(k.Value)
	}
}

// lvalue records what assigning a target depends on (mypy's
// process_lvalue); t is the type assigned (declared or inferred), nil
// when not known.
func (v *depVisitor) lvalue(e ast.Expr, t types.Type) {
	switch x := e.(type) {
	case *ast.Subscript:
		v.attrDepOf(x.Value, "__setitem__")
	case *ast.Name:
		if v.isGlobalTarget(x) && !v.inTypedDict() {
			attr := trigger(v.fullTarget() + "." + x.ID)
			for _, tr := range v.typeTriggers(t) {
				v.dep(tr, attr)
			}
		}
	case *ast.Attribute:
		if cls, ok := v.selfAttribute(x); ok && hasUserBases(cls) {
			v.dep(trigger(cls.FullName+"."+x.Attr), "")
		}
		if _, isModule := v.moduleRef(x.Value); isModule {
			return
		}
		obj := v.typeOf(x.Value)
		if obj == nil {
			if owner, ok := v.selfClass(x.Value); ok && v.untyped == 0 {
				obj = &types.Instance{Class: owner}
			} else {
				return
			}
		}
		trs := v.typeTriggers(t)
		for _, attr := range attributeTriggers(obj, x.Attr) {
			for _, tr := range trs {
				v.dep(tr, attr)
			}
		}
	case *ast.Tuple:
		v.lvalueItems(x.Elts, t)
	case *ast.List:
		v.lvalueItems(x.Elts, t)
	case *ast.Starred:
		v.lvalue(x.Value, nil)
	}
}

// inTypedDict reports whether the code is a TypedDict class's body,
// whose names mypy makes keys, not attributes.
func (v *depVisitor) inTypedDict() bool {
	if _, inClass := v.scope.(*ast.ClassDef); !inClass || len(v.infos) == 0 {
		return false
	}
	c := v.infos[len(v.infos)-1]
	return c != nil && c.IsTypedDict
}

// lvalueItems assigns the items of a tuple type to the items of a
// target list, when their numbers match.
func (v *depVisitor) lvalueItems(targets []ast.Expr, t types.Type) {
	tup, _ := t.(*types.Tuple)
	for i, el := range targets {
		var item types.Type
		if tup != nil && len(tup.Items) == len(targets) {
			item = tup.Items[i]
		}
		v.lvalue(el, item)
	}
}

// selfParamOf is the method parameter an expression names, when it is a
// method's self.
func (v *depVisitor) selfParamOf(e ast.Expr) (selfParam, bool) {
	n, ok := e.(*ast.Name)
	if !ok {
		return selfParam{}, false
	}
	b, ok := v.info.Uses[n]
	if !ok {
		return selfParam{}, false
	}
	f, ok := b.Scope.(*ast.FunctionDef)
	if !ok || v.selfOf[f].name != n.ID {
		return selfParam{}, false
	}
	return v.selfOf[f], true
}

// selfClass is the class of a method's self, when e names it.
func (v *depVisitor) selfClass(e ast.Expr) (*types.Class, bool) {
	p, ok := v.selfParamOf(e)
	return p.class, ok && p.class != nil
}

// selfAttribute reports whether an attribute assignment is the first of
// an attribute through a method's self, and the method's class.
func (v *depVisitor) selfAttribute(a *ast.Attribute) (*types.Class, bool) {
	p, ok := v.selfParamOf(a.Value)
	if !ok || v.info.SelfAttrs[p.def][a.Attr] != a {
		return nil, false
	}
	return p.class, p.class != nil
}

func (v *depVisitor) exprOpt(e ast.Expr) {
	if e != nil {
		v.expr(e)
	}
}

func (v *depVisitor) exprs(es []ast.Expr) {
	for _, e := range es {
		v.exprOpt(e)
	}
}

// expr visits an expression.
func (v *depVisitor) expr(e ast.Expr) {
	switch x := e.(type) {
	case *ast.Name:
		if full, ok := v.globalName(x); ok {
			v.globalRef(full, x)
		}
	case *ast.Attribute:
		v.attribute(x)
	case *ast.Call:
		v.call(x)
	case *ast.Subscript:
		if c := v.classRef(x.Value); c != nil && isTypeObject(v.typeOf(x.Value)) {
			// A type application (C[int]).
			v.expr(x.Value)
			v.aliasDeps(x.Slice, "")
			if t := v.Program.AnnotationType(v.Module, x); t != nil {
				if inst, ok := t.(*types.Instance); ok {
					for _, a := range inst.Args {
						v.typeDeps(a, "")
					}
				}
			}
			return
		}
		v.expr(x.Value)
		v.expr(x.Slice)
		v.attrDepOf(x.Value, "__getitem__")
	case *ast.UnaryOp:
		v.expr(x.Operand)
		if m, ok := unaryMethods[x.Op]; ok {
			v.attrDepOf(x.Operand, m)
		}
	case *ast.BinOp:
		v.expr(x.Left)
		v.expr(x.Right)
		v.binary(x.Op.Symbol(), x.Left, x.Right)
	case *ast.BoolOp:
		v.exprs(x.Values)
	case *ast.Compare:
		v.expr(x.Left)
		v.exprs(x.Comparators)
		left := x.Left
		for i, op := range x.Ops {
			right := x.Comparators[i]
			v.binary(op.Symbol(), left, right)
			left = right
		}
	case *ast.Lambda:
		v.args(x.Args)
		v.expr(x.Body)
	case *ast.IfExp:
		v.expr(x.Test)
		v.expr(x.Body)
		v.expr(x.Orelse)
	case *ast.Dict:
		v.exprs(x.Keys)
		v.exprs(x.Values)
	case *ast.Set:
		v.exprs(x.Elts)
	case *ast.List:
		v.exprs(x.Elts)
	case *ast.Tuple:
		v.exprs(x.Elts)
	case *ast.ListComp:
		v.comprehension(x.Generators, x.Elt)
	case *ast.SetComp:
		v.comprehension(x.Generators, x.Elt)
	case *ast.GeneratorExp:
		v.comprehension(x.Generators, x.Elt)
	case *ast.DictComp:
		v.comprehension(x.Generators, x.Key, x.Value)
	case *ast.Await:
		v.expr(x.Value)
		v.attrDepOf(x.Value, "__await__")
	case *ast.Yield:
		v.exprOpt(x.Value)
	case *ast.YieldFrom:
		v.expr(x.Value)
		v.attrDepOf(x.Value, "__iter__")
	case *ast.Starred:
		v.expr(x.Value)
		v.attrDepOf(x.Value, "__iter__")
	case *ast.NamedExpr:
		v.expr(x.Target)
		v.expr(x.Value)
	case *ast.JoinedStr:
		v.exprs(x.Values)
	case *ast.FormattedValue:
		v.expr(x.Value)
		v.exprOpt(x.FormatSpec)
	case *ast.Slice:
		v.exprOpt(x.Lower)
		v.exprOpt(x.Upper)
		v.exprOpt(x.Step)
	}
}

// comprehension visits a comprehension's clauses and its elements.
func (v *depVisitor) comprehension(gens []*ast.Comprehension, elts ...ast.Expr) {
	for _, g := range gens {
		v.expr(g.Iter)
		v.expr(g.Target)
		v.exprs(g.Ifs)
	}
	v.exprs(elts)
	for _, g := range gens {
		v.attrDepOf(g.Iter, "__iter__")
	}
}

// binary records the operator methods of a binary operation.
func (v *depVisitor) binary(op string, left, right ast.Expr) {
	method, ok := binaryMethods[op]
	if !ok {
		return
	}
	if op == "in" {
		v.operatorDep(right, method)
		return
	}
	v.operatorDep(left, method)
	if rev, ok := reverseMethods[method]; ok {
		v.operatorDep(right, rev)
	}
}

// operatorDep records a dependency on an operator method of an operand's
// type.
func (v *depVisitor) operatorDep(e ast.Expr, method string) {
	if t := v.typeOf(e); t != nil {
		v.operatorDepOf(t, method)
	}
}

func (v *depVisitor) operatorDepOf(t types.Type, method string) {
	switch x := t.(type) {
	case *types.TypeVar:
		if len(x.Values) > 0 {
			for _, val := range x.Values {
				v.operatorDepOf(val, method)
			}
			return
		}
		v.operatorDepOf(boundOf(x), method)
	case *types.Tuple:
		if x.Fallback != nil {
			v.operatorDepOf(x.Fallback, method)
		}
	case *types.Literal:
		v.operatorDepOf(x.Fallback, method)
	case *types.Instance:
		if !x.Class.IsTypedDict {
			v.dep(trigger(x.Class.FullName+"."+method), "")
		}
	case *types.Union:
		for _, it := range x.Items {
			v.operatorDepOf(it, method)
		}
	case *types.Callable, *types.Overloaded:
		if c := typeObject(t); c != nil && c.Metaclass != nil {
			v.operatorDepOf(c.Metaclass, method)
		}
	case *types.TypeType:
		if inst, ok := x.Item.(*types.Instance); ok && inst.Class.Metaclass != nil {
			v.operatorDepOf(inst.Class.Metaclass, method)
		}
	}
}

// boundOf is a type variable's upper bound (object's instance when it has
// none: nothing to depend on).
func boundOf(tv *types.TypeVar) types.Type {
	if tv.Bound != nil {
		return tv.Bound
	}
	return &types.NoneType{}
}

// attribute visits `value.attr`.
func (v *depVisitor) attribute(x *ast.Attribute) {
	if call, ok := x.Value.(*ast.Call); ok && v.calleeName(call.Func) == "builtins.super" {
		if !v.Logical {
			v.callParts(call) // (its arguments make no logical dependency)
		}
		v.superAttribute(x.Attr)
		return
	}
	if c := v.classRef(x.Value); c != nil {
		// A class's attribute: the class, not its constructor.
		v.dep(trigger(c.FullName), "")
	} else {
		v.expr(x.Value)
	}
	if mod, ok := v.moduleRef(x.Value); ok {
		if full, ok := v.moduleAttr(mod, x.Attr); ok {
			v.globalRef(full, x)
		}
		v.dep(trigger(mod+"."+x.Attr), "")
		return
	}
	if c := v.classRef(x.Value); c != nil {
		if m := c.Members[x.Attr]; m != nil && m.NestedClass {
			if nested, ok := m.TypeOf().(*types.TypeType); ok {
				if inst, ok := nested.Item.(*types.Instance); ok {
					v.globalRef(inst.Class.FullName, x)
					return
				}
			}
		}
	}
	t := v.typeOf(x.Value)
	if t == nil {
		return
	}
	v.attrDeps(t, x.Attr)
	if any, ok := t.(*types.Any); ok && v.Logical {
		if name := v.unimportedValue(x.Value, any); name != "" {
			v.dep(trigger(name+"."+x.Attr), "")
		}
	}
}

// unimportedAny is the full name of what an unfollowed import bound that
// an Any stands for (mypy's missing_import_name), "" for another Any.
func (v *depVisitor) unimportedAny(a *types.Any) string {
	if a.Reason != types.AnyUnimported || a.MissingImport == "" {
		return ""
	}
	// mypy names it as the module binds it ("m.A"), or, for its logical
	// dependencies, as what it imports ("missing.A").
	if dotted, ok := strings.CutPrefix(a.MissingImport, v.Module+"."); ok && v.Logical {
		return v.unimportedName(dotted)
	}
	return a.MissingImport
}

// unimportedValue is the full name of what a value read from an
// unfollowed import stands for (`missing.a.b`), "" when it is not one.
func (v *depVisitor) unimportedValue(e ast.Expr, t *types.Any) string {
	if name := v.unimportedAny(t); name != "" {
		return name
	}
	dotted := ast.DottedName(e)
	if dotted == "" {
		return ""
	}
	root, _, _ := strings.Cut(dotted, ".")
	if b, ok := v.info.Uses[rootName(e)]; !ok || b.Scope != nil || root == "" {
		return ""
	}
	if !v.Program.Unfollowed(v.Module, dotted) {
		return ""
	}
	return v.unimportedName(dotted)
}

// rootName is the name a dotted name starts with.
func rootName(e ast.Expr) *ast.Name {
	for {
		switch x := e.(type) {
		case *ast.Name:
			return x
		case *ast.Attribute:
			e = x.Value
		default:
			return nil
		}
	}
}

// unimportedName is the full name of a dotted name of the module whose
// first name an import binds: the imported module's name and the rest.
func (v *depVisitor) unimportedName(dotted string) string {
	first, rest, _ := strings.Cut(dotted, ".")
	s := v.scopeOf(nil)[first]
	if s == nil {
		return ""
	}
	var full string
	switch s.Kind {
	case semanal.ModuleRef:
		full = s.Module
	case semanal.Imported:
		full = s.Module + "." + s.Attr
	default:
		return ""
	}
	if rest != "" {
		full += "." + rest
	}
	return full
}

// call visits a call.
func (v *depVisitor) call(c *ast.Call) {
	callee := v.calleeName(c.Func)
	switch callee {
	case "builtins.isinstance":
		if len(c.Args) == 2 {
			if cls := v.classRef(c.Args[1]); cls != nil && v.isGlobal(c.Args[1]) {
				v.dep(trigger(cls.FullName), "")
				return
			}
		}
	case "typing.cast", "typing_extensions.cast", "typing.assert_type", "typing_extensions.assert_type":
		if len(c.Args) == 2 {
			target, value := c.Args[0], c.Args[1]
			if strings.HasSuffix(callee, ".assert_type") {
				target, value = value, target
			}
			v.expr(value)
			v.aliasDeps(target, "")
			if t := v.Program.AnnotationType(v.Module, target); t != nil {
				v.typeDeps(t, "")
			}
			return
		}
	case "builtins.reveal_type", "typing.reveal_type", "typing_extensions.reveal_type":
		v.exprs(c.Args)
		return
	}
	v.callParts(c)
	if t := v.typeOf(c.Func); t != nil {
		switch t.(type) {
		case *types.Callable, *types.Overloaded:
		default:
			v.attrDeps(t, "__call__")
		}
	}
}

// superAttribute records `super().name` in a method: the name in each
// base, up to the first that defines it.
func (v *depVisitor) superAttribute(name string) {
	if len(v.infos) == 0 || v.infos[len(v.infos)-1] == nil {
		return
	}
	for _, b := range nonTrivialBases(v.infos[len(v.infos)-1]) {
		v.dep(trigger(b.FullName+"."+name), "")
		if _, ok := b.Members[name]; ok {
			break
		}
	}
}

// globalRef records a reference to a module-level name (or a nested
// class): the name, and a class's constructor when it is used as a value.
func (v *depVisitor) globalRef(full string, e ast.Expr) {
	v.dep(trigger(full), "")
	if c := typeObject(v.typeOf(e)); c != nil {
		v.dep(trigger(c.FullName+".__init__"), "")
		v.dep(trigger(c.FullName+".__new__"), "")
	}
}

// globalName is the full name of what a name refers to when it is a
// module-level name (of this module, another or builtins); false for a
// local variable or a class member read in its class body.
func (v *depVisitor) globalName(n *ast.Name) (string, bool) {
	b, ok := v.info.Uses[n]
	if !ok || b.Scope != nil {
		return "", false
	}
	if b.Module == "builtins" && b.Module != v.Module {
		return "builtins." + n.ID, true
	}
	if b.Sym == nil {
		if t, ok := v.Program.Resolve(v.Module, n.ID); ok {
			return targetName(t), true
		}
		return v.Module + "." + n.ID, true
	}
	switch b.Sym.Kind {
	case semanal.ModuleRef:
		if _, loaded := v.Program.Modules[b.Sym.Module]; loaded || v.Logical {
			return b.Sym.Module, true
		}
	case semanal.Imported:
		if t, ok := v.Program.Resolve(v.Module, n.ID); ok {
			return targetName(t), true
		}
		if v.Logical {
			return b.Sym.Module + "." + b.Sym.Attr, true
		}
	}
	// (what an unfollowed import binds is named as the module binds it)
	return v.Module + "." + n.ID, true
}

// targetName is the full name of a resolved name.
func targetName(t semanal.Target) string {
	if t.Module != "" {
		return t.Module
	}
	return t.Owner + "." + t.Sym.Name
}

// isGlobal reports whether an expression is a module-level name or an
// attribute of a module.
func (v *depVisitor) isGlobal(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Name:
		_, ok := v.globalName(x)
		return ok
	case *ast.Attribute:
		_, ok := v.moduleRef(x.Value)
		return ok
	}
	return false
}

// moduleRef is the module an expression names (`n`, `a.b`), if it names
// one.
func (v *depVisitor) moduleRef(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.Name:
		b, ok := v.info.Uses[x]
		if !ok || b.Sym == nil {
			return "", false
		}
		switch b.Sym.Kind {
		case semanal.ModuleRef:
			return b.Sym.Module, true
		case semanal.Imported:
			if b.Scope != nil {
				return "", false
			}
			if t, ok := v.Program.Resolve(v.Module, x.ID); ok && t.Module != "" {
				return t.Module, true
			}
		}
	case *ast.Attribute:
		mod, ok := v.moduleRef(x.Value)
		if !ok {
			return "", false
		}
		if t, ok := v.Program.Resolve(mod, x.Attr); ok && t.Module != "" {
			return t.Module, true
		}
	}
	return "", false
}

// moduleAttr is the full name of a module's attribute, following imports.
func (v *depVisitor) moduleAttr(mod, attr string) (string, bool) {
	t, ok := v.Program.Resolve(mod, attr)
	if !ok {
		return "", false
	}
	return targetName(t), true
}

// classRef is the class an expression names (`A`, `n.A`, `A.B`), if it
// names one.
func (v *depVisitor) classRef(e ast.Expr) *types.Class {
	switch x := e.(type) {
	case *ast.Name:
		b, ok := v.info.Uses[x]
		if !ok || b.Sym == nil {
			return nil
		}
		if b.Scope == nil {
			t, ok := v.Program.Resolve(v.Module, x.ID)
			if !ok || t.Sym == nil || t.Sym.Kind != semanal.Class {
				return nil
			}
			return v.Program.Class(t.Owner, t.Sym)
		}
		if b.Sym.Kind == semanal.Class {
			return v.Program.Class(v.Module, b.Sym)
		}
	case *ast.Attribute:
		if mod, ok := v.moduleRef(x.Value); ok {
			t, ok := v.Program.Resolve(mod, x.Attr)
			if !ok || t.Sym == nil || t.Sym.Kind != semanal.Class {
				return nil
			}
			return v.Program.Class(t.Owner, t.Sym)
		}
		if c := v.classRef(x.Value); c != nil {
			if m := c.Members[x.Attr]; m != nil && m.NestedClass {
				if nested, ok := m.TypeOf().(*types.TypeType); ok {
					if inst, ok := nested.Item.(*types.Instance); ok {
						return inst.Class
					}
				}
			}
		}
	}
	return nil
}

// calleeName is the full name of what a callee names, "" when it is not
// a name.
func (v *depVisitor) calleeName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		full, _ := v.globalName(x)
		return full
	case *ast.Attribute:
		if mod, ok := v.moduleRef(x.Value); ok {
			full, _ := v.moduleAttr(mod, x.Attr)
			return full
		}
	}
	return ""
}

// attrDepOf records a dependency on an attribute of an expression's type.
func (v *depVisitor) attrDepOf(e ast.Expr, name string) {
	if t := v.typeOf(e); t != nil {
		v.attrDeps(t, name)
	}
}

// attrDeps records a dependency on an attribute of a type.
func (v *depVisitor) attrDeps(t types.Type, name string) {
	for _, tr := range attributeTriggers(t, name) {
		v.dep(tr, "")
	}
}

// iteratorType is the type `iter()` of an expression gives, when it is an
// instance whose class defines __iter__.
func (v *depVisitor) iteratorType(e ast.Expr) types.Type {
	inst, ok := v.typeOf(e).(*types.Instance)
	if !ok {
		return nil
	}
	t, _, ok := types.MemberOf(inst, "__iter__")
	if f, isFunc := t.(*types.Callable); ok && isFunc {
		return f.Ret
	}
	return nil
}

// isTypeObject reports whether a type is a class used as a value (its
// constructor's signature).
func isTypeObject(t types.Type) bool { return typeObject(t) != nil }

// typeObject is the class of a type object's type, or nil.
func typeObject(t types.Type) *types.Class {
	switch x := t.(type) {
	case *types.Callable:
		return x.TypeObject
	case *types.Overloaded:
		if len(x.Items) > 0 {
			return x.Items[0].TypeObject
		}
	}
	return nil
}

// attributeTriggers are the triggers of reading an attribute of a type.
func attributeTriggers(t types.Type, name string) []string {
	switch x := t.(type) {
	case *types.TypeVar:
		if len(x.Values) > 0 {
			// (mypy checks the code once for each value)
			var out []string
			for _, val := range x.Values {
				out = append(out, attributeTriggers(val, name)...)
			}
			return out
		}
		return attributeTriggers(boundOf(x), name)
	case *types.Tuple:
		if x.Fallback != nil {
			return attributeTriggers(x.Fallback, name)
		}
	case *types.Literal:
		return attributeTriggers(x.Fallback, name)
	case *types.Instance:
		if x.Class.IsTypedDict {
			return nil // (mypy's TypedDictType has no attributes of its own)
		}
		return []string{trigger(x.Class.FullName + "." + name)}
	case *types.Callable, *types.Overloaded:
		if c := typeObject(t); c != nil {
			out := []string{trigger(c.FullName + "." + name)}
			if c.Metaclass != nil {
				out = append(out, attributeTriggers(c.Metaclass, name)...)
			}
			return out
		}
	case *types.Union:
		var out []string
		for _, it := range x.Items {
			out = append(out, attributeTriggers(it, name)...)
		}
		return out
	case *types.TypeType:
		out := attributeTriggers(x.Item, name)
		if inst, ok := x.Item.(*types.Instance); ok && inst.Class.Metaclass != nil {
			out = append(out, trigger(inst.Class.Metaclass.Class.FullName+"."+name))
		}
		return out
	}
	return nil
}

// typeTriggers are the triggers of a type becoming stale: the classes,
// type variables and unfollowed imports it is made of (mypy's
// get_type_triggers).
func (v *depVisitor) typeTriggers(t types.Type) []string {
	var out []string
	seen := map[*types.Class]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		switch x := t.(type) {
		case *types.Instance:
			out = append(out, trigger(x.Class.FullName))
			for _, a := range x.Args {
				walk(a)
			}
			if x.LastKnownValue != nil {
				walk(x.LastKnownValue)
			}
			if !seen[x.Class] {
				seen[x.Class] = true
				if x.Class.IsTypedDict {
					for _, it := range x.Class.TypedDict {
						walk(it.Type)
					}
				}
			}
		case *types.Any:
			if name := v.unimportedAny(x); name != "" {
				out = append(out, trigger(name))
			}
		case *types.Callable:
			for _, p := range x.Params {
				walk(p.Type)
			}
			walk(x.Ret)
			if x.TypeGuard != nil {
				walk(x.TypeGuard)
			}
		case *types.Overloaded:
			for _, it := range x.Items {
				walk(it)
			}
		case *types.Tuple:
			for _, it := range x.Items {
				walk(it)
			}
			if x.Fallback != nil {
				walk(x.Fallback)
			}
		case *types.TypeType:
			before := len(out)
			walk(x.Item)
			if v.Logical {
				break
			}
			for _, tr := range out[before:len(out):len(out)] {
				stem := tr[:len(tr)-1]
				out = append(out, stem+".__init__>", stem+".__new__>")
			}
		case *types.TypeVar:
			if x.FullName != "" {
				out = append(out, trigger(x.FullName))
			}
			if x.Bound != nil {
				walk(x.Bound)
			}
			if x.Default != nil {
				walk(x.Default)
			}
			for _, val := range x.Values {
				walk(val)
			}
		case *types.Literal:
			walk(x.Fallback)
		case *types.Union:
			for _, it := range x.Items {
				walk(it)
			}
		}
	}
	if t != nil {
		walk(t)
	}
	return out
}
