package types

import "testing"

// TestContractLiterals checks that a union holding the literals of all of
// an enum's values (or both bools) holds the class instead, where the
// first of them was, and that one missing value keeps the literals.
func TestContractLiterals(t *testing.T) {
	object := &Class{Name: "object", FullName: "builtins.object"}
	object.MRO = []*Class{object}
	enum := &Class{Name: "Enum", FullName: "enum.Enum", Module: "enum", Members: map[string]*Member{}}
	enum.MRO = []*Class{enum, object}
	color := &Class{Name: "Color", FullName: "m.Color", Module: "m", Members: map[string]*Member{
		"RED": {Name: "RED"}, "GREEN": {Name: "GREEN"}, "BLUE": {Name: "BLUE"}, "_ignore_": {Name: "_ignore_"},
		"paint": {Name: "paint", IsMethod: true}}}
	color.MRO = []*Class{color, enum, object}
	boolC := &Class{Name: "bool", FullName: "builtins.bool"}
	boolC.MRO = []*Class{boolC, object}
	intC := &Class{Name: "int", FullName: "builtins.int"}
	intC.MRO = []*Class{intC, object}
	colorI, boolI, intI := &Instance{Class: color}, &Instance{Class: boolC}, &Instance{Class: intC}
	member := func(name string) Type {
		return &Literal{Value: LiteralValue{Kind: LitEnum, Str: name}, Fallback: colorI}
	}
	truth := func(b bool) Type { return &Literal{Value: LiteralValue{Kind: LitBool, Bool: b}, Fallback: boolI} }
	if got := color.EnumMembers(); len(got) != 3 || got[0] != "BLUE" || got[2] != "RED" {
		t.Errorf("EnumMembers: got %v, want [BLUE GREEN RED]", got)
	}
	for _, tc := range []struct {
		items []Type
		want  string
	}{
		{[]Type{intI, member("GREEN"), member("RED"), member("BLUE")}, "builtins.int | m.Color"},
		{[]Type{member("GREEN"), intI, member("RED")}, "Literal[m.Color.GREEN] | builtins.int | Literal[m.Color.RED]"},
		{[]Type{truth(false), truth(true)}, "builtins.bool"},
		{[]Type{truth(true), &NoneType{}}, "Literal[True] | None"},
	} {
		if got := Verbose(SimplifiedUnion(tc.items...)); got != tc.want {
			t.Errorf("SimplifiedUnion(%v): got %q, want %q", tc.items, got, tc.want)
		}
	}
}
