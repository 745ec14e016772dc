package types

import (
	"slices"
	"strings"
)

// FormatOptions are the settings that change how types read in messages.
type FormatOptions struct {
	// OrSyntax writes unions as `X | Y` and `X | None` (a Python 3.10 or
	// newer target), else as `Union[X, Y]` and `Optional[X]`.
	OrSyntax bool
	// FullNames are the classes written with their full names, because
	// another class in the same message has the same short name.
	FullNames map[string]bool
	// DefCallables writes every callable as a def with its parameters'
	// names (mypy's more verbose form, for two types that read alike).
	DefCallables bool
	// NamedDefs writes as a def each callable with a named parameter
	// (mypy's verbosity 1 for a pair of callables whose names matter).
	NamedDefs bool
	// Qualified writes every class with its full name (dmypy inspect -vv).
	Qualified bool
	// ArgConstructors writes every callable as Callable[[...], R], its
	// parameters other than positional ones as mypy_extensions' argument
	// constructors (VarArg(int), NamedArg(str, 'x')), as dmypy inspect
	// does.
	ArgConstructors bool
	// ArgNames (with ArgConstructors) writes positional parameters by
	// constructor and name too, Arg(str, 'sku') and DefaultArg(int, 'n')
	// (mypy's verbosity 1 and more: dmypy inspect -v).
	ArgNames bool
}

// Format writes a type as mypy's error messages show it: classes by their
// short names, `tuple[int, ...]`, `Callable[[int], str]`, literals merged
// in a union (`Literal[1, 2] | None`).
func Format(t Type, o FormatOptions) string {
	var b strings.Builder
	o.write(&b, t)
	return b.String()
}

// FormatPair formats two types of one message; a short name that stands
// for two different classes in them is written in full in both.
func FormatPair(a, b Type, o FormatOptions) (string, string) {
	byName := map[string]map[string]bool{}
	collectClasses(a, byName)
	collectClasses(b, byName)
	for _, full := range byName {
		if len(full) > 1 {
			if o.FullNames == nil {
				o.FullNames = map[string]bool{}
			}
			for f := range full {
				o.FullNames[f] = true
			}
		}
	}
	if ca, ok := a.(*Callable); ok {
		// A callable where one with named parameters is expected, that
		// would fit were the names not counted: the names are written
		// (mypy's format_type_distinctly).
		if cb, ok := b.(*Callable); ok && slices.ContainsFunc(cb.Params, func(p Param) bool { return p.Name != "" && !p.PosOnly }) &&
			(&subtyping{promote: true, ignorePosNames: true}).isSubtype(ca, cb) {
			o.NamedDefs = true
		}
	}
	fa, fb := Format(a, o), Format(b, o)
	if fa == fb {
		o.NamedDefs = true
		fa, fb = Format(a, o), Format(b, o)
	}
	return fa, fb
}

// collectClasses records the full names of the classes a type names, by
// short name.
func collectClasses(t Type, byName map[string]map[string]bool) {
	add := func(c *Class) {
		if byName[c.Name] == nil {
			byName[c.Name] = map[string]bool{}
		}
		byName[c.Name][c.FullName] = true
	}
	switch x := t.(type) {
	case *Instance:
		add(x.Class)
		for _, a := range x.Args {
			collectClasses(a, byName)
		}
	case *Literal:
		if x.Fallback != nil {
			add(x.Fallback.Class)
		}
	case *Tuple:
		for _, it := range x.Items {
			collectClasses(it, byName)
		}
	case *Union:
		for _, it := range x.Items {
			collectClasses(it, byName)
		}
	case *TypeType:
		collectClasses(x.Item, byName)
	case *Callable:
		for _, p := range x.Params {
			collectClasses(p.Type, byName)
		}
		collectClasses(x.Ret, byName)
	}
}

func (o FormatOptions) className(c *Class) string {
	if o.Qualified || o.FullNames[c.FullName] {
		return c.FullName
	}
	return c.Name
}

