package lsp

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"typd/checker"
	"typd/inspect"
)

// Completion lists what may come at the position: after a dot, the
// attributes of the expression before it; elsewhere, the names in scope
// and the keywords. While the document does not parse (the user is in
// the middle of typing), the answers come from the latest check that
// parsed, where the same expression is found by its text.
func (s *server) Completion(ctx context.Context, params *protocol.CompletionParams) (protocol.CompletionResult, error) {
	before, snap, ins, err := s.typing(ctx, params.TextDocument.URI, params.Position)
	if ins == nil {
		return nil, err
	}
	prefix := identifierSuffix(before)
	rest := strings.TrimRight(before[:len(before)-len(prefix)], " \t")
	var cands []inspect.Candidate
	switch {
	case fromImport.MatchString(before):
		module := fromImport.FindStringSubmatch(before)[1]
		snap.Exclusive(func(checker.Reader) { cands = inspect.ModuleMembers(ins, module) })
	case importing(before):
		// `import a.b` or `from a.b`: the modules below what is typed.
		dotted := before[strings.LastIndexAny(before, " ,")+1:]
		parent := ""
		if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
			parent = dotted[:i+1]
		}
		seen := map[string]bool{}
		for _, name := range snap.ModuleNames() {
			next, ok := strings.CutPrefix(name, parent)
			if !ok || next == "" {
				continue
			}
			next, _, _ = strings.Cut(next, ".")
			if !seen[next] {
				seen[next] = true
				cands = append(cands, inspect.Candidate{Name: next, Kind: inspect.Module})
			}
		}
	case strings.HasSuffix(rest, "."):
		receiver := receiverBefore(rest[:len(rest)-1])
		if receiver == "" {
			return protocol.CompletionItemSlice{}, nil
		}
		snap.Exclusive(func(checker.Reader) { cands, _ = inspect.Attributes(ins, receiver, int(params.Position.Line)+1) })
	default:
		snap.Exclusive(func(checker.Reader) { cands = inspect.Names(ins, int(params.Position.Line)+1, len(before)) })
	}
	items := make(protocol.CompletionItemSlice, 0, len(cands))
	for i, c := range cands {
		if !strings.HasPrefix(c.Name, prefix) && !strings.HasPrefix(strings.ToLower(c.Name), strings.ToLower(prefix)) {
			continue
		}
		item := protocol.CompletionItem{Label: c.Name, Kind: completionKinds[c.Kind],
			SortText: protocol.NewOptional(fmt.Sprintf("%05d", i))}
		if c.Detail != "" {
			item.Detail = protocol.NewOptional(c.Detail)
		}
		items = append(items, item)
	}
	return items, nil
}

// typing is what completion and signature help start from: the current
// line of the document up to the position, and the latest snapshot and the
// document's inspection there (of its last text that parsed, while it does
// not parse). ins is nil when there is nothing to answer; err is set for a
// malformed request or a cancelled one.
func (s *server) typing(ctx context.Context, u uri.URI, p protocol.Position) (before string, snap *checker.Snapshot, ins *checker.Inspection, err error) {
	path, err := s.documentPath(u)
	if err != nil {
		return "", nil, nil, err
	}
	text, err := s.text(path)
	if err != nil {
		return "", nil, nil, nil
	}
	line, ok := lineText(text, lineStarts(text), int(p.Line))
	if !ok {
		return "", nil, nil, invalidPosition(p, path)
	}
	before = string(line[:byteColumn(line, int(p.Character))])
	if snap = s.checks.latestGood(ctx); snap == nil {
		return "", nil, nil, ctx.Err()
	}
	ins, err = snap.Inspect(path)
	if err != nil && !errors.Is(err, checker.ErrStale) {
		return "", nil, nil, nil // not a module of the program
	}
	return before, snap, ins, nil
}

var completionKinds = map[inspect.CandidateKind]protocol.CompletionItemKind{
	inspect.Variable: protocol.CompletionItemKindVariable, inspect.Function: protocol.CompletionItemKindFunction,
	inspect.Method: protocol.CompletionItemKindMethod, inspect.Property: protocol.CompletionItemKindProperty,
	inspect.Class: protocol.CompletionItemKindClass, inspect.Module: protocol.CompletionItemKindModule,
	inspect.Keyword: protocol.CompletionItemKindKeyword,
}

