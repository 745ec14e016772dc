// Package check is the type checker: it walks each module's statements,
// narrowing as mypy's binder does, infers the type of every expression it
// models, and reports the errors mypy reports where the types are certain
// (see fits and certain). An expression it does not model yet is Any, and
// judges nothing.
package check

import (
	"fmt"
	"strings"

	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/semanal"
	"typd/checker/targets"
	"typd/checker/types"
	"typd/checker/undefined"
	"typd/parser/ast"
)

// Checker checks one module.
type Checker struct {
	p   *semanal.Program
	m   *build.Module
	out []diag.Diagnostic
	// frames are the local variables of the enclosing functions.
	frames []*frame
	// settings are the module's options.
	settings Settings
	// checkUntyped is --check-untyped-defs for this module.
	checkUntyped bool
	// strictOptional is off under --no-strict-optional, where None is a
	// value of every type.
	strictOptional bool
	// certainOf remembers what certain said of the expressions of the
	// statement being checked, so a chain (a.b.c..., 1 + 1 + ...) is
	// judged in time linear in its length; it is emptied at each statement.
	certainOf map[ast.Expr]bool
	// calleeOf holds the type of each called expression of the statement
	// as the walk inferred it, for certain to judge a call without
	// inferring its callee again (which in a chain f()()()... would infer
	// the whole chain at each link); emptied at each statement.
	calleeOf map[*ast.Call]types.Type
	// module are the module-level variables as the walk has seen them.
	module *vars
	// lazy caches the types inferred for module-level variables read
	// before (or from outside) the statements that assign them.
	lazy      map[string]types.Type
	inferring map[string]bool
	// attrs caches the inferred types of attributes assigned through self.
	attrs         map[*types.Member]types.Type
	inferringAttr map[*types.Member]bool
	// reach decides which branches can run.
	reach *reach.Config
	// others are the checkers of other modules whose variables this one
	// reads (shared by all of them).
	others map[string]*Checker
	// valueUnused is the call an expression statement consists of, whose
	// value may be None without complaint.
	valueUnused *ast.Call
	// unbound counts the enclosing expressions that bind names the checker
	// does not track (lambdas, comprehensions): errors are not reported
	// inside them.
	unbound int
	// lastNever records that the expression statement just walked
	// has type Never (a call that does not return).
	lastNever bool
	// left records that the compound statement just walked always
	// leaves (all its paths return, raise, break, continue...).
	left bool
	// mypyOnly counts the `if TYPE_CHECKING:` blocks being walked.
	mypyOnly int
	// exprStmts are the expression statements walked and whether each can
	// complete (not a call that never returns), and elseImpossible the ifs
	// whose else arm the condition's narrowing rules out: kept for the
	// analysis of undefined names when one of its codes is on.
	exprStmts      map[*ast.ExprStmt]bool
	elseImpossible map[*ast.If]bool
	// expected is the type the expression about to be walked is expected
	// to have (a declared variable's, a return type), for inferring a
	// generic call from its context; only that expression sees it.
	expected types.Type
	// quiet counts the enclosing quiet evaluations (exprQuiet), which
	// change no state.
	quiet int
	// partialReceiver is the variable whose method call is being walked
	// when that call may complete its partial type (x.append(v)).
	partialReceiver string
	// implicitCall marks a call a statement makes (a with statement's
	// __enter__ and __exit__), whose messages name no arguments.
	implicitCall bool
	// decorating are the defs whose decorated type is being found.
	decorating map[*ast.FunctionDef]bool
	// expectedLoosely marks an expected return type, which mypy drops
	// when inferring a call from it makes its arguments not fit.
	expectedLoosely bool
	// rec records the diagnostics of each target, or names the one
	// walked.
	// attrWalks marks the methods walked to learn the attributes they
	// assign (walkForAttrs); recording is the one being walked.
	attrWalks map[*ast.FunctionDef]bool
	recording *ast.FunctionDef
	rec       *targets.Recording
	// recorded, when not nil, receives the type of every expression the
	// walk reaches (for inspect).
	recorded map[ast.Expr]types.Type
}

// frame is one function's local variables and whether its body is checked.
type frame struct {
	vars    *vars
	checked bool
	class   *types.Class
	// isClass marks a class body's frame.
	isClass bool
	// comprehension marks the scope of a comprehension's targets.
	comprehension bool
	// valueRestricted marks a function generic over a type variable with
	// values.
	valueRestricted bool
	// noTypeCheck marks a body under typing.no_type_check: not checked,
	// and without the note on its annotations.
	noTypeCheck bool
	// ret is the declared return type that return statements are checked
	// against (a generator's return type); nil when not checked (no
	// annotation, an async def, a class body).
	ret types.Type
	// yield is the type a generator's yields are checked against, nil
	// when not checked.
	yield types.Type
	// def is the def whose body this frame is; lastAssigned the line of
	// the last assignment of each of its variables (filled on first use).
	def          *ast.FunctionDef
	lastAssigned map[string]int32
}

// assignedAfter reports whether the function of this frame assigns name
// after the nested def ends (outside nested scopes).
func (f *frame) assignedAfter(name string, nested *ast.FunctionDef) bool {
	if f.lastAssigned == nil {
		f.lastAssigned = map[string]int32{}
		note := func(n *ast.Name) {
			if n.Ctx == ast.Store && n.Lineno > f.lastAssigned[n.ID] {
				f.lastAssigned[n.ID] = n.Lineno
			}
		}
		for _, st := range f.def.Body {
			ast.Inspect(st, func(x ast.Node) bool {
				switch y := x.(type) {
				case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
					return false // other scopes
				case *ast.Name:
					note(y)
				}
				return true
			})
		}
	}
	return f.lastAssigned[name] > nested.EndLineno
}

// vars are the variables of one scope: the type each was declared with
// (or first inferred), and the type it is narrowed to at this point of
// the walk. A variable first assigned None without an annotation is
// partial: its next assignment decides its declared type (T | None).
type vars struct {
	declared map[string]types.Type
	narrowed *narrowing
	partial  map[string]bool
	// annotated marks the variables whose declared type was written.
	annotated map[string]bool
	// partialColl are the variables first assigned an empty collection
	// that nothing completed yet.
	partialColl map[string]*partialCollection
	// guessed marks the variables first assigned a display whose item
	// types are joined by rules this checker does not share with mypy yet
	// (tuples, unions, None): their types are not judged.
	guessed map[string]bool
	// inferredAt is the narrowing layer at which each variable without an
	// annotation got its type (mypy's var_decl_frames).
	inferredAt map[string]*layer
}

