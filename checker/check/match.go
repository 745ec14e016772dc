package check

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/types"
	"typd/parser/ast"
)

// match walks a match statement's cases as mypy's visit_match_stmt: each
// case's pattern is judged against what the subject is there (see
// patternOf), the subject (if it is a variable, a member or an item, or a
// tuple display of such) is narrowed to what the pattern matches in the
// case's body, and to what it does not match for the cases after it; the
// pattern's captures are bound to what they capture. Where typd does not
// model a pattern the subject is Any in its case. A case whose pattern
// cannot match is not walked (under --warn-unreachable its first statement
// is reported). Past the statement each variable is the union of what the
// cases that reach its end left.
func (c *Checker) match(x *ast.Match, cls *types.Class) {
	subject := c.expr(x.Subject)
	key, current, known := c.narrowable(x.Subject)
	if !known {
		current = subject
	}
	v := c.scopeVars()
	enclosing := c.matchCaptures
	c.matchCaptures = c.captureTypes(x, v, current)
	defer func() { c.matchCaptures = enclosing }()
	// Each case is a branch of the statement; past it each variable is
	// the union of what the cases that reach its end left (and, unless
	// the cases cover the subject, of what none matching leaves), as
	// mypy's binder joins a match statement's frames.
	outer := v.narrowed.fork()
	whole := v.narrowed.top
	whole.conditional = true
	before := v.narrowed.fork()
	var ends []*layer
	// Whether the statement always leaves: its cases cover every value of
	// the subject (exhaustive) and every case that runs leaves; certain
	// unless a pattern or the subject's type is one typd does not model.
	exhaustive, allLeave, certain := false, true, !madeUpAny(current)
	defer func() {
		if c.matchEnds == nil {
			c.matchEnds = map[*ast.Match]bool{}
		}
		c.matchEnds[x] = certain
		c.left = exhaustive && allLeave
	}()
	for i, mc := range x.Cases {
		if i > 0 {
			v.narrowed.next(before)
		}
		guard := reach.Unknown
		if mc.Guard != nil {
			guard = c.reach.Infer(mc.Guard)
			if k, ok := mc.Guard.(*ast.Constant); ok && guard == reach.Unknown {
				switch constantTruth(k) { // (a guard written True or False)
				case 1:
					guard = reach.AlwaysTrue
				case -1:
					guard = reach.AlwaysFalse
				}
			}
		}
		ast.PatternExprs(mc.Pattern, func(e ast.Expr) { c.expr(e) })
		r := c.reportedPattern(mc.Pattern, current)
		if r.matched == nil {
			certain = false
		}
		here := current
		if r.rest != nil && (mc.Guard == nil || reach.IsTrue(guard)) {
			current = r.rest // the later cases see what this one did not match
		}
		if isNever(r.matched) {
			// A pattern that cannot match: its case never runs, and is
			// reported under --warn-unreachable (its captures are bound,
			// as Any, for the code after the statement).
			c.bindCaptures(unknownPattern(mc.Pattern).captures, "")
			if len(mc.Body) > 0 {
				c.unreachable(mc.Body[0])
			}
			continue
		}
		if known {
			if r.matched != nil {
				v.narrowed.set(key, r.matched)
			} else {
				v.narrowed.set(key, &types.Any{Reason: types.AnySpecialForm})
			}
		}
		c.narrowSubjectItems(x.Subject, r.matched)
		c.bindCaptures(r.captures, wholeCapture(mc.Pattern))
		if mc.Guard != nil {
			c.expr(mc.Guard)
			ifTrue, ifFalse := c.condition(mc.Guard)
			if !reach.IsTrue(guard) && r.matched != nil {
				current = restPastGuard(mc, key, here, r, ifFalse)
			}
			// The guard's narrowing of the name the pattern captures the
			// whole subject as narrows the subject too (mypy copies it).
			if w := wholeCapture(mc.Pattern); w != "" && key != "" && w != key && ifTrue[w] != nil {
				ifTrue = mergeMaps(ifTrue, typeMap{key: ifTrue[w]})
			}
			c.apply(ifTrue)
		}
		if reach.IsFalse(guard) {
			// A guard always false for the target: the body never runs.
			// Under --warn-unreachable mypy reports the body of a guard
			// written False, whatever its first statement (not one false
			// for the platform or the Python version).
			if k, ok := mc.Guard.(*ast.Constant); ok && constantTruth(k) < 0 && len(mc.Body) > 0 &&
				c.settings.WarnUnreachable && c.checked() {
				c.report(mc.Body[0].Pos(), diag.Error, diag.CodeUnreachable, diag.StatementIsUnreachable)
			}
			continue
		}
		if !c.stmts(mc.Body, cls) {
			allLeave = false
			ends = append(ends, v.narrowed.top)
		}
		if irrefutable(mc.Pattern) && (mc.Guard == nil || reach.IsTrue(guard)) {
			exhaustive = true
			break // the cases after one that always matches never run
		}
	}
	if isNever(current) {
		exhaustive = true // (the cases' rests leave nothing)
	}
	if !exhaustive && certain && c.checked() {
		// (reported only under --enable-error-code exhaustive-match)
		c.report(x.Span.Pos(), diag.Error, diag.CodeExhaustiveMatch,
			fmt.Sprintf(diag.MatchUnhandled, diag.QuoteType(types.Format(current, c.formatOptions()))))
		c.report(x.Span.Pos(), diag.Note, diag.CodeExhaustiveMatch, diag.MatchUnhandledNote)
	}
	if !exhaustive {
		// No case matched: the subject is what they all left.
		v.narrowed.next(before)
		if known && key != "" {
			v.narrowed.set(key, current)
		}
		ends = append(ends, v.narrowed.top)
	}
	if len(ends) > 0 {
		v.narrowed.joinAll(before, ends)
	} else {
		v.narrowed.drop(before)
	}
	v.narrowed.keep(outer, whole)
}

