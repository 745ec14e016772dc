package diag

// The catalog of mypy's messages typd reports, in mypy's words, grouped by
// what reports them. A text the reporter fills is a format for fmt.Sprintf
// (go vet checks the arguments against it); the others are reported as
// they are: those about printf-style formatting quote Python's own
// conversions (PercentCNeedsChar, BytesInterpolated...). The messages that
// are more than a text (a choice of words, a quoted type) are functions in
// messages.go.

// Instantiating abstract classes and protocols.
const (
	CannotInstantiateProtocol = `Cannot instantiate protocol class "%s"`
	CannotInstantiateAbstract = `Cannot instantiate abstract class "%s" with abstract attribute%s %s`
	MethodsSuppressed         = "%s, ... and %s (%d methods suppressed)"
)

// Assignments and returns.
const (
	OnlyConcreteClassesAssignable = `Can only assign concrete classes to a variable of type "%s"`
	NoReturnValueExpected         = "No return value expected"
	AssignmentOutsideExcept       = `Assignment to variable "%s" outside except: block`
)

// Reading and assigning attributes.
const (
	UnionItemHasNoAttribute         = `Item "%s" of "%s" has no attribute "%s"`
	HasNoAttribute                  = `"%s" has no attribute "%s"`
	ModuleHasNoAttribute            = `Module has no attribute "%s"`
	InstanceOnlyAttribute           = `Cannot access instance-only attribute "%s" on class object`
	GenericClassVariableAccess      = "Access to generic class variables is ambiguous"
	GenericInstanceVariableViaClass = "Access to generic instance variables via class is ambiguous"
	CannotAssignToFinalName         = `Cannot assign to final name "%s"`
	NotInSlots                      = `Trying to assign name "%s" that is not in "__slots__" of type "%s"`
	PropertyReadOnly                = `Property "%s" defined in "%s" is read-only`
	CannotAssignToAType             = "Cannot assign to a type"
	CannotAssignToClassVariable     = `Cannot assign to class variable "%s" via instance`
	FinalInstanceAttributeOnClass   = `Cannot access final instance attribute "%s" on class object`
	CannotAssignToAMethod           = "Cannot assign to a method"
)

// Calls: arity, arguments, overload resolution, and the notes that follow.
const (
	OverloadsNeedArgument      = "All overload variants%s require at least one argument"
	NoOverloadMatchesType      = "No overload variant%s matches argument type %s"
	NoOverloadMatchesTypes     = "No overload variant%s matches argument types %s"
	PossibleOverloadVariants   = "Possible overload variants:"
	PossibleOverloadVariant    = "Possible overload variant:"
	TooManyArguments           = "Too many arguments%s"
	MissingNamedArgument       = "Missing named argument %q"
	MultipleValuesForKeyword   = `%s gets multiple values for keyword argument "%s"`
	TooFewArguments            = "Too few arguments%s"
	TooManyPositionalArguments = "Too many positional arguments%s"
	StarArgNotIterable         = "Expected iterable as variadic argument"
	StarStarNotMapping         = `Argument after ** must be a mapping, not "%s"`
	StarStarKeysNotStr         = "Argument after ** must have string keys"
	OnlyConcreteClass          = `Only concrete class can be given where "%s" is expected`
	IncompatibleArgument       = `Argument %s%s has incompatible type "%s"; expected "%s"`
	UnexpectedKeywordArgument  = "Unexpected keyword argument %q"
	MissingPositionalArgument  = `Missing positional argument "%s" in call to %s`
	MissingPositionalArguments = `Missing positional arguments "%s" in call to %s`
	CalledFunction             = "Called function"
	DefinedIn                  = `%s defined in "%s"`
	InstanceVariableNote       = `"%s" is considered instance variable, to make it class variable use ClassVar[...]`
	UseSequenceNote            = `Consider using "Sequence" instead, which is covariant`
	UseMappingNote             = `Consider using "Mapping" instead, which is covariant in the value type`
	UntypedCall                = `Call to untyped function "%s" in typed context`
	RedundantCastTo            = `Redundant cast to "%s"`
)

