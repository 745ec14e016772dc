// Package inspect answers questions about a checked module
// (checker.Inspection): dmypy's inspect queries (the types of the
// expressions at a location, the attributes valid on them, where the names
// they use are defined), in the formats `dmypy inspect` prints, and the
// same answers in structured form for an editor (At, TypeAt, Definitions),
// with what completion, signature help and inlay hints need (Attributes,
// Names, ModuleMembers, Signatures, VariableTypes).
package inspect

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"typd/checker"
	"typd/checker/types"
	"typd/parser/ast"
)

// Options are inspect's flags.
type Options struct {
	// Show is "type" (the default), "attrs" or "definition".
	Show string
	// Verbosity counts -v: 1 writes classes of attrs by full name, 2 types'
	// classes too.
	Verbosity int
	// Limit keeps the innermost Limit answers of a position (0: all).
	Limit int
	// IncludeSpan and IncludeKind prefix each answer with the
	// expression's span and mypy's name of its kind.
	IncludeSpan, IncludeKind bool
	// IncludeObjectAttrs lists object's attributes too; UnionAttrs lists
	// the attributes of any item of a union, not only of all of them.
	IncludeObjectAttrs, UnionAttrs bool
	// ForceReload says the front end checked again before the inspection
	// (dmypy's --force-reload); it changes the wording of a missing type.
	ForceReload bool
}

// Location is a parsed LOCATION: a file and a position (2 numbers) or a
// span (4 numbers), 1-based with inclusive ends.
type Location struct {
	File string
	Pos  []int
	// Where is the location after its first colon, as messages quote it.
	Where string
}

// ErrFormat is the answer to a location without its numbers.
var ErrFormat = errors.New("Format should be file:line:column[:end_line:end_column]")

// ParseLocation splits file:line:column[:end_line:end_column]; the file
// may itself hold colons (a Windows drive).
func ParseLocation(loc string) (Location, error) {
	if strings.Count(loc, ":") < 2 {
		return Location{}, ErrFormat
	}
	file, nums := splitLast(loc, 2)
	if strings.Count(file, ":") >= 2 {
		var more []string
		file, more = splitLast(file, 2)
		nums = append(more, nums...)
		if strings.Count(file, ":") >= 2 {
			return Location{}, ErrFormat
		}
	}
	out := Location{File: file}
	_, out.Where, _ = strings.Cut(loc, ":")
	for _, n := range nums {
		v, err := strconv.Atoi(strings.TrimSpace(n))
		if err != nil {
			return Location{}, fmt.Errorf("invalid literal for int() with base 10: '%s'", n)
		}
		out.Pos = append(out.Pos, v)
	}
	return out, nil
}

// splitLast splits off the last n colon-separated fields.
func splitLast(s string, n int) (string, []string) {
	var fields []string
	for range n {
		i := strings.LastIndexByte(s, ':')
		fields = append([]string{s[i+1:]}, fields...)
		s = s[:i]
	}
	return s, fields
}

// IsPythonFile reports whether a path names a Python source or stub.
func IsPythonFile(path string) bool {
	return strings.HasSuffix(path, ".py") || strings.HasSuffix(path, ".pyi")
}

// Answer is what an inspection prints and its exit status (1 when some
// expression had no answer).
type Answer struct {
	Out    string
	Status int
}

// Query answers dmypy's `inspect LOCATION` over a checked program: the
// location is parsed, its file found among the program's modules (by the
// path the check knows it by, or by its absolute or relative form from the
// working folder: editors send absolute paths) and inspected. The error is
// a malformed location, printed as dmypy prints its errors.
func Query(snap *checker.Snapshot, location string, o Options) (ans Answer, err error) {
	loc, err := ParseLocation(location)
	if err != nil {
		return Answer{}, err
	}
	if !IsPythonFile(loc.File) {
		return Answer{}, errors.New("Source file is not a Python file")
	}
	snap.Exclusive(func(r checker.Reader) {
		ins, unknown := r.Inspect(loc.File)
		if errors.Is(unknown, checker.ErrUnknownModule) {
			if alt, ok := otherPathForm(loc.File); ok {
				ins, unknown = r.Inspect(alt)
			}
		}
		if unknown != nil {
			ans = Answer{Out: "Unknown module: " + loc.File, Status: 1}
			return
		}
		ans, err = Run(ins, loc, o)
	})
	return ans, err
}

// otherPathForm is a path as the working folder makes it relative when it
// is absolute, or absolute when it is relative.
func otherPathForm(path string) (string, bool) {
	cwd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	if !filepath.IsAbs(path) {
		return filepath.Join(cwd, path), true
	}
	rel, err := filepath.Rel(cwd, path)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return rel, true
}

