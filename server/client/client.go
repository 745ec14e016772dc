// Package client is the client side of typd's daemon: dmypy's commands
// (run, start, restart, stop, kill, status, check, recheck, inspect,
// suggest, daemon, hang) parsed as dmypy parses them, sent over the
// daemon's socket, and the answers printed as dmypy prints them.
//
// It links nothing of the checker, so that typd's front end, which runs
// these commands, starts in a few milliseconds; starting and serving a
// daemon need the checker and go through Env.Engine.
package client

import (
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"typd/server/protocol"
)

// Env is what the client reads and writes.
type Env struct {
	Stdout, Stderr io.Writer
	// Version is typd's version, sent with run.
	Version string
	// Executable is the binary that daemons are started from (the
	// engine's); needed only with Engine.
	Executable string
	// Getenv reads the environment.
	Getenv func(string) string
	// IsTTY tells whether Stdout is a terminal, TerminalWidth its width:
	// the daemon fits --pretty output in it only then, as dmypy does.
	IsTTY         bool
	TerminalWidth int
	// Engine starts and serves daemons. It is nil in typd's front end,
	// which links no checker: a command that must start or serve a daemon
	// is then handed to HandOff, before it has printed anything.
	Engine Engine
	// HandOff runs the whole command line in typd's engine and returns
	// its exit code; used only when Engine is nil.
	HandOff func() int
}

// Engine is what a client needs the checker for: checking mypy's flags
// before a daemon starts with them, and being the daemon.
type Engine interface {
	// CheckFlags reads mypy's flags and targets as a daemon started with
	// them will; when they are wrong, or only ask for information (which
	// it prints on stdout), it returns the message for stderr and the
	// exit code, with ok false. prog names the command in messages.
	CheckFlags(flags []string, prog string, stdout io.Writer) (msg string, code int, ok bool)
	// Serve runs a daemon in this process until it stops.
	Serve(cfg ServeConfig) error
}

// ServeConfig is what `typd daemon` was given.
type ServeConfig struct {
	StatusFile string
	// Flags are mypy's flags and targets.
	Flags []string
	// Timeout stops the daemon after so long without a request; 0 never.
	Timeout time.Duration
	// LogFile is where the daemon logs; "" for no log.
	LogFile string
	// Version is typd's version; Getenv reads the environment.
	Version string
	Getenv  func(string) string
}

// errHandOff says that the command needs the engine, which this process
// lacks (Env.Engine is nil).
var errHandOff = errors.New("the command needs typd's engine")

// needEngine returns errHandOff when this process has no engine.
func (env Env) needEngine() error {
	if env.Engine == nil {
		return errHandOff
	}
	return nil
}

// IsCommand reports whether name is one of the daemon's commands, which
// Main runs (check aside: see ChecksWithDaemon).
func IsCommand(name string) bool {
	_, ok := commandFlags(name)
	return ok && name != "check"
}

// startTimeout is how long a client waits for a new daemon's status file.
const startTimeout = 10 * time.Second

// statusTimeout is how long status and stop wait for an answer before
// calling the daemon stuck.
const statusTimeout = 5 * time.Second

// exitError ends a command: its message goes to stderr and the client
// exits with its code (2, as dmypy's fail does).
type exitError struct {
	msg  string
	code int
}

func (e *exitError) Error() string { return e.msg }

func fail(msg string) error { return &exitError{msg: msg, code: 2} }

// Main runs a daemon command line: optional global flags (--status-file),
// the command, then its flags. It returns the exit code.
func Main(env Env, args []string) int {
	c, err := parseCommand(args)
	if err == nil {
		err = c.run(env)
	}
	var ee *exitError
	var help *helpRequest
	switch {
	case err == nil:
		return 0
	case err == errHandOff:
		return env.HandOff()
	case errors.As(err, &help):
		io.WriteString(env.Stdout, help.text)
		return 0
	case errors.As(err, &ee):
		if ee.msg != "" {
			io.WriteString(env.Stderr, ee.msg+"\n")
		}
		return ee.code
	default:
		io.WriteString(env.Stderr, err.Error()+"\n")
		return 2
	}
}

