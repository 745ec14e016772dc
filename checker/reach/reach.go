// Package reach decides, as mypy's semantic analyzer does, which branches
// of `if` statements (and `assert`s) can never run for the target platform
// and Python version: conditions on sys.version_info, sys.platform,
// TYPE_CHECKING / MYPY, PY2 / PY3, and names given to --always-true /
// --always-false.
// It is a pure function of the AST and those settings.
package reach

import (
	"strings"

	"typd/parser/ast"
)

// Truth is what a condition is known to be.
type Truth uint8

// The values of a condition.
const (
	Unknown Truth = iota
	AlwaysTrue
	AlwaysFalse
	// MypyTrue is true when type checking but false at run time
	// (TYPE_CHECKING); for reachability it counts as AlwaysTrue.
	MypyTrue
	MypyFalse
)

// Config is the target the conditions are evaluated for.
type Config struct {
	PythonVersion [2]int
	Platform      string // sys.platform, for example "linux"
	AlwaysTrue    []string
	AlwaysFalse   []string
}

// Infer evaluates a condition.
func (c *Config) Infer(e ast.Expr) Truth {
	switch x := e.(type) {
	case *ast.UnaryOp:
		if x.Op == ast.Not {
			return negate(c.Infer(x.Operand))
		}
	case *ast.BoolOp:
		return c.boolOp(x)
	case *ast.Name:
		return c.name(x.ID)
	case *ast.Constant:
		// mypy reads True and False as names: --always-true True.
		switch x.Value.Kind {
		case ast.TrueValue:
			return c.name("True")
		case ast.FalseValue:
			return c.name("False")
		}
	case *ast.Attribute:
		return c.name(x.Attr)
	case *ast.Compare:
		if len(x.Ops) == 1 {
			if t := c.versionCompare(x.Left, x.Ops[0], x.Comparators[0]); t != Unknown {
				return t
			}
			return c.platformCompare(x.Left, x.Ops[0], x.Comparators[0])
		}
	case *ast.Call:
		return c.platformStartswith(x)
	}
	return Unknown
}

func (c *Config) name(id string) Truth {
	switch id {
	case "PY2":
		return AlwaysFalse
	case "PY3":
		return AlwaysTrue
	case "MYPY", "TYPE_CHECKING":
		return MypyTrue
	}
	for _, n := range c.AlwaysTrue {
		if n == id {
			return AlwaysTrue
		}
	}
	for _, n := range c.AlwaysFalse {
		if n == id {
			return AlwaysFalse
		}
	}
	return Unknown
}

func negate(t Truth) Truth {
	switch t {
	case AlwaysTrue:
		return AlwaysFalse
	case AlwaysFalse:
		return AlwaysTrue
	case MypyTrue:
		return MypyFalse
	case MypyFalse:
		return MypyTrue
	}
	return Unknown
}

// IsTrue reports whether a truth counts as true for type checking.
func IsTrue(t Truth) bool { return t == AlwaysTrue || t == MypyTrue }

// IsFalse reports whether a truth counts as false for type checking.
func IsFalse(t Truth) bool { return t == AlwaysFalse || t == MypyFalse }

// boolOp: `and` is false when one operand is, true when all are; `or` is
// true when one operand is, false when all are; else unknown.
func (c *Config) boolOp(x *ast.BoolOp) Truth {
	decisive, other := IsFalse, IsTrue
	if x.Op == ast.Or {
		decisive, other = IsTrue, IsFalse
	}
	all := Unknown
	for i, v := range x.Values {
		t := c.Infer(v)
		if decisive(t) {
			return t
		}
		if !other(t) {
			for _, rest := range x.Values[i+1:] {
				if rt := c.Infer(rest); decisive(rt) {
					return rt
				}
			}
			return Unknown
		}
		if all == Unknown {
			all = t
		}
	}
	return all
}

// isSysAttr reports whether e is sys.NAME (or a bare NAME imported from sys).
func isSysAttr(e ast.Expr, name string) bool {
	if a, ok := e.(*ast.Attribute); ok {
		if n, ok := a.Value.(*ast.Name); ok && n.ID == "sys" && a.Attr == name {
			return true
		}
	}
	return false
}

