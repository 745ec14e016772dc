// Package ast defines typd's abstract syntax tree for Python source: the
// node kinds and fields of CPython's ast module (3.11, plus the PEP 695 and
// PEP 696 additions of 3.12 and 3.13), with positions as CPython gives them.
//
// Nodes are immutable once the parser has built them; every later layer
// (semantic analysis, checking, the daemon's caches) may share them freely
// across goroutines. The package does no I/O and knows nothing of the parser.
package ast

//go:generate go run ./internal/genclone ast.go clone.go

// Span is a node's source range as CPython reports it: 1-based lines and
// 0-based UTF-8 byte columns; the end is exclusive.
type Span struct {
	Lineno, ColOffset, EndLineno, EndColOffset int32
}

// Pos returns the span itself; it lets every node satisfy Node.
func (s *Span) Pos() *Span { return s }

// Node is any syntax node. Pos is nil for the four kinds CPython gives no
// position: Arguments, Comprehension, WithItem and MatchCase.
type Node interface {
	Pos() *Span
}

// Pos is nil: CPython gives a parameter list no position.
func (*Arguments) Pos() *Span { return nil }

// Pos is nil: CPython gives a comprehension clause no position.
func (*Comprehension) Pos() *Span { return nil }

// Pos is nil: CPython gives a with item no position.
func (*WithItem) Pos() *Span { return nil }

// Pos is nil: CPython gives a match case no position.
func (*MatchCase) Pos() *Span { return nil }

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// Pattern is a match-statement pattern node.
type Pattern interface {
	Node
	patternNode()
}

// TypeParam is a PEP 695 type parameter: *TypeVar, *ParamSpec or *TypeVarTuple.
type TypeParam interface {
	Node
	typeParamNode()
}

// Context says how an expression is used: read, assigned or deleted.
type Context uint8

// The expression contexts.
const (
	Load Context = iota
	Store
	Del
)

// Module is a parsed source file.
type Module struct {
	Body        []Stmt       `py:"body"`
	TypeIgnores []TypeIgnore `py:"-"`
}

// TypeIgnore is a `# type: ignore` comment; Tag is the text after "ignore"
// (for example "[arg-type, misc]"), or "".
type TypeIgnore struct {
	Lineno int32
	Tag    string
}

// Statements.
type (
	// FunctionDef is a def or async def statement.
	FunctionDef struct {
		Span
		Name          string      `py:"name"`
		Args          *Arguments  `py:"args"`
		Body          []Stmt      `py:"body"`
		DecoratorList []Expr      `py:"decorator_list"`
		Returns       Expr        `py:"returns,opt"`
		TypeComment   string      `py:"-"`
		TypeParams    []TypeParam `py:"type_params,new"`
		IsAsync       bool        `py:"-"`
	}
	// ClassDef is a class statement.
	ClassDef struct {
		Span
		Name          string      `py:"name"`
		Bases         []Expr      `py:"bases"`
		Keywords      []*Keyword  `py:"keywords"`
		Body          []Stmt      `py:"body"`
		DecoratorList []Expr      `py:"decorator_list"`
		TypeParams    []TypeParam `py:"type_params,new"`
	}
	// Return is a return statement; Value may be nil.
	Return struct {
		Span
		Value Expr `py:"value,opt"`
	}
	// Delete is a del statement.
	Delete struct {
		Span
		Targets []Expr `py:"targets"`
	}
	// Assign is `t1 = t2 = value`, with an optional type comment.
	Assign struct {
		Span
		Targets     []Expr `py:"targets"`
		Value       Expr   `py:"value"`
		TypeComment string `py:"-"`
	}
	// TypeAlias is a PEP 695 `type X[T] = value` statement.
	TypeAlias struct {
		Span
		Name       *Name       `py:"name"`
		TypeParams []TypeParam `py:"type_params"`
		Value      Expr        `py:"value"`
	}
	// AugAssign is `target op= value`.
	AugAssign struct {
		Span
		Target Expr     `py:"target"`
		Op     Operator `py:"op"`
		Value  Expr     `py:"value"`
	}
	// AnnAssign is `target: annotation [= value]`; Simple is 1 for a bare name
	// target that was not parenthesised.
	AnnAssign struct {
		Span
		Target     Expr `py:"target"`
		Annotation Expr `py:"annotation"`
		Value      Expr `py:"value,opt"`
		Simple     int  `py:"simple"`
	}
	// For is a for or async for statement.
	For struct {
		Span
		Target      Expr   `py:"target"`
		Iter        Expr   `py:"iter"`
		Body        []Stmt `py:"body"`
		Orelse      []Stmt `py:"orelse"`
		TypeComment string `py:"-"`
		IsAsync     bool   `py:"-"`
	}
	// While is a while statement.
	While struct {
		Span
		Test   Expr   `py:"test"`
		Body   []Stmt `py:"body"`
		Orelse []Stmt `py:"orelse"`
	}
	// If is an if statement; elif chains nest in Orelse.
	If struct {
		Span
		Test   Expr   `py:"test"`
		Body   []Stmt `py:"body"`
		Orelse []Stmt `py:"orelse"`
	}
	// With is a with or async with statement.
	With struct {
		Span
		Items       []*WithItem `py:"items"`
		Body        []Stmt      `py:"body"`
		TypeComment string      `py:"-"`
		IsAsync     bool        `py:"-"`
	}
	// Match is a match statement.
	Match struct {
		Span
		Subject Expr         `py:"subject"`
		Cases   []*MatchCase `py:"cases"`
	}
	// Raise is a raise statement; Exc and Cause may be nil.
	Raise struct {
		Span
		Exc   Expr `py:"exc,opt"`
		Cause Expr `py:"cause,opt"`
	}
	// Try is a try statement; IsStar marks try/except*.
	Try struct {
		Span
		Body      []Stmt           `py:"body"`
		Handlers  []*ExceptHandler `py:"handlers"`
		Orelse    []Stmt           `py:"orelse"`
		Finalbody []Stmt           `py:"finalbody"`
		IsStar    bool             `py:"-"`
	}
	// Assert is an assert statement.
	Assert struct {
		Span
		Test Expr `py:"test"`
		Msg  Expr `py:"msg,opt"`
	}
	// Import is `import a.b as c, d`.
	Import struct {
		Span
		Names []*Alias `py:"names"`
	}
	// ImportFrom is `from ..module import names`; Module is "" for `from . import x`.
	ImportFrom struct {
		Span
		Module string   `py:"module,opt"`
		Names  []*Alias `py:"names"`
		Level  int      `py:"level"`
	}
	// Global is a global statement.
	Global struct {
		Span
		Names []string `py:"names"`
	}
	// Nonlocal is a nonlocal statement.
	Nonlocal struct {
		Span
		Names []string `py:"names"`
	}
	// ExprStmt is an expression used as a statement (CPython's Expr).
	ExprStmt struct {
		Span
		Value Expr `py:"value"`
	}
	// Pass is a pass statement.
	Pass struct{ Span }
	// Break is a break statement.
	Break struct{ Span }
	// Continue is a continue statement.
	Continue struct{ Span }
)

