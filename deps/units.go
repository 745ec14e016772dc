package deps

import (
	"crypto/sha256"
	"reflect"
	"strconv"
	"strings"

	"typd/parser/ast"
)

// Unit is one statement of a module's top level or of a class body, as a
// re-check of the module compares two versions of it: what it binds, a
// fingerprint of what other code can observe of it (as Interface reduces a
// def), and the words of that reduced form, which are the names its
// observable shape can depend on.
type Unit struct {
	// Key names the unit across versions: a def's or class's qualified
	// name in the module ("f", "C.m", "C.D"), followed by "#2", "#3"... for
	// a later def of the same name in the same body; another statement is
	// its body's path and its place among that body's other statements
	// ("#1", "C.#2").
	Key string
	// In is the qualified name (the Key) of the class whose body holds
	// the statement ("" at the top level); IsClass marks a class
	// statement, whose Key names the class.
	In      string
	IsClass bool
	// Bound are the names the statement binds in its body: a def's or
	// class's name, an assignment's targets, the names bound anywhere in a
	// compound statement; for a def in a class, the attributes it assigns
	// through an attribute target too.
	Bound []string
	// Print fingerprints the statement without positions, a def reduced as
	// Interface reduces it and a class without its body (whose statements
	// are units of their own).
	Print Fingerprint
	// Words are the words of the names and strings of the reduced form.
	Words map[string]bool
	// StarImport marks `from m import *`, which binds names its text does
	// not hold.
	StarImport bool
	// Defines is the one name a plain definition binds (see Defines).
	Defines string
}

// Units lists the units of a module, the statements of each class body
// after the class's own.
func Units(m *ast.Module) []Unit {
	var out []Unit
	var walk func(body []ast.Stmt, class string)
	walk = func(body []ast.Stmt, class string) {
		prefix := ""
		if class != "" {
			prefix = class + "."
		}
		seen := map[string]int{}
		others := 0
		for _, s := range body {
			u := Unit{In: class}
			switch x := s.(type) {
			case *ast.FunctionDef:
				u.Key = repeated(prefix+x.Name, seen)
			case *ast.ClassDef:
				u.Key, u.IsClass = repeated(prefix+x.Name, seen), true
			default:
				others++
				u.Key = prefix + "#" + strconv.Itoa(others)
			}
			u.Bound = boundBy(s, class != "")
			u.Defines = Defines(s)
			_, u.StarImport = starImport(s)
			u.Print, u.Words = reduced(s)
			out = append(out, u)
			if c, ok := s.(*ast.ClassDef); ok {
				walk(c.Body, u.Key)
			}
		}
	}
	walk(m.Body, "")
	return out
}

// repeated returns name, or name#n for its n-th use among the keys of one
// body (n from 2).
func repeated(name string, seen map[string]int) string {
	seen[name]++
	if n := seen[name]; n > 1 {
		return name + "#" + strconv.Itoa(n)
	}
	return name
}

// starImport reports `from m import *`.
func starImport(s ast.Stmt) (*ast.ImportFrom, bool) {
	x, ok := s.(*ast.ImportFrom)
	if !ok {
		return nil, false
	}
	for _, a := range x.Names {
		if a.Name == "*" {
			return x, true
		}
	}
	return nil, false
}

// reduced fingerprints a statement as Interface sees it (a class without
// its body) and collects the words of that form.
func reduced(s ast.Stmt) (Fingerprint, map[string]bool) {
	h := &hasher{sum: sha256.New(), words: map[string]bool{}}
	if c, ok := s.(*ast.ClassDef); ok {
		header := *c
		header.Body = nil
		h.node(reflect.ValueOf(header))
	} else {
		h.value(reflect.ValueOf(s))
	}
	var out Fingerprint
	copy(out[:], h.sum.Sum(nil))
	return out, h.words
}

// addWords adds the words of a name, a dotted name or a string (a forward
// reference, a type comment) to the hasher's words.
func (h *hasher) addWords(s string) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r >= 0x80 || !wordByte(byte(r)) }) {
		if wordStart(w[0]) {
			h.words[w] = true
		}
	}
}

