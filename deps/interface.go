// Package deps decides what a change to one module makes stale, in it and
// in the others. Units and Changed compare two versions of a module
// statement by statement and name what changed, closed over the names
// each statement's observable form reads; the session re-checks only the
// code that names those (DESIGN.md invariant 4). Interface and Surface
// fingerprint what other modules can observe of a module, so an edit that
// leaves it unchanged (a function body, a comment, a line added above a
// definition) reaches no other module. Snapshot and Diff are mypy's view
// of the same question (mypy/server/astdiff.py): which names of a module a
// new version changes, with their types, as `typd debug diff` prints them.
// Dependencies is mypy's dependency map of a checked module
// (mypy/server/deps.py), trigger to targets, as `typd debug deps` prints
// it; the session does not keep it.
package deps

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"reflect"
	"slices"
	"strings"

	"typd/parser/ast"
)

// Fingerprint is a hash of what other modules can observe of a module.
type Fingerprint [32]byte

// Interface fingerprints a module's syntax tree with positions left out and
// with each function body reduced to what other modules can observe of
// it: the statements that assign an attribute (self.x = ... defines x) or
// declare a name global or nonlocal, and whether the body yields (a
// generator's type comes from its body) or is trivial (an abstract or
// protocol member with a trivial body is treated differently). When an
// attribute's type is inferred from a value that reads a name (`self.x =
// x`), the body up to that statement counts in full: the name's type
// there comes from the flow before it (its declarations, assignments and
// narrowings); what runs after it cannot change it. Everything outside function bodies (imports,
// module and class level statements, signatures, decorators, type
// comments) stays in full.
//
// Messages about a module cite only its names and types, never its line
// numbers, which is why positions are left out; a message that cites a
// position in another module must add it here, and an inference that reads
// more of a body must keep more of it.
func Interface(m *ast.Module) Fingerprint { return Surface(m, nil) }

// Surface is Interface with the top-level definitions of the hidden names
// left out: the def, class or single-name assignment or declaration
// statements that bind nothing else (see Defines). A definition nothing
// else in the program names cannot change what another module's check
// finds, so the session hides such names from the modules that depend on
// their module.
func Surface(m *ast.Module, hidden map[string]bool) Fingerprint {
	return SurfaceOf(Units(m), hidden)
}

// SurfaceOf is Surface from a module's units (see Units): the fingerprints
// of its statements, a class's as its header's and its body's, in order.
func SurfaceOf(units []Unit, hidden map[string]bool) Fingerprint {
	h := sha256.New()
	skipping := ""
	for i := range units {
		u := &units[i]
		if skipping != "" && (u.In == skipping || strings.HasPrefix(u.In, skipping+".")) {
			continue
		}
		skipping = ""
		if u.In == "" && u.Defines != "" && hidden[u.Defines] {
			if u.IsClass {
				skipping = u.Key
			}
			continue
		}
		h.Write([]byte(u.In + "\x00")) // (where a class body ends)
		h.Write(u.Print[:])
	}
	var out Fingerprint
	copy(out[:], h.Sum(nil))
	return out
}

// Defines returns the one name a top-level statement binds when it is a
// plain definition: a def, a class, or an assignment or declaration of
// that name alone (`x = ...`, `x: T`, `x: T = ...`); "" for any other
// statement.
func Defines(s ast.Stmt) string {
	switch x := s.(type) {
	case *ast.FunctionDef:
		return x.Name
	case *ast.ClassDef:
		return x.Name
	case *ast.Assign:
		if len(x.Targets) == 1 {
			if n, ok := x.Targets[0].(*ast.Name); ok {
				return n.ID
			}
		}
	case *ast.AnnAssign:
		if n, ok := x.Target.(*ast.Name); ok && x.Simple == 1 {
			return n.ID
		}
	}
	return ""
}

// hasher feeds a syntax tree to a hash; when words is set, it also
// collects the words of every name and string it feeds (see Units).
type hasher struct {
	sum   hash.Hash
	words map[string]bool
}

var spanType = reflect.TypeOf(ast.Span{})

func (h *hasher) str(s string) {
	h.num(uint64(len(s)))
	h.sum.Write([]byte(s))
}

