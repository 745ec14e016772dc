package build

import (
	"fmt"

	"typd/checker/diag"
	"typd/parser"
	"typd/parser/ast"
)

// annotationErrors caches each parse's annotation errors (see
// annotationReader), by parse: a parse later checks reuse is read once.
var annotationErrors parseCache[*parser.File, []parser.Error]

// annotationErrorsOf returns the errors mypy's parser reports, blocking
// m's file, while it reads the file's annotations (see annotationReader),
// for the parse m.Parsed.
func annotationErrorsOf(m *Module) []parser.Error {
	if errs, ok := annotationErrors.get(m, m.Parsed); ok {
		return errs
	}
	var r annotationReader
	r.stmts(m.Parsed.Module.Body)
	return annotationErrors.put(m, m.Parsed, r.errs)
}

// annotationReader walks annotations as mypy's parser converts them to
// types. A call in a list (Callable[[Arg(int, 'x')], R]) is read as an
// argument constructor, without knowing yet what the called name is; what
// the parser cannot read there is a syntax error that stops the checking
// of the file:
//
//	Arg(int, 'x', 1)          Too many arguments for argument constructor
//	Arg(int, type=str)        "Arg" gets multiple values for keyword argument "type"
//	Arg(int, name='x')        (fine: the name is given once)
//	Arg(int, 'x', name='y')   "Arg" gets multiple values for keyword argument "name"
//	Arg(gnome='x')            Unexpected argument "gnome" for argument constructor
//	Arg(int, x)               Expected string literal for argument name, got Name
//	f()(int)                  Expected arg constructor name
//
// The other problems of annotations are found later, by the semantic
// analysis, and do not block.
type annotationReader struct {
	errs []parser.Error
}

// stmts reads the annotations of a block's statements and of the blocks
// nested in them (annotations are only ever on statements: a def's
// parameters and return, an annotated assignment), without walking their
// expressions.
func (r *annotationReader) stmts(body []ast.Stmt) {
	for _, s := range body {
		switch n := s.(type) {
		case *ast.FunctionDef:
			for _, p := range n.Args.All() {
				if p.Annotation != nil {
					r.read(p.Annotation, false, p.Lineno)
				}
			}
			if n.Returns != nil {
				r.read(n.Returns, false, n.Returns.Pos().Lineno)
			}
		case *ast.AnnAssign:
			r.read(n.Annotation, false, n.Lineno)
		}
		for _, block := range ast.Blocks(s) {
			r.stmts(block)
		}
	}
}

// read walks the annotation e; inList is set when e is an item of a
// list; line is the annotation's line (where a bad argument name is
// reported, as mypy does).
func (r *annotationReader) read(e ast.Expr, inList bool, line int32) {
	switch e := e.(type) {
	case *ast.Subscript:
		r.read(e.Value, false, line)
		r.read(e.Slice, false, line)
	case *ast.Tuple:
		for _, el := range e.Elts {
			r.read(el, false, line)
		}
	case *ast.List:
		for _, el := range e.Elts {
			r.read(el, true, line)
		}
	case *ast.BinOp:
		r.read(e.Left, false, line)
		r.read(e.Right, false, line)
	case *ast.Starred:
		r.read(e.Value, false, line)
	case *ast.Call:
		if inList {
			r.argConstructor(e, line)
		}
	}
}

// argConstructor reads a call in a list as mypy's parser reads an
// argument constructor: the type first, then the name, each by position
// or by keyword.
func (r *annotationReader) argConstructor(call *ast.Call, line int32) {
	fn := call.Func.Pos()
	constructor := ast.DottedName(call.Func)
	if constructor == "" {
		r.fail(call.Pos().Lineno, call.Pos().ColOffset, diag.ExpectedArgConstructorName)
	}
	hasType, hasName := false, false
	for i, a := range call.Args {
		switch i {
		case 0:
			r.read(a, false, line)
			hasType = true
		case 1:
			hasName = r.argumentName(a, line)
		default:
			r.fail(fn.Lineno, fn.ColOffset, diag.ConstructorTooManyArgs)
		}
	}
	for _, k := range call.Keywords {
		switch k.Arg {
		case "name":
			if hasName {
				r.fail(fn.Lineno, fn.ColOffset, fmt.Sprintf(diag.ConstructorMultipleNames, constructor))
			}
			hasName = r.argumentName(k.Value, line)
		case "type":
			if hasType {
				r.fail(fn.Lineno, fn.ColOffset, fmt.Sprintf(diag.ConstructorMultipleTypes, constructor))
			}
			r.read(k.Value, false, line)
			hasType = true
		default:
			v := k.Value.Pos()
			r.fail(v.Lineno, v.ColOffset, fmt.Sprintf(diag.ConstructorUnexpectedArgQuoted, k.Arg))
		}
	}
}

// argumentName reads an argument constructor's name: a string, or None
// for no name. It reports whether a name was given.
func (r *annotationReader) argumentName(e ast.Expr, line int32) bool {
	if c, ok := e.(*ast.Constant); ok {
		switch c.Value.Kind {
		case ast.StrValue:
			return true
		case ast.NoneValue:
			return false
		}
	}
	r.fail(line, 0, fmt.Sprintf(diag.ArgumentNameNotLiteral, ast.ClassName(e)))
	return false
}

func (r *annotationReader) fail(line, col int32, msg string) {
	r.errs = append(r.errs, parser.Error{Line: line, Col: col, Msg: msg})
}
