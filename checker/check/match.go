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

// match walks a match statement's cases. A capture or wildcard leaves
// the subject as it is, a class pattern narrows it as isinstance does, a
// value or singleton pattern to the value (an alternative of such patterns
// to the union), a sequence pattern of captures to the subject's items
// that are sequences (see sequenceItems); what other patterns narrow it to
// is not modelled yet, so the subject variable (if the subject is one) is
// Any in their cases. A case whose pattern cannot match is not walked
// (under --warn-unreachable its first statement is reported). A capture is the type of what it captures where
// that is known (see bindPattern), else Any.
// Past the statement the narrowings from before it stand.
func (c *Checker) match(x *ast.Match, cls *types.Class) {
	subject := c.expr(x.Subject)
	key, current, known := c.narrowable(x.Subject)
	if !known {
		current = subject
	}
	v := c.scopeVars()
	outer := c.matchCaptures
	c.matchCaptures = c.boundOnce(x, v)
	defer func() { c.matchCaptures = outer }()
	before := v.narrowed.fork()
	for i, mc := range x.Cases {
		if i > 0 {
			v.narrowed.next(before)
		}
		here := current
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
		matched, rest := c.patternType(mc.Pattern, key, current)
		if rest != nil && (mc.Guard == nil || reach.IsTrue(guard)) {
			current = rest // the later cases see what this one did not match
		}
		if known {
			if matched != nil {
				v.narrowed.set(key, matched)
			} else {
				v.narrowed.set(key, &types.Any{Reason: types.AnySpecialForm})
			}
		}
		if _, never := matched.(*types.Never); never {
			// A pattern that cannot match: its case never runs, and is
			// reported under --warn-unreachable (its captures are bound,
			// as Any, for the code after the statement).
			c.bindPattern(mc.Pattern, nil, false)
			if len(mc.Body) > 0 {
				c.unreachable(mc.Body[0])
			}
			continue
		}
		c.bindPattern(mc.Pattern, here, true)
		if mc.Guard != nil {
			c.expr(mc.Guard)
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
// out of an optional, the value's for a value pattern (see
// valuePatternType), the union of the alternatives of an or-pattern. rest
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
		if cls == nil || cls.VariadicParams {
			return nil, nil
		}
		if key == "" {
			key = "\x00subject"
		}
		target := &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))} // (as isinstance's)
		ifTrue, ifFalse := c.narrowToClasses(key, current, []types.Type{target})
		if len(x.Patterns) == 0 && len(x.KwdPatterns) == 0 {
			rest = ifFalse[key]
		}
		return ifTrue[key], rest
	case *ast.MatchSingleton:
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
	case *ast.MatchValue:
		return c.valuePatternType(x, current)
	case *ast.MatchSequence:
		for _, q := range x.Patterns {
			if _, star := q.(*ast.MatchStar); !star && !irrefutable(q) {
				return nil, nil // (what sub-patterns narrow items to is not modelled)
			}
		}
		return c.sequenceMatched(current, x), nil
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
		if isLiteral {
			if lits := c.literalsOf(it); len(lits) > 1 {
				parts = lits // a bool or an enum, taken apart
			}
		}
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
			default:
				if _, isLit := part.(*types.Literal); !isLit && !builtinDisjoint(part) {
					return nil, nil // (a subclass may be both)
				}
				no = append(no, part)
			}
		}
	}
	matched = &types.Never{}
	if len(yes) > 0 {
		matched = types.SimplifiedUnion(yes...)
	}
	if !isLiteral {
		return matched, nil
	}
	rest = &types.Never{}
	if len(no) > 0 {
		rest = types.SimplifiedUnion(no...)
	}
	return matched, rest
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

