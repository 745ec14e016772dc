package parser

import "typd/parser/ast"

// parameters converts a parameters or lambda_parameters node (0 for a lambda
// without parameters).
func (c *converter) parameters(i uint32) *ast.Arguments {
	a := &ast.Arguments{Posonlyargs: []*ast.Arg{}, Args: []*ast.Arg{}, Kwonlyargs: []*ast.Arg{}, KwDefaults: []ast.Expr{}, Defaults: []ast.Expr{}}
	if i == 0 {
		return a
	}
	kwOnly := false
	sawDefault := false
	starNode := uint32(0) // a bare `*` still waiting for a keyword-only parameter
	for _, j := range c.named(i) {
		var arg *ast.Arg
		var def ast.Expr
		switch c.kind(j) {
		case kIdentifier:
			arg = &ast.Arg{Span: c.span(j), Arg: c.identifier(j)}
		case kTypedParameter:
			inner := c.named(j)[0]
			ann := c.typeExpr(c.child(j, "type"))
			switch c.kind(inner) {
			case kListSplatPattern, kDictionarySplatPattern:
				name := c.named(inner)[0]
				sp := c.span(name)
				v := &ast.Arg{Span: spanTo(sp, ann), Arg: c.identifier(name), Annotation: ann}
				if c.kind(inner) == kListSplatPattern {
					c.setVararg(a, v, inner, &kwOnly)
					starNode = 0
				} else {
					a.Kwarg = v
				}
				continue
			}
			arg = &ast.Arg{Span: spanTo(c.span(inner), ann), Arg: c.identifier(inner), Annotation: ann}
		case kDefaultParameter, kTypedDefaultParameter:
			name := c.child(j, "name")
			if c.kind(name) != kIdentifier {
				c.errorAt(name, "invalid syntax")
				continue
			}
			arg = &ast.Arg{Span: c.span(name), Arg: c.identifier(name)}
			if t := c.child(j, "type"); t != 0 {
				arg.Annotation = c.typeExpr(t)
				arg.Span = spanTo(arg.Span, arg.Annotation)
			}
			def = c.expr(c.child(j, "value"))
		case kListSplatPattern:
			name := c.named(j)[0]
			c.setVararg(a, &ast.Arg{Span: c.span(name), Arg: c.identifier(name)}, j, &kwOnly)
			starNode = 0
			continue
		case kDictionarySplatPattern:
			name := c.named(j)[0]
			a.Kwarg = &ast.Arg{Span: c.span(name), Arg: c.identifier(name)}
			continue
		case kKeywordSeparator:
			if kwOnly {
				c.errorAt(j, "* argument may appear only once")
			}
			kwOnly = true
			starNode = j
			continue
		case kPositionalSeparator:
			if len(a.Posonlyargs) > 0 || kwOnly {
				c.errorAt(j, "/ must be ahead of *")
			}
			if len(a.Args) == 0 {
				c.errorAt(j, "at least one argument must precede /")
			}
			a.Posonlyargs, a.Args = a.Args, []*ast.Arg{}
			continue
		case kTuplePattern:
			c.errorAt(j, "invalid syntax")
			continue
		default:
			c.errorAt(j, "invalid syntax")
			continue
		}
		if a.Kwarg != nil {
			c.errorSpan(&arg.Span, "arguments cannot follow var-keyword argument")
		}
		if kwOnly {
			starNode = 0
			a.Kwonlyargs = append(a.Kwonlyargs, arg)
			a.KwDefaults = append(a.KwDefaults, def)
			continue
		}
		if def != nil {
			sawDefault = true
			a.Defaults = append(a.Defaults, def)
		} else if sawDefault {
			c.errorSpan(&arg.Span, "non-default argument follows default argument")
		}
		a.Args = append(a.Args, arg)
	}
	if starNode != 0 {
		c.errorAt(starNode, "named arguments must follow bare *")
	}
	return a
}

func (c *converter) setVararg(a *ast.Arguments, v *ast.Arg, node uint32, kwOnly *bool) {
	if *kwOnly {
		c.errorAt(node, "* argument may appear only once")
	}
	*kwOnly = true
	a.Vararg = v
}

