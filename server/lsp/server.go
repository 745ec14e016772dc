// Package lsp is typd's language server: `typd lsp` speaks the Language
// Server Protocol over stdio to an editor. It keeps the workspace checked
// through one checker.Session, with the editor's open buffers laid over the
// disk; each edit starts a new check (cancelling the one under way), whose
// diagnostics it publishes for every file of the program, exactly as
// `typd check` run in the workspace root prints them (DESIGN.md invariant
// 3). Hover and go-to-definition answer from the snapshot of the latest
// check with the inspect package, as dmypy's inspect does.
//
// Notifications are handled in the order they arrive; requests run
// concurrently with later messages, can be cancelled, and wait for the
// check of every edit that came before them.
package lsp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"

	"github.com/rs/zerolog"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"typd/checker/fsys"
)

// Config is what the server needs besides its stream.
type Config struct {
	// Args are mypy flags added to the workspace's configuration file.
	Args []string
	// Disk is the file system under the open documents.
	Disk fsys.FS
	// Getenv reads environment variables (MYPYPATH).
	Getenv func(string) string
	// Log receives the server's log; never the protocol's stream.
	Log zerolog.Logger
}

// ErrExitWithoutShutdown is Serve's error when the client sent exit
// without shutdown first (LSP: the server then exits with code 1).
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Serve answers one client on rw until it sends exit or closes the
// stream.
func Serve(ctx context.Context, rw io.ReadWriteCloser, cfg Config) error {
	conn := jsonrpc2.NewConn(tolerant{jsonrpc2.NewStream(rw)}, jsonrpc2.WithCodec(codec{}))
	s := newServer(cfg, protocol.ClientDispatcher(conn))
	inner := protocol.ServerHandler(s, jsonrpc2.MethodNotFoundHandler)
	conn.Go(ctx, protocol.CancelHandler(func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.IsCall() {
			// Requests run beside later messages; notifications stay
			// inline, so edits apply in the order they were sent.
			jsonrpc2.Async(ctx)
		}
		return s.dispatch(ctx, req, inner)
	}))
	select {
	case <-conn.Done():
	case <-s.exit:
	case <-ctx.Done():
	}
	// The connection's reader may be blocked on the client's stream, which
	// only the client (or the end of the process) closes.
	rw.Close()
	s.stopChecks()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != exited || !s.shutdown {
		if s.state == exited {
			return ErrExitWithoutShutdown
		}
		return errors.New("the client closed the stream without exit")
	}
	return nil
}

// tolerant is a message stream that survives a frame whose body is not a
// JSON-RPC message: it answers that frame with a parse error (as JSON-RPC
// says, with a null id) and reads on, where jsonrpc2 would end the
// connection. A broken frame header still ends it: the framing is lost.
type tolerant struct{ jsonrpc2.Stream }

// frameReader is the header stream's frame-level read.
type frameReader interface {
	ReadFrame(ctx context.Context) ([]byte, int64, error)
}

func (t tolerant) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	frames, ok := t.Stream.(frameReader)
	if !ok {
		return t.Stream.Read(ctx)
	}
	for {
		body, n, err := frames.ReadFrame(ctx)
		if err != nil {
			return nil, 0, err
		}
		msg, err := jsonrpc2.DecodeMessage(body)
		if err == nil {
			return msg, n, nil
		}
		parseErr := jsonrpc2.NewError(jsonrpc2.ParseError, "not a JSON-RPC message: "+err.Error())
		if _, err := t.Stream.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, parseErr)); err != nil {
			return nil, 0, err
		}
	}
}

// codec is protocol's union-aware codec (unexported there): raw messages
// pass through, everything else goes through protocol.Marshal/Unmarshal.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case *jsonrpc2.RawMessage:
		if m == nil || *m == nil {
			return []byte("null"), nil
		}
		return *m, nil
	}
	return protocol.Marshal(v)
}

func (codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	return protocol.Unmarshal(data, v)
}

// lifecycle is where the server is in LSP's lifecycle.
type lifecycle int

const (
	starting lifecycle = iota // before initialize
	running                   // after initialize
	exited                    // after exit
)

// server is the state of one client's session.
type server struct {
	protocol.UnimplementedServer
	cfg    Config
	client protocol.Client
	log    zerolog.Logger

	mu       sync.Mutex
	state    lifecycle
	shutdown bool
	// root is the workspace folder (absolute); the check runs there.
	root string
	// args are the mypy flags: Config.Args, then initializationOptions'.
	args []string
	// docs are the open documents, by path relative to root.
	docs map[string]*document
	// checks schedules and runs the checks.
	checks *checks
	// exit is closed by the exit notification.
	exit chan struct{}
	// caps are the client's capabilities.
	caps protocol.ClientCapabilities
	// running is closed when initialize has made the server running.
	running chan struct{}
}