func newVars() *vars { return newVarsSized(0) }

// newVarsSized is newVars with room for about size names, so a scope of
// many names (a generated module) does not grow its maps step by step.
func newVarsSized(size int) *vars {
	return &vars{declared: make(map[string]types.Type, size), narrowed: newNarrowing(), partial: map[string]bool{},
		annotated: map[string]bool{}, guessed: map[string]bool{}, inferredAt: make(map[string]*layer, size)}
}

// lookup is the current type of a variable, if the scope knows it.
func (v *vars) lookup(name string) (types.Type, bool) {
	if t, ok := v.narrowed.get(name); ok {
		return t, true
	}
	t, ok := v.declared[name]
	return t, ok
}

// declare sets a variable's declared type (an annotation or a type
// comment); the declaring assignment does not narrow it.
func (v *vars) declare(name string, declared types.Type) {
	v.declared[name] = declared
	v.annotated[name] = true
	delete(v.partial, name)
	v.narrowed.set(name, declared)
}

// assign records an assignment of a value of type t.
func (v *vars) assign(name string, t types.Type) {
	t = forgetTruth(widen(t))
	declared, known := v.declared[name]
	switch {
	case !known:
		v.declared[name] = t
		v.inferredAt[name] = v.narrowed.top
		if v.narrowed.top.parent != nil {
			// Outside any branch the declared type is what lookup finds.
			v.narrowed.set(name, t)
		}
		if _, isNone := t.(*types.NoneType); isNone {
			v.partial[name] = true
		}
	case v.partial[name]:
		if _, isNone := t.(*types.NoneType); !isNone {
			delete(v.partial, name)
			v.declared[name] = types.SimplifiedUnion(t, declared)
			v.narrowed.set(name, t)
		}
	default:
		v.narrow(name, t)
	}
}

// narrow narrows a declared variable to the type of an assigned value,
// when it is a subtype of the declared type (and that is not Any).
func (v *vars) narrow(name string, t types.Type) {
	declared := v.declared[name]
	_, declaredAny := declared.(*types.Any)
	_, valueAny := t.(*types.Any)
	if declaredAny || valueAny {
		v.narrowed.set(name, anyForNone(declared, t))
		return
	}
	// Type arguments are not compared yet, so a value of the declared
	// class itself (inferred, in mypy, in the declared type's context)
	// keeps the declared type.
	a, okA := t.(*types.Instance)
	d, okD := declared.(*types.Instance)
	if okA && okD && a.Class == d.Class {
		v.narrowed.set(name, declared)
		return
	}
	if types.IsSubtypeStrict(t, declared) {
		v.narrowed.set(name, t)
	} else {
		v.narrowed.set(name, declared)
	}
}

// anyForNone is what a variable declared `X | None` holds after an
// assignment of Any, as mypy's binder has it: `X | Any` (None replaced);
// any other declared type stands.
func anyForNone(declared, value types.Type) types.Type {
	u, ok := declared.(*types.Union)
	if _, isAny := value.(*types.Any); !ok || !isAny {
		return declared
	}
	items := make([]types.Type, len(u.Items))
	for i, it := range u.Items {
		items[i] = it
		if _, isNone := it.(*types.NoneType); isNone {
			items[i] = value
		}
	}
	return &types.Union{Items: items}
}

// Settings are the options that change how a module is checked.
type Settings struct {
	// CheckUntypedDefs checks the bodies of unannotated functions.
	CheckUntypedDefs bool
	// StrictOptional keeps None out of other types (mypy's default).
	StrictOptional bool
	// DisallowUntypedDefs and DisallowIncompleteDefs report defs missing
	// annotations.
	DisallowUntypedDefs, DisallowIncompleteDefs bool
	// AllowRedefinition lets a variable take a new type when assigned
	// again (--allow-redefinition).
	AllowRedefinition bool
	// AllowUntypedGlobals leaves module-level empty collections that
	// nothing completed as Any (--allow-untyped-globals).
	AllowUntypedGlobals bool
	// WarnUnreachable reports statements that cannot run
	// (--warn-unreachable).
	WarnUnreachable bool
	// LocalPartialTypes keeps an enclosing scope's partial types from
	// being completed in a nested function (--local-partial-types).
	LocalPartialTypes bool
	// UsedBeforeDef and PossiblyUndefined report names read before their
	// definition or not defined on every path (mypy's codes of the names).
	UsedBeforeDef, PossiblyUndefined bool
	// WarnNoReturn reports a function declared to return a value whose
	// end is reachable (on by default); AllowEmptyBodies lets a body of
	// only pass, ... or a docstring be.
	WarnNoReturn, AllowEmptyBodies bool
	// WarnRedundantCasts reports a cast to the type its value has
	// ([redundant-cast]); DisallowUntypedCalls a call of an unannotated
	// def from checked code ([no-untyped-call]).
	WarnRedundantCasts, DisallowUntypedCalls bool
	// DisallowUntypedDecorators reports an untyped decorator of a def
	// with annotations ([untyped-decorator]).
	DisallowUntypedDecorators bool
	// DisallowAnyExplicit reports type expressions that write Any
	// ([explicit-any]).
	DisallowAnyExplicit bool
}

// Module checks a module and returns its diagnostics.
func Module(p *semanal.Program, m *build.Module, rc *reach.Config, s Settings) []diag.Diagnostic {
	return ModuleRecorded(p, m, rc, s, nil)
}

// ModuleRecorded is Module recording the diagnostics of each target in rec
// (see targets.Recording), or walking only rec.Only's body.
func ModuleRecorded(p *semanal.Program, m *build.Module, rc *reach.Config, s Settings, rec *targets.Recording) []diag.Diagnostic {
	if m.File == nil || len(m.File.Errors) > 0 {
		return nil
	}
	c := newChecker(p, m, rc, s)
	c.rec = rec
	c.moduleBody(m.File.Module.Body)
	return c.out
}