// restPastGuard is what the cases after a guarded one see of a subject
// that was here before it, as mypy's or_conditional_maps: what the
// pattern did not match, and what it matched where the guard fails (the
// guard's narrowing (ifFalse) of the subject, or of the name the pattern
// captures it as, when it has one).
func restPastGuard(mc *ast.MatchCase, key string, here types.Type, r patternResult, ifFalse typeMap) types.Type {
	failed := r.matched
	if w := wholeCapture(mc.Pattern); w != "" && ifFalse[w] != nil {
		failed = ifFalse[w]
	} else if key != "" && ifFalse[key] != nil {
		failed = ifFalse[key]
	}
	rest := r.rest
	if rest == nil {
		rest = here
	}
	return types.SimplifiedUnion(rest, failed) // (Never in it drops out)
}

// madeUpAny reports a subject's type that is (or has among its union's
// items) an Any typd gave where it does not infer the type: what mypy
// knows of such a subject is not known here.
func madeUpAny(t types.Type) bool {
	for _, it := range unionItems(t) {
		if a, ok := it.(*types.Any); ok && (a.Reason == types.AnySpecialForm || a.Reason == types.AnyFromError) {
			return true
		}
	}
	return false
}

// narrowSubjectItems narrows the items of a subject written as a tuple
// display (`match a, b:`) to the items of the tuple type a case's pattern
// matched, as mypy's _get_recursive_sub_patterns_map.
func (c *Checker) narrowSubjectItems(subject ast.Expr, matched types.Type) {
	tx, ok := subject.(*ast.Tuple)
	if !ok {
		return
	}
	tt, ok := matched.(*types.Tuple)
	if !ok || len(tt.Items) != len(tx.Elts) {
		return
	}
	v := c.scopeVars()
	for i, el := range tx.Elts {
		if key, _, known := c.narrowable(el); known && key != "" {
			v.narrowed.set(key, tt.Items[i])
		}
		c.narrowSubjectItems(el, tt.Items[i])
	}
}

// patternResult is what a pattern tells of a subject, as mypy's
// PatternType.
type patternResult struct {
	// matched is what the subject is where the pattern matches: Never
	// where it cannot; nil where typd does not model the pattern.
	matched types.Type
	// rest is what the subject is where the pattern does not match: Never
	// where it always matches; nil where nothing is learnt.
	rest types.Type
	// captures are the names the pattern binds, in the order written.
	captures []capture
}

// capture is a name a pattern binds, where, and the type it captures (nil
// when not known).
type capture struct {
	name string
	span ast.Span
	t    types.Type
}

// unknownPattern is the result of a pattern typd does not model: nothing
// known of the subject, and its captures all of unknown types.
func unknownPattern(p ast.Pattern) patternResult {
	var r patternResult
	ast.Inspect(p, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.MatchAs:
			if x.Name != "" && x.Name != "_" {
				r.captures = append(r.captures, capture{name: x.Name, span: x.Span})
			}
		case *ast.MatchStar:
			if x.Name != "" && x.Name != "_" {
				r.captures = append(r.captures, capture{name: x.Name, span: x.Span})
			}
		case *ast.MatchMapping:
			if x.Rest != "" {
				r.captures = append(r.captures, capture{name: x.Rest, span: x.Span})
			}
		}
		return true
	})
	return r
}

// nonMatch is the result of a pattern that cannot match a subject.
func nonMatch() patternResult { return patternResult{matched: &types.Never{}} }

// isNever reports the type of no value.
func isNever(t types.Type) bool {
	_, ok := t.(*types.Never)
	return ok
}

// reportedPattern is patternOf, with the errors the pattern has reported
// once each (judging a sequence pattern against each item of a union
// meets its sub-patterns more than once, as mypy's, whose errors are
// reported once).
func (c *Checker) reportedPattern(p ast.Pattern, current types.Type) patternResult {
	from := len(c.out)
	r := c.patternOf(p, current)
	seen := map[string]bool{}
	kept := c.out[:from]
	for _, d := range c.out[from:] {
		k := fmt.Sprint(d.Line, ":", d.Col, ":", d.Message)
		if !seen[k] {
			seen[k] = true
			kept = append(kept, d)
		}
	}
	c.out = kept
	return r
}

