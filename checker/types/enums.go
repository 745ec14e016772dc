package types

import (
	"slices"
	"strings"
)

// IsEnum reports an enum class: one derived from enum.Enum.
func (c *Class) IsEnum() bool {
	return slices.ContainsFunc(c.MRO, func(k *Class) bool { return k.FullName == "enum.Enum" })
}

// IsEnumMember reports a member of an enum class that is one of its
// values: assigned in the class body without an annotation, not a method
// (nor a method's alias, a lambda or a nonmember(...)), and not a dunder,
// a private name (__x) or a sunder name (_x_, which enum reserves), as in
// mypy: `_` and `_x` are members.
func (c *Class) IsEnumMember(m *Member) bool {
	if m.IsMethod || m.Type != nil || m.OnInstance || m.NotEnumValue || strings.HasPrefix(m.Name, "__") || isSunder(m.Name) {
		return false
	}
	if _, owner := c.Lookup(m.Name); owner != c {
		return false
	}
	return c.IsEnum()
}

// isSunder reports a name enum reserves: _x_ (not _, nor a dunder).
func isSunder(name string) bool {
	return len(name) > 1 && strings.HasPrefix(name, "_") && strings.HasSuffix(name, "_") && !strings.HasPrefix(name, "__")
}

// EnumMembers are the names of an enum class's values, sorted.
func (c *Class) EnumMembers() []string {
	var names []string
	for name, m := range c.Members {
		if c.IsEnumMember(m) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// contractLiterals replaces the literals of all the values of an enum
// (or of both bools) among a union's items by the class's instance, at
// the first one's place, as mypy's try_contracting_literals_in_union.
func contractLiterals(items []Type) []Type {
	type sum struct {
		missing map[string]bool
		at      []int
	}
	var sums map[*Class]*sum
	drop := map[int]bool{}
	for i, t := range items {
		lit, ok := t.(*Literal)
		if !ok || lit.Fallback == nil {
			continue
		}
		cls := lit.Fallback.Class
		var key string
		switch {
		case lit.Value.Kind == LitEnum:
			key = lit.Value.Str
		case lit.Value.Kind == LitBool && cls.FullName == "builtins.bool":
			key = "False"
			if lit.Value.Bool {
				key = "True"
			}
		default:
			continue
		}
		if sums == nil {
			sums = map[*Class]*sum{}
		}
		s := sums[cls]
		if s == nil {
			s = &sum{missing: map[string]bool{}}
			if lit.Value.Kind == LitEnum {
				for _, name := range cls.EnumMembers() {
					s.missing[name] = true
				}
			} else {
				s.missing["True"], s.missing["False"] = true, true
			}
			sums[cls] = s
		}
		delete(s.missing, key)
		s.at = append(s.at, i)
		if len(s.missing) == 0 && len(s.at) > 0 {
			items[s.at[0]] = lit.Fallback
			for _, j := range s.at[1:] {
				drop[j] = true
			}
			s.at = nil
		}
	}
	if len(drop) == 0 {
		return items
	}
	out := items[:0:0]
	for i, t := range items {
		if !drop[i] {
			out = append(out, t)
		}
	}
	return out
}

// ExpandLiterals is an instance of an enum with values, or of bool, as
// the literals of its values, an enum's sorted by name (mypy's
// try_expanding_sum_type_to_union); nil for other types.
func ExpandLiterals(t Type) []Type {
	inst, ok := t.(*Instance)
	if !ok || inst.LastKnownValue != nil {
		return nil
	}
	if inst.Class.FullName == "builtins.bool" {
		return []Type{&Literal{Value: LiteralValue{Kind: LitBool, Bool: true}, Fallback: inst},
			&Literal{Value: LiteralValue{Kind: LitBool}, Fallback: inst}}
	}
	if !inst.Class.IsEnum() {
		return nil
	}
	var out []Type
	for _, name := range inst.Class.EnumMembers() {
		out = append(out, &Literal{Value: LiteralValue{Kind: LitEnum, Str: name}, Fallback: inst})
	}
	return out
}
