package ast

// Inspect walks the tree rooted at n in source order, calling f for each
// node; f returns false to skip a node's children. It visits statements,
// expressions, patterns and type parameters, and the Arguments, Arg,
// Keyword, Alias, WithItem, Comprehension, ExceptHandler and MatchCase
// nodes between them. Nil children are skipped.
func Inspect(n Node, f func(Node) bool) {
	if isNil(n) || !f(n) {
		return
	}
	walkChildren(n, func(c Node) { Inspect(c, f) })
}

// isNil reports whether an interface holds no node or a nil pointer.
func isNil(n Node) bool {
	if n == nil {
		return true
	}
	switch x := n.(type) {
	case *Arguments:
		return x == nil
	case *Arg:
		return x == nil
	case *Name:
		return x == nil
	}
	return false
}

func exprs(visit func(Node), es []Expr) {
	for _, e := range es {
		if e != nil {
			visit(e)
		}
	}
}

func stmts(visit func(Node), ss []Stmt) {
	for _, s := range ss {
		visit(s)
	}
}

func opt(visit func(Node), e Expr) {
	if e != nil {
		visit(e)
	}
}

// walkChildren calls visit for each direct child of n.
func walkChildren(n Node, visit func(Node)) {
	switch x := n.(type) {
	case *FunctionDef:
		exprs(visit, x.DecoratorList)
		for _, p := range x.TypeParams {
			visit(p)
		}
		visit(x.Args)
		opt(visit, x.Returns)
		stmts(visit, x.Body)
	case *ClassDef:
		exprs(visit, x.DecoratorList)
		for _, p := range x.TypeParams {
			visit(p)
		}
		exprs(visit, x.Bases)
		for _, k := range x.Keywords {
			visit(k)
		}
		stmts(visit, x.Body)
	case *Return:
		opt(visit, x.Value)
	case *Delete:
		exprs(visit, x.Targets)
	case *Assign:
		exprs(visit, x.Targets)
		visit(x.Value)
	case *TypeAlias:
		visit(x.Name)
		for _, p := range x.TypeParams {
			visit(p)
		}
		visit(x.Value)
	case *AugAssign:
		visit(x.Target)
		visit(x.Value)
	case *AnnAssign:
		visit(x.Target)
		visit(x.Annotation)
		opt(visit, x.Value)
	case *For:
		visit(x.Target)
		visit(x.Iter)
		stmts(visit, x.Body)
		stmts(visit, x.Orelse)
	case *While:
		visit(x.Test)
		stmts(visit, x.Body)
		stmts(visit, x.Orelse)
	case *If:
		visit(x.Test)
		stmts(visit, x.Body)
		stmts(visit, x.Orelse)
	case *With:
		for _, it := range x.Items {
			visit(it)
		}
		stmts(visit, x.Body)
	case *Match:
		visit(x.Subject)
		for _, c := range x.Cases {
			visit(c)
		}
	case *Raise:
		opt(visit, x.Exc)
		opt(visit, x.Cause)
	case *Try:
		stmts(visit, x.Body)
		for _, h := range x.Handlers {
			visit(h)
		}
		stmts(visit, x.Orelse)
		stmts(visit, x.Finalbody)
	case *Assert:
		visit(x.Test)
		opt(visit, x.Msg)
	case *Import:
		for _, a := range x.Names {
			visit(a)
		}
	case *ImportFrom:
		for _, a := range x.Names {
			visit(a)
		}
	case *ExprStmt:
		visit(x.Value)
	case *BoolOp:
		exprs(visit, x.Values)
	case *NamedExpr:
		visit(x.Target)
		visit(x.Value)
	case *BinOp:
		visit(x.Left)
		visit(x.Right)
	case *UnaryOp:
		visit(x.Operand)
	case *Lambda:
		visit(x.Args)
		visit(x.Body)
	case *IfExp:
		visit(x.Test)
		visit(x.Body)
		visit(x.Orelse)
	case *Dict:
		for i, v := range x.Values {
			opt(visit, x.Keys[i])
			visit(v)
		}
	case *Set:
		exprs(visit, x.Elts)
	case *ListComp:
		visit(x.Elt)
		comprehensions(visit, x.Generators)
	case *SetComp:
		visit(x.Elt)
		comprehensions(visit, x.Generators)
	case *GeneratorExp:
		visit(x.Elt)
		comprehensions(visit, x.Generators)
	case *DictComp:
		visit(x.Key)
		visit(x.Value)
		comprehensions(visit, x.Generators)
	case *Await:
		visit(x.Value)
	case *Yield:
		opt(visit, x.Value)
	case *YieldFrom:
		visit(x.Value)
	case *Compare:
		visit(x.Left)
		exprs(visit, x.Comparators)
	case *Call:
		visit(x.Func)
		exprs(visit, x.Args)
		for _, k := range x.Keywords {
			visit(k)
		}
	case *FormattedValue:
		visit(x.Value)
		opt(visit, x.FormatSpec)
	case *JoinedStr:
		exprs(visit, x.Values)
	case *Attribute:
		visit(x.Value)
	case *Subscript:
		visit(x.Value)
		visit(x.Slice)
	case *Starred:
		visit(x.Value)
	case *List:
		exprs(visit, x.Elts)
	case *Tuple:
		exprs(visit, x.Elts)
	case *Slice:
		opt(visit, x.Lower)
		opt(visit, x.Upper)
		opt(visit, x.Step)
	case *Comprehension:
		visit(x.Target)
		visit(x.Iter)
		exprs(visit, x.Ifs)
	case *ExceptHandler:
		opt(visit, x.Type)
		stmts(visit, x.Body)
	case *Arguments:
		for _, a := range x.Posonlyargs {
			visit(a)
		}
		for _, a := range x.Args {
			visit(a)
		}
		if x.Vararg != nil {
			visit(x.Vararg)
		}
		for _, a := range x.Kwonlyargs {
			visit(a)
		}
		exprs(visit, x.KwDefaults)
		if x.Kwarg != nil {
			visit(x.Kwarg)
		}
		exprs(visit, x.Defaults)
	case *Arg:
		opt(visit, x.Annotation)
	case *Keyword:
		visit(x.Value)
	case *WithItem:
		visit(x.ContextExpr)
		opt(visit, x.OptionalVars)
	case *MatchCase:
		visit(x.Pattern)
		opt(visit, x.Guard)
		stmts(visit, x.Body)
	case *MatchValue:
		visit(x.Value)
	case *MatchSequence:
		for _, p := range x.Patterns {
			visit(p)
		}
	case *MatchMapping:
		exprs(visit, x.Keys)
		for _, p := range x.Patterns {
			visit(p)
		}
	case *MatchClass:
		visit(x.Cls)
		for _, p := range x.Patterns {
			visit(p)
		}
		for _, p := range x.KwdPatterns {
			visit(p)
		}
	case *MatchAs:
		if x.Pattern != nil {
			visit(x.Pattern)
		}
	case *MatchOr:
		for _, p := range x.Patterns {
			visit(p)
		}
	case *TypeVar:
		opt(visit, x.Bound)
		opt(visit, x.DefaultValue)
	case *ParamSpec:
		opt(visit, x.DefaultValue)
	case *TypeVarTuple:
		opt(visit, x.DefaultValue)
	}
}

