package lsp

import (
	"slices"
	"testing"
)

// TestLineStartsOncePerText checks that the line offsets of a text are
// found once: a second request on the same text gets the same table (a
// large file is not scanned per diagnostic or per request), and another
// text with the same bytes at another address gets its own, equal one.
func TestLineStartsOncePerText(t *testing.T) {
	text := []byte("a\nbb\n\nccc")
	first := lineStarts(text)
	if want := []int{0, 2, 5, 6}; !slices.Equal(first, want) {
		t.Fatalf("lineStarts = %v, want %v", first, want)
	}
	if again := lineStarts(text); &again[0] != &first[0] {
		t.Error("the same text was scanned again")
	}
	copied := slices.Clone(text)
	if other := lineStarts(copied); &other[0] == &first[0] || !slices.Equal(other, first) {
		t.Errorf("a copy of the text got %v (shared: %v)", other, &other[0] == &first[0])
	}
	if empty := lineStarts(nil); !slices.Equal(empty, []int{0}) {
		t.Errorf("lineStarts(nil) = %v", empty)
	}
}
