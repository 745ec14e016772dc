package check

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/checker/undefined"
	"typd/parser/ast"
)

// stmts walks a block, then checks the overloads it defines (see
// checkOverloadDefs); cls is the class whose body this is, if any.
// The statements after one that always leaves the block are unreachable
// and, as in mypy, not checked.
// It reports whether the block always leaves (returns, raises, breaks,
// continues or calls a function that never returns): no code after it
// runs.
func (c *Checker) stmts(body []ast.Stmt, cls *types.Class) bool {
	defer c.checkOverloadDefs(body, cls)
	for i, s := range body {
		c.left = false
		c.stmt(s, cls)
		if c.leaves(s) {
			if i+1 < len(body) {
				c.unreachable(body[i+1])
			}
			return true
		}
	}
	return false
}

// unreachable reports, under --warn-unreachable, the first statement of
// code that cannot run, unless it is one mypy lets be (raise, assert
// False, return NotImplemented, a call that never returns, a yield after
// a return; current mypy reports pass and ...).
func (c *Checker) unreachable(s ast.Stmt) {
	if !c.settings.WarnUnreachable || !c.checked() || c.unbound > 0 {
		return
	}
	switch x := s.(type) {
	case *ast.Raise:
		return
	case *ast.Return:
		if n, ok := x.Value.(*ast.Name); ok && n.ID == "NotImplemented" {
			return // a binary method's fallback, as mypy lets it be
		}
	case *ast.ExprStmt:
		switch v := x.Value.(type) {
		case *ast.Yield, *ast.YieldFrom:
			return // `return` then `yield`: an empty generator
		case *ast.Call:
			if f, ok := c.exprQuiet(v.Func).(*types.Callable); ok {
				if _, never := f.Ret.(*types.Never); never {
					return // assert_never(x) and the like
				}
			}
		}
	case *ast.Assert:
		if k, ok := x.Test.(*ast.Constant); ok && constantTruth(k) < 0 {
			return
		}
	}
	c.report(s.Pos(), diag.Error, diag.CodeUnreachable, diag.StatementIsUnreachable)
}

// leaves reports whether control never passes the statement just walked:
// one that leaves by itself (see stmtLeaves), a call of a function that
// never returns (alone, or assigned), a compound statement whose walk
// found all its paths leave, an assert that cannot hold.
func (c *Checker) leaves(s ast.Stmt) bool {
	switch x := s.(type) {
	case *ast.ExprStmt, *ast.Assign:
		return c.lastNever
	case *ast.If, *ast.While, *ast.For, *ast.With, *ast.Try, *ast.Match:
		return c.left // as the walk of the statement found
	case *ast.Assert:
		return ast.IsFalseLiteral(x.Test) || c.left
	}
	return stmtLeaves(s)
}

// breaks reports whether a loop body has a break of its own (not one of a
// nested loop's, nor of a nested function's).
func breaks(body []ast.Stmt) bool {
	for _, s := range body {
		switch s.(type) {
		case *ast.Break:
			return true
		case *ast.For, *ast.While, *ast.FunctionDef, *ast.ClassDef:
			continue
		}
		for _, b := range ast.Blocks(s) {
			if breaks(b) {
				return true
			}
		}
	}
	return false
}

// stmtLeaves reports, by its syntax alone, whether a statement always
// leaves its block: a return, raise, continue or break, or an if whose
// arms all leave.
func stmtLeaves(s ast.Stmt) bool {
	switch x := s.(type) {
	case *ast.Return, *ast.Raise, *ast.Continue, *ast.Break:
		return true
	case *ast.If:
		return blockLeaves(x.Body) && blockLeaves(x.Orelse)
	}
	return false
}

// blockLeaves reports whether a block's last statement always leaves.
func blockLeaves(body []ast.Stmt) bool {
	return len(body) > 0 && stmtLeaves(body[len(body)-1])
}

