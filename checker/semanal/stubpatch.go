package semanal

import (
	"typd/checker/build"
	"typd/parser/ast"
)

// stubBody is the body of a module as typd binds it. It is the parse's,
// but for typeshed's builtins, read as mypy reads the copy it ships: mypy
// removes the LiteralString overloads of str's methods there (an overload
// variant whose self is LiteralString goes, and a method left with one
// variant is a plain def), so `"".join` is one signature and `"a" + 1` is
// an error. The parse itself is left as it is.
func stubBody(m *build.Module) []ast.Stmt {
	body := m.File.Module.Body
	if m.Name != "builtins" || !m.IsStub {
		return body
	}
	for i, s := range body {
		cls, ok := s.(*ast.ClassDef)
		if !ok || cls.Name != "str" {
			continue
		}
		methods, changed := withoutLiteralStringVariants(cls.Body)
		if !changed {
			return body
		}
		c := *cls
		c.Body = methods
		out := append([]ast.Stmt(nil), body...)
		out[i] = &c
		return out
	}
	return body
}

// withoutLiteralStringVariants drops the overload variants of a class
// body whose self is annotated LiteralString; an overload left with one
// variant becomes a plain def. It reports whether anything changed.
func withoutLiteralStringVariants(body []ast.Stmt) ([]ast.Stmt, bool) {
	variants := map[string]int{}
	dropped := map[string]int{}
	for _, s := range body {
		if f, ok := s.(*ast.FunctionDef); ok && isOverloadVariant(f) {
			variants[f.Name]++
			if literalStringSelf(f) {
				dropped[f.Name]++
			}
		}
	}
	if len(dropped) == 0 {
		return body, false
	}
	out := make([]ast.Stmt, 0, len(body))
	for _, s := range body {
		f, ok := s.(*ast.FunctionDef)
		if !ok || dropped[f.Name] == 0 || !isOverloadVariant(f) {
			out = append(out, s)
			continue
		}
		if literalStringSelf(f) {
			continue
		}
		if variants[f.Name]-dropped[f.Name] == 1 {
			plain := *f
			plain.DecoratorList = nil
			for _, d := range f.DecoratorList {
				if !isOverloadDecorator(d) {
					plain.DecoratorList = append(plain.DecoratorList, d)
				}
			}
			f = &plain
		}
		out = append(out, f)
	}
	return out, true
}

// isOverloadVariant reports a def decorated @overload.
func isOverloadVariant(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if isOverloadDecorator(d) {
			return true
		}
	}
	return false
}

func isOverloadDecorator(d ast.Expr) bool {
	switch ast.DottedName(d) {
	case "overload", "typing.overload", "typing_extensions.overload":
		return true
	}
	return false
}

// literalStringSelf reports a method whose first parameter is annotated
// LiteralString.
func literalStringSelf(f *ast.FunctionDef) bool {
	all := f.Args.All()
	if len(all) == 0 || all[0].Annotation == nil {
		return false
	}
	name := ast.DottedName(all[0].Annotation)
	return name == "LiteralString" || name == "typing.LiteralString" || name == "typing_extensions.LiteralString"
}