// Expressions.
type (
	// BoolOp is `a and b and c` or `a or b`.
	BoolOp struct {
		Span
		Op     BoolOperator `py:"op"`
		Values []Expr       `py:"values"`
	}
	// NamedExpr is an assignment expression `target := value`.
	NamedExpr struct {
		Span
		Target Expr `py:"target"`
		Value  Expr `py:"value"`
	}
	// BinOp is a binary operation.
	BinOp struct {
		Span
		Left  Expr     `py:"left"`
		Op    Operator `py:"op"`
		Right Expr     `py:"right"`
	}
	// UnaryOp is a unary operation.
	UnaryOp struct {
		Span
		Op      UnaryOperator `py:"op"`
		Operand Expr          `py:"operand"`
	}
	// Lambda is a lambda expression.
	Lambda struct {
		Span
		Args *Arguments `py:"args"`
		Body Expr       `py:"body"`
	}
	// IfExp is `body if test else orelse`.
	IfExp struct {
		Span
		Test   Expr `py:"test"`
		Body   Expr `py:"body"`
		Orelse Expr `py:"orelse"`
	}
	// Dict is a dict display; a nil key stands for `**value`.
	Dict struct {
		Span
		Keys   []Expr `py:"keys"`
		Values []Expr `py:"values"`
	}
	// Set is a set display.
	Set struct {
		Span
		Elts []Expr `py:"elts"`
	}
	// ListComp is a list comprehension.
	ListComp struct {
		Span
		Elt        Expr             `py:"elt"`
		Generators []*Comprehension `py:"generators"`
	}
	// SetComp is a set comprehension.
	SetComp struct {
		Span
		Elt        Expr             `py:"elt"`
		Generators []*Comprehension `py:"generators"`
	}
	// DictComp is a dict comprehension.
	DictComp struct {
		Span
		Key        Expr             `py:"key"`
		Value      Expr             `py:"value"`
		Generators []*Comprehension `py:"generators"`
	}
	// GeneratorExp is a generator expression.
	GeneratorExp struct {
		Span
		Elt        Expr             `py:"elt"`
		Generators []*Comprehension `py:"generators"`
	}
	// Await is `await value`.
	Await struct {
		Span
		Value Expr `py:"value"`
	}
	// Yield is `yield [value]`.
	Yield struct {
		Span
		Value Expr `py:"value,opt"`
	}
	// YieldFrom is `yield from value`.
	YieldFrom struct {
		Span
		Value Expr `py:"value"`
	}
	// Compare is a comparison chain `left op1 c1 op2 c2 ...`.
	Compare struct {
		Span
		Left        Expr    `py:"left"`
		Ops         []CmpOp `py:"ops"`
		Comparators []Expr  `py:"comparators"`
	}
	// Call is a call expression.
	Call struct {
		Span
		Func     Expr       `py:"func"`
		Args     []Expr     `py:"args"`
		Keywords []*Keyword `py:"keywords"`
	}
	// FormattedValue is one `{value!conv:spec}` part of an f-string.
	// Conversion is -1, or the code of 's', 'r' or 'a'.
	FormattedValue struct {
		Span
		Value      Expr `py:"value"`
		Conversion int  `py:"conversion"`
		FormatSpec Expr `py:"format_spec,opt"`
	}
	// JoinedStr is an f-string (with any literals joined to it).
	JoinedStr struct {
		Span
		Values []Expr `py:"values"`
	}
	// Constant is a literal; see ConstKind for which value field is set.
	Constant struct {
		Span
		Value Value  `py:"value"`
		Kind  string `py:"kind,opt"`
	}
	// Attribute is `value.attr`.
	Attribute struct {
		Span
		Value Expr    `py:"value"`
		Attr  string  `py:"attr"`
		Ctx   Context `py:"ctx"`
	}
	// Subscript is `value[slice]`.
	Subscript struct {
		Span
		Value Expr    `py:"value"`
		Slice Expr    `py:"slice"`
		Ctx   Context `py:"ctx"`
	}
	// Starred is `*value`.
	Starred struct {
		Span
		Value Expr    `py:"value"`
		Ctx   Context `py:"ctx"`
	}
	// Name is an identifier used as an expression.
	Name struct {
		Span
		ID  string  `py:"id"`
		Ctx Context `py:"ctx"`
	}
	// List is a list display or target.
	List struct {
		Span
		Elts []Expr  `py:"elts"`
		Ctx  Context `py:"ctx"`
	}
	// Tuple is a tuple display or target.
	Tuple struct {
		Span
		Elts []Expr  `py:"elts"`
		Ctx  Context `py:"ctx"`
	}
	// Slice is `lower:upper:step` inside a subscript.
	Slice struct {
		Span
		Lower Expr `py:"lower,opt"`
		Upper Expr `py:"upper,opt"`
		Step  Expr `py:"step,opt"`
	}
)

