package checker

import (
	"reflect"
	"strings"
	"testing"

	"typd/checker/cache"
	"typd/parser"
)

// TestReparseStored: a caching session (a new process's) parses a new text
// of a file from the stored parse of the file's last text, and gets the
// tree a parse of the new text gives, whatever the edit: in a def's body,
// among module-level statements, a syntax error and its fix.
func TestReparseStored(t *testing.T) {
	dir, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	base := "import os\n\nclass C:\n    def f(self) -> int:\n        return 1\n\n    def g(self) -> str:\n        return 'a'\n\nX = 1\n"
	texts := []string{
		base,
		strings.Replace(base, "return 1", "y = 2\n        return y", 1),
		strings.Replace(base, "X = 1", "X = 1\nY = os.sep", 1),
		strings.Replace(base, "return 'a'", "return (", 1),
		base,
	}
	for i, text := range texts {
		want := parser.Parse([]byte(text))
		s := NewCachingSession(dir)
		if i > 0 {
			// This text is made from the stored parse of the last one
			// that parsed (the syntax error's is not stored).
			got := s.reparseStored("pkg/mod.py", []byte(text))
			switch {
			case got == nil:
				t.Fatalf("text %d: nothing stored to reparse from", i)
			case got != nil && (len(got.Errors) != len(want.Errors) || len(want.Errors) == 0 && !reflect.DeepEqual(got.Module, want.Module)):
				t.Fatalf("text %d: the reparsed tree differs from a parse's", i)
			}
		}
		if got := s.parse("pkg/mod.py", []byte(text)); len(want.Errors) == 0 && !reflect.DeepEqual(got.Module, want.Module) {
			t.Fatalf("text %d: the session's tree differs from a parse's", i)
		}
		dir.Flush()
	}
}
