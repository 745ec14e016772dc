package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// DidChangeConfiguration takes new mypy flags: settings {"typd": {"args":
// [...]}} (or {"args": [...]}) replace those of initializationOptions, and
// the workspace is checked again.
func (s *server) DidChangeConfiguration(ctx context.Context, params *protocol.DidChangeConfigurationParams) error {
	var settings struct {
		Typd *struct {
			Args []string `json:"args"`
		} `json:"typd"`
		Args []string `json:"args"`
	}
	if len(params.Settings) > 0 && string(params.Settings) != "null" {
		if err := json.Unmarshal(params.Settings, &settings); err != nil {
			return fmt.Errorf("didChangeConfiguration: %v (want {\"typd\": {\"args\": [mypy flags]}})", err)
		}
	}
	args := settings.Args
	if settings.Typd != nil {
		args = settings.Typd.Args
	}
	s.mu.Lock()
	s.args = append(append([]string(nil), s.cfg.Args...), args...)
	s.mu.Unlock()
	s.checks.schedule()
	return nil
}

// Symbols finds the classes, functions, methods and module variables of
// the workspace's files whose names contain the query (ignoring case), as
// the latest check parsed them.
func (s *server) Symbols(ctx context.Context, params *protocol.WorkspaceSymbolParams) (protocol.WorkspaceSymbolResult, error) {
	snap, _, err := s.checks.await(ctx)
	if err != nil {
		return protocol.WorkspaceSymbolSlice{}, nil
	}
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	query := strings.ToLower(params.Query)
	out := protocol.WorkspaceSymbolSlice{}
	for _, f := range snap.Files() {
		abs := f.Path
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(root, abs)
		}
		var walk func(syms []protocol.DocumentSymbol, container string)
		walk = func(syms []protocol.DocumentSymbol, container string) {
			for _, sym := range syms {
				if strings.Contains(strings.ToLower(sym.Name), query) {
					ws := protocol.WorkspaceSymbol{Location: &protocol.Location{URI: uri.File(abs), Range: sym.SelectionRange}}
					ws.Name, ws.Kind = sym.Name, sym.Kind
					if container != "" {
						ws.ContainerName = &container
					}
					out = append(out, ws)
				}
				walk(sym.Children, sym.Name)
			}
		}
		walk(outline(f.Text, f.Module.Body, false), "")
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return out, nil
}

// progress reports the first check of the workspace as work done, when
// the client shows such progress; the returned function ends it.
func (s *server) progress(caps protocol.ClientCapabilities) func() {
	if caps.Window == nil || caps.Window.WorkDoneProgress == nil || !*caps.Window.WorkDoneProgress {
		return func() {}
	}
	token := protocol.String("typd-first-check")
	if err := s.client.WorkDoneProgressCreate(context.Background(), &protocol.WorkDoneProgressCreateParams{Token: token}); err != nil {
		s.log.Warn().Err(err).Msg("the client refused a progress token")
		return func() {}
	}
	report := func(v any) {
		value, err := protocol.Marshal(v)
		if err == nil {
			err = s.client.Progress(context.Background(), &protocol.ProgressParams{Token: token, Value: value})
		}
		if err != nil {
			s.log.Warn().Err(err).Msg("progress")
		}
	}
	report(protocol.WorkDoneProgressBegin{Kind: "begin", Title: "typd: checking the workspace"})
	return func() { report(protocol.WorkDoneProgressEnd{Kind: "end"}) }
}
