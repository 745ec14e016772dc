package semanal

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/targets"
	"typd/checker/types"
	"typd/parser"
	"typd/parser/ast"
)

type scopeKind uint8

const (
	moduleScope scopeKind = iota
	classScope
	functionScope
	comprehensionScope
	// typeParamScope holds PEP 695 type parameters; like an annotation
	// scope it sees through to an enclosing class body.
	typeParamScope
)

// scope is one level of name lookup.
type scope struct {
	kind  scopeKind
	names Table
	// checked is false inside an unannotated function: mypy reports no
	// name errors there unless --check-untyped-defs.
	checked bool
	// badParts are a class body's wrong property parts (see
	// InvalidPropertyParts), whose decorators are not analysed.
	badParts map[*ast.FunctionDef]string
	// node is the def, class, lambda or comprehension whose body the
	// scope is (nil for the module); globals are the names a def's body
	// declares global, which resolve at module level.
	node    ast.Node
	globals map[string]bool
}

// checker walks one module and reports undefined names and bad imports,
// or, with info set, records what each name resolves to instead (Info).
type checker struct {
	p      *Program
	m      *build.Module
	mod    *Module
	scopes []*scope
	errs   []diag.Diagnostic
	// funcs are the enclosing functions, innermost last.
	funcs []funcContext
	// loops counts the loops around the current statement at module level
	// (inside a function, funcContext.loops does).
	loops int
	// inComprehension is set inside a comprehension's element and
	// conditions, where yield is not allowed.
	inComprehension bool
	// inAliasValue is set while a type alias's value is checked as a type.
	inAliasValue bool
	// rec records the errors of each target, or names the one walked.
	rec *targets.Recording
	// info, when set, receives what each name resolves to (Program.Info);
	// forwardRefs counts the string annotations being walked, whose names
	// are not the module's nodes and are not recorded.
	info        *Info
	forwardRefs int
	// exceptStar is set inside an except* handler, outside any loop the
	// handler holds: break and continue may not leave it. returnExceptStar
	// is set inside one, loops included: return may not leave it. A def
	// clears both; a handler of a try inside one sets both again only if
	// it is an except* handler too, or the try is outside loops of it.
	exceptStar, returnExceptStar bool
}

// funcContext is what statement checks need of an enclosing function.
type funcContext struct {
	async bool
	loops int
}

func (c *checker) loopDepth() *int {
	if len(c.funcs) > 0 {
		return &c.funcs[len(c.funcs)-1].loops
	}
	return &c.loops
}

func (c *checker) push(s *scope) { c.scopes = append(c.scopes, s) }
func (c *checker) pop()          { c.scopes = c.scopes[:len(c.scopes)-1] }
func (c *checker) top() *scope   { return c.scopes[len(c.scopes)-1] }

func (c *checker) error(sp *ast.Span, code, msg string) {
	if !c.top().checked {
		return
	}
	c.errs = append(c.errs, diag.Diagnostic{File: c.m.Path, Line: int(sp.Lineno), Col: int(sp.ColOffset),
		EndLine: int(sp.EndLineno), EndCol: int(sp.EndColOffset), Severity: diag.Error, Message: msg, Code: code})
}

// serious reports an error that mypy reports even in unannotated functions.
func (c *checker) serious(sp *ast.Span, code, msg string) {
	c.errs = append(c.errs, diag.Diagnostic{File: c.m.Path, Line: int(sp.Lineno), Col: int(sp.ColOffset),
		EndLine: int(sp.EndLineno), EndCol: int(sp.EndColOffset), Severity: diag.Error, Message: msg, Code: code})
}

func (c *checker) note(sp *ast.Span, code, msg string) {
	if !c.top().checked {
		return
	}
	c.errs = append(c.errs, diag.Diagnostic{File: c.m.Path, Line: int(sp.Lineno), Col: int(sp.ColOffset),
		Severity: diag.Note, Message: msg, Code: code})
}

// defined reports whether name resolves from the innermost scope.
func (c *checker) defined(name string) bool {
	_, ok := c.lookup(name)
	return ok
}

// lookup finds what name refers to from the innermost scope, as Python
// resolves it: the scope's own names, then the enclosing defs' (a class
// body's names are seen only from directly inside it, and a name a def
// declares global skips to the module), the module's (star imports and
// implicit attributes included), then the builtins. ok is false for an
// undefined name.
func (c *checker) lookup(name string) (b Binding, ok bool) {
	inner := len(c.scopes) - 1
	for i := inner; i >= 0; i-- {
		s := c.scopes[i]
		if s.kind == classScope && !c.onlyTypeParamsAbove(i) {
			continue
		}
		if sym, ok := s.names[name]; ok {
			if s.kind == moduleScope {
				return Binding{Module: c.m.Name, Sym: sym}, true
			}
			return Binding{Scope: s.node, Sym: sym}, true
		}
		if s.kind == moduleScope {
			if _, ok := c.p.starExports(c.mod)[name]; ok {
				return Binding{Module: c.m.Name}, true
			}
		}
		if s.globals[name] && i > 0 {
			i = 1 // the loop goes on at the module scope
		}
	}
	if slices.Contains(ImplicitModuleAttrs, name) || (name == "__path__" && c.m.IsPackage) {
		return Binding{Module: c.m.Name}, true
	}
	if c.scopes[inner].kind == classScope && (name == "__qualname__" || name == "__module__") {
		return Binding{Scope: c.scopes[inner].node}, true
	}
	sym, ok := c.builtin(name)
	return Binding{Module: "builtins", Sym: sym}, ok
}