// command is a parsed daemon command line.
type command struct {
	name       string
	statusFile string
	timeout    float64
	logFile    string
	verbose    int
	junitXML   string
	perfStats  string
	export     bool
	dumpFile   string
	// update and remove are recheck's lists; nil when not given.
	update, remove []string
	// inspect is inspect's location and flags.
	inspect protocol.InspectRequest
	// suggest is suggest's function and flags.
	suggest protocol.SuggestRequest
	// rest are mypy's flags and targets (run, start, restart, daemon) or
	// the files (check).
	rest []string
	// first is the status file as the command read it first, which its
	// first request takes rather than reading it again; nil once taken,
	// or once the command starts a daemon.
	first *statusRead
}

// statusRead is what reading a status file gave.
type statusRead struct {
	st  protocol.Status
	err error
}

// commandFlags returns a command's own flags, true marking a flag that
// takes a value; ok is false for a name that is no command. (A list is
// made when asked for: a front end's start pays for its command's alone.)
func commandFlags(name string) (flags map[string]bool, ok bool) {
	switch name {
	case "start", "restart", "daemon":
		return map[string]bool{"--timeout": true, "--log-file": true}, true
	case "run":
		return map[string]bool{"--timeout": true, "--log-file": true, "-v": false, "--verbose": false, "--junit-xml": true,
			"--perf-stats-file": true, "--export-types": false}, true
	case "check":
		return map[string]bool{"-v": false, "--verbose": false, "--junit-xml": true, "--perf-stats-file": true,
			"--export-types": false}, true
	case "recheck":
		return map[string]bool{"-v": false, "--verbose": false, "--junit-xml": true, "--perf-stats-file": true,
			"--export-types": false, "--update": false, "--remove": false}, true
	case "status":
		return map[string]bool{"-v": false, "--verbose": false, "--fswatcher-dump-file": true}, true
	case "stop", "kill", "hang":
		return map[string]bool{}, true
	case "suggest":
		return map[string]bool{"--json": false, "--no-errors": false, "--no-any": false, "--flex-any": true,
			"--callsites": false, "--use-fixme": true, "--max-guesses": true}, true
	case "inspect":
		return map[string]bool{"--show": true, "-v": false, "--verbose": false, "--limit": true, "--include-span": false,
			"--include-kind": false, "--include-object-attrs": false, "--union-attrs": false, "--force-reload": false}, true
	}
	return nil, false
}

// passesRest reports whether the command's first argument that is not one
// of its own flags starts mypy's flags and targets (argparse's REMAINDER).
func passesRest(name string) bool {
	return name == "start" || name == "restart" || name == "daemon" || name == "run"
}