// text is a document's current text: the open buffer's, else the disk's.
func (s *server) text(path string) ([]byte, error) {
	s.mu.Lock()
	d, open := s.docs[path]
	root := s.root
	s.mu.Unlock()
	if open {
		return d.text, nil
	}
	return (&rootedFS{root: root, disk: s.cfg.Disk}).ReadFile(path)
}

// identifierSuffix is the identifier the text ends with ("" if none).
func identifierSuffix(s string) string {
	i := len(s)
	for i > 0 && isIdentByte(s[i-1]) {
		i--
	}
	return s[i:]
}

// receiverBefore is the expression the text ends with, for the attribute
// after it: names, dots, and bracketed parts (`self.items[0]`,
// `f(x).y`); "" when the text does not end with one (a number, an
// operator).
func receiverBefore(s string) string {
	s = strings.TrimRight(s, " \t")
	i, depth := len(s), 0
	for i > 0 {
		b := s[i-1]
		switch {
		case b == ')' || b == ']':
			depth++
		case b == '(' || b == '[':
			if depth == 0 {
				return strings.TrimSpace(s[i:])
			}
			depth--
		case depth > 0 || isIdentByte(b) || b == '.':
		default:
			return strings.TrimSpace(s[i:])
		}
		i--
	}
	out := strings.TrimSpace(s[i:])
	if out == "" || out[0] >= '0' && out[0] <= '9' || strings.HasPrefix(out, ".") {
		return ""
	}
	return out
}

// fromImport matches a line up to the cursor that names the members of
// a module (`from a.b import c, d`); group 1 is the module.
var fromImport = regexp.MustCompile(`^\s*from\s+([\w.]+)\s+import\s+\(?[\w\s,]*$`)

// importing reports a line up to the cursor that names modules (`import
// a.b`, `from a.b`).
func importing(before string) bool {
	t := strings.TrimLeft(before, " \t")
	return strings.HasPrefix(t, "import ") || strings.HasPrefix(t, "from ") && !strings.Contains(t, " import ")
}

// SignatureHelp shows the signatures of the call whose arguments the
// cursor is in, with the argument being typed: the callee is the
// expression before the call's unclosed `(`, found as completion finds the
// expression before a dot, and the argument is counted by the commas at
// the call's own depth.
func (s *server) SignatureHelp(ctx context.Context, params *protocol.SignatureHelpParams) (*protocol.SignatureHelp, error) {
	before, snap, ins, err := s.typing(ctx, params.TextDocument.URI, params.Position)
	if ins == nil {
		return nil, err
	}
	callee, argument := openCall(before)
	if callee == "" {
		return nil, nil
	}
	var sigs []inspect.Signature
	snap.Exclusive(func(checker.Reader) { sigs = inspect.Signatures(ins, callee, int(params.Position.Line)+1) })
	if len(sigs) == 0 {
		return nil, nil
	}
	help := &protocol.SignatureHelp{}
	for _, sig := range sigs {
		info := protocol.SignatureInformation{Label: sig.Label}
		for _, p := range sig.Params {
			info.Parameters = append(info.Parameters, protocol.ParameterInformation{Label: protocol.ParameterInformationLabelTuple{
				uint32(utf16Column([]byte(sig.Label), p[0])), uint32(utf16Column([]byte(sig.Label), p[1]))}})
		}
		if argument < len(sig.Params) {
			info.ActiveParameter = protocol.NewNullable(uint32(argument))
		}
		help.Signatures = append(help.Signatures, info)
	}
	return help, nil
}

// openCall finds the call whose parentheses the text (a line up to the
// cursor) leaves open: the callee's text and the number of commas at the
// call's own depth before the cursor.
func openCall(before string) (callee string, argument int) {
	depth := 0
	for i := len(before) - 1; i >= 0; i-- {
		switch before[i] {
		case ')', ']', '}':
			depth++
		case '[', '{':
			depth--
		case '(':
			if depth == 0 {
				return receiverBefore(before[:i]), argument
			}
			depth--
		case ',':
			if depth == 0 {
				argument++
			}
		}
	}
	return "", 0
}