// onlyTypeParamsAbove reports whether every scope inside scope i is a type
// parameter scope.
func (c *checker) onlyTypeParamsAbove(i int) bool {
	for _, s := range c.scopes[i+1:] {
		if s.kind != typeParamScope {
			return false
		}
	}
	return true
}

// builtin reports whether name is a builtin, with the builtins module's
// symbol of it (nil for mypy's special forms, a star-exported name, or no
// builtins module to check against).
func (c *checker) builtin(name string) (*Symbol, bool) {
	b := c.p.Modules["builtins"]
	var sym *Symbol
	if b != nil {
		sym = b.Names[name]
	}
	switch name {
	case "reveal_type", "reveal_locals", "super", "__debug__":
		// Special forms of mypy's, whatever builtins defines.
		return sym, true
	}
	if strings.HasPrefix(name, "_") && !(strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")) {
		return nil, false
	}
	if b == nil {
		return nil, true // no builtins to check against
	}
	if sym != nil {
		return sym, true
	}
	_, ok := c.p.starExports(b)[name]
	return nil, ok
}

// typingNames are the names mypy suggests importing from typing when they
// are used undefined.
var typingNames = map[string]bool{"Any": true, "Callable": true, "Dict": true, "Iterable": true,
	"Iterator": true, "List": true, "Optional": true, "Set": true, "Tuple": true, "TypeVar": true,
	"Union": true, "cast": true, "NamedTuple": true, "Sequence": true, "Mapping": true, "Type": true}

func (c *checker) name(n *ast.Name) {
	if c.info != nil {
		c.record(n)
		return
	}
	if c.defined(n.ID) {
		return
	}
	c.error(&n.Span, diag.CodeNameDefined, fmt.Sprintf(diag.NameIsNotDefined, n.ID))
	if typingNames[n.ID] {
		c.note(&n.Span, diag.CodeNameDefined, fmt.Sprintf(diag.ImportFromTypingNote, n.ID))
	}
}

func (c *checker) stmts(body []ast.Stmt) {
	for _, s := range body {
		if a, ok := s.(*ast.Assert); ok && reach.IsFalse(c.p.cfg.Reach.Infer(a.Test)) {
			c.expr(a.Test)
			return
		}
		c.stmt(s)
	}
}

func (c *checker) stmt(s ast.Stmt) {
	switch x := s.(type) {
	case *ast.FunctionDef:
		c.function(x)
	case *ast.ClassDef:
		c.class(x)
	case *ast.If:
		c.expr(x.Test)
		t := c.p.cfg.Reach.Infer(x.Test)
		if !reach.IsFalse(t) {
			c.stmts(x.Body)
		}
		if !reach.IsTrue(t) {
			c.stmts(x.Orelse)
		}
	case *ast.ImportFrom:
		c.importFrom(x)
	case *ast.AnnAssign:
		c.annotation(x.Annotation)
		c.exprOpt(x.Value)
		c.target(x.Target)
	case *ast.Assign:
		if c.aliasDefinition(x) {
			c.aliasValue(x)
		} else if call, ok := x.Value.(*ast.Call); ok && specialFormName(call.Func) == "TypeVar" {
			c.typeVarCall(call)
		} else {
			c.expr(x.Value)
		}
		for _, t := range x.Targets {
			c.target(t)
		}
		c.reassignedAlias(x)
		c.assignedClass(x)
	case *ast.AugAssign:
		c.expr(x.Target)
		c.expr(x.Value)
	case *ast.For:
		c.expr(x.Iter)
		c.target(x.Target)
		c.loopBody(x.Body)
		c.stmts(x.Orelse)
	case *ast.While:
		c.expr(x.Test)
		c.loopBody(x.Body)
		c.stmts(x.Orelse)
	case *ast.Break:
		if *c.loopDepth() == 0 {
			c.serious(&x.Span, diag.CodeMisc, diag.BreakOutsideLoop)
		}
		if c.exceptStar {
			c.serious(&x.Span, diag.CodeMisc, fmt.Sprintf(diag.NotInExceptStar, "break"))
		}
	case *ast.Continue:
		if *c.loopDepth() == 0 {
			c.serious(&x.Span, diag.CodeMisc, diag.ContinueOutsideLoop)
		}
		if c.exceptStar {
			c.serious(&x.Span, diag.CodeMisc, fmt.Sprintf(diag.NotInExceptStar, "continue"))
		}
	case *ast.Return:
		if c.top().kind != functionScope {
			c.error(&x.Span, diag.CodeMisc, fmt.Sprintf(diag.OutsideFunction, `"return"`))
		}
		if c.returnExceptStar {
			c.serious(&x.Span, diag.CodeMisc, fmt.Sprintf(diag.NotInExceptStar, "return"))
		}
		c.exprOpt(x.Value)
	case *ast.With:
		for _, it := range x.Items {
			c.expr(it.ContextExpr)
			if it.OptionalVars != nil {
				c.target(it.OptionalVars)
			}
		}
		c.stmts(x.Body)
	case *ast.Try:
		c.stmts(x.Body)
		for _, h := range x.Handlers {
			c.exprOpt(h.Type)
			star, returnStar := c.exceptStar, c.returnExceptStar
			c.exceptStar = star || x.IsStar
			c.returnExceptStar = c.exceptStar
			c.stmts(h.Body)
			c.exceptStar, c.returnExceptStar = star, returnStar
		}
		c.stmts(x.Orelse)
		c.stmts(x.Finalbody)
	case *ast.Match:
		c.expr(x.Subject)
		for _, mc := range x.Cases {
			ast.PatternExprs(mc.Pattern, c.expr)
			c.exprOpt(mc.Guard)
			c.stmts(mc.Body)
		}
	case *ast.TypeAlias:
		c.withTypeParams(x.TypeParams, func() { c.annotation(x.Value) })
	case *ast.Import, *ast.Global, *ast.Nonlocal, *ast.Pass:
	case *ast.Delete:
		for _, t := range x.Targets {
			c.target(t)
		}
	default:
		// Raise, Assert, ExprStmt: their expressions.
		ast.Inspect(s, func(n ast.Node) bool {
			if n == ast.Node(s) {
				return true
			}
			if e, ok := n.(ast.Expr); ok {
				c.expr(e)
			}
			return false
		})
	}
}

