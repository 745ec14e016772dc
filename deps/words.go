package deps

// Words returns the distinct identifier-like words of a text (ASCII
// letters, digits and underscores, not starting with a digit), wherever
// they stand: in code, strings, comments; and, of those, the ones the text
// holds once. A name no other text of the program holds as a word is
// named by no other module, in code, string annotations, type comments or
// __all__ alike. (A word with other characters is split; the pieces are
// no names typd hides.)
func Words(text []byte) (words []string, once map[string]bool) {
	counts := map[string]int{}
	for i := 0; i < len(text); {
		c := text[i]
		if !wordStart(c) {
			i++
			if isDigit(c) || c >= 0x80 {
				for i < len(text) && (wordByte(text[i]) || text[i] >= 0x80) {
					i++
				}
			}
			continue
		}
		j := i + 1
		for j < len(text) && (wordByte(text[j]) || text[j] >= 0x80) {
			j++
		}
		w := string(text[i:j])
		if counts[w] == 0 {
			words = append(words, w)
		}
		counts[w]++
		i = j
	}
	once = map[string]bool{}
	for w, n := range counts {
		if n == 1 {
			once[w] = true
		}
	}
	return words, once
}

func wordStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool   { return c >= '0' && c <= '9' }
func wordByte(c byte) bool  { return wordStart(c) || isDigit(c) }