// newChecker returns a checker of module m.
func newChecker(p *semanal.Program, m *build.Module, rc *reach.Config, s Settings) *Checker {
	size := 0
	if m.File != nil {
		size = len(m.File.Module.Body)
	}
	c := &Checker{p: p, m: m, settings: s, checkUntyped: s.CheckUntypedDefs, strictOptional: s.StrictOptional, module: newVarsSized(size), lazy: map[string]types.Type{},
		inferring: map[string]bool{}, reach: rc, inferringAttr: map[*types.Member]bool{}, decorating: map[*ast.FunctionDef]bool{}, others: map[string]*Checker{}}
	c.others[m.Name] = c
	// (Stubs do not run: they define nothing in order.)
	if (s.UsedBeforeDef || s.PossiblyUndefined) && !m.IsStub {
		c.exprStmts, c.elseImpossible = map[*ast.ExprStmt]bool{}, map[*ast.If]bool{}
	}
	return c
}

// Types checks a module and returns the type of every expression the check
// reached (code it found unreachable has none), as mypy's --export-types
// keeps them: a name assigned to has its variable's type.
func Types(p *semanal.Program, m *build.Module, rc *reach.Config, s Settings) map[ast.Expr]types.Type {
	if m.File == nil || len(m.File.Errors) > 0 {
		return nil
	}
	c := newChecker(p, m, rc, s)
	c.recorded = map[ast.Expr]types.Type{}
	c.moduleBody(m.File.Module.Body)
	return c.recorded
}

func (c *Checker) note(sp *ast.Span, msg string) {
	c.report(sp, diag.Note, diag.CodeMisc, msg)
}

// report adds a diagnostic at the start of a node; the node's end bounds
// the lines whose ignore comments silence it.
func (c *Checker) report(sp *ast.Span, sev diag.Severity, code, msg string) {
	if c.unbound > 0 && (sev != diag.Note || code != diag.CodeMisc) {
		return // only reveal_type's notes
	}
	d := diag.Diagnostic{File: c.m.Path, Line: int(sp.Lineno), Col: int(sp.ColOffset), Severity: sev, Message: msg, Code: code}
	if sp.EndLineno > 0 {
		d.EndLine, d.EndCol = int(sp.EndLineno), int(sp.EndColOffset)
	}
	c.out = append(c.out, d)
}

func (c *Checker) top() *frame {
	if len(c.frames) == 0 {
		return nil
	}
	return c.frames[len(c.frames)-1]
}

// scopeVars are the variables of the innermost function, or the module's.
func (c *Checker) scopeVars() *vars {
	if f := c.top(); f != nil {
		return f.vars
	}
	return c.module
}

// annotationUnchecked reports whether an annotation here gets mypy's note
// that the body is not checked (not under no_type_check).
func (c *Checker) annotationUnchecked() bool {
	return !c.checked() && !c.top().noTypeCheck
}

func (c *Checker) checked() bool {
	f := c.top()
	return f == nil || f.checked
}

