package parser

import "typd/parser/ast"

func (c *converter) matchStmt(i uint32) ast.Stmt {
	s := &ast.Match{Span: c.span(i), Cases: []*ast.MatchCase{}}
	var subjects []uint32
	var comma uint32 // the last comma, which a trailing one makes part of the tuple
	for _, j := range c.kids(i) {
		if c.field(j) == "subject" {
			subjects = append(subjects, j)
		} else if c.tok(j) == "," {
			comma = j
		}
	}
	if len(subjects) == 1 && comma == 0 {
		s.Subject = c.expr(subjects[0])
	} else if len(subjects) > 0 {
		last := subjects[len(subjects)-1]
		if comma != 0 && c.nodes[comma].StartByte > c.nodes[last].StartByte {
			last = comma
		}
		t := &ast.Tuple{Span: c.spanFromTo(subjects[0], last), Ctx: ast.Load}
		for _, j := range subjects {
			t.Elts = append(t.Elts, c.expr(j))
		}
		s.Subject = t
	}
	body := c.child(i, "body")
	for _, j := range c.named(body) {
		if c.kind(j) != kCaseClause {
			continue
		}
		mc := &ast.MatchCase{}
		var pats []uint32
		for _, k := range c.kids(j) {
			switch {
			case c.kind(k) == kCasePattern:
				pats = append(pats, k)
			case c.field(k) == "guard":
				mc.Guard = c.expr(c.named(k)[0])
			case c.field(k) == "consequence":
				mc.Body = c.body(k)
			}
		}
		if len(pats) == 1 && !c.hasTok(j, ",") {
			mc.Pattern = c.pattern(pats[0])
		} else if len(pats) > 0 {
			last := pats[len(pats)-1]
			for _, k := range c.kids(j) {
				if c.tok(k) == "," && c.nodes[k].StartByte >= c.nodes[last].EndByte {
					last = k // a trailing comma belongs to the sequence
					break
				}
			}
			seq := &ast.MatchSequence{Span: c.spanFromTo(pats[0], last)}
			for _, p := range pats {
				seq.Patterns = append(seq.Patterns, c.pattern(p))
			}
			mc.Pattern = seq
		}
		if mc.Body == nil {
			mc.Body = []ast.Stmt{}
		}
		s.Cases = append(s.Cases, mc)
		if len(mc.Body) > 0 {
			s.Span = spanTo(s.Span, mc.Body[len(mc.Body)-1])
		}
	}
	return s
}

// pattern converts a pattern node.
func (c *converter) pattern(i uint32) ast.Pattern {
	sp := c.span(i)
	switch c.kind(i) {
	case kCasePattern:
		kids := c.kids(i)
		if len(kids) == 1 {
			return c.pattern(kids[0])
		}
		return c.patternSeq(i, kids)
	case kOther:
		switch c.tok(i) {
		case "_":
			return &ast.MatchAs{Span: sp}
		}
	case kDottedName:
		parts := c.named(i)
		if len(parts) == 1 {
			name := c.identifier(parts[0])
			return &ast.MatchAs{Span: sp, Name: name}
		}
		var e ast.Expr = &ast.Name{Span: c.span(parts[0]), ID: c.identifier(parts[0])}
		for _, p := range parts[1:] {
			e = &ast.Attribute{Span: c.spanFromTo(parts[0], p), Value: e, Attr: c.identifier(p)}
		}
		return &ast.MatchValue{Span: sp, Value: e}
	case kInteger, kFloat, kString, kConcatenatedString:
		return &ast.MatchValue{Span: sp, Value: c.expr(i)}
	case kComplexPattern:
		return &ast.MatchValue{Span: sp, Value: c.signedNumber(c.kids(i))}
	case kNone:
		return &ast.MatchSingleton{Span: sp, Value: ast.Value{Kind: ast.NoneValue}}
	case kTrue:
		return &ast.MatchSingleton{Span: sp, Value: ast.Value{Kind: ast.TrueValue}}
	case kFalse:
		return &ast.MatchSingleton{Span: sp, Value: ast.Value{Kind: ast.FalseValue}}
	case kUnionPattern:
		or := &ast.MatchOr{Span: sp}
		var group []uint32
		flush := func() {
			if len(group) > 0 {
				or.Patterns = append(or.Patterns, c.patternSeq(i, group))
			}
			group = nil
		}
		for _, k := range c.kids(i) {
			if c.tok(k) == "|" {
				flush()
				continue
			}
			group = append(group, k)
		}
		flush()
		return or
	case kListPattern, kTuplePattern:
		var elems []uint32
		comma := false
		for _, k := range c.kids(i) {
			if c.kind(k) == kCasePattern || c.kind(k) == kError {
				elems = append(elems, k)
			} else if c.tok(k) == "," {
				comma = true
			}
		}
		if c.kind(i) == kTuplePattern && len(elems) == 1 && !comma {
			return c.pattern(elems[0])
		}
		seq := &ast.MatchSequence{Span: sp, Patterns: []ast.Pattern{}}
		for _, k := range elems {
			seq.Patterns = append(seq.Patterns, c.pattern(k))
		}
		return seq
	case kSplatPattern:
		k := c.kids(i)
		last := k[len(k)-1]
		if c.tok(last) == "_" {
			return &ast.MatchStar{Span: sp}
		}
		return &ast.MatchStar{Span: sp, Name: c.identifier(last)}
	case kDictPattern:
		return c.dictPattern(i)
	case kClassPattern:
		return c.classPattern(i)
	case kAsPattern:
		kids := c.named(i)
		if len(kids) != 2 || c.kind(kids[1]) != kIdentifier {
			c.errorAt(i, "invalid syntax")
			return &ast.MatchAs{Span: sp}
		}
		name := c.identifier(kids[1])
		if name == "_" {
			c.errorAt(kids[1], "cannot use '_' as a target")
		}
		return &ast.MatchAs{Span: sp, Pattern: c.pattern(kids[0]), Name: name}
	case kError:
		return &ast.MatchAs{Span: sp}
	}
	c.errorAt(i, "invalid syntax")
	return &ast.MatchAs{Span: sp}
}

