// Package check is the type checker: it walks each module's statements,
// narrowing as mypy's binder does, infers the type of every expression it
// models, and reports the errors mypy reports where the types are certain
// (see fits and certain). An expression it does not model yet is a
// special-form Any: it judges nothing, and the options that report Any
// (--disallow-any-expr and the like) do not count it.
package check

import (
	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/semanal"
	"typd/checker/targets"
	"typd/checker/types"
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
	// lookingUpCall is set while an instance's __call__ is looked up for
	// inference (see callMember).
	lookingUpCall bool
	// failedAlias is the value of the statement being checked when it was
	// meant as a type alias but is not a type (checked as an expression,
	// with the typing names it subscripts typed as their stubs say).
	failedAlias ast.Expr
	// certainOf remembers what certain said of the expressions of the
	// statement being checked, so a chain (a.b.c..., 1 + 1 + ...) is
	// judged in time linear in its length; it is emptied at each statement.
	certainOf map[ast.Expr]bool
	// matchEnds records, for each match statement walked, whether what
	// its walk found of its end is certain (see match): uncertainEnd.
	matchEnds map[*ast.Match]bool
	// matchCaptures are the types the match statement being walked
	// declares the names it binds by captures only with (see
	// captureTypes).
	matchCaptures map[string]types.Type
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
	attrs map[*types.Member]types.Type
	// attrsCompleted marks the attributes first assigned None whose type
	// a later assignment in the same method completed (see recordAttr).
	attrsCompleted map[*types.Member]bool
	// enumOrders and enumValues cache, per enum class, its members in
	// the body's order and the value type its members share (nil: none).
	enumOrders    map[*types.Class][]string
	enumValues    map[*types.Class]types.Type
	inferringAttr map[*types.Member]bool
	// reach decides which branches can run.
	reach *reach.Config
	// others are the checkers of other modules whose variables this one
	// reads (shared by all of them).
	others map[string]*Checker
	// valueUnused is the call an expression statement consists of, whose
	// value may be None without complaint.
	valueUnused *ast.Call
	// anyAllowed is the expression whose own type may be Any under
	// --disallow-any-expr (mypy's always_allow_any): a statement's
	// expression, a callee, a cast's value, a value assigned to a
	// variable declared with a type other than Any.
	anyAllowed ast.Expr
	// deprecations caches what the defs and classes used say of their
	// deprecation; fromImports are the names the module imports with
	// `from ... import` (see checkDeprecatedName).
	deprecations map[ast.Stmt]*deprecation
	fromImports  map[string]bool
	// moduleFinals are the module body's Final names.
	moduleFinals *finalScope
	// unbound counts the enclosing expressions that bind names the checker
	// does not track (lambdas, comprehensions): errors are not reported
	// inside them.
	unbound int
	// lastNever records that the expression statement (or assignment)
	// just walked has type Never (a call that does not return).
	lastNever bool
	// left records that the compound statement just walked always
	// leaves (all its paths return, raise, break, continue...), or that
	// the assert just walked cannot hold.
	left bool
	// mypyOnly counts the `if TYPE_CHECKING:` blocks being walked.
	mypyOnly int
	// exprStmts are the expression statements walked and whether each can
	// complete (not a call that never returns), and elseImpossible the ifs
	// whose else arm the condition's narrowing rules out: kept for the
	// analysis of undefined names when one of its codes is on.
	exprStmts      map[*ast.ExprStmt]bool
	elseImpossible map[*ast.If]bool
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
	// rec records the diagnostics of each target, or names the one
	// walked.
	// attrWalks marks the methods walked to learn the attributes they
	// assign (walkForAttrs); recording is the one being walked.
	attrWalks map[*ast.FunctionDef]bool
	recording *ast.FunctionDef
	rec       *targets.Recording
	// loops are the loops of the function being walked that enclose the
	// statement, innermost last; loopTargets caches what each assigns.
	loops       []ast.Stmt
	loopTargets map[ast.Stmt]map[string]bool
	// finalDefinitions are the assignments through self in __init__ that
	// define an attribute declared Final without a value.
	finalDefinitions map[*types.Member]*ast.Attribute
	// recorded, when not nil, receives the type of every expression the
	// walk reaches (for inspect).
	recorded map[ast.Expr]types.Type
	// moduleFreshWith is freshWith of the module body, once asked for.
	moduleFreshWith map[*ast.Name]bool
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
	// against (a generator's return type, an async def's result); nil
	// when not checked (no annotation, an async generator, a class body).
	ret types.Type
	// yield is the type a generator's yields are checked against, nil
	// when not checked.
	yield types.Type
	// typeVars are the type variables the def and the defs around it
	// bind: a nested def's signature does not bind them again.
	typeVars []*types.TypeVar
	// def is the def whose body this frame is; lastAssigned the line of
	// the last assignment of each of its variables (filled on first use).
	def          *ast.FunctionDef
	lastAssigned map[string]int32
	// body is a class body's statements; finals what the scope's body
	// declares Final (see finalsOf).
	body   []ast.Stmt
	finals *finalScope
	// defined are the names a class body's defs have defined so far.
	defined map[string]bool
	// freshWith are the with statements' targets that start a new
	// variable of the scope (see freshWithTargets), once asked for.
	freshWith map[*ast.Name]bool
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
	// ExplicitOverride reports a method that overrides a base's without
	// @override (--enable-error-code explicit-override).
	ExplicitOverride bool
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
	// DisallowAnyUnimported reports declared types that are (or hold) Any
	// because a name in them comes from an unfollowed import
	// ([no-any-unimported]).
	DisallowAnyUnimported bool
	// DisallowAnyDecorated reports a def whose decorators leave it Any, or
	// with Any in its type ([misc]).
	DisallowAnyDecorated bool
	// DisallowAnyExpr reports an expression whose type is or holds Any
	// ([misc]).
	DisallowAnyExpr bool
	// Deprecated reports uses of what @deprecated marks ([deprecated]),
	// as notes when DeprecatedAsNote, except for the full names in
	// DeprecatedCallsExclude (and what is inside them).
	Deprecated, DeprecatedAsNote bool
	DeprecatedCallsExclude       []string
	// StrictEquality reports comparisons that can never be true
	// ([comparison-overlap]); StrictEqualityForNone includes those with
	// None.
	StrictEquality, StrictEqualityForNone bool
	// WarnReturnAny reports a function returning Any where it declares
	// another type ([no-any-return]).
	WarnReturnAny bool
	// ExtraChecks adds mypy's --extra-checks: a TypedDict built with **
	// of another must name its optional keys, and update() takes only
	// TypedDicts with all the keys.
	ExtraChecks bool
}

// ModuleRecorded checks a module and returns its diagnostics, recording
// those of each target in rec and skipping the bodies of the targets it
// does not walk (see targets.Recording); rec may be nil.
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
	recorded, _ := ModuleTypes(p, m, rc, s)
	return recorded
}

// ModuleTypes checks a module as Module does and returns both what Types
// records and what the check reports.
func ModuleTypes(p *semanal.Program, m *build.Module, rc *reach.Config, s Settings) (map[ast.Expr]types.Type, []diag.Diagnostic) {
	if m.File == nil || len(m.File.Errors) > 0 {
		return nil, nil
	}
	c := newChecker(p, m, rc, s)
	c.recorded = map[ast.Expr]types.Type{}
	c.moduleBody(m.File.Module.Body)
	return c.recorded, c.out
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

// hasBase reports whether a class is or derives from the named class.
func hasBase(cls *types.Class, fullName string) bool {
	for _, k := range cls.MRO {
		if k.FullName == fullName {
			return true
		}
	}
	return false
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
				inst.Args = append(inst.Args, &types.Any{Reason: types.AnySpecialForm})
			}
		}
	}
	return inst
}
