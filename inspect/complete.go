package inspect

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"typd/checker"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// CandidateKind is what a completion candidate names.
type CandidateKind int

// The kinds of candidates.
const (
	Variable CandidateKind = iota
	Function
	Method
	Property
	Class
	Module
	Keyword
)

// Candidate is a name valid at a position: its kind and, when known, its
// type as mypy writes it.
type Candidate struct {
	Name   string
	Kind   CandidateKind
	Detail string
}

// Attributes returns the attributes valid after `receiver.`, where
// receiver is the source text of an expression of the inspected module:
// the attributes of the type the check gave the closest expression with
// that text at or before the line (a module's names for a module; for a
// union, those of every item), in order, dunder names last. ok is false
// when no such expression has a known type.
func Attributes(ins *checker.Inspection, receiver string, line int) (out []Candidate, ok bool) {
	typed, dotted := closestByText(ins, receiver, line)
	e := &engine{ins: ins}
	var t types.Type
	switch {
	case typed != nil:
		t = ins.Types[typed]
	case dotted != nil:
		r, found := ins.Program.ResolveDotted(ins.Name, ast.DottedName(dotted))
		if !found || r.Module == "" {
			return nil, false
		}
		t = &types.Module{Name: r.Module}
	default:
		return nil, false
	}
	seen := map[string]bool{}
	add := func(c Candidate) {
		if !seen[c.Name] {
			seen[c.Name] = true
			out = append(out, c)
		}
	}
	if mt, isModule := t.(*types.Module); isModule {
		return ModuleMembers(ins, mt.Name), true
	}
	var classes []*types.Class
	if objects := classObjects(t); len(objects) > 0 {
		classes = objects
	} else if classes = classesOf(t, false); len(classes) == 0 {
		classes = e.objectClass()
	}
	common := map[string]int{}
	for _, c := range classes {
		names := map[string]bool{}
		for _, base := range c.MRO {
			for name := range base.Members {
				names[name] = true
			}
		}
		for name := range names {
			common[name]++
		}
	}
	var dunders []Candidate
	for _, c := range classes {
		for _, base := range c.MRO {
			for _, name := range slices.Sorted(maps.Keys(base.Members)) {
				if common[name] != len(classes) || seen[name] {
					continue
				}
				m := base.Members[name]
				cand := Candidate{Name: name, Kind: memberKind(m)}
				if mt := m.TypeOf(); mt != nil {
					cand.Detail = types.Format(mt, ins.Format)
				}
				if strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__") {
					seen[name] = true
					dunders = append(dunders, cand)
					continue
				}
				add(cand)
			}
		}
	}
	return append(out, dunders...), true
}

// ModuleMembers returns the public names a module of the program binds at
// its top level, sorted (what `module.` or `from module import` may
// name); none when the program has no such module.
func ModuleMembers(ins *checker.Inspection, module string) []Candidate {
	mod := ins.Program.Modules[module]
	if mod == nil {
		return nil
	}
	var out []Candidate
	for _, name := range slices.Sorted(maps.Keys(mod.Names)) {
		if name != "__builtins__" && !strings.HasPrefix(name, "_") {
			out = append(out, Candidate{Name: name, Kind: symbolKind(mod.Names[name])})
		}
	}
	return out
}

// closestByText returns the last expression at or before a line whose
// source text is text and whose type the check recorded (typed), and the
// last such dotted name without a type (dotted: a module's name, which
// the check resolves rather than types).
func closestByText(ins *checker.Inspection, text string, line int) (typed, dotted ast.Expr) {
	starts := lineOffsets(ins.Text)
	expressions(ins.Module, 1, line, func(x ast.Expr) bool {
		p := x.Pos()
		if int(p.Lineno) > line {
			return false
		}
		if sourceText(ins.Text, starts, x) == text {
			if _, ok := ins.Types[x]; ok {
				typed = x
			} else if ast.DottedName(x) != "" {
				dotted = x
			}
		}
		return true
	})
	return typed, dotted
}

// Signature is one signature of a callee, as an editor shows it while the
// arguments are typed: a label, and the byte offsets of each parameter in
// it.
type Signature struct {
	Label  string
	Params [][2]int
}

// Signatures returns the signatures of the callee whose source text is
// callee, found as Attributes finds a receiver (one per variant of an
// overloaded function); none when its type is not a function's.
func Signatures(ins *checker.Inspection, callee string, line int) []Signature {
	typed, _ := closestByText(ins, callee, line)
	if typed == nil {
		return nil
	}
	var variants []*types.Callable
	switch t := ins.Types[typed].(type) {
	case *types.Callable:
		variants = []*types.Callable{t}
	case *types.Overloaded:
		variants = t.Items
	}
	name := callee[strings.LastIndexByte(callee, '.')+1:]
	var out []Signature
	for _, c := range variants {
		var b strings.Builder
		sig := Signature{}
		b.WriteString(name + "(")
		for i, p := range c.Params {
			if i > 0 {
				b.WriteString(", ")
			}
			start := b.Len()
			switch p.Kind {
			case types.ArgStar:
				b.WriteString("*")
			case types.ArgStar2:
				b.WriteString("**")
			}
			b.WriteString(p.Name)
			if p.Type != nil {
				if p.Name != "" {
					b.WriteString(": ")
				}
				b.WriteString(types.Format(p.Type, ins.Format))
			}
			if p.Kind == types.ArgOpt || p.Kind == types.ArgNamedOpt {
				b.WriteString(" = ...")
			}
			sig.Params = append(sig.Params, [2]int{start, b.Len()})
		}
		b.WriteString(")")
		if c.Ret != nil {
			b.WriteString(" -> " + types.Format(c.Ret, ins.Format))
		}
		sig.Label = b.String()
		out = append(out, sig)
	}
	return out
}

