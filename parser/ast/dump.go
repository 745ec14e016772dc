package ast

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Dump formats a module exactly as CPython 3.11's
// ast.dump(ast.parse(source), include_attributes=True) does. Fields that
// CPython 3.12+ added (type_params) are shown only when non-empty, and type
// comments are left out, as ast.parse leaves them out by default.
func Dump(m *Module) string {
	var b strings.Builder
	b.WriteString("Module(body=")
	dumpValue(&b, reflect.ValueOf(m.Body))
	b.WriteString(", type_ignores=[])")
	return b.String()
}

var spanType = reflect.TypeOf(Span{})

// ClassName returns CPython's class name for a node (Name, Call, ...).
func ClassName(n Node) string { return pyName(reflect.ValueOf(n)) }

// pyName returns CPython's class name for a node.
func pyName(v reflect.Value) string {
	switch n := v.Interface().(type) {
	case *FunctionDef:
		if n.IsAsync {
			return "AsyncFunctionDef"
		}
	case *For:
		if n.IsAsync {
			return "AsyncFor"
		}
	case *With:
		if n.IsAsync {
			return "AsyncWith"
		}
	case *Try:
		if n.IsStar {
			return "TryStar"
		}
	case *ExprStmt:
		return "Expr"
	case *Comprehension:
		return "comprehension"
	case *Arguments:
		return "arguments"
	case *Arg:
		return "arg"
	case *Keyword:
		return "keyword"
	case *Alias:
		return "alias"
	case *WithItem:
		return "withitem"
	case *MatchCase:
		return "match_case"
	}
	return v.Elem().Type().Name()
}

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch x := v.Interface().(type) {
	case Value:
		b.WriteString(x.Repr())
		return
	case Context:
		b.WriteString(x.String() + "()")
		return
	case Operator:
		b.WriteString(x.String() + "()")
		return
	case BoolOperator:
		b.WriteString(x.String() + "()")
		return
	case UnaryOperator:
		b.WriteString(x.String() + "()")
		return
	case CmpOp:
		b.WriteString(x.String() + "()")
		return
	case string:
		b.WriteString(ReprStr(x))
		return
	case int:
		b.WriteString(strconv.Itoa(x))
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			dumpValue(b, v.Index(i))
		}
		b.WriteByte(']')
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			b.WriteString("None")
			return
		}
		if v.Kind() == reflect.Interface {
			dumpValue(b, v.Elem())
			return
		}
		dumpNode(b, v)
	default:
		fmt.Fprintf(b, "%v", v.Interface())
	}
}

func dumpNode(b *strings.Builder, v reflect.Value) {
	b.WriteString(pyName(v))
	b.WriteByte('(')
	s := v.Elem()
	t := s.Type()
	first := true
	sep := func() {
		if !first {
			b.WriteString(", ")
		}
		first = false
	}
	var span *Span
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == spanType {
			sp := s.Field(i).Interface().(Span)
			span = &sp
			continue
		}
		tag := f.Tag.Get("py")
		if tag == "" || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := s.Field(i)
		if (opts == "opt" && fv.IsZero()) || (opts == "new" && fv.Len() == 0) {
			continue
		}
		sep()
		b.WriteString(name)
		b.WriteByte('=')
		dumpValue(b, fv)
	}
	if span != nil {
		sep()
		fmt.Fprintf(b, "lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d",
			span.Lineno, span.ColOffset, span.EndLineno, span.EndColOffset)
	}
	b.WriteByte(')')
}

// Repr formats the value as Python's repr() does.
func (v Value) Repr() string {
	switch v.Kind {
	case NoneValue:
		return "None"
	case TrueValue:
		return "True"
	case FalseValue:
		return "False"
	case EllipsisValue:
		return "Ellipsis"
	case IntValue:
		if v.Big != nil {
			return v.Big.String()
		}
		return strconv.FormatInt(v.Int, 10)
	case FloatValue:
		return ReprFloat(v.Float, true)
	case ComplexValue:
		return ReprFloat(v.Float, false) + "j"
	case StrValue:
		return ReprStr(v.Str)
	case BytesValue:
		return ReprBytes(v.Str)
	}
	return "?"
}

// ReprFloat formats f as Python's repr(float) does; without dot0 an integral
// value gets no ".0" (as in the imaginary part of a complex repr).
func ReprFloat(f float64, dot0 bool) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddddde±xx
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	if exp < -4 || exp >= 16 {
		out = digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		sign := "+"
		if exp < 0 {
			sign = "-"
			exp = -exp
		}
		out += fmt.Sprintf("e%s%02d", sign, exp)
	} else if exp < 0 {
		out = "0." + strings.Repeat("0", -exp-1) + digits
	} else if len(digits) <= exp+1 {
		out = digits + strings.Repeat("0", exp+1-len(digits))
		if dot0 {
			out += ".0"
		}
	} else {
		out = digits[:exp+1] + "." + digits[exp+1:]
	}
	if neg {
		out = "-" + out
	}
	return out
}