// Deprecated names (PEP 702); the first verb is "function", "class" or "overload", the second the name.
const (
	Deprecated = "%s %s is deprecated: %s"
)

// List, set and dict displays and comprehensions.
const (
	IncompatibleListItem          = `List item %d has incompatible type "%s"; expected "%s"`
	IncompatibleDictEntry         = `Dict entry %d has incompatible type "%s": "%s"; expected "%s": "%s"`
	IncompatibleListComprehension = "List comprehension has incompatible type List[%s]; expected List[%s]"
	IncompatibleSetComprehension  = "Set comprehension has incompatible type Set[%s]; expected Set[%s]"
	IncompatibleGeneratorItem     = `Generator has incompatible item type "%s"; expected "%s"`
	IncompatibleDictComprehension = `%s expression in dictionary comprehension has incompatible type "%s"; expected type "%s"`
)

// Enums.
const (
	EnumWithMembersExtended = `Cannot extend enum with existing members: "%s"`
)

// The @override decorator (PEP 698).
const (
	OverrideWithoutBase = `Method "%s" is marked as an override, but no base method was found with this name`
	OverrideNotMarked   = `Method "%s" is not using @override but is overriding a method in class "%s"`
)

// Final names, attributes and classes.
const (
	CannotRedefineAsFinal        = "Cannot redefine an existing name as final"
	CannotAssignToFinalAttribute = `Cannot assign to final attribute "%s"`
	CannotOverrideFinalAttribute = `Cannot override final attribute "%s" (previously declared in base class "%s")`
	FinalOverridesWritable       = `Cannot override writable attribute "%s" with a final one`
	CannotInheritFromFinal       = `Cannot inherit from final class "%s"`
	MetaclassConflict            = "Metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases"
	MetaclassOf                  = `"%s" (metaclass of "%s")`
	MetaclassConflictsWith       = "%s conflicts with %s"
	FinalTypeNeedsInitializer    = "Type in Final[...] can only be omitted if there is an initializer"
	FinalNameMustBeInitialized   = "Final name must be initialized with a value"
	FinalOnlyOutermost           = "Final can be only used as an outermost qualifier in a variable annotation"
)

// Function bodies and their return types.
const (
	ReturnMustBeNone            = `The return type of "%s" must be None`
	ImplicitReturnInNoReturn    = "Implicit return in function which does not return"
	MissingReturnStatement      = "Missing return statement"
	ImplicitNoneReturn          = `Incompatible return value type (implicitly returns "None", expected "%s")`
	UseAbstractMethodNote       = "If the method is meant to be abstract, use @abc.abstractmethod"
	NewMustReturnAClassInstance = `"__new__" must return a class instance (got "%s")`
	IncompatibleNewReturn       = `Incompatible return type for "__new__" (returns "%s", but must return a subtype of "%s")`
)

// Type variables inferred in calls.
const (
	TypeVarValueCannotBe = `Value of type variable "%s" of %s cannot be "%s"`
)

// Multiple inheritance.
const (
	IncompatibleBaseDefinitions = `Definition of "%s" in base class "%s" is incompatible with definition in base class "%s"`
)

// Imports in class bodies.
const (
	UnsupportedClassScopedImport = "Unsupported class scoped import"
)

// Reading names.
const (
	ReadOfDeleted = `Trying to read deleted variable "%s"`
)

// Operators.
const (
	LeftOperandIsOfType     = `Left operand is of type "%s"`
	RightOperandIsOfType    = `Right operand is of type "%s"`
	UnsupportedOperandTypes = `Unsupported operand types for %s ("%s" and "%s")`
	UnsupportedLeftOperand  = `Unsupported left operand type for %s ("%s")`
	UnsupportedInOperand    = `Unsupported right operand type for in ("%s")`
)

