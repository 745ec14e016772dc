package parser

import (
	"strings"

	"typd/parser/ast"
)

// stmtList converts the statements that are children of a module or block.
func (c *converter) stmtList(i uint32) []ast.Stmt {
	var out []ast.Stmt
	kids := c.kids(i)
	for _, j := range kids {
		if s := c.stmt(j); s != nil {
			out = append(out, s)
		}
	}
	// A block ending in ';' ends there: the enclosing statement includes it.
	if n := len(kids); n > 0 && len(out) > 0 && c.tok(kids[n-1]) == ";" {
		if c.semiEnd == nil {
			c.semiEnd = map[ast.Stmt]ast.Span{}
		}
		c.semiEnd[out[len(out)-1]] = c.span(kids[n-1])
	}
	return out
}

// body converts a block field; a block that failed to parse yields no statements.
func (c *converter) body(i uint32) []ast.Stmt {
	if i == 0 {
		return nil
	}
	return c.stmtList(i)
}

// lastEnd returns s extended to the end of the last statement of the last
// non-empty list (or the ';' after it).
func (c *converter) lastEnd(s ast.Span, lists ...[]ast.Stmt) ast.Span {
	for k := len(lists) - 1; k >= 0; k-- {
		if l := lists[k]; len(l) > 0 {
			last := l[len(l)-1]
			if semi, ok := c.semiEnd[last]; ok {
				return spanTo(s, &semi)
			}
			return spanTo(s, last)
		}
	}
	return s
}

func (c *converter) stmt(i uint32) ast.Stmt {
	switch c.kind(i) {
	case kExpressionStatement:
		return c.expressionStatement(i)
	case kFunctionDefinition:
		return c.functionDef(i, nil)
	case kClassDefinition:
		return c.classDef(i, nil)
	case kDecoratedDefinition:
		return c.decorated(i)
	case kIfStatement:
		return c.ifStmt(i)
	case kForStatement:
		return c.forStmt(i)
	case kWhileStatement:
		return c.whileStmt(i)
	case kTryStatement:
		return c.tryStmt(i)
	case kWithStatement:
		return c.withStmt(i)
	case kMatchStatement:
		return c.matchStmt(i)
	case kReturnStatement:
		s := &ast.Return{Span: c.span(i)}
		if v := c.named(i); len(v) > 0 {
			s.Value = c.exprOrTuple(v[0], ast.Load)
		}
		return s
	case kDeleteStatement:
		return c.deleteStmt(i)
	case kRaiseStatement:
		s := &ast.Raise{Span: c.span(i)}
		for _, j := range c.named(i) {
			if c.field(j) == "cause" {
				s.Cause = c.expr(j)
			} else {
				s.Exc = c.exprOrTuple(j, ast.Load)
			}
		}
		return s
	case kAssertStatement:
		s := &ast.Assert{Span: c.span(i)}
		v := c.named(i)
		if len(v) > 0 {
			s.Test = c.expr(v[0])
		}
		if len(v) > 1 {
			s.Msg = c.expr(v[1])
		}
		return s
	case kPassStatement:
		return &ast.Pass{Span: c.span(i)}
	case kBreakStatement:
		return &ast.Break{Span: c.span(i)}
	case kContinueStatement:
		return &ast.Continue{Span: c.span(i)}
	case kGlobalStatement:
		s := &ast.Global{Span: c.span(i)}
		for _, j := range c.named(i) {
			s.Names = append(s.Names, c.identifier(j))
		}
		return s
	case kNonlocalStatement:
		s := &ast.Nonlocal{Span: c.span(i)}
		for _, j := range c.named(i) {
			s.Names = append(s.Names, c.identifier(j))
		}
		return s
	case kImportStatement:
		return c.importStmt(i)
	case kImportFromStatement, kFutureImportStatement:
		return c.importFrom(i)
	case kTypeAliasStatement:
		return c.typeAlias(i)
	case kPrintStatement:
		return c.printStatement(i)
	case kExecStatement:
		c.errorAt(i, "Missing parentheses in call to 'exec'. Did you mean exec(...)?")
	case kError, kComment, kOther:
		// Reported by reportBroken; comments and stray tokens carry no statement.
	default:
		c.errorAt(i, "invalid syntax")
	}
	return nil
}