// patternOf judges a pattern against a subject of type current (nil when
// not known), as mypy's PatternChecker: a capture or the wildcard matches
// anything; a value pattern narrows as `==` does (see valuePatternType), a
// singleton as `is`; a class pattern as isinstance, then its sub-patterns
// against the attributes they name (see classPattern); a sequence pattern
// a sequence of fitting length item by item (see sequencePattern); a
// mapping pattern leaves the subject as it is; an or-pattern is the union
// of its alternatives, each judged against what the ones before did not
// match.
func (c *Checker) patternOf(p ast.Pattern, current types.Type) patternResult {
	if current == nil {
		return unknownPattern(p)
	}
	switch x := p.(type) {
	case *ast.MatchAs:
		r := patternResult{matched: current, rest: &types.Never{}}
		if x.Pattern != nil {
			r = c.patternOf(x.Pattern, current)
		}
		if x.Name != "" && x.Name != "_" && !isNever(r.matched) {
			r.captures = append(r.captures, capture{name: x.Name, span: x.Span, t: r.matched})
		}
		return r
	case *ast.MatchStar:
		r := patternResult{matched: current, rest: &types.Never{}}
		if x.Name != "" && x.Name != "_" {
			r.captures = []capture{{name: x.Name, span: x.Span, t: c.builtinInstance("list", current)}}
		}
		return r
	case *ast.MatchOr:
		return c.orPattern(x, current)
	case *ast.MatchValue:
		m, rest := c.valuePatternType(x, current)
		return patternResult{matched: m, rest: rest}
	case *ast.MatchSingleton:
		m, rest := c.singletonPattern(x, current)
		return patternResult{matched: m, rest: rest}
	case *ast.MatchSequence:
		return c.sequencePattern(x, current)
	case *ast.MatchMapping:
		return c.mappingPattern(x, current)
	case *ast.MatchClass:
		return c.classPattern(x, current)
	}
	return unknownPattern(p)
}

// orPattern judges an or-pattern as mypy's visit_or_pattern: each
// alternative against what the ones before it did not match; what it
// matches is the union of what they match, each name it binds the union of
// what the alternatives capture. Alternatives that bind different names
// are an error.
func (c *Checker) orPattern(x *ast.MatchOr, current types.Type) patternResult {
	left := current
	var matched []types.Type
	unknown := false
	results := make([]patternResult, len(x.Patterns))
	for i, q := range x.Patterns {
		r := c.patternOf(q, left)
		results[i] = r
		switch {
		case r.matched == nil:
			unknown = true
		case !isNever(r.matched):
			matched = append(matched, r.matched)
			if r.rest != nil {
				left = r.rest
			}
		}
	}
	var out patternResult
	names := func(r patternResult) map[string]bool {
		m := map[string]bool{}
		for _, cp := range r.captures {
			m[cp.name] = true
		}
		return m
	}
	first := names(results[0])
	index := map[string]int{}
	for i, r := range results {
		if i > 0 && !maps.Equal(first, names(r)) {
			// (at the alternative before the one that differs, as mypy)
			c.report(x.Patterns[i-1].Pos(), diag.Error, diag.CodeMisc, diag.AlternativesBindDifferentNames)
		}
		for _, cp := range r.captures {
			out.captures = unionCapture(out.captures, index, cp)
		}
	}
	if unknown {
		return out
	}
	out.matched = unionOrNever(matched)
	if left != current {
		out.rest = left
	}
	return out
}

// unionCapture adds a capture to caps (index maps the names there to
// their places): a name captured before gets the union of both types, nil
// when either is not known.
func unionCapture(caps []capture, index map[string]int, cp capture) []capture {
	k, seen := index[cp.name]
	switch {
	case !seen:
		index[cp.name] = len(caps)
		return append(caps, cp)
	case caps[k].t == nil || cp.t == nil:
		caps[k].t = nil
	default:
		caps[k].t = types.SimplifiedUnion(caps[k].t, cp.t)
	}
	return caps
}