// Overload definitions.
const (
	OverloadImplementationInStub  = "An implementation for an overloaded function is not allowed in a stub file"
	OverloadImplementationNotLast = "The implementation for an overloaded function must come last"
	OverloadNeverMatched          = "Overloaded function signature %d will never be matched: signature %d's parameter type(s) are the same or broader"
	OverloadsOverlap              = "Overloaded function signatures %d and %d overlap with incompatible return types"
	FlipOverloadsNote             = "Flipping the order of overloads will fix this error"
	SingleOverloadDefinition      = "Single overload definition, multiple required"
	InconsistentAbstractOverload  = "Overloaded method has both abstract and non-abstract variants"
	AssertTypeFail                = `Expression is of type "%s", not "%s"`
	AssertTypeUnchecked           = `"assert_type" expects everything to be "Any" in unchecked functions`
	StubFinalOnFirstOverload      = "In a stub file @final must be applied only to the first overload"
	OverloadInconsistentDecorator = `Overload does not consistently use the "@%s" decorator on all function signatures.`
	OverloadMissingImplementation = "An overloaded function outside a stub file must have an implementation"
	OverloadImplementationArgs    = "Overloaded function implementation does not accept all possible parameters of signature %d"
	OverloadImplementationReturn  = "Overloaded function implementation cannot produce return type of signature %d"
	OverloadConditionUnknown      = "Condition can't be inferred, unable to merge overloads"
)

// Overrides of a base class's members (the Liskov substitution principle).
const (
	IncompatibleOverrideArgument    = `Argument %d of "%s" is incompatible with supertype "%s"; supertype defines the argument type as "%s"`
	LiskovNote                      = "This violates the Liskov substitution principle"
	IncompatibleOverridesLink       = "See https://mypy.readthedocs.io/en/stable/common_issues.html#incompatible-overrides"
	EqArbitraryObjectsNote          = `It is recommended for "__eq__" to work with arbitrary objects, for example:`
	IncompatibleOverrideReturn      = `Return type "%s" of "%s" incompatible with return type "%s" in supertype "%s"`
	IncompatibleOverrideSignature   = `Signature of "%s" incompatible with supertype "%s"`
	IncompatibleBaseAssignment      = `Incompatible types in assignment (expression has type "%s", base class "%s" defined the type as "%s")`
	InstanceVarOverriddenByClassVar = `Cannot override instance variable (previously declared on base class "%s") with class variable`
	ClassVarOverriddenByInstanceVar = `Cannot override class variable (previously declared on base class "%s") with instance variable`
	OverloadOrderDiffers            = `Overload variants must be defined in the same order as they are in "%s"`
	OperatorOverloadWiderArgs       = "Overloaded operator methods can't have wider argument types in overrides"
)

// Variables whose type is not known from their first assignment.
const (
	NeedAnnotationWithHint = `Need type annotation for "%s" (hint: "%s")`
)

// A dataclass's __post_init__.
const (
	IncompatiblePostInit         = `Signature of "__post_init__" incompatible with supertype "dataclass"`
	IncompatiblePostInitArgument = `Argument %d of "__post_init__" is incompatible with supertype "dataclass"; supertype defines the argument type as "%s"`
	IncompatiblePostInitReturn   = `Return type "%s" of "__post_init__" incompatible with return type "%s" in supertype "dataclass"`
)

// Properties.
const (
	PropertyTopDecorators      = `Only supported top decorators are "@%s.setter" and "@%s.deleter"`
	ReadOnlyOverridesReadWrite = "Read-only property cannot override read-write property"
	ReadOnlyOverridesWriteable = "Cannot override writeable attribute with read-only property"
)