func (c *converter) expressionStatement(i uint32) ast.Stmt {
	kids := c.named(i)
	if len(kids) == 0 {
		return nil
	}
	if len(kids) == 1 && !c.hasTok(i, ",") {
		switch c.kind(kids[0]) {
		case kAssignment:
			return c.assignment(kids[0])
		case kAugmentedAssignment:
			return c.augAssign(kids[0])
		}
		// The statement spans any parentheses around its expression.
		return &ast.ExprStmt{Span: c.span(i), Value: c.expr(kids[0])}
	}
	t := c.tupleOf(i, kids, ast.Load)
	return &ast.ExprStmt{Span: t.Span, Value: t}
}

// printStatement converts `print >>f, x`, which Python 3 reads as the tuple
// expression `(print >> f), x`; any other Python 2 print statement is an error.
func (c *converter) printStatement(i uint32) ast.Stmt {
	var chevron uint32
	var args []uint32
	for _, j := range c.named(i) {
		if c.kind(j) == kChevron {
			chevron = j
		} else if c.field(j) == "argument" {
			args = append(args, j)
		}
	}
	if chevron == 0 {
		c.errorAt(i, "Missing parentheses in call to 'print'. Did you mean print(...)?")
		return nil
	}
	kw := c.kids(i)[0]
	left := &ast.BinOp{Span: c.spanFromTo(kw, chevron), Left: &ast.Name{Span: c.span(kw), ID: "print"},
		Op: ast.RShift, Right: c.expr(c.named(chevron)[0])}
	var value ast.Expr = left
	if len(args) > 0 || c.hasTok(i, ",") {
		t := &ast.Tuple{Span: c.span(i), Elts: []ast.Expr{left}}
		for _, a := range args {
			t.Elts = append(t.Elts, c.expr(a))
		}
		value = t
	}
	return &ast.ExprStmt{Span: *value.Pos(), Value: value}
}

func (c *converter) assignment(i uint32) ast.Stmt {
	left := c.child(i, "left")
	typ := c.child(i, "type")
	right := c.child(i, "right")
	if typ != 0 {
		target := c.target(left)
		s := &ast.AnnAssign{Span: c.span(i), Target: target, Annotation: c.typeExpr(typ)}
		if _, ok := target.(*ast.Name); ok && c.kind(left) == kIdentifier {
			s.Simple = 1
		}
		switch target.(type) {
		case *ast.Tuple:
			c.errorSpan(target.Pos(), "only single target (not tuple) can be annotated")
		case *ast.List:
			c.errorSpan(target.Pos(), "only single target (not list) can be annotated")
		}
		if right != 0 {
			s.Value = c.rhs(right)
		}
		return s
	}
	s := &ast.Assign{Span: c.span(i)}
	s.Targets = append(s.Targets, c.target(left))
	for right != 0 && c.kind(right) == kAssignment && c.child(right, "type") == 0 {
		s.Targets = append(s.Targets, c.target(c.child(right, "left")))
		right = c.child(right, "right")
	}
	if right == 0 {
		return nil
	}
	if c.kind(right) == kAssignment || c.kind(right) == kAugmentedAssignment {
		c.errorAt(right, "invalid syntax")
		return nil
	}
	s.Value = c.rhs(right)
	s.TypeComment = c.typeComments[s.EndLineno]
	return s
}

// rhs converts the right-hand side of an assignment.
func (c *converter) rhs(i uint32) ast.Expr {
	return c.exprOrTuple(i, ast.Load)
}

func (c *converter) augAssign(i uint32) ast.Stmt {
	left := c.child(i, "left")
	op := c.text(c.child(i, "operator"))
	s := &ast.AugAssign{Span: c.span(i), Op: ast.OperatorFromSymbol(strings.TrimSuffix(op, "="))}
	s.Target = c.target(left)
	switch s.Target.(type) {
	case *ast.Name, *ast.Attribute, *ast.Subscript:
	default:
		c.errorSpan(s.Target.Pos(), "'"+describeTarget(s.Target)+"' is an illegal expression for augmented assignment")
	}
	s.Value = c.rhs(c.child(i, "right"))
	return s
}

