package deps

import (
	"bytes"
	"maps"
	"slices"
)

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

// WordsAfterEdit returns what Words returns for text, given old, the
// text's previous version, and what Words returned for it. It counts the
// words of the part the edit changed only (after the two versions' common
// beginning and end, widened to whole words), and, of those words, the
// occurrences in the rest of text. An edit that keeps every word as often
// gets words and once themselves. ok is false for an edit too large for
// that to be cheaper (then call Words).
func WordsAfterEdit(old []byte, words []string, once map[string]bool, text []byte) (newWords []string, newOnce map[string]bool, ok bool) {
	start := 0
	for start < len(old) && start < len(text) && old[start] == text[start] {
		start++
	}
	end := 0
	for end < len(old)-start && end < len(text)-start && old[len(old)-1-end] == text[len(text)-1-end] {
		end++
	}
	for start > 0 && inWord(old[start-1]) {
		start--
	}
	for end > 0 && inWord(old[len(old)-end]) {
		end--
	}
	a, b := old[start:len(old)-end], text[start:len(text)-end]
	if len(a) > 4096 || len(b) > 4096 {
		return nil, nil, false
	}
	was, is := countWords(a), countWords(b)
	if len(was.order) == len(is.order) && !slices.ContainsFunc(is.order, func(w string) bool { return was.n[w] != is.n[w] }) {
		return words, once, true
	}
	affected := slices.Concat(was.order, is.order)
	if len(affected) > 64 {
		return nil, nil, false
	}
	newOnce = maps.Clone(once)
	gone, added, removed := map[string]bool{}, []string(nil), 0
	for _, w := range affected {
		if _, done := gone[w]; done {
			continue
		}
		rest := occurrences(text, 0, start, w) + occurrences(text, len(text)-end, len(text), w)
		before, after := rest+was.n[w], rest+is.n[w]
		gone[w] = before > 0 && after == 0
		if gone[w] {
			removed++
		}
		if before == 0 && after > 0 {
			added = append(added, w)
		}
		if after == 1 {
			newOnce[w] = true
		} else {
			delete(newOnce, w)
		}
	}
	if len(added) == 0 && removed == 0 {
		return words, newOnce, true // (the same words, some now held once or no longer)
	}
	newWords = make([]string, 0, len(words)+len(added))
	for _, w := range words {
		if !gone[w] {
			newWords = append(newWords, w)
		}
	}
	return append(newWords, added...), newOnce, true
}

// wordCounts are the words of a text in the order they first appear, and
// how often each appears.
type wordCounts struct {
	order []string
	n     map[string]int
}

func countWords(text []byte) wordCounts {
	c := wordCounts{n: map[string]int{}}
	for i, j := nextWord(text, 0); i < len(text); i, j = nextWord(text, j) {
		w := string(text[i:j])
		if c.n[w] == 0 {
			c.order = append(c.order, w)
		}
		c.n[w]++
	}
	return c
}

// occurrences counts the words w of text (as Words finds them) that lie
// within text[lo:hi].
func occurrences(text []byte, lo, hi int, w string) int {
	n := 0
	for at := lo; at < hi; {
		k := bytes.Index(text[at:hi], []byte(w))
		if k < 0 {
			break
		}
		i := at + k
		if (i == 0 || !inWord(text[i-1])) && (i+len(w) == len(text) || !inWord(text[i+len(w)])) {
			n++
		}
		at = i + len(w)
	}
	return n
}

// inWord reports a byte that continues a word (or the run of a number).
func inWord(c byte) bool { return wordByte(c) || c >= 0x80 }

func wordStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool   { return c >= '0' && c <= '9' }
func wordByte(c byte) bool  { return wordStart(c) || isDigit(c) }