// Protocols: structural mismatches and runtime checks.
const (
	MissingProtocolMembers        = `"%s" is missing following "%s" protocol member%s:`
	ProtocolMemberConflicts       = `Following member(s) of "%s" have conflicts:`
	ProtocolExpectedInstanceVar   = "Protocol member %s expected instance variable, got class variable"
	ProtocolExpectedClassVar      = "Protocol member %s expected class variable, got instance variable"
	ProtocolExpectedSettable      = "Protocol member %s expected settable variable, got read-only attribute"
	ProtocolExpectedClassOrStatic = "Protocol member %s expected class or static method"
	CallMemberType                = `"%s.__call__" has type "%s"`
	CallMemberOverloaded          = `"%s.__call__" has type overloaded function`
	OnlyRuntimecheckableProtocols = "Only @runtime_checkable protocols can be used with instance and class checks"
	IssubclassDataProtocol        = "Only protocols that don't have non-method members can be used with issubclass()"
	ProtocolHasNonMethodMember    = `Protocol "%s" has non-method member(s): %s`
)

// Conditional function definitions.
const (
	ConditionalSignaturesDiffer = "All conditional function variants must have identical signatures"
	OriginalNote                = "Original:"
	RedefinitionNote            = "Redefinition:"
)

// reveal_type.
const (
	RevealedTypeIsAny = `Revealed type is "Any"`
	RevealedTypeIs    = `Revealed type is "%s"`
	// TypeMustBeUsed is an expression statement whose value is a
	// coroutine (or, under unused-awaitable, another awaitable), with
	// MissingAwaitNote.
	TypeMustBeUsed   = `Value of type %s must be used`
	MissingAwaitNote = "Are you missing an await?"
)

// The self and cls parameters.
const (
	MethodWithoutSelf          = `Method must have at least one argument. Did you forget the "self" argument?`
	ErasedSelfNone             = `The erased type of self "None" is not a supertype of its class "%s"`
	ErasedSelfNotSupertype     = `The erased type of self "%s" is not a supertype of its class "%s"`
	SelfParameterMissing       = `"self" parameter missing for a non-static method (or an invalid type for self)`
	ErasedSelfTypeNotSupertype = `The erased type of self "type[%s]" is not a supertype of its class "type[%s]"`
)

// Statements: reachability, for loops, imports, protocol bodies.
const (
	StatementIsUnreachable = "Statement is unreachable"
	ProtocolMembersUntyped = "All protocol members must have explicitly declared types"
	ReturnValueExpected    = "Return value expected"
	ObjectIsNotIterable    = `"%s" object is not iterable`
	NoneNotIterable        = `"None" has no attribute "__iter__" (not iterable)`
	NeedAnnotation         = `Need type annotation for "%s"`
	IncompatibleImport     = "Incompatible import of %q (imported name has type %s, local name has type %s)"
	IncompatibleCapture    = "Incompatible types in capture pattern (pattern captures type %s, variable has type %s)"
)

// Match statements' patterns.
const (
	AlternativesBindDifferentNames = "Alternative patterns bind different names"
	MultipleAssignmentsInPattern   = `Multiple assignments to name "%s" in pattern`
	ClassPatternTypeRequired       = `Expected type in class pattern; found "%s"`
	ClassPatternNoMatchArgs        = `Class "%s" doesn't define "__match_args__"`
	ClassPatternTooManyPositionals = "Too many positional patterns for class pattern"
	ClassPatternKeywordPositional  = `Keyword "%s" already matches a positional pattern`
	ClassPatternDuplicateKeyword   = `Duplicate keyword pattern "%s"`
	ClassPatternNoAttribute        = `Class "%s" has no attribute "%s"`
	MatchUnhandled                 = "Match statement has unhandled case for values of type %s"
	MatchUnhandledNote             = "If match statement is intended to be non-exhaustive, add `case _: pass`"
)