// branches walks the two arms of an if (skipping one that cannot run) and
// leaves each variable narrowed to the union of what the arms left.
// It reports whether the condition's narrowing leaves the else arm
// nothing to run with (mypy's unreachable_else).
// It also reports whether both arms always leave.
func (c *Checker) branches(test ast.Expr, body, orelse []ast.Stmt, cls *types.Class) (elseImpossible, leaves bool) {
	t := c.reach.Infer(test)
	switch {
	case reach.IsTrue(t):
		if t == reach.MypyTrue {
			c.mypyOnly++
			defer func() { c.mypyOnly-- }()
		}
		return false, c.stmts(body, cls)
	case reach.IsFalse(t):
		return false, c.stmts(orelse, cls)
	}
	v := c.scopeVars()
	ifTrue, ifFalse := c.condition(test)
	outer := v.narrowed.fork()
	whole := v.narrowed.top
	whole.conditional = true
	defer func() { v.narrowed.keep(outer, whole) }()
	before := v.narrowed.fork()
	// An arm that cannot run is not checked, and does not reach the code
	// after the if.
	bodyLeaves, elseLeaves := unreachable(ifTrue), unreachable(ifFalse)
	elseImpossible = elseLeaves && c.checked()
	// A narrowing that cannot hold is reported (a literal condition is
	// not, as in mypy).
	if bodyLeaves && len(body) > 0 && ifTrue[""] == nil {
		c.unreachable(body[0])
	}
	if elseLeaves && len(orelse) > 0 && ifFalse[""] == nil {
		c.unreachable(orelse[0])
	}
	if !bodyLeaves {
		c.apply(ifTrue)
		bodyLeaves = c.stmts(body, cls)
	}
	afterBody := v.narrowed.next(before)
	if !elseLeaves {
		c.apply(ifFalse)
		elseLeaves = c.stmts(orelse, cls)
	}
	leaves = bodyLeaves && elseLeaves
	// A branch that always leaves does not reach the code after the if.
	switch {
	case bodyLeaves:
		v.narrowed.keep(before, v.narrowed.top)
		return
	case elseLeaves:
		v.narrowed.keep(before, afterBody)
		return
	}
	// A name bound in one arm only keeps its declared type.
	v.narrowed.join(before, afterBody, v.narrowed.top)
	return elseImpossible, false
}

// headerAssignments assigns, quietly, what the assignment expressions of
// a def's decorators and defaults assign (`@tagged(level := 2)`): a def a
// re-check skips still binds them for the code after it.
func (c *Checker) headerAssignments(x *ast.FunctionDef) {
	for _, e := range slices.Concat(x.DecoratorList, x.Args.Defaults, x.Args.KwDefaults) {
		if e == nil {
			continue // (a keyword-only parameter without a default)
		}
		ast.Inspect(e, func(n ast.Node) bool {
			switch w := n.(type) {
			case *ast.Lambda:
				return false
			case *ast.NamedExpr:
				c.quietly(func() { c.expr(w) })
				return false
			}
			return true
		})
	}
}

// def checks a def statement: its header (decorators, signature, self
// argument), its body, and, in a class, its override of the bases'
// members. A target that a re-check skips (see targets.Recording) is not
// checked at all: what it found last time stands, header and overrides
// included, as its inputs did not change (its text, the names it holds,
// its class).
func (c *Checker) def(x *ast.FunctionDef, cls *types.Class) {
	// The first def of a name in a class body is the one checked against
	// the bases (an overload's or a property's other defs are the same).
	first := false
	if f := c.top(); f != nil && f.isClass && !f.defined[x.Name] {
		if f.defined == nil {
			f.defined = map[string]bool{}
		}
		f.defined[x.Name], first = true, true
	}
	walk, done := c.rec.Enter(x, len(c.out))
	if !walk {
		c.headerAssignments(x)
		return
	}
	c.beginStmt(x, cls)
	c.checkDeprecatedOrder(x)
	c.checkFinalOutermost(x)
	c.checkConditionalRedefinition(x)
	var override func() // the checks against the bases, after the body's (mypy's order)
	if f := c.top(); first {
		c.checkFinalOverride(finalOverrideSite(x), f.class, x.Name, false)
		if f.class != nil && f.class.Members[x.Name] != nil && f.class.Members[x.Name].Final {
			c.checkFinalOverridesWritable(finalOverrideSite(x), f.class, x.Name) // (a @final def)
		}
		sig := c.p.Signature(c.m.Name, f.class, x)
		class := f.class
		override = func() { c.checkOverride(x, class, sig) }
		c.checkReadOnlyPropertyOverride(x, f.class)
		if x.Name == "__post_init__" {
			c.checkPostInit(x, f.class, sig)
		}
	}
	if isAttributeHook(x.Name) {
		c.checkAttributeHook(x.Name, c.p.Signature(c.m.Name, cls, x), x)
	}
	var owner *types.Class
	if f := c.top(); f != nil && f.isClass {
		// (every def of the name: an overload's variants each)
		c.checkSelfArgument(x, f.class, c.p.Signature(c.m.Name, f.class, x))
		owner = f.class
	}
	c.decoratorCalls(x.DecoratorList)
	c.checkDecoratorArguments(x, c.p.Signature(c.m.Name, owner, x))
	c.function(x, cls)
	if c.rec.IsTarget(x) && c.exprStmts != nil {
		c.reportUndefined(undefined.Function(x, c.undefinedConfig()))
	}
	if override != nil {
		override()
	}
	done(len(c.out))
	// A def in a function rebinds its name there, narrowing a variable
	// declared before (mypy treats it as an assignment).
	if f := c.top(); f != nil && !f.isClass && len(x.DecoratorList) == 0 {
		if _, ok := f.vars.declared[x.Name]; ok {
			f.vars.narrowed.set(x.Name, withoutOuterVars(c.p.Signature(c.m.Name, nil, x), c.enclosingTypeVars()))
		}
	}
}

