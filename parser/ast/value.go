package ast

import "math/big"

// ValueKind says which Python object a Value holds.
type ValueKind uint8

// The kinds of constant values.
const (
	NoneValue ValueKind = iota
	TrueValue
	FalseValue
	EllipsisValue
	IntValue
	FloatValue
	ComplexValue // an imaginary literal such as 2j; Float holds the imaginary part
	StrValue
	BytesValue
)

// Value is the value of a Constant or a MatchSingleton. Str holds the text of
// a str (UTF-8; a lone surrogate is kept in its 3-byte generalized UTF-8 form)
// or the raw bytes of a bytes literal. Int holds an int that fits in int64;
// Big holds one that does not.
type Value struct {
	Kind  ValueKind
	Int   int64
	Big   *big.Int
	Float float64
	Str   string
}