// stmts walks a block; cls is the class whose body this is, if any.
// The statements after one that always leaves the block are unreachable
// and, as in mypy, not checked.
// It reports whether the block always leaves (returns, raises, breaks,
// continues or calls a function that never returns): no code after it
// runs.
func (c *Checker) stmts(body []ast.Stmt, cls *types.Class) bool {
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
// code that cannot run, unless it is one mypy lets be (pass, ..., raise,
// assert False, a call that never returns, a yield after a return).
func (c *Checker) unreachable(s ast.Stmt) {
	if !c.settings.WarnUnreachable || !c.checked() || c.unbound > 0 {
		return
	}
	switch x := s.(type) {
	case *ast.Pass, *ast.Raise:
		return
	case *ast.Return:
		if n, ok := x.Value.(*ast.Name); ok && n.ID == "NotImplemented" {
			return // a binary method's fallback, as mypy lets it be
		}
	case *ast.ExprStmt:
		switch v := x.Value.(type) {
		case *ast.Constant:
			if v.Value.Kind == ast.EllipsisValue {
				return
			}
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
	c.report(s.Pos(), diag.Error, diag.CodeUnreachable, "Statement is unreachable")
}

// leaves reports whether control never passes the statement just walked:
// one that leaves by itself (see stmtLeaves) or a call of a function
// that never returns.
func (c *Checker) leaves(s ast.Stmt) bool {
	switch x := s.(type) {
	case *ast.ExprStmt:
		return c.lastNever
	case *ast.If, *ast.While, *ast.For, *ast.With, *ast.Try:
		return c.left // as the walk of the statement found
	case *ast.Assert:
		return ast.IsFalseLiteral(x.Test)
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

// moduleBody walks a module's top level, which an always-false assert
// ends (mypy's rule for `assert sys.platform == ...` at the top level).
func (c *Checker) moduleBody(body []ast.Stmt) {
	defer func() {
		if !c.settings.AllowUntypedGlobals {
			c.reportPartials(c.module, body)
		}
	}()
	c.checkOverloadDefs(body, nil)
	for i, s := range body {
		if a, ok := s.(*ast.Assert); ok && reach.IsFalse(c.reach.Infer(a.Test)) {
			c.undefinedInModule(body[:i+1])
			return
		}
		c.stmt(s, nil)
		if c.leaves(s) {
			c.undefinedInModule(body)
			return
		}
	}
	c.undefinedInModule(body)
}

// undefinedInModule reports the names of the module's top level (and of
// the defs that are not targets, which report their own) read before
// their definition or possibly undefined. A walk of one target alone
// leaves them as they were.
func (c *Checker) undefinedInModule(body []ast.Stmt) {
	if c.exprStmts == nil || c.rec != nil && c.rec.Only != nil {
		return
	}
	c.reportUndefined(undefined.Module(body, c.undefinedConfig()))
}

// undefinedConfig is the configuration of the analysis of undefined names.
func (c *Checker) undefinedConfig() *undefined.Config {
	var builtins semanal.Table
	if b := c.p.Modules["builtins"]; b != nil {
		builtins = b.Names
	}
	return &undefined.Config{CheckUntypedDefs: c.settings.CheckUntypedDefs, Reach: c.reach,
		Builtin:     func(name string) bool { return builtins[name] != nil },
		ModuleAttrs: semanal.ImplicitModuleAttrs,
		Returns: func(s *ast.ExprStmt) bool {
			completes, reached := c.exprStmts[s]
			return reached && completes
		},
		ElseImpossible: func(x *ast.If) bool { return c.elseImpossible[x] },
		Separate:       c.rec.IsTarget}
}

// reportUndefined reports the findings of the analysis of undefined names.
func (c *Checker) reportUndefined(fs []undefined.Finding) {
	for _, f := range fs {
		switch {
		case f.UsedBeforeDef && c.settings.UsedBeforeDef:
			c.report(&f.Name.Span, diag.Error, diag.CodeUsedBeforeDef, fmt.Sprintf(`Name "%s" is used before definition`, f.Name.ID))
		case !f.UsedBeforeDef && c.settings.PossiblyUndefined:
			c.report(&f.Name.Span, diag.Error, diag.CodePossiblyUndefined, fmt.Sprintf(`Name "%s" may be undefined`, f.Name.ID))
		}
	}
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

func (c *Checker) stmt(s ast.Stmt, cls *types.Class) {
	clear(c.certainOf)
	clear(c.calleeOf)
	c.reportExplicitAny(s, cls)
	switch x := s.(type) {
	case *ast.FunctionDef:
		walk, done := c.rec.Enter(x, len(c.out))
		if walk {
			c.function(x, cls)
			if c.rec.IsTarget(x) && c.exprStmts != nil {
				c.reportUndefined(undefined.Function(x, c.undefinedConfig()))
			}
			done(len(c.out))
		}
		// A def in a function rebinds its name there, narrowing a
		// variable declared before (mypy treats it as an assignment).
		if f := c.top(); f != nil && !f.isClass && len(x.DecoratorList) == 0 {
			if _, ok := f.vars.declared[x.Name]; ok {
				f.vars.narrowed.set(x.Name, c.p.Signature(c.m.Name, nil, x))
			}
		}
	case *ast.ClassDef:
		var inner *types.Class
		if len(c.frames) == 0 && cls == nil {
			if sym := c.p.Modules[c.m.Name].Names[x.Name]; sym != nil && sym.Kind == semanal.Class {
				inner = c.p.Class(c.m.Name, sym)
			}
		}
		// A class body has its own names.
		fr := &frame{vars: newVars(), checked: c.checked(), class: inner, isClass: true}
		c.frames = append(c.frames, fr)
		c.stmts(x.Body, inner)
		c.checkOverloadDefs(x.Body, inner)
		if fr.checked && !c.settings.AllowUntypedGlobals {
			c.reportPartials(fr.vars, x.Body)
		}
		c.frames = c.frames[:len(c.frames)-1]
	case *ast.Assign:
		if x.TypeComment != "" && c.annotationUnchecked() {
			c.report(x.Pos(), diag.Note, diag.CodeAnnotationUnchecked, diag.AnnotationUnchecked)
		}
		if n, ok := x.Targets[0].(*ast.Name); ok && len(x.Targets) == 1 && x.TypeComment != "" {
			if ann := semanal.TypeCommentExpr(x.TypeComment); ann != nil {
				declared := c.p.AnnotationType(c.m.Name, ann)
				c.declareWithValue(n.ID, declared, x.Value, c.exprExpecting(x.Value, declared))
				return
			}
		}
		declared := c.declaredTarget(x.Targets)
		t := c.exprExpecting(x.Value, declared)
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
		}
	case *ast.AnnAssign:
		if c.annotationUnchecked() {
			c.report(x.Pos(), diag.Note, diag.CodeAnnotationUnchecked, diag.AnnotationUnchecked)
		}
		var t types.Type
		n, isName := x.Target.(*ast.Name)
		attr, isAttr := x.Target.(*ast.Attribute)
		var declared types.Type
		if isName || isAttr {
			declared = c.p.AnnotationType(c.m.Name, x.Annotation)
		}
		if x.Value != nil {
			t = c.exprExpecting(x.Value, declared)
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
		c.augAssign(x)
	case *ast.Delete:
		for _, t := range x.Targets {
			c.deleteTarget(t)
		}
	case *ast.ExprStmt:
		_, c.lastNever = c.exprValueUnused(x.Value).(*types.Never)
		if c.exprStmts != nil {
			c.exprStmts[x] = !c.lastNever
		}
	case *ast.Return:
		if f := c.top(); x.Value == nil && f != nil && f.ret != nil && c.checked() {
			switch f.ret.(type) {
			case *types.NoneType, *types.Any:
			default:
				c.report(x.Pos(), diag.Error, diag.CodeReturnValue, "Return value expected")
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
				c.expectedLoosely = true
				t = c.exprExpecting(x.Value, c.top().returnType())
			}
			if f := c.top(); f != nil && f.ret != nil {
				c.checkReturn(x.Value, t, f.ret)
			}
		}
	case *ast.If:
		c.expr(x.Test)
		impossible, leaves := c.branches(x.Test, x.Body, x.Orelse, cls)
		if impossible && c.exprStmts != nil {
			c.elseImpossible[x] = true
		}
		c.left = leaves
	case *ast.While:
		c.expr(x.Test)
		ifTrue, ifFalse := c.condition(x.Test)
		c.apply(ifTrue)
		c.stmts(x.Body, cls)
		c.apply(ifFalse)
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
				msg := `"` + types.Format(it, c.formatOptions()) + `" object is not iterable`
				if _, isNone := it.(*types.NoneType); isNone {
					msg = `"None" has no attribute "__iter__" (not iterable)`
				}
				c.report(x.Iter.Pos(), diag.Error, diag.CodeMisc, msg)
			}
		}
		item := c.iterate(it)
		if n, ok := x.Target.(*ast.Name); ok && emptyDisplay(x.Iter) {
			// An empty display's items are Never: mypy asks for the
			// variable's type (it is Any then).
			if _, known := c.scopeVars().declared[n.ID]; !known && c.checked() && n.ID != "_" {
				c.report(n.Pos(), diag.Error, diag.CodeVarAnnotated, `Need type annotation for "`+n.ID+`"`)
			}
			item = anyT()
		}
		switch target := x.Target.(type) {
		case *ast.Tuple:
			c.unpack(target.Elts, x.Iter, item, false)
		case *ast.List:
			c.unpack(target.Elts, x.Iter, item, false)
		default:
			c.assign(x.Target, item)
		}
		c.stmts(x.Body, cls)
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
			c.assignStmtTarget(it.OptionalVars, it.ContextExpr, t, true)
		}
		c.left = c.stmts(x.Body, cls) && !swallows
	case *ast.Raise:
		if x.Exc != nil {
			c.checkRaise(x.Exc, c.expr(x.Exc))
		}
		if x.Cause != nil {
			c.expr(x.Cause)
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
			c.bindLocalImport(name, c.targetType(semanal.Target{Module: bound}))
		}
	case *ast.ImportFrom:
		base, ok := build.ResolveRelative(c.m.Name, c.m.IsPackage, x.Level, x.Module)
		for _, a := range x.Names {
			if a.Name == "*" {
				continue
			}
			name := a.Name
			if a.Asname != "" {
				name = a.Asname
			}
			var t types.Type = anyT()
			if ok {
				if target, found := c.p.Resolve(base, a.Name); found {
					t = c.targetType(target)
				} else if _, isModule := c.p.Modules[base+"."+a.Name]; isModule {
					t = c.targetType(semanal.Target{Module: base + "." + a.Name})
				}
			}
			c.bindLocalImport(name, t)
		}
	case *ast.Assert:
		c.expr(x.Test)
		ifTrue, _ := c.condition(x.Test)
		c.apply(ifTrue)
	case *ast.Match:
		c.match(x, cls)
	}
}

// bindLocalImport binds a name an import inside a function defines (the
// module level's are the semantic analyser's).
func (c *Checker) bindLocalImport(name string, t types.Type) {
	f := c.top()
	if f == nil || f.isClass {
		return
	}
	f.vars.declared[name] = t
	f.vars.narrowed.set(name, t)
	delete(f.vars.partial, name)
}

// try walks a try statement. The body and each handler get layers of
// their own under one of the whole statement's, as mypy's frames are laid
// out, so that a variable first assigned in the body may be assigned None
// in a handler (see noneInOtherArm). A handler starts from what the body
// left (mypy: from any point of the body); the else block continues the
// body's path; past the statement each variable is the union of what the
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
		handlersLeave = leaves && handlersLeave
		if !leaves {
			handlerEnds = append(handlerEnds, v.narrowed.top)
		}
	}
	v.narrowed.top = body
	elseLeaves := c.stmts(x.Orelse, cls)
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

// match walks a match statement's cases. A capture or wildcard leaves
// the subject as it is, a class pattern narrows it as isinstance does (an
// alternative of such patterns to the union); what other patterns narrow
// it to is not modelled yet, so the subject variable (if the subject is
// one) is Any in their cases, as are the names captured inside patterns.
// Past the statement the narrowings from before it stand.
func (c *Checker) match(x *ast.Match, cls *types.Class) {
	subject := c.expr(x.Subject)
	key, current, known := c.narrowable(x.Subject)
	if !known {
		current = subject
	}
	v := c.scopeVars()
	before := v.narrowed.fork()
	for i, mc := range x.Cases {
		if i > 0 {
			v.narrowed.next(before)
		}
		matched, rest := c.patternType(mc.Pattern, key, current)
		if rest != nil && mc.Guard == nil {
			current = rest // the later cases see what this one did not match
		}
		if known {
			if matched != nil {
				v.narrowed.set(key, matched)
			} else {
				v.narrowed.set(key, &types.Any{Reason: types.AnySpecialForm})
			}
		}
		if as, ok := mc.Pattern.(*ast.MatchAs); ok && as.Name != "" && as.Name != "_" && matched != nil {
			c.assign(&ast.Name{Span: as.Span, ID: as.Name, Ctx: ast.Store}, matched)
			if as.Pattern != nil {
				c.pattern(as.Pattern)
			}
		} else {
			c.pattern(mc.Pattern)
		}
		guard := reach.Unknown
		if mc.Guard != nil {
			c.expr(mc.Guard)
			guard = c.reach.Infer(mc.Guard)
		}
		if reach.IsFalse(guard) {
			continue // a guard always false for the target: the body never runs
		}
		c.stmts(mc.Body, cls)
		if irrefutable(mc.Pattern) && (mc.Guard == nil || reach.IsTrue(guard)) {
			break // the cases after one that always matches never run
		}
	}
	v.narrowed.drop(before)
}

// patternType is the type a subject of type current has when a pattern
// matches it, nil when that is not modelled: itself for a capture or the
// wildcard, the isinstance narrowing for a class pattern, None for `None`
// out of an optional, the union of the alternatives of an or-pattern. rest
// is what the subject is when such a pattern (a class pattern without
// sub-patterns) did not match, nil when nothing is learnt.
func (c *Checker) patternType(p ast.Pattern, key string, current types.Type) (matched, rest types.Type) {
	switch x := p.(type) {
	case *ast.MatchAs:
		if x.Pattern == nil {
			return current, nil
		}
		m, r := c.patternType(x.Pattern, key, current)
		return m, r
	case *ast.MatchClass:
		cls := typeObject(c.exprQuiet(x.Cls))
		if cls == nil || len(cls.TypeParams) > 0 {
			return nil, nil
		}
		if key == "" {
			key = "\x00subject"
		}
		ifTrue, ifFalse := c.narrowToClasses(key, current, []types.Type{&types.Instance{Class: cls}})
		if len(x.Patterns) == 0 && len(x.KwdPatterns) == 0 {
			rest = ifFalse[key]
		}
		return ifTrue[key], rest
	case *ast.MatchSingleton:
		if x.Value.Kind != ast.NoneValue {
			return nil, nil
		}
		items := []types.Type{current}
		if u, ok := current.(*types.Union); ok {
			items = u.Items
		}
		var others []types.Type
		hasNone := false
		for _, it := range items {
			switch it.(type) {
			case *types.NoneType:
				hasNone = true
			case *types.Any:
				return nil, nil
			default:
				others = append(others, it)
			}
		}
		if !hasNone {
			return nil, nil
		}
		if len(others) == 0 {
			return &types.NoneType{}, &types.Never{}
		}
		return &types.NoneType{}, types.SimplifiedUnion(others...)
	case *ast.MatchOr:
		var ts []types.Type
		left := current
		for _, q := range x.Patterns {
			t, r := c.patternType(q, key, left)
			if t == nil {
				return nil, nil
			}
			ts = append(ts, t)
			if r == nil {
				left = nil
				break
			}
			left = r
		}
		if left == nil {
			return types.SimplifiedUnion(ts...), nil
		}
		return types.SimplifiedUnion(ts...), left
	}
	return nil, nil
}

// irrefutable reports a pattern that matches any subject: a capture or
// the wildcard, or an alternative of one.
func irrefutable(p ast.Pattern) bool {
	switch x := p.(type) {
	case *ast.MatchAs:
		return x.Pattern == nil
	case *ast.MatchOr:
		for _, q := range x.Patterns {
			if irrefutable(q) {
				return true
			}
		}
	}
	return false
}

// pattern reads a pattern's values and classes and binds its captures
// (as Any).
func (c *Checker) pattern(p ast.Pattern) {
	capture := func(sp ast.Span, name string) {
		if name != "" && name != "_" {
			c.assign(&ast.Name{Span: sp, ID: name, Ctx: ast.Store}, &types.Any{Reason: types.AnySpecialForm})
		}
	}
	switch x := p.(type) {
	case *ast.MatchValue:
		c.expr(x.Value)
	case *ast.MatchSequence:
		for _, q := range x.Patterns {
			c.pattern(q)
		}
	case *ast.MatchMapping:
		for _, k := range x.Keys {
			c.expr(k)
		}
		for _, q := range x.Patterns {
			c.pattern(q)
		}
		capture(x.Span, x.Rest)
	case *ast.MatchClass:
		c.expr(x.Cls)
		for _, q := range x.Patterns {
			c.pattern(q)
		}
		for _, q := range x.KwdPatterns {
			c.pattern(q)
		}
	case *ast.MatchStar:
		capture(x.Span, x.Name)
	case *ast.MatchAs:
		if x.Pattern != nil {
			c.pattern(x.Pattern)
		}
		capture(x.Span, x.Name)
	case *ast.MatchOr:
		for _, q := range x.Patterns {
			c.pattern(q)
		}
	}
}

// deleteTarget records `del name` (reading the name is then an error
// until it is assigned again) and walks other targets.
func (c *Checker) deleteTarget(t ast.Expr) {
	ast.TargetLeaves(t, func(leaf ast.Expr) {
		n, ok := leaf.(*ast.Name)
		if !ok {
			c.exprQuiet(leaf)
			return
		}
		if f := c.top(); f == nil || !f.isClass {
			c.scopeVars().narrowed.set(n.ID, &types.Any{Reason: types.AnyDeleted})
		}
	})
}

// declaredTarget is the type declared for the single name an assignment
// statement assigns, which its value is then expected to have (nil when
// there is none).
func (c *Checker) declaredTarget(targets []ast.Expr) types.Type {
	if len(targets) != 1 {
		return nil
	}
	if a, ok := targets[0].(*ast.Attribute); ok {
		// An attribute of an instance: its type is the context.
		if _, inst := c.exprQuiet(a.Value).(*types.Instance); inst {
			if t := c.exprQuiet(a); !isAnyType(t) {
				return t
			}
		}
		return nil
	}
	n, ok := targets[0].(*ast.Name)
	if !ok {
		return nil
	}
	v := c.scopeVars()
	declared, known := v.declared[n.ID]
	if v.annotated[n.ID] || known && !v.partial[n.ID] && c.inferredTypesStand(n.ID) {
		return declared
	}
	return nil
}

// declareWithValue declares a variable's type and checks the value it
// starts with (of type t; value may be nil). mypy does not narrow the
// variable to that value.
func (c *Checker) declareWithValue(name string, declared types.Type, value ast.Expr, t types.Type) {
	if k, ok := value.(*ast.Constant); ok && k.Value.Kind == ast.EllipsisValue && strings.HasSuffix(c.m.Path, ".pyi") {
		value = nil // `x: int = ...` in a stub: no value is given
	}
	if value != nil {
		c.checkAssignment(value, t, declared)
	}
	c.scopeVars().declare(name, declared)
}

// assign records the inferred type of name targets in a function
// (tuple targets take the tuple's items); a member target is narrowed to
// the value assigned when its declared type accepts it.
func (c *Checker) assign(target ast.Expr, t types.Type) {
	switch x := target.(type) {
	case *ast.Name:
		c.scopeVars().narrowed.forgetMembers(x.ID)
		c.scopeVars().assign(x.ID, t)
		c.recordTarget(x)
	case *ast.Attribute, *ast.Subscript:
		key := exprKey(x)
		if key == "" {
			return
		}
		v := c.scopeVars()
		v.narrowed.forget(key)
		v.narrowed.forgetMembers(key)
		declared := c.exprQuiet(x)
		switch w := widen(t); {
		case isAnyType(w):
			v.narrowed.set(key, anyForNone(declared, w))
		case judgeable(w, false) && !isAnyType(declared) && types.IsSubtypeStrict(w, declared):
			v.narrowed.set(key, w)
		}
	case *ast.Tuple:
		c.assignItems(x.Elts, t)
	case *ast.List:
		c.assignItems(x.Elts, t)
	}
}

func (c *Checker) assignItems(targets []ast.Expr, t types.Type) {
	tup, ok := t.(*types.Tuple)
	for i, el := range targets {
		if _, star := el.(*ast.Starred); star {
			return
		}
		switch {
		case ok && len(tup.Items) == len(targets):
			c.assign(el, tup.Items[i])
		default:
			c.assign(el, c.iterate(t))
		}
	}
}

// iterate is the type of the items of an iterable: __iter__().__next__().
func (c *Checker) iterate(t types.Type) types.Type {
	if tup, ok := t.(*types.Tuple); ok && len(tup.Items) > 0 {
		return c.join(widenAll(tup.Items))
	}
	it := c.callResult(c.member(t, "__iter__"), positional())
	return c.callResult(c.member(it, "__next__"), positional())
}

// forgetTruth drops what is known of the truth of an instance (or of a
// union's instances): a variable holds any value of its type.
func forgetTruth(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.Instance:
		if x.Truth != types.EitherTruth {
			y := *x
			y.Truth = types.EitherTruth
			return &y
		}
	case *types.Union:
		items := make([]types.Type, len(x.Items))
		for i, it := range x.Items {
			items[i] = forgetTruth(it)
		}
		return types.UnionOf(items...)
	}
	return t
}

func widenAll(ts []types.Type) []types.Type {
	out := make([]types.Type, len(ts))
	for i, t := range ts {
		out[i] = widen(t)
	}
	return out
}

// widen drops the literal an inferred variable type remembers: `x = 1`
// gives x the type int, `t = (1, 2)` tuple[int, int].
func widen(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.Instance:
		if x.LastKnownValue != nil {
			return &types.Instance{Class: x.Class, Args: x.Args}
		}
	case *types.Tuple:
		return &types.Tuple{Items: widenAll(x.Items), Fallback: x.Fallback}
	}
	return t
}