// beginStmt starts a statement's check: the per-statement memos are
// cleared, and what its annotations spell that the options forbid (an
// explicit Any, an unimported Any, a deprecated type) is reported.
func (c *Checker) beginStmt(s ast.Stmt, cls *types.Class) {
	clear(c.certainOf)
	clear(c.calleeOf)
	c.reportExplicitAny(s, cls)
	c.reportUnimportedAny(s, cls)
	c.reportDeprecatedTypes(s)
}

func (c *Checker) stmt(s ast.Stmt, cls *types.Class) {
	if x, ok := s.(*ast.FunctionDef); ok {
		c.def(x, cls)
		return
	}
	c.beginStmt(s, cls)
	switch x := s.(type) {
	case *ast.ClassDef:
		c.decoratorCalls(x.DecoratorList)
		var inner *types.Class
		if len(c.frames) == 0 && cls == nil {
			if sym := c.p.Modules[c.m.Name].Names[x.Name]; sym != nil && sym.Kind == semanal.Class {
				inner = c.p.Class(c.m.Name, sym)
			}
		} else if top := c.top(); top != nil && !top.isClass && top.def != nil && !top.comprehension {
			// A class in a def's body.
			inner = c.localClass(top.def, x)
		} else if top := c.top(); top != nil && top.isClass && top.class != nil {
			// A class nested in a class body: the member it defines.
			if m, ok := top.class.Members[x.Name]; ok && m.NestedClass {
				if tt, ok := m.Type.(*types.TypeType); ok {
					if inst, ok := tt.Item.(*types.Instance); ok {
						inner = inst.Class
					}
				}
			}
		}
		// A class body has its own names.
		c.checkFinalBases(x, inner)
		c.checkEnumBases(x, inner)
		c.checkClassProblems(inner)
		c.checkMultipleInheritance(x, inner)
		c.checkPropertyParts(x.Body)
		c.checkExplicitOverrides(x, inner)
		fr := &frame{vars: newVars(), checked: c.checked(), class: inner, isClass: true, body: x.Body}
		c.frames = append(c.frames, fr)
		loops := c.loops
		c.loops = nil
		c.stmts(x.Body, inner)
		c.loops = loops
		if fr.checked && !c.settings.AllowUntypedGlobals {
			c.reportPartials(fr.vars, x.Body)
		}
		c.frames = c.frames[:len(c.frames)-1]
		c.checkInitSubclass(x, inner)
		c.checkMetaclassConflict(x, inner)
	case *ast.Assign:
		c.lastNever = false
		if cls := c.functionalClass(x); cls != nil {
			c.checkClassProblems(cls)
			return
		}
		c.checkFinalNames(x, x.Targets...)
		if f := c.top(); f != nil && f.isClass && f.class != nil && f.class.IsProtocol && x.TypeComment == "" &&
			slices.ContainsFunc(x.Targets, func(t ast.Expr) bool {
				n, ok := t.(*ast.Name)
				if !ok || n.ID == "__slots__" {
					return false
				}
				_, before := f.vars.declared[n.ID]
				return !before
			}) {
			c.report(x.Pos(), diag.Error, diag.CodeMisc, diag.ProtocolMembersUntyped)
		}
		if f := c.top(); f != nil && f.isClass {
			for _, t := range x.Targets {
				if n, ok := t.(*ast.Name); ok {
					c.checkFinalOverride(x, f.class, n.ID, true)
				}
			}
			if n, ok := x.Targets[0].(*ast.Name); ok && len(x.Targets) == 1 && x.TypeComment == "" && !c.annotatedInClass(f, n.ID) {
				c.checkAttributeOverride(x, f.class, n.ID, x.Value, nil)
			}
			if n, ok := x.Targets[0].(*ast.Name); ok && len(x.Targets) == 1 && x.TypeComment != "" {
				if ann := semanal.TypeCommentExpr(x.TypeComment); ann != nil {
					c.checkClassVarOverride(x, f.class, n.ID, ann)
				}
			}
		}
		if x.TypeComment != "" && c.annotationUnchecked() {
			c.report(x.Pos(), diag.Note, diag.CodeAnnotationUnchecked, diag.AnnotationUnchecked)
		}
		if n, ok := x.Targets[0].(*ast.Name); ok && len(x.Targets) == 1 && x.TypeComment != "" {
			if ann := semanal.TypeCommentExpr(x.TypeComment); ann != nil {
				declared := c.p.AnnotationType(c.m.Name, ann)
				c.declareWithValue(n.ID, declared, x.Value, c.valueOfDeclared(x.Value, declared))
				return
			}
		}
		if c.assignsDeletedExceptVariable(x.Targets) {
			c.expr(x.Value)
			return
		}
		declared := c.declaredTarget(x.Targets)
		var t types.Type
		alias, valid := false, false
		if c.top() == nil {
			alias, valid = c.p.DefinesTypeAlias(c.m.Name, x)
		}
		if alias && valid {
			// A type alias's value is a type, not an expression to check.
			t = c.exprQuiet(x.Value)
		} else {
			if alias {
				c.failedAlias = x.Value
			}
			t = c.valueOfDeclared(x.Value, declared)
			c.failedAlias = nil
		}
		if _, union := declared.(*types.Union); union {
			// mypy keeps what the value infers to without the context
			// when that is narrower (the variable is narrowed to it).
			if _, call := x.Value.(*ast.Call); call {
				if alt := c.exprQuiet(x.Value); !isAnyType(alt) && types.IsSubtypeStrict(alt, t) && !types.IsSubtypeStrict(t, alt) {
					t = alt
				}
			}
		}
		for _, target := range x.Targets {
			c.assignStmtTarget(target, x.Value, t, len(x.Targets) == 1)
			if n, ok := target.(*ast.Name); ok && isAttributeHook(n.ID) {
				hook := declared
				if hook == nil {
					hook = t
				}
				c.checkAttributeHook(n.ID, hook, n)
			}
		}
		if _, call := x.Value.(*ast.Call); call {
			_, c.lastNever = t.(*types.Never) // x = f() of a function that never returns
		}
	case *ast.AnnAssign:
		c.checkFinalNames(x, x.Target)
		if c.checked() && c.p.FinalRedefinition(x) {
			c.report(x.Pos(), diag.Error, diag.CodeMisc, diag.CannotRedefineAsFinal)
		}
		c.checkFinalDeclaration(x)
		if f := c.top(); f != nil && f.isClass && !semanal.IsFinalAnnotation(x.Annotation) {
			if n, ok := x.Target.(*ast.Name); ok {
				c.checkClassVarOverride(x, f.class, n.ID, x.Annotation)
				c.checkAttributeOverride(x, f.class, n.ID, x.Value, x.Annotation)
			}
		}
		if f := c.top(); f != nil && semanal.IsFinalAnnotation(x.Annotation) {
			switch t := x.Target.(type) {
			case *ast.Name:
				if f.isClass {
					c.checkFinalOverride(x, f.class, t.ID, false)
					c.checkFinalOverridesWritable(x, f.class, t.ID)
				}
			case *ast.Attribute:
				if self, ok := t.Value.(*ast.Name); ok && f.def != nil && !f.isClass && f.class != nil &&
					len(f.def.Args.Args) > 0 && f.def.Args.Args[0].Arg == self.ID {
					c.checkFinalOverride(x, f.class, t.Attr, false)
				}
			}
		}
		if c.annotationUnchecked() {
			c.report(x.Pos(), diag.Note, diag.CodeAnnotationUnchecked, diag.AnnotationUnchecked)
		}
		var t types.Type
		n, isName := x.Target.(*ast.Name)
		attr, isAttr := x.Target.(*ast.Attribute)
		var declared types.Type
		if isName && x.Value != nil && semanal.IsBareFinal(x.Annotation) {
			// `X: Final = v`: X has v's type, its literal kept.
			declared = c.expr(x.Value)
			c.scopeVars().declare(n.ID, declared)
			c.recordTarget(n)
			break
		}
		if isName || isAttr {
			declared = c.p.AnnotationType(c.m.Name, x.Annotation)
		}
		if x.Value != nil {
			t = c.valueOfDeclared(x.Value, declared)
		}
		switch {
		case isName:
			c.declareWithValue(n.ID, declared, x.Value, t)
			c.recordTarget(n)
		case isAttr && x.Value != nil:
			// `self.x: T = v`: checked against T, and narrowed to v's
			// type there, as an assignment narrows.
			if c.checked() {
				c.checkAssignment(x.Value, t, declared)
			}
			c.assign(attr, t)
		}
	case *ast.AugAssign:
		c.checkFinalNames(x, x.Target)
		if a, ok := x.Target.(*ast.Attribute); ok {
			c.checkFinalAugmented(a)
		}
		c.augAssign(x)
	case *ast.Delete:
		for _, t := range x.Targets {
			c.deleteTarget(t)
		}
	case *ast.ExprStmt:
		c.anyAllowed = x.Value
		t := c.exprValueUnused(x.Value)
		_, c.lastNever = t.(*types.Never)
		if c.exprStmts != nil {
			c.exprStmts[x] = !c.lastNever
		}
		c.checkUnusedAwaitable(x, t)
	case *ast.Return:
		if f := c.top(); x.Value == nil && f != nil && f.ret != nil && c.checked() {
			switch f.ret.(type) {
			case *types.NoneType, *types.Any:
			default:
				c.report(x.Pos(), diag.Error, diag.CodeReturnValue, diag.ReturnValueExpected)
			}
		}
		if x.Value != nil {
			var t types.Type
			// A function declared to return None or Any may return
			// the result of a call that returns None (mypy's
			// allow_none_return).
			switch c.top().returnType().(type) {
			case *types.NoneType, *types.Any:
				t = c.exprValueUnused(x.Value)
			default:
				t = c.exprInContext(x.Value, expectation{want: c.top().returnType(), loosely: true})
			}
			if f := c.top(); f != nil && f.ret != nil {
				c.checkReturn(x.Value, t, f.ret)
				c.checkReturnAny(x.Value, t, f)
			}
		}
	case *ast.If:
		c.reportUnmergedOverload(x)
		c.expr(x.Test)
		impossible, leaves := c.branches(x.Test, x.Body, x.Orelse, cls)
		if impossible && c.exprStmts != nil {
			c.elseImpossible[x] = true
		}
		c.left = leaves
	case *ast.While:
		c.loops = append(c.loops, x)
		c.expr(x.Test)
		ifTrue, ifFalse := c.condition(x.Test)
		if breaks(x.Body) {
			// (Left from where it breaks: the body's end state stands
			// for those.)
			c.apply(ifTrue)
			c.stmts(x.Body, cls)
			c.apply(ifFalse)
		} else {
			// Left when the condition is false, with what no iteration
			// and the body's end leave, joined.
			v := c.scopeVars()
			before := v.narrowed.fork()
			c.apply(ifTrue)
			c.stmts(x.Body, cls)
			afterBody := v.narrowed.next(before)
			v.narrowed.join(before, afterBody, v.narrowed.top)
			_, ifFalse = c.condition(x.Test)
			c.apply(ifFalse)
		}
		c.loops = c.loops[:len(c.loops)-1]
		elseLeaves := c.stmts(x.Orelse, cls)
		// `while True` without a break is left only by a jump; a loop
		// whose else clause leaves is left unless it breaks.
		c.left = (ast.IsTrueLiteral(x.Test) || elseLeaves) && !breaks(x.Body)
	case *ast.For:
		it := c.expr(x.Iter)
		switch it.(type) {
		case *types.Instance, *types.NoneType, *types.Literal:
			if c.checked() && c.certain(x.Iter) && !c.partialNone(x.Iter, it) && !x.IsAsync && c.lacksMethod(it, "__iter__") &&
				c.lacksMethod(it, "__getitem__") {
				msg := fmt.Sprintf(diag.ObjectIsNotIterable, types.Format(it, c.formatOptions()))
				if _, isNone := it.(*types.NoneType); isNone {
					msg = diag.NoneNotIterable
				}
				c.report(x.Iter.Pos(), diag.Error, diag.CodeMisc, msg)
			}
		}
		if !x.IsAsync {
			c.warnDeprecatedMethod(x.Iter, widen(it), "__iter__")
		}
		var item types.Type
		if x.IsAsync {
			item = c.asyncIterate(it)
		} else {
			item = c.iterate(it)
		}
		if n, ok := x.Target.(*ast.Name); ok && emptyDisplay(x.Iter) {
			// An empty display's items are Never: mypy asks for the
			// variable's type (it is Any then).
			if _, known := c.scopeVars().declared[n.ID]; !known && c.checked() && n.ID != "_" {
				c.report(n.Pos(), diag.Error, diag.CodeVarAnnotated, fmt.Sprintf(diag.NeedAnnotation, n.ID))
			}
			item = anyT()
		}
		if n, ok := x.Target.(*ast.Name); ok && c.settings.DisallowAnyExpr {
			if _, known := c.scopeVars().declared[n.ID]; !known {
				c.reportAnyExpr(x, item)
			}
		}
		c.assignsDeletedExceptVariable([]ast.Expr{x.Target})
		switch target := x.Target.(type) {
		case *ast.Tuple:
			c.unpack(target.Elts, x.Iter, item, false, &x.Span)
		case *ast.List:
			c.unpack(target.Elts, x.Iter, item, false, &x.Span)
		default:
			c.assign(x.Target, item)
		}
		c.loops = append(c.loops, x)
		c.stmts(x.Body, cls)
		c.loops = c.loops[:len(c.loops)-1]
		c.left = c.stmts(x.Orelse, cls) && !breaks(x.Body)
	case *ast.With:
		swallows := false
		for _, it := range x.Items {
			ctx := c.expr(it.ContextExpr)
			c.checkContextManager(it.ContextExpr, ctx, x.IsAsync)
			swallows = swallows || c.mayswallow(ctx, x.IsAsync)
			if it.OptionalVars == nil {
				continue
			}
			enter := "__enter__"
			if x.IsAsync {
				enter = "__aenter__"
			}
			t := c.callResult(c.member(ctx, enter), positional())
			if x.IsAsync {
				t = c.awaited(t)
			}
			ast.TargetLeaves(it.OptionalVars, func(leaf ast.Expr) {
				if n, ok := leaf.(*ast.Name); ok && c.freshWith(n) {
					c.scopeVars().restart(n.ID)
				}
			})
			c.assignStmtTarget(it.OptionalVars, it.ContextExpr, t, true)
		}
		c.left = c.stmts(x.Body, cls) && !swallows
	case *ast.Raise:
		if x.Exc != nil {
			c.checkRaise(x, x.Exc, c.expr(x.Exc))
		}
		if x.Cause != nil {
			// (None may be the cause: it hides the context.)
			t := c.expr(x.Cause)
			if rest := removeNone(t); rest != nil {
				t = rest
			}
			if !isNoneType(t) {
				c.checkRaise(x, x.Cause, t)
			}
		}
	case *ast.Try:
		c.try(x, cls)
	case *ast.Import:
		for _, a := range x.Names {
			name, bound := a.Name, a.Name
			if a.Asname != "" {
				name = a.Asname
			} else {
				bound, _, _ = strings.Cut(a.Name, ".")
				name = bound
			}
			c.bindLocalImport(name, func() types.Type { return c.targetType(semanal.Target{Module: bound}) })
		}
	case *ast.ImportFrom:
		base, ok := build.ResolveRelative(c.m.Name, c.m.IsPackage, x.Level, x.Module)
		if ok {
			c.reportDeprecatedImports(x, base)
		}
		if top := c.top(); ok && top != nil && top.isClass {
			c.checkClassImport(x, base)
		}
		for _, a := range x.Names {
			if a.Name == "*" {
				if ok && c.top() == nil {
					c.checkStarImportOverNames(x, base)
				}
				continue
			}
			name := a.Name
			if a.Asname != "" {
				name = a.Asname
			}
			// The imported name's type is worked out when it is needed: a
			// module's top level needs it only where the import rebinds a
			// name, and a function and class's types are the same whenever
			// they are asked for. A variable's is inferred here, where mypy
			// infers it.
			var t types.Type
			typeOf := func() types.Type {
				if t != nil {
					return t
				}
				t = anyT()
				if ok {
					if target, found := c.p.Resolve(base, a.Name); found {
						t = c.targetType(target)
					} else if _, isModule := c.p.Modules[base+"."+a.Name]; isModule {
						t = c.targetType(semanal.Target{Module: base + "." + a.Name})
					}
				}
				return t
			}
			if ok {
				if target, found := c.p.Resolve(base, a.Name); found && target.Sym != nil && target.Sym.Kind == semanal.Var {
					typeOf()
				}
			}
			c.checkImportOverName(x, name, typeOf)
			c.bindLocalImport(name, typeOf)
		}
	case *ast.Assert:
		c.expr(x.Test)
		ifTrue, _ := c.condition(x.Test)
		// A narrowing that cannot hold (not a literal condition's) makes
		// the code after the assert unreachable, as in mypy.
		c.left = unreachable(ifTrue) && ifTrue[""] == nil
		c.apply(ifTrue)
	case *ast.Match:
		c.match(x, cls)
	}
}

