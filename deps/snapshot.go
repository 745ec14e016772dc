package deps

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"typd/checker/check"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// Snapshot is what other modules can see of a module's names, or of a
// class's, as mypy's fine-grained mode snapshots a symbol table
// (mypy/server/astdiff.py): for each name an entry whose description
// changes exactly when what the name is does (its kind, declared or
// inferred type, signature and flags; for a class its MRO, bases and type
// parameters), with a class's own names nested in its entry. Names
// imported from another module are described by what they refer to, not
// by what that is: a change there is that module's to report.
type Snapshot map[string]Entry

// Entry is one name of a Snapshot: its description and, for a class, its
// own names.
type Entry struct {
	Desc    string
	Members Snapshot
}

// Diff returns, sorted, the fully qualified names (prefix.name, and
// prefix.C.name for a class's names) whose entries differ between two
// snapshots of the same module or class: names only one has, names whose
// kind or description changed, and, inside a class both have, its names
// that differ (a class whose members alone changed is not itself named).
func Diff(prefix string, old, new Snapshot) []string {
	var changed []string
	for name, o := range old {
		full := prefix + "." + name
		n, ok := new[name]
		switch {
		case !ok:
			changed = append(changed, full)
		case o.Members == nil || n.Members == nil:
			if o.Desc != n.Desc || (o.Members == nil) != (n.Members == nil) {
				changed = append(changed, full)
			}
		default:
			if o.Desc != n.Desc {
				changed = append(changed, full)
			}
			changed = append(changed, Diff(full, o.Members, n.Members)...)
		}
	}
	for name := range new {
		if _, ok := old[name]; !ok {
			changed = append(changed, prefix+"."+name)
		}
	}
	slices.Sort(changed)
	return changed
}

// Take snapshots the top-level names of a module of an analysed program;
// d types what the module's names and classes' members are.
func Take(p *semanal.Program, module string, d *check.Describer) Snapshot {
	mod := p.Modules[module]
	if mod == nil {
		return nil
	}
	t := &taker{p: p, module: module, d: d, seen: map[*types.Class]bool{}}
	out := Snapshot{}
	for name, s := range mod.Names {
		out[name] = t.symbol(name, s)
	}
	return out
}

type taker struct {
	p      *semanal.Program
	module string
	d      *check.Describer
	// seen guards against a class met again inside itself.
	seen map[*types.Class]bool
}

// symbol describes one top-level name.
func (t *taker) symbol(name string, s *semanal.Symbol) Entry {
	switch s.Kind {
	case semanal.ModuleRef:
		return Entry{Desc: "Moduleref " + s.Module}
	case semanal.Imported:
		target, ok := t.p.Resolve(t.module, name)
		switch {
		case !ok:
			return Entry{Desc: "CrossRef " + s.Module + "." + s.Attr + " (unresolved)"}
		case target.Module != "":
			return Entry{Desc: "Moduleref " + target.Module}
		}
		return Entry{Desc: "CrossRef " + target.Owner + "." + target.Sym.Name + " " + nodeKind(target.Sym)}
	case semanal.Class:
		cls := t.p.Class(t.module, s)
		if cls == nil {
			return Entry{Desc: "Class (not built)"}
		}
		return t.class(cls)
	case semanal.Func:
		return Entry{Desc: t.function(s)}
	}
	if tv := t.p.DefinedTypeVar(t.module, s); tv != nil {
		return Entry{Desc: "TypeVar " + typeKey(tv, nil)}
	}
	if target, params, ok := t.p.AliasTarget(t.module, s); ok {
		ps := make([]string, len(params))
		for i, tv := range params {
			ps[i] = typeKey(tv, nil)
		}
		return Entry{Desc: "TypeAlias [" + strings.Join(ps, ",") + "] " + typeKey(target, nil) + t.typingHead(s)}
	}
	return Entry{Desc: "Var " + typeKey(t.d.Name(s), nil) + finalMark(s.Final || s.Annotation != nil && isFinal(s.Annotation))}
}

// typingHead names the typing module's name an alias's value is written
// with (List, List[int]): mypy marks such an alias normalized, and
// `A = List` and `A = list` differ.
func (t *taker) typingHead(s *semanal.Symbol) string {
	v := s.Value
	if sub, ok := v.(*ast.Subscript); ok {
		v = sub.Value
	}
	dotted := ast.DottedName(v)
	if dotted == "" {
		return ""
	}
	target, ok := t.p.ResolveDotted(t.module, dotted)
	if !ok || target.Sym == nil || target.Owner != "typing" && target.Owner != "typing_extensions" {
		return ""
	}
	return " normalized"
}

// function describes a top-level def: its signature (an unannotated
// def's parameter names and kinds), and for a decorated def also the
// type the decorators give it.
func (t *taker) function(s *semanal.Symbol) string {
	def, _ := s.Def.(*ast.FunctionDef)
	sig := t.p.FuncType(t.module, s)
	var desc string
	if def != nil && !def.IsAnnotated() && len(s.Variants) == 0 {
		desc = "Func untyped " + untypedParams(def)
	} else {
		desc = "Func " + typeKey(sig, nil)
	}
	if def != nil && len(def.DecoratorList) > 0 && len(s.Variants) == 0 {
		return "Decorator " + typeKey(t.d.Name(s), nil) + " " + desc
	}
	return desc
}

