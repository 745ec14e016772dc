// Package undefined finds the names a scope reads before any definition of
// them has run (mypy's used-before-def) or that only some paths to the read
// define (mypy's possibly-undefined), by following, statement by statement,
// which names each branch of the code defines.
//
// It follows mypy's partially-defined analysis: a function, class, lambda
// or comprehension is a scope of its own (a comprehension starts from what
// its enclosing scope has defined, the others from nothing); if, match,
// try and loop statements are branching statements whose branches are
// merged at their end, and a branch that returns, raises, breaks,
// continues or calls a function that never returns is left out of the
// merge. A read of a name no branch has defined yet is remembered, and
// reported as used before definition when the scope defines the name later.
// Names that the semantic analyzer would report as undefined are not its
// business.
package undefined

import (
	"strings"

	"typd/checker/reach"
	"typd/parser/ast"
)

// Config is what the analysis needs besides the code.
type Config struct {
	// CheckUntypedDefs analyses the bodies of unannotated functions too.
	CheckUntypedDefs bool
	// Builtin reports whether the builtins module defines a name; a
	// module's top level reads those freely.
	Builtin func(name string) bool
	// ModuleAttrs are the names every module defines (__name__, ...).
	ModuleAttrs []string
	// Returns reports whether the checker reached an expression statement
	// and found that it can complete; one it did not reach, or that never
	// returns (a call of a NoReturn function), ends its branch.
	Returns func(*ast.ExprStmt) bool
	// ElseImpossible reports the ifs whose else arm the checker found the
	// condition rules out (`if x:` with x of type Literal[True]).
	ElseImpossible func(*ast.If) bool
	// Reach decides the branches that are always false for the target
	// (sys.version_info, sys.platform, TYPE_CHECKING), which are skipped.
	Reach *reach.Config
	// Separate, when set, reports the defs whose bodies are analysed on
	// their own (with Function): a module's analysis leaves them out.
	Separate func(*ast.FunctionDef) bool
}

// Finding is a read of a name the analysis reports.
type Finding struct {
	Name *ast.Name
	// UsedBeforeDef is set for a read before any definition (mypy's
	// used-before-def), clear for a possibly undefined name.
	UsedBeforeDef bool
}

// Module analyses a module's top level and the defs it reaches that are
// not Separate.
func Module(body []ast.Stmt, cfg *Config) []Finding {
	v := newVisitor(cfg)
	v.t.current().defs = make(map[string]defined, len(body))
	for _, name := range cfg.ModuleAttrs {
		v.t.define(name)
	}
	v.stmts(body)
	return v.out
}

// Function analyses the body of one def, as a Separate def is analysed:
// its parameters defined, in a scope of its own.
func Function(f *ast.FunctionDef, cfg *Config) []Finding {
	v := newVisitor(cfg)
	if !f.IsAnnotated() && !cfg.CheckUntypedDefs {
		return nil
	}
	v.funcBody(f.Args, f.Body, nil)
	return v.out
}

// visitor walks the code, keeping the definitions in its tracker.
type visitor struct {
	cfg   *Config
	t     *tracker
	loops []*loop
	// tryDepth counts the try statements around the code walked.
	tryDepth int
	out      []Finding
}

// loop is a for or while statement being walked.
type loop struct {
	hasBreak bool
	// breaks follows the names defined at every break, for a for loop's
	// else clause (nil for other loops).
	breaks *breaks
}

func newVisitor(cfg *Config) *visitor {
	return &visitor{cfg: cfg, t: newTracker()}
}

func (v *visitor) usedBeforeDef(n *ast.Name) {
	v.out = append(v.out, Finding{Name: n, UsedBeforeDef: true})
}

func (v *visitor) mayBeUndefined(n *ast.Name) {
	v.out = append(v.out, Finding{Name: n})
}

// define records a definition of name, reporting the reads of it that
// came before (in a loop they may have read an earlier iteration's value).
// A class body's reads are the semantic analyzer's to report.
func (v *visitor) define(name string) {
	if !v.t.inScope(classScope) {
		for _, ref := range v.t.popUndefined(name) {
			if len(v.loops) > 0 {
				v.mayBeUndefined(ref)
			} else {
				v.usedBeforeDef(ref)
			}
		}
	}
	v.t.define(name)
}

