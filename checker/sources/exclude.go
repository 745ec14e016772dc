package sources

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// Excluder holds the --exclude regular expressions, which mypy searches
// (unanchored, as Python's re.search) in the path of every file and
// folder it finds while walking folders: relative to the working folder,
// with forward slashes, a folder's ending in "/".
type Excluder struct{ res []*regexp.Regexp }

// CompileExcludes compiles mypy's exclude patterns, written for Python's
// re module: the verbose flag (?x) is honoured, \Z is the end of the text;
// a construct Go's regular expressions lack (look-around, back
// references) is refused with a clear error.
func CompileExcludes(patterns []string) (*Excluder, error) {
	e := &Excluder{}
	for _, p := range patterns {
		re, err := regexp.Compile(fromPython(p))
		if err != nil {
			return nil, fmt.Errorf("exclude pattern %q is not a regular expression typd supports: %v", p, err)
		}
		e.res = append(e.res, re)
	}
	return e, nil
}

// Excludes reports whether a path found while walking folders is
// excluded.
func (e *Excluder) Excludes(path string, isDir bool) bool {
	if e == nil || len(e.res) == 0 {
		return false
	}
	rel := path
	if filepath.IsAbs(path) {
		if abs, err := filepath.Abs("."); err == nil {
			if r, err := filepath.Rel(abs, path); err == nil {
				rel = r
			}
		}
	}
	rel = filepath.ToSlash(filepath.Clean(rel))
	if isDir {
		rel += "/"
	}
	for _, re := range e.res {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

// fromPython rewrites what differs between Python's re syntax and Go's
// in the patterns people write: a leading verbose flag (whitespace and
// comments outside classes dropped) and \Z.
func fromPython(p string) string {
	verbose := false
	for {
		rest, ok := strings.CutPrefix(p, "(?x)")
		if !ok {
			break
		}
		p, verbose = rest, true
	}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		ch := p[i]
		switch {
		case ch == '\\' && i+1 < len(p):
			if p[i+1] == 'Z' {
				b.WriteString(`\z`)
			} else {
				b.WriteByte(ch)
				b.WriteByte(p[i+1])
			}
			i++
			continue
		case inClass:
			if ch == ']' {
				inClass = false
			}
		case ch == '[':
			inClass = true
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteString("[]")
				i++
				continue
			}
		case verbose && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'):
			continue
		case verbose && ch == '#':
			for i < len(p) && p[i] != '\n' {
				i++
			}
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}
