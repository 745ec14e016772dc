package deps

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strconv"
	"strings"

	"typd/parser/ast"
)

// Unit is one statement of a module's top level or of a class body, as a
// re-check compares two versions of it: what it binds, fingerprints of
// what other code can observe of it (as Interface reduces a def), and the
// words of that reduced form, which are the names its observable shape can
// depend on.
type Unit struct {
	// Key names the unit across versions: a def's or class's qualified
	// name in the module ("f", "C.m", "C.D"), followed by "#2", "#3"... for
	// a later def or class of the same name in the same body; another
	// statement is its body's path and a digest of its fingerprint
	// ("#9f86d081884c", "C.#2c26b46b68ff"), "#2"... after it for a repeat.
	Key string
	// In is the Key of the class whose body holds the statement ("" at
	// the top level).
	In string
	// IsClass and IsDef mark a class and a def statement, whose Name is
	// their name.
	IsClass, IsDef bool
	Name           string
	// Bound are the names another statement binds in its body (an
	// assignment's targets, the names bound anywhere in a compound
	// statement); Attrs the attributes a def in a class assigns through
	// an attribute target (self.x = ... defines the class's x).
	Bound, Attrs []string
	// Print fingerprints the statement without positions: a def reduced
	// as Interface reduces it, a class without its body (whose statements
	// are units of their own). Header fingerprints a def's header alone
	// (decorators, parameters, return type, whether the body is trivial):
	// its type.
	Print, Header Fingerprint
	// Words are the words of the names and strings of the reduced form;
	// HeaderWords, for a def, of its header alone.
	Words, HeaderWords map[string]bool
	// StarImport marks `from m import *`, which binds names its text does
	// not hold.
	StarImport bool
	// Defines is the one name a plain definition binds (see Defines).
	Defines string
	// Imports, for an import statement, maps each name it binds to the
	// name it imports ("" for a module: `import a.b` binds a): an import
	// changes no more than the names it imports changed.
	Imports map[string]string
}

// Units lists the units of a module, the statements of each class body
// after the class's own.
func Units(m *ast.Module) []Unit {
	units, _ := UnitsReusing(m, nil, nil)
	return units
}

// UnitCache keeps the units of a module's statements by their text and
// place, so that the units of the module's next version reuse those of the
// statements an edit left as they were (a statement's unit does not depend
// on its lines, but for its key, made again). A class's header is kept as
// a unit of its own, its body's statements each. A cache passes from one
// version to the next: making the next version's units takes it over, and
// it then holds the next version's statements alone. (Its units are keyed
// by their content: whatever it holds is right for its key.)
type UnitCache struct {
	units map[string]*cachedUnit
	// version counts the versions whose units the cache was used for.
	version uint64
}

// cachedUnit is a unit kept, and the last version that had it.
type cachedUnit struct {
	unit    Unit
	version uint64
}

// UnitsReusing is Units for a module with the given text, reusing the
// units cache holds for the statements whose text is unchanged (cache may
// be nil); it returns the cache of this version (nil when text is nil:
// nothing is reused or kept), which is cache itself when there was one.
func UnitsReusing(m *ast.Module, text []byte, cache *UnitCache) ([]Unit, *UnitCache) {
	units, next, _ := UnitsReusingWhile(m, text, cache, nil)
	return units, next
}