// versionCompare evaluates sys.version_info OP (3, x) and
// sys.version_info[0] OP 3, and the same with the operands swapped.
func (c *Config) versionCompare(left ast.Expr, op ast.CmpOp, right ast.Expr) Truth {
	if isVersionInfo(right) || isVersionIndex(right) {
		left, right = right, left
		op = swap(op)
	}
	target := []int{c.PythonVersion[0], c.PythonVersion[1]}
	if sub, ok := left.(*ast.Subscript); ok && isVersionInfo(sub.Value) {
		if k, ok := intConst(sub.Slice); ok && k >= 0 && k < 2 {
			if v, ok := intConst(right); ok {
				return boolTruth(compareInts([]int{target[k]}, op, []int{v}))
			}
			return Unknown
		}
		sl, ok := sub.Slice.(*ast.Slice)
		if !ok || sl.Step != nil {
			return Unknown
		}
		// version_info[lower:upper], each bound optional, of (major, minor).
		lower, upper := 0, len(target)
		if sl.Lower != nil {
			if lower, ok = intConst(sl.Lower); !ok || lower < 0 || lower > len(target) {
				return Unknown
			}
		}
		if sl.Upper != nil {
			if upper, ok = intConst(sl.Upper); !ok || upper < lower || upper > len(target) {
				return Unknown
			}
		}
		target = target[lower:upper]
	} else if !isVersionInfo(left) {
		return Unknown
	}
	t, ok := right.(*ast.Tuple)
	if !ok {
		return Unknown
	}
	var want []int
	for _, e := range t.Elts {
		v, ok := intConst(e)
		if !ok {
			return Unknown
		}
		want = append(want, v)
	}
	if len(want) > len(target) && (op == ast.Eq || op == ast.NotEq) {
		return Unknown
	}
	return boolTruth(compareInts(target, op, want))
}

func isVersionInfo(e ast.Expr) bool { return isSysAttr(e, "version_info") }

func isVersionIndex(e ast.Expr) bool {
	s, ok := e.(*ast.Subscript)
	return ok && isVersionInfo(s.Value)
}

func (c *Config) platformCompare(left ast.Expr, op ast.CmpOp, right ast.Expr) Truth {
	if isSysAttr(right, "platform") {
		left, right = right, left
	}
	if !isSysAttr(left, "platform") || (op != ast.Eq && op != ast.NotEq) {
		return Unknown
	}
	s, ok := strConst(right)
	if !ok {
		return Unknown
	}
	return boolTruth((c.Platform == s) == (op == ast.Eq))
}

func (c *Config) platformStartswith(call *ast.Call) Truth {
	a, ok := call.Func.(*ast.Attribute)
	if !ok || a.Attr != "startswith" || !isSysAttr(a.Value, "platform") || len(call.Args) != 1 {
		return Unknown
	}
	s, ok := strConst(call.Args[0])
	if !ok {
		return Unknown
	}
	return boolTruth(strings.HasPrefix(c.Platform, s))
}

func boolTruth(b bool) Truth {
	if b {
		return AlwaysTrue
	}
	return AlwaysFalse
}

func intConst(e ast.Expr) (int, bool) {
	if k, ok := e.(*ast.Constant); ok && k.Value.Kind == ast.IntValue && k.Value.Big == nil {
		return int(k.Value.Int), true
	}
	return 0, false
}

func strConst(e ast.Expr) (string, bool) {
	if k, ok := e.(*ast.Constant); ok && k.Value.Kind == ast.StrValue {
		return k.Value.Str, true
	}
	return "", false
}

func swap(op ast.CmpOp) ast.CmpOp {
	switch op {
	case ast.Lt:
		return ast.Gt
	case ast.Gt:
		return ast.Lt
	case ast.LtE:
		return ast.GtE
	case ast.GtE:
		return ast.LtE
	}
	return op
}

// compareInts compares version tuples lexicographically, as Python does.
func compareInts(a []int, op ast.CmpOp, b []int) bool {
	cmp := 0
	for i := 0; i < len(a) && i < len(b) && cmp == 0; i++ {
		switch {
		case a[i] < b[i]:
			cmp = -1
		case a[i] > b[i]:
			cmp = 1
		}
	}
	if cmp == 0 {
		switch {
		case len(a) < len(b):
			cmp = -1
		case len(a) > len(b):
			cmp = 1
		}
	}
	switch op {
	case ast.Eq:
		return cmp == 0
	case ast.NotEq:
		return cmp != 0
	case ast.Lt:
		return cmp < 0
	case ast.LtE:
		return cmp <= 0
	case ast.Gt:
		return cmp > 0
	case ast.GtE:
		return cmp >= 0
	}
	return false
}
