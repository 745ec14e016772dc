package deps

import (
	"maps"
	"math/rand/v2"
	"os"
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

// TestWordsAfterEdit checks the words of a new version counted from the
// edit against Words itself, on edits that keep and that change them, and
// on random edits of a real file; an edit that keeps the words gets the
// old ones back.
func TestWordsAfterEdit(t *testing.T) {
	base := "def f(x):\n    y = x + 1\n    return y  # f\n"
	edits := []string{
		"def f(x):\n    y = x + 2\n    return y  # f\n",     // a number
		"def f(x):\n    y = x + 1\n    return y  # f \n",    // a space
		"def f(x):\n    y = x + 1\n    return yy  # f\n",    // a word changed
		"def f(x):\n    y = x + 1\n    return y  # g\n",     // a word once
		"def f(x):\n    y = x + 1 + x\n    return y  # f\n", // a word more often
		"def ff(x):\n    y = x + 1\n    return y  # f\n",    // inside a word
		"def f(x):\n    y = x + 1\n    return y  # f\n    z\n",
		"def f(x):\n    y = 1x + 1\n    return y  # f\n", // a number's tail is no word
		"def f(x):\n    return y  # f\n",                 // a line removed
	}
	check := func(old, text []byte) {
		t.Helper()
		ow, oo := Words(old)
		gw, go_, ok := WordsAfterEdit(old, ow, oo, text)
		if !ok {
			return
		}
		ww, wo := Words(text)
		if !slices.Equal(slices.Sorted(slices.Values(gw)), slices.Sorted(slices.Values(ww))) || !maps.Equal(go_, wo) {
			t.Fatalf("edit %q -> %q: words %v once %v, want %v %v", old, text, gw, go_, ww, wo)
		}
	}
	for i, edit := range edits {
		check([]byte(base), []byte(edit))
		ow, oo := Words([]byte(base))
		if w, _, ok := WordsAfterEdit([]byte(base), ow, oo, []byte(edit)); i < 2 && (!ok || &w[0] != &ow[0]) {
			t.Errorf("%q keeps the words, yet they were not given back", edit)
		}
	}
	text, err := os.ReadFile("words.go")
	if err != nil {
		t.Fatal(err)
	}
	pieces := []string{"x", "words", " ", "\n", "once", "_a1", "1b", "é", "(", "text", "Words"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		at := r.IntN(len(text))
		cut := min(len(text)-at, r.IntN(12))
		next := slices.Concat(text[:at], []byte(pieces[r.IntN(len(pieces))]), text[at+cut:])
		check(text, next)
		text = next
	}
}