func (c *Checker) function(f *ast.FunctionDef, cls *types.Class) {
	sig := c.p.Signature(c.m.Name, cls, f)
	c.checkUntypedDecorators(f)
	inClass := c.top() != nil && c.top().isClass
	c.missingAnnotations(f, sig, inClass)
	if f.IsAnnotated() && !noTypeCheck(f) {
		c.checkDefaults(f, sig)
	}
	fr := &frame{vars: newVars(), checked: (f.IsAnnotated() || c.checkUntyped) && !noTypeCheck(f), class: cls, def: f,
		noTypeCheck: noTypeCheck(f) || c.top() != nil && c.top().noTypeCheck}
	if (f.Returns != nil || f.TypeComment != "") && !f.IsAsync {
		if ast.IsGenerator(f.Body) {
			fr.yield, fr.ret = c.generatorTypes(f, sig.Ret)
		} else {
			fr.ret = sig.Ret
		}
	}
	if inClass {
		c.checkVariancePositions(f, sig)
	}
	if inClass && (f.Name == "__init__" || f.Name == "__init_subclass__") && (f.Returns != nil || f.TypeComment != "") {
		switch sig.Ret.(type) {
		case *types.NoneType, *types.Never:
		default:
			c.report(f.Pos(), diag.Error, diag.CodeMisc, `The return type of "`+f.Name+`" must be None`)
		}
	}
	for _, tv := range sig.TypeVars {
		fr.valueRestricted = fr.valueRestricted || len(tv.Values) > 0
	}
	if outer := c.top(); outer != nil && outer.valueRestricted {
		fr.valueRestricted = true
	}
	for _, p := range sig.Params {
		t := p.Type
		switch p.Kind {
		case types.ArgStar:
			t = c.builtinInstance("tuple", t)
		case types.ArgStar2:
			t = c.builtinInstance("dict", c.builtinInstance("str"), t)
		}
		fr.vars.declared[p.Name] = t
		fr.vars.annotated[p.Name] = true // (a parameter is never a partial None)
	}
	// Nested defs are known throughout the body (they may call each other).
	for _, s := range f.Body {
		if nested, ok := s.(*ast.FunctionDef); ok {
			sig := c.p.Signature(c.m.Name, nil, nested)
			fr.vars.declared[nested.Name] = sig
			if sig.Decorated {
				fr.vars.declared[nested.Name] = c.decorated(nested, sig)
			}
		}
	}
	c.frames = append(c.frames, fr)
	leaves := c.stmts(f.Body, nil)
	if fr.checked {
		c.reportPartials(fr.vars, f.Body)
		if !leaves {
			c.missingReturn(f, fr.ret, cls)
		}
	}
	c.frames = c.frames[:len(c.frames)-1]
}

