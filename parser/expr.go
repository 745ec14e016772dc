package parser

import (
	"typd/parser/ast"
	"typd/parser/internal/cst"
)

func (c *converter) expr(i uint32) ast.Expr { return c.exprCtx(i, ast.Load) }

// badExpr stands in for an expression that could not be converted; an error
// has been recorded for it.
func (c *converter) badExpr(i uint32) ast.Expr {
	return &ast.Name{Span: c.span(i), ID: "", Ctx: ast.Load}
}

// exprOrTuple converts i, which may be an expression_list (a bare tuple).
func (c *converter) exprOrTuple(i uint32, ctx ast.Context) ast.Expr {
	if i == 0 {
		return nil
	}
	return c.exprCtx(i, ctx)
}

// tupleOf builds a Tuple spanning node i from its element nodes.
func (c *converter) tupleOf(i uint32, elts []uint32, ctx ast.Context) *ast.Tuple {
	t := &ast.Tuple{Span: c.span(i), Ctx: ctx, Elts: make([]ast.Expr, 0, len(elts))}
	for _, e := range elts {
		t.Elts = append(t.Elts, c.exprCtx(e, ctx))
	}
	return t
}

func (c *converter) identifier(i uint32) string {
	if i == 0 {
		return ""
	}
	if orig, ok := c.fixups[c.nodes[i].StartByte]; ok {
		return orig
	}
	return normalizeIdentifier(c.text(i))
}

func (c *converter) exprCtx(i uint32, ctx ast.Context) ast.Expr {
	if i == 0 {
		return nil
	}
	sp := c.span(i)
	switch c.kind(i) {
	case kAttribute, kCall, kSubscript:
		if base := c.splatBase(i); base != 0 && base != c.unstarred {
			return c.hoistStar(i, base, ctx)
		}
	}
	switch c.kind(i) {
	case kIdentifier:
		return &ast.Name{Span: sp, ID: c.identifier(i), Ctx: ctx}
	case kInteger, kFloat:
		return c.number(i)
	case kString, kConcatenatedString:
		return c.strings(i)
	case kTrue:
		return constant(sp, ast.TrueValue)
	case kFalse:
		return constant(sp, ast.FalseValue)
	case kNone:
		return constant(sp, ast.NoneValue)
	case kEllipsis:
		return constant(sp, ast.EllipsisValue)
	case kAttribute:
		return c.attribute(i, sp, ctx)
	case kSubscript:
		return c.subscript(i, ctx)
	case kCall:
		return c.call(i)
	case kBinaryOperator:
		return c.binOp(i)
	case kUnaryOperator:
		return c.unaryOp(i, sp)
	case kNotOperator:
		return &ast.UnaryOp{Span: sp, Op: ast.Not, Operand: c.expr(c.child(i, "argument"))}
	case kBooleanOperator:
		return c.boolOp(i)
	case kComparisonOperator:
		return c.compare(i)
	case kLambda:
		return c.lambda(i, sp)
	case kConditionalExpression:
		return c.conditional(i, sp)
	case kNamedExpression:
		return c.namedExpr(i, sp)
	case kAwait:
		return &ast.Await{Span: sp, Value: c.expr(c.named(i)[0])}
	case kYield:
		return c.yieldExpr(i, sp)
	case kList, kListPattern:
		return c.listExpr(i, sp, ctx)
	case kTuple, kTuplePattern, kPatternList, kExpressionList:
		return c.tupleExpr(i, ctx)
	case kSet:
		return c.setExpr(i, sp)
	case kDictionary:
		return c.dict(i)
	case kListComprehension:
		elt, gens := c.comprehension(i)
		return &ast.ListComp{Span: sp, Elt: elt, Generators: gens}
	case kSetComprehension:
		elt, gens := c.comprehension(i)
		return &ast.SetComp{Span: sp, Elt: elt, Generators: gens}
	case kGeneratorExpression:
		elt, gens := c.comprehension(i)
		return &ast.GeneratorExp{Span: sp, Elt: elt, Generators: gens}
	case kDictionaryComprehension:
		body := c.child(i, "body")
		_, gens := c.comprehension(i)
		return &ast.DictComp{Span: sp, Key: c.expr(c.child(body, "key")), Value: c.expr(c.child(body, "value")), Generators: gens}
	case kParenthesizedExpression:
		return c.parenthesized(i, ctx)
	case kListSplat, kListSplatPattern, kParenthesizedListSplat:
		return c.starred(i, sp, ctx)
	case kType:
		return c.typeExpr(i)
	case kGenericType, kMemberType, kUnionType, kSplatType, kConstrainedType:
		return c.typeExpr(i)
	case kAsPattern:
		c.errorAt(c.child(i, "alias"), "invalid syntax")
		return c.badExpr(i)
	case kError:
		return c.badExpr(i)
	}
	c.errorAt(i, "invalid syntax")
	return c.badExpr(i)
}