func (o FormatOptions) write(b *strings.Builder, t Type) {
	switch x := t.(type) {
	case nil, *Any:
		b.WriteString("Any")
	case *NoneType:
		b.WriteString("None")
	case *Never:
		b.WriteString("Never")
	case *Instance:
		if x.Class.AnonymousTypedDict() {
			b.WriteString("TypedDict(")
			writeTypedDict(b, x.Class.TypedDict, func(t Type) { o.write(b, t) })
			b.WriteByte(')')
			return
		}
		if x.Class.FullName == "builtins.tuple" && len(x.Args) == 1 {
			b.WriteString("tuple[")
			o.write(b, x.Args[0])
			b.WriteString(", ...]")
			return
		}
		b.WriteString(o.className(x.Class))
		if len(x.Args) > 0 {
			b.WriteByte('[')
			o.list(b, x.Args)
			b.WriteByte(']')
		}
	case *Literal:
		b.WriteString("Literal[")
		b.WriteString(o.literal(x))
		b.WriteByte(']')
	case *Tuple:
		if x.Fallback != nil && x.Fallback.Class.FullName != "builtins.tuple" {
			b.WriteString(o.className(x.Fallback.Class)) // a named tuple
			return
		}
		if len(x.Items) == 0 {
			b.WriteString("tuple[()]")
			return
		}
		b.WriteString("tuple[")
		o.list(b, x.Items)
		b.WriteByte(']')
	case *Union:
		o.union(b, x)
	case *TypeVar:
		b.WriteString(x.Name)
	case *ParamSpecPart:
		b.WriteString(x.Var.Name + partSuffix(x))
	case *Parameters:
		b.WriteByte('[')
		o.paramTypes(b, x.Params)
		b.WriteByte(']')
	case *TypeType:
		b.WriteString("type[")
		o.write(b, x.Item)
		b.WriteByte(']')
	case *Callable:
		if x.TypeObject != nil {
			// mypy writes a class object as type[] of the instance its
			// constructor makes (type[C[T]] for a generic class).
			if inst, ok := x.Ret.(*Instance); ok && inst.Class == x.TypeObject {
				b.WriteString("type[")
				o.write(b, inst)
				b.WriteByte(']')
				return
			}
			b.WriteString("type[" + o.className(x.TypeObject) + "]")
			return
		}
		if spec := ParamSpecOf(x.Params); spec != nil && !o.DefCallables {
			// Callable[P, R], and Callable[[X, **P], R] for
			// Callable[Concatenate[X, P], R], as mypy writes them.
			b.WriteString("Callable[")
			if prefix := x.Params[:len(x.Params)-2]; len(prefix) > 0 {
				b.WriteByte('[')
				for _, p := range prefix {
					o.write(b, p.Type)
					b.WriteString(", ")
				}
				b.WriteString("**" + spec.Name + "]")
			} else {
				b.WriteString(spec.Name)
			}
			b.WriteString(", ")
			o.write(b, x.Ret)
			b.WriteByte(']')
			return
		}
		if x.IsEllipsis {
			b.WriteString("Callable[..., ")
			o.write(b, x.Ret)
			b.WriteByte(']')
			return
		}
		if o.ArgConstructors {
			o.constructors(b, x)
			return
		}
		if o.DefCallables || len(x.TypeVars) > 0 || slices.ContainsFunc(x.Params, func(p Param) bool {
			if o.NamedDefs {
				return p.Kind != ArgPos || p.Name != "" && !p.PosOnly
			}
			return p.Kind != ArgPos && p.Kind != ArgOpt
		}) {
			o.def(b, x)
			return
		}
		b.WriteString("Callable[[")
		o.paramTypes(b, x.Params)
		b.WriteString("], ")
		o.write(b, x.Ret)
		b.WriteByte(']')
	case *Overloaded:
		if len(x.Items) > 0 && x.Items[0].TypeObject != nil {
			o.write(b, x.Items[0]) // a class object, as its first constructor says
			return
		}
		b.WriteString("overloaded function")
	case *Module:
		b.WriteString(`Module "` + x.Name + `"`)
	default:
		b.WriteString("Any")
	}
}

// constructors writes a callable as Callable[[...], R] with argument
// constructors for the parameters that are not positional.
func (o FormatOptions) constructors(b *strings.Builder, c *Callable) {
	b.WriteString("Callable[[")
	for i, p := range c.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		named := func(constructor string) {
			b.WriteString(constructor + "(")
			o.write(b, p.Type)
			b.WriteString(", '" + p.Name + "')")
		}
		switch p.Kind {
		case ArgStar, ArgStar2:
			b.WriteString(map[ParamKind]string{ArgStar: "VarArg(", ArgStar2: "KwArg("}[p.Kind])
			o.write(b, p.Type)
			b.WriteByte(')')
		case ArgNamed:
			named("NamedArg")
		case ArgNamedOpt:
			named("DefaultNamedArg")
		case ArgPos, ArgOpt:
			constructor := map[ParamKind]string{ArgPos: "Arg", ArgOpt: "DefaultArg"}[p.Kind]
			switch {
			case !o.ArgNames || p.Kind == ArgPos && (p.PosOnly || p.Name == ""):
				o.write(b, p.Type)
			case p.PosOnly || p.Name == "":
				b.WriteString(constructor + "(")
				o.write(b, p.Type)
				b.WriteByte(')')
			default:
				named(constructor)
			}
		default:
			o.write(b, p.Type)
		}
	}
	b.WriteString("], ")
	o.write(b, c.Ret)
	b.WriteByte(']')
}