func (c *checker) loopBody(body []ast.Stmt) {
	d := c.loopDepth()
	*d++
	star := c.exceptStar
	c.exceptStar = false // (break and continue leave this loop only)
	c.stmts(body)
	c.exceptStar = star
	*c.loopDepth()--
}

// redefinitions reports names defined twice in the current scope, with
// mypy's wording for where the first definition came from.
func (c *checker) redefinitions(rs []Redefinition) {
	for _, r := range rs {
		if r.UnlessLoaded != "" && !c.p.Unloaded(r.UnlessLoaded) {
			continue
		}
		if r.Declaration && c.p.cfg.AllowRedefinition != nil && c.p.cfg.AllowRedefinition(c.m.Name) {
			continue // (typd does not rename variables as mypy's --allow-redefinition does: silent)
		}
		var where string
		switch r.Prev.Kind {
		case ModuleRef:
			where = diag.ByAnImport
		case Imported:
			where = diag.PossiblyByAnImport
		default:
			line := r.Prev.Line
			f, ok := r.Prev.Def.(*ast.FunctionDef)
			if len(r.Prev.Variants) > 0 {
				f, ok = r.Prev.Variants[0], true // an overload is at its first part
			}
			if ok && len(f.DecoratorList) > 0 {
				line = int(f.DecoratorList[0].Pos().Lineno) // mypy's line of a decorated def
			}
			where = fmt.Sprintf("on line %d", line)
		}
		sp := ast.Span{Lineno: r.Line, ColOffset: r.Col, EndLineno: r.Line, EndColOffset: r.Col}
		c.error(&sp, diag.CodeNoRedef, fmt.Sprintf(diag.NameAlreadyDefined, r.Name, where))
	}
}

// target checks the loads inside an assignment target (a.b = 1 reads a).
func (c *checker) target(e ast.Expr) {
	ast.TargetLeaves(e, func(leaf ast.Expr) {
		switch x := leaf.(type) {
		case *ast.Name:
			c.record(x)
		case *ast.Attribute:
			c.recordSelfAttr(x)
			c.expr(leaf)
		default:
			c.expr(leaf)
		}
	})
}

func (c *checker) exprOpt(e ast.Expr) {
	if e != nil {
		c.expr(e)
	}
}

// lambda checks a lambda's defaults, then its body in a scope of its own.
func (c *checker) lambda(x *ast.Lambda) {
	c.arguments(x.Args, false)
	sc := &scope{kind: functionScope, names: Table{}, checked: c.top().checked, node: x}
	bindParams(x.Args, sc.names)
	bindWalrus(x.Body, sc.names)
	c.recordParams(x.Args, sc.names)
	c.push(sc)
	c.funcs = append(c.funcs, funcContext{})
	saved := c.inComprehension
	c.inComprehension = false
	c.expr(x.Body)
	c.inComprehension = saved
	c.funcs = c.funcs[:len(c.funcs)-1]
	c.pop()
}

// yield checks where a yield or yield from stands, and its operand.
func (c *checker) yield(x ast.Expr) {
	word := `"yield"`
	if _, from := x.(*ast.YieldFrom); from {
		word = diag.YieldFromKeyword
	}
	switch {
	case c.inComprehension:
		c.serious(x.Pos(), diag.CodeMisc, fmt.Sprintf(diag.InsideComprehension, word))
	case len(c.funcs) == 0:
		c.serious(x.Pos(), diag.CodeMisc, fmt.Sprintf(diag.OutsideFunction, word))
	}
	ast.SubExprs(x, c.expr)
}

// expr checks the names an expression reads.
func (c *checker) expr(e ast.Expr) {
	switch x := e.(type) {
	case nil:
	case *ast.Name:
		if x.Ctx == ast.Load {
			c.name(x)
		} else {
			c.record(x) // a walrus's target, an augmented assignment's
		}
	case *ast.Lambda:
		c.lambda(x)
	case *ast.ListComp:
		c.comprehension(x.Generators, x.Elt)
	case *ast.SetComp:
		c.comprehension(x.Generators, x.Elt)
	case *ast.GeneratorExp:
		c.comprehension(x.Generators, x.Elt)
	case *ast.DictComp:
		c.comprehension(x.Generators, x.Key, x.Value)
	case *ast.Yield, *ast.YieldFrom:
		c.yield(x)
	case *ast.Await:
		switch {
		case len(c.funcs) == 0:
			c.serious(&x.Span, diag.CodeTopLevelAwait, diag.AwaitOutsideFunction)
		case !c.funcs[len(c.funcs)-1].async:
			c.serious(&x.Span, diag.CodeAwaitNotAsync, diag.AwaitOutsideCoroutine)
		}
		c.expr(x.Value)
	case *ast.BoolOp:
		// Operands after one that decides the result are never evaluated.
		for _, v := range x.Values {
			c.expr(v)
			t := c.p.cfg.Reach.Infer(v)
			if (x.Op == ast.And && reach.IsFalse(t)) || (x.Op == ast.Or && reach.IsTrue(t)) {
				break
			}
		}
	case *ast.Subscript:
		c.typeApplication(x)
		ast.SubExprs(e, c.expr)
	default:
		ast.SubExprs(e, c.expr)
	}
}

