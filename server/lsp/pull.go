package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

// Diagnostic answers a pull for a document's diagnostics (LSP 3.17): those
// of the check of every edit before the request, the same the server
// pushes.
func (s *server) Diagnostic(ctx context.Context, params *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	path, err := s.documentPath(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	if _, _, err := s.checks.await(ctx); err != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	items := s.checks.diagnosticsOf(path)
	if items == nil {
		items = []protocol.Diagnostic{}
	}
	return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
		Kind: "full", Items: items}}, nil
}

// DidChangeWatchedFiles checks again: files changed on disk (a checkout,
// another editor).
func (s *server) DidChangeWatchedFiles(ctx context.Context, params *protocol.DidChangeWatchedFilesParams) error {
	s.checks.schedule()
	return nil
}

// watchFiles asks the client to report changes to the workspace's Python
// files and mypy configuration files, when it can register watchers.
func (s *server) watchFiles(caps protocol.ClientCapabilities) {
	if caps.Workspace == nil || caps.Workspace.DidChangeWatchedFiles == nil ||
		caps.Workspace.DidChangeWatchedFiles.DynamicRegistration == nil || !*caps.Workspace.DidChangeWatchedFiles.DynamicRegistration {
		return
	}
	var watchers []protocol.FileSystemWatcher
	for _, glob := range []string{"**/*.py", "**/*.pyi", "**/mypy.ini", "**/.mypy.ini", "**/pyproject.toml", "**/setup.cfg"} {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(glob)})
	}
	opts, err := protocol.Marshal(protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err != nil {
		s.log.Warn().Err(err).Msg("watchers")
		return
	}
	go func() {
		err := s.client.RegisterCapability(context.Background(), &protocol.RegistrationParams{Registrations: []protocol.Registration{
			{ID: "typd-watched-files", Method: "workspace/didChangeWatchedFiles", RegisterOptions: opts}}})
		if err != nil {
			s.log.Warn().Err(err).Msg("the client refused the file watchers")
		}
	}()
}
