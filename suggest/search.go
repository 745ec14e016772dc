package suggest

import (
	"slices"

	"typd/checker"
	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// defaultMaxGuesses is dmypy suggest's --max-guesses default.
const defaultMaxGuesses = 64

// search is one suggestion's search, as mypy's suggestion engine runs it:
// candidate types for each parameter (from the call sites, the parameter's
// default and what the body passes it to), each combination tried by
// checking the def and its callers again under it, the one with the
// fewest errors (then the most precise) kept; then the return type from
// what the body returns under that signature, chosen the same way.
type search struct {
	snap  checker.Reader
	t     *target
	o     Options
	sites []callsite
	// also are the other modules a trial checks: those with call sites.
	also []string
	// counted are the places whose errors count: the def's module's lines
	// by module path, as spans of lines.
	counted map[string][][2]int
	object  *types.Instance
}

// suggestionAny is the Any the search starts from for what is not
// annotated (mypy's TypeOfAny.suggestion_engine): not an explicit Any.
func suggestionAny() types.Type { return &types.Any{Reason: types.AnySpecialForm} }

// explicitAny is the Any the search suggests when it knows nothing.
func explicitAny() types.Type { return &types.Any{Reason: types.AnyExplicit} }

// candidate is a signature the search tries: every parameter's type
// (self's too, nil: as written) and the return type.
type candidate struct {
	params []types.Type
	ret    types.Type
}

// suggestion searches for the target's signature.
func suggestion(snap checker.Reader, ins []*checker.Inspection, t *target, sites []callsite, o Options) (signature, error) {
	s := &search{snap: snap, t: t, o: o, sites: sites, object: objectOf(t.module), counted: map[string][][2]int{}}
	s.countPlaces(ins)
	all := t.def.Args.All()
	method := t.isMethod()
	base := candidate{params: make([]types.Type, len(all)), ret: suggestionAny()}
	for i, p := range all {
		switch {
		case i == 0 && method:
		case p.Annotation != nil:
			base.params[i] = t.module.Program.AnnotationType(t.module.Name, p.Annotation)
		default:
			base.params[i] = suggestionAny()
		}
	}
	if t.def.Returns != nil {
		base.ret = t.module.Program.AnnotationType(t.module.Name, t.def.Returns)
	}
	startErrors, start := s.try(base)
	if o.NoErrors && startErrors > 0 {
		return signature{}, failf("Function does not typecheck.")
	}
	uses := argUses(t.module, t.def, all, start)
	var guesses []candidate
	for _, params := range s.product(s.options(all, uses)) {
		guesses = append(guesses, refineCandidate(base, candidate{params: params, ret: base.ret}, s.object))
	}
	if parent, ok := s.parentGuess(all); ok {
		guesses = append(guesses, parent)
	}
	guesses = s.filter(guesses, true)
	best, _, err := s.best(guesses)
	if err != nil {
		return signature{}, err
	}
	// mypy's suggestion Anys do not steer inference: a return type with
	// Any in it is left out while the returned values are typed.
	inferring := best
	if hasAny(best.ret) {
		inferring.ret = suggestionAny()
	}
	_, typesOf := s.try(inferring)
	var rets []types.Type
	returns(t.def.Body, func(r *ast.Return) {
		if r.Value == nil {
			return
		}
		if typ, ok := typesOf[r.Value]; ok {
			rets = append(rets, plain(typ))
		}
	})
	retOptions := []types.Type{&types.NoneType{}}
	if len(rets) > 0 {
		retOptions = s.combinations(rets)
	}
	guesses = nil
	for _, r := range retOptions {
		guesses = append(guesses, candidate{params: best.params, ret: refine(best.ret, r, s.object)})
	}
	guesses = s.filter(guesses, false)
	best, errors, err := s.best(guesses)
	if err != nil {
		return signature{}, err
	}
	if o.NoErrors && errors > 0 {
		return signature{}, failf("No annotation without errors")
	}
	var sig signature
	a := t.def.Args
	for i, p := range all {
		if i == 0 && method {
			continue
		}
		prefix := ""
		switch p {
		case a.Vararg:
			prefix = "*"
		case a.Kwarg:
			prefix = "**"
		}
		sig.params = append(sig.params, suggestedParam{prefix: prefix, typ: best.params[i]})
	}
	sig.ret = best.ret
	return sig, nil
}

// countPlaces finds where a trial's errors count, as mypy's trial rechecks
// the def and the functions (or module top levels) that call it: the def's
// own lines, and for each call site the lines of the def around it, or of
// its module's top level.
func (s *search) countPlaces(ins []*checker.Inspection) {
	d := s.t.def
	s.counted[s.t.module.Path] = append(s.counted[s.t.module.Path], [2]int{int(d.Lineno), int(d.EndLineno)})
	for _, site := range s.sites {
		var in *checker.Inspection
		for _, x := range ins {
			if x.Path == site.path {
				in = x
			}
		}
		if in == nil {
			continue
		}
		if in.Name != s.t.module.Name && !slices.Contains(s.also, in.Name) {
			s.also = append(s.also, in.Name)
		}
		if def := enclosingDef(in.Module.Body, site.line); def != nil {
			s.counted[in.Path] = append(s.counted[in.Path], [2]int{int(def.Lineno), int(def.EndLineno)})
			continue
		}
		for _, st := range in.Module.Body {
			switch st.(type) {
			case *ast.FunctionDef, *ast.ClassDef:
			default:
				s.counted[in.Path] = append(s.counted[in.Path], [2]int{int(st.Pos().Lineno), int(st.Pos().EndLineno)})
			}
		}
	}
}

// enclosingDef is the innermost def of a block (its classes' methods
// included) whose lines hold a line, or nil.
func enclosingDef(body []ast.Stmt, line int) *ast.FunctionDef {
	for _, st := range body {
		p := st.Pos()
		if int(p.Lineno) > line || int(p.EndLineno) < line {
			continue
		}
		switch x := st.(type) {
		case *ast.FunctionDef:
			if inner := enclosingDef(x.Body, line); inner != nil {
				return inner
			}
			return x
		case *ast.ClassDef:
			return enclosingDef(x.Body, line)
		}
	}
	return nil
}

// try checks the program under a candidate and returns the number of
// errors in the places that count and the types of the def's module.
func (s *search) try(c candidate) (int, map[ast.Expr]types.Type) {
	res, ok := s.snap.Try(checker.Trial{Module: s.t.module.Name, Def: s.t.def, Params: c.params, Ret: c.ret}, s.also)
	if !ok {
		return 0, s.t.module.Types
	}
	errors := 0
	for _, d := range res.Diagnostics {
		if d.Severity != diag.Error {
			continue
		}
		for _, span := range s.counted[d.File] {
			if d.Line >= span[0] && d.Line <= span[1] {
				errors++
				break
			}
		}
	}
	return errors, res.Types
}

// options are the candidate types of each parameter: the join and the
// union of the types the call sites pass it and of its default (Optional
// Any when those are all None; Any when there are none), and the most
// precise of the types the body passes it to.
func (s *search) options(all []*ast.Arg, uses [][]types.Type) [][]types.Type {
	method := s.t.isMethod()
	out := make([][]types.Type, len(all))
	for i, p := range all {
		if i == 0 && method {
			out[i] = []types.Type{nil}
			continue
		}
		var passed []types.Type
		for _, site := range s.sites {
			for _, act := range site.formals[i-boolInt(method)] {
				if !implicitAny(act.typ) {
					passed = append(passed, act.typ)
				}
			}
		}
		var used []types.Type
		for _, u := range uses[i] {
			if !implicitAny(u) {
				used = append(used, u)
			}
		}
		if d := defaultOf(s.t.def.Args, p); d != nil {
			dt := defaultType(s.t.module, d)
			passed = append(passed, dt)
			if len(used) > 0 {
				used = append(used, dt)
			}
		}
		var opts []types.Type
		switch {
		case len(passed) > 0 && allNone(passed):
			opts = append(opts, &types.Union{Items: []types.Type{passed[0], explicitAny()}})
		case len(passed) > 0:
			opts = append(opts, s.combinations(passed)...)
		default:
			opts = append(opts, explicitAny())
		}
		if len(used) > 0 {
			if m, ok := meetAll(used); ok {
				opts = append(opts, m)
			}
		}
		out[i] = opts
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// implicitAny reports an Any nobody wrote.
func implicitAny(t types.Type) bool {
	a, ok := t.(*types.Any)
	return ok && a.Reason != types.AnyExplicit
}

// product lists the combinations of the options, the first ones first, at
// most --max-guesses of them.
func (s *search) product(options [][]types.Type) [][]types.Type {
	limit := s.o.MaxGuesses
	if limit <= 0 {
		limit = defaultMaxGuesses
	}
	out := [][]types.Type{{}}
	for _, opts := range options {
		var next [][]types.Type
		for _, prefix := range out {
			for _, o := range opts {
				if len(next) == limit {
					break
				}
				next = append(next, append(slices.Clone(prefix), o))
			}
		}
		out = next
	}
	return out
}

// combinations are mypy's two ways of combining types: their join and
// their union (one when they are the same).
func (s *search) combinations(ts []types.Type) []types.Type {
	joined := types.JoinAll(ts, s.object)
	union := types.SimplifiedUnion(ts...)
	if same(joined, union) {
		return []types.Type{joined}
	}
	return []types.Type{joined, union}
}

// same compares types by what they print as in full (the items of
// unions in any order, as mypy's union equality).
func same(a, b types.Type) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ua, aUnion := a.(*types.Union)
	ub, bUnion := b.(*types.Union)
	if aUnion && bUnion {
		return len(ua.Items) == len(ub.Items) && slices.Equal(sortedVerbose(ua.Items), sortedVerbose(ub.Items))
	}
	return types.Verbose(a) == types.Verbose(b)
}

func sortedVerbose(ts []types.Type) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = types.Verbose(t)
	}
	slices.Sort(out)
	return out
}

