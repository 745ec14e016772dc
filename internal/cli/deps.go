package cli

import (
	"bytes"
	"fmt"
	"strings"

	"typd/checker"
	"typd/workspace"
)

// DepsUsage is `typd debug deps`'s usage line.
const DepsUsage = "usage: typd debug deps [--logical-deps] [check flags] FILE..."

// Deps implements `typd debug deps [--logical-deps] [FLAGS] FILE...`: it
// checks the files as `typd check FLAGS FILE...` would, prints the
// check's messages, then the fine-grained dependency map of every module
// the check checked, merged, in mypy's deps*.test format: one
// "<trigger> -> target, target" line per trigger, sorted, without the
// triggers mypy's test harness leaves out as noise (those of enum, typing,
// mypy and _typeshed). --logical-deps prints mypy's logical dependencies
// instead.
func Deps(env workspace.Env, args []string) int {
	var flags []string
	logical := false
	for _, a := range args {
		if a == "--logical-deps" {
			logical = true
		} else {
			flags = append(flags, a)
		}
	}
	var out bytes.Buffer
	e := env
	e.Stdout = &out
	inv, code := workspace.Parse(e, append(flags, "--no-error-summary"), "typd debug deps")
	if inv == nil {
		env.Stdout.Write(out.Bytes())
		return code
	}
	if inv.NoTargets() {
		fmt.Fprintln(env.Stderr, DepsUsage)
		return 2
	}
	sess := checker.NewSession()
	workspace.Run(e, inv, sess)
	env.Stdout.Write(out.Bytes())
	snap, err := sess.Snapshot()
	if err != nil {
		fmt.Fprintf(env.Stderr, "typd: %v\n", err)
		return 2
	}
	all := checker.DependencyMap{}
	snap.Exclusive(func(r checker.Reader) {
		for _, in := range r.InspectAll() {
			if m, ok := r.Dependencies(in.Name, logical); ok {
				all.Merge(m)
			}
		}
	})
	for _, line := range all.Lines() {
		if !Noise(line) {
			fmt.Fprintln(env.Stdout, line)
		}
	}
	return 0
}

// Noise reports a line of a trigger mypy's deps*.test harness leaves out.
func Noise(line string) bool {
	for _, p := range []string{"<enum", "<typing", "<mypy", "<_typeshed."} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}