// recordTarget records, when types are recorded, a name assigned to as
// having its variable's declared type.
func (c *Checker) recordTarget(n *ast.Name) {
	if c.recorded == nil {
		return
	}
	if t, ok := c.scopeVars().declared[n.ID]; ok {
		c.recorded[n] = t
	}
}

// missingReturn reports a function whose end is reachable although it is
// declared to return a value, as mypy does: "Missing return statement"
// ([return], [empty-body] for a body of only pass, ... or a docstring,
// which abstract methods, protocol members, overload variants, stubs and
// --allow-empty-bodies may have), or with --no-warn-no-return the implicit
// None's incompatibility. ret is the declared return type (a generator's
// return value type).
func (c *Checker) missingReturn(f *ast.FunctionDef, ret types.Type, cls *types.Class) {
	if ret == nil || f.IsAsync {
		return
	}
	trivial := trivialBody(f.Body)
	allowEmpty := c.settings.AllowEmptyBodies || f.HasDecorator("overload") || accessorDecorator(f)
	abstract := f.HasDecorator("abstractmethod") || f.HasDecorator("abstractproperty") ||
		f.HasDecorator("abstractclassmethod") || f.HasDecorator("abstractstaticmethod") ||
		cls != nil && cls.IsProtocol && trivial
	show := !trivial || !allowEmpty && !abstract && !c.m.IsStub
	noneFits := !c.strictOptional || types.IsSubtype(&types.NoneType{}, ret)
	if !show || c.mypyOnly > 0 || trivial && noneFits || c.uncertainEnd(f.Body) {
		return
	}
	code := diag.CodeReturn
	if trivial {
		code = diag.CodeEmptyBody
	}
	report := func(sev diag.Severity, code, msg string) {
		n := len(c.out)
		c.report(&f.Span, sev, code, msg)
		if len(c.out) > n {
			c.out[n].IgnoreThrough = int(f.Lineno)
		}
	}
	mayBeAbstract := trivial && cls != nil && cls.Metaclass != nil && hasBase(cls.Metaclass.Class, "abc.ABCMeta")
	if c.settings.WarnNoReturn {
		switch ret.(type) {
		case *types.NoneType, *types.Any:
			return
		case *types.Never:
			if !trivial {
				code = diag.CodeMisc
			}
			report(diag.Error, code, "Implicit return in function which does not return")
		default:
			report(diag.Error, code, "Missing return statement")
		}
	} else {
		if noneFits {
			return
		}
		if !trivial {
			code = diag.CodeReturnValue
		}
		report(diag.Error, code, fmt.Sprintf(`Incompatible return value type (implicitly returns "None", expected "%s")`,
			types.Format(ret, c.formatOptions())))
	}
	if mayBeAbstract {
		report(diag.Note, diag.CodeEmptyBody, "If the method is meant to be abstract, use @abc.abstractmethod")
	}
}