func parseCommand(args []string) (*command, error) {
	c := &command{statusFile: protocol.DefaultStatusFile, suggest: protocol.SuggestRequest{FlexAny: -1}}
	for len(args) > 0 && strings.HasPrefix(args[0], "--status-file") {
		v, n, err := flagValue(args, "--status-file")
		if err != nil {
			return nil, err
		}
		c.statusFile, args = v, args[n:]
	}
	if len(args) == 0 {
		return nil, fail("typd: error: a command is required (run, start, restart, stop, kill, status, check, recheck, daemon)")
	}
	c.name, args = args[0], args[1:]
	own, ok := commandFlags(c.name)
	if !ok {
		return nil, fail("typd: error: unknown daemon command " + strconv.Quote(c.name))
	}
	var list *[]string // the --update or --remove list being filled
	for len(args) > 0 {
		a := args[0]
		if a == "-h" || a == "--help" {
			return nil, &helpRequest{commandHelp(c.name)}
		}
		name, _, _ := strings.Cut(a, "=")
		takesValue, known := own[name]
		if _, verbose := own["-v"]; verbose && len(a) > 2 && strings.Trim(a, "v") == "-" {
			c.verbose += len(a) - 1 // -vv
			args = args[1:]
			continue
		}
		if name == "--status-file" {
			known, takesValue = true, true
		}
		switch {
		case a == "--":
			if passesRest(c.name) || c.name == "check" {
				c.rest = append(c.rest, args[1:]...)
				return c, nil
			}
			list = nil
			args = args[1:]
			continue
		case !known && passesRest(c.name):
			c.rest = args
			return c, nil
		case !known && strings.HasPrefix(a, "-") && len(a) > 1:
			return nil, fail("typd " + c.name + ": error: unrecognized arguments: " + a)
		case !known:
			if list != nil {
				*list = append(*list, a)
			} else if c.name == "check" {
				c.rest = append(c.rest, a)
			} else if c.name == "inspect" && c.inspect.Location == "" {
				c.inspect.Location = a
			} else if c.name == "suggest" && c.suggest.Function == "" {
				c.suggest.Function = a
			} else {
				return nil, fail("typd " + c.name + ": error: unrecognized arguments: " + a)
			}
			args = args[1:]
			continue
		}
		list = nil
		value, n := "", 1
		if takesValue {
			v, used, err := flagValue(args, name)
			if err != nil {
				return nil, err
			}
			value, n = v, used
		}
		args = args[n:]
		switch name {
		case "--status-file":
			c.statusFile = value
		case "--timeout":
			t, err := strconv.ParseFloat(value, 64)
			if err != nil || t <= 0 {
				return nil, fail("typd " + c.name + ": error: argument --timeout: invalid value: '" + value + "'")
			}
			c.timeout = t
		case "--log-file":
			c.logFile = value
		case "-v", "--verbose":
			c.verbose++
		case "--junit-xml":
			c.junitXML = value
		case "--perf-stats-file":
			c.perfStats = value
		case "--export-types":
			c.export = true
		case "--fswatcher-dump-file":
			c.dumpFile = value
		case "--show":
			if value != "type" && value != "attrs" && value != "definition" {
				return nil, fail("typd " + c.name + ": error: argument --show: invalid choice: '" + value +
					"' (choose from 'type', 'attrs', 'definition')")
			}
			c.inspect.Show = value
		case "--limit":
			n, err := strconv.Atoi(value)
			if err != nil {
				return nil, fail("typd " + c.name + ": error: argument --limit: invalid int value: '" + value + "'")
			}
			c.inspect.Limit = n
		case "--include-span":
			c.inspect.IncludeSpan = true
		case "--include-kind":
			c.inspect.IncludeKind = true
		case "--include-object-attrs":
			c.inspect.IncludeObjectAttrs = true
		case "--union-attrs":
			c.inspect.UnionAttrs = true
		case "--force-reload":
			c.inspect.ForceReload = true
		case "--json":
			c.suggest.JSON = true
		case "--no-errors":
			c.suggest.NoErrors = true
		case "--no-any":
			c.suggest.NoAny = true
		case "--callsites":
			c.suggest.Callsites = true
		case "--use-fixme":
			c.suggest.UseFixme = value
		case "--flex-any":
			f, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return nil, fail("typd " + c.name + ": error: argument --flex-any: invalid float value: '" + value + "'")
			}
			c.suggest.FlexAny = f
		case "--max-guesses":
			n, err := strconv.Atoi(value)
			if err != nil {
				return nil, fail("typd " + c.name + ": error: argument --max-guesses: invalid int value: '" + value + "'")
			}
			c.suggest.MaxGuesses = n
		case "--update":
			c.update = []string{}
			list = &c.update
		case "--remove":
			c.remove = []string{}
			list = &c.remove
		}
	}
	return c, nil
}

// flagValue reads a flag's value, given as --flag=value or --flag value,
// and says how many arguments it took.
func flagValue(args []string, name string) (string, int, error) {
	if v, ok := strings.CutPrefix(args[0], name+"="); ok {
		return v, 1, nil
	}
	if len(args) < 2 {
		return "", 0, fail("typd: error: argument " + name + ": expected one argument")
	}
	return args[1], 2, nil
}

