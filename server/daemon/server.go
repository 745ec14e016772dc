// Package daemon is typd's daemon: it answers dmypy's commands over a
// Unix domain socket, with the checked program kept warm between requests
// by a checker.Session and a built-in file watcher. Its clients are in
// package client; the status file and the messages in package protocol.
//
// The server listens on a socket (mode 0600) in a private folder and
// names it, with its pid, in the status file. It answers one request at
// a time (the others wait in the socket's queue), as dmypy does.
package daemon

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"typd/checker"
	"typd/checker/fsys"
	"typd/inspect"
	"typd/server/heap"
	"typd/server/protocol"
	"typd/suggest"
	"typd/workspace"
)

// ServerConfig is how a daemon runs.
type ServerConfig struct {
	// StatusFile is where the daemon announces its pid and socket.
	StatusFile string
	// Flags are the mypy flags it checks with.
	Flags []string
	// Timeout, when positive, stops the daemon after that long without a
	// request.
	Timeout time.Duration
	// Log receives the daemon's structured log.
	Log zerolog.Logger
	// Version is typd's version; a run from a client of another version
	// restarts the daemon.
	Version string
	// Getenv reads the environment (MYPYPATH).
	Getenv func(string) string
}

// requestTimeout bounds how long a client may take to send its request.
const requestTimeout = 10 * time.Second

// server is a running daemon's state: the options it started with and
// what it keeps warm between requests.
type server struct {
	cfg ServerConfig
	// inv is the parsed start flags; options is their snapshot, compared
	// with a run's.
	inv     *workspace.Invocation
	options string
	// plugins is the snapshot of the configured plugins' files.
	plugins string
	// sess keeps parses and per-module results between checks; files
	// keeps folder listings, so the module finder's probes are cheap.
	sess  *checker.Session
	files *fsys.Listed
	// fromCache marks a daemon started with --use-fine-grained-cache and
	// a cache there: until its session is built, it answers checks from
	// the cache, as `typd check` does. warming is the session's build, in
	// the background, that the first check starts; nil before it and once
	// its session is adopted.
	fromCache bool
	warming   *warmup
	// waiting counts the requests read and not yet taken up, which stop
	// the session's warming between checks.
	waiting atomic.Int32
	// lastAlloc is what the last check, run or recheck allocated, in
	// bytes: the room the next one is likely to need.
	lastAlloc uint64
	// last is the latest check, nil before the first.
	last  *lastCheck
	watch watcher
	// sockDir is the private folder holding the socket.
	sockDir string
}

// lastCheck is what recheck repeats: the command line checked, the
// sources it found and the answer it gave.
type lastCheck struct {
	inv     *workspace.Invocation
	sources []string
	resp    protocol.Response
}