// defineTarget defines the names an assignment target binds.
func (v *visitor) defineTarget(e ast.Expr) {
	ast.TargetLeaves(e, func(leaf ast.Expr) {
		if n, ok := leaf.(*ast.Name); ok {
			v.define(n.ID)
		}
	})
}

func (v *visitor) stmts(body []ast.Stmt) {
	for _, s := range body {
		v.stmt(s)
	}
}

func (v *visitor) stmt(s ast.Stmt) {
	switch x := s.(type) {
	case *ast.Assign:
		for _, t := range x.Targets {
			v.defineTarget(t)
		}
		v.expr(x.Value)
		for _, t := range x.Targets {
			v.expr(t)
		}
	case *ast.AnnAssign:
		// An annotation is a type, not a read; `x: int` defines x.
		v.defineTarget(x.Target)
		v.expr(x.Value)
		v.expr(x.Target)
	case *ast.AugAssign:
		v.expr(x.Value)
		v.expr(x.Target)
	case *ast.TypeAlias:
		v.t.define(x.Name.ID)
	case *ast.ExprStmt:
		if v.cfg.Returns != nil && !v.cfg.Returns(x) {
			v.t.skipBranch()
		}
		v.expr(x.Value)
	case *ast.If:
		v.ifStmt(x)
	case *ast.Match:
		v.match(x)
	case *ast.For:
		v.forStmt(x)
	case *ast.While:
		v.while(x)
	case *ast.Try:
		v.try(x)
	case *ast.With:
		for _, it := range x.Items {
			v.expr(it.ContextExpr)
			if it.OptionalVars != nil {
				v.defineTarget(it.OptionalVars)
			}
		}
		v.stmts(x.Body)
	case *ast.FunctionDef:
		v.functionDef(x)
	case *ast.ClassDef:
		v.define(x.Name)
		v.t.enterScope(classScope)
		v.stmts(x.Body)
		v.t.exitScope()
	case *ast.Return:
		v.expr(x.Value)
		v.t.skipBranch()
	case *ast.Raise:
		v.expr(x.Exc)
		v.expr(x.Cause)
		v.t.skipBranch()
	case *ast.Assert:
		v.expr(x.Test)
		v.expr(x.Msg)
		if ast.IsFalseLiteral(x.Test) {
			v.t.skipBranch()
		}
	case *ast.Continue:
		v.t.skipBranch()
	case *ast.Break:
		if len(v.loops) > 0 {
			l := v.loops[len(v.loops)-1]
			l.hasBreak = true
			if l.breaks != nil {
				l.breaks.add(v.t.current())
			}
		}
		v.t.skipBranch()
	case *ast.Delete:
		for _, t := range x.Targets {
			v.expr(t)
		}
	case *ast.Import:
		for _, a := range x.Names {
			if a.Asname != "" {
				v.t.define(a.Asname)
			} else {
				head, _, _ := strings.Cut(a.Name, ".")
				v.t.define(head)
			}
		}
	case *ast.ImportFrom:
		for _, a := range x.Names {
			switch {
			case a.Name == "*":
			case a.Asname != "":
				v.t.define(a.Asname)
			default:
				v.t.define(a.Name)
			}
		}
	case *ast.Global:
		for _, n := range x.Names {
			v.define(n)
		}
	case *ast.Nonlocal:
		for _, n := range x.Names {
			v.define(n)
		}
	}
}

// functionDef defines a def's name, reads its defaults (outside its
// scope) and analyses its body unless it is unannotated (and untyped
// defs are not checked) or Separate; its decorators are read last.
func (v *visitor) functionDef(f *ast.FunctionDef) {
	v.define(f.Name)
	if f.IsAnnotated() || v.cfg.CheckUntypedDefs {
		if v.cfg.Separate != nil && v.cfg.Separate(f) {
			v.defaults(f.Args)
		} else {
			v.funcBody(f.Args, f.Body, nil)
		}
	}
	for _, d := range f.DecoratorList {
		v.expr(d)
	}
}

// defaults reads a parameter list's default values.
func (v *visitor) defaults(args *ast.Arguments) {
	if args == nil {
		return
	}
	for _, d := range args.Defaults {
		v.expr(d)
	}
	for _, d := range args.KwDefaults {
		v.expr(d)
	}
}