// comprehension checks a comprehension: the first iterable in the
// enclosing scope, the rest in a scope holding the targets.
func (c *checker) comprehension(gens []*ast.Comprehension, elts ...ast.Expr) {
	if len(gens) == 0 {
		return
	}
	c.expr(gens[0].Iter)
	sc := &scope{kind: comprehensionScope, names: Table{}, checked: c.top().checked, node: gens[0]}
	col := &collector{rc: c.p.cfg.Reach, names: sc.names}
	for _, g := range gens {
		col.target(g.Target)
	}
	c.push(sc)
	if c.info != nil {
		for _, g := range gens {
			c.target(g.Target)
		}
	}
	saved := c.inComprehension
	c.inComprehension = true
	for i, g := range gens {
		if i > 0 {
			c.expr(g.Iter)
		}
		for _, cond := range g.Ifs {
			c.expr(cond)
		}
	}
	for _, e := range elts {
		c.expr(e)
	}
	c.inComprehension = saved
	c.pop()
}

// arguments checks defaults and (as annotations) parameter types, in the
// enclosing scope.
func (c *checker) arguments(a *ast.Arguments, annotations bool) {
	for _, d := range a.Defaults {
		c.expr(d)
	}
	for _, d := range a.KwDefaults {
		c.exprOpt(d)
	}
	if !annotations {
		return
	}
	for _, arg := range a.All() {
		if arg.Annotation != nil {
			c.annotation(arg.Annotation)
		}
	}
}

// bindWalrus binds in t the targets of the assignment expressions of a
// lambda's body (not those of lambdas nested in it), which bind in the
// lambda's scope.
func bindWalrus(body ast.Expr, t Table) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Lambda:
			return false
		case *ast.NamedExpr:
			if name, ok := x.Target.(*ast.Name); ok {
				if _, bound := t[name.ID]; !bound {
					t[name.ID] = &Symbol{Name: name.ID, Kind: Var, Line: int(name.Lineno)}
				}
			}
		}
		return true
	})
}

func bindParams(a *ast.Arguments, t Table) {
	for _, arg := range a.All() {
		t[arg.Arg] = &Symbol{Name: arg.Arg, Kind: Var, Line: int(arg.Lineno)}
	}
}

func (c *checker) withTypeParams(params []ast.TypeParam, body func()) {
	if len(params) == 0 {
		body()
		return
	}
	sc := &scope{kind: typeParamScope, names: Table{}, checked: c.top().checked}
	for _, tp := range params {
		var name string
		switch p := tp.(type) {
		case *ast.TypeVar:
			name = p.Name
		case *ast.ParamSpec:
			name = p.Name
		case *ast.TypeVarTuple:
			name = p.Name
		}
		sc.names[name] = &Symbol{Name: name, Kind: TypeParam}
	}
	c.push(sc)
	for _, tp := range params {
		if v, ok := tp.(*ast.TypeVar); ok && v.Bound != nil {
			c.annotation(v.Bound)
		}
	}
	body()
	c.pop()
}

func (c *checker) function(f *ast.FunctionDef) {
	walk, done := c.rec.Enter(f, len(c.errs))
	if !walk {
		return
	}
	defer func() { done(len(c.errs)) }()
	for _, d := range f.DecoratorList {
		if _, bad := c.top().badParts[f]; bad {
			break // mypy does not analyse a wrong property part's decorators
		}
		c.expr(d)
		if specialForm(d) == "no_type_check" && c.info == nil {
			return // mypy leaves such functions alone
		}
	}
	c.arguments(f.Args, false)
	c.withTypeParams(f.TypeParams, func() {
		for _, arg := range f.Args.All() {
			if arg.Annotation != nil {
				c.annotation(arg.Annotation)
			}
		}
		if f.Returns != nil {
			c.annotation(f.Returns)
		}
		checked := f.IsAnnotated() || c.p.cfg.CheckUntypedDefs == nil || c.p.cfg.CheckUntypedDefs(c.m.Name)
		body, redefs := c.bodyNames(f)
		sc := &scope{kind: functionScope, names: body.names, checked: checked, node: f, globals: body.globals}
		c.recordParams(f.Args, sc.names)
		c.push(sc)
		c.redefinitions(redefs)
		c.funcs = append(c.funcs, funcContext{async: f.IsAsync})
		saved, star, returnStar := c.inComprehension, c.exceptStar, c.returnExceptStar
		c.inComprehension, c.exceptStar, c.returnExceptStar = false, false, false
		c.stmts(f.Body)
		c.inComprehension, c.exceptStar, c.returnExceptStar = saved, star, returnStar
		c.funcs = c.funcs[:len(c.funcs)-1]
		c.pop()
	})
}

// duplicateBase is a class a class names twice among its bases, or nil.
func duplicateBase(cls *types.Class) *types.Class {
	seen := make(map[*types.Class]bool, len(cls.Bases))
	for _, b := range cls.Bases {
		if seen[b.Class] {
			return b.Class
		}
		seen[b.Class] = true
	}
	return nil
}

