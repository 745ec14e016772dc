package main

import (
	"fmt"
	"io"
	"os"

	"typd/parser"
	"typd/parser/ast"
)

// runDebug implements `typd debug ast FILE`, which prints the file's AST as
// CPython 3.11's ast.dump(..., include_attributes=True) does (or the first
// syntax error, exiting 1), and `typd debug cst FILE`, which prints
// tree-sitter's concrete syntax tree.
func runDebug(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 || (args[0] != "ast" && args[0] != "cst") {
		fmt.Fprintln(stderr, "usage: typd debug {ast|cst} FILE, or typd debug diff [FLAGS] OLD NEW")
		return 2
	}
	src, err := os.ReadFile(args[1])
	if err != nil {
		fmt.Fprintf(stderr, "typd: %v\n", err)
		return 2
	}
	if args[0] == "cst" {
		out, err := parser.DebugCST(src)
		if err != nil {
			fmt.Fprintf(stderr, "typd: %v\n", err)
			return 1
		}
		fmt.Fprint(stdout, out)
		return 0
	}
	f := parser.Parse(src)
	if len(f.Errors) > 0 {
		e := f.Errors[0]
		fmt.Fprintf(stdout, "SyntaxError: %s (line %d, column %d)\n", e.Msg, e.Line, e.Col+1)
		return 1
	}
	fmt.Fprintln(stdout, ast.Dump(f.Module))
	return 0
}