// singletonPattern narrows a subject by `None`, `True` or `False`.
func (c *Checker) singletonPattern(x *ast.MatchSingleton, current types.Type) (matched, rest types.Type) {
	if x.Value.Kind == ast.TrueValue || x.Value.Kind == ast.FalseValue {
		b, ok := c.builtinInstance("bool").(*types.Instance)
		if !ok {
			return nil, nil
		}
		return c.narrowByValue(&types.Literal{Value: types.LiteralValue{Kind: types.LitBool, Bool: x.Value.Kind == ast.TrueValue}, Fallback: b}, current)
	}
	if x.Value.Kind != ast.NoneValue {
		return nil, nil
	}
	var others []types.Type
	hasNone := false
	for _, it := range unionItems(current) {
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
	return &types.NoneType{}, unionOrNever(others)
}

// valuePatternType narrows a subject by a value pattern (`case 1:`,
// `case Color.RED:`, `case b.b:`) as mypy's visit_value_pattern: where it
// matches, each item of the subject's type that the value's type (a
// literal, for a literal written) is narrower than becomes it, and items
// that are no such value's are dropped; where it does not match, a literal
// (of an enum or a bool taken apart) equal to the value is ruled out.
// matched is nil when an item's relation to the value is not modelled.
func (c *Checker) valuePatternType(x *ast.MatchValue, current types.Type) (matched, rest types.Type) {
	vt := c.exprQuiet(x.Value)
	if lit := c.writtenLiteral(x.Value, vt); lit != nil {
		vt = lit
	}
	return c.narrowByValue(vt, current)
}

// narrowByValue is valuePatternType for a value of type vt.
func (c *Checker) narrowByValue(vt, current types.Type) (matched, rest types.Type) {
	if current == nil || !judgeable(vt, false) {
		return nil, nil
	}
	lit, isLiteral := vt.(*types.Literal)
	var yes, no []types.Type
	for _, it := range unionItems(current) {
		parts := []types.Type{it}
		single := false // an enum of one member, taken apart
		if isLiteral {
			switch lits := c.literalsOf(it); {
			case len(lits) > 1:
				parts = lits // a bool or an enum, taken apart
			case len(lits) == 1 && !isLiteralType(it):
				parts, single = lits, true
			}
		}
		before := len(yes)
		for _, part := range parts {
			switch {
			case isAnyType(part):
				yes, no = append(yes, part), append(no, part) // (Any stays Any)
			case types.IsSubtype(part, vt):
				yes = append(yes, part)
				if !isLiteral || types.Verbose(part) != types.Verbose(lit) {
					no = append(no, part)
				}
			case types.IsSubtype(vt, part):
				yes, no = append(yes, vt), append(no, part)
			case isLiteral && !isLiteralType(part) && types.IsSubtype(part, lit.Fallback):
				// A value of a subclass of the literal's class may equal
				// it (True == 1): the item stays as it is on both sides.
				yes, no = append(yes, part), append(no, part)
			default:
				if !isLiteralType(part) && !builtinDisjoint(part) {
					return nil, nil // (a subclass may be both)
				}
				no = append(no, part)
			}
		}
		if single && len(yes) == before+1 {
			yes[before] = it // (its one member matched: mypy keeps the enum's type)
		}
	}
	if !isLiteral {
		return unionOrNever(yes), nil
	}
	return unionOrNever(yes), unionOrNever(no)
}

// isLiteralType reports a Literal type.
func isLiteralType(t types.Type) bool {
	_, ok := t.(*types.Literal)
	return ok
}

// builtinDisjoint reports a type whose values no value of an unrelated
// class can be: None, and instances of builtins' classes.
func builtinDisjoint(t types.Type) bool {
	switch x := t.(type) {
	case *types.NoneType:
		return true
	case *types.Instance:
		return x.Class.Module == "builtins" && x.Class.FullName != "builtins.object"
	}
	return false
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

// captureOverDeclared judges a capture (at sp) of a name the scope has
// declared already, as mypy's check_and_remove_capture_conflicts: a
// captured type t that does not fit the declared one is reported
// (`Incompatible types in capture pattern`) and leaves the name as it was;
// one that fits narrows it. It reports whether it bound the name; it does
// not when the name is not declared yet, or t or the declared type is one
// typd does not judge exactly.
func (c *Checker) captureOverDeclared(sp ast.Span, name string, t types.Type) bool {
	v := c.scopeVars()
	declared, ok := v.declared[name]
	if !ok || declared == nil || v.partial[name] || t == nil || isAnyType(t) || isAnyType(declared) ||
		!judgeable(t, true) || !judgeable(declared, false) {
		return false
	}
	if !c.strictOptional && (mentionsNone(t) || mentionsNone(declared)) {
		return false
	}
	if types.IsSubtype(t, declared) {
		c.assign(&ast.Name{Span: sp, ID: name, Ctx: ast.Store}, t)
		return true
	}
	got, want := types.FormatPair(t, declared, c.formatOptions())
	c.report(&sp, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.IncompatibleCapture, diag.QuoteType(got), diag.QuoteType(want)))
	return true
}

// bindCaptures binds what a case's pattern captures. A name the scope
// declared already is judged against its type (see captureOverDeclared).
// A name the match statement binds only by captures is declared, at its
// first, with the union of all its captures (see captureTypes) and
// narrowed to each; so is the capture of the whole subject (whole names
// it; "" for none). Other captures, and those of unknown types, are Any.
func (c *Checker) bindCaptures(caps []capture, whole string) {
	v := c.scopeVars()
	for _, cp := range caps {
		if c.captureOverDeclared(cp.span, cp.name, cp.t) {
			continue
		}
		target := &ast.Name{Span: cp.span, ID: cp.name, Ctx: ast.Store}
		union, typed := c.matchCaptures[cp.name]
		switch {
		case cp.t == nil:
			c.assign(target, &types.Any{Reason: types.AnySpecialForm})
		case typed && union != nil:
			if _, declared := v.declared[cp.name]; !declared {
				c.assign(target, union)
			}
			c.assign(target, cp.t)
		case cp.name == whole:
			c.assign(target, cp.t)
		default:
			c.assign(target, &types.Any{Reason: types.AnySpecialForm})
		}
	}
}

// wholeCapture is the name a case's pattern binds the whole subject to
// (`case x`, `case P as x`), or "".
func wholeCapture(p ast.Pattern) string {
	if x, ok := p.(*ast.MatchAs); ok {
		return x.Name
	}
	return ""
}

// addCaptures adds a sub-pattern's captures to a pattern's; a name
// captured twice is mypy's error (`Multiple assignments to name "x" in
// pattern`), and keeps its first capture.
func (c *Checker) addCaptures(caps, more []capture) []capture {
	for _, cp := range more {
		if slices.ContainsFunc(caps, func(o capture) bool { return o.name == cp.name }) {
			c.report(&cp.span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.MultipleAssignmentsInPattern, cp.name))
			continue
		}
		caps = append(caps, cp)
	}
	return caps
}

// columnUnions is, for rows of n types each (what each item of a union
// gives each sub-pattern), the union of each column.
func columnUnions(rows [][]types.Type, n int) []types.Type {
	out := make([]types.Type, n)
	for i := range out {
		ts := make([]types.Type, len(rows))
		for j, row := range rows {
			ts[j] = row[i]
		}
		out[i] = types.SimplifiedUnion(ts...)
	}
	return out
}

// unionOrNever is the union of ts, Never when there are none.
func unionOrNever(ts []types.Type) types.Type {
	if len(ts) == 0 {
		return &types.Never{}
	}
	return types.SimplifiedUnion(ts...)
}

