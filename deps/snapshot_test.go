package deps

import (
	"slices"
	"testing"
)

// TestDiff checks the comparison of two snapshots as mypy's
// compare_symbol_table_snapshots makes it: added and removed names, a
// changed description, and inside a class both versions have, its
// changed names only (the class itself only when its own description
// changed, or when it stopped or started being a class).
func TestDiff(t *testing.T) {
	old := Snapshot{
		"x":    {Desc: "Var int"},
		"gone": {Desc: "Var int"},
		"f":    {Desc: "Func (a:int)"},
		"C": {Desc: "TypeInfo mro C object", Members: Snapshot{
			"m": {Desc: "Func ()"}, "n": {Desc: "Var str"},
			"Inner": {Desc: "TypeInfo mro Inner object", Members: Snapshot{"k": {Desc: "Var int"}}},
		}},
		"D": {Desc: "TypeInfo mro D object", Members: Snapshot{"a": {Desc: "Var int"}}},
		"E": {Desc: "TypeInfo mro E object", Members: Snapshot{}},
	}
	new := Snapshot{
		"x":   {Desc: "Var int"},
		"f":   {Desc: "Func (a:str)"},
		"new": {Desc: "Var int"},
		"C": {Desc: "TypeInfo mro C object", Members: Snapshot{
			"m": {Desc: "Func ()"}, "n": {Desc: "Var bytes"},
			"Inner": {Desc: "TypeInfo mro Inner object", Members: Snapshot{"k": {Desc: "Var str"}, "l": {Desc: "Var int"}}},
		}},
		"D": {Desc: "TypeInfo mro D B object", Members: Snapshot{"a": {Desc: "Var int"}}},
		"E": {Desc: "Func ()"},
	}
	got := Diff("m", old, new)
	want := []string{"m.C.Inner.k", "m.C.Inner.l", "m.C.n", "m.D", "m.E", "m.f", "m.gone", "m.new"}
	if !slices.Equal(got, want) {
		t.Errorf("Diff = %v\nwant %v", got, want)
	}
	if got := Diff("m", old, old); len(got) != 0 {
		t.Errorf("Diff of a snapshot with itself = %v, want nothing", got)
	}
}
