package inspect

import (
	"typd/checker"
	"typd/checker/types"
	"typd/parser/ast"
)

// expressions walks the expressions of a module that may touch lines
// lo..hi, as mypy's tree has them (annotations are types there, not
// expressions), parents before their children; visit returns false to skip
// an expression's children. Statements that lie wholly outside lo..hi are
// not entered, so a query costs the depth of the tree at its position, not
// the size of the module.
func expressions(mod *ast.Module, lo, hi int, visit func(ast.Expr) bool) {
	mypyExpressions(mod, lo, hi, nil, visit)
}

// mypyExpressions is expressions, an f-string walked as mypy's rewriting
// of it into calls when roles is not nil (which records the rewriting's
// nodes).
func mypyExpressions(mod *ast.Module, lo, hi int, roles map[ast.Expr]rewritten, visit func(ast.Expr) bool) {
	annotations := map[ast.Expr]bool{}
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FunctionDef:
			if outside(x, lo, hi) {
				return false
			}
			annotations[x.Returns] = true
			for _, a := range x.Args.All() {
				annotations[a.Annotation] = true
			}
		case *ast.AnnAssign:
			annotations[x.Annotation] = true
		case ast.Stmt:
			if outside(x, lo, hi) {
				return false
			}
		case ast.Expr:
			if annotations[x] || x.Pos() == nil {
				return false
			}
			if js, ok := x.(*ast.JoinedStr); ok && roles != nil {
				ast.Inspect(fstringView(js, roles), walk)
				return false
			}
			return visit(x)
		}
		return true
	}
	for _, s := range mod.Body {
		ast.Inspect(s, walk)
	}
}

// outside reports whether a statement's lines, its decorators' included,
// miss lo..hi.
func outside(s ast.Stmt, lo, hi int) bool {
	first := s.Pos().Lineno
	for _, d := range ast.Decorators(s) {
		first = min(first, d.Pos().Lineno)
	}
	return int(first) > hi || int(s.Pos().EndLineno) < lo
}

// startsAfter and endsBefore compare an expression with a position
// (1-based line, 0-based column) as mypy does: the column just past an
// expression's end is still inside it.
func startsAfter(x ast.Expr, line, col int) bool {
	p := x.Pos()
	return int(p.Lineno) > line || int(p.Lineno) == line && int(p.ColOffset) > col
}

func endsBefore(x ast.Expr, line, col int) bool {
	p := x.Pos()
	if p.EndLineno == noEnd {
		return false // mypy's "we don't know" for a node without an end
	}
	return int(p.EndLineno) < line || int(p.EndLineno) == line && int(p.EndColOffset) < col
}

// findExact returns the expression whose span is exactly the one given
// (0-based start column, exclusive end column), or nil.
func findExact(mod *ast.Module, line, col, endLine, endCol int, roles map[ast.Expr]rewritten) ast.Expr {
	var found ast.Expr
	mypyExpressions(mod, line, endLine, roles, func(x ast.Expr) bool {
		if found != nil || startsAfter(x, line, col) || endsBefore(x, endLine, endCol) {
			return false
		}
		p := x.Pos()
		if int(p.Lineno) == line && int(p.ColOffset) == col && int(p.EndLineno) == endLine && int(p.EndColOffset) == endCol {
			found = x
			return false
		}
		return true
	})
	return found
}

// At returns the expressions of a module that enclose a position (1-based
// line, 0-based byte column), innermost first, as dmypy's inspect finds
// them: the column just past an expression's end is still inside it, and
// annotations are not expressions.
func At(mod *ast.Module, line, col int) []ast.Expr { return mypyAt(mod, line, col, nil) }

// mypyAt is At, f-strings seen as mypy's rewriting of them when roles is
// not nil (see mypyExpressions).
func mypyAt(mod *ast.Module, line, col int, roles map[ast.Expr]rewritten) []ast.Expr {
	var out []ast.Expr
	mypyExpressions(mod, line, line, roles, func(x ast.Expr) bool {
		if startsAfter(x, line, col) || endsBefore(x, line, col) {
			return false
		}
		out = append(out, x)
		return true
	})
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Kind is mypy's name for the kind of an expression (NameExpr,
// MemberExpr, CallExpr...), as inspect --include-kind prints it.
func Kind(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Name:
		return "NameExpr"
	case *ast.Attribute:
		return "MemberExpr"
	case *ast.Call:
		return "CallExpr"
	case *ast.BinOp, *ast.BoolOp:
		return "OpExpr"
	case *ast.Compare:
		return "ComparisonExpr"
	case *ast.UnaryOp:
		return "UnaryExpr"
	case *ast.Constant:
		switch x.Value.Kind {
		case ast.NoneValue, ast.TrueValue, ast.FalseValue:
			return "NameExpr"
		case ast.EllipsisValue:
			return "EllipsisExpr"
		case ast.IntValue:
			return "IntExpr"
		case ast.FloatValue:
			return "FloatExpr"
		case ast.ComplexValue:
			return "ComplexExpr"
		case ast.BytesValue:
			return "BytesExpr"
		}
		return "StrExpr"
	case *ast.JoinedStr:
		return "StrExpr"
	case *ast.Subscript:
		return "IndexExpr"
	case *ast.Slice:
		return "SliceExpr"
	case *ast.List:
		return "ListExpr"
	case *ast.Tuple:
		return "TupleExpr"
	case *ast.Dict:
		return "DictExpr"
	case *ast.Set:
		return "SetExpr"
	case *ast.ListComp:
		return "ListComprehension"
	case *ast.SetComp:
		return "SetComprehension"
	case *ast.DictComp:
		return "DictionaryComprehension"
	case *ast.GeneratorExp:
		return "GeneratorExpr"
	case *ast.Lambda:
		return "LambdaExpr"
	case *ast.IfExp:
		return "ConditionalExpr"
	case *ast.Starred:
		return "StarExpr"
	case *ast.NamedExpr:
		return "AssignmentExpr"
	case *ast.Await:
		return "AwaitExpr"
	case *ast.Yield:
		return "YieldExpr"
	case *ast.YieldFrom:
		return "YieldFromExpr"
	}
	return "Expression"
}

// TypeAt returns the innermost expression at a position (as At finds it)
// whose type the check recorded, and that type written as mypy's messages
// write it.
func TypeAt(ins *checker.Inspection, line, col int) (ast.Expr, string, bool) {
	for _, x := range At(ins.Module, line, col) {
		if t, ok := ins.Types[x]; ok {
			return x, types.Format(t, ins.Format), true
		}
	}
	return nil, "", false
}