// sequenceItemType sorts a type a sequence pattern may meet: a tuple
// (tuple: its items), a sequence (item: the type of every item; object's
// is object), or what never is one (never: str, bytes, bytearray, None, a
// builtin that is not a sequence); ok is false for what is not modelled
// (a class a subclass of which may be a sequence, a type variable...).
func (c *Checker) sequenceItemType(t types.Type) (item types.Type, tuple *types.Tuple, never, ok bool) {
	switch x := t.(type) {
	case *types.Tuple:
		for _, it := range x.Items {
			if !judgeable(it, false) {
				return nil, nil, false, false // (an unpacked variadic item...)
			}
		}
		return nil, x, false, true
	case *types.NoneType:
		return nil, nil, true, true
	case *types.Instance:
		switch x.Class.FullName {
		case "builtins.str", "builtins.bytes", "builtins.bytearray":
			return nil, nil, true, true
		case "builtins.object":
			return &types.Instance{Class: x.Class}, nil, false, true
		}
		if seq := c.typingInstanceView(x, "Sequence"); seq != nil && len(seq.Args) == 1 {
			return seq.Args[0], nil, false, true
		}
		if seq := c.p.ModuleClass("typing", "Sequence"); seq != nil && slices.Contains(seq.MRO, x.Class) {
			// A class Sequence derives from (Iterable, Collection...): its
			// values may be sequences, of its item type if it has one.
			if it := c.typingInstanceView(x, "Iterable"); it != nil && len(it.Args) == 1 {
				return it.Args[0], nil, false, true
			}
			return &types.Instance{Class: c.object().Class}, nil, false, true
		}
		if builtinDisjoint(x) {
			return nil, nil, true, true // (int, dict...: no subclass is a sequence too)
		}
	}
	return nil, nil, false, false
}

// sequencePattern judges a sequence pattern as mypy's
// visit_sequence_pattern. A union is judged item by item. Of a tuple, one
// of a length the pattern fits is judged item by item, a starred
// sub-pattern taking the union of the items it covers; it matches the
// tuple of what its sub-patterns match, and where exactly one sub-pattern
// may fail, what it does not match is the tuple with that item's rest. Of
// a sequence (or object, or Any), every sub-pattern sees the item type,
// and the pattern matches the same sequence of the join of what they match
// (see sequenceChild). str, bytes, bytearray and what cannot be a
// sequence never match.
func (c *Checker) sequencePattern(x *ast.MatchSequence, current types.Type) patternResult {
	if u, ok := current.(*types.Union); ok {
		return c.sequenceOverUnion(x, u)
	}
	n, star := len(x.Patterns), -1
	for i, q := range x.Patterns {
		if _, ok := q.(*ast.MatchStar); ok {
			star = i
		}
	}
	required := n
	if star >= 0 {
		required--
	}
	var item types.Type
	var tuple *types.Tuple
	if isAnyType(current) {
		item = current
	} else {
		var never, ok bool
		item, tuple, never, ok = c.sequenceItemType(current)
		switch {
		case !ok:
			return unknownPattern(x)
		case never:
			return nonMatch()
		}
	}
	inner := make([]types.Type, n) // the subject's items, or n of its item type
	if tuple != nil {
		if m := len(tuple.Items); m < required || m > required && star < 0 {
			return nonMatch()
		}
		inner = tuple.Items
	} else {
		for i := range inner {
			inner[i] = item
		}
	}
	// What each sub-pattern sees: a starred one the union of its items.
	seen := inner
	starLen := len(inner) - required
	if star >= 0 {
		seen = slices.Concat(inner[:star], []types.Type{unionOrNever(inner[star : star+starLen])}, inner[star+starLen:])
	}
	matched, rest := make([]types.Type, n), make([]types.Type, n)
	var caps []capture
	unknown := false
	for i, q := range x.Patterns {
		r := c.patternOf(q, seen[i])
		if r.matched == nil {
			unknown = true
		}
		matched[i], rest[i] = r.matched, r.rest
		caps = c.addCaptures(caps, r.captures)
	}
	if unknown {
		return patternResult{captures: caps}
	}
	if tuple == nil {
		if isAnyType(current) {
			return patternResult{matched: current, captures: caps}
		}
		joined := types.JoinAll(matched, c.object())
		if isNever(joined) {
			return patternResult{matched: joined, captures: caps}
		}
		child := c.sequenceChild(current, joined)
		if child == nil {
			return patternResult{captures: caps}
		}
		out := patternResult{matched: current, captures: caps}
		if types.IsSubtype(child, current) {
			out.matched = child
		}
		if star >= 0 && n == 1 && types.IsSubtype(current, child) {
			out.rest = &types.Never{} // (a lone starred pattern matches any sequence)
		}
		return out
	}
	if star >= 0 {
		// Each sub-pattern's types again for the items it covers; the
		// starred one matches each item it takes as it is.
		matched = slices.Concat(matched[:star], tuple.Items[star:star+starLen], matched[star+1:])
		rest = slices.Concat(rest[:star], slices.Repeat(rest[star:star+1], starLen), rest[star+1:])
	}
	out := patternResult{captures: caps}
	if slices.ContainsFunc(matched, isNever) {
		out.matched = &types.Never{}
	} else {
		out.matched = &types.Tuple{Items: matched, Fallback: tuple.Fallback}
	}
	always := 0
	for _, r := range rest {
		if isNever(r) {
			always++
		}
	}
	switch {
	case always == len(rest):
		out.rest = &types.Never{}
	case always == len(rest)-1:
		// One item may not match: where the pattern fails, that item is
		// what its sub-pattern did not match.
		items := slices.Clone(tuple.Items)
		for i, r := range rest {
			if !isNever(r) && r != nil {
				items[i] = r
			}
		}
		out.rest = &types.Tuple{Items: items, Fallback: tuple.Fallback}
	}
	return out
}