// meetAll is the type compatible with every use: the one that is a
// subtype of all the others (Any meets anything as the other); false when
// none is.
func meetAll(all []types.Type) (types.Type, bool) {
	var ts []types.Type
	for _, t := range all {
		if _, isAny := t.(*types.Any); !isAny {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		return all[0], true
	}
	for _, t := range ts {
		all := true
		for _, u := range ts {
			all = all && types.IsSubtype(t, u)
		}
		if all {
			return t, true
		}
	}
	return nil, false
}

// parentGuess is the signature of the method the target overrides, when a
// base class's has as many parameters and annotations.
func (s *search) parentGuess(all []*ast.Arg) (candidate, bool) {
	if s.t.class == nil {
		return candidate{}, false
	}
	prog := s.t.module.Program
	mod := prog.Modules[s.t.module.Name]
	if mod == nil || mod.Names[s.t.class.Name] == nil {
		return candidate{}, false
	}
	cls := prog.Class(s.t.module.Name, mod.Names[s.t.class.Name])
	if cls == nil || len(cls.MRO) < 2 {
		return candidate{}, false
	}
	for _, base := range cls.MRO[1:] {
		m := base.Members[s.t.def.Name]
		if m == nil {
			continue
		}
		sig, ok := m.TypeOf().(*types.Callable)
		if !ok || sig.Implicit || len(sig.Params) != len(all) {
			continue
		}
		c := candidate{params: make([]types.Type, len(all)), ret: sig.Ret}
		for i, p := range sig.Params {
			if i > 0 || !s.t.isMethod() {
				c.params[i] = p.Type
			}
		}
		return c, true
	}
	return candidate{}, false
}

// filter keeps the candidates --flex-any (or --no-any) accepts, the
// return type ignored when asked.
func (s *search) filter(cs []candidate, ignoreReturn bool) []candidate {
	var out []candidate
	for _, c := range cs {
		params := c.params
		if s.t.isMethod() && len(params) > 0 {
			params = params[1:]
		}
		if s.o.acceptable(params, c.ret, ignoreReturn) {
			out = append(out, c)
		}
	}
	return out
}

// best tries each candidate and returns the one with the fewest errors,
// then the lowest score (the most precise), the first among equals.
func (s *search) best(cs []candidate) (candidate, int, error) {
	if len(cs) == 0 {
		return candidate{}, 0, failf("No guesses that match criteria!")
	}
	var best candidate
	bestErrors, bestScore := -1, 0
	for _, c := range cs {
		errors, _ := s.try(c)
		score := scoreCandidate(c)
		if bestErrors < 0 || errors < bestErrors || errors == bestErrors && score < bestScore {
			best, bestErrors, bestScore = c, errors, score
		}
	}
	return best, bestErrors, nil
}

// scoreCandidate is mypy's score_callable: lower is better; Any, None
// parameters, unions and callables with Any cost.
func scoreCandidate(c candidate) int {
	score := scoreType(c.ret, false)
	for _, p := range c.params {
		if p == nil {
			score += 20 // self, Any to the engine
			continue
		}
		score += scoreType(p, true)
	}
	return score
}

func scoreType(t types.Type, param bool) int {
	switch x := t.(type) {
	case *types.Any:
		return 20
	case *types.NoneType:
		if param {
			return 20
		}
	case *types.Union:
		hasNone := false
		for _, it := range x.Items {
			if _, ok := it.(*types.Any); ok {
				return 20
			}
			_, isNone := it.(*types.NoneType)
			hasNone = hasNone || isNone
		}
		for _, it := range x.Items {
			if hasAny(it) {
				return 15
			}
		}
		if !hasNone {
			return 10
		}
	case *types.Callable:
		if hasAny(x) || trickyCallable(x) {
			return 10
		}
	}
	return 0
}

// argUses are, for each parameter, the types of the parameters of the
// calls in the body that pass it on as it is (mypy's ArgUseFinder).
func argUses(in *checker.Inspection, def *ast.FunctionDef, all []*ast.Arg, typesOf map[ast.Expr]types.Type) [][]types.Type {
	out := make([][]types.Type, len(all))
	// A parameter is found by its symbol, as the names pass resolved the
	// body's names: a lambda's or comprehension's own x is not the
	// parameter x.
	table := in.Program.ScopeNames(in.Name, def)
	uses := in.Program.Info(in.Name).Uses
	index := map[*semanal.Symbol]int{}
	for i, p := range all {
		if sym := table[p.Arg]; sym != nil {
			index[sym] = i
		}
	}
	param := func(e ast.Expr) (int, bool) {
		name, ok := e.(*ast.Name)
		if !ok {
			return 0, false
		}
		b, ok := uses[name]
		if !ok || b.Scope != ast.Node(def) {
			return 0, false
		}
		i, ok := index[b.Sym]
		return i, ok
	}
	for _, st := range def.Body {
		ast.Inspect(st, func(n ast.Node) bool {
			call, ok := n.(*ast.Call)
			if !ok {
				return true
			}
			f, ok := typesOf[call.Func].(*types.Callable)
			if !ok {
				return true
			}
			for k, arg := range call.Args {
				i, ok := param(arg)
				if !ok {
					continue
				}
				// A positional argument fills the parameter at its place,
				// or *args past the positional ones.
				for j, p := range f.Params {
					if j == k && (p.Kind == types.ArgPos || p.Kind == types.ArgOpt) || j <= k && p.Kind == types.ArgStar {
						out[i] = append(out[i], p.Type)
						break
					}
				}
			}
			for _, kw := range call.Keywords {
				i, ok := param(kw.Value)
				if !ok || kw.Arg == "" {
					continue
				}
				for _, p := range f.Params {
					if p.Name == kw.Arg && p.Kind != types.ArgStar && p.Kind != types.ArgStar2 && !p.PosOnly {
						out[i] = append(out[i], p.Type)
					}
				}
			}
			return true
		})
	}
	return out
}

// plain is a returned value's type as a suggestion writes it: a literal
// as its class.
func plain(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.Literal:
		return x.Fallback
	case *types.Instance:
		if x.LastKnownValue != nil {
			return &types.Instance{Class: x.Class, Args: x.Args}
		}
	}
	return t
}