func comprehensions(visit func(Node), gens []*Comprehension) {
	for _, g := range gens {
		visit(g)
	}
}

// SubExprs calls f with each expression right below e, in Inspect's order:
// its expression children, and the expressions below the other nodes in
// between (keyword arguments, comprehensions, parameters, ...). The
// operators and chains that nest deepest are taken without Inspect, so a
// walk that recurses through SubExprs keeps a small frame for each level.
func SubExprs(e Expr, f func(Expr)) {
	switch x := e.(type) {
	case *Constant, *Name:
		return
	case *BinOp:
		f(x.Left)
		f(x.Right)
		return
	case *UnaryOp:
		f(x.Operand)
		return
	case *Attribute:
		f(x.Value)
		return
	case *Subscript:
		f(x.Value)
		f(x.Slice)
		return
	case *Call:
		f(x.Func)
		for _, a := range x.Args {
			f(a)
		}
		for _, k := range x.Keywords {
			f(k.Value)
		}
		return
	}
	Inspect(e, func(n Node) bool {
		if n == Node(e) {
			return true
		}
		if sub, ok := n.(Expr); ok {
			f(sub)
			return false
		}
		return true
	})
}

// SequenceElts returns the items of a tuple or list display (or target),
// and false for any other expression.
func SequenceElts(e Expr) ([]Expr, bool) {
	switch x := e.(type) {
	case *Tuple:
		return x.Elts, true
	case *List:
		return x.Elts, true
	}
	return nil, false
}

// ForEachTarget calls f with an assignment target and, when it is a tuple
// or list of targets (`a, (b, *c) = ...`), with each target inside it;
// a starred target is passed, then the target it stars.
func ForEachTarget(t Expr, f func(Expr)) {
	f(t)
	if s, ok := t.(*Starred); ok {
		ForEachTarget(s.Value, f)
		return
	}
	elts, _ := SequenceElts(t)
	for _, el := range elts {
		ForEachTarget(el, f)
	}
}

// PatternExprs calls f on each expression a match pattern holds, nested
// patterns included: its values, its classes and its mapping keys.
func PatternExprs(p Pattern, f func(Expr)) {
	Inspect(p, func(n Node) bool {
		switch x := n.(type) {
		case *MatchValue:
			f(x.Value)
			return false
		case *MatchClass:
			f(x.Cls)
		case *MatchMapping:
			for _, k := range x.Keys {
				f(k)
			}
		}
		return true
	})
}
