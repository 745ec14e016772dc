package ast

// Operator is a binary arithmetic or bitwise operator.
type Operator uint8

// The binary operators, in CPython's order.
const (
	Add Operator = iota + 1
	Sub
	Mult
	MatMult
	Div
	Mod
	Pow
	LShift
	RShift
	BitOr
	BitXor
	BitAnd
	FloorDiv
)

var operatorNames = [...]string{"", "Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"}
var operatorSymbols = [...]string{"", "+", "-", "*", "@", "/", "%", "**", "<<", ">>", "|", "^", "&", "//"}

// String returns CPython's class name of the operator ("Add").
func (o Operator) String() string { return operatorNames[o] }

// Symbol returns the operator as written in source ("+").
func (o Operator) Symbol() string { return operatorSymbols[o] }

// OperatorFromSymbol returns the operator written as s ("+", "//"), or 0.
func OperatorFromSymbol(s string) Operator {
	for i, sym := range operatorSymbols {
		if i > 0 && sym == s {
			return Operator(i)
		}
	}
	return 0
}

// BoolOperator is `and` or `or`.
type BoolOperator uint8

// The boolean operators.
const (
	And BoolOperator = iota + 1
	Or
)

// String returns CPython's class name of the operator.
func (o BoolOperator) String() string {
	if o == And {
		return "And"
	}
	return "Or"
}

// UnaryOperator is a unary operator.
type UnaryOperator uint8

// The unary operators.
const (
	Invert UnaryOperator = iota + 1
	Not
	UAdd
	USub
)

var unaryNames = [...]string{"", "Invert", "Not", "UAdd", "USub"}

// String returns CPython's class name of the operator.
func (o UnaryOperator) String() string { return unaryNames[o] }

// CmpOp is a comparison operator.
type CmpOp uint8

// The comparison operators.
const (
	Eq CmpOp = iota + 1
	NotEq
	Lt
	LtE
	Gt
	GtE
	Is
	IsNot
	In
	NotIn
)

var cmpNames = [...]string{"", "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"}
var cmpSymbols = [...]string{"", "==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in"}

// String returns CPython's class name of the operator.
func (o CmpOp) String() string { return cmpNames[o] }

// Symbol returns the operator as written in source.
func (o CmpOp) Symbol() string { return cmpSymbols[o] }

// CmpOpFromSymbol returns the comparison written as s, or 0.
func CmpOpFromSymbol(s string) CmpOp {
	for i, sym := range cmpSymbols {
		if i > 0 && sym == s {
			return CmpOp(i)
		}
	}
	return 0
}

// String returns CPython's class name of the context.
func (c Context) String() string {
	switch c {
	case Store:
		return "Store"
	case Del:
		return "Del"
	}
	return "Load"
}