// paramTypes writes the types of parameters, comma-separated.
func (o FormatOptions) paramTypes(b *strings.Builder, params []Param) {
	for i, p := range params {
		if i > 0 {
			b.WriteString(", ")
		}
		o.write(b, p.Type)
	}
}

func (o FormatOptions) list(b *strings.Builder, ts []Type) {
	for i, t := range ts {
		if i > 0 {
			b.WriteString(", ")
		}
		o.write(b, t)
	}
}

// def writes a callable as mypy's pretty_callable does:
// `def [T] f(x: int, /, *args: str, k: T = ...) -> T`.
func (o FormatOptions) def(b *strings.Builder, c *Callable) {
	o.DefCallables = false // (the parameters' callables are written as types)
	b.WriteString("def ")
	if len(c.TypeVars) > 0 {
		b.WriteByte('[')
		for i, tv := range c.TypeVars {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tv.Name)
			switch {
			case tv.Bound != nil && !isObject(tv.Bound):
				b.WriteString(": ")
				o.write(b, tv.Bound)
			case len(tv.Values) > 0:
				b.WriteString(": (")
				o.list(b, tv.Values)
				b.WriteByte(')')
			}
		}
		b.WriteString("] ")
	}
	if c.Name != "" && !strings.HasPrefix(c.Name, "<") {
		b.WriteString(c.Name)
	}
	b.WriteByte('(')
	starred, slash := false, false
	for i, p := range c.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		named := p.Kind == ArgNamed || p.Kind == ArgNamedOpt
		if named && !starred {
			b.WriteString("*, ")
			starred = true
		}
		switch p.Kind {
		case ArgStar:
			b.WriteByte('*')
			starred = true
		case ArgStar2:
			b.WriteString("**")
		}
		name := p.Name
		if p.PosOnly {
			name = ""
		}
		if name != "" {
			b.WriteString(name + ": ")
		}
		o.write(b, p.Type)
		if p.Kind == ArgOpt || p.Kind == ArgNamedOpt {
			b.WriteString(" = ...")
		}
		positional := p.Kind == ArgPos || p.Kind == ArgOpt
		if !slash && positional && name == "" {
			last := i == len(c.Params)-1
			if last || !(c.Params[i+1].Kind == ArgPos || c.Params[i+1].Kind == ArgOpt) ||
				c.Params[i+1].Name != "" && !c.Params[i+1].PosOnly {
				b.WriteString(", /")
				slash = true
			}
		}
	}
	b.WriteString(") -> ")
	if c.TypeGuard != nil {
		if c.TypeIs {
			b.WriteString("TypeIs[")
		} else {
			b.WriteString("TypeGuard[")
		}
		o.write(b, c.TypeGuard)
		b.WriteByte(']')
		return
	}
	o.write(b, c.Ret)
}

func isObject(t Type) bool {
	i, ok := t.(*Instance)
	return ok && i.Class.FullName == "builtins.object"
}

// literal writes a literal's value, an enum member by its short class name.
func (o FormatOptions) literal(l *Literal) string {
	if l.Value.Kind == LitEnum && l.Fallback != nil {
		return o.className(l.Fallback.Class) + "." + l.Value.Str
	}
	return l.Value.repr(l.Fallback)
}

// union writes a union as mypy does: two or more literals merged into one
// Literal[...] (first with | syntax, last in Union[...]), None last, and
// `X | None` (or Optional[X]) when one other type is left beside None.
func (o FormatOptions) union(b *strings.Builder, u *Union) {
	var lits []string
	var rest []Type
	for _, it := range u.Items {
		if l, ok := it.(*Literal); ok {
			lits = append(lits, o.literal(l))
		} else {
			rest = append(rest, it)
		}
	}
	if len(lits) < 2 {
		lits, rest = nil, u.Items
	}
	var parts []string
	hasNone := false
	for _, t := range rest {
		if _, ok := t.(*NoneType); ok {
			hasNone = true
			continue
		}
		if s := Format(t, o); !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	merged := ""
	if len(lits) > 0 {
		merged = "Literal[" + strings.Join(lits, ", ") + "]"
	}
	switch {
	case hasNone && len(parts)+len(lits[:min(len(lits), 1)]) == 1:
		only := merged
		if only == "" {
			only = parts[0]
		}
		if o.OrSyntax {
			b.WriteString(only + " | None")
		} else {
			b.WriteString("Optional[" + only + "]")
		}
		return
	case len(parts) == 0 && !hasNone:
		b.WriteString(merged)
		return
	}
	if hasNone {
		parts = append(parts, "None")
	}
	if o.OrSyntax {
		if merged != "" {
			parts = append([]string{merged}, parts...)
		}
		b.WriteString(strings.Join(parts, " | "))
		return
	}
	if merged != "" {
		parts = append(parts, merged)
	}
	b.WriteString("Union[" + strings.Join(parts, ", ") + "]")
}