func (c *checker) class(x *ast.ClassDef) {
	for _, d := range x.DecoratorList {
		c.expr(d)
	}
	if len(c.scopes) == 1 {
		if sym := c.mod.Names[x.Name]; sym != nil && sym.Def == ast.Stmt(x) {
			cls := c.p.Class(c.m.Name, sym)
			if cls.RuntimeProtocol && !cls.IsProtocol {
				c.error(&x.Span, diag.CodeMisc, diag.RuntimeCheckableNotProtocol)
			}
			if dup := duplicateBase(cls); dup != nil {
				c.error(&x.Span, diag.CodeMisc, fmt.Sprintf(diag.DuplicateBaseClass, dup.Name))
			} else if c.p.BadMRO(cls) && !slices.ContainsFunc(cls.Bases, func(b *types.Instance) bool {
				return c.p.BadMRO(b.Class) // (reported there)
			}) {
				c.error(&x.Span, diag.CodeMisc,
					fmt.Sprintf(diag.InconsistentMRO, x.Name))
			}
		}
	}
	c.withTypeParams(x.TypeParams, func() {
		for _, b := range x.Bases {
			c.expr(b)
			head := b
			if sub, ok := b.(*ast.Subscript); ok {
				head = sub.Value
			}
			if a, ok := head.(*ast.Attribute); ok {
				c.moduleTypeName(a) // (a base is a type: mypy names it as in an annotation)
			}
			if len(c.scopes) == 1 {
				c.subclassingAny(b, diag.SubclassOfAny)
			}
		}
		for _, k := range x.Keywords {
			c.expr(k.Value)
			if k.Arg == "metaclass" && len(c.scopes) == 1 {
				c.subclassingAny(k.Value, diag.MetaclassOfAny)
			}
		}
		body, redefs := c.bodyNames(x)
		sc := &scope{kind: classScope, names: body.names, checked: c.top().checked, badParts: InvalidPropertyParts(x.Body), node: x}
		if c.isRecordClass(x) {
			// (A key or field declared twice has an error of its own.)
			redefs = slices.DeleteFunc(slices.Clone(redefs), func(r Redefinition) bool { return r.Declaration })
		}
		c.push(sc)
		c.redefinitions(redefs)
		saved := c.loops
		c.loops = 0 // a loop around a class body does not reach into it
		if len(c.funcs) > 0 {
			saved = c.funcs[len(c.funcs)-1].loops
			c.funcs[len(c.funcs)-1].loops = 0
		}
		c.stmts(x.Body)
		if len(c.funcs) > 0 {
			c.funcs[len(c.funcs)-1].loops = saved
		} else {
			c.loops = saved
		}
		c.pop()
	})
}

// annotation checks the names of a type annotation; a string is a forward
// reference, parsed and checked in the same scope. Literal[...] holds
// values, not types, and Annotated[T, ...] only T.
func (c *checker) annotation(e ast.Expr) {
	switch x := e.(type) {
	case *ast.Constant:
		if x.Value.Kind != ast.StrValue {
			c.rawLiteral(x, x.Value, false)
			return
		}
		f := parser.Parse([]byte("(" + strings.TrimSpace(x.Value.Str) + ")\n"))
		if len(f.Errors) > 0 || len(f.Module.Body) != 1 {
			return
		}
		if es, ok := f.Module.Body[0].(*ast.ExprStmt); ok {
			inner := &forwardRef{c: c, at: x.Span}
			inner.check(es.Value)
		}
	case *ast.Subscript:
		c.expr(x.Value)
		c.typeArgCount(x)
		c.typeArgValues(x)
		form := specialForm(x.Value)
		ta := &typeAnalyzer{p: c.p, module: c.m.Name}
		if _, full, ok := ta.fullName(x.Value); ok {
			form = full[strings.LastIndexByte(full, '.')+1:]
		}
		switch form {
		case "Literal":
			return
		case "Callable":
			if t, ok := x.Slice.(*ast.Tuple); ok && len(t.Elts) == 2 {
				if params, ok := t.Elts[0].(*ast.List); ok {
					c.callableParams(x, params)
					c.annotation(t.Elts[1])
					return
				}
			}
		case "Annotated":
			if t, ok := x.Slice.(*ast.Tuple); ok && len(t.Elts) > 1 {
				c.annotation(t.Elts[0])
				return
			}
			if c.isAnnotatedForm(x.Value) {
				c.error(&x.Span, diag.CodeValidType, diag.AnnotatedArguments)
				return
			}
		}
		if t, ok := x.Slice.(*ast.Tuple); ok {
			for _, el := range t.Elts {
				c.annotation(el)
			}
			return
		}
		c.annotation(x.Slice)
	case *ast.BinOp:
		if x.Op != ast.BitOr {
			c.expr(e) // no type (mypy: "Invalid type comment or annotation")
			return
		}
		c.annotation(x.Left)
		c.annotation(x.Right)
	case *ast.Attribute:
		c.expr(e)
		c.moduleTypeName(x)
		c.validType(x)
		c.missingTypeArgs(x, ast.DottedName(x))
	case *ast.Name:
		c.expr(e)
		if c.isAnnotatedForm(x) {
			c.error(&x.Span, diag.CodeValidType, diag.AnnotatedArguments)
			return
		}
		c.validType(x)
		c.missingTypeArgs(x, x.ID)
	case *ast.List, *ast.Tuple:
		// (A display of numbers is no type for reasons of its own, which
		// mypy reports instead of each number.)
		ast.SubExprs(e, func(el ast.Expr) {
			if isRawLiteral(el) {
				c.expr(el)
			} else {
				c.annotation(el)
			}
		})
	case *ast.UnaryOp:
		if k, ok := x.Operand.(*ast.Constant); ok && (x.Op == ast.USub || x.Op == ast.UAdd) {
			c.rawLiteral(k, k.Value, x.Op == ast.USub)
			return
		}
		c.expr(e)
	default:
		c.expr(e)
	}
}

