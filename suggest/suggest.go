// Package suggest answers dmypy's suggest queries: a draft signature for
// a function, or the list of its call sites, over a checked program
// (checker.Snapshot).
//
// The search is mypy's: each parameter's candidate types come from the
// types its call sites pass (a constructor call is a call site of
// __init__ and __new__), its default and what the body passes it on to;
// each combination is tried by checking the def and its callers again as
// if it were annotated so (checker.Snapshot.Try), and the one with the
// fewest errors, then the most precise, is kept; the return type is then
// chosen the same way among the join and the union of what the body
// returns under that signature. Annotations the def has are kept.
package suggest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"typd/checker"
	"typd/checker/semanal"
	"typd/parser/ast"
)

// Options are suggest's flags.
type Options struct {
	// JSON answers with pyannotate's list of suggestions.
	JSON bool
	// Callsites lists the call sites instead of suggesting.
	Callsites bool
	// NoAny and FlexAny refuse a suggestion with Any in it, or with more
	// than the fraction FlexAny of its types Any (FlexAny < 0: unset).
	NoAny   bool
	FlexAny float64
	// UseFixme writes Any as this name.
	UseFixme string
	// NoErrors refuses a suggestion under which the function or its
	// callers have errors; MaxGuesses bounds the combinations of argument
	// types tried (0: 64, dmypy's default).
	NoErrors   bool
	MaxGuesses int
}

// Failure is a query that cannot be answered, with dmypy's message.
type Failure struct{ Msg string }

func (f *Failure) Error() string { return f.Msg }

func failf(format string, args ...any) error { return &Failure{Msg: fmt.Sprintf(format, args...)} }

// target is the function a query names.
type target struct {
	module *checker.Inspection
	// name is the function's name within its module ("C.f").
	name  string
	def   *ast.FunctionDef
	class *ast.ClassDef
}

// Run answers `suggest FUNCTION` over a checked program; FUNCTION is
// module.[Class.]function or path/to/file.py:line.
func Run(snap *checker.Snapshot, function string, o Options) (out string, err error) {
	snap.Exclusive(func(r checker.Reader) { out, err = run(r, function, o) })
	return out, err
}

// run is Run inside the snapshot's Exclusive.
func run(r checker.Reader, function string, o Options) (string, error) {
	ins := r.InspectAll()
	t, err := find(ins, function)
	if err != nil {
		return "", err
	}
	sites := callsites(ins, t)
	if o.Callsites {
		var lines []string
		for _, s := range sites {
			line := fmt.Sprintf("%s:%d: %s", s.path, s.line, s.format(o))
			if !slices.Contains(lines, line) {
				lines = append(lines, line)
			}
		}
		return strings.Join(lines, "\n"), nil
	}
	sig, err := suggestion(r, ins, t, sites, o)
	if err != nil {
		return "", err
	}
	args := make([]string, len(sig.params))
	for i, p := range sig.params {
		args[i] = p.prefix + formatType(p.typ, t.module, o)
	}
	ret := formatType(sig.ret, t.module, o)
	if !o.JSON {
		return fmt.Sprintf("(%s) -> %s", strings.Join(args, ", "), ret), nil
	}
	path, _ := filepath.Abs(t.module.Path)
	name := t.name
	if t.class != nil && (t.def.HasDecorator("staticmethod") || t.def.HasDecorator("classmethod")) {
		name = t.def.Name // pyannotate's names of class and static methods
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = pyJSON(a)
	}
	// As Python's json.dumps(sort_keys=True) writes it.
	return fmt.Sprintf(`[{"func_name": %s, "line": %d, "path": %s, "samples": 0, "signature": {"arg_types": [%s], "return_type": %s}}]`,
		pyJSON(name), t.def.Lineno, pyJSON(path), strings.Join(quoted, ", "), pyJSON(ret)), nil
}