// UnitsReusingWhile is UnitsReusing that gives up, returning false, as
// soon as more (checked between statements; nil for always) reports false:
// for work done while idle. (The cache then holds some of both versions'
// statements.)
func UnitsReusingWhile(m *ast.Module, text []byte, cache *UnitCache, more func() bool) ([]Unit, *UnitCache, bool) {
	var starts []int
	if text != nil {
		if cache == nil {
			cache = &UnitCache{units: map[string]*cachedUnit{}}
		}
		cache.version++
		starts = append(starts, 0)
		for i, b := range text {
			if b == '\n' {
				starts = append(starts, i+1)
			}
		}
	} else {
		cache = nil
	}
	// place makes buf a statement's cache key: its place (the class
	// around, whether it is a class's header, and for a def whether it
	// follows one of its name) and its text, from its first decorator (for
	// a class, up to its body); false when it has no text.
	var buf []byte
	place := func(s ast.Stmt, class string, chained bool) bool {
		if starts == nil {
			return false
		}
		sp := *s.Pos()
		sp.Lineno, sp.ColOffset = textStart(s)
		if x, ok := s.(*ast.ClassDef); ok {
			if len(x.Body) == 0 {
				return false
			}
			sp.EndLineno, sp.EndColOffset = textStart(x.Body[0])
		}
		lo, hi := int(sp.Lineno)-1, int(sp.EndLineno)-1
		if lo < 0 || hi >= len(starts) || sp.ColOffset < 0 || sp.EndColOffset < 0 {
			return false
		}
		from, to := starts[lo]+int(sp.ColOffset), starts[hi]+int(sp.EndColOffset)
		if from > to || to > len(text) {
			return false
		}
		_, isClass := s.(*ast.ClassDef)
		buf = append(buf[:0], class...)
		buf = append(buf, 0)
		buf = strconv.AppendBool(buf, chained)
		buf = strconv.AppendBool(buf, isClass)
		buf = append(buf, 0)
		buf = append(buf, text[from:to]...)
		return true
	}
	// unit returns a statement's unit, from the cache when it holds it
	// (the cache's lookup makes no string of the key).
	unit := func(s ast.Stmt, class, key string, chained bool) Unit {
		if !place(s, class, chained) {
			return unitOf(s, class, key, chained)
		}
		if c := cache.units[string(buf)]; c != nil {
			c.version = cache.version
			return c.unit
		}
		u := unitOf(s, class, key, chained)
		cache.units[string(buf)] = &cachedUnit{unit: u, version: cache.version}
		return u
	}
	var out []Unit
	stopped := false
	var walk func(body []ast.Stmt, class string)
	walk = func(body []ast.Stmt, class string) {
		prefix := ""
		if class != "" {
			prefix = class + "."
		}
		seen := map[string]int{}
		for i, s := range body {
			if stopped || more != nil && !more() {
				stopped = true
				return
			}
			var k string
			switch x := s.(type) {
			case *ast.FunctionDef:
				k = repeated(prefix+x.Name, seen)
			case *ast.ClassDef:
				k = repeated(prefix+x.Name, seen)
			}
			chained := i > 0 && sameDef(body[i-1], s)
			u := unit(s, class, k, chained)
			if k == "" {
				// (another statement is named by what it is, so that one
				// added above it does not rename it)
				k = repeated(prefix+"#"+hex.EncodeToString(u.Print[:6]), seen)
			}
			u.Key = k
			out = append(out, u)
			if c, ok := s.(*ast.ClassDef); ok {
				walk(c.Body, k)
			}
		}
	}
	walk(m.Body, "")
	if stopped {
		return nil, nil, false
	}
	if cache != nil {
		for k, c := range cache.units {
			if c.version != cache.version {
				delete(cache.units, k) // (a statement of an earlier version only)
			}
		}
	}
	return out, cache, true
}

// textStart is where a statement's text starts: at its first decorator's
// '@', or at the statement.
func textStart(s ast.Stmt) (line, col int32) {
	if d := ast.Decorators(s); len(d) > 0 {
		p := d[0].Pos()
		return p.Lineno, p.ColOffset - 1
	}
	p := s.Pos()
	return p.Lineno, p.ColOffset
}

// sameDef reports a def that follows a def of the same name (an overload's
// variant, a property's setter).
func sameDef(prev, s ast.Stmt) bool {
	f, ok := s.(*ast.FunctionDef)
	p, ok2 := prev.(*ast.FunctionDef)
	return ok && ok2 && f.Name == p.Name
}