// isRawLiteral reports a number or bool, signed or not.
func isRawLiteral(e ast.Expr) bool {
	if u, ok := e.(*ast.UnaryOp); ok && (u.Op == ast.USub || u.Op == ast.UAdd) {
		e = u.Operand
	}
	k, ok := e.(*ast.Constant)
	return ok && k.Value.Kind != ast.StrValue && k.Value.Kind != ast.BytesValue && k.Value.Kind != ast.NoneValue && k.Value.Kind != ast.EllipsisValue
}

// rawLiteral reports a number or bool written where a type is expected
// (outside Literal[...]), as mypy does: an int or bool with the Literal
// it may have meant, a float or complex as no type at all. (mypy's
// parser gives a bool in an annotation no column.)
func (c *checker) rawLiteral(at *ast.Constant, v ast.Value, negated bool) {
	sp := at.Span
	sign := ""
	if negated {
		sign = "-"
	}
	var msg string
	switch v.Kind {
	case ast.IntValue:
		n := strconv.FormatInt(v.Int, 10)
		if v.Big != nil {
			n = v.Big.String()
		}
		msg = fmt.Sprintf(diag.UseSignedLiteral, sign, n)
	case ast.TrueValue, ast.FalseValue:
		if negated {
			return
		}
		msg = fmt.Sprintf(diag.UseLiteral, map[bool]string{true: "True", false: "False"}[v.Kind == ast.TrueValue])
		if !c.inAliasValue {
			sp.ColOffset, sp.EndColOffset = -1, -1
		}
	case ast.FloatValue:
		msg = diag.FloatLiteralType
	case ast.ComplexValue:
		msg = diag.ComplexLiteralType
	default:
		return
	}
	c.error(&sp, diag.CodeValidType, msg)
}

// callableParams checks a Callable's parameter list, its argument
// constructors (Arg(int, 'x')...) included: their arguments, what they
// are (a call of anything else is "Invalid argument constructor"), their
// order and names (reported at the Callable, x).
func (c *checker) callableParams(x *ast.Subscript, params *ast.List) {
	ta := &typeAnalyzer{p: c.p, module: c.m.Name}
	var kinds []types.ParamKind
	var names []string
	valid := true
	for _, e := range params.Elts {
		call, isCall := e.(*ast.Call)
		if !isCall {
			c.annotation(e)
			kinds, names = append(kinds, types.ArgPos), append(names, "")
			continue
		}
		a, ok, problems := ta.readArgConstructor(call)
		if !ok {
			c.expr(call.Func)
			if t, full, resolved := ta.fullName(call.Func); resolved && t.Sym != nil {
				c.error(call.Pos(), diag.CodeMisc, fmt.Sprintf(diag.InvalidArgumentConstructor, full))
			}
			valid = false
			continue
		}
		c.expr(call.Func)
		for _, msg := range problems {
			c.error(call.Pos(), diag.CodeMisc, msg)
		}
		if len(problems) > 0 {
			valid = false
			continue
		}
		if a.typeExpr != nil {
			c.annotation(a.typeExpr)
		}
		kinds, names = append(kinds, a.kind), append(names, a.name)
	}
	if !valid {
		return
	}
	if msg := argConstructorOrder(kinds, names); msg != "" {
		c.error(x.Pos(), diag.CodeMisc, msg)
	}
}

// subclassingAny reports, under --disallow-subclassing-any, a base class
// (or metaclass) whose value is Any: a name imported from a module that
// is not followed (missing, or ignored), a variable declared Any, or Any
// itself, as mypy does: `Class cannot subclass "X" (has type "Any")`, the
// message format given the name.
func (c *checker) subclassingAny(b ast.Expr, format string) {
	if c.p.cfg.DisallowSubclassingAny == nil || !c.p.cfg.DisallowSubclassingAny(c.m.Name) {
		return
	}
	dotted := ast.DottedName(b)
	if dotted == "" {
		return
	}
	isAny := false
	t, ok := c.p.ResolveDotted(c.m.Name, dotted)
	switch {
	case ok && t.Sym != nil && t.Owner+"."+t.Sym.Name == "typing.Any":
		isAny = true
	case ok && t.Sym != nil && t.Sym.Kind == Var && (t.Sym.Annotation != nil || t.Sym.TypeComment != ""):
		ann := t.Sym.Annotation
		if ann == nil {
			ann = TypeCommentExpr(t.Sym.TypeComment)
		}
		if ann != nil {
			ta := &typeAnalyzer{p: c.p, module: t.Owner}
			_, isAny = ta.analyze(ann).(*types.Any)
		}
	case !ok:
		first, _, _ := strings.Cut(dotted, ".")
		if s := c.mod.Names[first]; s != nil && (s.Kind == Imported || s.Kind == ModuleRef) {
			_, loaded := c.p.Modules[s.Module]
			isAny = !loaded
		}
	}
	if isAny {
		shown := dotted[strings.LastIndexByte(dotted, '.')+1:]
		c.error(b.Pos(), diag.CodeMisc, fmt.Sprintf(format, shown))
	}
}