// attribute converts an attribute reference.
func (c *converter) attribute(i uint32, sp ast.Span, ctx ast.Context) ast.Expr {
	return &ast.Attribute{Span: sp, Value: c.expr(c.child(i, "object")), Attr: c.identifier(c.child(i, "attribute")), Ctx: ctx}
}

// unaryOp converts `-x`, `+x` and `~x`.
func (c *converter) unaryOp(i uint32, sp ast.Span) ast.Expr {
	op := ast.UAdd
	switch c.tok(c.child(i, "operator")) {
	case "-":
		op = ast.USub
	case "~":
		op = ast.Invert
	}
	return &ast.UnaryOp{Span: sp, Op: op, Operand: c.expr(c.child(i, "argument"))}
}

// lambda converts a lambda.
func (c *converter) lambda(i uint32, sp ast.Span) ast.Expr {
	l := &ast.Lambda{Span: sp, Body: c.expr(c.child(i, "body"))}
	l.Args = c.parameters(c.child(i, "parameters"))
	return l
}

// conditional converts `a if b else c`.
func (c *converter) conditional(i uint32, sp ast.Span) ast.Expr {
	k := c.named(i)
	if len(k) != 3 {
		c.errorAt(i, "invalid syntax")
		return c.badExpr(i)
	}
	return &ast.IfExp{Span: sp, Body: c.expr(k[0]), Test: c.expr(k[1]), Orelse: c.expr(k[2])}
}

// namedExpr converts `name := value`.
func (c *converter) namedExpr(i uint32, sp ast.Span) ast.Expr {
	name := c.child(i, "name")
	return &ast.NamedExpr{Span: sp, Target: &ast.Name{Span: c.span(name), ID: c.identifier(name), Ctx: ast.Store}, Value: c.expr(c.child(i, "value"))}
}

// yieldExpr converts `yield` and `yield from`.
func (c *converter) yieldExpr(i uint32, sp ast.Span) ast.Expr {
	k := c.named(i)
	if c.hasTok(i, "from") {
		return &ast.YieldFrom{Span: sp, Value: c.expr(k[0])}
	}
	y := &ast.Yield{Span: sp}
	if len(k) > 0 {
		y.Value = c.exprOrTuple(k[0], ast.Load)
	}
	return y
}

// listExpr converts a list display or target.
func (c *converter) listExpr(i uint32, sp ast.Span, ctx ast.Context) ast.Expr {
	l := &ast.List{Span: sp, Ctx: ctx, Elts: []ast.Expr{}}
	for _, e := range c.named(i) {
		l.Elts = append(l.Elts, c.exprCtx(e, ctx))
	}
	return l
}

// tupleExpr converts a tuple display or target.
func (c *converter) tupleExpr(i uint32, ctx ast.Context) ast.Expr {
	elts := c.named(i)
	if len(elts) == 1 && c.kind(i) == kTuplePattern && !c.hasTok(i, ",") {
		return c.exprCtx(elts[0], ctx) // a parenthesized target
	}
	return c.tupleOf(i, elts, ctx)
}

// setExpr converts a set display.
func (c *converter) setExpr(i uint32, sp ast.Span) ast.Expr {
	s := &ast.Set{Span: sp}
	for _, e := range c.named(i) {
		s.Elts = append(s.Elts, c.expr(e))
	}
	return s
}

// parenthesized converts a parenthesized expression: what it holds.
func (c *converter) parenthesized(i uint32, ctx ast.Context) ast.Expr {
	k := c.named(i)
	if len(k) != 1 {
		c.errorAt(i, "invalid syntax")
		return c.badExpr(i)
	}
	return c.exprCtx(k[0], ctx)
}

