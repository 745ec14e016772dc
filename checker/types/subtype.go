package types

// IsSubtype reports whether a value of type a may be used where b is
// expected. This first version knows Any, None, Never, classes through
// their MRO (type arguments are not compared yet), unions, tuples and
// literals.
func IsSubtype(a, b Type) bool {
	switch y := b.(type) {
	case *Any:
		return true
	case *Union:
		if u, ok := a.(*Union); ok {
			for _, it := range u.Items {
				if !IsSubtype(it, b) {
					return false
				}
			}
			return true
		}
		for _, it := range y.Items {
			if IsSubtype(a, it) {
				return true
			}
		}
		return false
	}
	if inst, ok := b.(*Instance); ok && inst.Class.FullName == "builtins.object" {
		return true // everything is an object
	}
	switch x := a.(type) {
	case *Any, *Never:
		return true
	case *NoneType:
		_, ok := b.(*NoneType)
		if inst, isInst := b.(*Instance); isInst {
			return inst.Class.FullName == "builtins.object"
		}
		return ok
	case *Union:
		for _, it := range x.Items {
			if !IsSubtype(it, b) {
				return false
			}
		}
		return true
	case *Literal:
		if l, ok := b.(*Literal); ok {
			return l.Value == x.Value
		}
		return x.Fallback != nil && IsSubtype(x.Fallback, b)
	case *Tuple:
		if t, ok := b.(*Tuple); ok {
			if len(t.Items) != len(x.Items) {
				return false
			}
			for i := range x.Items {
				if !IsSubtype(x.Items[i], t.Items[i]) {
					return false
				}
			}
			return true
		}
		return x.Fallback != nil && IsSubtype(x.Fallback, b)
	case *Instance:
		if y, ok := b.(*Instance); ok {
			for _, c := range x.Class.MRO {
				if c == y.Class {
					return true
				}
			}
			if y.Class.IsProtocol {
				return implements(x.Class, y.Class)
			}
		}
		return false
	}
	return false
}

// implements reports whether class c has every member a protocol defines
// (names only, for now).
func implements(c, proto *Class) bool {
	for _, k := range proto.MRO {
		if !k.IsProtocol {
			continue
		}
		for name := range k.Members {
			if name == "__slots__" || name == "__init__" || name == "__class_getitem__" {
				continue
			}
			if m, _ := c.Lookup(name); m == nil {
				return false
			}
		}
	}
	return true
}
