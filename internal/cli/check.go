// Package cli implements typd's one-shot `check` command with its I/O made
// explicit, so that the binary and the in-process test runner share one
// code path: mypy's command line in, mypy's output and exit code out. The
// work is the workspace package's, which the daemon shares.
package cli

import (
	"fmt"

	"typd/workspace"
)

// Check runs `typd check ARGS` and returns the exit code: 0 when clean, 1
// when errors were found, 2 on a usage error or a blocking error; with -h
// or --help it prints the help and exits 0.
func Check(env workspace.Env, args []string) int {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--help" {
			fmt.Fprint(env.Stdout, workspace.CheckHelp())
			return 0
		}
	}
	inv, code := workspace.Parse(env, args, "typd check")
	if inv == nil {
		return code
	}
	if inv.NoTargets() {
		fmt.Fprintln(env.Stderr, "Missing target module, package, files, or command.")
		return 2
	}
	return workspace.Run(env, inv, nil).Code
}