// checkImportOverName reports a module-level import (x) of a name this
// module defined before it, as a def, class or variable (an inferred one
// by the type the checker inferred), or imported by an earlier
// from-import, whose imported type (typeOf's) does not fit
// the name's: mypy checks it as an
// assignment, `Incompatible import of "f" (imported name has type "X",
// local name has type "Y")` ([assignment]). Types it does not judge
// exactly are not reported.
func (c *Checker) checkImportOverName(x *ast.ImportFrom, name string, typeOf func() types.Type) {
	if c.top() != nil || !c.checked() {
		return
	}
	target, ok := c.p.Resolve(c.m.Name, name)
	if !ok || target.Sym == nil {
		return
	}
	var local types.Type
	if own := c.p.Modules[c.m.Name]; own != nil && own.Names[name] != nil && own.Names[name].Kind == semanal.Imported {
		// An earlier from-import binds the name: its target's type is
		// the local one.
		if own.Names[name].Line >= int(x.Lineno) {
			return
		}
	} else {
		if target.Owner != c.m.Name || target.Sym.Line >= int(x.Lineno) {
			return
		}
		switch target.Sym.Kind {
		case semanal.Func, semanal.Class:
		case semanal.Var:
			if target.Sym.Annotation == nil {
				// An inferred variable: the type the checker inferred
				// for it, when that stands (as for an assignment).
				v := c.scopeVars()
				declared, known := v.declared[name]
				if !known || v.partial[name] || !c.inferredTypesStand(name) {
					return
				}
				local = declared
			}
		default:
			return
		}
	}
	if local == nil {
		local = c.targetType(target)
	}
	t := typeOf()
	if isAnyType(t) || isAnyType(local) || !judgeable(t, true) || !judgeable(local, false) || types.IsSubtype(t, local) {
		return
	}
	if !c.strictOptional && (mentionsNone(t) || mentionsNone(local)) {
		return
	}
	got, want := types.FormatPair(t, local, c.formatOptions())
	c.report(&x.Span, diag.Error, diag.CodeAssignment, fmt.Sprintf(diag.IncompatibleImport, name, diag.QuoteType(got), diag.QuoteType(want)))
}