// Other nodes.
type (
	// Comprehension is one `for target in iter if ...` clause.
	Comprehension struct {
		Target  Expr   `py:"target"`
		Iter    Expr   `py:"iter"`
		Ifs     []Expr `py:"ifs"`
		IsAsync int    `py:"is_async"`
	}
	// ExceptHandler is one except clause.
	ExceptHandler struct {
		Span
		Type Expr   `py:"type,opt"`
		Name string `py:"name,opt"`
		Body []Stmt `py:"body"`
	}
	// Arguments is a function's or lambda's parameter list. KwDefaults holds
	// a nil for each keyword-only parameter without a default.
	Arguments struct {
		Posonlyargs []*Arg `py:"posonlyargs"`
		Args        []*Arg `py:"args"`
		Vararg      *Arg   `py:"vararg,opt"`
		Kwonlyargs  []*Arg `py:"kwonlyargs"`
		KwDefaults  []Expr `py:"kw_defaults"`
		Kwarg       *Arg   `py:"kwarg,opt"`
		Defaults    []Expr `py:"defaults"`
	}
	// Arg is one parameter.
	Arg struct {
		Span
		Arg         string `py:"arg"`
		Annotation  Expr   `py:"annotation,opt"`
		TypeComment string `py:"-"`
	}
	// Keyword is `arg=value` in a call or class bases; Arg is "" for `**value`.
	Keyword struct {
		Span
		Arg   string `py:"arg,opt"`
		Value Expr   `py:"value"`
	}
	// Alias is `name [as asname]` in an import.
	Alias struct {
		Span
		Name   string `py:"name"`
		Asname string `py:"asname,opt"`
	}
	// WithItem is `context_expr [as optional_vars]`.
	WithItem struct {
		ContextExpr  Expr `py:"context_expr"`
		OptionalVars Expr `py:"optional_vars,opt"`
	}
	// MatchCase is one case block.
	MatchCase struct {
		Pattern Pattern `py:"pattern"`
		Guard   Expr    `py:"guard,opt"`
		Body    []Stmt  `py:"body"`
	}
)