// sequenceOverUnion judges a sequence pattern against each item of a
// union: it matches the union of what each matches, fails on the union of
// their rests, and captures the union of what the items it may match
// capture.
func (c *Checker) sequenceOverUnion(x *ast.MatchSequence, u *types.Union) patternResult {
	var matched, rest []types.Type
	var out patternResult
	index := map[string]int{}
	learnt := false
	for _, it := range u.Items {
		r := c.sequencePattern(x, it)
		if r.matched == nil {
			return unknownPattern(x)
		}
		matched = append(matched, r.matched)
		if r.rest != nil {
			learnt = true
			rest = append(rest, r.rest)
		} else {
			rest = append(rest, it)
		}
		if isNever(r.matched) {
			continue
		}
		for _, cp := range r.captures {
			if l, ok := cp.t.(*types.Instance); ok && l.Class.FullName == "builtins.list" && len(l.Args) == 1 && isNever(l.Args[0]) {
				continue // (a starred capture of no items)
			}
			out.captures = unionCapture(out.captures, index, cp)
		}
	}
	out.matched = unionOrNever(matched)
	if learnt {
		out.rest = unionOrNever(rest)
	}
	return out
}

// sequenceChild is a sequence type current (or object) made a sequence of
// item, as mypy's construct_sequence_child: typing.Sequence[item] for
// what is no sequence; the class of current with item for the argument
// its Sequence base takes, when that is one of its type parameters; current
// itself for a class that has none. nil for what is not modelled.
func (c *Checker) sequenceChild(current, item types.Type) types.Type {
	inst, ok := current.(*types.Instance)
	if !ok {
		return nil
	}
	seq := c.p.ModuleClass("typing", "Sequence")
	if seq == nil {
		return nil
	}
	view := types.MapToSuper(inst, seq)
	if view == nil {
		return &types.Instance{Class: seq, Args: []types.Type{item}}
	}
	params := inst.Class.TypeParams
	if len(params) == 0 {
		return current
	}
	own := make([]types.Type, len(params))
	for i, p := range params {
		own[i] = p
	}
	base := types.MapToSuper(&types.Instance{Class: inst.Class, Args: own}, seq)
	if base == nil || len(base.Args) != 1 || len(inst.Args) != len(params) {
		return nil
	}
	tv, ok := base.Args[0].(*types.TypeVar)
	if !ok {
		return nil
	}
	for i, p := range params {
		if p.Name == tv.Name && p.ID == tv.ID {
			args := slices.Clone(inst.Args)
			args[i] = item
			return &types.Instance{Class: inst.Class, Args: args}
		}
	}
	return nil
}

// captureTypes returns, for each name a match statement's patterns
// capture that the scope has not declared and that its cases bind by
// captures only, the union of what all its captures capture where the
// cases' patterns meet the subject (of type subject): the type mypy
// declares it with (infer_variable_types_from_type_maps); nil when that is
// not known.
func (c *Checker) captureTypes(x *ast.Match, v *vars, subject types.Type) map[string]types.Type {
	other := map[string]bool{} // names bound otherwise
	bind := func(name string) {
		if name != "" && name != "_" {
			other[name] = true
		}
	}
	binds := func(n ast.Node) bool {
		switch y := n.(type) {
		case *ast.MatchAs:
			bind(y.Name)
		case *ast.MatchStar:
			bind(y.Name)
		case *ast.MatchMapping:
			bind(y.Rest)
		case *ast.Name:
			if y.Ctx != ast.Load { // (an assignment's target, an assignment expression's)
				bind(y.ID)
			}
		case *ast.FunctionDef:
			bind(y.Name)
		case *ast.ClassDef:
			bind(y.Name)
		case *ast.Alias:
			name, _, _ := strings.Cut(y.Name, ".")
			if y.Asname != "" {
				name = y.Asname
			}
			bind(name)
		case *ast.Global:
			for _, name := range y.Names {
				bind(name)
			}
		case *ast.Nonlocal:
			for _, name := range y.Names {
				bind(name)
			}
		case *ast.ExceptHandler:
			bind(y.Name)
		}
		return true
	}
	for _, mc := range x.Cases {
		for _, s := range mc.Body {
			ast.Inspect(s, binds)
		}
		if mc.Guard != nil {
			ast.Inspect(mc.Guard, binds)
		}
	}
	out := map[string]types.Type{} // (nil: a capture's type is not known)
	for _, mc := range x.Cases {
		var r patternResult
		c.quietly(func() { r = c.patternOf(mc.Pattern, subject) })
		if isNever(r.matched) {
			continue
		}
		for _, cp := range r.captures {
			if _, declared := v.declared[cp.name]; declared || other[cp.name] {
				continue
			}
			have, seen := out[cp.name]
			switch {
			case cp.t == nil || seen && have == nil:
				out[cp.name] = nil
			case !seen:
				out[cp.name] = cp.t
			default:
				out[cp.name] = types.SimplifiedUnion(have, cp.t)
			}
		}
	}
	return out
}