// unitOf makes the unit of one statement of the body of class (the top
// level when "").
func unitOf(s ast.Stmt, class, key string, chained bool) Unit {
	u := Unit{Key: key, In: class, Defines: Defines(s), Imports: importedBy(s)}
	_, u.StarImport = starImport(s)
	switch x := s.(type) {
	case *ast.FunctionDef:
		u.IsDef, u.Name = true, x.Name
		if class != "" {
			u.Attrs = attributesAssigned(x)
		}
		u.Print, u.Header, u.Words, u.HeaderWords = reducedDef(x, chained)
	case *ast.ClassDef:
		u.IsClass, u.Name = true, x.Name
		header := *x
		header.Body = nil
		u.Print, u.Words = fingerprint(func(h *hasher) { h.node(reflect.ValueOf(header)) })
		u.Header = u.Print
	default:
		u.Bound = boundBy(s)
		u.Print, u.Words = fingerprint(func(h *hasher) { h.value(reflect.ValueOf(s)) })
	}
	return u
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

// fingerprint runs feed on a hasher that collects words and returns the
// fingerprint and the words.
func fingerprint(feed func(h *hasher)) (Fingerprint, map[string]bool) {
	h := &hasher{sum: sha256.New(), words: map[string]bool{}}
	feed(h)
	var out Fingerprint
	copy(out[:], h.sum.Sum(nil))
	return out, h.words
}

// reducedDef fingerprints a def as Interface reduces it, and its header
// alone, with the words of each; chained says whether the def follows one
// of the same name.
func reducedDef(f *ast.FunctionDef, chained bool) (print, header Fingerprint, words, headerWords map[string]bool) {
	g := *f
	g.Body = nil
	header, headerWords = fingerprint(func(h *hasher) {
		h.value(reflect.ValueOf(chained))
		h.node(reflect.ValueOf(g))
		// (Whether the body is trivial is part of what callers see: an
		// abstract method's call through super() is unsafe then.)
		h.value(reflect.ValueOf(trivial(f.Body)))
	})
	print, words = fingerprint(func(h *hasher) {
		h.value(reflect.ValueOf(chained))
		h.function(f)
	})
	return print, header, words, headerWords
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

// attributesAssigned returns the attributes a def's body assigns through
// an attribute target.
func attributesAssigned(f *ast.FunctionDef) []string {
	var out []string
	for _, n := range observable(f.Body) {
		ast.Inspect(n, func(n ast.Node) bool {
			if a, ok := n.(*ast.Attribute); ok && a.Ctx != ast.Load {
				out = append(out, a.Attr)
			}
			return true
		})
	}
	return out
}

// boundBy returns the names a statement other than a def or class binds in
// its body (the bodies of defs and classes in it are other scopes).
func boundBy(s ast.Stmt) []string {
	var out []string
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

// importedBy maps the names an import statement binds to the names it
// imports ("" for a module); nil for another statement, and for a star
// import.
func importedBy(s ast.Stmt) map[string]string {
	switch x := s.(type) {
	case *ast.Import:
		out := map[string]string{}
		for _, a := range x.Names {
			if a.Asname != "" {
				out[a.Asname] = ""
			} else {
				head, _, _ := strings.Cut(a.Name, ".")
				out[head] = ""
			}
		}
		return out
	case *ast.ImportFrom:
		if _, star := starImport(x); star {
			return nil
		}
		out := map[string]string{}
		for _, a := range x.Names {
			if a.Asname != "" {
				out[a.Asname] = a.Name
			} else {
				out[a.Name] = a.Name
			}
		}
		return out
	}
	return nil
}

// HasMultipleBases reports whether a module defines a class (at any depth)
// with more than one base: its check compares the definitions its bases
// give a name, which a change of any of their members may make
// incompatible.
func HasMultipleBases(m *ast.Module) bool {
	var in func(body []ast.Stmt) bool
	in = func(body []ast.Stmt) bool {
		found := false
		ast.EachStatement(body, func(s ast.Stmt) {
			switch x := s.(type) {
			case *ast.ClassDef:
				found = found || len(x.Bases) > 1 || in(x.Body)
			case *ast.FunctionDef:
				found = found || in(x.Body)
			}
		})
		return found
	}
	return in(m.Body)
}

// StructuralNames returns the names a module's classes let other code use
// without naming them: the members of its protocol classes (a class with
// a base named Protocol), which a structural comparison reads, and its
// abstract methods, whose implementation anywhere below decides whether a
// class can be instantiated. Nested classes count too.
func StructuralNames(m *ast.Module) []string {
	var out []string
	var walk func(body []ast.Stmt)
	walk = func(body []ast.Stmt) {
		for _, s := range body {
			c, ok := s.(*ast.ClassDef)
			if !ok {
				continue
			}
			protocol := false
			for _, b := range c.Bases {
				if sub, ok := b.(*ast.Subscript); ok {
					b = sub.Value
				}
				name := ast.DottedName(b)
				protocol = protocol || name == "Protocol" || strings.HasSuffix(name, ".Protocol")
			}
			for _, member := range c.Body {
				switch x := member.(type) {
				case *ast.FunctionDef:
					if protocol || abstract(x) {
						out = append(out, x.Name)
					}
					if protocol {
						out = append(out, attributesAssigned(x)...)
					}
				case *ast.ClassDef:
					if protocol {
						out = append(out, x.Name)
					}
				default:
					if protocol {
						out = append(out, boundBy(member)...)
					}
				}
			}
			walk(c.Body)
		}
	}
	walk(m.Body)
	return out
}

// abstract reports a def decorated @abstractmethod (or
// @abstractproperty).
func abstract(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		name := ast.DottedName(d)
		name = name[strings.LastIndexByte(name, '.')+1:]
		if name == "abstractmethod" || name == "abstractproperty" {
			return true
		}
	}
	return false
}