// printf-style formatting (% on str and bytes).
const (
	InterpolationStarsAndKeys   = "String interpolation contains both stars and mapping keys"
	InterpolationMixedKeys      = "String interpolation mixes specifier with and without mapping keys"
	FormatBOnlyBytes            = `Format character "b" is only supported on bytes patterns`
	UnsupportedFormatCharacter  = `Unsupported format character "%s"`
	NotEnoughArgumentsForFormat = "Not enough arguments for format string"
	NotAllArgumentsConverted    = "Not all arguments converted during string formatting"
	WithExpressionType          = `%s (expression has type "%s")`
	IncompatibleInterpolation   = `Incompatible types in string interpolation (expression has type "%s", %s "%s")`
	PercentCNeedsByte           = `"%c" requires an integer in range(256) or a single byte`
	PercentCNeedsChar           = `"%c" requires int or char`
	BytesInterpolated           = `If x = b'abc' then "%s" % x produces "b'abc'", not "abc". If this is desired behavior use "%r" % x. Otherwise, decode the bytes`
	PercentBNeedsBytes          = "On Python 3 b'%s' requires bytes, not string"
	BytesFormatKeys             = "Dictionary keys in bytes formatting must be bytes, not strings"
	KeyNotFoundInMapping        = `Key "%s" not found in mapping`
	FormatRequiresAMapping      = `Format requires a mapping (expression has type "%s", expected type for mapping is "%s")`
)

// str.format calls and f-strings.
const (
	InvalidConversionSpecifier      = "Invalid conversion specifier in format string"
	ConversionWithBraces            = "Conversion value must not contain { or }"
	FormatNestingTooDeep            = "Formatting nesting must be at most two levels deep"
	UnexpectedCloseBrace            = "Invalid conversion specifier in format string: unexpected }"
	UnmatchedOpenBrace              = "Invalid conversion specifier in format string: unmatched {"
	MixedFieldNumbering             = "Cannot combine automatic field numbering and manual field specification"
	NoPositionalReplacement         = "Cannot find replacement for positional format specifier %d"
	NoNamedReplacement              = `Cannot find replacement for named format specifier "%s"`
	UnrecognizedFormatSpecification = `Unrecognized format specification "%s"`
	InvalidConversionType           = `Invalid conversion type "%s", must be one of "r", "s" or "a"`
	IncompatiblePlaceholder         = `Incompatible types in string interpolation (expression has type "%s", placeholder has type "%s")`
	FormatCNeedsChar                = `":c" requires int or char`
	BytesFormatted                  = `If x = b'abc' then f"{x}" or "{}".format(x) produces "b'abc'", not "abc". If this is desired behavior, use f"{x!r}" or "{!r}".format(x). Otherwise, decode the bytes`
	NumericFlagsNonNumeric          = "Numeric flags are only allowed for numeric types"
)

// Indexing and index assignment.
const (
	ValueOfTypeIsNotIndexable    = `Value of type "%s" is not indexable`
	InvalidIndexType             = `Invalid index type "%s" for "%s"; expected type "%s"`
	IncompatibleTargetAssignment = `Incompatible types in assignment (expression has type "%s", target has type "%s")`
	UnsupportedIndexedAssignment = `Unsupported target for indexed assignment ("%s")`
)

// super().
const (
	SuperOutsideMethod        = `"super()" outside of a method is not supported`
	SuperNeedsArguments       = `"super()" requires one or two positional arguments in enclosing function`
	SuperVarargs              = `Varargs not supported with "super"`
	SuperKeywordArgs          = `"super" only accepts positional arguments`
	SuperSingleArgument       = `"super" with a single argument not supported`
	SuperTooManyArgs          = `Too many arguments for "super"`
	SuperUnsupportedArg1      = `Unsupported argument 1 for "super"`
	SuperArg2NotInstance      = `Argument 2 for "super" not an instance of argument 1`
	SuperUnsupportedArg2      = `Unsupported argument 2 for "super"`
	TargetClassHasNoBaseClass = "Target class has no base class"
	UndefinedInSuperclass     = `"%s" undefined in superclass`
	SuperArg1NotType          = `Argument 1 for "super" must be a type object; got %s`
)