// patternSeq converts sibling nodes that together form one pattern: a negative
// number, or a single pattern node.
func (c *converter) patternSeq(parent uint32, kids []uint32) ast.Pattern {
	if len(kids) == 1 {
		return c.pattern(kids[0])
	}
	if len(kids) >= 2 && c.tok(kids[0]) == "-" {
		return &ast.MatchValue{Span: c.spanFromTo(kids[0], kids[len(kids)-1]), Value: c.signedNumber(kids)}
	}
	c.errorAt(parent, "invalid syntax")
	return &ast.MatchAs{Span: c.span(parent)}
}

// signedNumber converts `-1`, `1+2j` or `-1-2j` in a pattern.
func (c *converter) signedNumber(kids []uint32) ast.Expr {
	var e ast.Expr
	neg := false
	var op ast.Operator
	for _, k := range kids {
		switch c.tok(k) {
		case "-":
			if e == nil {
				neg = true
			} else {
				op = ast.Sub
			}
			continue
		case "+":
			op = ast.Add
			continue
		}
		n := c.expr(k)
		if e == nil {
			if neg {
				n = &ast.UnaryOp{Span: c.spanFromTo(kids[0], k), Op: ast.USub, Operand: n}
			}
			e = n
			continue
		}
		if cn, ok := n.(*ast.Constant); !ok || cn.Value.Kind != ast.ComplexValue {
			c.errorAt(k, "imaginary number required in complex literal")
		}
		e = &ast.BinOp{Span: spanTo(*e.Pos(), n), Left: e, Op: op, Right: n}
	}
	if e == nil {
		return c.badExpr(kids[0])
	}
	return e
}

func (c *converter) dictPattern(i uint32) ast.Pattern {
	m := &ast.MatchMapping{Span: c.span(i), Keys: []ast.Expr{}, Patterns: []ast.Pattern{}}
	var pendingNeg uint32
	for _, k := range c.kids(i) {
		switch c.field(k) {
		case "key":
			if c.tok(k) == "-" {
				pendingNeg = k
				continue
			}
			var key ast.Expr
			if pendingNeg != 0 {
				key = c.signedNumber([]uint32{pendingNeg, k})
				pendingNeg = 0
			} else if c.kind(k) == kDottedName {
				key = c.valuePatternExpr(k)
			} else if c.kind(k) == kComplexPattern {
				key = c.signedNumber(c.kids(k))
			} else {
				key = c.expr(k)
			}
			m.Keys = append(m.Keys, key)
		case "value":
			m.Patterns = append(m.Patterns, c.pattern(k))
		default:
			if c.kind(k) == kSplatPattern {
				name := c.kids(k)
				m.Rest = c.identifier(name[len(name)-1])
			}
		}
	}
	return m
}

// valuePatternExpr converts a dotted name used as a value (`Color.RED`).
func (c *converter) valuePatternExpr(i uint32) ast.Expr {
	parts := c.named(i)
	var e ast.Expr = &ast.Name{Span: c.span(parts[0]), ID: c.identifier(parts[0])}
	for _, p := range parts[1:] {
		e = &ast.Attribute{Span: c.spanFromTo(parts[0], p), Value: e, Attr: c.identifier(p)}
	}
	return e
}

func (c *converter) classPattern(i uint32) ast.Pattern {
	m := &ast.MatchClass{Span: c.span(i), Patterns: []ast.Pattern{}, KwdAttrs: []string{}, KwdPatterns: []ast.Pattern{}}
	for _, k := range c.named(i) {
		switch c.kind(k) {
		case kDottedName:
			m.Cls = c.valuePatternExpr(k)
		case kCasePattern:
			inner := c.kids(k)
			if len(inner) == 1 && c.kind(inner[0]) == kKeywordPattern {
				kp := c.kids(inner[0])
				m.KwdAttrs = append(m.KwdAttrs, c.identifier(kp[0]))
				m.KwdPatterns = append(m.KwdPatterns, c.patternSeq(inner[0], kp[2:]))
				continue
			}
			if len(m.KwdAttrs) > 0 {
				c.errorAt(k, "positional patterns follow keyword patterns")
			}
			m.Patterns = append(m.Patterns, c.pattern(k))
		}
	}
	return m
}