func (c *converter) decorated(i uint32) ast.Stmt {
	var decos []ast.Expr
	def := c.child(i, "definition")
	for _, j := range c.named(i) {
		if c.kind(j) == kDecorator {
			if e := c.named(j); len(e) > 0 {
				decos = append(decos, c.expr(e[0]))
			}
		}
	}
	if def == 0 {
		return nil
	}
	if c.kind(def) == kClassDefinition {
		return c.classDef(def, decos)
	}
	return c.functionDef(def, decos)
}

func (c *converter) functionDef(i uint32, decos []ast.Expr) ast.Stmt {
	s := &ast.FunctionDef{Span: c.span(i), DecoratorList: decos, IsAsync: c.hasTok(i, "async")}
	if decos == nil {
		s.DecoratorList = []ast.Expr{}
	}
	s.Name = c.identifier(c.child(i, "name"))
	if tp := c.child(i, "type_parameters"); tp != 0 {
		s.TypeParams = c.typeParams(tp)
	}
	s.Args = c.parameters(c.child(i, "parameters"))
	if r := c.child(i, "return_type"); r != 0 {
		s.Returns = c.typeExpr(r)
	}
	bodyNode := c.child(i, "body")
	s.Body = c.body(bodyNode)
	s.TypeComment = c.funcTypeComment(i, bodyNode)
	s.Span = c.lastEnd(s.Span, s.Body)
	return s
}

func (c *converter) classDef(i uint32, decos []ast.Expr) ast.Stmt {
	s := &ast.ClassDef{Span: c.span(i), DecoratorList: decos, Bases: []ast.Expr{}, Keywords: []*ast.Keyword{}}
	if decos == nil {
		s.DecoratorList = []ast.Expr{}
	}
	s.Name = c.identifier(c.child(i, "name"))
	if tp := c.child(i, "type_parameters"); tp != 0 {
		s.TypeParams = c.typeParams(tp)
	}
	if sc := c.child(i, "superclasses"); sc != 0 {
		s.Bases, s.Keywords = c.arguments(sc)
	}
	s.Body = c.body(c.child(i, "body"))
	s.Span = c.lastEnd(s.Span, s.Body)
	return s
}

func (c *converter) ifStmt(i uint32) ast.Stmt {
	s := &ast.If{Span: c.span(i), Orelse: []ast.Stmt{}}
	s.Test = c.expr(c.child(i, "condition"))
	s.Body = c.body(c.child(i, "consequence"))
	// elif clauses nest: build the chain from the last clause backwards.
	var alts []uint32
	for _, j := range c.named(i) {
		if c.field(j) == "alternative" {
			alts = append(alts, j)
		}
	}
	var orelse []ast.Stmt
	for k := len(alts) - 1; k >= 0; k-- {
		j := alts[k]
		if c.kind(j) == kElseClause {
			orelse = c.body(c.child(j, "body"))
			continue
		}
		e := &ast.If{Span: c.span(j), Test: c.expr(c.child(j, "condition")), Body: c.body(c.child(j, "consequence")), Orelse: orelse}
		if e.Orelse == nil {
			e.Orelse = []ast.Stmt{}
		}
		e.Span = c.lastEnd(e.Span, e.Body, e.Orelse)
		orelse = []ast.Stmt{e}
	}
	if orelse != nil {
		s.Orelse = orelse
	}
	s.Span = c.lastEnd(s.Span, s.Body, s.Orelse)
	return s
}

func (c *converter) elseBody(i uint32) []ast.Stmt {
	if alt := c.child(i, "alternative"); alt != 0 {
		return c.body(c.child(alt, "body"))
	}
	return []ast.Stmt{}
}