// TypedDict values: constructors, keys, methods.
const (
	TypedDictConstructorArgs     = "Expected keyword arguments, {...}, or dict(...) in TypedDict constructor"
	AmbiguousTypedDict           = "Type of TypedDict is ambiguous, none of (%s) matches cleanly"
	TypedDictKeyNotLiteral       = "Expected TypedDict key to be string literal"
	TypedDictBadExpansion        = `Unsupported type "%s" for ** expansion in TypedDict`
	TypedDictNonRequiredNotFound = "Non-required %s not explicitly found in any ** item"
	IncompatibleTypedDictItem    = `Incompatible types (expression has type "%s", TypedDict item "%s" has type "%s")`
	TypedDictMissingKeys         = "Missing %s for TypedDict %s"
	TypedDictExtraKeys           = "Extra %s for TypedDict %s"
	TypedDictKeyExpected         = "TypedDict key must be a string literal; expected one of %s"
	TypedDictHasNoKey            = `TypedDict "%s" has no key "%s"`
	DidYouMean                   = "Did you mean %s?"
	IncompatibleTypedDictValue   = `Value of "%s" has incompatible type "%s"; expected "%s"`
	ReadOnlyTypedDictMutated     = "ReadOnly %s TypedDict %s mutated"
	TypedDictKeyNotDeletable     = `Key "%s" of TypedDict "%s" cannot be deleted`
	IncompatibleSetdefault       = `Argument 2 to "setdefault" of "TypedDict" has incompatible type "%s"; expected "%s"`
	IncompatibleTypedDictUpdate  = `Argument 1 to "update" of "TypedDict" has incompatible type "%s"; expected "%s"`
)

// Names used before definition (--enable-error-code possibly-undefined, used-before-def).
const (
	NameIsUsedBeforeDefinition = `Name "%s" is used before definition`
	NameMayBeUndefined         = `Name "%s" may be undefined`
)

// Types that are Any (the --disallow-any-* options); most are the first words of a message.
const (
	ReturnType               = "Return type"
	ArgumentToFunction       = "Argument %d to %q"
	BaseType                 = "Base type"
	TypeOfVariable           = "Type of variable"
	ATypeOnThisLine          = "A type on this line"
	TypeAliasTarget          = "Type alias target"
	TargetTypeOfCast         = "Target type of cast"
	ConstraintN              = "Constraint %d"
	UpperBoundOfTypeVariable = "Upper bound of type variable"
	Argument2ToNewType       = "Argument 2 to NewType(...)"
	NamedTupleType           = "NamedTuple type"
	TypeOfATypedDictKey      = "Type of a TypedDict key"
	FunctionIsUntypedAfter   = "Function is untyped after decorator transformation"
	DecoratedFunctionAny     = `Type of decorated function contains type "Any" ("%s")`
	ExpressionHasTypeAny     = `Expression has type "Any"`
	ExpressionContainsAny    = `Expression type contains "Any" (has type "%s")`
)

// The truth of a value that is always true.
const (
	FunctionAlwaysTrue = `Function "%s" could always be true in boolean context`
)

// Unpacking assignments.
const (
	TooFewValuesToUnpackOne = "Need more than 1 value to unpack (%d expected)"
	TooFewValuesToUnpack    = "Need more than %d values to unpack (%d expected)"
	TooManyValuesToUnpack   = "Too many values to unpack (%d expected, %d provided)"
)

// Values of expressions: calls of non-callables, defaults, raise, yield, variance.
const (
	NotCallable         = `"%s" not callable`
	ReturnsNoValue      = "%s does not return a value (it only ever returns None)"
	IncompatibleDefault = `Incompatible default for parameter "%s" (default has type "%s", parameter has type "%s")`
	NotAnException      = "Exception must be derived from BaseException"
	NotAnExceptionType  = "Exception type must be derived from BaseException (or be a tuple of exception classes)"
	CovariantParameter  = "Cannot use a covariant type variable as a parameter"
	ContravariantReturn = "Cannot use a contravariant type variable as return type"
	GeneratorReturnType = `The return type of a generator function should be "Generator" or one of its supertypes`
	YieldValueExpected  = "Yield value expected"
	IncompatibleYield   = `Incompatible types in "yield" (actual type "%s", expected type "%s")`
	// IncompatibleAwait is an await of what is no awaitable.
	IncompatibleAwait = `Incompatible types in "await" (actual type "%s", expected type "Awaitable[Any]")`
	UntypedDecorator  = `Untyped decorator makes function "%s" untyped`
)

