package check

import (
	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkConstantAssignment reports a constant (an int, str, bytes, float or
// bool literal, or None under strict optional checking) assigned to a variable whose annotation names a plain
// class that does not accept it, as mypy's [assignment] error. It is
// deliberately narrow: while type arguments, calls and operators are not
// inferred exactly, only values whose type is certain are judged.
func (c *Checker) checkConstantAssignment(value ast.Expr, declared types.Type) {
	if !c.checked() {
		return
	}
	k, ok := value.(*ast.Constant)
	if !ok {
		return
	}
	switch k.Value.Kind {
	case ast.IntValue, ast.StrValue, ast.BytesValue, ast.FloatValue, ast.TrueValue, ast.FalseValue:
	case ast.NoneValue:
		if !c.strictOptional {
			return
		}
	default:
		return
	}
	want, ok := declared.(*types.Instance)
	if !ok || len(want.Args) > 0 || want.LastKnownValue != nil || want.Class.IsProtocol {
		return
	}
	if k.Value.Kind == ast.NoneValue {
		if want.Class.FullName != "builtins.object" {
			c.assignmentError(k, "None", want.Class.Name)
		}
		return
	}
	got, ok := c.constant(k).(*types.Instance)
	if !ok || types.IsSubtype(got, want) || promotes(got.Class, want.Class) {
		return
	}
	gotName, wantName := got.Class.Name, want.Class.Name
	if gotName == wantName {
		gotName, wantName = got.Class.FullName, want.Class.FullName
	}
	c.assignmentError(k, gotName, wantName)
}

// assignmentError reports an incompatible value at its position.
func (c *Checker) assignmentError(value *ast.Constant, expr, variable string) {
	c.report(&value.Span, diag.Error, diag.CodeAssignment, diag.IncompatibleAssignment(expr, variable))
}

// promotions are mypy's implicit numeric promotions, from class to class:
// an int is accepted as a float or complex, or as one of mypyc's native
// integers (mypy_extensions.i64 and its kin), and a float as a complex.
var promotions = map[[2]string]bool{
	{"builtins.int", "builtins.float"}: true, {"builtins.int", "builtins.complex"}: true,
	{"builtins.float", "builtins.complex"}:  true,
	{"builtins.int", "mypy_extensions.i64"}: true, {"builtins.int", "mypy_extensions.i32"}: true,
	{"builtins.int", "mypy_extensions.i16"}: true, {"builtins.int", "mypy_extensions.u8"}: true,
}

// promotes reports whether a value of class from, or of a subclass of a
// class it is promoted from (bool of int), is accepted as a to.
func promotes(from, to *types.Class) bool {
	for _, c := range from.MRO {
		if promotions[[2]string{c.FullName, to.FullName}] {
			return true
		}
	}
	return false
}