// starred converts `*x`, or its operand alone where hoistStar or parentheses take the star.
func (c *converter) starred(i uint32, sp ast.Span, ctx ast.Context) ast.Expr {
	k := c.named(i)
	if i == c.unstarred {
		return c.exprCtx(k[0], ctx)
	}
	if len(k) != 1 {
		c.errorAt(i, "invalid syntax")
		return c.badExpr(i)
	}
	if c.kind(i) == kParenthesizedListSplat {
		return c.exprCtx(k[0], ctx)
	}
	return &ast.Starred{Span: sp, Value: c.exprCtx(k[0], ctx), Ctx: ctx}
}

// splatBase returns the list_splat node at the root of an attribute, call or
// subscript chain (the grammar parses `*a.b()` as `(*a).b()`), or 0. The
// links of a long chain remember the answer (splatOf), so converting a chain
// costs time linear in its length.
func (c *converter) splatBase(i uint32) uint32 {
	start, base, steps := i, uint32(0), 0
	for {
		if c.splatOf != nil && c.splatOf[i] != 0 {
			base = c.splatOf[i] - 1
			break
		}
		if c.kind(i) == kListSplat {
			base = i
			break
		}
		next := c.chainNext(i)
		if next == 0 {
			break
		}
		i, steps = next, steps+1
	}
	if steps >= 16 {
		if c.splatOf == nil {
			c.splatOf = make([]uint32, len(c.nodes))
		}
		for j := start; j != i; j = c.chainNext(j) {
			c.splatOf[j] = base + 1
		}
	}
	return base
}

// chainNext is the node an attribute, call or subscript applies to, or 0.
func (c *converter) chainNext(i uint32) uint32 {
	switch c.kind(i) {
	case kAttribute:
		return c.child(i, "object")
	case kCall:
		return c.child(i, "function")
	case kSubscript:
		return c.child(i, "value")
	}
	return 0
}

// hoistStar converts the chain i whose root is the list_splat base as
// CPython parses it: a Starred around the whole chain.
func (c *converter) hoistStar(i, base uint32, ctx ast.Context) ast.Expr {
	saved := c.unstarred
	c.unstarred = base
	inner := c.exprCtx(i, ctx)
	c.unstarred = saved
	start := c.named(base)[0]
	line, col := int32(c.nodes[start].StartRow)+1, int32(c.nodes[start].StartCol)
	for e := inner; ; {
		sp := e.Pos()
		if sp.Lineno != int32(c.nodes[base].StartRow)+1 || sp.ColOffset != int32(c.nodes[base].StartCol) {
			break
		}
		sp.Lineno, sp.ColOffset = line, col
		switch x := e.(type) {
		case *ast.Attribute:
			e = x.Value
		case *ast.Call:
			e = x.Func
		case *ast.Subscript:
			e = x.Value
		default:
			return &ast.Starred{Span: c.span(i), Value: inner, Ctx: ctx}
		}
	}
	return &ast.Starred{Span: c.span(i), Value: inner, Ctx: ctx}
}

// target converts an assignment target and checks that it can be assigned.
func (c *converter) target(i uint32) ast.Expr {
	t := c.exprCtx(i, ast.Store)
	c.checkTarget(t, ast.Store)
	return t
}

// targetOrTuple converts a for-loop or comprehension target.
func (c *converter) targetOrTuple(i uint32) ast.Expr { return c.target(i) }

func (c *converter) subscript(i uint32, ctx ast.Context) ast.Expr {
	s := &ast.Subscript{Span: c.span(i), Value: c.expr(c.child(i, "value")), Ctx: ctx}
	var idx []uint32
	comma := false
	for _, j := range c.kids(i) {
		if c.field(j) == "subscript" {
			idx = append(idx, j)
		} else if c.tok(j) == "," {
			comma = true
		}
	}
	if len(idx) == 1 && !comma && c.kind(idx[0]) != kListSplat && c.splatBase(idx[0]) == 0 {
		s.Slice = c.sliceItem(idx[0])
		return s
	}
	t := &ast.Tuple{Ctx: ast.Load}
	for _, j := range idx {
		t.Elts = append(t.Elts, c.sliceItem(j))
	}
	if len(idx) > 0 {
		t.Span = c.spanFromTo(idx[0], idx[len(idx)-1])
		// A trailing comma belongs to the tuple.
		if comma {
			for _, j := range c.kids(i) {
				if c.tok(j) == "," && c.nodes[j].StartByte >= c.nodes[idx[len(idx)-1]].EndByte {
					t.Span = c.spanFromTo(idx[0], j)
					break
				}
			}
		}
	}
	s.Slice = t
	return s
}