func (c *command) run(env Env) error {
	st, err := protocol.ReadStatus(c.statusFile)
	if msg, ok := foreign(c.statusFile, st, err); ok {
		return fail(msg)
	}
	c.first = &statusRead{st, err}
	switch c.name {
	case "start":
		if _, err := protocol.ReadStatus(c.statusFile); err == nil {
			return fail("Daemon is still alive")
		}
		return c.startServer(env)
	case "restart":
		return c.restartServer(env)
	case "stop":
		return c.stop(env)
	case "kill":
		st, err := protocol.ReadStatus(c.statusFile)
		if err != nil {
			return fail(err.Error())
		}
		if err := syscall.Kill(st.PID, syscall.SIGKILL); err != nil {
			return fail(err.Error())
		}
		// The signal is delivered asynchronously: wait for the process to
		// be gone, so a command right after this one finds it dead.
		for deadline := time.Now().Add(5 * time.Second); protocol.Alive(st.PID) && time.Now().Before(deadline); {
			time.Sleep(2 * time.Millisecond)
		}
		io.WriteString(env.Stdout, "Daemon killed\n")
		return nil
	case "status":
		return c.status(env)
	case "run":
		return c.runCommand(env)
	case "check":
		return c.checkOutput(env, c.request(protocol.Request{Command: "check", Files: c.rest, ExportTypes: c.export,
			IsTTY: env.IsTTY, TerminalWidth: env.TerminalWidth}, 0))
	case "recheck":
		return c.checkOutput(env, c.request(protocol.Request{Command: "recheck", Update: c.update, Remove: c.remove,
			ExportTypes: c.export, IsTTY: env.IsTTY, TerminalWidth: env.TerminalWidth}, 0))
	case "inspect":
		if c.inspect.Location == "" {
			return fail("typd inspect: error: the following arguments are required: location")
		}
		in := c.inspect
		in.Verbosity = c.verbose
		resp := c.request(protocol.Request{Command: "inspect", Inspect: &in}, 0)
		if resp.Error != "" {
			return fail(resp.Error)
		}
		io.WriteString(env.Stdout, resp.Out)
		if resp.Out != "" && !strings.HasSuffix(resp.Out, "\n") {
			io.WriteString(env.Stdout, "\n")
		}
		if resp.Status != 0 {
			return &exitError{code: resp.Status}
		}
		return nil
	case "suggest":
		if c.suggest.Function == "" {
			return fail("typd suggest: error: the following arguments are required: function")
		}
		in := c.suggest
		resp := c.request(protocol.Request{Command: "suggest", Suggest: &in}, 0)
		if resp.Error != "" {
			return fail(resp.Error)
		}
		io.WriteString(env.Stdout, resp.Out)
		return nil
	case "hang":
		resp := c.request(protocol.Request{Command: "hang"}, 0)
		if resp.Error != "" {
			return fail(resp.Error)
		}
		return nil
	case "daemon":
		return c.serve(env)
	}
	return fail("typd " + c.name + ": not implemented yet")
}

// request sends one request to the daemon named by the status file and
// returns its answer; a failure to reach it is an answer with Error set.
func (c *command) request(req protocol.Request, timeout time.Duration) protocol.Response {
	var st protocol.Status
	var err error
	if c.first != nil {
		st, err, c.first = c.first.st, c.first.err, nil
	} else {
		st, err = protocol.ReadStatus(c.statusFile)
	}
	if err != nil {
		return protocol.Response{Error: err.Error(), Status: -1}
	}
	conn, err := dial(st.ConnectionName, statusTimeout)
	if err != nil {
		return protocol.Response{Error: err.Error()}
	}
	defer conn.Close()
	if timeout > 0 {
		conn.SetDeadline(time.Now().Add(timeout))
	}
	if err := protocol.WriteMessage(conn, &req); err != nil {
		return protocol.Response{Error: err.Error()}
	}
	var resp protocol.Response
	if err := protocol.ReadMessage(conn, &resp); err != nil {
		return protocol.Response{Error: err.Error()}
	}
	return resp
}