func (c *converter) forStmt(i uint32) ast.Stmt {
	s := &ast.For{Span: c.span(i), IsAsync: c.hasTok(i, "async")}
	s.Target = c.targetOrTuple(c.child(i, "left"))
	s.Iter = c.exprOrTuple(c.child(i, "right"), ast.Load)
	bodyNode := c.child(i, "body")
	s.Body = c.body(bodyNode)
	s.Orelse = c.elseBody(i)
	s.TypeComment = c.headerTypeComment(i, bodyNode)
	s.Span = c.lastEnd(s.Span, s.Body, s.Orelse)
	return s
}

func (c *converter) whileStmt(i uint32) ast.Stmt {
	s := &ast.While{Span: c.span(i)}
	s.Test = c.expr(c.child(i, "condition"))
	s.Body = c.body(c.child(i, "body"))
	s.Orelse = c.elseBody(i)
	s.Span = c.lastEnd(s.Span, s.Body, s.Orelse)
	return s
}

func (c *converter) tryStmt(i uint32) ast.Stmt {
	s := &ast.Try{Span: c.span(i), Handlers: []*ast.ExceptHandler{}, Orelse: []ast.Stmt{}, Finalbody: []ast.Stmt{}}
	s.Body = c.body(c.child(i, "body"))
	star, plain := false, false
	for _, j := range c.named(i) {
		switch c.kind(j) {
		case kExceptClause:
			h := c.exceptClause(j)
			if c.hasTok(j, "*") {
				star = true
			} else {
				plain = true
			}
			s.Handlers = append(s.Handlers, h)
		case kElseClause:
			s.Orelse = c.body(c.child(j, "body"))
		case kFinallyClause:
			for _, b := range c.named(j) {
				if c.kind(b) == kBlock {
					s.Finalbody = c.body(b)
				}
			}
		}
	}
	if star && plain {
		c.errorAt(i, "cannot have both 'except' and 'except*' on the same 'try'")
	}
	s.IsStar = star
	last := s.Span
	if len(s.Handlers) > 0 {
		last = spanTo(last, s.Handlers[len(s.Handlers)-1])
	}
	s.Span = c.lastEnd(last, s.Body, nil, s.Orelse, s.Finalbody)
	if len(s.Handlers) > 0 && len(s.Orelse) == 0 && len(s.Finalbody) == 0 {
		s.Span = spanTo(s.Span, s.Handlers[len(s.Handlers)-1])
	}
	return s
}

func (c *converter) exceptClause(i uint32) *ast.ExceptHandler {
	h := &ast.ExceptHandler{Span: c.span(i)}
	var values []uint32
	for _, j := range c.named(i) {
		switch {
		case c.kind(j) == kBlock:
			h.Body = c.body(j)
		case c.field(j) == "alias":
			h.Name = c.identifier(j)
		case c.field(j) == "value":
			values = append(values, j)
		}
	}
	if len(values) > 1 {
		c.errorAt(values[1], "multiple exception types must be parenthesized")
	}
	if len(values) > 0 {
		v := values[0]
		if c.kind(v) == kAsPattern {
			kids := c.named(v)
			h.Type = c.expr(kids[0])
			if alias := c.child(v, "alias"); alias != 0 {
				names := c.named(alias)
				if len(names) == 1 && c.kind(names[0]) == kIdentifier {
					h.Name = c.identifier(names[0])
				} else {
					c.errorAt(alias, "invalid syntax")
				}
			}
		} else {
			h.Type = c.expr(v)
		}
	}
	if h.Body == nil {
		h.Body = []ast.Stmt{}
	}
	h.Span = c.lastEnd(h.Span, h.Body)
	return h
}

func (c *converter) withStmt(i uint32) ast.Stmt {
	s := &ast.With{Span: c.span(i), IsAsync: c.hasTok(i, "async")}
	for _, j := range c.named(i) {
		if c.kind(j) != kWithClause {
			continue
		}
		for _, it := range c.named(j) {
			if c.kind(it) != kWithItem {
				continue
			}
			v := c.child(it, "value")
			if c.kind(v) == kParenthesizedExpression {
				// with (a as b): the grammar wraps the whole item in parentheses.
				if inner := c.named(v); len(inner) == 1 && c.kind(inner[0]) == kAsPattern {
					v = inner[0]
				}
			}
			item := &ast.WithItem{}
			if c.kind(v) == kAsPattern {
				kids := c.named(v)
				item.ContextExpr = c.expr(kids[0])
				if alias := c.child(v, "alias"); alias != 0 {
					if t := c.named(alias); len(t) > 0 {
						item.OptionalVars = c.target(t[0])
					}
				}
			} else {
				item.ContextExpr = c.expr(v)
			}
			s.Items = append(s.Items, item)
		}
	}
	bodyNode := c.child(i, "body")
	s.Body = c.body(bodyNode)
	s.TypeComment = c.headerTypeComment(i, bodyNode)
	s.Span = c.lastEnd(s.Span, s.Body)
	return s
}

