// Command typd-engine is typd whole: a Python type checker that checks
// code as mypy does, its daemon, which answers dmypy's commands, and its
// language server. Users run typd (cmd/typd), a front end that answers a
// running daemon's commands itself and hands every other command line to
// this binary, installed beside it:
//
//	typd check [mypy flags] FILES...   check, as `mypy FILES` does (or ask the running daemon)
//	typd run|start|restart|stop|kill|status|recheck|daemon|hang ...   dmypy's commands
//	typd cache push|pull ...           share the cache through a remote store
//	typd version                       print the version and the typeshed commit
//	typd debug ast|cst FILE            print the parser's view of a file
//	typd debug diff [FLAGS] OLD NEW    print the names a new version of a module changes
//	typd debug deps [FLAGS] FILE...    print the fine-grained dependency map
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"typd/checker/fsys"
	"typd/checker/typeshed"
	"typd/internal/cli"
	"typd/internal/terminal"
	"typd/internal/version"
	"typd/server/client"
	"typd/server/daemon"
	"typd/server/lsp"
	"typd/workspace"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: typd [--status-file FILE] COMMAND [ARGS]

commands:
  check [mypy flags] FILES...   type check, as mypy does; with a daemon running and
                                only files given, the daemon checks them (dmypy check)
  run [-- FLAGS FILES]          check with the daemon, starting (or restarting) it as needed
  start|restart [-- FLAGS]      start (or restart) the daemon; --timeout S, --log-file F
  stop | kill                   stop the daemon, or kill its process
  status                        tell whether the daemon answers; -v, --fswatcher-dump-file F
  recheck                       check the previous files again; --update F..., --remove F...
  inspect LOCATION              the types, attributes or definitions at file:line:column[:end_line:end_column]
  suggest FUNCTION              a draft signature for module.[Class.]function or file.py:line
  daemon [-- FLAGS]             run the daemon in the foreground
  hang                          (testing aid) the daemon sleeps 100 s in a request
  lsp [--log-file F] [-- FLAGS] serve the Language Server Protocol on stdio (editors)
  cache push|pull [FLAGS]       share the cache through a remote store (CI pushes, developers pull)
  version                       print the version
  debug ast|cst FILE            print the parser's AST (as CPython's ast.dump) or tree-sitter's tree
  debug diff [FLAGS] OLD NEW    print the names of module OLD that NEW's text changes (mypy's fine-grained diff)
  debug deps [FLAGS] FILE...    print the checked modules' fine-grained dependencies (mypy's deps; --logical-deps)

--status-file FILE names the daemon's status file (default .dmypy.json).
typd COMMAND --help describes a command and each of its flags.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if client.IsCommand(args[0]) || strings.HasPrefix(args[0], "--status-file") {
		return client.Main(clientEnv(stdout, stderr), args)
	}
	switch args[0] {
	case "check":
		if client.ChecksWithDaemon(args[1:]) {
			return client.Main(clientEnv(stdout, stderr), args)
		}
		_, width := terminal.Size(os.Getenv, stdout)
		return cli.Check(workspace.Env{Files: fsys.NewListed(), Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, TerminalWidth: width,
			KeepsCache: true}, args[1:])
	case "cache":
		return cli.Cache(workspace.Env{Files: fsys.Disk{}, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}, args[1:])
	case "version", "-V", "--version":
		commit := typeshed.Commit()
		if commit == "" {
			commit = "none embedded"
		}
		fmt.Fprintf(stdout, "typd %s (typeshed %s)\n", version.Version, commit)
		return 0
	case "lsp":
		lsp.Version = version.Version
		return lsp.Main(args[1:], os.Stdin, stdout, stderr)
	case "debug":
		if len(args) > 1 && args[1] == "diff" {
			return cli.Diff(workspace.Env{Files: fsys.Disk{}, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}, args[2:])
		}
		if len(args) > 1 && args[1] == "deps" {
			return cli.Deps(workspace.Env{Files: fsys.Disk{}, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}, args[2:])
		}
		return runDebug(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "typd: unknown command %q\n%s", args[0], usage)
	return 2
}

// clientEnv is the daemon client's environment: this binary starts and
// serves daemons itself.
func clientEnv(stdout, stderr io.Writer) client.Env {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	isTTY, width := terminal.Size(os.Getenv, stdout)
	return client.Env{Stdout: stdout, Stderr: stderr, Version: version.Version, Executable: exe, Getenv: os.Getenv,
		IsTTY: isTTY, TerminalWidth: width, Engine: daemon.Engine{}}
}