// noDaemon reports whether an answer says the status file names no live
// daemon (rather than a daemon failing).
func noDaemon(resp protocol.Response) bool { return resp.Status == -1 }

func (c *command) stop(env Env) error {
	resp := c.request(protocol.Request{Command: "stop"}, statusTimeout)
	if noDaemon(resp) {
		return fail(resp.Error)
	}
	if resp.Error != "" {
		showStats(env.Stdout, resp)
		return fail("Daemon is stuck; consider typd kill")
	}
	io.WriteString(env.Stdout, "Daemon stopped\n")
	return nil
}

func (c *command) status(env Env) error {
	resp := c.request(protocol.Request{Command: "status", FSWatcherDumpFile: c.dumpFile}, statusTimeout)
	if noDaemon(resp) {
		return fail(resp.Error)
	}
	if c.verbose > 0 || resp.Error != "" {
		showStats(env.Stdout, resp)
	}
	if resp.Error != "" {
		return fail("Daemon is stuck; consider typd kill")
	}
	io.WriteString(env.Stdout, "Daemon is up and running\n")
	return nil
}

// restartServer stops the daemon if one answers, then starts one.
func (c *command) restartServer(env Env) error {
	if err := env.needEngine(); err != nil {
		return err
	}
	if err := c.stop(env); err != nil {
		var ee *exitError
		if !errors.As(err, &ee) || ee.msg == "Daemon is stuck; consider typd kill" {
			return err
		}
	}
	return c.startServer(env)
}

func (c *command) runCommand(env Env) error {
	if _, err := protocol.ReadStatus(c.statusFile); err != nil {
		if err := c.startServer(env); err != nil {
			return err
		}
	}
	start := time.Now()
	req := protocol.Request{Command: "run", Version: env.Version, Args: c.rest, ExportTypes: c.export,
		IsTTY: env.IsTTY, TerminalWidth: env.TerminalWidth}
	resp := c.request(req, 0)
	if resp.Restart != "" {
		if err := env.needEngine(); err != nil {
			return err
		}
		io.WriteString(env.Stdout, "Restarting: "+resp.Restart+"\n")
		if err := c.restartServer(env); err != nil {
			return err
		}
		resp = c.request(req, 0)
	}
	if resp.Stats != nil {
		resp.Stats["roundtrip_time"] = time.Since(start).Seconds()
	}
	return c.checkOutput(env, resp)
}

// checkOutput prints a check's answer and writes the reports asked for;
// the error carries a non-zero exit status.
func (c *command) checkOutput(env Env, resp protocol.Response) error {
	if resp.Error != "" {
		return fail(resp.Error)
	}
	io.WriteString(env.Stdout, resp.Out)
	io.WriteString(env.Stderr, resp.Err)
	if c.verbose > 0 {
		showStats(env.Stdout, resp)
	}
	if c.junitXML != "" {
		rt, _ := resp.Stats["roundtrip_time"].(float64)
		if rt == 0 {
			rt, _ = resp.Stats["total_time"].(float64)
		}
		if err := writeJUnit(c.junitXML, rt, resp); err != nil {
			return fail(err.Error())
		}
	}
	if c.perfStats != "" {
		body, err := protocol.AppendJSON(nil, resp.Stats)
		if err == nil {
			err = os.WriteFile(c.perfStats, body, 0o644)
		}
		if err != nil {
			return fail(err.Error())
		}
	}
	if resp.Status != 0 {
		return &exitError{code: resp.Status}
	}
	return nil
}