// boundBy returns the names a statement binds in its body (a def's and a
// class's bodies are other scopes): with inClass, a def's attribute
// assignments too (self.x = ... defines the class's x).
func boundBy(s ast.Stmt, inClass bool) []string {
	var out []string
	switch x := s.(type) {
	case *ast.FunctionDef:
		out = append(out, x.Name)
		if inClass {
			for _, n := range observable(x.Body) {
				ast.Inspect(n, func(n ast.Node) bool {
					if a, ok := n.(*ast.Attribute); ok {
						out = append(out, a.Attr)
					}
					return true
				})
			}
		}
		return out
	case *ast.ClassDef:
		return []string{x.Name}
	}
	ast.Inspect(s, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FunctionDef:
			out = append(out, x.Name)
			return false
		case *ast.ClassDef:
			out = append(out, x.Name)
			return false
		case *ast.Lambda:
			return false
		case *ast.Name:
			if x.Ctx != ast.Load {
				out = append(out, x.ID)
			}
		case *ast.Alias:
			switch {
			case x.Asname != "":
				out = append(out, x.Asname)
			case x.Name != "*":
				head, _, _ := strings.Cut(x.Name, ".")
				out = append(out, head)
			}
		case *ast.ExceptHandler:
			if x.Name != "" {
				out = append(out, x.Name)
			}
		case *ast.MatchAs:
			if x.Name != "" {
				out = append(out, x.Name)
			}
		case *ast.MatchStar:
			if x.Name != "" {
				out = append(out, x.Name)
			}
		case *ast.MatchMapping:
			if x.Rest != "" {
				out = append(out, x.Rest)
			}
		case *ast.TypeAlias:
			out = append(out, x.Name.ID)
		}
		return true
	})
	return out
}

// Change is what a new version of a module changed of its units, for a
// re-check of the module's own targets: the names whose binding may now
// mean something else, and the classes (by Key) whose shape may differ.
type Change struct {
	Names   map[string]bool
	Classes map[string]bool
}

// Changed compares two versions of a module's units. A unit added,
// removed or with a new fingerprint changes the names it binds and the
// classes around it (and, being a class, itself); so does, in turn, a unit
// whose reduced form names a changed name, since what it observably is may
// derive from it (a variable's inferred type, a subclass's base, a
// signature's annotation), until nothing more changes. ok is false when a
// star import changed, which binds names no text shows.
func Changed(old, cur []Unit) (ch Change, ok bool) {
	ch = Change{Names: map[string]bool{}, Classes: map[string]bool{}}
	before := make(map[string]*Unit, len(old))
	for i := range old {
		before[old[i].Key] = &old[i]
	}
	marked := map[string]bool{}
	mark := func(u *Unit) {
		for _, b := range u.Bound {
			ch.Names[b] = true
		}
		if u.IsClass {
			ch.Classes[u.Key] = true
		}
		for class := u.In; class != ""; class = enclosingClass(class) {
			ch.Classes[class] = true
			ch.Names[simpleName(class)] = true
		}
	}
	seen := make(map[string]bool, len(cur))
	for i := range cur {
		u := &cur[i]
		seen[u.Key] = true
		prev := before[u.Key]
		if prev != nil && prev.Print == u.Print {
			continue
		}
		if u.StarImport || prev != nil && prev.StarImport {
			return Change{}, false
		}
		mark(u)
		marked[u.Key] = true
		if prev != nil {
			mark(prev)
		}
	}
	for i := range old {
		if u := &old[i]; !seen[u.Key] {
			if u.StarImport {
				return Change{}, false
			}
			mark(u)
		}
	}
	for grown := true; grown; {
		grown = false
		for i := range cur {
			u := &cur[i]
			if marked[u.Key] {
				continue
			}
			for w := range u.Words {
				if ch.Names[w] {
					mark(u)
					marked[u.Key], grown = true, true
					break
				}
			}
		}
	}
	return ch, true
}

// enclosingClass is the Key of the class around a class's Key ("" at the
// top level).
func enclosingClass(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i]
	}
	return ""
}

// simpleName is a class's own name, from its Key.
func simpleName(key string) string {
	name := key[strings.LastIndexByte(key, '.')+1:]
	name, _, _ = strings.Cut(name, "#")
	return name
}