func (h *hasher) num(n uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], n)
	h.sum.Write(b[:])
}

// value feeds a node, a list or a leaf to the hash, tagged with its kind so
// that different shapes cannot collide.
func (h *hasher) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Slice:
		h.str("[")
		h.num(uint64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			h.value(v.Index(i))
		}
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			h.str("nil")
			return
		}
		if v.Kind() == reflect.Interface {
			h.value(v.Elem())
			return
		}
		if f, ok := v.Interface().(*ast.FunctionDef); ok {
			h.function(f)
			return
		}
		h.node(v.Elem())
	case reflect.Struct:
		if c, ok := v.Interface().(ast.Value); ok {
			h.str(c.Repr())
			if h.words != nil && c.Kind == ast.StrValue {
				h.addWords(c.Str)
			}
			return
		}
		h.node(v)
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		h.num(map[bool]uint64{false: 0, true: 1}[v.Bool()])
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.num(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		h.num(v.Uint())
	default:
		h.str(fmt.Sprintf("%s:%v", v.Type(), v.Interface()))
	}
}

// node feeds a struct's fields, skipping its position. The words it
// collects are the names the node reads: a name's, an attribute's, and
// those in a type comment (a def's, a parameter's, a keyword's own name
// reads nothing).
func (h *hasher) node(s reflect.Value) {
	t := s.Type()
	h.str(t.Name())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == spanType {
			continue
		}
		if h.words != nil && f.Type.Kind() == reflect.String {
			switch {
			case t == nameType && f.Name == "ID", t == attributeType && f.Name == "Attr", f.Name == "TypeComment":
				h.addWords(s.Field(i).String())
			}
		}
		h.value(s.Field(i))
	}
}

var nameType, attributeType = reflect.TypeOf(ast.Name{}), reflect.TypeOf(ast.Attribute{})

// function feeds a def: everything but the body, then the body's
// observable statements and facts.
func (h *hasher) function(f *ast.FunctionDef) {
	g := *f
	g.Body = nil
	h.node(reflect.ValueOf(g))
	h.str("body")
	for _, s := range observable(f.Body) {
		h.value(reflect.ValueOf(s))
	}
	h.value(reflect.ValueOf(ast.IsGenerator(f.Body)))
	h.value(reflect.ValueOf(trivial(f.Body)))
}

// observable lists, in order, the statements of a body (nested blocks and
// functions included) that other modules can observe: assignments to an
// attribute, for loops and with statements that bind one (without their
// bodies), and global and nonlocal declarations; and, when an attribute's
// inferred type depends on the flow (see Interface), the body's
// statements up to the last one holding such an assignment, in full, but
// for those that cannot change the types the attribute values read (see
// flowIndependent).
func observable(body []ast.Stmt) []ast.Node {
	var out []ast.Node
	flowUpTo := -1
	read := map[string]bool{} // the names the attribute values read
	for i, s := range body {
		flow := false
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Global, *ast.Nonlocal:
				out = append(out, n)
			case *ast.Assign:
				if slices.ContainsFunc(n.Targets, assignsAttribute) {
					out = append(out, n)
					flow = namesRead(n.Value, read) || flow
				}
			case *ast.AnnAssign:
				if assignsAttribute(n.Target) {
					out = append(out, n) // (declared: the flow does not matter)
				}
			case *ast.AugAssign:
				if assignsAttribute(n.Target) {
					out = append(out, n)
					flow = namesRead(n.Value, read) || flow
				}
			case *ast.For:
				if assignsAttribute(n.Target) {
					out = append(out, n.Target, n.Iter)
					flow = namesRead(n.Iter, read) || flow
				}
			case *ast.WithItem:
				if n.OptionalVars != nil && assignsAttribute(n.OptionalVars) {
					out = append(out, n)
					flow = namesRead(n.ContextExpr, read) || flow
				}
			}
			return true
		})
		if flow {
			flowUpTo = i
		}
	}
	if flowUpTo < 0 {
		return out
	}
	dependsOn(body, read)
	for _, s := range body[:flowUpTo+1] {
		if !flowIndependent(s, read) {
			out = append(out, s)
		}
	}
	return out
}