// Serve runs a daemon until a stop request, its idle timeout, SIGTERM or
// SIGINT, or a failure of its socket. It listens on a socket in a new
// private folder, writes the status file, reads each client's request on
// a goroutine of its own and answers the requests one at a time.
func Serve(cfg ServerConfig) error {
	var stderr bytes.Buffer
	inv, _ := workspace.Parse(workspace.Env{Files: fsys.Disk{}, Stderr: &stderr, Getenv: cfg.Getenv}, cfg.Flags, "typd daemon")
	if inv == nil {
		return errors.New(stderr.String())
	}
	s := &server{cfg: cfg, inv: inv, options: optionsSnapshot(inv), plugins: pluginsSnapshot(inv),
		sess: checker.NewSession(), files: fsys.NewListed()}
	defer func() { s.watch.close() }()
	// Started from a cache only when there is one: without, the first
	// check would fill one and the session be built again (dmypy builds
	// in full then, too).
	if dir, on := workspace.CacheDir(inv.Options, ""); on && inv.Options.Bool("use_fine_grained_cache") {
		if _, err := os.Stat(dir); err == nil {
			s.fromCache = true
		}
	}

	dir, err := os.MkdirTemp("", "typd-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s.sockDir = dir
	sock := filepath.Join(dir, "typd.sock")
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: sock, Net: "unix"})
	if err != nil {
		return err
	}
	defer ln.Close()
	if err := os.Chmod(sock, 0o600); err != nil {
		return err
	}
	version := cfg.Version
	if version == "" {
		version = "unknown" // the field marks the file as typd's
	}
	if err := protocol.WriteStatus(cfg.StatusFile, protocol.Status{PID: os.Getpid(), ConnectionName: sock, Version: version}); err != nil {
		return fmt.Errorf("writing the status file: %w", err)
	}
	cfg.Log.Info().Str("socket", sock).Strs("flags", cfg.Flags).Int("pid", os.Getpid()).Msg("daemon started")
	stopped := false
	defer func() {
		// A daemon that did not stop cleanly removes its status file, unless
		// another daemon's has replaced it meanwhile.
		if st, err := protocol.ReadStatus(cfg.StatusFile); !stopped && err == nil && st.PID == os.Getpid() {
			os.Remove(cfg.StatusFile)
		}
	}()
	// SIGTERM and SIGINT end the daemon as a failure of its socket does:
	// the deferred clean-up removes the status file and the socket's folder.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(signals)
	// Each connection's request is read on a goroutine of its own, so a
	// client that is slow to send (or sends nothing) delays nobody; the
	// requests read are answered one at a time, here.
	requests := make(chan *pendingRequest)
	done := make(chan struct{})
	defer close(done)
	acceptErr := make(chan error, 1)
	go func() {
		for {
			conn, err := ln.AcceptUnix()
			if err != nil {
				acceptErr <- err
				return
			}
			go s.readRequest(conn, requests, done)
		}
	}()
	var idle, warm <-chan time.Time
	for {
		if cfg.Timeout > 0 {
			idle = time.After(cfg.Timeout)
		}
		select {
		case p := <-requests:
			if s.answer(p) {
				stopped = true
				cfg.Log.Info().Msg("daemon stopped")
				return nil
			}
			switch p.req.Command {
			case "check", "run", "recheck":
				// Once idle a while after a check, the session prepares
				// for the next edit (until another request comes).
				warm = time.After(warmAfter)
			}
		case <-warm:
			warm = nil
			if s.warming != nil {
				break // (the session is still being built)
			}
			s.sess.Warm(func() bool { return s.waiting.Load() == 0 })
			if s.waiting.Load() == 0 {
				// Collect the checks' and the warming's garbage while
				// idle when the heap has too little room left for the
				// next check (twice the last one's allocations), so that
				// it neither meets a collection nor takes fresh pages, and
				// pace the next collections (package heap).
				heap.CollectForRoom(s.lastAlloc)
			}
		case err := <-acceptErr:
			return err
		case sig := <-signals:
			cfg.Log.Info().Str("signal", sig.String()).Msg("signalled, shutting down")
			return nil
		case <-idle:
			cfg.Log.Info().Dur("timeout", cfg.Timeout).Msg("idle timeout, shutting down")
			return nil
		}
	}
}

// pendingRequest is a request read from a connection, waiting for its
// answer; written is closed once the answer has been written.
type pendingRequest struct {
	req     protocol.Request
	reply   chan protocol.Response
	written chan struct{}
}

// readRequest reads the request on one connection (within
// requestTimeout), hands it to the serving loop and writes its answer. A
// request that cannot be read is answered here.
func (s *server) readRequest(conn *net.UnixConn, requests chan<- *pendingRequest, done <-chan struct{}) {
	defer conn.Close()
	log := s.cfg.Log
	conn.SetReadDeadline(time.Now().Add(requestTimeout))
	var resp protocol.Response
	p := &pendingRequest{reply: make(chan protocol.Response, 1), written: make(chan struct{})}
	defer close(p.written)
	if err := protocol.ReadMessage(conn, &p.req); err != nil {
		log.Warn().Err(err).Msg("bad request")
		resp = protocol.Response{Error: "Bad request: " + err.Error()}
	} else {
		s.waiting.Add(1)
		select {
		case requests <- p:
		case <-done:
			return
		}
		resp = <-p.reply
	}
	conn.SetWriteDeadline(time.Now().Add(requestTimeout))
	if err := protocol.WriteMessage(conn, &resp); err != nil {
		log.Warn().Err(err).Msg("could not answer (the client may have gone)")
	}
}

