package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// The replacement fields of str.format, as mypy's checkstrformat matches
// them: a field (key, then accessors), a conversion, and a format spec
// in the standard mini-language or, for a type with a __format__ of its
// own, anything.
var (
	formatField = `(?P<field>(?P<key>[^.[!:]*)([^:!]+)?)(?P<conversion>![^:])?`
	formatSpec  = regexp.MustCompile(`^` + formatField +
		`(?P<format_spec>:(?P<fill_align>.?[<>=^])?(?P<flags>[+\- ]?#?0?)(?P<width>\d+)?[_,]?(?P<precision>\.\d+)?(?P<type>.)?)?$`)
	customFormatSpec = regexp.MustCompile(`^` + formatField + `(?P<format_spec>:.*)?$`)
)

// formatTarget is one replacement field of a format string.
type formatTarget struct {
	key, field, conversion, flags, kind string
	spec                                string // the format spec, ":" first; "" without one
	hasSpec, custom                     bool   // custom: not the standard mini-language
}

// formatTargets finds the replacement fields of a format string, the
// nested ones of a format spec after their field (two levels at most);
// false after reporting a malformed string.
func (c *Checker) formatTargets(format string, at ast.Node, nested bool) ([]formatTarget, bool) {
	raw, ok := c.rawFormatTargets(format, at)
	if !ok {
		return nil, false
	}
	var out []formatTarget
	for _, r := range raw {
		re, custom := formatSpec, false
		m := re.FindStringSubmatch(r)
		if m == nil {
			re, custom = customFormatSpec, true
			m = re.FindStringSubmatch(r)
		}
		if m == nil {
			c.report(at.Pos(), diag.Error, diag.CodeStrFormat, diag.InvalidConversionSpecifier)
			return nil, false
		}
		t := formatTarget{custom: custom}
		for i, name := range re.SubexpNames() {
			switch name {
			case "key":
				t.key = m[i]
			case "field":
				t.field = m[i]
			case "conversion":
				t.conversion = m[i]
			case "format_spec":
				t.spec, t.hasSpec = m[i], m[i] != ""
			case "flags":
				t.flags = m[i]
			case "type":
				t.kind = m[i]
			}
		}
		if strings.ContainsAny(t.key, "{}") {
			c.report(at.Pos(), diag.Error, diag.CodeStrFormat, diag.ConversionWithBraces)
			return nil, false
		}
		out = append(out, t)
		if t.custom && strings.ContainsAny(t.spec, "{}") {
			if nested {
				c.report(at.Pos(), diag.Error, diag.CodeStrFormat, diag.FormatNestingTooDeep)
				return nil, false
			}
			inner, ok := c.formatTargets(t.spec, at, true)
			if !ok {
				return nil, false
			}
			out = append(out, inner...)
		}
	}
	return out, true
}

// rawFormatTargets are the texts between the unescaped braces of a
// format string; false after reporting a brace that does not pair.
func (c *Checker) rawFormatTargets(format string, at ast.Node) ([]string, bool) {
	var out []string
	var next strings.Builder
	nesting := 0
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if nesting == 0 {
			switch {
			case ch == '{' && i+1 < len(format) && format[i+1] == '{', ch == '}' && i+1 < len(format) && format[i+1] == '}':
				i++
			case ch == '{':
				nesting = 1
			case ch == '}':
				c.report(at.Pos(), diag.Error, diag.CodeStrFormat, diag.UnexpectedCloseBrace)
				return nil, false
			}
			continue
		}
		switch ch {
		case '{':
			nesting++
		case '}':
			nesting--
		}
		if nesting > 0 {
			next.WriteByte(ch)
		} else {
			out = append(out, next.String())
			next.Reset()
		}
	}
	if nesting > 0 {
		c.report(at.Pos(), diag.Error, diag.CodeStrFormat, diag.UnmatchedOpenBrace)
		return nil, false
	}
	return out, true
}

// knownString is the value of a str literal, or of a name whose type
// knows its literal value (a Final name's), as mypy folds the format
// strings it checks.
func (c *Checker) knownString(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.Constant:
		return x.Value.Str, x.Value.Kind == ast.StrValue
	case *ast.Name:
		var lit *types.Literal
		switch t := c.exprQuiet(x).(type) {
		case *types.Literal:
			lit = t
		case *types.Instance:
			lit = t.LastKnownValue
		}
		if lit != nil && lit.Value.Kind == types.LitStr && lit.Fallback != nil && lit.Fallback.Class.FullName == "builtins.str" {
			return lit.Value.Str, true
		}
	}
	return "", false
}