// refineCandidate refines a candidate's types by another's.
func refineCandidate(t, s candidate, object *types.Instance) candidate {
	out := candidate{params: make([]types.Type, len(t.params)), ret: refine(t.ret, s.ret, object)}
	for i := range t.params {
		if t.params[i] == nil {
			continue
		}
		out.params[i] = refine(t.params[i], s.params[i], object)
	}
	return out
}

// refine replaces the Anys of t with what s has in their place, where the
// two have the same structure (mypy's refine_type): refine(Any, T) is T,
// refine(list[Any], list[int]) is list[int], refine(float, int) is float.
func refine(t, s types.Type, object *types.Instance) types.Type {
	switch x := t.(type) {
	case *types.Any:
		if _, ok := s.(*types.Any); ok && x.MissingImport != "" {
			return t // an Any a missing import names stays
		}
		return s
	case *types.Instance:
		y, ok := s.(*types.Instance)
		// (By name: a trial's classes are other objects.)
		if !ok || y.Class.FullName != x.Class.FullName || len(y.Args) != len(x.Args) {
			return t
		}
		out := *x
		out.Args = refineAll(x.Args, y.Args, object)
		return &out
	case *types.Tuple:
		y, ok := s.(*types.Tuple)
		if !ok || len(y.Items) != len(x.Items) {
			return t
		}
		out := *x
		out.Items = refineAll(x.Items, y.Items, object)
		return &out
	case *types.Callable:
		y, ok := s.(*types.Callable)
		if !ok {
			return t
		}
		if x.IsEllipsis && !trickyCallable(y) {
			out := *y
			out.Ret = refine(x.Ret, y.Ret, object)
			return &out
		}
		if trickyCallable(x) || len(x.Params) != len(y.Params) {
			return t
		}
		out := *x
		out.Params = slices.Clone(x.Params)
		for i := range x.Params {
			if x.Params[i].Kind != y.Params[i].Kind {
				return t
			}
			out.Params[i].Type = refine(x.Params[i].Type, y.Params[i].Type, object)
		}
		out.Ret = refine(x.Ret, y.Ret, object)
		return &out
	case *types.Union:
		if same(t, s) {
			return t
		}
		rhs := []types.Type{s}
		if u, ok := s.(*types.Union); ok {
			rhs = u.Items
		}
		var items []types.Type
		for _, l := range x.Items {
			refined := false
			for _, r := range rhs {
				if n := refine(l, r, object); !same(n, l) {
					items = append(items, n)
					refined = true
				}
			}
			if !refined {
				items = append(items, l)
			}
		}
		return types.SimplifiedUnion(items...)
	}
	return t
}

// refineAll is refine item by item, for two lists of one length.
func refineAll(ts, ss []types.Type, object *types.Instance) []types.Type {
	out := make([]types.Type, len(ts))
	for i := range ts {
		out[i] = refine(ts[i], ss[i], object)
	}
	return out
}