// answer runs a request and hands its answer to the connection's
// goroutine; it reports whether the request stopped the daemon, and then
// waits for the answer to be written.
func (s *server) answer(p *pendingRequest) (stop bool) {
	s.waiting.Add(-1)
	start, allocated := time.Now(), heap.Allocated()
	resp := s.handle(p.req)
	switch p.req.Command {
	case "check", "run", "recheck":
		s.lastAlloc = heap.Allocated() - allocated
	}
	s.cfg.Log.Info().Str("command", p.req.Command).Dur("took", time.Since(start)).Int("status", resp.Status).
		Str("error", resp.Error).Msg("request")
	p.reply <- resp
	if p.req.Command == "stop" && resp.Error == "" {
		<-p.written
		return true
	}
	return false
}

// warmAfter is how long the daemon waits, idle after a check, before it
// prepares the session for the next edit (Session.Warm): requests that
// come in a burst (a script's rechecks) do not wait for it.
const warmAfter = 300 * time.Millisecond

// handle runs one command. A panic is recovered, logged with its stack and
// answered as an internal error; the warm state is dropped, so the next
// request starts from scratch.
func (s *server) handle(req protocol.Request) (resp protocol.Response) {
	defer func() {
		if v := recover(); v != nil {
			stack := string(debug.Stack())
			s.cfg.Log.Error().Str("command", req.Command).Str("panic", fmt.Sprint(v)).Str("stack", stack).Msg("request crashed")
			s.sess = checker.NewSession()
			s.files = fsys.NewListed()
			s.watch.close()
			s.watch = watcher{}
			s.fromCache, s.warming = false, nil
			resp = protocol.Response{Error: fmt.Sprintf("Daemon crashed!\nINTERNAL ERROR: %v (please report this at typd's issue tracker)\n%s", v, stack)}
		}
	}()
	switch req.Command {
	case "status":
		return s.status(req)
	case "stop":
		// The status file and the socket's folder go before the answer, so
		// that a client told "Daemon stopped" never sees either of them; the
		// open connection outlives its unlinked socket.
		os.Remove(s.cfg.StatusFile)
		os.RemoveAll(s.sockDir)
		return protocol.Response{}
	case "check":
		inv := *s.inv
		inv.Targets = req.Files
		return s.check(&inv, fitWidth(req))
	case "run":
		return s.run(req)
	case "recheck":
		return s.recheck(req)
	case "inspect":
		return s.inspect(req)
	case "suggest":
		return s.suggest(req)
	case "hang":
		time.Sleep(100 * time.Second)
		return protocol.Response{}
	case "crash":
		// A testing aid, as hang is: proves that a crash is contained.
		panic("crash requested")
	case "":
		return protocol.Response{Error: "No command found in request"}
	}
	return protocol.Response{Error: fmt.Sprintf("Unrecognized command '%s'", req.Command)}
}

// status answers status: memory figures, how many paths the watcher
// watches and whether inotify spares it its stats (see notifier), and the
// watcher's dump if asked.
func (s *server) status(req protocol.Request) protocol.Response {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	resp := protocol.Response{Stats: map[string]any{"pid": os.Getpid(), "memory_heap_mb": float64(ms.HeapAlloc) / (1 << 20),
		"memory_sys_mb": float64(ms.Sys) / (1 << 20), "watched_files": len(s.watch.stamps),
		"watcher_inotify": s.watch.notified()}}
	if req.FSWatcherDumpFile != "" {
		if err := s.watch.dump(req.FSWatcherDumpFile); err != nil {
			return protocol.Response{Error: "Cannot write the watcher's dump: " + err.Error()}
		}
	}
	return resp
}

