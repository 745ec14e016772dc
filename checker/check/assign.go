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
	c.out = append(c.out, diag.Diagnostic{File: c.m.Path, Line: int(value.Lineno), Col: int(value.ColOffset),
		Severity: diag.Error, Message: diag.IncompatibleAssignment(expr, variable), Code: diag.CodeAssignment})
}

// promotes reports mypy's implicit numeric promotions: an int (or bool)
// is accepted as a float or complex, or one of mypyc's native integers
// (mypy_extensions.i64 and its kin), and a float as a complex.
func promotes(from, to *types.Class) bool {
	for _, c := range from.MRO {
		switch c.FullName + ">" + to.FullName {
		case "builtins.int>builtins.float", "builtins.int>builtins.complex", "builtins.float>builtins.complex",
			"builtins.int>mypy_extensions.i64", "builtins.int>mypy_extensions.i32",
			"builtins.int>mypy_extensions.i16", "builtins.int>mypy_extensions.u8":
			return true
		}
	}
	return false
}