// funcBody reads the defaults, then walks a function's (or lambda's) body
// in a new scope where its parameters are defined.
func (v *visitor) funcBody(args *ast.Arguments, body []ast.Stmt, lambda ast.Expr) {
	v.defaults(args)
	v.t.enterScope(funcScope)
	if args != nil {
		for _, a := range args.All() {
			v.define(a.Arg)
		}
	}
	v.stmts(body)
	v.expr(lambda)
	v.t.exitScope()
}

// ifStmt makes the body and the else branch two branches; a branch that
// is always false for the target is skipped.
func (v *visitor) ifStmt(x *ast.If) {
	v.expr(x.Test)
	truth := reach.Truth(0)
	if v.cfg.Reach != nil {
		truth = v.cfg.Reach.Infer(x.Test)
	}
	v.t.startBranches()
	if !reach.IsFalse(truth) {
		v.stmts(x.Body)
		v.t.nextBranch()
	}
	switch {
	case v.cfg.ElseImpossible != nil && v.cfg.ElseImpossible(x):
		v.t.skipBranch()
	case len(x.Orelse) == 0:
	case reach.IsTrue(truth):
		v.t.skipBranch()
	default:
		v.stmts(x.Orelse)
	}
	v.t.endBranches()
}

// match makes each case a branch; a case that always matches (a capture
// or wildcard, guarded or not) ends the statement's branches, and one whose
// guard is always false for the target (`if not TYPE_CHECKING`) is
// skipped.
func (v *visitor) match(x *ast.Match) {
	v.expr(x.Subject)
	v.t.startBranches()
	for _, c := range x.Cases {
		if c.Guard != nil && v.cfg.Reach != nil && reach.IsFalse(v.cfg.Reach.Infer(c.Guard)) {
			continue
		}
		v.pattern(c.Pattern)
		v.expr(c.Guard)
		v.stmts(c.Body)
		if !alwaysMatches(c.Pattern) {
			v.t.nextBranch()
		}
	}
	v.t.endBranches()
}

// pattern defines a pattern's captures and reads its values and classes.
func (v *visitor) pattern(p ast.Pattern) {
	switch x := p.(type) {
	case *ast.MatchValue:
		v.expr(x.Value)
	case *ast.MatchSequence:
		for _, q := range x.Patterns {
			v.pattern(q)
		}
	case *ast.MatchMapping:
		for _, k := range x.Keys {
			v.expr(k)
		}
		for _, q := range x.Patterns {
			v.pattern(q)
		}
	case *ast.MatchClass:
		v.expr(x.Cls)
		for _, q := range x.Patterns {
			v.pattern(q)
		}
		for _, q := range x.KwdPatterns {
			v.pattern(q)
		}
	case *ast.MatchStar:
		if x.Name != "" {
			v.define(x.Name)
		}
	case *ast.MatchAs:
		if x.Name != "" {
			v.define(x.Name)
		}
		if x.Pattern != nil {
			v.pattern(x.Pattern)
		}
	case *ast.MatchOr:
		for _, q := range x.Patterns {
			v.pattern(q)
		}
	}
}

// alwaysMatches reports whether a pattern matches any subject.
func alwaysMatches(p ast.Pattern) bool {
	switch x := p.(type) {
	case *ast.MatchAs:
		return x.Pattern == nil
	case *ast.MatchOr:
		for _, q := range x.Patterns {
			if alwaysMatches(q) {
				return true
			}
		}
	}
	return false
}

// forStmt: the body may run or not; the else branch runs when no break
// left the loop, so after a loop with a break the else branch is one of
// two, the other holding what every break had defined.
func (v *visitor) forStmt(x *ast.For) {
	v.expr(x.Iter)
	v.defineTarget(x.Target)
	v.expr(x.Target)
	v.t.startBranches()
	l := &loop{}
	if len(x.Orelse) > 0 {
		l.breaks = &breaks{base: v.t.scope().top().initial}
	}
	v.loops = append(v.loops, l)
	v.stmts(x.Body)
	v.t.nextBranch()
	var breakDefined []string
	if l.hasBreak && l.breaks != nil {
		breakDefined = l.breaks.defined(v.t.scope().top().list)
	}
	v.t.endBranches()
	v.loopElse(x.Orelse, l, breakDefined)
}

