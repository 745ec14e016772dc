package diag

import (
	"fmt"
	"strings"
)

// Messages in mypy's words that are more than a text (imports, ignore
// comments, incompatible assignments and returns...): functions that
// choose the words or quote the types. The plain texts and formats are in
// catalog.go.

// Error codes, as mypy names them.
const (
	CodeSyntax         = "syntax"
	CodeImportNotFound = "import-not-found"
	CodeImportUntyped  = "import-untyped"
	CodeMisc           = "misc"
)

// ImplicitOptionalNote and ImplicitOptionalUpgradeNote follow an
// incompatible None default of a parameter not declared optional.
const (
	ImplicitOptionalNote        = "PEP 484 prohibits implicit Optional. Accordingly, mypy has changed its default to no_implicit_optional=True"
	ImplicitOptionalUpgradeNote = "Use https://github.com/hauntsaninja/no_implicit_optional to automatically upgrade your codebase"
)

// MissingImportsNote follows the first import error of a run.
const MissingImportsNote = "See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports"

// ModuleNotFound is mypy's import-not-found error.
func ModuleNotFound(module string) string {
	return fmt.Sprintf("Cannot find implementation or library stub for module named %q", module)
}

// StubsNotInstalled is mypy's import-untyped error for a package typeshed
// has stubs for, and its two notes.
func StubsNotInstalled(module, dist string) (msg, hint, installAll string) {
	return fmt.Sprintf("Library stubs not installed for %q", module),
		fmt.Sprintf("Hint: \"python3 -m pip install types-%s\"", dist),
		"(or run \"mypy --install-types\" to install all missing stub packages)"
}

// NotTyped is mypy's import-untyped error for an installed package with
// neither stubs nor a py.typed marker.
func NotTyped(module string) string {
	return fmt.Sprintf("Skipping analyzing %q: module is installed, but missing library stubs or py.typed marker", module)
}

// ImportIgnored is reported under --follow-imports=error, with its note.
func ImportIgnored(module string) (msg, note string) {
	return fmt.Sprintf("Import of %q ignored", module),
		"(Using --follow-imports=error, module not passed on command line)"
}

// NoParentModule is a relative import beyond the top-level package.
const NoParentModule = "No parent module -- cannot perform relative import"

// Codes of semantic analysis.
const (
	CodeNoRedef       = "no-redef"
	CodeNameDefined   = "name-defined"
	CodeAttrDefined   = "attr-defined"
	CodeTypeArg       = "type-arg"
	CodeTopLevelAwait = "top-level-await"
	CodeAwaitNotAsync = "await-not-async"
)

// Codes of type checking.
const (
	CodeAssignment          = "assignment"
	CodeMethodAssign        = "method-assign"
	CodeRedundantCast       = "redundant-cast"
	CodeUntypedDecorator    = "untyped-decorator"
	CodeExplicitAny         = "explicit-any"
	CodeNoUntypedCall       = "no-untyped-call"
	CodeOverloadCannotMatch = "overload-cannot-match"
	CodeOverloadOverlap     = "overload-overlap"
	CodeNoOverloadImpl      = "no-overload-impl"
	CodeReturnValue         = "return-value"
	CodeCallArg             = "call-arg"
	CodeMetaclass           = "metaclass"
	CodeArgType             = "arg-type"
	CodeOperator            = "operator"
	CodeUnionAttr           = "union-attr"
	CodeFuncReturnsValue    = "func-returns-value"
	CodeIndex               = "index"
	CodeVarAnnotated        = "var-annotated"
	CodeUnreachable         = "unreachable"
	CodeNoUntypedDef        = "no-untyped-def"
	CodeAnnotationUnchecked = "annotation-unchecked"
	CodeIgnoreWithoutCode   = "ignore-without-code"
	CodeUnusedIgnore        = "unused-ignore"
	CodeUsedBeforeDef       = "used-before-def"
	CodeReturn              = "return"
	CodeCallOverload        = "call-overload"
	CodeEmptyBody           = "empty-body"
	CodePossiblyUndefined   = "possibly-undefined"
	CodeExhaustiveMatch     = "exhaustive-match"
	CodeListItem            = "list-item"
	CodeDictItem            = "dict-item"
	CodeTypedDictItem       = "typeddict-item"
	CodeTypedDictUnknownKey = "typeddict-unknown-key"
	CodeTypedDictReadOnly   = "typeddict-readonly-mutated"
	CodeLiteralRequired     = "literal-required"
	CodeComparisonOverlap   = "comparison-overlap"
	CodeNoAnyReturn         = "no-any-return"
	CodeNoAnyUnimported     = "no-any-unimported"
	CodeDeprecated          = "deprecated"
	CodeAbstract            = "abstract"
	CodeTypeAbstract        = "type-abstract"
	CodeStrFormat           = "str-format"
	CodeStrBytes            = "str-bytes-safe"
	CodeTypeVar             = "type-var"
	CodeValidType           = "valid-type"
	CodeOverride            = "override"
	CodeExplicitOverride    = "explicit-override"
	CodeTruthyFunction      = "truthy-function"
	CodeUnusedCoroutine     = "unused-coroutine"
	CodeUnusedAwaitable     = "unused-awaitable"
	CodeSafeSuper           = "safe-super"
	CodeAssertType          = "assert-type"
)

