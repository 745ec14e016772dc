package types

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"typd/parser/ast"
)

// Verbose formats a type as mypy's reveal_type does in its test suite
// (--reveal-verbose-types): classes by their full names (builtins.int),
// type variables with their ids (T`-1), unions with |.
func Verbose(t Type) string {
	var b verboseBuilder
	verbose(&b, t)
	return b.String()
}

// verboseBuilder is the text of a type being formatted, with the
// TypedDict classes whose keys are being written: one met again inside
// its own keys (a recursive TypedDict) is written "...", as mypy does.
type verboseBuilder struct {
	strings.Builder
	typedDicts []*Class
}

func verbose(b *verboseBuilder, t Type) {
	switch x := t.(type) {
	case nil:
		b.WriteString("Any")
	case *Any:
		b.WriteString("Any")
	case *NoneType:
		b.WriteString("None")
	case *Never:
		b.WriteString("Never")
	case *Instance:
		if x.LastKnownValue != nil {
			verbose(b, x.LastKnownValue)
			b.WriteString("?")
			return
		}
		if items := x.Class.TypedDict; items != nil {
			if slices.Contains(b.typedDicts, x.Class) {
				b.WriteString("...")
				return
			}
			b.typedDicts = append(b.typedDicts, x.Class)
			defer func() { b.typedDicts = b.typedDicts[:len(b.typedDicts)-1] }()
			b.WriteString("TypedDict(")
			if !x.Class.AnonymousTypedDict() {
				b.WriteString("'" + x.Class.FullName + "', ")
			}
			writeTypedDict(&b.Builder, TypedDictItems(x), func(t Type) { verbose(b, t) })
			b.WriteByte(')')
			return
		}
		if x.Class.FullName == "builtins.tuple" && len(x.Args) == 1 {
			b.WriteString("builtins.tuple[")
			verbose(b, x.Args[0])
			b.WriteString(", ...]")
			return
		}
		b.WriteString(x.Class.FullName)
		if len(x.Args) > 0 {
			b.WriteByte('[')
			list(b, x.Args)
			b.WriteByte(']')
		}
	case *Literal:
		b.WriteString("Literal[")
		b.WriteString(x.Value.repr(x.Fallback))
		b.WriteByte(']')
	case *Tuple:
		b.WriteString("tuple[")
		if len(x.Items) == 0 {
			b.WriteString("()")
		}
		list(b, x.Items)
		if x.Fallback != nil && x.Fallback.Class.FullName != "builtins.tuple" {
			b.WriteString(", fallback=")
			verbose(b, x.Fallback) // a named tuple
		}
		b.WriteByte(']')
	case *Union:
		for i, it := range x.Items {
			if i > 0 {
				b.WriteString(" | ")
			}
			if _, isFunc := it.(*Callable); isFunc {
				b.WriteByte('(') // a callable's return would take the rest
				verbose(b, it)
				b.WriteByte(')')
				continue
			}
			verbose(b, it)
		}
	case *TypeVar:
		fmt.Fprintf(b, "%s`%d", x.Name, x.ID)
	case *ParamSpecPart:
		fmt.Fprintf(b, "%s`%d", x.Var.Name+partSuffix(x), x.Var.ID)
	case *Parameters:
		// ([builtins.int, **P`-1] for Concatenate[int, P].)
		b.WriteByte('[')
		if spec := ParamSpecOf(x.Params); spec != nil {
			prefix := x.Params[:len(x.Params)-2]
			params(b, prefix)
			if len(prefix) > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "**%s`%d", spec.Name, spec.ID)
		} else {
			params(b, x.Params)
		}
		b.WriteByte(']')
	case *TypeType:
		b.WriteString("type[")
		verbose(b, x.Item)
		b.WriteByte(']')
	case *Callable:
		callable(b, x)
	case *Module:
		if x.Fallback != nil {
			verbose(b, x.Fallback)
		} else {
			b.WriteString("types.ModuleType")
		}
	case *Overloaded:
		b.WriteString("Overload(")
		for i, it := range x.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			callable(b, it)
		}
		b.WriteByte(')')
	default:
		fmt.Fprintf(b, "%T", t)
	}
}

func list(b *verboseBuilder, ts []Type) {
	for i, t := range ts {
		if i > 0 {
			b.WriteString(", ")
		}
		verbose(b, t)
	}
}

// callable formats `def [T] (x: T`-1, *args: builtins.int) -> T`-1`.
func callable(b *verboseBuilder, c *Callable) {
	b.WriteString("def ")
	if len(c.TypeVars) > 0 {
		b.WriteByte('[')
		for i, tv := range c.TypeVars {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tv.Name)
			switch {
			case len(tv.Values) > 0:
				b.WriteString(" in (")
				list(b, tv.Values)
				b.WriteByte(')')
			case tv.Bound != nil && !isObject(tv.Bound):
				b.WriteString(" <: ")
				verbose(b, tv.Bound)
			}
		}
		b.WriteString("] ")
	}
	b.WriteByte('(')
	params(b, c.Params)
	b.WriteByte(')')
	if c.TypeGuard != nil {
		if c.TypeIs {
			b.WriteString(" -> TypeIs[")
		} else {
			b.WriteString(" -> TypeGuard[")
		}
		verbose(b, c.TypeGuard)
		b.WriteByte(']')
		return
	}
	if _, isNone := c.Ret.(*NoneType); !isNone {
		b.WriteString(" -> ")
		verbose(b, c.Ret)
	}
}

// repr writes a literal's value as mypy shows it.
func (v LiteralValue) repr(fallback *Instance) string {
	switch v.Kind {
	case LitInt:
		return strconv.FormatInt(v.Int, 10)
	case LitBool:
		if v.Bool {
			return "True"
		}
		return "False"
	case LitStr:
		return ast.ReprStr(v.Str)
	case LitBytes:
		// (mypy keeps a bytes literal's value as the text of its repr,
		// b and quotes left out, and shows the repr of that text.)
		text := ast.ReprBytes(v.Str)
		return "b" + ast.ReprStr(text[2:len(text)-1])
	case LitEnum:
		if fallback != nil {
			return fallback.Class.FullName + "." + v.Str
		}
		return v.Str
	}
	return "?"
}

// params writes a parameter list, a ParamSpec's parts as mypy writes them
// (`x: builtins.int, *P.args, **P.kwargs`).
func params(b *verboseBuilder, ps []Param) {
	n := len(ps)
	spec := ParamSpecOf(ps)
	if spec != nil {
		n -= 2
	}
	starred := false
	for i, p := range ps[:n] {
		if i > 0 {
			b.WriteString(", ")
		}
		switch p.Kind {
		case ArgStar:
			b.WriteString("*")
			starred = true
		case ArgStar2:
			b.WriteString("**")
		case ArgNamed, ArgNamedOpt:
			if !starred {
				b.WriteString("*, ")
				starred = true
			}
		}
		if p.Name != "" && !p.PosOnly {
			b.WriteString(p.Name)
			b.WriteString(": ")
		}
		verbose(b, p.Type)
		if p.Kind == ArgOpt || p.Kind == ArgNamedOpt {
			b.WriteString(" =")
		}
	}
	if spec != nil {
		if n > 0 {
			b.WriteString(", ")
		}
		b.WriteString("*" + spec.Name + ".args, **" + spec.Name + ".kwargs")
	}
}

// partSuffix is ".args" or ".kwargs".
func partSuffix(p *ParamSpecPart) string {
	if p.Kwargs {
		return ".kwargs"
	}
	return ".args"
}
