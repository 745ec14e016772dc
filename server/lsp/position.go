package lsp

import (
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// lineStarts returns the byte offset at which each line of text starts
// (the caller must not change it). The texts the server reads (a
// snapshot's, an open document's version) never change, so the offsets of
// the few read last are kept: a request on a large file does not scan it
// again.
func lineStarts(text []byte) []int {
	if len(text) == 0 {
		return []int{0}
	}
	recentStarts.Lock()
	defer recentStarts.Unlock()
	for _, e := range recentStarts.entries {
		if len(e.text) == len(text) && &e.text[0] == &text[0] {
			return e.starts
		}
	}
	starts := []int{0}
	for i, b := range text {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	// The entry holds the text, so its memory is not reused for another.
	recentStarts.entries[recentStarts.next] = linesOf{text: text, starts: starts}
	recentStarts.next = (recentStarts.next + 1) % len(recentStarts.entries)
	return starts
}

// linesOf is a text and the offsets its lines start at.
type linesOf struct {
	text   []byte
	starts []int
}

// recentStarts are the line offsets of the texts lineStarts scanned last.
var recentStarts struct {
	sync.Mutex
	entries [8]linesOf
	next    int
}

// lineText returns line n (0-based) of text without its line break; ok is
// false past the last line.
func lineText(text []byte, starts []int, n int) (line []byte, ok bool) {
	if n < 0 || n >= len(starts) {
		return nil, false
	}
	end := len(text)
	if n+1 < len(starts) {
		end = starts[n+1] - 1
	}
	line = text[starts[n]:end]
	if k := len(line); k > 0 && line[k-1] == '\r' {
		line = line[:k-1]
	}
	return line, true
}

// byteColumn converts a column in UTF-16 code units (LSP's default
// position encoding) to a byte offset in line; a column past the end of
// the line is its end.
func byteColumn(line []byte, utf16Col int) int {
	units := 0
	for i := 0; i < len(line); {
		if units >= utf16Col {
			return i
		}
		r, size := utf8.DecodeRune(line[i:])
		units += utf16Units(r, size)
		i += size
	}
	return len(line)
}

// utf16Column converts a byte offset in line to a column in UTF-16 code
// units; an offset past the end of the line is its end.
func utf16Column(line []byte, byteCol int) int {
	byteCol = min(max(byteCol, 0), len(line))
	units := 0
	for i := 0; i < byteCol; {
		r, size := utf8.DecodeRune(line[i:])
		units += utf16Units(r, size)
		i += size
	}
	return units
}

// utf16Units is how many UTF-16 code units a decoded rune takes (an
// invalid byte counts as one).
func utf16Units(r rune, size int) int {
	if r == utf8.RuneError && size == 1 {
		return 1
	}
	return utf16.RuneLen(r)
}
