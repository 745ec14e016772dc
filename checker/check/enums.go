package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
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
//     has, or the union of their types when they differ only in their
//     literals (`Literal[True]? | Literal[False]?`), else what typeshed
//     says.
//
// A class that defines __new__ (below Enum) sets its values itself: its
// value is what typeshed says.
func (c *Checker) enumAttribute(cls *types.Class, receiver types.Type, name string, declared types.Type) (types.Type, bool) {
	if !cls.IsEnum() {
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
		var t types.Type
		if member != "" {
			t = c.enumValue(cls, member)
		} else {
			t = c.sharedEnumValue(cls)
		}
		if t == nil {
			return declared, true
		}
		return t, true
	}
	return nil, false
}

// sharedEnumValue is the type of any member's value of an enum class:
// the one type every member's value has, or the union of their types when
// they differ only in their literals; nil when they differ otherwise or
// one is not known.
func (c *Checker) sharedEnumValue(cls *types.Class) types.Type {
	if t, ok := c.enumValues[cls]; ok {
		return t
	}
	if c.enumValues == nil {
		c.enumValues = map[*types.Class]types.Type{}
	}
	c.enumValues[cls] = nil // (while it is found: a value read in a value is unknown)
	var shared types.Type
	defer func() { c.enumValues[cls] = shared }()
	var values []types.Type
	for _, mname := range c.enumMembersInOrder(cls) {
		t := c.enumValue(cls, mname)
		if t == nil {
			return nil
		}
		values = append(values, t)
	}
	if len(values) == 0 {
		return nil
	}
	same, equivalent := true, true
	for _, t := range values[1:] {
		same = same && sameValueType(t, values[0])
		equivalent = equivalent && sameValueType(widen(t), widen(values[0]))
	}
	switch {
	case same:
		shared = values[0]
	case equivalent:
		shared = literalsUnion(values)
	}
	return shared
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
			// The class's _generate_next_value_ numbers it: int, unless
			// the program defines its own.
			if gen, owner := cls.Lookup("_generate_next_value_"); gen != nil && owner != nil && owner.Module != "enum" {
				if f, ok := c.classMember(cls, nil, "_generate_next_value_").(*types.Callable); ok {
					return f.Ret
				}
				return nil
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

// sameValueType reports two types of enum values that are the same, the
// literal a value of a class is last known to be included.
func sameValueType(a, b types.Type) bool {
	if !types.IsSubtypeStrict(a, b) || !types.IsSubtypeStrict(b, a) {
		return false
	}
	ia, _ := a.(*types.Instance)
	ib, _ := b.(*types.Instance)
	if ia == nil || ib == nil || ia.LastKnownValue == nil || ib.LastKnownValue == nil {
		return (ia == nil || ia.LastKnownValue == nil) && (ib == nil || ib.LastKnownValue == nil)
	}
	return ia.LastKnownValue.Value == ib.LastKnownValue.Value
}

// enumMembersInOrder are the names of an enum class's members in the
// order the class body assigns them.
func (c *Checker) enumMembersInOrder(cls *types.Class) []string {
	if names, ok := c.enumOrders[cls]; ok {
		return names
	}
	type placed struct {
		name      string
		line, col int32
	}
	var members []placed
	for name, m := range cls.Members {
		if !cls.IsEnumMember(m) {
			continue
		}
		p := placed{name: name}
		if a, ok := c.p.Implicit(m); ok && a.Value != nil {
			p.line, p.col = a.Value.Pos().Lineno, a.Value.Pos().ColOffset
		}
		members = append(members, p)
	}
	slices.SortFunc(members, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col), strings.Compare(a.name, b.name))
	})
	names := make([]string, len(members))
	for i, p := range members {
		names[i] = p.name
	}
	if c.enumOrders == nil {
		c.enumOrders = map[*types.Class][]string{}
	}
	c.enumOrders[cls] = names
	return names
}

// literalsUnion is the union of values of one type that differ in the
// literal they are last known to be, as mypy simplifies it: each literal
// once, and the type alone when one value is not a literal.
func literalsUnion(values []types.Type) types.Type {
	var items []types.Type
	for _, v := range values {
		if inst, ok := v.(*types.Instance); ok && inst.LastKnownValue == nil {
			return v
		}
		if !slices.ContainsFunc(items, func(it types.Type) bool { return sameValueType(it, v) }) {
			items = append(items, v)
		}
	}
	if len(items) == 1 {
		return items[0]
	}
	return &types.Union{Items: items}
}

// enumLiteral is the literal type of one member of an enum class.
func enumLiteral(cls *types.Class, member string) *types.Literal {
	return &types.Literal{Value: types.LiteralValue{Kind: types.LitEnum, Str: member}, Fallback: &types.Instance{Class: cls}}
}

// checkEnumBases reports an enum class deriving from an enum that has
// members, which Python forbids: "Cannot extend enum with existing
// members" ([misc]), for each such class among its bases.
func (c *Checker) checkEnumBases(def *ast.ClassDef, cls *types.Class) {
	if cls == nil || !c.checked() || !cls.IsEnum() || len(cls.MRO) < 2 {
		return
	}
	for _, base := range cls.MRO[1 : len(cls.MRO)-1] {
		if base.IsEnum() && base.Module != "enum" && len(base.EnumMembers()) > 0 {
			c.report(def.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.EnumWithMembersExtended, base.Name))
		}
	}
}