// mappingPattern judges a mapping pattern as mypy's
// visit_mapping_pattern: each value's sub-pattern against the type of the
// value its key gives (see mappingItems); the pattern cannot match when
// one of them cannot, and otherwise leaves the subject as it is (a
// mapping's key type is invariant), or, without keys, narrows it to
// typing.Mapping. Its rest (`**rest`) captures a dict.
func (c *Checker) mappingPattern(x *ast.MatchMapping, current types.Type) patternResult {
	values, rest, ok := c.mappingItems(current, x)
	var caps []capture
	canMatch, unknown := true, !ok
	for i, q := range x.Patterns {
		var value types.Type
		if ok {
			value = values[i]
		}
		r := c.patternOf(q, value)
		switch {
		case r.matched == nil:
			unknown = true
			caps = c.addCaptures(caps, r.captures)
		case isNever(r.matched):
			canMatch = false
		default:
			caps = c.addCaptures(caps, r.captures)
		}
	}
	if x.Rest != "" {
		caps = c.addCaptures(caps, []capture{{name: x.Rest, span: x.Span, t: rest}})
	}
	switch {
	case !canMatch:
		return patternResult{matched: &types.Never{}, captures: caps}
	case unknown || len(x.Keys) == 0 && !isAnyType(current):
		return patternResult{captures: caps} // (what narrows to Mapping is not modelled)
	}
	return patternResult{matched: current, captures: caps}
}

// mappingItems returns the type each value pattern of a mapping pattern
// sees, for a subject of type t, and the type of its rest (`**rest`), as
// mypy's visit_mapping_pattern: a TypedDict gives the type of the key a
// str literal names (object for another str key), a mapping its value
// type (what its __getitem__ returns); a union the union of what its
// items give. ok is false when t is not known, for a subject with an item
// of another kind (mypy calls its __getitem__: not modelled) and a
// TypedDict's key that is no str. The rest is a dict of a mapping's key
// and value types, and dict[object, object] for any other subject (a
// TypedDict, a union); nil when t is not known.
func (c *Checker) mappingItems(t types.Type, x *ast.MatchMapping) (values []types.Type, rest types.Type, ok bool) {
	if t == nil {
		return nil, nil, false
	}
	object := c.builtinInstance("object")
	rest = c.builtinInstance("dict", object, object)
	if inst, isInst := t.(*types.Instance); isInst && !inst.Class.IsTypedDict {
		if m := c.typingInstanceView(inst, "Mapping"); m != nil && len(m.Args) == 2 {
			rest = c.builtinInstance("dict", m.Args[0], m.Args[1])
		}
	}
	var per [][]types.Type // each value's types, one for each item of t
	for _, it := range unionItems(t) {
		row := make([]types.Type, len(x.Keys))
		inst, isInst := it.(*types.Instance)
		td, items, isTD := types.TypedDictOf(it)
		switch {
		case isTD && !td.Class.AnonymousTypedDict():
			for i, k := range x.Keys {
				kt := c.exprQuiet(k)
				names, isLit := keyLiterals(k, kt)
				switch {
				case isLit && len(names) == 1:
					row[i] = object
					if item, found := types.LookupItem(items, names[0]); found {
						row[i] = item.Type
					}
				case types.IsSubtype(kt, c.builtinInstance("str")) && !isAnyType(kt):
					row[i] = object
				default:
					return nil, rest, false
				}
			}
		case isInst && !inst.Class.IsTypedDict:
			m := c.typingInstanceView(inst, "Mapping")
			if m == nil || len(m.Args) != 2 {
				return nil, rest, false
			}
			for i := range row {
				row[i] = m.Args[1]
			}
		default:
			return nil, rest, false
		}
		per = append(per, row)
	}
	return columnUnions(per, len(x.Keys)), rest, true
}

// selfMatching are the builtin classes whose class pattern with one
// positional sub-pattern matches that sub-pattern against the subject
// itself (`case int(n)`), as Python's match does.
var selfMatching = map[string]bool{"builtins.bool": true, "builtins.bytearray": true, "builtins.bytes": true,
	"builtins.dict": true, "builtins.float": true, "builtins.frozenset": true, "builtins.int": true,
	"builtins.list": true, "builtins.set": true, "builtins.str": true, "builtins.tuple": true}

