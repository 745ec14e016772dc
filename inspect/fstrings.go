package inspect

import (
	"typd/checker/types"
	"typd/parser/ast"
)

// mypy reads an f-string as calls: f"{a}: {b:.2f}" is
// ''.join(['{:{}}'.format(a, ''), ': ', '{:{}}'.format(b, '.2f')]), a
// single part standing alone. dmypy's inspect answers about those calls,
// so inspect builds the same nodes, with the positions mypy gives them
// from CPython 3.11's (typd's) positions: the new strings, the join and
// format methods and the list start where the f-string (or its part) does
// and have no end (they enclose every later column of the statement); the
// empty format spec has no position at all; a part's value starts where
// its part does.

// noEnd marks a node without an end position (mypy's end_line None).
const noEnd = -1

// role is what gives a node of an f-string's rewriting its type.
type role uint8

const (
	// aValue is a part's value: the type the check recorded for it.
	aValue role = iota
	aStr
	aJoin
	aFormat
	aList
)

// rewritten is a node of an f-string's rewriting: its role, and for a
// value the expression of the parse whose type it has.
type rewritten struct {
	role  role
	value ast.Expr
}

// fstringView returns mypy's rewriting of an f-string, recording the role
// of each node it makes in roles.
func fstringView(js *ast.JoinedStr, roles map[ast.Expr]rewritten) ast.Expr {
	start := ast.Span{Lineno: js.Lineno, ColOffset: js.ColOffset, EndLineno: noEnd, EndColOffset: noEnd}
	var items []ast.Expr
	for _, v := range js.Values {
		items = append(items, fstringPart(v, roles))
	}
	if len(items) == 1 {
		return withSpan(items[0], js.Span, roles)
	}
	empty := str("", start, roles)
	join := &ast.Attribute{Span: start, Value: empty, Attr: "join"}
	roles[join] = rewritten{role: aJoin}
	list := &ast.List{Span: start, Elts: items}
	roles[list] = rewritten{role: aList}
	call := &ast.Call{Span: js.Span, Func: join, Args: []ast.Expr{list}}
	roles[call] = rewritten{role: aStr}
	return call
}

// fstringPart rewrites one part of an f-string: a literal is a string, a
// replacement field a format call.
func fstringPart(v ast.Expr, roles map[ast.Expr]rewritten) ast.Expr {
	fv, ok := v.(*ast.FormattedValue)
	if !ok {
		if k, ok := v.(*ast.Constant); ok {
			return str(k.Value.Str, k.Span, roles)
		}
		return v
	}
	start := ast.Span{Lineno: fv.Lineno, ColOffset: fv.ColOffset, EndLineno: noEnd, EndColOffset: noEnd}
	conversion := ""
	if fv.Conversion >= 0 {
		conversion = "!" + string(rune(fv.Conversion))
	}
	format := str("{"+conversion+":{}}", start, roles)
	method := &ast.Attribute{Span: start, Value: format, Attr: "format"}
	roles[method] = rewritten{role: aFormat}
	// The value starts where its part does; its end is its own.
	value := withStart(fv.Value, fv.Span, roles)
	var spec ast.Expr
	if js, ok := fv.FormatSpec.(*ast.JoinedStr); ok {
		spec = fstringView(js, roles)
	} else {
		spec = str("", ast.Span{Lineno: noEnd, ColOffset: noEnd, EndLineno: noEnd, EndColOffset: noEnd}, roles)
	}
	call := &ast.Call{Span: fv.Span, Func: method, Args: []ast.Expr{value, spec}}
	roles[call] = rewritten{role: aStr}
	return call
}

// str makes a string literal of the rewriting.
func str(s string, sp ast.Span, roles map[ast.Expr]rewritten) ast.Expr {
	k := &ast.Constant{Span: sp, Value: ast.Value{Kind: ast.StrValue, Str: s}}
	roles[k] = rewritten{role: aStr}
	return k
}

// withStart is a copy of a part's value starting at another position (its
// children are the parse's own).
func withStart(x ast.Expr, at ast.Span, roles map[ast.Expr]rewritten) ast.Expr {
	sp := *x.Pos()
	sp.Lineno, sp.ColOffset = at.Lineno, at.ColOffset
	return withSpan(x, sp, roles)
}

// withSpan is a copy of a node with another span: a node of the rewriting
// keeps its role, a node of the parse is a value with that node's type.
func withSpan(x ast.Expr, sp ast.Span, roles map[ast.Expr]rewritten) ast.Expr {
	c := ast.CloneSharing(x, func(n ast.Node) bool { return n != x })
	*c.Pos() = sp
	r, ok := roles[x]
	if !ok {
		r = rewritten{role: aValue, value: x}
	}
	roles[c] = r
	return c
}

// typeOfRewritten is the type of a node of an f-string's rewriting; false
// when it has none (a value the check did not reach).
func (e *engine) typeOfRewritten(r rewritten) (types.Type, bool) {
	strType := e.builtin("str")
	switch r.role {
	case aValue:
		t, ok := e.ins.Types[r.value]
		return t, ok
	case aList:
		return e.builtin("list", strType), true
	case aJoin, aFormat:
		name := "join"
		if r.role == aFormat {
			name = "format"
		}
		inst, ok := strType.(*types.Instance)
		if !ok {
			return nil, false
		}
		t, _, found := types.MemberOf(inst, name)
		f, isFunc := t.(*types.Callable)
		if !found || !isFunc || len(f.Params) == 0 {
			return nil, false
		}
		bound := *f
		bound.Params = f.Params[1:]
		return &bound, true
	}
	return strType, true
}

// builtin is an instance of a class of builtins.
func (e *engine) builtin(name string, args ...types.Type) types.Type {
	c := e.ins.Program.ModuleClass("builtins", name)
	if c == nil {
		return &types.Any{}
	}
	return &types.Instance{Class: c, Args: args}
}
