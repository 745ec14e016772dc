package check

import (
	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkAttribute reports reading an attribute that the value's class does
// not have, as mypy does: `"A" has no attribute "x"` ([attr-defined]), and
// for a union `Item "None" of "A | None" has no attribute "x"`
// ([union-attr]). It judges only instances of classes whose members are
// all known (see knownMembers) and stays silent when mypy would suggest a
// close name, which is not modelled yet.
func (c *Checker) checkAttribute(x *ast.Attribute, base types.Type) {
	if !c.checked() || !c.certain(x.Value) || !judgeable(base, false) || c.partialNone(x.Value, base) {
		return
	}
	if dotted := ast.DottedName(x.Value); dotted != "" {
		if _, proven := c.scopeVars().narrowed["hasattr:"+dotted+"."+x.Attr]; proven {
			return // hasattr() said so
		}
	}
	o := c.formatOptions()
	if u, ok := base.(*types.Union); ok {
		for _, it := range u.Items {
			if _, isNone := it.(*types.NoneType); isNone && !c.strictOptional {
				continue // None has every attribute without strict optional
			}
			if c.lacksAttribute(it, x.Attr) {
				l, r := types.FormatPair(it, base, o)
				c.report(&x.Span, diag.Error, diag.CodeUnionAttr, `Item "`+l+`" of "`+r+`" has no attribute "`+x.Attr+`"`)
			}
		}
		return
	}
	if c.lacksAttribute(base, x.Attr) {
		c.report(&x.Span, diag.Error, diag.CodeAttrDefined, `"`+types.Format(base, o)+`" has no attribute "`+x.Attr+`"`)
	}
}

// lacksAttribute reports whether a value of type t certainly has no
// attribute name, and no close name mypy would suggest instead.
func (c *Checker) lacksAttribute(t types.Type, name string) bool {
	if !c.lacksMethod(t, name) {
		return false
	}
	for _, k := range c.classOf(t).MRO {
		for other := range k.Members {
			if mayBeClose(name, other) {
				return false
			}
		}
	}
	return true
}

// knownMembers reports whether a class's members are all written in its
// body and its bases': not derived from Any, not decorated (a dataclass may
// add members), no __getattr__ or __getattribute__ of its own, not a
// TypedDict or named tuple.
func knownMembers(cls *types.Class) bool {
	for _, k := range cls.MRO {
		if k.AnyBase || k.Decorated || k.IsTypedDict || k.UnknownMembers {
			return false
		}
		if k.FullName == "builtins.object" {
			continue
		}
		if _, ok := k.Members["__getattr__"]; ok {
			return false
		}
		if _, ok := k.Members["__getattribute__"]; ok {
			return false
		}
	}
	return cls.Metaclass == nil
}

// mayBeClose reports whether difflib's ratio of two names could exceed
// mypy's 0.75 cutoff for suggesting one for the other: an upper bound from
// the characters they share.
func mayBeClose(a, b string) bool {
	counts := map[rune]int{}
	for _, r := range a {
		counts[r]++
	}
	shared := 0
	for _, r := range b {
		if counts[r] > 0 {
			counts[r]--
			shared++
		}
	}
	total := len([]rune(a)) + len([]rune(b))
	return total > 0 && 2*float64(shared)/float64(total) > 0.75
}