// bindPattern reads a pattern's values and classes and binds its
// captures, for a subject of type t (nil when not known): a capture
// of the whole subject is t narrowed by its pattern, an item of a
// sequence pattern the item's type (see sequenceItems), a starred one a
// list of the types of the items it takes, a value of a mapping pattern
// the value's type and its rest a dict (see mappingItems), a class
// pattern's sub-patterns the attributes they match (see
// classPatternItems). Other captures, and those of
// a subject whose type is not known, are Any; so are the names the match
// statement binds more than once (mypy declares those with the join of
// all their captures' types first: see boundOnce), except a capture of
// the whole subject (whole: p is a case's pattern), which is what the
// case narrows the subject to.
func (c *Checker) bindPattern(p ast.Pattern, t types.Type, whole bool) {
	_, isAs := p.(*ast.MatchAs)
	whole = whole && isAs
	capture := func(sp ast.Span, name string, t types.Type) {
		if name == "" || name == "_" {
			return
		}
		if c.orCaptures != nil {
			c.orCaptures.add(sp, name, t)
			return
		}
		if c.captureOverDeclared(sp, name, t) {
			return
		}
		if t == nil || !whole && !c.matchCaptures[name] {
			t = &types.Any{Reason: types.AnySpecialForm}
		}
		c.assign(&ast.Name{Span: sp, ID: name, Ctx: ast.Store}, t)
	}
	switch x := p.(type) {
	case *ast.MatchValue:
		c.expr(x.Value)
	case *ast.MatchSequence:
		items, ok := c.sequenceItems(t, x)
		for i, q := range x.Patterns {
			var item types.Type
			if ok {
				item = items[i]
			}
			if star, isStar := q.(*ast.MatchStar); isStar {
				if item != nil {
					item = c.builtinInstance("list", item)
				}
				capture(star.Span, star.Name, item)
				continue
			}
			c.bindPattern(q, item, false)
		}
	case *ast.MatchMapping:
		for _, k := range x.Keys {
			c.expr(k)
		}
		values, rest, ok := c.mappingItems(t, x)
		for i, q := range x.Patterns {
			var value types.Type
			if ok {
				value = values[i]
			}
			c.bindPattern(q, value, false)
		}
		capture(x.Span, x.Rest, rest)
	case *ast.MatchClass:
		c.expr(x.Cls)
		positional, keywords := c.classPatternItems(t, x)
		for i, q := range x.Patterns {
			c.bindPattern(q, positional[i], false)
		}
		for i, q := range x.KwdPatterns {
			c.bindPattern(q, keywords[i], false)
		}
	case *ast.MatchStar:
		capture(x.Span, x.Name, nil)
	case *ast.MatchAs:
		captured := t
		if x.Pattern != nil {
			captured = nil
			if t != nil {
				captured, _ = c.patternType(x.Pattern, "", t)
			}
			c.bindPattern(x.Pattern, t, false)
		}
		capture(x.Span, x.Name, captured)
	case *ast.MatchOr:
		// Each alternative's captures are collected, then each name is
		// bound once to the union of what the alternatives capture
		// (mypy's union of a name's captures), later alternatives
		// seeing what the earlier did not match.
		outer := c.orCaptures
		c.orCaptures = &captures{types: map[string][]types.Type{}, spans: map[string]ast.Span{}}
		left := t
		for _, q := range x.Patterns {
			c.bindPattern(q, left, false)
			if left != nil {
				if _, r := c.patternType(q, "", left); r != nil {
					left = r
				}
			}
		}
		got := c.orCaptures
		c.orCaptures = outer
		for _, name := range got.order {
			ts := got.types[name]
			var u types.Type
			if !slices.Contains(ts, nil) {
				u = types.SimplifiedUnion(ts...)
			}
			capture(got.spans[name], name, u)
		}
	}
}

// captures collects the captures of an or-pattern's alternatives: for each
// name, in the order first met, the types captured (nil where not known)
// and the place of its first capture.
type captures struct {
	order []string
	types map[string][]types.Type
	spans map[string]ast.Span
}

// add records a capture of name, of type t, at sp.
func (cs *captures) add(sp ast.Span, name string, t types.Type) {
	if _, seen := cs.spans[name]; !seen {
		cs.order = append(cs.order, name)
		cs.spans[name] = sp
	}
	cs.types[name] = append(cs.types[name], t)
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
		if builtinDisjoint(x) {
			return nil, nil, true, true // (int, dict...: no subclass is a sequence too)
		}
	}
	return nil, nil, false, false
}