// typeExpr converts an annotation (a `type` node or what it wraps).
func (c *converter) typeExpr(i uint32) ast.Expr {
	if i == 0 {
		return nil
	}
	sp := c.span(i)
	switch c.kind(i) {
	case kType:
		k := c.named(i)
		if len(k) != 1 {
			c.errorAt(i, "invalid syntax")
			return c.badExpr(i)
		}
		return c.typeExpr(k[0])
	case kGenericType:
		var base ast.Expr
		s := &ast.Subscript{Span: sp, Ctx: ast.Load}
		for _, j := range c.named(i) {
			if c.kind(j) == kTypeParameter {
				s.Slice = c.typeArgs(j)
			} else {
				base = c.typeExpr(j)
			}
		}
		s.Value = base
		return s
	case kMemberType:
		k := c.named(i)
		return &ast.Attribute{Span: sp, Value: c.typeExpr(k[0]), Attr: c.identifier(k[len(k)-1]), Ctx: ast.Load}
	case kUnionType:
		k := c.named(i)
		return &ast.BinOp{Span: sp, Left: c.typeExpr(k[0]), Op: ast.BitOr, Right: c.typeExpr(k[len(k)-1])}
	case kSplatType:
		if c.hasTok(i, "**") {
			c.errorAt(i, "invalid syntax")
		}
		return &ast.Starred{Span: sp, Value: c.typeExpr(c.named(i)[0]), Ctx: ast.Load}
	case kConstrainedType:
		c.errorAt(i, "invalid syntax")
		return c.badExpr(i)
	}
	return c.expr(i)
}

// typeArgs converts the bracketed arguments of a generic_type: one expression,
// or a Tuple of several.
func (c *converter) typeArgs(i uint32) ast.Expr {
	var args []uint32
	comma := false
	for _, j := range c.kids(i) {
		if c.kind(j) == kType {
			args = append(args, j)
		} else if c.tok(j) == "," {
			comma = true
		}
	}
	if len(args) == 1 && !comma && !c.isStarType(args[0]) {
		return c.typeExpr(args[0])
	}
	t := &ast.Tuple{Ctx: ast.Load, Elts: []ast.Expr{}}
	for _, j := range args {
		t.Elts = append(t.Elts, c.typeExpr(j))
	}
	if len(args) > 0 {
		t.Span = c.spanFromTo(args[0], args[len(args)-1])
	}
	return t
}

// typeParams converts a PEP 695 type parameter list.
func (c *converter) typeParams(i uint32) []ast.TypeParam {
	out := []ast.TypeParam{}
	for _, j := range c.named(i) {
		k := c.named(j)
		if c.kind(j) != kType || len(k) != 1 {
			c.errorAt(j, "invalid syntax")
			continue
		}
		inner := k[0]
		sp := c.span(j)
		switch c.kind(inner) {
		case kIdentifier:
			out = append(out, &ast.TypeVar{Span: sp, Name: c.identifier(inner)})
		case kConstrainedType:
			parts := c.named(inner)
			if len(parts) != 2 {
				c.errorAt(inner, "invalid syntax")
				continue
			}
			name := c.named(parts[0])
			if len(name) != 1 || c.kind(name[0]) != kIdentifier {
				c.errorAt(parts[0], "invalid syntax")
				continue
			}
			colon := c.nodes[parts[0]].EndByte
			for colon < c.nodes[parts[1]].StartByte && c.src[colon] != ':' {
				colon++
			}
			if c.defaultColons[colon] {
				// `T = default` (PEP 696), parsed with a `:` in place.
				delete(c.defaultColons, colon)
				out = append(out, &ast.TypeVar{Span: sp, Name: c.identifier(name[0]), DefaultValue: c.typeExpr(parts[1])})
				continue
			}
			out = append(out, &ast.TypeVar{Span: sp, Name: c.identifier(name[0]), Bound: c.typeExpr(parts[1])})
		case kSplatType:
			name := c.identifier(c.named(inner)[0])
			if c.hasTok(inner, "**") {
				out = append(out, &ast.ParamSpec{Span: sp, Name: name})
			} else {
				out = append(out, &ast.TypeVarTuple{Span: sp, Name: name})
			}
		default:
			c.errorAt(inner, "invalid syntax")
		}
	}
	return out
}

// isStarType reports whether a `type` node is `*X`, which a subscript wraps
// in a one-element tuple.
func (c *converter) isStarType(i uint32) bool {
	k := c.named(i)
	return len(k) == 1 && c.kind(k[0]) == kSplatType
}
