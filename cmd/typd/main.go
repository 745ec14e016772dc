// Command typd is a Python type checker that checks code as mypy does.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) > 0 && args[0] == "debug" {
		return runDebug(args[1:], os.Stdout, os.Stderr)
	}
	return 2
}
