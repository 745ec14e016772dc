package lsp

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"typd/checker/fsys"
)

// Usage is `typd lsp`'s usage.
const Usage = `usage: typd lsp [--log-file FILE] [-- MYPY_FLAGS]

Serve the Language Server Protocol on stdin and stdout. The workspace folder the
editor opens is checked as "typd check" run there checks it (its mypy
configuration file, then MYPY_FLAGS, then initializationOptions.args). The log
goes to FILE, or to stderr.
`

// Main runs `typd lsp ARGS` on the given streams and returns the exit
// code: 0 after shutdown and exit, 1 when the client left otherwise, 2 on
// a usage error.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var logOut io.Writer = stderr
	var flags []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			flags = args[i+1:]
			i = len(args)
		case a == "-h" || a == "--help":
			fmt.Fprint(stdout, Usage)
			return 0
		case a == "--log-file" || strings.HasPrefix(a, "--log-file="):
			name, ok := strings.CutPrefix(a, "--log-file=")
			if !ok {
				if i+1 == len(args) {
					fmt.Fprint(stderr, Usage+"typd lsp: error: --log-file needs a file\n")
					return 2
				}
				i++
				name = args[i]
			}
			f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
			if err != nil {
				fmt.Fprintf(stderr, "typd lsp: error: %v\n", err)
				return 2
			}
			defer f.Close()
			logOut = f
		default:
			fmt.Fprintf(stderr, "%styd lsp: error: unrecognized argument %q (mypy flags go after --)\n", Usage, a)
			return 2
		}
	}
	log := zerolog.New(logOut).With().Timestamp().Logger()
	err := Serve(context.Background(), stdio{stdin, stdout}, Config{Args: flags, Disk: fsys.NewListed(),
		Getenv: os.Getenv, Log: log})
	if err != nil {
		log.Info().Err(err).Msg("the client left")
		return 1
	}
	return 0
}

// stdio is the server's end of the client's pipes.
type stdio struct {
	io.Reader
	io.Writer
}

// Close closes nothing: the process's streams end with it.
func (stdio) Close() error { return nil }