// uncertainEnd reports a body whose end mypy may prove unreachable by
// narrowing that typd does not do: reached only past a match statement
// (its exhaustiveness is not judged), an assert that a value is an
// instance of a protocol, or an if chain without else whose conditions
// compare for equality, identity or membership or call isinstance and the
// like (an exhaustive chain of literal comparisons on a tuple item, say).
// typd then stays silent rather than risk a false "Missing return
// statement".
func (c *Checker) uncertainEnd(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	switch x := body[len(body)-1].(type) {
	case *ast.Match:
		return true
	case *ast.Assert:
		call, ok := x.Test.(*ast.Call)
		if !ok || !isNarrowingCall(call) || len(call.Args) != 2 {
			return false
		}
		cls := typeObject(c.exprQuiet(call.Args[1]))
		return cls == nil || cls.IsProtocol
	case *ast.If:
		for {
			if narrowingTest(x.Test) && len(x.Orelse) == 0 {
				return true
			}
			if c.uncertainEnd(x.Body) {
				return true
			}
			elif, isIf := x.Orelse, len(x.Orelse) == 1
			if !isIf {
				return c.uncertainEnd(x.Orelse)
			}
			next, ok := elif[0].(*ast.If)
			if !ok {
				return c.uncertainEnd(x.Orelse)
			}
			x = next
		}
	case *ast.Try:
		if c.uncertainEnd(x.Body) || c.uncertainEnd(x.Orelse) {
			return true
		}
		for _, h := range x.Handlers {
			if c.uncertainEnd(h.Body) {
				return true
			}
		}
	case *ast.With:
		return c.uncertainEnd(x.Body)
	}
	return false
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

// trivialBody reports a body of only pass, ..., a docstring, or a raise of
// NotImplementedError (mypy's is_trivial_body).
func trivialBody(body []ast.Stmt) bool {
	if len(body) > 0 {
		if e, ok := body[0].(*ast.ExprStmt); ok {
			if k, ok := e.Value.(*ast.Constant); ok && k.Value.Kind == ast.StrValue {
				body = body[1:]
			}
		}
	}
	switch {
	case len(body) == 0:
		return true
	case len(body) > 1:
		return false
	}
	switch x := body[0].(type) {
	case *ast.Pass:
		return true
	case *ast.ExprStmt:
		k, ok := x.Value.(*ast.Constant)
		return ok && k.Value.Kind == ast.EllipsisValue
	case *ast.Raise:
		e := x.Exc
		if call, ok := e.(*ast.Call); ok {
			e = call.Func
		}
		n, ok := e.(*ast.Name)
		return ok && n.ID == "NotImplementedError"
	}
	return false
}

// accessorDecorator reports a property's setter or deleter
// (`@x.setter`), which may have an empty body.
func accessorDecorator(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if a, ok := d.(*ast.Attribute); ok && (a.Attr == "setter" || a.Attr == "deleter") {
			return true
		}
	}
	return false
}