func (c *converter) sliceItem(i uint32) ast.Expr {
	if c.kind(i) != kSlice {
		return c.expr(i)
	}
	s := &ast.Slice{Span: c.span(i)}
	part := 0
	for _, j := range c.kids(i) {
		if c.tok(j) == ":" {
			part++
			continue
		}
		e := c.expr(j)
		switch part {
		case 0:
			s.Lower = e
		case 1:
			s.Upper = e
		default:
			s.Step = e
		}
	}
	return s
}

func (c *converter) call(i uint32) ast.Expr {
	s := &ast.Call{Span: c.span(i), Func: c.expr(c.child(i, "function")), Args: []ast.Expr{}, Keywords: []*ast.Keyword{}}
	args := c.child(i, "arguments")
	if c.kind(args) == kGeneratorExpression {
		s.Args = []ast.Expr{c.expr(args)}
		return s
	}
	s.Args, s.Keywords = c.arguments(args)
	return s
}

// arguments converts an argument_list (a call's or a class's bases).
func (c *converter) arguments(i uint32) ([]ast.Expr, []*ast.Keyword) {
	args := []ast.Expr{}
	kws := []*ast.Keyword{}
	sawKeyword, sawDoubleStar := false, false
	for _, j := range c.named(i) {
		switch c.kind(j) {
		case kKeywordArgument:
			name := c.child(j, "name")
			if c.kind(name) != kIdentifier {
				c.errorAt(name, "expression cannot contain assignment, perhaps you meant \"==\"?")
			}
			kws = append(kws, &ast.Keyword{Span: c.span(j), Arg: c.identifier(name), Value: c.expr(c.child(j, "value"))})
			sawKeyword = true
		case kDictionarySplat:
			kws = append(kws, &ast.Keyword{Span: c.span(j), Value: c.expr(c.named(j)[0])})
			sawDoubleStar = true
		case kListSplat:
			if sawDoubleStar {
				c.errorAt(j, "iterable argument unpacking follows keyword argument unpacking")
			}
			args = append(args, c.expr(j))
		default:
			if sawDoubleStar {
				c.errorAt(j, "positional argument follows keyword argument unpacking")
			} else if sawKeyword {
				c.errorAt(j, "positional argument follows keyword argument")
			}
			args = append(args, c.expr(j))
		}
	}
	return args, kws
}

// binPrec is Python's precedence of the left-associative binary operators.
var binPrec = [...]int{ast.BitOr: 1, ast.BitXor: 2, ast.BitAnd: 3, ast.LShift: 4, ast.RShift: 4,
	ast.Add: 5, ast.Sub: 5, ast.Mult: 6, ast.MatMult: 6, ast.Div: 6, ast.FloorDiv: 6, ast.Mod: 6, ast.Pow: 7}

// operand is one operand of a binary operator chain and its source span
// (which includes any parentheses around it).
type operand struct {
	e    ast.Expr
	span ast.Span
}

// binOp converts a chain of binary operators. The grammar's precedences are
// not Python's for every pair (it reads a ^ b & c as (a ^ b) & c), so the
// chain is flattened and rebuilt by precedence climbing. ** stays as parsed.
func (c *converter) binOp(i uint32) ast.Expr {
	var operands []operand
	var ops []ast.Operator
	var flatten func(j uint32)
	flatten = func(j uint32) {
		if c.kind(j) == kBinaryOperator {
			op := ast.OperatorFromSymbol(c.tok(c.child(j, "operator")))
			if op != ast.Pow {
				flatten(c.child(j, "left"))
				ops = append(ops, op)
				flatten(c.child(j, "right"))
				return
			}
			operands = append(operands, c.power(j))
			return
		}
		operands = append(operands, operand{c.expr(j), c.span(j)})
	}
	flatten(i)
	return climbAll(operands, ops)
}

// power converts `a ** b`, which binds tighter than the operators binOp
// flattens. `**` groups to the right: a chain of them is walked down its
// right operands in a loop (converting in source order), so that a long
// chain does not deepen the stack.
func (c *converter) power(i uint32) operand {
	var spine []uint32
	var lefts []ast.Expr
	for c.kind(i) == kBinaryOperator && ast.OperatorFromSymbol(c.tok(c.child(i, "operator"))) == ast.Pow {
		spine = append(spine, i)
		lefts = append(lefts, c.expr(c.child(i, "left")))
		i = c.child(i, "right")
	}
	e := c.expr(i)
	for k := len(spine) - 1; k >= 0; k-- {
		e = &ast.BinOp{Span: c.span(spine[k]), Left: lefts[k], Op: ast.Pow, Right: e}
	}
	return operand{e, c.span(spine[0])}
}