// classPattern judges a class pattern as mypy's visit_class_pattern: the
// subject narrowed as isinstance narrows it to the class; then a builtin
// such as int matches its one positional sub-pattern against the subject
// itself, and other classes match their positional sub-patterns against
// the attributes __match_args__ names and their keyword sub-patterns
// against the attributes of those names. The pattern cannot match when a
// sub-pattern cannot; where one may fail, nothing is learnt of what the
// pattern does not match.
func (c *Checker) classPattern(x *ast.MatchClass, current types.Type) patternResult {
	ct := c.exprQuiet(x.Cls)
	cls := typeObject(ct)
	switch {
	case cls == nil:
		if notAClass(ct) {
			c.report(x.Cls.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ClassPatternTypeRequired, types.Verbose(ct)))
			return nonMatch()
		}
		return unknownPattern(x)
	case cls.VariadicParams:
		return unknownPattern(x)
	}
	const key = "\x00subject"
	target := &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))} // (as isinstance's)
	ifTrue, ifFalse := c.narrowToClasses(key, current, []types.Type{target})
	narrowed := ifTrue[key]
	if narrowed == nil {
		return unknownPattern(x)
	}
	if isNever(narrowed) {
		return nonMatch()
	}
	rest := ifFalse[key]
	if len(x.Patterns) == 0 && len(x.KwdPatterns) == 0 {
		return patternResult{matched: narrowed, rest: rest}
	}
	var caps []capture
	// The positional sub-patterns become keyword ones, by the names
	// __match_args__ gives ("" where it gives none).
	var names []string
	if len(x.Patterns) > 0 {
		if c.selfMatches(cls, target) {
			if len(x.Patterns) > 1 {
				c.report(x.Span.Pos(), diag.Error, diag.CodeMisc, diag.ClassPatternTooManyPositionals)
			}
			r := c.patternOf(x.Patterns[0], narrowed)
			switch {
			case r.matched == nil:
				return patternResult{captures: r.captures}
			case !isNever(r.matched):
				out := patternResult{matched: r.matched, captures: r.captures}
				if rest != nil && r.rest != nil {
					out.rest = types.Join(rest, r.rest, c.object())
				}
				return out
			}
			caps = r.captures
		} else {
			if !hasMember(target, "__match_args__") {
				c.report(x.Span.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ClassPatternNoMatchArgs, types.Verbose(target)))
				return nonMatch()
			}
			var args types.Type
			c.quietly(func() { args = c.member(target, "__match_args__") })
			if tuple, ok := args.(*types.Tuple); ok {
				names = matchArgNames(tuple)
				if len(x.Patterns) > len(names) {
					c.report(x.Span.Pos(), diag.Error, diag.CodeMisc, diag.ClassPatternTooManyPositionals)
					return nonMatch()
				}
				names = names[:len(x.Patterns)]
			} else {
				names = make([]string, len(x.Patterns))
			}
		}
	}
	patterns := slices.Clone(x.Patterns[:len(names)])
	positional := map[string]bool{}
	for _, name := range names {
		if name != "" {
			positional[name] = true
		}
	}
	keywords, duplicate := map[string]bool{}, false
	for i, name := range x.KwdAttrs {
		q := x.KwdPatterns[i]
		switch {
		case positional[name]:
			c.report(q.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ClassPatternKeywordPositional, name))
			duplicate = true
		case keywords[name]:
			c.report(q.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ClassPatternDuplicateKeyword, name))
			duplicate = true
		}
		keywords[name] = true
		names = append(names, name)
		patterns = append(patterns, q)
	}
	if duplicate {
		return nonMatch()
	}
	out := patternResult{matched: narrowed, rest: rest, captures: caps}
	canMatch, unknown := true, false
	for i, q := range patterns {
		var attr types.Type = &types.Any{Reason: types.AnyFromError}
		if names[i] != "" {
			if hasMember(narrowed, names[i]) {
				c.quietly(func() { attr = c.member(narrowed, names[i]) })
			} else if cls.FullName != "builtins.object" {
				c.report(q.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ClassPatternNoAttribute, types.Verbose(target), names[i]))
			}
		}
		r := c.patternOf(q, attr)
		switch {
		case r.matched == nil:
			unknown = true
			out.captures = c.addCaptures(out.captures, r.captures)
		case isNever(r.matched):
			canMatch = false
		default:
			out.captures = c.addCaptures(out.captures, r.captures)
			if !isNever(r.rest) {
				out.rest = nil // (where it fails, the subject may still be the class)
			}
		}
	}
	switch {
	case !canMatch:
		out.matched = &types.Never{}
	case unknown:
		out.matched, out.rest = nil, nil
	}
	return out
}

// notAClass reports a type that a class pattern's class may not have: an
// instance (not of type or one of its subclasses) or a literal; mypy's
// `Expected type in class pattern`.
func notAClass(t types.Type) bool {
	switch x := t.(type) {
	case *types.Literal:
		return true
	case *types.Instance:
		for _, k := range x.Class.MRO {
			if k.FullName == "builtins.type" {
				return false
			}
		}
		return x.Class.Module != "typing" && x.Class.Module != "typing_extensions"
	}
	return false
}

// selfMatches reports whether a class pattern of cls matches its one
// positional sub-pattern against the subject itself: cls is one of the
// builtins of selfMatching, or a subclass of one, that does not define
// __match_args__.
func (c *Checker) selfMatches(cls *types.Class, target *types.Instance) bool {
	for _, k := range cls.MRO {
		if selfMatching[k.FullName] {
			return !hasMember(target, "__match_args__")
		}
	}
	return false
}

// hasMember reports whether a value of type t has attribute name, or a
// __getattr__ that gives any (true where that is not modelled).
func hasMember(t types.Type, name string) bool {
	switch x := t.(type) {
	case *types.Instance:
		_, _, ok := types.MemberOf(x, name)
		if !ok {
			_, _, ok = types.MemberOf(x, "__getattr__")
		}
		return ok
	case *types.Tuple:
		return x.Fallback == nil || hasMember(x.Fallback, name)
	case *types.Literal:
		return hasMember(x.Fallback, name)
	case *types.Union:
		for _, it := range x.Items {
			if !hasMember(it, name) {
				return false
			}
		}
	}
	return true
}

// matchArgNames are the names a __match_args__ tuple gives each
// position: its str literals ("" for an item that is none).
func matchArgNames(args *types.Tuple) []string {
	names := make([]string, len(args.Items))
	for i, item := range args.Items {
		if inst, ok := item.(*types.Instance); ok && inst.LastKnownValue != nil {
			item = inst.LastKnownValue // (a Final tuple of strings)
		}
		if lit, ok := item.(*types.Literal); ok && lit.Value.Kind == types.LitStr {
			names[i] = lit.Value.Str
		}
	}
	return names
}