// mypy_extensions' argument constructors in Callable.
const (
	ConstructorMultipleValues     = "%q gets multiple values for keyword argument %q"
	ConstructorTooManyArgs        = "Too many arguments for argument constructor"
	ConstructorUnexpectedArg      = "Unexpected argument %q for argument constructor"
	ArgumentsWithNames            = "%s arguments should not have names"
	DuplicateParameterInCallable  = "Duplicate parameter %q in Callable"
	CallableRequiredAfterOptional = "Required positional args may not appear after default, named or var args"
	CallableDefaultAfterNamed     = "Positional default args may not appear after named or var args"
	CallableVarArgsAfterNamed     = "Var args may not appear after named or var args"
	CallableKwargsNotLast         = "A **kwargs argument must be the last argument"
	CallableTwoKwargs             = "You may only have one **kwargs argument"
)

// The attrs plugin.
const (
	NeedAnnotationQuoted      = "Need type annotation for %q"
	AttrsConvertDeprecated    = "convert is deprecated, use converter"
	AttrsConvertAndConverter  = `Can't pass both "convert" and "converter".`
	AttrsAliasNotLiteral      = `"alias" argument to attrs field must be a string literal`
	AttrsUnsupportedConverter = "Unsupported converter, only named functions, types and lambdas are currently supported"
)

// Dataclasses.
const (
	DataclassCustomOrderMethod = `You may not have a custom "%s" method when "order" is True`
	FrozenFromNonFrozen        = "Frozen dataclass cannot inherit from a non-frozen dataclass"
	NonFrozenFromFrozen        = "Non-frozen dataclass cannot inherit from a frozen dataclass"
	DataclassSlotsTwice        = `"%s" both defines "__slots__" and is used with "slots=True"`
	DataclassAttributeOverride = "Dataclass attribute may only be overridden by another attribute"
	DataclassDefaultOrder      = "Attributes without a default cannot follow attributes with one"
	DataclassTwoKWOnly         = "There may not be more than one field with the KW_ONLY type"
)

// Name binding: undefined names, redefinitions, statements outside their place, base classes, names used as types.
const (
	NameIsNotDefined            = "Name %q is not defined"
	ImportFromTypingNote        = `Did you forget to import it from "typing"? (Suggestion: "from typing import %s")`
	BreakOutsideLoop            = `"break" outside loop`
	ContinueOutsideLoop         = `"continue" outside loop`
	ByAnImport                  = "(by an import)"
	PossiblyByAnImport          = "(possibly by an import)"
	NameAlreadyDefined          = "Name %q already defined %s"
	YieldFromKeyword            = `"yield from"`
	InsideComprehension         = "%s inside comprehension or generator expression"
	OutsideFunction             = "%s outside function"
	NotInExceptStar             = `"%s" not allowed in except* block`
	InvalidSpecialSignature     = `Invalid signature "%s" for "%s"`
	ModuleLevelGetattribute     = "__getattribute__ is not valid at the module level"
	UnsafeSuper                 = `Call to abstract method "%s" of "%s" with trivial body via super() is unsafe`
	AwaitOutsideFunction        = `"await" outside function`
	AwaitOutsideCoroutine       = `"await" outside coroutine ("async def")`
	RuntimeCheckableNotProtocol = "@runtime_checkable can only be used with protocol classes"
	DuplicateBaseClass          = "Duplicate base class %q"
	InconsistentMRO             = "Cannot determine consistent method resolution order (MRO) for %q"
	SubclassOfAny               = `Class cannot subclass %q (has type "Any")`
	MetaclassOfAny              = `Class cannot use %q as a metaclass (has type "Any")`
	UseSignedLiteral            = "Invalid type: try using Literal[%s%s] instead?"
	UseLiteral                  = "Invalid type: try using Literal[%s] instead?"
	FloatLiteralType            = "Invalid type: float literals cannot be used as a type"
	ComplexLiteralType          = "Invalid type: complex literals cannot be used as a type"
	InvalidArgumentConstructor  = "Invalid argument constructor %q"
	ModuleIsNotValidAsAType     = "Module %q is not valid as a type"
	ModuleAsTypeNote            = "Perhaps you meant to use a protocol matching the module structure?"
	FunctionIsNotValidAsAType   = "Function %q is not valid as a type"
	FunctionAsTypeNote          = `Perhaps you need "Callable[...]" or a callback protocol?`
	VariableIsNotValidAsAType   = "Variable %q is not valid as a type"
	VariablesVsAliasesLink      = "See https://mypy.readthedocs.io/en/stable/common_issues.html#variables-vs-type-aliases"
	MissingTypeArgumentsFor     = "Missing type arguments for generic type %q"
	WrongTypeArgCount           = "%q expects %s, but %d given"
	NotExplicitlyExported       = "Module %q does not explicitly export attribute %q"
	ModuleNameHasNoAttribute    = "Module %q has no attribute %q"
)