// UnimportedBecomesAny is a type that is Any, or holds an Any, because a
// name in it comes from a module that is not followed; what says which
// type ("Return type", `Argument 1 to "f"`), t is it formatted.
func UnimportedBecomesAny(what, t string) string {
	return fmt.Sprintf(`%s becomes "%s" due to an unfollowed import`, what, t)
}

// IncompatibleAssignment is an assigned value whose type does not fit the
// variable's declared type; both are formatted as mypy shows them.
func IncompatibleAssignment(expr, variable string) string {
	return fmt.Sprintf(`Incompatible types in assignment (expression has type %s, variable has type %s)`,
		QuoteType(expr), QuoteType(variable))
}

// QuoteType quotes a formatted type for a message, as mypy does, but for
// the descriptions it leaves bare ("overloaded function", "Module",
// "Module m", an unresolved "X?").
func QuoteType(t string) string {
	switch {
	case t == "overloaded function", t == "Module", t == "<deleted>", strings.HasPrefix(t, "Module "), strings.HasSuffix(t, "?"):
		return t
	}
	return `"` + t + `"`
}

// IncompatibleReturn is a returned value whose type does not fit the
// function's declared return type.
func IncompatibleReturn(got, expected string) string {
	return fmt.Sprintf(`Incompatible return value type (got "%s", expected "%s")`, got, expected)
}

// NonOverlapping is a --strict-equality comparison that can never be
// true; kind is "equality", "identity" or "container", and the operands
// are named as mypy names them for that kind.
func NonOverlapping(kind, leftName, left, rightName, right string) string {
	return fmt.Sprintf(`Non-overlapping %s check (%s type: "%s", %s type: "%s")`, kind, leftName, left, rightName, right)
}

// ReturningAny is a --warn-return-any return of an Any value.
func ReturningAny(declared string) string {
	return fmt.Sprintf(`Returning Any from function declared to return "%s"`, declared)
}

// IgnoreNotCovering notes an error on a line whose `# type: ignore[...]`
// comment names only other codes.
func IgnoreNotCovering(code string, ignored []string) string {
	return fmt.Sprintf(`Error code "%s" not covered by "type: ignore[%s]" comment`, code, strings.Join(ignored, ", "))
}

// The --disallow-untyped-defs and --disallow-incomplete-defs errors, and
// the note for a def that returns nothing.
const (
	FunctionTypeExpected = "Function is missing a type annotation"
	ReturnTypeExpected   = "Function is missing a return type annotation"
	ArgumentTypeExpected = "Function is missing a type annotation for one or more parameters"
	UseNoneReturn        = `Use "-> None" if function does not return a value`
)

// AnnotationUnchecked is the note on an annotation in a function whose
// body is not checked.
const AnnotationUnchecked = "By default the bodies of untyped functions are not checked, consider using --check-untyped-defs"

// UnusedIgnore is mypy's unused-ignore error for a comment whose codes
// unused silenced nothing (none for a bare ignore); they are named when
// the comment lists more than one. narrower gives, for an unused code, the
// sub-codes it did silence, suggested instead.
func UnusedIgnore(unused []string, named bool, narrower func(code string) []string) string {
	msg := `Unused "type: ignore" comment`
	if named {
		msg = fmt.Sprintf(`Unused "type: ignore[%s]" comment`, strings.Join(unused, ", "))
	}
	for _, c := range unused {
		if sub := narrower(c); len(sub) > 0 {
			msg += fmt.Sprintf(", use narrower [%s] instead of [%s] code", strings.Join(sub, ", "), c)
		}
	}
	return msg
}

// IgnoreWithoutCode is mypy's ignore-without-code error; used are the codes
// the comment silenced, suggested instead.
func IgnoreWithoutCode(used []string) string {
	msg := `"type: ignore" comment without error code`
	if len(used) > 0 {
		msg += fmt.Sprintf(` (consider "type: ignore[%s]" instead)`, strings.Join(used, ", "))
	}
	return msg
}

// IncompatibleRedefinition is mypy's error for a conditional def over a
// variable whose type the def's does not fit.
func IncompatibleRedefinition(redefinition, original string) string {
	return fmt.Sprintf(`Incompatible redefinition (redefinition with type %s, original type %s)`,
		QuoteType(redefinition), QuoteType(original))
}
