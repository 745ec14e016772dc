package deps

// Words returns the distinct identifier-like words of a text (ASCII
// letters, digits and underscores, not starting with a digit), wherever
// they stand: in code, strings, comments; and, of those, the ones the text
// holds once. A name no other text of the program holds as a word is
// named by no other module, in code, string annotations, type comments or
// __all__ alike. (A word with other characters is split; the pieces are
// no names typd hides.)
func Words(text []byte) (words []string, once map[string]bool) {
	counts := map[string]*int32{} // (looked up without copying the word)
	for i, j := nextWord(text, 0); i < len(text); i, j = nextWord(text, j) {
		if n := counts[string(text[i:j])]; n != nil {
			*n++
		} else {
			w := string(text[i:j])
			one := int32(1)
			counts[w] = &one
			words = append(words, w)
		}
	}
	once = map[string]bool{}
	for w, n := range counts {
		if *n == 1 {
			once[w] = true
		}
	}
	return words, once
}

// HoldsAny reports whether a text holds one of the names as a word (a word
// as Words finds them).
func HoldsAny(text []byte, names map[string]bool) bool {
	if len(names) == 0 {
		return false
	}
	for i, j := nextWord(text, 0); i < len(text); i, j = nextWord(text, j) {
		if names[string(text[i:j])] {
			return true
		}
	}
	return false
}

// nextWord returns the bounds of the first word of text that starts at or
// after i (i itself not inside a word); both are len(text) when none is
// left.
func nextWord(text []byte, i int) (start, end int) {
	for i < len(text) {
		c := text[i]
		if wordStart(c) {
			j := i + 1
			for j < len(text) && (wordByte(text[j]) || text[j] >= 0x80) {
				j++
			}
			return i, j
		}
		i++
		if isDigit(c) || c >= 0x80 {
			for i < len(text) && (wordByte(text[i]) || text[i] >= 0x80) {
				i++
			}
		}
	}
	return len(text), len(text)
}

// SameWords reports, cheaply, that two versions of a text hold the same
// words as often each (so Words gives the same for both): the part an
// edit changed (after their common beginning and end, widened to whole
// words) holds the same words in each. false says nothing.
func SameWords(old, text []byte) bool {
	start := 0
	for start < len(old) && start < len(text) && old[start] == text[start] {
		start++
	}
	end := 0
	for end < len(old)-start && end < len(text)-start && old[len(old)-1-end] == text[len(text)-1-end] {
		end++
	}
	in := func(b byte) bool { return wordByte(b) || b >= 0x80 }
	for start > 0 && in(old[start-1]) {
		start--
	}
	for end > 0 && in(old[len(old)-end]) {
		end--
	}
	a, b := old[start:len(old)-end], text[start:len(text)-end]
	if len(a) > 4096 || len(b) > 4096 {
		return false // (a large edit: counting is as cheap)
	}
	wa, oa := Words(a)
	wb, ob := Words(b)
	if len(wa) != len(wb) || len(oa) != len(ob) {
		return false
	}
	counts := map[string]int{}
	for _, w := range wa {
		counts[w] = 2
		if oa[w] {
			counts[w] = 1
		}
	}
	for _, w := range wb {
		n := 2
		if ob[w] {
			n = 1
		}
		if counts[w] != n {
			return false
		}
	}
	return true
}

func wordStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool   { return c >= '0' && c <= '9' }
func wordByte(c byte) bool  { return wordStart(c) || isDigit(c) }