// Type aliases assigned again.
const (
	MultipleTypesToName = `Cannot assign multiple types to name "%s" without an explicit "type[...]" annotation`
)

// Type arguments against their type variables' bounds and values.
const (
	TypeVarValueOfClassCannotBe = `Value of type variable "%s" of "%s" cannot be "%s"`
	InvalidTypeArgumentValue    = `Invalid type argument value for "%s"`
	TypeArgumentNotSubtype      = `Type argument "%s" of "%s" must be a subtype of "%s"`
)

// TypedDict definitions.
const (
	TypedDictTotalNotLiteral           = `"total" argument must be a True or False literal`
	DuplicateTypedDictKey              = "Duplicate TypedDict key %q"
	TypedDictValues                    = "Right hand side values are not supported in TypedDict"
	TypedDictInvalidStatement          = `Invalid statement in TypedDict definition; expected "field_name: field_type"`
	TypedDictFieldIncompatible         = `Definition of field "%s" incompatible with base class "%s"`
	TypedDictBasesIncompatible         = `Incompatible definitions of field "%s" in base classes "%s" and "%s"`
	TypedDictFieldRequired             = `Field "%s" is required in base class "%s"`
	TypedDictFieldRequiredAndDeletable = `Field "%s" is required in base class "%s" but can be deleted in base class "%s"`
	TypedDictFieldDeletable            = `Field "%s" can be deleted in base class "%s"`
)

// Type expressions.
const (
	InvalidTypeAlias   = "Invalid type alias: expression is not a valid type"
	AnnotatedArguments = "Annotated[...] must have exactly one type argument and at least one annotation"
	TypeExpectedWithin = "Type expected within [...]"
)

// Files and modules of a check.
const (
	ShadowsLibraryModule = "This file shadows library module %q"
	ShadowsCoreModule    = "A user-defined top-level module with name %q is not supported"
	CannotReadFile       = "Cannot read file '%s': %v"
)

// Argument constructors in type comments.
const (
	ExpectedArgConstructorName     = "Expected arg constructor name"
	ConstructorMultipleNames       = `"%s" gets multiple values for keyword argument "name"`
	ConstructorMultipleTypes       = `"%s" gets multiple values for keyword argument "type"`
	ConstructorUnexpectedArgQuoted = `Unexpected argument "%s" for argument constructor`
	ArgumentNameNotLiteral         = "Expected string literal for argument name, got %s"
)

// Internal errors.
const (
	InternalError = "INTERNAL ERROR: %v (please report this at typd's issue tracker)"
)
