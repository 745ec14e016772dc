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

// TestWords checks the words a text holds, and those it holds once: in
// code, strings and comments, not inside longer words or numbers.
func TestWords(t *testing.T) {
	words, once := Words([]byte("def f(x_1): return x_1 + 0x1f  # f calls g\ns = 'héllo hé g2'\n"))
	want := []string{"def", "f", "x_1", "return", "calls", "g", "s", "héllo", "hé", "g2"}
	if !slices.Equal(words, want) {
		t.Errorf("Words = %q\nwant %q", words, want)
	}
	for w, one := range map[string]bool{"def": true, "f": false, "x_1": false, "g": true, "g2": true, "1f": false} {
		if once[w] != one {
			t.Errorf("once[%q] = %v, want %v", w, once[w], one)
		}
	}
}

// TestHoldsAny checks that HoldsAny finds exactly the words Words finds.
func TestHoldsAny(t *testing.T) {
	text := []byte("def f(x_1): return x_1 + 0x1f  # calls g\ns = 'héllo g2'\n")
	for name, want := range map[string]bool{"def": true, "x_1": true, "g": true, "g2": true, "héllo": true,
		"1f": false, "x": false, "ll": false, "o": false, "s": true, "h": false} {
		if got := HoldsAny(text, map[string]bool{name: true, "absent": true}); got != want {
			t.Errorf("HoldsAny(%q) = %v, want %v", name, got, want)
		}
	}
	if HoldsAny(text, nil) {
		t.Error("HoldsAny(no names) = true")
	}
}

// TestSameWords checks the cheap comparison of two versions' words
// against Words itself, on edits that keep and that change them.
func TestSameWords(t *testing.T) {
	base := "def f(x):\n    y = x + 1\n    return y  # f\n"
	for i, edit := range []string{
		"def f(x):\n    y = x + 2\n    return y  # f\n",     // a number
		"def f(x):\n    y = x + 1\n    return y  # f \n",    // a space
		"def f(x):\n    y = x + 1\n    return yy  # f\n",    // a word changed
		"def f(x):\n    y = x + 1\n    return y  # g\n",     // a word once
		"def f(x):\n    y = x + 1 + x\n    return y  # f\n", // a word more often
		"def ff(x):\n    y = x + 1\n    return y  # f\n",    // inside a word
		"def f(x):\n    y = x + 1\n    return y  # f\n    z\n",
	} {
		w1, o1 := Words([]byte(base))
		w2, o2 := Words([]byte(edit))
		same := slices.Equal(slices.Sorted(slices.Values(w1)), slices.Sorted(slices.Values(w2))) && len(o1) == len(o2)
		for w := range o1 {
			same = same && o2[w]
		}
		got := SameWords([]byte(base), []byte(edit))
		if got && !same {
			t.Errorf("SameWords(%q) = true, but the words differ", edit)
		}
		// (false says nothing, but an edit of a number or of spaces is
		// seen to keep the words)
		if i < 2 && !got {
			t.Errorf("SameWords(%q) = false", edit)
		}
	}
}