// sequenceItems returns the type each sub-pattern of a sequence pattern
// sees, for a subject of type t, as mypy's visit_sequence_pattern: a
// tuple of a length the pattern fits gives its items (a starred
// sub-pattern the union of those it takes), a sequence its item type to
// every sub-pattern, object object; a union the union of what its items
// give, those that cannot be sequences left out. ok is false when t is
// not known, when no item can match, and for what is not modelled.
func (c *Checker) sequenceItems(t types.Type, x *ast.MatchSequence) ([]types.Type, bool) {
	if t == nil {
		return nil, false
	}
	n, star := len(x.Patterns), -1
	for i, q := range x.Patterns {
		if _, ok := q.(*ast.MatchStar); ok {
			star = i
		}
	}
	var per [][]types.Type // each position's types, one for each item of t
	for _, it := range unionItems(t) {
		item, tuple, never, ok := c.sequenceItemType(it)
		switch {
		case !ok:
			return nil, false
		case never:
			continue
		case tuple != nil:
			m := len(tuple.Items)
			if star < 0 && m != n || star >= 0 && m < n-1 {
				continue // (a tuple of another length)
			}
			row := make([]types.Type, n)
			for i := range n {
				switch {
				case i < star || star < 0:
					row[i] = tuple.Items[i]
				case i > star:
					row[i] = tuple.Items[m-(n-i)]
				default:
					middle := tuple.Items[star : m-(n-1-star)]
					if len(middle) == 0 {
						return nil, false // (a list of nothing: not modelled)
					}
					row[i] = types.SimplifiedUnion(middle...)
				}
			}
			per = append(per, row)
		default:
			row := make([]types.Type, n)
			for i := range row {
				row[i] = item
			}
			per = append(per, row)
		}
	}
	if len(per) == 0 {
		return nil, false
	}
	return columnUnions(per, n), true
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

// sequenceMatched is what a subject of type current is where a sequence
// pattern of captures matches it: its items that can be sequences of the
// pattern's length (object: typing.Sequence[object]); nil when that is not
// modelled or no item can.
func (c *Checker) sequenceMatched(current types.Type, x *ast.MatchSequence) types.Type {
	if current == nil {
		return nil
	}
	n, starred := len(x.Patterns), false
	for _, q := range x.Patterns {
		if _, ok := q.(*ast.MatchStar); ok {
			starred = true
		}
	}
	var yes []types.Type
	for _, it := range unionItems(current) {
		_, tuple, never, ok := c.sequenceItemType(it)
		switch {
		case !ok:
			return nil
		case never:
		case tuple != nil:
			if m := len(tuple.Items); !starred && m == n || starred && m >= n-1 {
				yes = append(yes, it)
			}
		default:
			if inst, isInst := it.(*types.Instance); isInst && inst.Class.FullName == "builtins.object" {
				seq := c.p.ModuleClass("typing", "Sequence")
				if seq == nil {
					return nil
				}
				it = &types.Instance{Class: seq, Args: []types.Type{inst}}
			}
			yes = append(yes, it)
		}
	}
	if len(yes) == 0 {
		return nil
	}
	return types.SimplifiedUnion(yes...)
}

// boundOnce returns the names a match statement's patterns capture that
// it binds nowhere else (no other capture, no assignment, definition,
// import or global declaration in its cases) and that are not bound in
// the scope yet: a capture of such a name is its first and only binding.
func (c *Checker) boundOnce(x *ast.Match, v *vars) map[string]bool {
	count := map[string]int{}
	bind := func(name string) {
		if name != "" && name != "_" {
			count[name]++
		}
	}
	var captured []string
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		switch y := n.(type) {
		case *ast.MatchOr:
			// The alternatives bind the same names: a name one of them
			// binds once is bound once by the pattern.
			before := count
			most := maps.Clone(before)
			for _, q := range y.Patterns {
				count = maps.Clone(before)
				ast.Inspect(q, walk)
				for name, k := range count {
					most[name] = max(most[name], k)
				}
			}
			count = most
			return false
		case *ast.MatchAs:
			bind(y.Name)
			captured = append(captured, y.Name)
		case *ast.MatchStar:
			bind(y.Name)
			captured = append(captured, y.Name)
		case *ast.MatchMapping:
			bind(y.Rest)
			captured = append(captured, y.Rest)
		case *ast.Name:
			if y.Ctx != ast.Load {
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
				bind(name)
			}
		case *ast.Nonlocal:
			for _, name := range y.Names {
				bind(name)
				bind(name)
			}
		case *ast.ExceptHandler:
			bind(y.Name)
		}
		return true
	}
	for _, mc := range x.Cases {
		ast.Inspect(mc, walk)
	}
	once := map[string]bool{}
	for _, name := range captured {
		if _, declared := v.declared[name]; count[name] == 1 && !declared {
			once[name] = true
		}
	}
	return once
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

// classPatternItems returns the type each sub-pattern of a class pattern
// sees, for a subject of type t, as mypy's visit_class_pattern: with the
// subject narrowed to the class, a keyword sub-pattern its attribute of
// that name, a positional one the attribute its class's __match_args__
// names there (a tuple of str literals), or the narrowed subject itself
// for the one positional sub-pattern of a builtin such as int. Each is nil
// where that is not known (the subject's type, a class not narrowed to, no
// such __match_args__).
func (c *Checker) classPatternItems(t types.Type, x *ast.MatchClass) (positional, keywords []types.Type) {
	positional, keywords = make([]types.Type, len(x.Patterns)), make([]types.Type, len(x.KwdPatterns))
	if t == nil {
		return positional, keywords
	}
	narrowed, _ := c.patternType(x, "", t)
	if narrowed == nil || isAnyType(narrowed) {
		return positional, keywords
	}
	if _, never := narrowed.(*types.Never); never {
		return positional, keywords
	}
	attribute := func(name string) types.Type {
		var a types.Type
		c.quietly(func() { a = c.member(narrowed, name) })
		return a
	}
	for i, name := range x.KwdAttrs {
		keywords[i] = attribute(name)
	}
	if len(x.Patterns) == 0 {
		return positional, keywords
	}
	if cls := typeObject(c.exprQuiet(x.Cls)); cls != nil && selfMatching[cls.FullName] && len(x.Patterns) == 1 {
		positional[0] = narrowed
		return positional, keywords
	}
	args, ok := attribute("__match_args__").(*types.Tuple)
	if !ok {
		return positional, keywords
	}
	for i := range positional {
		if i >= len(args.Items) {
			break
		}
		item := args.Items[i]
		if inst, ok := item.(*types.Instance); ok && inst.LastKnownValue != nil {
			item = inst.LastKnownValue // (a Final tuple of strings)
		}
		lit, ok := item.(*types.Literal)
		if !ok || lit.Value.Kind != types.LitStr {
			return make([]types.Type, len(x.Patterns)), keywords
		}
		positional[i] = attribute(lit.Value.Str)
	}
	return positional, keywords
}