// Patterns.
type (
	// MatchValue matches a value expression.
	MatchValue struct {
		Span
		Value Expr `py:"value"`
	}
	// MatchSingleton matches None, True or False.
	MatchSingleton struct {
		Span
		Value Value `py:"value"`
	}
	// MatchSequence is `[p1, p2, *rest]`.
	MatchSequence struct {
		Span
		Patterns []Pattern `py:"patterns"`
	}
	// MatchMapping is `{k: p, **rest}`.
	MatchMapping struct {
		Span
		Keys     []Expr    `py:"keys"`
		Patterns []Pattern `py:"patterns"`
		Rest     string    `py:"rest,opt"`
	}
	// MatchClass is `Cls(p1, attr=p2)`.
	MatchClass struct {
		Span
		Cls         Expr      `py:"cls"`
		Patterns    []Pattern `py:"patterns"`
		KwdAttrs    []string  `py:"kwd_attrs"`
		KwdPatterns []Pattern `py:"kwd_patterns"`
	}
	// MatchStar is `*name` inside a sequence pattern; Name is "" for `*_`.
	MatchStar struct {
		Span
		Name string `py:"name,opt"`
	}
	// MatchAs is `pattern as name`, a capture `name`, or the wildcard `_`.
	MatchAs struct {
		Span
		Pattern Pattern `py:"pattern,opt"`
		Name    string  `py:"name,opt"`
	}
	// MatchOr is `p1 | p2`.
	MatchOr struct {
		Span
		Patterns []Pattern `py:"patterns"`
	}
)

// PEP 695 type parameters.
type (
	// TypeVar is `T`, `T: bound` or `T = default`.
	TypeVar struct {
		Span
		Name         string `py:"name"`
		Bound        Expr   `py:"bound,opt"`
		DefaultValue Expr   `py:"default_value,opt"`
	}
	// ParamSpec is `**P`.
	ParamSpec struct {
		Span
		Name         string `py:"name"`
		DefaultValue Expr   `py:"default_value,opt"`
	}
	// TypeVarTuple is `*Ts`.
	TypeVarTuple struct {
		Span
		Name         string `py:"name"`
		DefaultValue Expr   `py:"default_value,opt"`
	}
)

func (*FunctionDef) stmtNode() {}
func (*ClassDef) stmtNode()    {}
func (*Return) stmtNode()      {}
func (*Delete) stmtNode()      {}
func (*Assign) stmtNode()      {}
func (*TypeAlias) stmtNode()   {}
func (*AugAssign) stmtNode()   {}
func (*AnnAssign) stmtNode()   {}
func (*For) stmtNode()         {}
func (*While) stmtNode()       {}
func (*If) stmtNode()          {}
func (*With) stmtNode()        {}
func (*Match) stmtNode()       {}
func (*Raise) stmtNode()       {}
func (*Try) stmtNode()         {}
func (*Assert) stmtNode()      {}
func (*Import) stmtNode()      {}
func (*ImportFrom) stmtNode()  {}
func (*Global) stmtNode()      {}
func (*Nonlocal) stmtNode()    {}
func (*ExprStmt) stmtNode()    {}
func (*Pass) stmtNode()        {}
func (*Break) stmtNode()       {}
func (*Continue) stmtNode()    {}

func (*BoolOp) exprNode()         {}
func (*NamedExpr) exprNode()      {}
func (*BinOp) exprNode()          {}
func (*UnaryOp) exprNode()        {}
func (*Lambda) exprNode()         {}
func (*IfExp) exprNode()          {}
func (*Dict) exprNode()           {}
func (*Set) exprNode()            {}
func (*ListComp) exprNode()       {}
func (*SetComp) exprNode()        {}
func (*DictComp) exprNode()       {}
func (*GeneratorExp) exprNode()   {}
func (*Await) exprNode()          {}
func (*Yield) exprNode()          {}
func (*YieldFrom) exprNode()      {}
func (*Compare) exprNode()        {}
func (*Call) exprNode()           {}
func (*FormattedValue) exprNode() {}
func (*JoinedStr) exprNode()      {}
func (*Constant) exprNode()       {}
func (*Attribute) exprNode()      {}
func (*Subscript) exprNode()      {}
func (*Starred) exprNode()        {}
func (*Name) exprNode()           {}
func (*List) exprNode()           {}
func (*Tuple) exprNode()          {}
func (*Slice) exprNode()          {}

func (*MatchValue) patternNode()     {}
func (*MatchSingleton) patternNode() {}
func (*MatchSequence) patternNode()  {}
func (*MatchMapping) patternNode()   {}
func (*MatchClass) patternNode()     {}
func (*MatchStar) patternNode()      {}
func (*MatchAs) patternNode()        {}
func (*MatchOr) patternNode()        {}

func (*TypeVar) typeParamNode()      {}
func (*ParamSpec) typeParamNode()    {}
func (*TypeVarTuple) typeParamNode() {}