func newServer(cfg Config, client protocol.Client) *server {
	s := &server{cfg: cfg, client: client, log: cfg.Log, docs: map[string]*document{}, exit: make(chan struct{}),
		running: make(chan struct{})}
	s.checks = newChecks(s)
	return s
}

// dispatch enforces the lifecycle around the protocol's handlers and turns
// a handler's panic (a bug in typd) into an internal error answer.
func (s *server) dispatch(ctx context.Context, req *jsonrpc2.Request, inner jsonrpc2.Handler) (result any, err error) {
	method := req.Method()
	s.mu.Lock()
	state, shutdown := s.state, s.shutdown
	s.mu.Unlock()
	switch {
	case method == protocol.MethodExit:
	case state == starting && method != protocol.MethodInitialize:
		if !req.IsCall() {
			if method == protocol.MethodInitialized {
				// initialize, which runs beside later messages, may not
				// have made the server running yet: start the first check
				// once it has.
				go s.initializedLater()
			}
			return nil, nil // LSP: notifications before initialize are dropped
		}
		return nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "the server is not initialized")
	case state == running && method == protocol.MethodInitialize:
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received")
	case shutdown && req.IsCall():
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shut down")
	case shutdown:
		return nil, nil
	}
	defer func() {
		if v := recover(); v != nil {
			s.log.Error().Str("method", method).Interface("panic", v).Str("stack", string(debug.Stack())).Msg("handler panicked")
			result, err = nil, nil
			if req.IsCall() {
				err = jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprintf("internal error in typd: %v", v))
			}
		}
	}()
	result, err = inner(ctx, req)
	if req.IsCall() && errors.Is(err, context.Canceled) {
		err = protocol.ErrRequestCancelled
	}
	if err != nil && !req.IsCall() {
		// An error from a notification would end the connection: log it.
		s.log.Warn().Str("method", method).Err(err).Msg("notification failed")
		return nil, nil
	}
	return result, err
}

// Initialize records the workspace root and the flags, and tells the
// client what the server answers.
func (s *server) Initialize(ctx context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	root, err := workspaceRoot(params)
	if err != nil {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
	}
	args, err := initializationArgs(params.InitializationOptions)
	if err != nil {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
	}
	s.mu.Lock()
	if s.state == starting {
		close(s.running) // (two initialize requests may race: close once)
	}
	s.state, s.root, s.args = running, root, append(append([]string(nil), s.cfg.Args...), args...)
	s.caps = params.Capabilities
	s.mu.Unlock()
	s.log.Info().Str("root", root).Strs("args", args).Msg("initialize")
	incremental, yes := protocol.TextDocumentSyncKindIncremental, true
	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding: protocol.PositionEncodingKindUTF16,
			TextDocumentSync: &protocol.TextDocumentSyncOptions{OpenClose: &yes, Change: &incremental,
				Save: &protocol.SaveOptions{}},
			HoverProvider:             protocol.Boolean(true),
			DefinitionProvider:        protocol.Boolean(true),
			ReferencesProvider:        protocol.Boolean(true),
			DocumentHighlightProvider: protocol.Boolean(true),
			CompletionProvider:        &protocol.CompletionOptions{TriggerCharacters: []string{"."}},
			SignatureHelpProvider:     &protocol.SignatureHelpOptions{TriggerCharacters: []string{"(", ","}},
			CodeActionProvider: &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{
				protocol.CodeActionKindQuickFix, protocol.CodeActionKindRefactorRewrite}},
			DocumentSymbolProvider:  protocol.Boolean(true),
			WorkspaceSymbolProvider: protocol.Boolean(true),
			InlayHintProvider:       protocol.Boolean(true),
			DiagnosticProvider:      &protocol.DiagnosticOptions{InterFileDependencies: true},
		},
		ServerInfo: protocol.ServerInfo{Name: "typd", Version: protocol.NewOptional(Version)},
	}, nil
}

// Version is the version the server reports; cmd/typd sets it.
var Version = "dev"

// Initialized starts the first check of the workspace, and asks the
// client to report changes to the files on disk.
func (s *server) Initialized(ctx context.Context, params *protocol.InitializedParams) error {
	s.mu.Lock()
	caps := s.caps
	s.mu.Unlock()
	s.watchFiles(caps)
	s.checks.schedule()
	go func() {
		end := s.progress(caps)
		s.checks.await(context.Background())
		end()
	}()
	return nil
}

// initializedLater handles an initialized notification that came while
// initialize was still being answered, once it has been (or not at all
// when the session exits first).
func (s *server) initializedLater() {
	select {
	case <-s.running:
		s.Initialized(context.Background(), &protocol.InitializedParams{})
	case <-s.exit:
	}
}

// Shutdown stops the checks; the server answers nothing more but exit.
func (s *server) Shutdown(ctx context.Context) error {
	s.stopChecks()
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	return nil
}

// Exit ends the session: Serve returns.
func (s *server) Exit(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != exited {
		s.state = exited
		close(s.exit)
	}
	return nil
}

func (s *server) stopChecks() { s.checks.stop() }
