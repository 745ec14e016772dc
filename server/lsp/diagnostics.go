package lsp

import (
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"typd/checker/diag"
)

// mypyCodes is where mypy documents its error codes; a diagnostic's
// codeDescription links to its code there.
const mypyCodes = "https://mypy.readthedocs.io/en/stable/error_code_list.html"

// diagnosticsByFile turns a check's diagnostics into LSP's, by file (the
// path relative to the root). A note that follows an error on the same line
// (mypy's explanations) becomes related information of that error; other
// notes stand alone, as information.
func diagnosticsByFile(files *rootedFS, ds []diag.Diagnostic) map[string][]protocol.Diagnostic {
	out := map[string][]protocol.Diagnostic{}
	// texts are the files' texts and line starts, found once per file.
	type lines struct {
		text   []byte
		starts []int
	}
	texts := map[string]lines{}
	// last is the index of the latest error in out[lastPath], -1 after a
	// diagnostic of another kind.
	last, lastPath, lastLine := -1, "", 0
	for _, d := range ds {
		path := files.rel(d.File)
		if path == "" {
			continue // outside the workspace
		}
		f, ok := texts[path]
		if !ok {
			f.text, _ = files.ReadFile(d.File)
			f.starts = lineStarts(f.text)
			texts[path] = f
		}
		rng := diagnosticRange(f.text, f.starts, d)
		if d.Severity == diag.Note && last >= 0 && path == lastPath && d.Line == lastLine {
			e := &out[path][last]
			e.RelatedInformation = append(e.RelatedInformation, protocol.DiagnosticRelatedInformation{
				Location: protocol.Location{URI: uri.File(files.abs(d.File)), Range: rng}, Message: d.Message})
			continue
		}
		pd := protocol.Diagnostic{Range: rng, Severity: severity(d.Severity), Source: protocol.NewOptional("typd"),
			Message: protocol.String(d.Message)}
		if d.Code != "" {
			pd.Code = protocol.String(d.Code)
			pd.CodeDescription = protocol.CodeDescription{Href: uri.URI(mypyCodes + "#code-" + d.Code)}
		}
		out[path] = append(out[path], pd)
		last = -1
		if d.Severity == diag.Error {
			last, lastPath, lastLine = len(out[path])-1, path, d.Line
		}
	}
	return out
}

func severity(s diag.Severity) protocol.DiagnosticSeverity {
	switch s {
	case diag.Error:
		return protocol.DiagnosticSeverityError
	case diag.Warning:
		return protocol.DiagnosticSeverityWarning
	}
	return protocol.DiagnosticSeverityInformation
}

// diagnosticRange is the range of a diagnostic in its file's text (whose
// lines start at starts): its
// span when the check gave one, else the line from its column (or from
// the line's first non-blank) to the line's end. A diagnostic of the
// whole file (no line) is at the file's start.
func diagnosticRange(text []byte, starts []int, d diag.Diagnostic) protocol.Range {
	if d.Line <= 0 {
		return protocol.Range{}
	}
	line, _ := lineText(text, starts, d.Line-1)
	startCol := d.Col
	if startCol < 0 {
		startCol = len(line) - len(trimLeftBlanks(line))
	}
	start := protocol.Position{Line: uint32(d.Line - 1), Character: uint32(utf16Column(line, startCol))}
	end := protocol.Position{Line: start.Line, Character: uint32(utf16Column(line, len(line)))}
	if d.EndLine > 0 && d.Col >= 0 && (d.EndLine > d.Line || d.EndCol > d.Col) {
		endLine, _ := lineText(text, starts, d.EndLine-1)
		end = protocol.Position{Line: uint32(d.EndLine - 1), Character: uint32(utf16Column(endLine, d.EndCol))}
	}
	if end.Line == start.Line && end.Character < start.Character {
		end.Character = start.Character
	}
	return protocol.Range{Start: start, End: end}
}

func trimLeftBlanks(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}