// constant is a True, False, None or ... literal.
func constant(sp ast.Span, kind ast.ValueKind) ast.Expr {
	return &ast.Constant{Span: sp, Value: ast.Value{Kind: kind}}
}

// climbAll builds the expression tree of operands joined by ops.
func climbAll(operands []operand, ops []ast.Operator) ast.Expr {
	k := 0
	var parse func(minPrec int) operand
	parse = func(minPrec int) operand {
		left := operands[k]
		for k < len(ops) && binPrec[ops[k]] >= minPrec {
			op := ops[k]
			k++
			right := parse(binPrec[op] + 1)
			sp := left.span
			sp.EndLineno, sp.EndColOffset = right.span.EndLineno, right.span.EndColOffset
			left = operand{&ast.BinOp{Span: sp, Left: left.e, Op: op, Right: right.e}, sp}
		}
		return left
	}
	return parse(0).e
}

func (c *converter) boolOp(i uint32) ast.Expr {
	opTok := c.tok(c.child(i, "operator"))
	op := ast.And
	if opTok == "or" {
		op = ast.Or
	}
	b := &ast.BoolOp{Span: c.span(i), Op: op}
	var collect func(j uint32)
	collect = func(j uint32) {
		if c.kind(j) == kBooleanOperator && c.tok(c.child(j, "operator")) == opTok {
			collect(c.child(j, "left"))
			collect(c.child(j, "right"))
			return
		}
		b.Values = append(b.Values, c.expr(j))
	}
	collect(c.child(i, "left"))
	collect(c.child(i, "right"))
	return b
}

func (c *converter) compare(i uint32) ast.Expr {
	cmp := &ast.Compare{Span: c.span(i)}
	first := true
	for _, j := range c.kids(i) {
		if c.field(j) == "operators" {
			op := ast.CmpOpFromSymbol(c.tok(j))
			if c.tok(j) == "<>" {
				c.errorAt(j, "invalid syntax")
				op = ast.NotEq
			}
			cmp.Ops = append(cmp.Ops, op)
			continue
		}
		if c.nodes[j].Flags&(cst.Named|cst.Error) == 0 {
			continue
		}
		if first {
			cmp.Left = c.expr(j)
			first = false
		} else {
			cmp.Comparators = append(cmp.Comparators, c.expr(j))
		}
	}
	return cmp
}

func (c *converter) dict(i uint32) ast.Expr {
	d := &ast.Dict{Span: c.span(i), Keys: []ast.Expr{}, Values: []ast.Expr{}}
	for _, j := range c.named(i) {
		switch c.kind(j) {
		case kPair:
			d.Keys = append(d.Keys, c.expr(c.child(j, "key")))
			d.Values = append(d.Values, c.expr(c.child(j, "value")))
		case kDictionarySplat:
			d.Keys = append(d.Keys, nil)
			d.Values = append(d.Values, c.expr(c.named(j)[0]))
		default:
			c.errorAt(j, "invalid syntax")
		}
	}
	return d
}

// comprehension converts the element and the for/if clauses of a comprehension.
func (c *converter) comprehension(i uint32) (ast.Expr, []*ast.Comprehension) {
	var elt ast.Expr
	var gens []*ast.Comprehension
	for _, j := range c.named(i) {
		switch c.kind(j) {
		case kForInClause:
			g := &ast.Comprehension{Ifs: []ast.Expr{}}
			if c.hasTok(j, "async") {
				g.IsAsync = 1
			}
			g.Target = c.target(c.child(j, "left"))
			var iters []uint32
			for _, k := range c.kids(j) {
				if c.field(k) == "right" && c.tok(k) != "," {
					iters = append(iters, k)
				}
			}
			if len(iters) != 1 {
				c.errorAt(j, "invalid syntax")
			}
			if len(iters) > 0 {
				g.Iter = c.expr(iters[0])
			}
			gens = append(gens, g)
		case kIfClause:
			if len(gens) > 0 {
				g := gens[len(gens)-1]
				g.Ifs = append(g.Ifs, c.expr(c.named(j)[0]))
			}
		default:
			if c.field(j) == "body" && c.kind(i) != kDictionaryComprehension {
				elt = c.expr(j)
			}
		}
	}
	return elt, gens
}
