package parser

import "regexp"

// typeParamHead finds where a PEP 695 type parameter list may open: `def
// f[`, `class C[`, `type A[`.
var typeParamHead = regexp.MustCompile(`(?:^|[\s;:])(?:def|class|type)[ \t]+[A-Za-z_][A-Za-z_0-9]*[ \t]*\[`)

// typeParamDefaults finds the `=` of PEP 696 defaults in type parameter
// lists (`class C[T = int]`, Python 3.13), which tree-sitter's grammar
// does not know, where a `:` (a bound) can stand instead: the parameter is
// a plain name without a bound. It returns their byte offsets; the caller
// parses again with each turned into `:` and the converter reads the
// "bound" there as the default (see typeParams). Strings and comments are
// not told apart: an offset the converter does not meet as such a
// parameter's makes the caller keep the first parse.
func typeParamDefaults(text []byte) []uint32 {
	var out []uint32
	for _, loc := range typeParamHead.FindAllIndex(text, -1) {
		depth := 0
		start := len(out)
		plain := true // the current parameter: a name, no bound, no star
		seenEq := false
		for i := loc[1]; i < len(text); i++ {
			switch ch := text[i]; ch {
			case '[', '(', '{':
				depth++
			case ']', ')', '}':
				if depth == 0 {
					i = len(text) // the list's end
					continue
				}
				depth--
			case ',':
				if depth == 0 {
					plain, seenEq = true, false
				}
			case ':':
				if depth == 0 && !seenEq {
					plain = false
				}
			case '*':
				if depth == 0 && !seenEq {
					plain = false
				}
			case '\'', '"', '#', '\n':
				out = out[:start] // (not a simple list: leave it)
				i = len(text)
			case '=':
				prev, next := text[i-1], byte(0)
				if i+1 < len(text) {
					next = text[i+1]
				}
				if depth == 0 && plain && !seenEq && next != '=' && prev != '=' && prev != '<' && prev != '>' && prev != '!' {
					out = append(out, uint32(i))
					seenEq = true
				}
			}
		}
	}
	return out
}
