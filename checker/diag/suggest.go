package diag

import "strings"

// BestMatches lists up to n of options close to name, best first, as
// mypy's best_matches does: difflib's ratio above 0.75, ties in name
// order. Options whose lengths alone rule them out (difflib's
// real_quick_ratio) are not compared, nor names or options longer than
// maxSuggestionLength, whose comparison costs the cube of their length.
func BestMatches(name string, options []string, n int) []string {
	type cand struct {
		s string
		r float64
	}
	var cs []cand
	if len(name) > maxSuggestionLength {
		return nil
	}
	for _, o := range options {
		if o == name || name == "" || len(o) > maxSuggestionLength ||
			2*float64(min(len(name), len(o)))/float64(len(name)+len(o)) <= 0.75 {
			continue
		}
		if r := Similarity(name, o); r > 0.75 {
			cs = append(cs, cand{o, r})
		}
	}
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && (cs[j].r > cs[j-1].r || (cs[j].r == cs[j-1].r && cs[j].s < cs[j-1].s)); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	if len(cs) > n {
		cs = cs[:n]
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.s
	}
	return out
}

// maxSuggestionLength bounds the names BestMatches compares.
const maxSuggestionLength = 200

// PrettySeq quotes names and joins them with a conjunction, as mypy's
// pretty_seq does: "a", "a" or "b", "a", "b", or "c".
func PrettySeq(names []string, conjunction string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = `"` + n + `"`
	}
	switch len(quoted) {
	case 0:
		return ""
	case 1:
		return quoted[0]
	case 2:
		return quoted[0] + " " + conjunction + " " + quoted[1]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + ", " + conjunction + " " + quoted[len(quoted)-1]
}

// Similarity is difflib.SequenceMatcher(a, b).ratio(): twice the number
// of characters in matching blocks over the total length.
func Similarity(a, b string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(matchingChars(a, b)) / float64(len(a)+len(b))
}

// matchingChars counts the characters of the longest common block of a and
// b and, recursively, of the parts to its left and to its right.
func matchingChars(a, b string) int {
	bestI, bestJ, best := 0, 0, 0
	for i := 0; i < len(a); i++ {
		for j := 0; j < len(b); j++ {
			k := 0
			for i+k < len(a) && j+k < len(b) && a[i+k] == b[j+k] {
				k++
			}
			if k > best {
				bestI, bestJ, best = i, j, k
			}
		}
	}
	if best == 0 {
		return 0
	}
	return best + matchingChars(a[:bestI], b[:bestJ]) + matchingChars(a[bestI+best:], b[bestJ+best:])
}
