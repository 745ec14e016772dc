package check

import "slices"

// closeMatches are the options spelled most like word, best first, at
// most n (mypy's best_matches: difflib's similarity ratio above 0.75,
// ties by name).
func closeMatches(word string, options []string, n int) []string {
	if word == "" {
		return nil
	}
	type scored struct {
		name  string
		ratio float64
	}
	var found []scored
	for _, o := range options {
		if len(o) > 200 || len(word) > 200 || quickRatio(word, o) <= 0.75 {
			continue
		}
		if r := similarity(word, o); r > 0.75 {
			found = append(found, scored{o, r})
		}
	}
	slices.SortFunc(found, func(a, b scored) int {
		switch {
		case a.ratio > b.ratio:
			return -1
		case a.ratio < b.ratio:
			return 1
		case a.name < b.name:
			return -1
		case a.name > b.name:
			return 1
		}
		return 0
	})
	var out []string
	for i := 0; i < len(found) && i < n; i++ {
		out = append(out, found[i].name)
	}
	return out
}

// quickRatio is an upper bound of similarity from the lengths alone
// (difflib's real_quick_ratio).
func quickRatio(a, b string) float64 {
	la, lb := len(a), len(b)
	return 2 * float64(min(la, lb)) / float64(la+lb)
}

// similarity is difflib.SequenceMatcher's ratio: twice the characters of
// the matching blocks (the longest common substring, then the same on
// each side of it) over both lengths.
func similarity(a, b string) float64 {
	return 2 * float64(matching(a, b)) / float64(len(a)+len(b))
}

// matching counts the characters of a and b's matching blocks, the
// longest block found first (earliest in a, then in b, on ties).
func matching(a, b string) int {
	if a == "" || b == "" {
		return 0
	}
	best, bi, bj := 0, 0, 0
	for i := range a {
		for j := range b {
			k := 0
			for i+k < len(a) && j+k < len(b) && a[i+k] == b[j+k] {
				k++
			}
			if k > best {
				best, bi, bj = k, i, j
			}
		}
	}
	if best == 0 {
		return 0
	}
	return best + matching(a[:bi], b[:bj]) + matching(a[bi+best:], b[bj+best:])
}
