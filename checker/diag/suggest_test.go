package diag

import "testing"

func TestSimilarity(t *testing.T) {
	// difflib.SequenceMatcher(None, a, b).ratio() values, from CPython.
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"getcwdd", "getcwd", 12.0 / 13}, {"abc", "abc", 1}, {"abc", "xyz", 0}, {"f", "_f", 2.0 / 3},
		{"aaaab", "aaaba", 0.8},
	} {
		if got := Similarity(tc.a, tc.b); got < tc.want-1e-9 || got > tc.want+1e-9 {
			t.Errorf("Similarity(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSuggestions(t *testing.T) {
	for _, tc := range []struct {
		name    string
		options []string
		want    string
	}{
		{"getcwdd", []string{"getcwd", "getcwdb", "chdir"}, `"getcwd" or "getcwdb"`},
		{"aaaaa", []string{"aaaab", "aaaba", "aabaa", "abaaa", "zzz"}, `"aaaab", "aaaba", or "aabaa"`},
		{"x", []string{"y"}, ""},
	} {
		if got := PrettySeq(BestMatches(tc.name, tc.options, 3), "or"); got != tc.want {
			t.Errorf("BestMatches(%q) = %s, want %s", tc.name, got, tc.want)
		}
	}
}