// checkFormatCall checks `"literal".format(...)` as mypy's string
// formatter checker does ([str-format]): the fields against the
// arguments (numbering, missing and unused replacements) and each
// replacement's type (an item of *args, a value of **kwargs) against its
// field's conversion type. Fields with accessors (`{0.x}`, `{0[1]}`) are
// not judged.
func (c *Checker) checkFormatCall(call *ast.Call, format string, args, kwargs []types.Type) {
	if !c.checked() {
		return
	}
	targets, ok := c.formatTargets(format, call, false)
	if !ok {
		return
	}
	someNumbered, allKeyed := false, true
	for _, t := range targets {
		if _, err := strconv.Atoi(t.key); err == nil {
			someNumbered = true
		}
		allKeyed = allKeyed && t.key != ""
	}
	if someNumbered && !allKeyed {
		c.report(call.Pos(), diag.Error, diag.CodeStrFormat, diag.MixedFieldNumbering)
		return
	}
	next := 0
	for i := range targets {
		if targets[i].key == "" {
			targets[i].key = strconv.Itoa(next)
			targets[i].field = targets[i].key + targets[i].field
			next++
		}
	}
	// The replacements, as the call passes them.
	var positional []int
	starred, doubleStarred := -1, -1 // the first *args and **kwargs
	for i, a := range call.Args {
		if _, ok := a.(*ast.Starred); !ok {
			positional = append(positional, i)
		} else if starred < 0 {
			starred = i
		}
	}
	named := map[string]int{}
	for i, k := range call.Keywords {
		if k.Arg == "" {
			if doubleStarred < 0 {
				doubleStarred = i
			}
		} else if _, seen := named[k.Arg]; !seen {
			named[k.Arg] = i
		}
	}
	used := map[string]bool{}
	explicit := len(positional) + len(named)
	for _, t := range targets {
		var expr ast.Expr
		var typ types.Type
		if n, err := strconv.Atoi(t.key); err == nil && t.key != "" && t.key[0] != '+' && t.key[0] != '-' {
			switch {
			case n < len(positional):
				expr, typ = call.Args[positional[n]], args[positional[n]]
				used[fmt.Sprint("p", n)] = true
			case starred >= 0:
				// An item of *args: a sequence's item type.
				expr, typ = call.Args[starred].(*ast.Starred).Value, c.itemOf(args[starred], "Sequence", 0)
			default:
				c.report(call.Pos(), diag.Error, diag.CodeStrFormat, fmt.Sprintf(diag.NoPositionalReplacement, n))
				continue
			}
		} else {
			i, ok := named[t.key]
			switch {
			case ok:
				expr, typ = call.Keywords[i].Value, kwargs[i]
				used["k"+t.key] = true
			case doubleStarred >= 0:
				// A value of **kwargs: a mapping's value type.
				expr, typ = call.Keywords[doubleStarred].Value, c.itemOf(kwargs[doubleStarred], "Mapping", 1)
			default:
				c.report(call.Pos(), diag.Error, diag.CodeStrFormat, fmt.Sprintf(diag.NoNamedReplacement, t.key))
				continue
			}
		}
		if typ == nil || !c.certain(expr) {
			continue
		}
		if t.field != t.key {
			var ok bool
			if typ, ok = c.formatAccessors(call, t.field[len(t.key):], typ); !ok {
				continue
			}
			expr = nil // (no longer the argument's value)
		}
		c.checkFormatReplacement(call, t, expr, typ)
	}
	if len(used) < explicit {
		c.report(call.Pos(), diag.Error, diag.CodeStrFormat, diag.NotAllArgumentsConverted)
	}
}

// formatAccessor matches one attribute accessor of a replacement field.
var formatAccessor = regexp.MustCompile(`^\.([A-Za-z_][A-Za-z0-9_]*)`)

// formatAccessors reads the attributes a field's accessors (`.x.y`) name
// on a replacement of type t, reporting one its class lacks as mypy does
// (`"int" has no attribute "x"`); false when the result is not known (an
// index accessor, an attribute not found, an unusual accessor).
func (c *Checker) formatAccessors(call *ast.Call, accessors string, t types.Type) (types.Type, bool) {
	for accessors != "" {
		m := formatAccessor.FindStringSubmatch(accessors)
		if m == nil {
			return nil, false // an index accessor, or one mypy reports otherwise
		}
		accessors = accessors[len(m[0]):]
		if _, isInstance := t.(*types.Instance); !isInstance || !judgeable(t, false) {
			return nil, false
		}
		if c.lacksMethod(t, m[1]) {
			c.report(call.Pos(), diag.Error, diag.CodeAttrDefined,
				fmt.Sprintf(diag.HasNoAttribute, types.Format(t, c.formatOptions()), m[1]))
			return nil, false
		}
		t = c.member(t, m[1])
	}
	return t, true
}

// itemOf is argument arg of a type's view as typing's generic class
// (Sequence's item, Mapping's value), nil when it has none.
func (c *Checker) itemOf(t types.Type, class string, arg int) types.Type {
	inst, ok := t.(*types.Instance)
	if !ok {
		return nil
	}
	if view := c.typingInstanceView(inst, class); view != nil && arg < len(view.Args) {
		return view.Args[arg]
	}
	return nil
}