// class describes a class: what mypy's TypeInfo snapshot holds outside
// its names, and its names (members, attributes assigned through self,
// nested classes), with the abstract attributes under "(abstract)".
func (t *taker) class(cls *types.Class) Entry {
	if t.seen[cls] {
		return Entry{Desc: "TypeInfo " + cls.FullName + " (cycle)", Members: Snapshot{}}
	}
	t.seen[cls] = true
	defer delete(t.seen, cls)
	var b strings.Builder
	b.WriteString("TypeInfo")
	flag := func(name string, on bool) {
		if on {
			b.WriteString(" " + name)
		}
	}
	flag("enum", cls.IsEnum())
	flag("protocol", cls.IsProtocol)
	flag("any-base", cls.AnyBase)
	flag("named-tuple", cls.IsNamedTuple)
	flag("typed-dict", cls.IsTypedDict)
	flag("final", cls.Final)
	if cls.Metaclass != nil {
		b.WriteString(" metaclass=" + typeKey(cls.Metaclass, nil))
	}
	if cls.TupleBase != nil {
		b.WriteString(" tuple=" + typeKey(cls.TupleBase, nil))
	}
	for _, item := range cls.TypedDict {
		fmt.Fprintf(&b, " key %q %s %v %v", item.Name, typeKey(item.Type, nil), item.Required, item.ReadOnly)
	}
	b.WriteString(" mro")
	for _, c := range cls.MRO {
		b.WriteString(" " + c.FullName)
	}
	b.WriteString(" params")
	for _, tv := range cls.TypeParams {
		// (a PEP 695 parameter's variance is inferred from the class's
		// members: an edit of one may change it)
		b.WriteString(" " + typeKey(tv, nil) + " variance " + strconv.Itoa(int(tv.CurrentVariance())))
	}
	b.WriteString(" bases")
	for _, base := range cls.Bases {
		b.WriteString(" " + typeKey(base, nil))
	}
	for _, c := range cls.PromotedTo {
		b.WriteString(" promote " + c.FullName)
	}
	members := Snapshot{}
	for name, m := range cls.Members {
		members[name] = t.member(m)
	}
	members["(abstract)"] = Entry{Desc: "Abstract " + strings.Join(check.AbstractAttributes(cls), ",")}
	return Entry{Desc: b.String(), Members: members}
}

// member describes a name a class defines.
func (t *taker) member(m *types.Member) Entry {
	if m.NestedClass {
		if tt, ok := m.Type.(*types.TypeType); ok {
			if inst, ok := tt.Item.(*types.Instance); ok {
				return t.class(inst.Class)
			}
		}
	}
	if m.IsMethod {
		var b strings.Builder
		b.WriteString("Func")
		for _, f := range []struct {
			name string
			on   bool
		}{{"property", m.IsProperty}, {"settable", m.Settable}, {"final", m.Final}, {"abstract", m.Abstract}, {"async", m.Async}} {
			if f.on {
				b.WriteString(" " + f.name)
			}
		}
		b.WriteString(" " + typeKey(m.TypeOf(), nil))
		if def, ok := t.p.DecoratedDef(m); ok {
			b.WriteString(" decorated " + strconv.Itoa(len(def.DecoratorList)))
			if m.Abstract && ast.TrivialBody(def.Body) {
				// (mypy's is_trivial_body: super() calls of an abstract
				// method with an empty body are errors.)
				b.WriteString(" trivial")
			}
		}
		return Entry{Desc: b.String()}
	}
	return Entry{Desc: "Var " + typeKey(t.d.Member(m), nil) + finalMark(m.Final) + classVarMark(m.ClassVar)}
}

// nodeKind names the kind of definition a symbol is, as an imported
// name's description records it (a def replaced by a class is a change).
func nodeKind(s *semanal.Symbol) string {
	switch s.Kind {
	case semanal.Class:
		return "TypeInfo"
	case semanal.Func:
		if len(s.Variants) > 0 {
			return "OverloadedFuncDef"
		}
		if def, ok := s.Def.(*ast.FunctionDef); ok && len(def.DecoratorList) > 0 {
			return "Decorator"
		}
		return "FuncDef"
	}
	return "Var"
}

// untypedParams lists an unannotated def's parameters: names and kinds.
func untypedParams(def *ast.FunctionDef) string {
	var parts []string
	a := def.Args
	for _, p := range a.Posonlyargs {
		parts = append(parts, p.Arg+"/pos")
	}
	for _, p := range a.Args {
		parts = append(parts, p.Arg)
	}
	if a.Vararg != nil {
		parts = append(parts, "*"+a.Vararg.Arg)
	}
	for _, p := range a.Kwonlyargs {
		parts = append(parts, p.Arg+"/kw")
	}
	if a.Kwarg != nil {
		parts = append(parts, "**"+a.Kwarg.Arg)
	}
	return fmt.Sprintf("(%s) defaults %d/%d", strings.Join(parts, ","), len(a.Defaults), countNonNil(a.KwDefaults))
}

func countNonNil(es []ast.Expr) int {
	n := 0
	for _, e := range es {
		if e != nil {
			n++
		}
	}
	return n
}

func isFinal(e ast.Expr) bool {
	if s, ok := e.(*ast.Subscript); ok {
		e = s.Value
	}
	name := ast.DottedName(e)
	return name == "Final" || strings.HasSuffix(name, ".Final")
}

func finalMark(final bool) string {
	if final {
		return " final"
	}
	return ""
}

func classVarMark(cv bool) string {
	if cv {
		return " classvar"
	}
	return ""
}