// moduleTypeName reports a type named through a module that does not
// define it (`t.NoSuchThing` with `import typing as t`), as mypy does in
// an annotation: `Name "t.NoSuchThing" is not defined`.
func (c *checker) moduleTypeName(x *ast.Attribute) {
	dotted := ast.DottedName(x.Value)
	if dotted == "" {
		return
	}
	t, ok := c.p.ResolveDotted(c.m.Name, dotted)
	if !ok || t.Module == "" {
		return
	}
	if _, loaded := c.p.Modules[t.Module]; !loaded {
		return
	}
	if found, _ := c.p.member(t.Module, x.Attr); !found && !c.p.missing[t.Module+"."+x.Attr] {
		c.error(&x.Span, diag.CodeNameDefined, fmt.Sprintf(diag.NameIsNotDefined, dotted+"."+x.Attr))
	}
}

// validType reports a name in an annotation that stands for no type, as
// mypy does ([valid-type]), with mypy's note: a module, a function, or a
// variable that is not a type alias (one declared with another type, or
// bound to a number, None or a display). Names a function or class scope
// binds, names of stubs, and variables bound to a call or a string (which
// may make a type) are not judged.
func (c *checker) validType(e ast.Expr) {
	t, _, ok := c.globalTarget(e)
	if !ok {
		return
	}
	if t.Module != "" {
		if _, loaded := c.p.Modules[t.Module]; loaded {
			c.error(e.Pos(), diag.CodeValidType, fmt.Sprintf(diag.ModuleIsNotValidAsAType, t.Module))
			c.note(e.Pos(), diag.CodeValidType, diag.ModuleAsTypeNote)
		}
		return
	}
	owner := c.p.Modules[t.Owner]
	if t.Sym == nil || owner == nil || owner.IsStub {
		return
	}
	full := t.Owner + "." + t.Sym.Name
	switch t.Sym.Kind {
	case Func:
		if f, ok := t.Sym.Def.(*ast.FunctionDef); ok && len(f.DecoratorList) == 0 && len(t.Sym.Variants) == 0 {
			c.error(e.Pos(), diag.CodeValidType, fmt.Sprintf(diag.FunctionIsNotValidAsAType, full))
			c.note(e.Pos(), diag.CodeValidType, diag.FunctionAsTypeNote)
		}
	case Var:
		if c.p.isAlias(t) || isTypeVarDef(t.Sym) {
			return
		}
		switch v := t.Sym.Value.(type) {
		case *ast.Call:
			return
		case *ast.Constant:
			if v.Value.Kind == ast.StrValue && t.Sym.Annotation == nil {
				return
			}
		case nil:
			if t.Sym.Annotation == nil {
				return
			}
		case *ast.List, *ast.Dict, *ast.Set, *ast.Tuple:
		default:
			if t.Sym.Annotation == nil {
				return
			}
		}
		c.error(e.Pos(), diag.CodeValidType, fmt.Sprintf(diag.VariableIsNotValidAsAType, full))
		c.note(e.Pos(), diag.CodeValidType, diag.VariablesVsAliasesLink)
	}
}

// typeVarCall visits a TypeVar(...) definition: its bound and value
// restrictions are types (a bare generic class among them lacks its
// arguments under --disallow-any-generics, as in mypy).
func (c *checker) typeVarCall(call *ast.Call) {
	c.expr(call.Func)
	for i, a := range call.Args {
		if i > 0 {
			c.annotation(a)
		} else {
			c.expr(a)
		}
	}
	for _, k := range call.Keywords {
		if k.Arg == "bound" {
			c.annotation(k.Value)
		} else {
			c.expr(k.Value)
		}
	}
}

// missingTypeArgs reports, under --disallow-any-generics, a generic class
// or alias named bare in an annotation: `Missing type arguments for
// generic type "list"` ([type-arg]). Classes generic over a ParamSpec or
// a TypeVarTuple are left alone.
func (c *checker) missingTypeArgs(e ast.Expr, shown string) {
	if c.p.cfg.DisallowAnyGenerics == nil || !c.p.cfg.DisallowAnyGenerics(c.m.Name) {
		return
	}
	t, ok := c.p.ResolveDotted(c.m.Name, ast.DottedName(e))
	if n, isName := e.(*ast.Name); !ok && isName {
		t, ok = c.p.Resolve("builtins", n.ID)
	}
	if !ok || t.Sym == nil {
		return
	}
	full := t.Owner + "." + t.Sym.Name
	generic := false
	switch cls := c.p.namedClass(t); {
	case full == "typing.Tuple" || full == "typing.Type":
		generic = true
	case cls != nil:
		generic = len(cls.TypeParams) > 0 && !cls.VariadicParams
	case c.p.isAlias(t):
		ta := &typeAnalyzer{p: c.p, module: t.Owner}
		_, params := ta.alias(t)
		generic = len(params) > 0
	}
	if generic {
		c.error(e.Pos(), diag.CodeTypeArg, fmt.Sprintf(diag.MissingTypeArgumentsFor, shown))
	}
}

// namedClass is the class a resolved name stands for in an annotation: a
// class, or the class one of typing's aliases names (List: list); nil for
// anything else.
func (p *Program) namedClass(t Target) *types.Class {
	if alias, ok := builtinAliases[t.Owner+"."+t.Sym.Name]; ok {
		return p.ModuleClass(alias[0], alias[1])
	}
	if t.Sym.Kind == Class {
		return p.Class(t.Owner, t.Sym)
	}
	return nil
}

