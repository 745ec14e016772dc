// Package semanal is typd's semantic analysis: it binds the names of every
// module (module, class, function and comprehension scopes; imports with
// mypy's re-export rules for stubs; star imports and __all__), skipping
// the blocks that cannot run for the target, and reports what mypy's
// semantic analyzer reports about names: undefined names, names missing
// from the modules they are imported from.
//
// It reads nothing but the ASTs of a loaded build.Graph and keeps no state
// between checks. Types come later: symbols record where names are bound.
package semanal

import "typd/parser/ast"

// Kind is what a name is bound to.
type Kind uint8

// The kinds of symbols.
const (
	Var       Kind = iota // an assignment, a for or with target, ...
	Func                  // def
	Class                 // class
	ModuleRef             // `import a.b` binds a; `import a.b as c` binds c to a.b
	Imported              // `from m import x` binds x to m.x
	TypeParam             // a PEP 695 type parameter
)

// Symbol is a bound name.
type Symbol struct {
	Name string
	Kind Kind
	Line int
	// Module and Attr say what an import binds: for ModuleRef the module,
	// for Imported the module and the attribute.
	Module string
	Attr   string
	// ExplicitExport marks `import a as a` and `from m import x as x`, which
	// stubs re-export.
	ExplicitExport bool
	// Declared marks a definition proper (def, class, import, annotated
	// assignment), as opposed to a plain assignment.
	Declared bool
	// Conditional marks a def inside an if, try, loop or with block, which
	// may redefine a function (the checker compares the variants).
	Conditional bool
	// Overload marks an @overload variant.
	Overload bool
	// AnnotationOnly marks `x: T` without a value, which a later def may
	// replace (a dataclass InitVar and its method).
	AnnotationOnly bool
	// Def is the FunctionDef or ClassDef of a Func or Class symbol.
	Def ast.Stmt
	// Variants are the @overload variants of an overloaded function, in
	// order (the implementation, if any, is Def and not among them).
	Variants []*ast.FunctionDef
	// Annotation is a variable's declared type, Value the expression of its
	// latest plain assignment in the scope (each plain assignment makes a
	// new symbol; First keeps the first binding); either may be nil.
	Annotation ast.Expr
	// Final marks a variable declared `Final` without a type (`X: Final =
	// 3`): its type is its value's, with the literal kept (Annotation is
	// then nil).
	Final bool
	// TypeComment is the `# type: T` comment of a variable's first
	// assignment, when it has one.
	TypeComment string
	Value       ast.Expr
	// First is the statement that first bound the name in its scope (an
	// assignment, def, class, import, for, with...), which later bindings
	// do not change: a plain assignment there may make the name a type
	// alias, a def there is what conditional defs are compared with. It
	// is nil for a parameter and a package's submodule.
	First ast.Stmt
}

// Redefinition is a name defined twice in one scope (mypy's no-redef).
type Redefinition struct {
	Name      string
	Line, Col int32
	Prev      *Symbol
	// Declaration marks an annotated assignment over an earlier binding,
	// which a TypedDict's or NamedTuple's body reports otherwise and
	// --allow-redefinition may allow.
	Declaration bool
	// UnlessLoaded, when set, is the module an import over a def or class
	// binds from: the redefinition stands only when that module was not
	// loaded (mypy checks an import from a module it found as an
	// assignment instead).
	UnlessLoaded string
}

// Table is one scope's names.
type Table map[string]*Symbol

// Module is a module's top-level names and what it says about exports.
type Module struct {
	Name   string
	IsStub bool
	Names  Table
	// All is __all__ when the module defines it (HasAll).
	All    []string
	HasAll bool
	// StarImports are the modules of its `from m import *` statements.
	StarImports []string
	// HasGetattr is set by a module-level __getattr__, which makes every
	// attribute exist.
	HasGetattr bool
	// Redefinitions are the top level's names defined twice.
	Redefinitions []Redefinition
}

// ImplicitModuleAttrs are the names every module has.
var ImplicitModuleAttrs = []string{"__name__", "__doc__", "__file__", "__package__", "__spec__",
	"__annotations__", "__builtins__", "__dict__", "__loader__"}

// IsFinalAnnotation reports an annotation that declares a name Final:
// `Final` alone or `Final[T]` (by the spelling, as IsBareFinal).
func IsFinalAnnotation(annotation ast.Expr) bool {
	if sub, ok := annotation.(*ast.Subscript); ok {
		return IsBareFinal(sub.Value)
	}
	return IsBareFinal(annotation)
}

// IsClassVarAnnotation reports an annotation `ClassVar` or `ClassVar[T]`
// (by the spelling, as IsBareFinal).
func IsClassVarAnnotation(annotation ast.Expr) bool {
	if sub, ok := annotation.(*ast.Subscript); ok {
		annotation = sub.Value
	}
	switch x := annotation.(type) {
	case *ast.Name:
		return x.ID == "ClassVar"
	case *ast.Attribute:
		return x.Attr == "ClassVar"
	}
	return false
}

// IsBareFinal reports an annotation that is `Final` alone (`typing.Final`,
// `typing_extensions.Final`), which declares a name final and leaves its
// type to its value. It goes by the spelling: a class of the user's named
// Final is not told apart.
func IsBareFinal(annotation ast.Expr) bool {
	switch x := annotation.(type) {
	case *ast.Name:
		return x.ID == "Final"
	case *ast.Attribute:
		return x.Attr == "Final"
	}
	return false
}