// hasBase reports whether a class is or derives from the named class.
func hasBase(cls *types.Class, fullName string) bool {
	for _, k := range cls.MRO {
		if k.FullName == fullName {
			return true
		}
	}
	return false
}

// mayswallow reports a context manager whose __exit__ returns bool: it
// may swallow the exceptions of its body, so code after the with may run
// although the body always leaves (mypy's heuristic).
func (c *Checker) mayswallow(ctx types.Type, async bool) bool {
	exit := "__exit__"
	if async {
		exit = "__aexit__"
	}
	if _, isAny := ctx.(*types.Any); isAny || c.lacksMethod(ctx, exit) {
		return false
	}
	ret := c.callResult(c.member(ctx, exit), positional(anyT(), anyT(), anyT()))
	if async {
		ret = c.awaited(ret)
	}
	switch r := ret.(type) {
	case *types.Instance:
		return r.Class.FullName == "builtins.bool" && c.strictOptional
	case *types.Literal:
		return r.Value.Kind == types.LitBool && r.Value.Bool
	}
	return false
}

// returnType is a frame's checked return type, or nil.
func (f *frame) returnType() types.Type {
	if f == nil {
		return nil
	}
	return f.ret
}

// inferredTypesStand reports whether a variable's first assignment fixes
// its type here, as mypy has it: not under --allow-redefinition, not for
// `_` in a function (always Any there), not in a function generic over a
// type variable with values (mypy checks its body once per value).
func (c *Checker) inferredTypesStand(name string) bool {
	if c.settings.AllowRedefinition {
		return false
	}
	f := c.top()
	if f == nil || f.isClass {
		return true
	}
	return name != "_" && !f.valueRestricted
}

// noTypeCheck reports a def decorated with typing.no_type_check, whose body
// mypy does not check.
func noTypeCheck(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if n := ast.DottedName(d); n == "no_type_check" || strings.HasSuffix(n, ".no_type_check") {
			return true
		}
	}
	return false
}

func (c *Checker) builtinInstance(name string, args ...types.Type) types.Type {
	cls := c.p.ModuleClass("builtins", name)
	if cls == nil {
		return &types.Any{Reason: types.AnySpecialForm}
	}
	inst := &types.Instance{Class: cls}
	if len(cls.TypeParams) > 0 {
		for i := range cls.TypeParams {
			if i < len(args) {
				inst.Args = append(inst.Args, args[i])
			} else {
				inst.Args = append(inst.Args, &types.Any{})
			}
		}
	}
	return inst
}

func (c *Checker) reveal(call *ast.Call) {
	if len(call.Args) != 1 {
		return
	}
	t := c.exprValueUnused(call.Args[0])
	if !c.checked() {
		c.note(&call.Span, `Revealed type is "Any"`)
		c.note(&call.Span, "'reveal_type' always outputs 'Any' in unchecked functions")
		return
	}
	c.note(&call.Span, "Revealed type is \""+types.Verbose(t)+"\"")
}
