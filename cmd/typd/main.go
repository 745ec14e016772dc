// Command typd is a Python type checker that checks code as mypy does, and
// its daemon, which answers dmypy's commands (`typd --help` lists them).
//
// This binary is typd's front end. It answers the commands a running
// daemon serves (recheck, status, check, run, inspect, suggest, stop,
// kill) itself, and hands every other command line, unchanged, to the
// engine: typd-engine, installed beside it, which replaces this process.
// The front end links nothing of the checker, so that it starts in a few
// milliseconds; `typd recheck` is answered even before Go's runtime
// starts, where it can be (fastrecheck.go).
package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"typd/internal/terminal"
	"typd/internal/version"
	"typd/server/client"
)

// engineName is the engine's file name, in the folder of this binary.
const engineName = "typd-engine"

func main() {
	args := os.Args[1:]
	if !answersItself(args) {
		os.Exit(handOff())
	}
	isTTY, width := terminal.Size(os.Getenv, os.Stdout)
	env := client.Env{Stdout: os.Stdout, Stderr: os.Stderr, Version: version.Version, Getenv: os.Getenv,
		IsTTY: isTTY, TerminalWidth: width, HandOff: handOff}
	os.Exit(client.Main(env, args))
}

// answersItself reports whether the front end runs a command line itself:
// a daemon command, or a check that goes to a running daemon. The client
// hands over those that must start or serve a daemon.
func answersItself(args []string) bool {
	switch {
	case len(args) == 0:
		return false
	case client.IsCommand(args[0]) || strings.HasPrefix(args[0], "--status-file"):
		return true
	case args[0] == "check":
		return client.ChecksWithDaemon(args[1:])
	}
	return false
}

// enginePath is where the engine is: beside this binary, symbolic links
// followed.
func enginePath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(exe), engineName), nil
}

// handOff replaces this process with the engine, given the same command
// line, environment and open files; it returns only when it cannot.
func handOff() int {
	engine, err := enginePath()
	if err == nil {
		err = syscall.Exec(engine, append([]string{os.Args[0]}, os.Args[1:]...), os.Environ())
	}
	os.Stderr.WriteString("typd: cannot run typd's engine " + engine + " (it is built and installed beside typd: make build): " + err.Error() + "\n")
	return 2
}