// checkStarImportOverNames is checkImportOverName for each name
// `from base import *` binds, in order.
func (c *Checker) checkStarImportOverNames(x *ast.ImportFrom, base string) {
	names := slices.Sorted(maps.Keys(c.p.Exports(base)))
	for _, n := range names {
		if target, found := c.p.Resolve(base, n); found {
			var t types.Type
			if target.Sym != nil && target.Sym.Kind == semanal.Var {
				t = c.targetType(target) // (inferred here, as for a from-import)
			}
			c.checkImportOverName(x, n, func() types.Type {
				if t == nil {
					t = c.targetType(target)
				}
				return t
			})
		}
	}
}

// bindLocalImport binds a name an import inside a function defines to its
// type, typeOf's (the module level's are the semantic analyser's).
func (c *Checker) bindLocalImport(name string, typeOf func() types.Type) {
	f := c.top()
	if f == nil || f.isClass {
		return
	}
	t := typeOf()
	f.vars.declared[name] = t
	f.vars.narrowed.set(name, t)
	delete(f.vars.partial, name)
}

// try walks a try statement. The body and each handler get layers of
// their own under one of the whole statement's, as mypy's frames are laid
// out, so that a variable first assigned in the body may be assigned None
// in a handler (see noneInOtherArm). A handler starts from what the body
// left (mypy: from any point of the body); the else block continues the
// body's path (unchecked when the body always leaves); past the statement
// each variable is the union of what the
// paths that do not leave left, then the finally block runs.
func (c *Checker) try(x *ast.Try, cls *types.Class) {
	v := c.scopeVars()
	outer := v.narrowed.fork()
	whole := v.narrowed.top
	whole.conditional = true
	v.narrowed.fork()
	bodyLeaves := c.stmts(x.Body, cls)
	body := v.narrowed.top
	var handlerEnds []*layer
	handlersLeave := true
	for _, h := range x.Handlers {
		handler := &layer{parent: whole, types: map[string]types.Type{}}
		for l := body; l != whole; l = l.parent {
			for key, t := range l.types {
				if _, done := handler.types[key]; !done {
					handler.types[key] = t
				}
			}
		}
		v.narrowed.top = handler
		if h.Type != nil {
			t := c.expr(h.Type)
			c.checkExceptType(h.Type, t)
			if h.Name != "" {
				v.declared[h.Name] = c.caught(t)
				v.narrowed.set(h.Name, v.declared[h.Name])
				delete(v.partial, h.Name)
			}
		}
		leaves := c.stmts(h.Body, cls)
		if h.Name != "" {
			// Python deletes the variable at the handler's end (mypy gives
			// it a deleted type: reading it after is an error, and so is
			// assigning it outside an except block).
			deleted := &types.Any{Reason: types.AnyDeleted}
			v.declared[h.Name] = deleted
			v.narrowed.set(h.Name, deleted)
		}
		handlersLeave = leaves && handlersLeave
		if !leaves {
			handlerEnds = append(handlerEnds, v.narrowed.top)
		}
	}
	v.narrowed.top = body
	// The else block runs when the body ends normally: never when it
	// always leaves (raises, returns), and then it is not checked.
	elseLeaves := true
	if !bodyLeaves {
		elseLeaves = c.stmts(x.Orelse, cls)
	} else if len(x.Orelse) > 0 {
		c.unreachable(x.Orelse[0])
	}
	var ends []*layer
	if !bodyLeaves && !elseLeaves {
		ends = append(ends, v.narrowed.top)
	}
	ends = append(ends, handlerEnds...)
	if len(ends) > 0 {
		v.narrowed.joinAll(whole, ends)
	} else {
		v.narrowed.drop(whole)
	}
	v.narrowed.keep(outer, whole)
	finallyLeaves := c.stmts(x.Finalbody, cls)
	// Past the statement run the body's path (body then else) and each
	// handler's, unless the finally block leaves.
	c.left = (bodyLeaves || elseLeaves) && handlersLeave || finallyLeaves
}

