package semanal

import (
	"strings"

	"typd/parser/ast"
)

// enumClasses are the enum module's classes whose call makes an enum
// class (the functional API).
var enumClasses = map[string]bool{"Enum": true, "IntEnum": true, "StrEnum": true, "Flag": true, "IntFlag": true}

// functionalEnum reads `Color = Enum('Color', ...)` as the class statement
// it stands for, as mypy's semantic analyser does, or returns nil when the
// call is not one it can read: the members are given as a string of names
// ('RED GREEN' or 'RED, GREEN'), a list or tuple of names, of (name, value)
// pairs, or a dict of names to values. Members given by name only are
// numbered from 1, as at run time.
func functionalEnum(name string, x *ast.Assign) *ast.ClassDef {
	call, ok := x.Value.(*ast.Call)
	if !ok || len(call.Args) != 2 {
		return nil
	}
	dotted := ast.DottedName(call.Func)
	if !enumClasses[dotted[strings.LastIndexByte(dotted, '.')+1:]] {
		return nil
	}
	if k, ok := call.Args[0].(*ast.Constant); !ok || k.Value.Kind != ast.StrValue || k.Value.Str != name {
		return nil
	}
	def := &ast.ClassDef{Span: x.Span, Name: name, Bases: []ast.Expr{call.Func}}
	member := func(at ast.Span, name string, value ast.Expr) {
		def.Body = append(def.Body, &ast.Assign{Span: at, Targets: []ast.Expr{&ast.Name{Span: at, ID: name, Ctx: ast.Store}},
			Value: value})
	}
	numbered := func(at ast.Span, names []string) {
		for i, n := range names {
			member(at, n, &ast.Constant{Span: at, Value: ast.Value{Kind: ast.IntValue, Int: int64(i + 1)}})
		}
	}
	switch m := call.Args[1].(type) {
	case *ast.Constant:
		if m.Value.Kind != ast.StrValue {
			return nil
		}
		numbered(m.Span, strings.Fields(strings.ReplaceAll(m.Value.Str, ",", " ")))
	case *ast.List, *ast.Tuple:
		elts, _ := ast.SequenceElts(m)
		var names []string
		for _, e := range elts {
			switch it := e.(type) {
			case *ast.Constant:
				if it.Value.Kind != ast.StrValue {
					return nil
				}
				names = append(names, it.Value.Str)
			case *ast.Tuple:
				k, ok := it.Elts[0].(*ast.Constant)
				if len(it.Elts) != 2 || !ok || k.Value.Kind != ast.StrValue {
					return nil
				}
				member(k.Span, k.Value.Str, it.Elts[1])
			default:
				return nil
			}
		}
		if len(names) > 0 && len(def.Body) > 0 {
			return nil // names and pairs mixed
		}
		numbered(*m.Pos(), names)
	case *ast.Dict:
		for i, k := range m.Keys {
			key, ok := k.(*ast.Constant)
			if !ok || key.Value.Kind != ast.StrValue {
				return nil
			}
			member(key.Span, key.Value.Str, m.Values[i])
		}
	default:
		return nil
	}
	return def
}