// checkFormatReplacement checks one replacement against its field.
func (c *Checker) checkFormatReplacement(call *ast.Call, t formatTarget, expr ast.Expr, typ types.Type) {
	if t.hasSpec && t.custom && !strings.ContainsAny(t.spec, "{}") {
		if !customFormat(typ) || t.conversion != "" {
			c.report(call.Pos(), diag.Error, diag.CodeStrFormat, fmt.Sprintf(diag.UnrecognizedFormatSpecification, t.spec[1:]))
			return
		}
	}
	var want types.Type
	if t.kind != "" {
		var ok bool
		if want, ok = c.formatConversionType(t.kind, call); !ok {
			return
		}
	}
	if t.conversion != "" {
		if !strings.Contains("rsa", t.conversion[1:]) {
			c.report(call.Pos(), diag.Error, diag.CodeStrFormat,
				fmt.Sprintf(diag.InvalidConversionType, t.conversion[1:]))
		}
		typ = c.builtinInstance("str")
	}
	if want == nil && t.kind != "" && t.kind != "s" && t.kind != "r" && t.kind != "a" {
		return
	}
	items := []types.Type{typ}
	if u, ok := typ.(*types.Union); ok {
		items = u.Items
	}
	for _, it := range items {
		if customFormat(it) || isAnyType(it) {
			continue
		}
		if want != nil && judgeable(it, true) && !types.IsSubtype(widen(it), want) {
			got, w := types.FormatPair(widen(it), want, c.formatOptions())
			c.report(call.Pos(), diag.Error, diag.CodeStrFormat,
				fmt.Sprintf(diag.IncompatiblePlaceholder, got, w))
			continue
		}
		c.specialFormatChecks(call, t, expr, it)
	}
}

// specialFormatChecks are mypy's further checks of one replacement: a
// one-character string for :c, no bytes in {} or :s, numeric flags only
// for numbers.
func (c *Checker) specialFormatChecks(call *ast.Call, t formatTarget, expr ast.Expr, typ types.Type) {
	if t.kind == "c" {
		lit, _ := typ.(*types.Literal)
		if inst, ok := typ.(*types.Instance); ok {
			lit = inst.LastKnownValue
		}
		k, isConstant := expr.(*ast.Constant)
		switch {
		case isConstant && (k.Value.Kind == ast.StrValue || k.Value.Kind == ast.BytesValue) && len([]rune(k.Value.Str)) != 1,
			lit != nil && lit.Value.Kind == types.LitStr && len([]rune(lit.Value.Str)) != 1:
			// (a Final name's value counts as the literal)
			c.report(call.Pos(), diag.Error, diag.CodeStrFormat, diag.FormatCNeedsChar)
		}
	}
	if (t.kind == "" || t.kind == "s") && t.conversion == "" {
		if hasTypeComponent(typ, "builtins.bytes") && !customSpecialMethod(typ, "__str__") {
			c.report(call.Pos(), diag.Error, diag.CodeStrBytes, diag.BytesFormatted)
		}
	}
	if t.flags != "" {
		numeric := types.UnionOf(c.builtinInstance("int"), c.builtinInstance("float"))
		if t.kind != "" && !strings.Contains("bdoeEfFgGnxX%", t.kind) ||
			t.kind == "" && !types.IsSubtype(widen(typ), numeric) && !customFormat(typ) {
			c.report(call.Pos(), diag.Error, diag.CodeStrFormat, diag.NumericFlagsNonNumeric)
		}
	}
}

// hasTypeComponent reports a type that is an instance of the class
// (subclasses included), a union holding one, or a type variable bound
// to or restricted to one (mypy's has_type_component).
func hasTypeComponent(t types.Type, fullname string) bool {
	switch x := t.(type) {
	case *types.Instance:
		return hasBase(x.Class, fullname)
	case *types.Literal:
		return x.Fallback != nil && hasTypeComponent(x.Fallback, fullname)
	case *types.TypeVar:
		if x.Bound != nil && hasTypeComponent(x.Bound, fullname) {
			return true
		}
		for _, v := range x.Values {
			if hasTypeComponent(v, fullname) {
				return true
			}
		}
	case *types.Union:
		for _, it := range x.Items {
			if hasTypeComponent(it, fullname) {
				return true
			}
		}
	}
	return false
}

// customFormat reports a type with a __format__ of its own (one outside
// builtins and typing), which may take any format spec.
func customFormat(t types.Type) bool { return customSpecialMethod(t, "__format__") }

// formatConversionType is the type a str.format conversion type takes
// (nil: anything); false, reported, for one that is not supported.
func (c *Checker) formatConversionType(kind string, at ast.Node) (types.Type, bool) {
	switch kind {
	case "a", "s", "r":
		return nil, true
	case "b", "d", "o", "x", "X":
		return c.builtinInstance("int"), true
	case "e", "E", "f", "F", "g", "G", "n", "%":
		return types.UnionOf(c.builtinInstance("int"), c.builtinInstance("float")), true
	case "c":
		return types.UnionOf(c.builtinInstance("int"), c.builtinInstance("str")), true
	}
	c.report(at.Pos(), diag.Error, diag.CodeStrFormat, fmt.Sprintf(diag.UnsupportedFormatCharacter, kind))
	return nil, false
}