func (c *converter) deleteStmt(i uint32) ast.Stmt {
	s := &ast.Delete{Span: c.span(i)}
	for _, j := range c.named(i) {
		if c.kind(j) == kExpressionList {
			for _, k := range c.named(j) {
				s.Targets = append(s.Targets, c.exprCtx(k, ast.Del))
			}
		} else {
			s.Targets = append(s.Targets, c.exprCtx(j, ast.Del))
		}
	}
	for _, t := range s.Targets {
		c.checkTarget(t, ast.Del)
	}
	return s
}

func (c *converter) importStmt(i uint32) ast.Stmt {
	s := &ast.Import{Span: c.span(i)}
	for _, j := range c.named(i) {
		if c.field(j) == "name" {
			s.Names = append(s.Names, c.alias(j))
		}
	}
	return s
}

func (c *converter) alias(i uint32) *ast.Alias {
	if c.kind(i) == kAliasedImport {
		return &ast.Alias{Span: c.span(i), Name: c.dottedName(c.child(i, "name")), Asname: c.identifier(c.child(i, "alias"))}
	}
	return &ast.Alias{Span: c.span(i), Name: c.dottedName(i)}
}

func (c *converter) dottedName(i uint32) string {
	if c.kind(i) == kIdentifier {
		return c.identifier(i)
	}
	var parts []string
	for _, j := range c.named(i) {
		parts = append(parts, c.identifier(j))
	}
	return strings.Join(parts, ".")
}

func (c *converter) importFrom(i uint32) ast.Stmt {
	s := &ast.ImportFrom{Span: c.span(i)}
	if c.kind(i) == kFutureImportStatement {
		s.Module = "__future__"
	}
	for _, j := range c.named(i) {
		switch {
		case c.field(j) == "module_name":
			if c.kind(j) == kRelativeImport {
				for _, k := range c.named(j) {
					if c.kind(k) == kImportPrefix {
						s.Level = len(c.text(k))
						s.Level -= strings.Count(c.text(k), " ")
					} else {
						s.Module = c.dottedName(k)
					}
				}
			} else {
				s.Module = c.dottedName(j)
			}
		case c.field(j) == "name":
			s.Names = append(s.Names, c.alias(j))
		case c.kind(j) == kWildcardImport:
			s.Names = append(s.Names, &ast.Alias{Span: c.span(j), Name: "*"})
		}
	}
	return s
}

func (c *converter) typeAlias(i uint32) ast.Stmt {
	s := &ast.TypeAlias{Span: c.span(i), TypeParams: []ast.TypeParam{}}
	left := c.child(i, "left")
	for _, j := range c.named(left) {
		switch c.kind(j) {
		case kIdentifier:
			s.Name = &ast.Name{Span: c.span(j), ID: c.identifier(j), Ctx: ast.Store}
		case kGenericType:
			for _, k := range c.named(j) {
				if c.kind(k) == kIdentifier {
					s.Name = &ast.Name{Span: c.span(k), ID: c.identifier(k), Ctx: ast.Store}
				} else if c.kind(k) == kTypeParameter {
					s.TypeParams = c.typeParams(k)
				}
			}
		default:
			c.errorAt(j, "invalid syntax")
		}
	}
	if s.Name == nil {
		c.errorAt(left, "invalid syntax")
		s.Name = &ast.Name{Span: c.span(left), Ctx: ast.Store}
	}
	s.Value = c.typeExpr(c.child(i, "right"))
	return s
}
