package check

import (
	"typd/checker/types"
	"typd/parser/ast"
)

// enumAttribute types the name and value of an enum's members as mypy's
// enum plugin does, where typeshed says only str and Any (ok is false for
// any other attribute, or a class that is no enum):
//
//   - a known member (Color.RED, or a value narrowed to it): its name as a
//     literal (`Literal['RED']?`), its value as the assigned value's type,
//     the literal kept (`Literal[1]?`; int for auto());
//   - any member: name is str; value is the one type every member's value
//     has (literals widened, `int` for 1 and 2), else what typeshed says.
//
// A class that defines __new__ (below Enum) sets its values itself: its
// value is what typeshed says.
func (c *Checker) enumAttribute(cls *types.Class, receiver types.Type, name string, declared types.Type) (types.Type, bool) {
	if !isEnumClass(cls) {
		return nil, false
	}
	member := enumMemberName(receiver)
	switch name {
	case "name", "_name_":
		if member == "" {
			return declared, true
		}
		return c.strLiteral(member), true
	case "value", "_value_":
		if definesNew(cls) {
			return declared, true
		}
		if member != "" {
			if t := c.enumValue(cls, member); t != nil {
				return t, true
			}
			return declared, true
		}
		var first types.Type
		for _, k := range cls.MRO {
			for mname, m := range k.Members {
				if !isEnumMember(cls, m) {
					continue
				}
				t := c.enumValue(cls, mname)
				if t == nil {
					return declared, true
				}
				if first == nil {
					first = widen(t)
				} else if w := widen(t); !types.IsSubtypeStrict(w, first) || !types.IsSubtypeStrict(first, w) {
					return declared, true
				}
			}
		}
		if first == nil {
			return declared, true
		}
		return first, true
	}
	return nil, false
}

// enumMemberName is the member a value of an enum is known to be (the
// literal it was narrowed to, or the last one assigned), or "".
func enumMemberName(t types.Type) string {
	switch x := t.(type) {
	case *types.Literal:
		if x.Value.Kind == types.LitEnum {
			return x.Value.Str
		}
	case *types.Instance:
		if x.LastKnownValue != nil && x.LastKnownValue.Value.Kind == types.LitEnum {
			return x.LastKnownValue.Value.Str
		}
	}
	return ""
}

// enumValue is the type of the value assigned to an enum member, its
// literal kept; int for auto(); nil when unknown.
func (c *Checker) enumValue(cls *types.Class, member string) types.Type {
	m, _ := cls.Lookup(member)
	if m == nil {
		return nil
	}
	a, ok := c.p.Implicit(m)
	if !ok || a.Value == nil || a.Method != nil || a.Part != nil {
		return nil
	}
	if call, ok := a.Value.(*ast.Call); ok {
		switch ast.DottedName(call.Func) {
		case "auto", "enum.auto":
			if gen, owner := cls.Lookup("_generate_next_value_"); gen != nil && owner != nil && owner.Module != "enum" {
				return nil // a class of its own numbering
			}
			return c.builtinInstance("int")
		}
	}
	return c.other(a.Module).exprQuiet(a.Value)
}

// strLiteral is str with a literal value last known (`Literal['x']?`).
func (c *Checker) strLiteral(s string) types.Type {
	str := c.builtinInstance("str")
	inst, ok := str.(*types.Instance)
	if !ok {
		return str
	}
	return &types.Instance{Class: inst.Class, LastKnownValue: &types.Literal{
		Value: types.LiteralValue{Kind: types.LitStr, Str: s}, Fallback: inst}}
}

// definesNew reports an enum class that defines __new__ below Enum's own
// classes, setting its members' values itself.
func definesNew(cls *types.Class) bool {
	for _, k := range cls.MRO {
		if k.Module == "enum" || k.FullName == "builtins.object" {
			return false
		}
		if _, ok := k.Members["__new__"]; ok {
			return true
		}
	}
	return false
}
