package types

import "testing"

func TestVerbose(t *testing.T) {
	object := &Class{Name: "object", FullName: "builtins.object"}
	intC := &Class{Name: "int", FullName: "builtins.int"}
	strC := &Class{Name: "str", FullName: "builtins.str"}
	tupleC := &Class{Name: "tuple", FullName: "builtins.tuple"}
	listC := &Class{Name: "list", FullName: "builtins.list", TypeParams: []*TypeVar{{Name: "_T", ID: 1}}}
	tv := &TypeVar{Name: "T", ID: -1}
	intI, strI := &Instance{Class: intC}, &Instance{Class: strC}
	for _, tc := range []struct {
		t    Type
		want string
	}{
		{intI, "builtins.int"},
		{&Instance{Class: listC, Args: []Type{strI}}, "builtins.list[builtins.str]"},
		{&Instance{Class: tupleC, Args: []Type{intI}}, "builtins.tuple[builtins.int, ...]"},
		{&Union{Items: []Type{intI, &NoneType{}}}, "builtins.int | None"},
		{&Tuple{Items: []Type{intI, strI}}, "tuple[builtins.int, builtins.str]"},
		{&Instance{Class: intC, LastKnownValue: &Literal{Value: LiteralValue{Kind: LitInt, Int: 1}}}, "Literal[1]?"},
		// (Python's repr: double quotes around a single quote; mypy 1.0.1 prints the same.)
		{&Literal{Value: LiteralValue{Kind: LitStr, Str: "it's"}}, `Literal["it's"]`},
		{&Literal{Value: LiteralValue{Kind: LitStr, Str: "it's \"q\"\n"}}, `Literal['it\'s "q"\n']`},
		{&Literal{Value: LiteralValue{Kind: LitBytes, Str: "\x00'"}}, `Literal[b"\\x00'"]`},
		{&TypeType{Item: &Instance{Class: object}}, "type[builtins.object]"},
		{&Any{}, "Any"}, {&Never{}, "Never"},
		{&Callable{Ret: &NoneType{}}, "def ()"},
		{&Callable{Params: []Param{{Name: "x", Type: tv, Kind: ArgPos}, {Name: "y", Type: intI, Kind: ArgOpt},
			{Name: "args", Type: strI, Kind: ArgStar}, {Name: "k", Type: intI, Kind: ArgNamed},
			{Name: "kw", Type: intI, Kind: ArgStar2}}, Ret: tv, TypeVars: []*TypeVar{tv}},
			"def [T] (x: T`-1, y: builtins.int =, *args: builtins.str, k: builtins.int, **kw: builtins.int) -> T`-1"},
		{&Callable{Params: []Param{{Name: "k", Type: intI, Kind: ArgNamedOpt}}, Ret: intI}, "def (*, k: builtins.int =) -> builtins.int"},
	} {
		if got := Verbose(tc.t); got != tc.want {
			t.Errorf("got %s, want %s", got, tc.want)
		}
	}
}