// run checks a command line, unless its options differ from the daemon's
// (or the client is another typd version): then it asks for a restart.
func (s *server) run(req protocol.Request) protocol.Response {
	var stdout, stderr bytes.Buffer
	inv, code := workspace.Parse(workspace.Env{Files: fsys.Disk{}, Stdout: &stdout, Stderr: &stderr, Getenv: s.cfg.Getenv}, req.Args, "typd-daemon")
	if inv == nil {
		return protocol.Response{Out: stdout.String(), Err: stderr.String(), Status: code}
	}
	if optionsSnapshot(inv) != s.options {
		return protocol.Response{Restart: "configuration changed"}
	}
	if req.Version != s.cfg.Version {
		return protocol.Response{Restart: "typd version changed"}
	}
	if pluginsSnapshot(inv) != s.plugins {
		return protocol.Response{Restart: "plugins changed"}
	}
	if inv.NoTargets() {
		return protocol.Response{Err: "typd-daemon: error: Missing target module, package, files, or command.\n", Status: 2}
	}
	return s.check(inv, fitWidth(req))
}

// recheck checks the previous command line again. Without --update and
// --remove, the watcher decides: when no watched file changed, the
// previous answer stands. With them, the named files leave or join the
// sources (a named file that does not exist is left out).
func (s *server) recheck(req protocol.Request) protocol.Response {
	if s.last == nil {
		return protocol.Response{Error: "Command 'recheck' is only valid after a 'check' command"}
	}
	if req.Update == nil && req.Remove == nil {
		start := time.Now()
		now, changed := s.watch.changes()
		if !changed {
			s.watch.set(now)
			resp := s.last.resp
			resp.Stats = map[string]any{"watcher_time": time.Since(start).Seconds(), "analyzed_modules": 0,
				"total_time": time.Since(start).Seconds()}
			return resp
		}
		return s.checkStamped(withoutDeleted(s.last.inv), fitWidth(req), now, start)
	}
	var files []string
	for _, p := range s.last.sources {
		if p != "<string>" && !slices.Contains(req.Remove, p) {
			files = append(files, p)
		}
	}
	for _, p := range req.Update {
		if _, err := os.Stat(p); err == nil && !slices.Contains(files, p) {
			files = append(files, p)
		}
	}
	inv := *s.last.inv
	o := *inv.Options
	o.Modules, o.Packages = nil, nil
	inv.Options, inv.Targets = &o, files
	return s.check(&inv, fitWidth(req))
}

// withoutDeleted leaves out the target files that no longer exist, as dmypy
// drops deleted sources (a module that imported one now reports it
// missing); target folders stay.
func withoutDeleted(inv *workspace.Invocation) *workspace.Invocation {
	var kept []string
	for _, t := range inv.Targets {
		if _, err := os.Stat(t); err == nil {
			kept = append(kept, t)
		}
	}
	if len(kept) == len(inv.Targets) {
		return inv
	}
	out := *inv
	out.Targets = kept
	return &out
}

// fitWidth is the width a request's --pretty output is fitted in: the
// client's terminal's, or none when its output is not a terminal.
func fitWidth(req protocol.Request) int {
	if !req.IsTTY {
		return 0
	}
	return req.TerminalWidth
}

// check runs a check through the session and records it for recheck;
// width is the terminal width --pretty output is fitted in, 0 for none.
func (s *server) check(inv *workspace.Invocation, width int) protocol.Response {
	stampedAt := time.Now()
	return s.checkStamped(inv, width, s.watch.restamp(), stampedAt)
}