// showStats prints an answer's fields and figures, as dmypy's -v does.
func showStats(w io.Writer, resp protocol.Response) {
	fields := map[string]any{}
	for k, v := range resp.Stats {
		fields[k] = v
	}
	if resp.Error != "" {
		fields["error"] = resp.Error
	}
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		var value string
		switch v := fields[k].(type) {
		case float64:
			if v == float64(int64(v)) && k != "total_time" && !strings.HasSuffix(k, "_time") {
				value = strconv.FormatInt(int64(v), 10)
			} else {
				value = strconv.FormatFloat(v, 'f', 3, 64)
			}
		case string:
			value = v
		default:
			text, _ := protocol.AppendJSON(nil, v)
			value = string(text)
		}
		io.WriteString(w, padRight(k, 24)+": "+padLeft(value, 10)+"\n")
	}
}

// padRight and padLeft pad s with spaces to width bytes, on the right or
// on the left.
func padRight(s string, width int) string { return s + strings.Repeat(" ", max(0, width-len(s))) }
func padLeft(s string, width int) string  { return strings.Repeat(" ", max(0, width-len(s))) + s }

// startServer starts a daemon in the background with the command's flags
// and waits until it has written its status file.
func (c *command) startServer(env Env) error {
	c.first = nil
	if err := env.needEngine(); err != nil {
		return err
	}
	if msg, code, ok := env.Engine.CheckFlags(c.rest, "typd "+c.name, env.Stdout); !ok {
		return &exitError{msg: msg, code: code}
	}
	unlock, err := lockStart(c.statusFile)
	if err != nil {
		return fail("Cannot start the daemon: " + err.Error())
	}
	defer unlock()
	if _, err := protocol.ReadStatus(c.statusFile); err == nil {
		if c.name == "start" {
			return fail("Daemon is still alive")
		}
		return nil // another client started one meanwhile
	}
	removeStale(c.statusFile)
	args := []string{"daemon", "--status-file", c.statusFile}
	if c.timeout > 0 {
		args = append(args, "--timeout", strconv.FormatFloat(c.timeout, 'f', -1, 64))
	}
	if c.logFile != "" {
		args = append(args, "--log-file", c.logFile)
	}
	args = append(append(args, "--"), c.rest...)
	// The daemon's own output (a Go runtime crash) goes to the log file,
	// or to an unlinked temporary file whose text explains a failed start.
	var out *os.File
	if c.logFile != "" {
		out, err = os.OpenFile(c.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	} else {
		out, err = os.CreateTemp("", "typd-start-*")
		if err == nil {
			defer os.Remove(out.Name())
		}
	}
	if err != nil {
		return fail("Cannot start the daemon: " + err.Error())
	}
	defer out.Close()
	null, err := os.Open(os.DevNull)
	if err != nil {
		return fail("Cannot start the daemon: " + err.Error())
	}
	defer null.Close()
	proc, err := os.StartProcess(env.Executable, append([]string{env.Executable}, args...),
		&os.ProcAttr{Files: []*os.File{null, out, out}, Sys: &syscall.SysProcAttr{Setsid: true}})
	if err != nil {
		return fail("Cannot start the daemon: " + err.Error())
	}
	exited := make(chan struct{})
	go func() { proc.Wait(); close(exited) }()
	deadline := time.Now().Add(startTimeout)
	for time.Now().Before(deadline) {
		if st, err := protocol.ReadStatus(c.statusFile); err == nil && st.PID == proc.Pid {
			io.WriteString(env.Stdout, "Daemon started\n")
			return nil
		}
		select {
		case <-exited:
			text, _ := os.ReadFile(out.Name())
			return fail("Daemon failed to start\n" + strings.TrimRight(string(text), "\n"))
		case <-time.After(10 * time.Millisecond):
		}
	}
	return fail("Timed out waiting for daemon to start")
}

// removeStale removes a status file that names a dead daemon, and the
// socket it left behind. The status file is input anyone may have
// written: only a Unix socket named typd.sock in a typd-* folder is
// removed, and then the folder only if nothing else is left in it.
func removeStale(file string) {
	st, err := protocol.ReadStatus(file)
	var bad *protocol.BadStatus
	if err == nil || !errors.As(err, &bad) || bad.Msg != "Daemon has died" {
		return
	}
	if st.ConnectionName != "" {
		sock := st.ConnectionName
		dir := filepath.Dir(sock)
		info, err := os.Lstat(sock)
		if err == nil && info.Mode()&os.ModeSocket != 0 && strings.HasPrefix(filepath.Base(dir), "typd-") &&
			filepath.Base(sock) == "typd.sock" {
			os.Remove(sock)
			os.Remove(dir) // fails unless empty
		}
	}
	os.Remove(file)
}

// lockStart takes the exclusive lock that serializes starting daemons on
// one status file (a lock file beside it), so concurrent runs start one
// daemon; the function returned releases it.
func lockStart(statusFile string) (func(), error) {
	f, err := os.OpenFile(statusFile+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// serve runs the daemon in this process (typd daemon).
func (c *command) serve(env Env) error {
	if err := env.needEngine(); err != nil {
		return err
	}
	err := env.Engine.Serve(ServeConfig{StatusFile: c.statusFile, Flags: c.rest,
		Timeout: time.Duration(c.timeout * float64(time.Second)), LogFile: c.logFile, Version: env.Version, Getenv: env.Getenv})
	if err != nil {
		return fail(strings.TrimRight(err.Error(), "\n"))
	}
	return nil
}

// writeJUnit writes --junit-xml as mypy does: one test case that passes,
// fails (messages) or errs (messages on stderr).
func writeJUnit(path string, seconds float64, resp protocol.Response) error {
	messages := strings.Split(strings.TrimRight(resp.Out+resp.Err, "\n"), "\n")
	if resp.Out+resp.Err == "" {
		messages = nil
	}
	text := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(strings.Join(messages, "\n"))
	head := func(errors, failures int) string {
		time := strconv.FormatFloat(seconds, 'f', 3, 64)
		return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuite errors=\"" + strconv.Itoa(errors) + "\" failures=\"" +
			strconv.Itoa(failures) + "\" name=\"mypy\" skips=\"0\" tests=\"1\" time=\"" + time + "\">\n" +
			"  <testcase classname=\"mypy\" file=\"mypy\" line=\"1\" name=\"mypy-py" + resp.PythonVersion + "-" + resp.Platform +
			"\" time=\"" + time + "\">\n"
	}
	var xml string
	switch {
	case len(messages) == 0 && resp.Err == "":
		xml = head(0, 0)
	case resp.Err == "":
		xml = head(0, 1) + "    <failure message=\"mypy produced messages\">" + text + "</failure>\n"
	default:
		xml = head(1, 0) + "    <error message=\"mypy produced errors\">" + text + "</error>\n"
	}
	xml += "  </testcase>\n</testsuite>\n"
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(xml), 0o644)
}

// foreign returns the message for a status file (file, read as st and
// err) that names a live daemon typd did not start (one without typd's
// version: dmypy's, since both default to .dmypy.json); ok is false for
// any other file.
func foreign(file string, st protocol.Status, err error) (msg string, ok bool) {
	if err != nil || st.Version != "" {
		return "", false
	}
	return "The status file " + file + " names a daemon typd did not start (pid " + strconv.Itoa(st.PID) + "; dmypy's?). " +
		"typd leaves it alone: stop it with dmypy stop, or give typd another status file with --status-file", true
}

// ChecksWithDaemon reports whether `typd check ARGS` goes to a running
// daemon: one answers for the default status file and ARGS are only files
// and dmypy check's own flags (other mypy flags mean a one-shot check).
func ChecksWithDaemon(args []string) bool {
	if !protocol.Running(protocol.DefaultStatusFile) {
		return false
	}
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			return true
		case a == "-v" || a == "--verbose" || a == "--export-types":
		case a == "--junit-xml" || a == "--perf-stats-file":
			i++
		case strings.HasPrefix(a, "--junit-xml=") || strings.HasPrefix(a, "--perf-stats-file="):
		case strings.HasPrefix(a, "-"):
			return false
		}
	}
	return true
}
