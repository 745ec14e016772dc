package check

import (
	"fmt"
	"regexp"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// printfSpecifier matches a conversion specifier of printf-style
// formatting (`%(key)-08.3f`), wider than Python's grammar so that a bad
// one is reported, as mypy's checkstrformat matches them.
var printfSpecifier = regexp.MustCompile(`%(\((?P<key>[^)]*)\))?(?P<flags>[#0\-+ ]*)(?P<width>[1-9][0-9]*|\*)?(?:\.(?P<precision>\*|[0-9]+)?)?[hlL]?(?P<type>.)?`)

// conversion is one conversion specifier of a format string.
type conversion struct {
	key              string
	hasKey           bool
	width, precision string
	kind             string // the conversion type: "d", "s", "%"...
}

// conversions parses the conversion specifiers of a format string.
func conversions(format string) []conversion {
	var out []conversion
	names := printfSpecifier.SubexpNames()
	for _, m := range printfSpecifier.FindAllStringSubmatchIndex(format, -1) {
		var cv conversion
		for i, name := range names {
			if m[2*i] < 0 {
				continue
			}
			v := format[m[2*i]:m[2*i+1]]
			switch name {
			case "key":
				cv.key, cv.hasKey = v, true
			case "width":
				cv.width = v
			case "precision":
				cv.precision = v
			case "type":
				cv.kind = v
			}
		}
		out = append(out, cv)
	}
	return out
}

// strInterpolation checks `"format" % replacements` where the format is a
// str or bytes literal, as mypy's string formatter checker does ([str-format]):
// the number of replacements, their types against the conversion types,
// the keys of a mapping; and returns str or bytes.
func (c *Checker) strInterpolation(x *ast.BinOp, format *ast.Constant) types.Type {
	c.expr(format)
	rightType := c.expr(x.Right)
	isBytes := format.Value.Kind == ast.BytesValue
	result := c.builtinInstance("str")
	if isBytes {
		result = c.builtinInstance("bytes")
	}
	if !c.checked() {
		return result
	}
	specs := conversions(format.Value.Str)
	hasStar, hasKey, allKeys := false, false, true
	for _, s := range specs {
		hasStar = hasStar || s.width == "*" || s.precision == "*"
		hasKey = hasKey || s.hasKey
		allKeys = allKeys && (s.hasKey || s.kind == "%")
	}
	switch {
	case hasKey && hasStar:
		c.report(x.Right.Pos(), diag.Error, diag.CodeStrFormat, diag.InterpolationStarsAndKeys)
	case hasKey && !allKeys:
		c.report(x.Right.Pos(), diag.Error, diag.CodeStrFormat, diag.InterpolationMixedKeys)
	case hasKey:
		c.mappingInterpolation(specs, x.Right, rightType, isBytes)
	default:
		c.simpleInterpolation(specs, x.Right, rightType, isBytes)
	}
	return result
}

// placeholder is what one replacement must be: its expected type, or the
// check of a `%c`.
type placeholder struct {
	want types.Type
	star bool // a `*` width or precision: an int
	char bool // %c: an int or a one-character string (or byte)
	s    bool // %s: any value, bytes aside in a str format
}

// placeholders are the replacements the conversions take, in order; false
// when a conversion is not supported (reported).
func (c *Checker) placeholders(specs []conversion, at ast.Expr, isBytes bool) ([]placeholder, bool) {
	var out []placeholder
	for _, s := range specs {
		if s.width == "*" {
			out = append(out, placeholder{want: c.builtinInstance("int"), star: true})
		}
		if s.precision == "*" {
			out = append(out, placeholder{want: c.builtinInstance("int"), star: true})
		}
		if s.kind == "%" {
			continue
		}
		want, ok := c.conversionType(s.kind, at, isBytes)
		if !ok {
			return nil, false
		}
		out = append(out, placeholder{want: want, char: s.kind == "c", s: s.kind == "s"})
	}
	return out, true
}

// conversionType is the type a conversion type takes (nil: anything);
// false, reported, for one that is not supported.
func (c *Checker) conversionType(kind string, at ast.Expr, isBytes bool) (types.Type, bool) {
	switch kind {
	case "b":
		if !isBytes {
			c.report(at.Pos(), diag.Error, diag.CodeStrFormat, diag.FormatBOnlyBytes)
			return nil, false
		}
		return c.builtinInstance("bytes"), true
	case "a", "s", "r":
		return nil, true
	case "o", "x", "X":
		return c.builtinInstance("int"), true
	case "d", "i", "u", "e", "E", "f", "F", "g", "G":
		supports := "SupportsInt"
		if strings.Contains("eEfFgG", kind) {
			supports = "SupportsFloat"
		}
		proto := c.p.ModuleClass("typing", supports)
		if proto == nil {
			return nil, true
		}
		return types.UnionOf(c.builtinInstance("int"), c.builtinInstance("float"), &types.Instance{Class: proto}), true
	case "c":
		if isBytes {
			return types.UnionOf(c.builtinInstance("int"), c.builtinInstance("bytes")), true
		}
		return types.UnionOf(c.builtinInstance("int"), c.builtinInstance("str")), true
	}
	c.report(at.Pos(), diag.Error, diag.CodeStrFormat, fmt.Sprintf(diag.UnsupportedFormatCharacter, kind))
	return nil, false
}

// simpleInterpolation checks positional replacements ('%s, %d' % (s, n)).
func (c *Checker) simpleInterpolation(specs []conversion, right ast.Expr, rightType types.Type, isBytes bool) {
	holders, ok := c.placeholders(specs, right, isBytes)
	if !ok {
		return
	}
	if u, isUnion := rightType.(*types.Union); isUnion {
		for _, it := range u.Items {
			c.checkReplacements(holders, right, nil, it, isBytes)
		}
		return
	}
	c.checkReplacements(holders, right, right, rightType, isBytes)
}

// checkReplacements checks replacements of type t (the right operand's
// type, or one of its union's items; expr is the right operand when t is
// its whole type) against the placeholders.
func (c *Checker) checkReplacements(holders []placeholder, right, expr ast.Expr, t types.Type, isBytes bool) {
	var reps []types.Type
	var repExprs []ast.Expr
	switch x := t.(type) {
	case *types.Any:
		return
	case *types.Tuple:
		reps = x.Items
		if tup, ok := expr.(*ast.Tuple); ok && len(tup.Elts) == len(reps) {
			repExprs = tup.Elts
		}
	case *types.Instance:
		if x.Class.FullName == "builtins.tuple" && len(x.Args) == 1 {
			for range holders {
				reps = append(reps, x.Args[0])
			}
		} else {
			reps = []types.Type{t}
			repExprs = []ast.Expr{expr}
		}
	default:
		reps = []types.Type{t}
		repExprs = []ast.Expr{expr}
	}
	if !c.certain(right) {
		return
	}
	switch {
	case len(holders) > len(reps):
		if inst, ok := t.(*types.Instance); ok && c.typingInstanceView(inst, "Iterable") != nil {
			return // an iterable's length is not known
		}
		c.report(right.Pos(), diag.Error, diag.CodeStrFormat, diag.NotEnoughArgumentsForFormat)
	case len(holders) < len(reps):
		c.report(right.Pos(), diag.Error, diag.CodeStrFormat, diag.NotAllArgumentsConverted)
	default:
		for i, h := range holders {
			var e ast.Expr
			if i < len(repExprs) {
				e = repExprs[i]
			}
			if !c.checkPlaceholder(h, reps[i], e, right, isBytes, "placeholder has type") {
				return
			}
		}
	}
}

// checkPlaceholder checks one replacement of type t (its expression e
// when known) against a placeholder, reporting at the right operand; false
// when it reported.
func (c *Checker) checkPlaceholder(h placeholder, t types.Type, e, at ast.Expr, isBytes bool, which string) bool {
	if h.want != nil && judgeable(t, true) && !isAnyType(t) && !types.IsSubtype(widen(t), h.want) {
		got, want := types.FormatPair(widen(t), h.want, c.formatOptions())
		switch {
		case h.star:
			c.report(at.Pos(), diag.Error, diag.CodeStrFormat, "* wants int")
		case h.char:
			c.report(at.Pos(), diag.Error, diag.CodeStrFormat, fmt.Sprintf(diag.WithExpressionType, charRequired(isBytes), got))
		default:
			c.report(at.Pos(), diag.Error, diag.CodeStrFormat,
				fmt.Sprintf(diag.IncompatibleInterpolation, got, which, want))
		}
		return false
	}
	if h.char {
		if k, ok := e.(*ast.Constant); ok && (k.Value.Kind == ast.StrValue || k.Value.Kind == ast.BytesValue) && len([]rune(k.Value.Str)) != 1 {
			c.report(at.Pos(), diag.Error, diag.CodeStrFormat, charRequired(isBytes))
			return false
		}
	}
	if h.s {
		return c.checkStrBytes(t, at, isBytes)
	}
	return true
}

// charRequired is mypy's error for a %c replacement that is no character.
func charRequired(isBytes bool) string {
	if isBytes {
		return diag.PercentCNeedsByte
	}
	return diag.PercentCNeedsChar
}

// checkStrBytes reports bytes formatted with %s into a str, and a str
// formatted with %s into bytes, as mypy does.
func (c *Checker) checkStrBytes(t types.Type, at ast.Expr, isBytes bool) bool {
	has := func(name string) bool { return hasTypeComponent(t, name) }
	if !isBytes && has("builtins.bytes") {
		c.report(at.Pos(), diag.Error, diag.CodeStrBytes,
			diag.BytesInterpolated)
		return false
	}
	if isBytes && has("builtins.str") {
		c.report(at.Pos(), diag.Error, diag.CodeStrFormat, diag.PercentBNeedsBytes)
		return false
	}
	return true
}

// mappingInterpolation checks keyed replacements ('%(a)s' % {'a': 1}).
func (c *Checker) mappingInterpolation(specs []conversion, right ast.Expr, rightType types.Type, isBytes bool) {
	d, isDict := right.(*ast.Dict)
	literalKeys := isDict
	if isDict {
		for _, k := range d.Keys {
			if lit, ok := k.(*ast.Constant); !ok || lit.Value.Kind != ast.StrValue && lit.Value.Kind != ast.BytesValue {
				literalKeys = false
			}
		}
	}
	if !literalKeys {
		c.checkFormatMapping(right, rightType, isBytes)
		return
	}
	values := map[string]types.Type{}
	exprs := map[string]ast.Expr{}
	for i, k := range d.Keys {
		lit := k.(*ast.Constant)
		if isBytes && lit.Value.Kind != ast.BytesValue {
			c.report(right.Pos(), diag.Error, diag.CodeStrFormat, diag.BytesFormatKeys)
		}
		values[lit.Value.Str] = c.exprQuiet(d.Values[i])
		exprs[lit.Value.Str] = d.Values[i]
	}
	for _, s := range specs {
		if s.kind == "%" {
			continue
		}
		t, ok := values[s.key]
		if !ok {
			c.report(right.Pos(), diag.Error, diag.CodeStrFormat, fmt.Sprintf(diag.KeyNotFoundInMapping, s.key))
			return
		}
		want, ok := c.conversionType(s.kind, right, isBytes)
		if !ok {
			return
		}
		if !c.certain(exprs[s.key]) {
			continue
		}
		h := placeholder{want: want, char: s.kind == "c", s: s.kind == "s"}
		c.checkPlaceholder(h, t, exprs[s.key], right, isBytes, fmt.Sprintf("placeholder with key '%s' has type", s.key))
	}
}

// checkFormatMapping checks the right operand of keyed interpolation that
// is no dict display: a mapping of str (or bytes) keys, as mypy asks for
// it ("Format requires a mapping").
func (c *Checker) checkFormatMapping(right ast.Expr, t types.Type, isBytes bool) {
	proto := c.p.ModuleClass("_typeshed", "SupportsKeysAndGetItem")
	if proto == nil || !c.certain(right) || !judgeable(t, true) || isAnyType(t) {
		return
	}
	key := c.builtinInstance("str")
	if isBytes {
		key = c.builtinInstance("bytes")
	}
	want := &types.Instance{Class: proto, Args: []types.Type{key, &types.Any{Reason: types.AnySpecialForm}}}
	if types.IsSubtype(widen(t), want) {
		return
	}
	got, w := types.FormatPair(widen(t), want, c.formatOptions())
	c.report(right.Pos(), diag.Error, diag.CodeStrFormat,
		fmt.Sprintf(diag.FormatRequiresAMapping, got, w))
}
