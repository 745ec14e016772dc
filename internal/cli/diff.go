package cli

import (
	"bytes"
	"fmt"
	"os"

	"typd/checker"
	"typd/checker/fsys"
	"typd/workspace"
)

// DiffUsage is `typd debug diff`'s usage line.
const DiffUsage = "usage: typd debug diff [check flags] OLD NEW"

// Diff implements `typd debug diff [FLAGS] OLD NEW`: it checks file OLD
// as `typd check FLAGS OLD` would, then again with NEW's text in OLD's
// place, and prints what mypy's fine-grained mode would find changed in
// that module (mypy's diff.test format): the messages of the first check,
// "== next ==" and those of the second when it has any, then the fully
// qualified names whose snapshots differ, one a line, sorted.
func Diff(env workspace.Env, args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(env.Stderr, DiffUsage)
		return 2
	}
	oldPath, newPath := args[len(args)-2], args[len(args)-1]
	newText, err := os.ReadFile(newPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "typd: %v\n", err)
		return 2
	}
	flags := append(args[:len(args)-2:len(args)-2], oldPath)
	var names []string
	snapshot := func(files fsys.FS, marker string) (checker.Symbols, int) {
		var out bytes.Buffer
		e := env
		e.Files, e.Stdout = files, &out
		inv, code := workspace.Parse(e, append(flags, "--no-error-summary"), "typd debug diff")
		if inv == nil {
			return nil, code
		}
		sess := checker.NewSession()
		workspace.Run(e, inv, sess)
		if out.Len() > 0 {
			fmt.Fprint(env.Stdout, marker)
			env.Stdout.Write(out.Bytes())
		}
		snap, err := sess.Snapshot()
		if err != nil {
			fmt.Fprintf(env.Stderr, "typd: %v\n", err)
			return nil, 2
		}
		module, syms, ok := snap.Symbols(oldPath)
		if !ok {
			fmt.Fprintf(env.Stderr, "typd: %s: not a module of the program\n", oldPath)
			return nil, 2
		}
		names = append(names, module)
		return syms, 0
	}
	old, code := snapshot(env.Files, "")
	if code != 0 {
		return code
	}
	new, code := snapshot(fsys.Overlay(fsys.Map{oldPath: newText}, env.Files), "== next ==\n")
	if code != 0 {
		return code
	}
	for _, name := range checker.ChangedNames(names[0], old, new) {
		fmt.Fprintln(env.Stdout, name)
	}
	return 0
}