// namesRead adds the variables an expression reads to read and reports
// whether it reads any.
func namesRead(e ast.Expr, read map[string]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if name, ok := n.(*ast.Name); ok {
			read[name.ID], found = true, true
		}
		return true
	})
	return found
}

// dependsOn grows read with the names that the assignments of a body (its
// nested blocks included) read to give a value to a name in read, until
// nothing more is added.
func dependsOn(body []ast.Stmt, read map[string]bool) {
	for grown := true; grown; {
		grown = false
		for _, s := range body {
			ast.Inspect(s, func(n ast.Node) bool {
				var targets []ast.Expr
				var value ast.Expr
				switch n := n.(type) {
				case *ast.Assign:
					targets, value = n.Targets, n.Value
				case *ast.AnnAssign:
					targets, value = []ast.Expr{n.Target}, n.Value
				case *ast.AugAssign:
					targets, value = []ast.Expr{n.Target}, n.Value
				case *ast.For:
					targets, value = []ast.Expr{n.Target}, n.Iter
				case *ast.NamedExpr:
					targets, value = []ast.Expr{n.Target}, n.Value
				case *ast.WithItem:
					if n.OptionalVars != nil {
						targets, value = []ast.Expr{n.OptionalVars}, n.ContextExpr
					}
				}
				if value == nil || !bindsAny(targets, read) {
					return true
				}
				before := len(read)
				namesRead(value, read)
				grown = grown || len(read) > before
				return true
			})
		}
	}
}

// bindsAny reports whether assignment targets bind one of the names.
func bindsAny(targets []ast.Expr, names map[string]bool) bool {
	found := false
	for _, t := range targets {
		ast.TargetLeaves(t, func(e ast.Expr) {
			if n, ok := e.(*ast.Name); ok && names[n.ID] {
				found = true
			}
		})
	}
	return found
}

// flowIndependent reports a statement that cannot change the type of a
// read name where an attribute is assigned: pass, a constant expression
// (a docstring), or an assignment to other plain names whose value calls
// nothing (so it cannot end the flow, as a NoReturn call does).
func flowIndependent(s ast.Stmt, read map[string]bool) bool {
	var targets, values []ast.Expr
	switch s := s.(type) {
	case *ast.Pass:
		return true
	case *ast.ExprStmt:
		_, ok := s.Value.(*ast.Constant)
		return ok
	case *ast.Assign:
		targets, values = s.Targets, []ast.Expr{s.Value}
	case *ast.AnnAssign:
		targets, values = []ast.Expr{s.Target}, []ast.Expr{s.Value, s.Annotation}
	case *ast.AugAssign:
		targets, values = []ast.Expr{s.Target}, []ast.Expr{s.Value}
	default:
		return false
	}
	for _, t := range targets {
		if _, ok := t.(*ast.Name); !ok {
			return false
		}
	}
	if bindsAny(targets, read) {
		return false
	}
	calls := false
	for _, v := range values {
		ast.Inspect(v, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.Call, *ast.Await, *ast.Yield, *ast.YieldFrom, *ast.NamedExpr, *ast.Lambda:
				calls = true
			}
			return !calls
		})
	}
	return !calls
}

// assignsAttribute reports whether an assignment target stores into an
// attribute.
func assignsAttribute(target ast.Expr) bool {
	found := false
	ast.TargetLeaves(target, func(e ast.Expr) {
		if _, ok := e.(*ast.Attribute); ok {
			found = true
		}
	})
	return found
}

// trivial reports whether a body only documents, passes, says `...` or
// raises NotImplementedError.
func trivial(body []ast.Stmt) bool {
	for i, s := range body {
		switch s := s.(type) {
		case *ast.Pass:
		case *ast.ExprStmt:
			c, ok := s.Value.(*ast.Constant)
			if !ok || !(c.Value.Kind == ast.EllipsisValue || (i == 0 && c.Value.Kind == ast.StrValue)) {
				return false
			}
		case *ast.Raise:
			if n := ast.DottedName(s.Exc); n != "NotImplementedError" {
				if call, ok := s.Exc.(*ast.Call); !ok || ast.DottedName(call.Func) != "NotImplementedError" {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}
