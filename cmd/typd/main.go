// Command typd is a Python type checker that checks code as mypy does.
//
//	typd check [mypy flags] FILES...   check, as `mypy FILES` does
//	typd version                       print the version and the typeshed commit
//	typd debug ast|cst FILE            print the parser's view of a file
package main

import (
	"fmt"
	"io"
	"os"

	"typd/checker/fsys"
	"typd/checker/typeshed"
	"typd/internal/cli"
)

// version is typd's release version.
const version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: typd COMMAND [ARGS]

commands:
  check [mypy flags] FILES...   type check, as mypy does
  version                       print the version
  debug ast|cst FILE            print the parser's AST (as CPython's ast.dump) or tree-sitter's tree
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "check":
		return cli.Check(cli.Env{Files: fsys.Disk{}, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}, args[1:])
	case "version", "-V", "--version":
		commit := typeshed.Commit()
		if commit == "" {
			commit = "none embedded"
		}
		fmt.Fprintf(stdout, "typd %s (typeshed %s)\n", version, commit)
		return 0
	case "debug":
		return runDebug(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "typd: unknown command %q\n%s", args[0], usage)
	return 2
}
