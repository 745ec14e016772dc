package check

import (
	"typd/checker/reach"
	"typd/checker/types"
	"typd/parser/ast"
)

// match walks a match statement's cases. A capture or wildcard leaves
// the subject as it is, a class pattern narrows it as isinstance does, a
// value or singleton pattern to the value (an alternative of such patterns
// to the union); what other patterns narrow it to is not modelled yet, so
// the subject variable (if the subject is one) is Any in their cases, as
// are the names captured inside patterns.
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