// Names returns the names visible at a position of the inspected module:
// the parameters and locals of the functions around it (innermost first),
// the module's names and the builtins, then Python's keywords.
func Names(ins *checker.Inspection, line, col int) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	add := func(c Candidate) {
		if !seen[c.Name] {
			seen[c.Name] = true
			out = append(out, c)
		}
	}
	for _, s := range slices.Backward(scopesAt(ins.Module, line)) {
		f, ok := s.(*ast.FunctionDef)
		if !ok {
			continue
		}
		for _, a := range f.Args.All() {
			add(Candidate{Name: a.Arg, Kind: Variable})
		}
		locals := ins.Program.ScopeNames(ins.Name, f)
		for _, name := range inBindingOrder(locals) {
			add(Candidate{Name: name, Kind: symbolKind(locals[name])})
		}
	}
	for _, module := range []string{ins.Name, "builtins"} {
		mod := ins.Program.Modules[module]
		if mod == nil {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(mod.Names)) {
			if module == "builtins" && strings.HasPrefix(name, "_") {
				continue
			}
			add(Candidate{Name: name, Kind: symbolKind(mod.Names[name])})
		}
	}
	for _, k := range keywords {
		add(Candidate{Name: k, Kind: Keyword})
	}
	return out
}

// inBindingOrder lists the names of a scope that statements bind (not
// its parameters) in the order of their first bindings.
func inBindingOrder(names semanal.Table) []string {
	var out []string
	for name, sym := range names {
		if sym.First != nil {
			out = append(out, name)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		pa, pb := names[a].First.Pos(), names[b].First.Pos()
		return cmp.Or(cmp.Compare(pa.Lineno, pb.Lineno), cmp.Compare(pa.ColOffset, pb.ColOffset), strings.Compare(a, b))
	})
	return out
}

// keywords are Python's keywords and soft keywords.
var keywords = []string{"False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class",
	"continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
	"is", "lambda", "match", "nonlocal", "not", "or", "pass", "raise", "return", "try", "type", "while", "with",
	"yield"}

// scopesAt returns the defs and classes whose lines hold line, outermost
// first.
func scopesAt(mod *ast.Module, line int) []ast.Stmt {
	var out []ast.Stmt
	body := mod.Body
	for {
		var next []ast.Stmt
		for _, s := range body {
			if outside(s, line, line) {
				continue
			}
			switch x := s.(type) {
			case *ast.FunctionDef:
				out = append(out, x)
				next = x.Body
			case *ast.ClassDef:
				out = append(out, x)
				next = x.Body
			default:
				for _, b := range ast.Blocks(s) {
					if len(b) > 0 && !outside(b[0], 1, line) {
						next = append(next, b...)
					}
				}
			}
			break
		}
		if next == nil {
			return out
		}
		body = next
	}
}

// sourceText is the text of an expression in the module's source, whose
// lines start at the given offsets.
func sourceText(text []byte, starts []int, x ast.Expr) string {
	p := x.Pos()
	if p.Lineno < 1 || int(p.EndLineno) > len(starts) {
		return ""
	}
	start, end := starts[p.Lineno-1]+int(p.ColOffset), starts[p.EndLineno-1]+int(p.EndColOffset)
	if end < start || end > len(text) {
		return ""
	}
	return string(text[start:end])
}

// lineOffsets returns the byte offset at which each line starts.
func lineOffsets(text []byte) []int {
	starts := []int{0}
	for i, b := range text {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func symbolKind(s *semanal.Symbol) CandidateKind {
	switch s.Kind {
	case semanal.Func:
		return Function
	case semanal.Class:
		return Class
	case semanal.ModuleRef:
		return Module
	}
	return Variable
}

func memberKind(m *types.Member) CandidateKind {
	switch {
	case m.IsProperty:
		return Property
	case m.IsMethod:
		return Method
	}
	if _, isClass := m.Type.(*types.TypeType); isClass {
		return Class
	}
	return Variable
}

// Hint is an inferred type an editor shows inline: after the name at a
// 1-based line and byte column, the label (": int").
type Hint struct {
	Line, Col int
	Label     string
}

// VariableTypes returns, for the assignments of the inspected module that
// start on lines lo..hi, the type the check inferred for each plain name
// they assign without an annotation (`x = f()` shows `x: T`); Any and
// unknown types are left out.
func VariableTypes(ins *checker.Inspection, lo, hi int) []Hint {
	var out []Hint
	var visit func(body []ast.Stmt)
	visit = func(body []ast.Stmt) {
		for _, s := range body {
			if outside(s, lo, hi) {
				continue
			}
			if a, ok := s.(*ast.Assign); ok && int(a.Lineno) >= lo {
				for _, target := range a.Targets {
					ast.TargetLeaves(target, func(x ast.Expr) {
						n, isName := x.(*ast.Name)
						if !isName {
							return
						}
						t, known := ins.Types[n]
						if _, isAny := t.(*types.Any); !known || isAny {
							return
						}
						out = append(out, Hint{Line: int(n.EndLineno), Col: int(n.EndColOffset), Label: ": " + types.Format(t, ins.Format)})
					})
				}
			}
			for _, block := range ast.Blocks(s) {
				visit(block)
			}
		}
	}
	visit(ins.Module.Body)
	return out
}