// pyJSON quotes a string as Python's json module does by default: only
// ASCII out, other characters as \uXXXX escapes.
func pyJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r > 0x7f:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, `\u%04x`, u)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// find resolves a query's function.
func find(ins []*checker.Inspection, key string) (*target, error) {
	if strings.Contains(key, ":") {
		if strings.Count(key, ":") > 1 {
			return nil, failf("Malformed location for function: %s. Must be either package.module.Class.method or path/to/file.py:line", key)
		}
		file, lineText, _ := strings.Cut(key, ":")
		if !strings.HasSuffix(file, ".py") && !strings.HasSuffix(file, ".pyi") {
			return nil, failf("Source file is not a Python file")
		}
		line, err := strconv.Atoi(lineText)
		if err != nil || line < 0 || strings.ContainsAny(lineText, "+- ") {
			return nil, failf("Line number must be a number. Got %s", lineText)
		}
		for _, in := range ins {
			if filepath.Clean(in.Path) == filepath.Clean(file) {
				return byLine(in, line)
			}
		}
		return nil, failf("Unknown module: %s", file)
	}
	byName := map[string]*checker.Inspection{}
	for _, in := range ins {
		byName[in.Name] = in
	}
	var prog *semanal.Program
	if len(ins) > 0 {
		prog = ins[0].Program
	}
	mod, rest := key, []string{}
	for {
		if _, loaded := byName[mod]; loaded {
			break
		}
		if prog != nil && prog.Modules[mod] != nil {
			return nil, failf("Unknown function %s", key) // a library module: not checked
		}
		i := strings.LastIndexByte(mod, '.')
		if i < 0 {
			return nil, failf("Cannot find module for %s", key)
		}
		rest = append([]string{mod[i+1:]}, rest...)
		mod = mod[:i]
	}
	in := byName[mod]
	names := in.Program.Modules[mod].Names
	var class *ast.ClassDef
	if len(rest) == 0 {
		rest = []string{""}
	}
	for i, part := range rest[:len(rest)-1] {
		prefix := mod + "." + strings.Join(rest[:i+1], ".")
		sym := names[part]
		if sym == nil {
			return nil, failf("Unknown class %s", prefix)
		}
		d, ok := sym.Def.(*ast.ClassDef)
		if sym.Kind != semanal.Class || !ok {
			return nil, failf("Object %s is not a class", prefix)
		}
		class, names = d, in.Program.ScopeNames(mod, d)
	}
	name := rest[len(rest)-1]
	sym := names[name]
	if sym == nil {
		kind := "function"
		if len(rest) > 1 {
			kind = "method"
		}
		return nil, failf("Unknown %s %s", kind, key)
	}
	d, ok := sym.Def.(*ast.FunctionDef)
	if sym.Kind != semanal.Func || !ok {
		return nil, failf("Object %s is not a function", key)
	}
	return &target{module: in, name: strings.Join(rest, "."), def: d, class: class}, nil
}

// byLine finds the def that starts closest above a line of a module (a
// decorated one at its first decorator), among its functions and the
// methods of its classes.
func byLine(in *checker.Inspection, line int) (*target, error) {
	var best *target
	var bestStart int32
	var walk func(body []ast.Stmt, prefix string, class *ast.ClassDef)
	walk = func(body []ast.Stmt, prefix string, class *ast.ClassDef) {
		for _, s := range body {
			switch x := s.(type) {
			case *ast.FunctionDef:
				// A decorated def starts at its first decorator, as in mypy.
				start := x.Lineno
				if len(x.DecoratorList) > 0 {
					start = x.DecoratorList[0].Pos().Lineno
				}
				if int(start) <= line && (best == nil || start > bestStart) {
					best, bestStart = &target{module: in, name: prefix + x.Name, def: x, class: class}, start
				}
			case *ast.ClassDef:
				walk(x.Body, prefix+x.Name+".", x)
			}
		}
	}
	walk(in.Module.Body, "", nil)
	if best == nil {
		return nil, failf("Cannot find a function at line %d", line)
	}
	return best, nil
}

// isMethod reports whether the target takes its instance or class first.
func (t *target) isMethod() bool { return t.class != nil && !t.def.HasDecorator("staticmethod") }

// Annotation is a suggestion as an editor applies it: the type to write
// for each parameter of the def that has no annotation, and for its
// return when it has none ("" then).
type Annotation struct {
	Def    *ast.FunctionDef
	Params []ParamType
	Return string
}

// ParamType is a parameter and the type suggested for it.
type ParamType struct {
	Arg  *ast.Arg
	Type string
}

// Annotate suggests the signature of the def that starts closest above a
// line of the module at path, as Run does for path:line, in the form an
// editor's edit needs; it runs inside the snapshot's Exclusive.
func Annotate(r checker.Reader, path string, line int, o Options) (*Annotation, error) {
	ins := r.InspectAll()
	t, err := find(ins, fmt.Sprintf("%s:%d", path, line))
	if err != nil {
		return nil, err
	}
	sig, err := suggestion(r, ins, t, callsites(ins, t), o)
	if err != nil {
		return nil, err
	}
	out := &Annotation{Def: t.def}
	for i, p := range t.params() {
		if p.Annotation == nil {
			out.Params = append(out.Params, ParamType{Arg: p, Type: formatType(sig.params[i].typ, t.module, o)})
		}
	}
	if t.def.Returns == nil {
		out.Return = formatType(sig.ret, t.module, o)
	}
	return out, nil
}