// checkStamped is check with the watched paths' stamps taken just before,
// from the time stampedAt on (by the watcher that found a change).
func (s *server) checkStamped(inv *workspace.Invocation, width int, before map[string]fileStamp, stampedAt time.Time) protocol.Response {
	start := time.Now()
	var stdout, stderr bytes.Buffer
	env := workspace.Env{Files: s.files, Stdout: &stdout, Stderr: &stderr, Getenv: s.cfg.Getenv, TerminalWidth: width}
	var out workspace.Outcome
	if s.answersFromCache() {
		// A check through the cache, with a fresh view of the disk (the
		// session is not there to keep one warm).
		env.Files, env.KeepsCache = fsys.NewListed(), true
		out = workspace.Run(env, inv, nil)
		if s.warming == nil {
			s.warming = s.startWarmup(inv)
		}
	} else {
		s.files.NewCheckAt(fileStats(before), stampedAt)
		out = workspace.Run(env, inv, s.sess)
	}
	// The target folders and the search path's folders are watched too: a
	// file added there can change what the check finds.
	var folders []string
	for _, t := range slices.Concat(inv.Targets, filepath.SplitList(s.cfg.Getenv("MYPYPATH")), inv.Options.Values["mypy_path"]) {
		if st, err := os.Stat(t); err == nil && st.IsDir() {
			folders = append(folders, t)
		}
	}
	s.watch.set(extend(before, out.Files, folders))
	resp := protocol.Response{Out: stdout.String(), Err: stderr.String(), Status: out.Code,
		Stats: map[string]any{"total_time": time.Since(start).Seconds(), "analyzed_modules": out.Analyzed,
			"checked_files": len(out.Sources), "watched_files": len(s.watch.stamps)}}
	if v := inv.Options.PythonVersion; v != [2]int{} {
		resp.PythonVersion = fmt.Sprintf("%d.%d", v[0], v[1])
	}
	resp.Platform = inv.Options.Platform
	s.last = &lastCheck{inv: inv, sources: out.Sources, resp: resp}
	return resp
}

// warmup is the build of a daemon's session in the background, by a check
// of the first check's command line; done is closed when it ends.
type warmup struct {
	done  chan struct{}
	sess  *checker.Session
	files *fsys.Listed
}

// startWarmup builds a new session in the background by checking a
// command line (its output is dropped).
func (s *server) startWarmup(inv *workspace.Invocation) *warmup {
	w := &warmup{done: make(chan struct{}), sess: checker.NewSession(), files: fsys.NewListed()}
	log := s.cfg.Log
	go func() {
		defer close(w.done)
		defer func() {
			if v := recover(); v != nil {
				log.Error().Str("panic", fmt.Sprint(v)).Str("stack", string(debug.Stack())).Msg("building the session crashed")
				w.sess, w.files = checker.NewSession(), fsys.NewListed()
			}
		}()
		start := time.Now()
		// The cache lends its parses (decoded many times faster than
		// parsed); the session is the daemon's as any other.
		env := workspace.Env{Files: w.files, Stdout: io.Discard, Stderr: io.Discard, Getenv: s.cfg.Getenv, KeepsCache: true}
		workspace.Run(env, inv, w.sess)
		log.Info().Dur("took", time.Since(start)).Msg("session built after the first check from the cache")
	}()
	return w
}

// answersFromCache reports whether a check is answered from the cache: in
// a daemon started from a cache, before its session is built. A built
// session is adopted here.
func (s *server) answersFromCache() bool {
	if !s.fromCache {
		return false
	}
	if s.warming == nil {
		return true
	}
	select {
	case <-s.warming.done:
		s.adoptWarmup()
		return false
	default:
		return true
	}
}

// adoptWarmup waits for the session's build and makes its session the
// daemon's.
func (s *server) adoptWarmup() {
	<-s.warming.done
	s.sess, s.files = s.warming.sess, s.warming.files
	s.fromCache, s.warming = false, nil
}