// deleteTarget records `del name` (reading the name is then an error
// until it is assigned again) and walks other targets.
func (c *Checker) deleteTarget(t ast.Expr) {
	ast.TargetLeaves(t, func(leaf ast.Expr) {
		n, ok := leaf.(*ast.Name)
		if a, isAttr := leaf.(*ast.Attribute); isAttr {
			c.expr(a) // (read as mypy reads it: a missing attribute is reported)
			return
		}
		if !ok {
			c.exprQuiet(leaf)
			if sub, ok := leaf.(*ast.Subscript); ok {
				if td, items, ok := types.TypedDictOf(c.exprQuiet(sub.Value)); ok {
					c.typedDictDelete(sub, td, items)
				}
			}
			return
		}
		if f := c.top(); f == nil || !f.isClass {
			c.scopeVars().narrowed.set(n.ID, &types.Any{Reason: types.AnyDeleted})
		}
	})
}

// narrowingTest reports a condition mypy may narrow with: an equality,
// identity or membership comparison, or isinstance and the like (also
// under `not` and in `and`/`or`).
func narrowingTest(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Compare:
		for _, op := range x.Ops {
			switch op {
			case ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.In, ast.NotIn:
				return true
			}
		}
	case *ast.Call:
		return isNarrowingCall(x)
	case *ast.UnaryOp:
		return x.Op == ast.Not && narrowingTest(x.Operand)
	case *ast.BoolOp:
		for _, v := range x.Values {
			if narrowingTest(v) {
				return true
			}
		}
	}
	return false
}

// isNarrowingCall reports isinstance, issubclass, callable or type.
func isNarrowingCall(call *ast.Call) bool {
	n, ok := call.Func.(*ast.Name)
	return ok && (n.ID == "isinstance" || n.ID == "issubclass" || n.ID == "callable" || n.ID == "type")
}

// checkUnusedAwaitable reports an expression statement whose value is a
// coroutine never awaited ([unused-coroutine]), or another awaitable
// ([unused-awaitable], off unless enabled), as mypy does.
func (c *Checker) checkUnusedAwaitable(x *ast.ExprStmt, t types.Type) {
	inst, ok := t.(*types.Instance)
	if !ok || !c.checked() {
		return
	}
	code := diag.CodeUnusedAwaitable
	if inst.Class.FullName == "typing.Coroutine" {
		code = diag.CodeUnusedCoroutine
	} else if m, _ := inst.Class.Lookup("__await__"); m == nil {
		return
	}
	c.report(x.Pos(), diag.Error, code, fmt.Sprintf(diag.TypeMustBeUsed, diag.QuoteType(types.Format(t, c.formatOptions()))))
	c.report(x.Pos(), diag.Note, code, diag.MissingAwaitNote)
}
