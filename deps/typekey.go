package deps

import (
	"slices"
	"strconv"
	"strings"

	"typd/checker/types"
)

// typeKey writes a type so that two types have the same key exactly when
// mypy's type snapshots of them are equal: classes by full name, a
// callable with its parameters' names and kinds, type variables with
// their bounds, values and variance, a union's items in a canonical
// order. inside are the type variables and TypedDicts being written,
// whose bounds and keys may mention them again.
func typeKey(t types.Type, inside []types.Type) string {
	var b strings.Builder
	writeKey(&b, t, inside)
	return b.String()
}

// writeKeys writes the keys of a list of types, comma-separated, between
// open and close.
func writeKeys[T types.Type](b *strings.Builder, open, close byte, ts []T, inside []types.Type) {
	b.WriteByte(open)
	for i, x := range ts {
		if i > 0 {
			b.WriteByte(',')
		}
		writeKey(b, x, inside)
	}
	b.WriteByte(close)
}

func writeKey(b *strings.Builder, t types.Type, inside []types.Type) {
	list := func(ts []types.Type) { writeKeys(b, '[', ']', ts, inside) }
	switch x := t.(type) {
	case nil:
		b.WriteString("<not set>")
	case *types.Any:
		b.WriteString("Any")
	case *types.NoneType:
		b.WriteString("None")
	case *types.Never:
		b.WriteString("Never")
	case *types.Instance:
		b.WriteString(x.Class.FullName)
		list(x.Args)
		if x.Class.IsTypedDict && !slices.Contains(inside, types.Type(x)) {
			// A TypedDict's type is its keys (mypy's TypedDictType).
			inside = append(inside, x)
			b.WriteByte('{')
			for _, item := range x.Class.TypedDict {
				b.WriteString(strconv.Quote(item.Name) + ":")
				writeKey(b, item.Type, inside)
				if item.Required {
					b.WriteString(" required")
				}
				if item.ReadOnly {
					b.WriteString(" readonly")
				}
				b.WriteByte(';')
			}
			b.WriteByte('}')
		}
		if x.LastKnownValue != nil {
			b.WriteByte('=')
			writeKey(b, x.LastKnownValue, inside)
		}
	case *types.Literal:
		b.WriteString("Literal[")
		v := x.Value
		switch v.Kind {
		case types.LitInt:
			b.WriteString(strconv.FormatInt(v.Int, 10))
		case types.LitBool:
			b.WriteString(strconv.FormatBool(v.Bool))
		case types.LitStr:
			b.WriteString(strconv.Quote(v.Str))
		case types.LitBytes:
			b.WriteString("b" + strconv.Quote(v.Str))
		case types.LitEnum:
			b.WriteString("." + v.Str)
		}
		b.WriteString("] of ")
		writeKey(b, x.Fallback, inside)
	case *types.Tuple:
		b.WriteString("Tuple")
		list(x.Items)
	case *types.Union:
		keys := make([]string, 0, len(x.Items))
		for _, it := range x.Items {
			keys = append(keys, typeKey(it, inside))
		}
		slices.Sort(keys)
		b.WriteString("Union[" + strings.Join(slices.Compact(keys), ",") + "]")
	case *types.Callable:
		b.WriteString("def")
		if len(x.TypeVars) > 0 {
			writeKeys(b, '<', '>', x.TypeVars, inside)
		}
		b.WriteByte('(')
		for i, p := range x.Params {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(p.Name + ":" + strconv.Itoa(int(p.Kind)))
			if p.PosOnly {
				b.WriteString("/pos")
			}
			b.WriteByte(' ')
			writeKey(b, p.Type, inside)
		}
		b.WriteString(")->")
		writeKey(b, x.Ret, inside)
		if x.TypeObject != nil {
			b.WriteString(" object " + x.TypeObject.FullName)
		}
		if x.IsEllipsis {
			b.WriteString(" ...")
		}
		if x.TypeGuard != nil {
			b.WriteString(" guard ")
			if x.TypeIs {
				b.WriteString("is ")
			}
			writeKey(b, x.TypeGuard, inside)
		}
	case *types.TypeVar:
		b.WriteString("TypeVar " + x.FullName + " " + strconv.Itoa(x.ID) + " " + strconv.Itoa(int(x.Variance)))
		if slices.Contains(inside, types.Type(x)) {
			return
		}
		inside = append(inside, x)
		if len(x.Values) > 0 {
			b.WriteString(" values")
			list(x.Values)
		}
		if x.Bound != nil {
			b.WriteString(" bound ")
			writeKey(b, x.Bound, inside)
		}
		if x.HasDefault {
			b.WriteString(" default ")
			writeKey(b, x.Default, inside)
		}
	case *types.TypeType:
		b.WriteString("type[")
		writeKey(b, x.Item, inside)
		b.WriteByte(']')
	case *types.Overloaded:
		b.WriteString("Overload")
		writeKeys(b, '[', ']', x.Items, inside)
	case *types.Module:
		b.WriteString("module " + x.Name)
	default:
		b.WriteString(types.Format(t, types.FormatOptions{}))
	}
}