// sessionForQueries readies the session that inspect and suggest read: in
// a daemon started from a cache, it waits for the session's build, and
// checks the latest command line again on it (its files may have changed
// since the build read them).
func (s *server) sessionForQueries() {
	if s.warming == nil {
		return
	}
	s.adoptWarmup()
	s.check(s.last.inv, 0)
}

// optionsSnapshot is what a run's options must share with the daemon's:
// every option but the targets, and the configuration file's text.
func optionsSnapshot(inv *workspace.Invocation) string {
	o := *inv.Options
	o.Modules, o.Packages, o.Program, o.HasProgram = nil, nil, "", false
	// --export-types only asks to keep types, which typd does anyway.
	if _, ok := o.Bools["export_types"]; ok {
		o.Bools = maps.Clone(o.Bools)
		delete(o.Bools, "export_types")
	}
	body, _ := json.Marshal(struct {
		Options    any
		ConfigText string
	}{o, inv.ConfigText})
	return string(body)
}

// pluginsSnapshot names the mypy plugins the configuration lists, with a
// hash of each plugin file's content (a path is relative to the
// configuration file's folder). typd runs no plugin, but a daemon restarts
// when they change, as dmypy does, since mypy's verdicts depend on them.
func pluginsSnapshot(inv *workspace.Invocation) string {
	var b strings.Builder
	for _, p := range inv.Options.Values["plugins"] {
		fmt.Fprintf(&b, "%s=", p)
		if strings.HasSuffix(p, ".py") || strings.ContainsRune(p, filepath.Separator) {
			path := p
			if !filepath.IsAbs(path) {
				path = filepath.Join(filepath.Dir(inv.ConfigFile), p)
			}
			if text, err := os.ReadFile(path); err == nil {
				fmt.Fprintf(&b, "%x", sha256.Sum256(text))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// suggest answers `suggest FUNCTION` over the latest check's program.
func (s *server) suggest(req protocol.Request) protocol.Response {
	const noCheck = "Command 'suggest' is only valid after a 'check' command (that produces no parse errors)"
	if s.last == nil || req.Suggest == nil {
		return protocol.Response{Error: noCheck}
	}
	s.sessionForQueries()
	snap, err := s.sess.Snapshot()
	if err != nil {
		return protocol.Response{Error: noCheck}
	}
	q := req.Suggest
	out, err := suggest.Run(snap, q.Function, suggest.Options{JSON: q.JSON, Callsites: q.Callsites, NoAny: q.NoAny,
		FlexAny: q.FlexAny, UseFixme: q.UseFixme, NoErrors: q.NoErrors, MaxGuesses: q.MaxGuesses})
	if err != nil {
		return protocol.Response{Error: err.Error()}
	}
	if out == "" {
		out = "No suggestions"
	}
	return protocol.Response{Out: out + "\n"}
}

// inspect answers `inspect LOCATION` over the latest check's program.
func (s *server) inspect(req protocol.Request) protocol.Response {
	const noCheck = `Command "inspect" is only valid after a "check" command (that produces no parse errors)`
	if s.last == nil || req.Inspect == nil {
		return protocol.Response{Error: noCheck}
	}
	q := req.Inspect
	s.sessionForQueries()
	if q.ForceReload {
		// As dmypy's --force-reload: check again (the files as they are
		// now) before inspecting.
		s.check(s.last.inv, 0)
	}
	snap, err := s.sess.Snapshot()
	if err != nil {
		return protocol.Response{Error: noCheck}
	}
	ans, err := inspect.Query(snap, q.Location, inspect.Options{Show: q.Show, Verbosity: q.Verbosity, Limit: q.Limit,
		IncludeSpan: q.IncludeSpan, IncludeKind: q.IncludeKind, IncludeObjectAttrs: q.IncludeObjectAttrs,
		UnionAttrs: q.UnionAttrs, ForceReload: q.ForceReload})
	if err != nil {
		return protocol.Response{Error: err.Error()}
	}
	return protocol.Response{Out: ans.Out, Status: ans.Status}
}