// while is as for, except that `while True` surely runs its body.
func (v *visitor) while(x *ast.While) {
	v.expr(x.Test)
	v.t.startBranches()
	l := &loop{}
	v.loops = append(v.loops, l)
	v.stmts(x.Body)
	if !ast.IsTrueLiteral(x.Test) {
		v.t.nextBranch()
	}
	v.t.endBranches()
	v.loopElse(x.Orelse, l, nil)
}

// loopElse walks a loop's else clause and leaves the loop: after a loop
// with a break the clause is one of two branches, the other holding the
// names defined at every break (breakDefined; mypy tracks them for for
// loops only).
func (v *visitor) loopElse(orelse []ast.Stmt, l *loop, breakDefined []string) {
	if len(orelse) > 0 {
		if l.hasBreak {
			v.t.startBranches()
			for _, n := range breakDefined {
				v.t.define(n)
			}
			v.t.nextBranch()
		}
		v.stmts(orelse)
		if l.hasBreak {
			v.t.endBranches()
		}
	}
	v.loops = v.loops[:len(v.loops)-1]
}

// try walks a try statement as branches: the body with its else, then
// each handler. With a finally, it is walked twice: once with branch
// skipping off, to find what the finally block may miss (any jump can lead
// there), then normally for the code after it, from the state before.
func (v *visitor) try(x *ast.Try) {
	v.tryDepth++
	if len(x.Finalbody) > 0 {
		v.t.tentatively(func() {
			v.t.noSkip = true
			v.tryBranches(x)
		})
	}
	v.tryBranches(x)
	v.tryDepth--
}

func (v *visitor) tryBranches(x *ast.Try) {
	v.t.startBranches()
	v.stmts(x.Body)
	v.stmts(x.Orelse)
	for _, h := range x.Handlers {
		v.t.nextBranch()
		v.expr(h.Type)
		if h.Name != "" {
			v.define(h.Name)
		}
		v.stmts(h.Body)
		if h.Name != "" {
			v.t.deleteName(h.Name)
		}
	}
	v.t.endBranches()
	if len(x.Finalbody) > 0 {
		v.t.inFinally = true
		v.stmts(x.Finalbody)
		v.t.inFinally = false
	}
}

// name checks a read of a name.
func (v *visitor) name(n *ast.Name) {
	if v.t.inScope(globalScope) && v.cfg.Builtin != nil && v.cfg.Builtin(n.ID) {
		return
	}
	switch {
	case v.t.possiblyUndefined(n.ID) && v.t.inFinally == v.t.noSkip:
		v.mayBeUndefined(n)
		v.t.define(n.ID) // reported once
	case v.t.definedInAnotherBranch(n.ID):
		if len(v.loops) > 0 || v.tryDepth > 0 {
			v.mayBeUndefined(n)
		} else {
			v.usedBeforeDef(n)
		}
	case v.t.undefined(n.ID):
		v.t.recordUndefined(n)
	}
}

// expr reads the names of an expression in evaluation order, entering the
// scopes of comprehensions and lambdas.
func (v *visitor) expr(e ast.Expr) {
	switch x := e.(type) {
	case nil:
	case *ast.Name:
		v.name(x)
	case *ast.NamedExpr:
		v.expr(x.Value)
		v.defineTarget(x.Target)
	case *ast.Lambda:
		v.t.enterScope(funcScope)
		if v.cfg.CheckUntypedDefs {
			v.funcBody(x.Args, nil, x.Body)
		}
		v.t.exitScope()
	case *ast.ListComp:
		v.comprehension(x.Generators, x.Elt)
	case *ast.SetComp:
		v.comprehension(x.Generators, x.Elt)
	case *ast.GeneratorExp:
		v.comprehension(x.Generators, x.Elt)
	case *ast.DictComp:
		v.comprehension(x.Generators, x.Key, x.Value)
	default:
		ast.SubExprs(e, v.expr)
	}
}

// comprehension walks a comprehension in a scope that starts from the
// enclosing one's state, its targets defined first.
func (v *visitor) comprehension(gens []*ast.Comprehension, results ...ast.Expr) {
	v.t.enterScope(generatorScope)
	for _, g := range gens {
		v.defineTarget(g.Target)
	}
	for _, g := range gens {
		v.expr(g.Iter)
		v.expr(g.Target)
		for _, c := range g.Ifs {
			v.expr(c)
		}
	}
	for _, r := range results {
		v.expr(r)
	}
	v.t.exitScope()
}
