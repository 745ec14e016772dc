package daemon

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"typd/checker/fsys"
	"typd/server/client"
	"typd/workspace"
)

// Engine starts and serves daemons for the client (client.Env.Engine).
type Engine struct{}

// CheckFlags reads mypy's flags and targets as the daemon will.
func (Engine) CheckFlags(flags []string, prog string, stdout io.Writer) (msg string, code int, ok bool) {
	var stderr bytes.Buffer
	inv, code := workspace.Parse(workspace.Env{Files: fsys.Disk{}, Stdout: stdout, Stderr: &stderr, Getenv: os.Getenv}, flags, prog)
	if inv == nil {
		return strings.TrimRight(stderr.String(), "\n"), code, false
	}
	return "", 0, true
}

// Serve runs a daemon in this process, logging to cfg.LogFile if given.
func (Engine) Serve(cfg client.ServeConfig) error {
	log := zerolog.New(io.Discard)
	if cfg.LogFile != "" {
		f, err := os.OpenFile(cfg.LogFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("Cannot open the log file: %v", err)
		}
		defer f.Close()
		log = zerolog.New(f).With().Timestamp().Logger()
	}
	err := Serve(ServerConfig{StatusFile: cfg.StatusFile, Flags: cfg.Flags, Timeout: cfg.Timeout,
		Log: log, Version: cfg.Version, Getenv: cfg.Getenv})
	if err != nil {
		log.Error().Err(err).Msg("daemon failed")
	}
	return err
}