// subscriptedClass is the class a subscripted name gives its arguments
// to: namedClass's, or the class an alias of a bare class names (`E = D`:
// E[int] is D[int]).
func (p *Program) subscriptedClass(t Target) *types.Class {
	if cls := p.namedClass(t); cls != nil {
		return cls
	}
	if !p.isAlias(t) || !bareReference(t.Sym.Value) {
		return nil
	}
	ta := &typeAnalyzer{p: p, module: t.Owner}
	if inst, ok := ta.analyze(t.Sym.Value).(*types.Instance); ok {
		return inst.Class
	}
	return nil
}

// typeArgCount reports a generic class given more type arguments than it
// has parameters, or fewer than those without a default, as mypy does
// ([type-arg]): `"dict" expects 2 type arguments, but 1 given`. Tuples,
// type[...], classes generic over a TypeVarTuple and those whose only
// parameter is a ParamSpec are not counted.
func (c *checker) typeArgCount(x *ast.Subscript) {
	dotted := ast.DottedName(x.Value)
	if dotted == "" {
		return
	}
	t, ok := c.p.ResolveDotted(c.m.Name, dotted)
	if !ok || t.Sym == nil {
		return
	}
	cls := c.p.subscriptedClass(t)
	if cls == nil || cls.VariadicParams || cls.AnyBase || cls.FullName == "builtins.tuple" || cls.FullName == "builtins.type" ||
		len(cls.TypeParams) == 1 && cls.TypeParams[0].ParamSpec { // (C[X, Y] is C[[X, Y]])
		return
	}
	given := 1
	if tup, ok := x.Slice.(*ast.Tuple); ok {
		given = len(tup.Elts)
	}
	most, least := len(cls.TypeParams), 0
	for _, tv := range cls.TypeParams {
		if !tv.HasDefault {
			least++
		}
	}
	if given >= least && given <= most {
		return
	}
	var expects string
	switch {
	case most == 0:
		expects = "no type arguments"
	case least == most && most == 1:
		expects = "1 type argument"
	case least == most:
		expects = fmt.Sprintf("%d type arguments", most)
	default:
		expects = fmt.Sprintf("between %d and %d type arguments", least, most)
	}
	c.error(&x.Span, diag.CodeTypeArg, fmt.Sprintf(diag.WrongTypeArgCount, cls.Name, expects, given))
}

// specialForm names the typing form an annotation subscripts, by its last
// name (Literal, typing.Literal, t.Annotated).
func specialForm(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		return x.ID
	case *ast.Attribute:
		return x.Attr
	}
	return ""
}

// forwardRef checks a string annotation, reporting at the string.
type forwardRef struct {
	c  *checker
	at ast.Span
}

func (f *forwardRef) check(e ast.Expr) {
	saved := len(f.c.errs)
	f.c.forwardRefs++
	f.c.annotation(e)
	f.c.forwardRefs--
	for i := saved; i < len(f.c.errs); i++ {
		d := &f.c.errs[i]
		d.Line, d.Col = int(f.at.Lineno), int(f.at.ColOffset)
		d.EndLine, d.EndCol = int(f.at.EndLineno), int(f.at.EndColOffset)
	}
}

// importFrom reports names missing from the module they are imported from.
func (c *checker) importFrom(x *ast.ImportFrom) {
	base, ok := build.ResolveRelative(c.m.Name, c.m.IsPackage, x.Level, x.Module)
	if !ok {
		return
	}
	if _, loaded := c.p.graph.Modules[base]; !loaded {
		return
	}
	for _, a := range x.Names {
		if a.Name == "*" {
			continue
		}
		found, private := c.p.member(base, a.Name)
		if !found && c.p.missing[base+"."+a.Name] {
			continue // a submodule already reported missing (or ignored so)
		}
		switch {
		case private:
			c.error(&x.Span, diag.CodeAttrDefined, fmt.Sprintf(diag.NotExplicitlyExported, base, a.Name))
		case !found:
			msg := fmt.Sprintf(diag.ModuleNameHasNoAttribute, base, a.Name)
			var names []string
			mod := c.p.Modules[base]
			for n, s := range mod.Names {
				if c.p.isPublic(mod, s) {
					names = append(names, n)
				}
			}
			if sug := diag.BestMatches(a.Name, names, 3); len(sug) > 0 {
				msg += "; maybe " + diag.PrettySeq(sug, "or") + "?"
			}
			c.error(&x.Span, diag.CodeAttrDefined, msg)
		}
	}
}

// isAnnotatedForm reports an expression that names typing's (or
// typing_extensions') Annotated.
func (c *checker) isAnnotatedForm(e ast.Expr) bool {
	ta := &typeAnalyzer{p: c.p, module: c.m.Name}
	_, full, ok := ta.fullName(e)
	return ok && (full == "typing.Annotated" || full == "typing_extensions.Annotated")
}

// isRecordClass reports a TypedDict or NamedTuple class, whose body
// declares keys or fields.
func (c *checker) isRecordClass(x *ast.ClassDef) bool {
	if len(c.scopes) == 1 {
		if sym := c.mod.Names[x.Name]; sym != nil && sym.Def == ast.Stmt(x) {
			cls := c.p.Class(c.m.Name, sym)
			return cls.IsTypedDict || cls.IsNamedTuple
		}
	}
	ta := &typeAnalyzer{p: c.p, module: c.m.Name}
	for _, b := range x.Bases {
		if _, full, ok := ta.fullName(b); ok && (strings.HasSuffix(full, ".TypedDict") || strings.HasSuffix(full, ".NamedTuple")) {
			return true
		}
	}
	return false
}