// Run inspects the expressions at a location of a module. An error is a
// malformed span (printed as an error, status 2).
func Run(ins *checker.Inspection, loc Location, o Options) (Answer, error) {
	e := &engine{ins: ins, o: o, format: ins.Format, roles: map[ast.Expr]rewritten{}}
	e.format.Qualified = o.Verbosity >= 2
	e.format.ArgConstructors = true
	e.format.ArgNames = o.Verbosity >= 1
	method := e.typeOf
	switch o.Show {
	case "attrs":
		method = e.attrs
	case "definition":
		method = e.definition
	}
	var ans Answer
	if len(loc.Pos) == 4 {
		line, col, endLine, endCol := loc.Pos[0], loc.Pos[1]-1, loc.Pos[2], loc.Pos[3]
		if endLine < line {
			return Answer{}, errors.New(`"end_line" must not be before "line"`)
		}
		if endLine == line && endCol <= col {
			return Answer{}, errors.New(`"end_column" must be after "column"`)
		}
		x := findExact(ins.Module, line, col, endLine, endCol, e.roles)
		if x == nil {
			return Answer{Out: fmt.Sprintf("Can't find expression at span %d:%d:%d:%d", loc.Pos[0], loc.Pos[1], endLine, endCol),
				Status: 1}, nil
		}
		out, ok := method(x)
		ans = Answer{Out: out}
		if !ok {
			ans.Status = 1
		}
	} else {
		line, col := loc.Pos[0], loc.Pos[1]-1
		found := mypyAt(ins.Module, line, col, e.roles)
		if len(found) == 0 {
			return Answer{Out: fmt.Sprintf("Can't find any expressions at position %d:%d", line, loc.Pos[1]), Status: 1}, nil
		}
		var outs []string
		for _, x := range found {
			out, ok := method(x)
			if !ok {
				ans.Status = 1
			}
			if out != "" {
				outs = append(outs, out)
			}
		}
		if o.Limit > 0 && len(outs) > o.Limit {
			outs = outs[:o.Limit]
		}
		ans.Out = strings.Join(outs, "\n")
	}
	if o.Show == "definition" && ans.Out == "" {
		return Answer{Out: "No name or member expressions at " + loc.Where, Status: 1}, nil
	}
	return ans, nil
}

// engine answers the inspections of one request.
type engine struct {
	ins    *checker.Inspection
	o      Options
	format types.FormatOptions
	// roles are the nodes of the f-strings' rewritings (see fstringView).
	roles map[ast.Expr]rewritten
}

// typeAt is the type of an expression of the parse, or of an f-string's
// rewriting; false when the check recorded none.
func (e *engine) typeAt(x ast.Expr) (types.Type, bool) {
	if t, ok := e.ins.Types[x]; ok {
		return t, true
	}
	if r, ok := e.roles[x]; ok {
		return e.typeOfRewritten(r)
	}
	return nil, false
}

// prefixed adds the kind and span prefixes the options ask for.
func (e *engine) prefixed(x ast.Expr, out string) string {
	var prefixes []string
	if e.o.IncludeKind {
		prefixes = append(prefixes, Kind(x))
	}
	if e.o.IncludeSpan {
		prefixes = append(prefixes, span(x))
	}
	if len(prefixes) == 0 {
		return out
	}
	return strings.Join(prefixes, ":") + " -> " + out
}

// missingType is the answer for an expression the check did not reach.
func (e *engine) missingType(x ast.Expr) string {
	alt := " or try --force-reload"
	if e.o.ForceReload {
		alt = ""
	}
	return fmt.Sprintf("No known type available for %q (maybe unreachable%s)", Kind(x), alt)
}

// typeOf answers --show type.
func (e *engine) typeOf(x ast.Expr) (string, bool) {
	t, ok := e.typeAt(x)
	if !ok {
		return e.missingType(x), false
	}
	return e.prefixed(x, `"`+types.Format(t, e.format)+`"`), true
}

// span writes an expression's span as mypy's messages do: 1-based start
// column, inclusive end column.
func span(x ast.Expr) string {
	p := x.Pos()
	if p.EndLineno == noEnd {
		return fmt.Sprintf("%d:%d:None:None", p.Lineno, p.ColOffset+1)
	}
	return fmt.Sprintf("%d:%d:%d:%d", p.Lineno, p.ColOffset+1, p.EndLineno, p.EndColOffset)
}
