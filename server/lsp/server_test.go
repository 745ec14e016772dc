package lsp_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"typd/checker/fsys"
	"typd/checker/typeshed"
	"typd/server/lsp"
)

// workspaceFiles is the project the tests open.
var workspaceFiles = map[string]string{
	"mypy.ini": "[mypy]\npython_version = 3.12\nno_site_packages = True\n",
	"helper.py": `def double(n: int) -> int:
    return n * 2

LIMIT: int = 10
`,
	"util.py": `def scale(value, factor=2):
    return value * factor

print(scale(3))
`,
	"main.py": `import helper

total = helper.double(helper.LIMIT)
label: str = total
`,
}

// newWorkspace writes the test workspace's files into a fresh folder
// (the stubs must be provisioned) and returns it; the servers' caches go
// to a fresh folder too.
func newWorkspace(t *testing.T) string {
	t.Helper()
	if _, ok := typeshed.Embedded(); !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	root := t.TempDir()
	writeFiles(t, root, workspaceFiles)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	return root
}

// TestServerSession drives the server as an editor would, over the wire:
// the lifecycle, diagnostics after each kind of edit (each compared with
// what typd check prints for the same files), hover, definition, and bad
// input.
func TestServerSession(t *testing.T) {
	root := newWorkspace(t)
	c := startServer(t)
	mainURI := fileURI(filepath.Join(root, "main.py"))

	// Before initialize: requests are refused with ServerNotInitialized.
	if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != -32002 {
		t.Errorf("hover before initialize: %+v", m)
	}
	init := c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(root), "capabilities": map[string]any{
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}},
		"window":    map[string]any{"workDoneProgress": true}}})
	if init.Error != nil || !strings.Contains(string(init.Result), `"hoverProvider":true`) ||
		!strings.Contains(string(init.Result), `"definitionProvider":true`) {
		t.Fatalf("initialize: %+v %s", init.Error, init.Result)
	}
	c.notify("initialized", map[string]any{})

	// The first check: the workspace as typd check sees it.
	got, _ := c.diagnosticsOf(root, "main.py")
	want := typdCheck(t, root, nil)
	if !strings.Contains(want, "[assignment]") {
		t.Fatalf("typd check found no error in the workspace: %q", want)
	}
	if strings.TrimSpace(got) != want {
		t.Errorf("first diagnostics:\n%s\ntypd check:\n%s", got, want)
	}

	// Open main.py with an unsaved change: a signature-level error.
	edited := strings.Replace(workspaceFiles["main.py"], "helper.LIMIT)", "'ten')", 1)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": mainURI, "languageId": "python",
		"version": 1, "text": edited}})
	got, version := c.diagnosticsOf(root, "main.py")
	want = typdCheck(t, root, map[string]string{"main.py": edited})
	if !strings.Contains(want, "[arg-type]") {
		t.Fatalf("typd check found no argument error in the edit: %q", want)
	}
	if strings.TrimSpace(got) != want || version == nil || *version != 1 {
		t.Errorf("after didOpen (version %v):\n%s\ntypd check:\n%s", version, got, want)
	}

	// An incremental change fixes both errors: the diagnostics clear.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 2},
		"contentChanges": []any{
			map[string]any{"range": rng(2, 22, 2, 27), "text": "helper.LIMIT"},
			map[string]any{"range": rng(3, 7, 3, 10), "text": "int"},
		}})
	if got, version = c.diagnosticsOf(root, "main.py"); got != "" || version == nil || *version != 2 {
		t.Errorf("after the fix (version %v): %q", version, got)
	}

	// A syntax error, then its fix.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 3},
		"contentChanges": []any{map[string]any{"range": rng(3, 0, 3, 0), "text": "x = (\n"}}})
	got, _ = c.diagnosticsOf(root, "main.py")
	if !strings.Contains(got, "error:") || !strings.Contains(got, "[syntax]") {
		t.Errorf("a syntax error gave %q", got)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 4},
		"contentChanges": []any{map[string]any{"range": rng(3, 0, 4, 0), "text": ""}}})
	if got, _ = c.diagnosticsOf(root, "main.py"); got != "" {
		t.Errorf("after the syntax error's fix: %q", got)
	}

	// Hover and definition, on the text as edited.
	hover := c.call("textDocument/hover", position(mainURI, 2, 3))
	if !strings.Contains(string(hover.Result), "total: int") {
		t.Errorf("hover on total: %+v %s", hover.Error, hover.Result)
	}
	def := c.call("textDocument/definition", position(mainURI, 2, 17))
	var locs []struct {
		URI   string `json:"uri"`
		Range struct {
			Start struct{ Line, Character int } `json:"start"`
		} `json:"range"`
	}
	json.Unmarshal(def.Result, &locs)
	if len(locs) != 1 || locs[0].URI != fileURI(filepath.Join(root, "helper.py")) || locs[0].Range.Start.Line != 0 ||
		locs[0].Range.Start.Character != 4 {
		t.Errorf("definition of helper.double: %+v %s", def.Error, def.Result)
	}

	// References and highlights of the variable total: its definition
	// (when asked for) and its read.
	refs := c.call("textDocument/references", map[string]any{"textDocument": map[string]any{"uri": mainURI},
		"position": map[string]any{"line": 3, "character": 14}, "context": map[string]any{"includeDeclaration": true}})
	wantRefs := `[{"uri":"` + mainURI + `","range":{"start":{"line":2,"character":0},"end":{"line":2,"character":5}}},` +
		`{"uri":"` + mainURI + `","range":{"start":{"line":3,"character":13},"end":{"line":3,"character":18}}}]`
	if string(refs.Result) != wantRefs {
		t.Errorf("references of total: %+v %s", refs.Error, refs.Result)
	}
	refs = c.call("textDocument/references", map[string]any{"textDocument": map[string]any{"uri": mainURI},
		"position": map[string]any{"line": 3, "character": 14}, "context": map[string]any{"includeDeclaration": false}})
	if want := `[{"uri":"` + mainURI + `","range":{"start":{"line":3,"character":13},"end":{"line":3,"character":18}}}]`; string(refs.Result) != want {
		t.Errorf("references of total without its declaration: %+v %s", refs.Error, refs.Result)
	}
	helperURI := fileURI(filepath.Join(root, "helper.py"))
	refs = c.call("textDocument/references", map[string]any{"textDocument": map[string]any{"uri": mainURI},
		"position": map[string]any{"line": 2, "character": 17}, "context": map[string]any{"includeDeclaration": true}})
	if want := `[{"uri":"` + helperURI + `","range":{"start":{"line":0,"character":4},"end":{"line":0,"character":10}}},` +
		`{"uri":"` + mainURI + `","range":{"start":{"line":2,"character":15},"end":{"line":2,"character":21}}}]`; string(refs.Result) != want {
		t.Errorf("references of helper.double: %+v %s", refs.Error, refs.Result)
	}
	marks := c.call("textDocument/documentHighlight", position(mainURI, 2, 2))
	if want := `[{"range":{"start":{"line":2,"character":0},"end":{"line":2,"character":5}},"kind":3},` +
		`{"range":{"start":{"line":3,"character":13},"end":{"line":3,"character":18}},"kind":2}]`; string(marks.Result) != want {
		t.Errorf("highlights of total: %+v %s", marks.Error, marks.Result)
	}

	// Completion: names in scope (with keywords), and, while the line
	// being typed does not parse, the attributes after a dot from the
	// latest check that parsed.
	names := c.call("textDocument/completion", position(mainURI, 3, 0))
	for _, want := range []string{`"label":"total"`, `"label":"helper"`, `"label":"print"`, `"label":"def"`} {
		if !strings.Contains(string(names.Result), want) {
			t.Errorf("completion of names lacks %s: %+v %.300s", want, names.Error, names.Result)
		}
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 5},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 0), "text": "helper.d"}}})
	attrs := c.call("textDocument/completion", position(mainURI, 4, 8))
	if !strings.Contains(string(attrs.Result), `"label":"double","kind":3`) || strings.Contains(string(attrs.Result), `"label":"LIMIT"`) {
		t.Errorf("completion after helper.d: %+v %s", attrs.Error, attrs.Result)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 6},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 8), "text": "total.bit"}}})
	attrs = c.call("textDocument/completion", position(mainURI, 4, 9))
	if !strings.Contains(string(attrs.Result), `"label":"bit_length","kind":2,"detail":"Callable[[int], int]"`) {
		t.Errorf("completion after total.bit: %+v %s", attrs.Error, attrs.Result)
	}
	// Module names in an import, and a module's names after `from m import`.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 7},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 9), "text": "import hel"}}})
	modules := c.call("textDocument/completion", position(mainURI, 4, 10))
	if !strings.Contains(string(modules.Result), `"label":"helper","kind":9`) || strings.Contains(string(modules.Result), `"label":"os"`) {
		t.Errorf("completion of modules: %+v %.300s", modules.Error, modules.Result)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 7},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 10), "text": "from helper import LI"}}})
	members := c.call("textDocument/completion", position(mainURI, 4, 21))
	if string(members.Result) != `[{"label":"LIMIT","kind":6,"sortText":"00000"}]` {
		t.Errorf("completion after from helper import: %+v %s", members.Error, members.Result)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 7},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 21), "text": "total.bit"}}})

	// Signature help while the call's arguments are typed.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 7},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 9), "text": "helper.double(1, "}}})
	help := c.call("textDocument/signatureHelp", position(mainURI, 4, 17))
	if !strings.Contains(string(help.Result), `"label":"double(n: int) -> int"`) ||
		!strings.Contains(string(help.Result), `"parameters":[{"label":[7,13]}]`) {
		t.Errorf("signature help: %+v %s", help.Error, help.Result)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 8},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 17), "text": ""}}})

	// Code actions: an ignore comment for an error, and the annotations
	// suggest infers for an unannotated def (with the typing import).
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 9},
		"contentChanges": []any{map[string]any{"range": rng(3, 7, 3, 10), "text": "str"}}})
	if got = c.diagnosticsAt(root, "main.py", 9); !strings.Contains(got, "[assignment]") {
		t.Fatalf("the error to ignore: %q", got)
	}
	diag := map[string]any{"range": rng(3, 13, 3, 18), "severity": 1, "code": "assignment", "source": "typd",
		"message": "Incompatible types in assignment"}
	actions := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": mainURI},
		"range": rng(3, 13, 3, 13), "context": map[string]any{"diagnostics": []any{diag}}})
	if !strings.Contains(string(actions.Result), `"title":"Ignore this error: # type: ignore[assignment]"`) ||
		!strings.Contains(string(actions.Result), `"range":{"start":{"line":3,"character":18},"end":{"line":3,"character":18}},"newText":"  # type: ignore[assignment]"`) {
		t.Errorf("ignore quick fix: %+v %s", actions.Error, actions.Result)
	}
	utilURI := fileURI(filepath.Join(root, "util.py"))
	actions = c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": utilURI},
		"range": rng(1, 4, 1, 4), "context": map[string]any{"diagnostics": []any{}}})
	var acts []struct {
		Title string `json:"title"`
		Edit  struct {
			Changes map[string][]struct {
				Range struct {
					Start struct{ Line, Character int } `json:"start"`
					End   struct{ Line, Character int } `json:"end"`
				} `json:"range"`
				NewText string `json:"newText"`
			} `json:"changes"`
		} `json:"edit"`
	}
	json.Unmarshal(actions.Result, &acts)
	if len(acts) != 1 || acts[0].Title != "Add inferred annotations" {
		t.Fatalf("annotation action: %+v %s", actions.Error, actions.Result)
	}
	lines := strings.Split(workspaceFiles["util.py"], "\n")
	edits := acts[0].Edit.Changes[utilURI]
	// The ranges refer to the text before any edit: apply from the last.
	sort.Slice(edits, func(i, j int) bool {
		a, b := edits[i].Range.Start, edits[j].Range.Start
		return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
	})
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		if e.Range.Start.Line != e.Range.End.Line {
			t.Fatalf("a multi-line edit: %+v", e)
		}
		l := lines[e.Range.Start.Line]
		lines[e.Range.Start.Line] = l[:e.Range.Start.Character] + e.NewText + l[e.Range.End.Character:]
	}
	// The return type is what the body returns under the guessed types.
	if got := strings.Join(lines, "\n"); !strings.HasPrefix(got, "def scale(value: int, factor: int = 2) -> int:\n") {
		t.Errorf("annotated:\n%s", got)
	}

	// The outline, pulled diagnostics, and files changed on disk (the
	// client watches them for the server).
	symbols := c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": utilURI}})
	if !strings.Contains(string(symbols.Result), `{"name":"scale","kind":12,"range":{"start":{"line":0,"character":0},"end":{"line":1,"character":25}},"selectionRange":{"start":{"line":0,"character":4},"end":{"line":0,"character":9}}}`) {
		t.Errorf("document symbols: %+v %s", symbols.Error, symbols.Result)
	}
	pulled := c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": mainURI}})
	if !strings.Contains(string(pulled.Result), `"kind":"full","items":[{`) || !strings.Contains(string(pulled.Result), `"code":"assignment"`) {
		t.Errorf("pulled diagnostics: %+v %s", pulled.Error, pulled.Result)
	}
	// The server asked for file watchers and a progress token (for the
	// first check).
	asked := map[string]string{}
	for len(asked) < 2 {
		select {
		case m := <-c.requests:
			asked[m.Method] = string(m.Params)
		case <-time.After(10 * time.Second):
			t.Fatalf("the server asked only %v", asked)
		}
	}
	if !strings.Contains(asked["client/registerCapability"], `"globPattern":"**/*.py"`) ||
		asked["window/workDoneProgress/create"] != `{"token":"typd-first-check"}` {
		t.Errorf("the server asked %v", asked)
	}
	writeFiles(t, root, map[string]string{"helper.py": workspaceFiles["helper.py"] + "oops: int = 'x'\n"})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": fileURI(filepath.Join(root, "helper.py")), "type": 2}}})
	if got, _ := c.diagnosticsOf(root, "helper.py"); !strings.Contains(got, "helper.py:5: error: Incompatible types in assignment") {
		t.Errorf("after helper.py changed on disk: %q", got)
	}

	// Workspace symbols, and new flags from the client's settings.
	found := c.call("workspace/symbol", map[string]any{"query": "SCAL"})
	if !strings.Contains(string(found.Result), `"name":"scale","kind":12`) || !strings.Contains(string(found.Result), "util.py") {
		t.Errorf("workspace symbols: %+v %s", found.Error, found.Result)
	}
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"typd": map[string]any{
		"args": []string{"--disallow-untyped-defs"}}}})
	if got, _ := c.diagnosticsOf(root, "util.py"); !strings.Contains(got, "util.py:1: error: Function is missing a type annotation  [no-untyped-def]") {
		t.Errorf("after --disallow-untyped-defs: %q", got)
	}

	// Inlay hints: the inferred type of main.py's `total`.
	hints := c.call("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": mainURI},
		"range": rng(0, 0, 4, 0)})
	if string(hints.Result) != `[{"position":{"line":2,"character":5},"label":": int","kind":1}]` {
		t.Errorf("inlay hints: %+v %s", hints.Error, hints.Result)
	}

	// A definition in the standard library's stubs: a read-only copy in
	// the cache folder.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 10},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 0), "text": "print(total)"}}})
	def = c.call("textDocument/definition", position(mainURI, 4, 1))
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": mainURI, "version": 11},
		"contentChanges": []any{map[string]any{"range": rng(4, 0, 4, 12), "text": ""}}})
	if !strings.Contains(string(def.Result), "/typd/typeshed-") || !strings.Contains(string(def.Result), "/stdlib/builtins.pyi") {
		t.Errorf("definition of print: %+v %s", def.Error, def.Result)
	} else {
		var stub []struct {
			URI string `json:"uri"`
		}
		json.Unmarshal(def.Result, &stub)
		path := strings.TrimPrefix(stub[0].URI, "file://")
		if st, err := os.Stat(path); err != nil || st.Mode().Perm()&0o222 != 0 {
			t.Errorf("the stub copy %s: %v %v", path, err, st)
		}
	}

	// Bad input: an unknown method, a position past the end, malformed
	// JSON. The server keeps answering.
	if m := c.call("textDocument/unknownThing", map[string]any{}); m.Error == nil || m.Error.Code != -32601 {
		t.Errorf("unknown method: %+v", m)
	}
	if m := c.call("textDocument/hover", position(mainURI, 99, 0)); m.Error == nil {
		t.Errorf("hover past the end: %s", m.Result)
	}
	c.sendRaw([]byte(`{"jsonrpc": "2.0", "id": 99, "method": `))
	if m := c.call("textDocument/hover", position(mainURI, 2, 3)); !strings.Contains(string(m.Result), "total: int") {
		t.Errorf("hover after malformed input: %+v %s", m.Error, m.Result)
	}

	// Files that come and go on disk, compared with typd check: main.py
	// closed (the disk's text stands again), a new file, a deleted one.
	c.settle(root)
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": mainURI}})
	if got, want := c.nextDiagnostics(root, "main.py"), typdCheckFile(t, root, "main.py"); got != want {
		t.Errorf("main.py closed:\n%s\ntypd check:\n%s", got, want)
	}
	c.settle(root)
	writeFiles(t, root, map[string]string{"extra.py": "import helper\nz: str = helper.LIMIT\n"})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": fileURI(filepath.Join(root, "extra.py")), "type": 1}}})
	if got, want := c.nextDiagnostics(root, "extra.py"), typdCheckFile(t, root, "extra.py"); got != want || want == "" {
		t.Errorf("a new file:\n%s\ntypd check:\n%s", got, want)
	}
	c.settle(root)
	os.Remove(filepath.Join(root, "helper.py"))
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": fileURI(filepath.Join(root, "helper.py")), "type": 3}}})
	if got, want := c.nextDiagnostics(root, "main.py"), typdCheckFile(t, root, "main.py"); got != want || !strings.Contains(want, "import-not-found") {
		t.Errorf("a deleted import:\n%s\ntypd check:\n%s", got, want)
	}

	// Shutdown, then exit: Serve returns cleanly.
	if m := c.call("shutdown", nil); m.Error != nil {
		t.Errorf("shutdown: %+v", m.Error)
	}
	c.notify("exit", nil)
	if err := <-c.served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func rng(l1, c1, l2, c2 int) map[string]any {
	return map[string]any{"start": map[string]any{"line": l1, "character": c1},
		"end": map[string]any{"line": l2, "character": c2}}
}

func position(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri},
		"position": map[string]any{"line": line, "character": char}}
}

// stalledDisk is the disk, except that reading a file named slow.py waits
// until release is closed.
type stalledDisk struct {
	fsys.Disk
	release chan struct{}
}

func (d stalledDisk) ReadFile(name string) ([]byte, error) {
	if filepath.Base(name) == "slow.py" {
		<-d.release
	}
	return d.Disk.ReadFile(name)
}

// TestServerCancel cancels a hover that waits for a check (held up on a
// slow file): the answer is RequestCancelled, and the server goes on.
func TestServerCancel(t *testing.T) {
	if _, ok := typeshed.Embedded(); !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"mypy.ini": workspaceFiles["mypy.ini"], "slow.py": "x: int = ''\n"})
	disk := stalledDisk{release: make(chan struct{})}
	c := startServerOn(t, disk)
	c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(root), "capabilities": map[string]any{}})
	c.notify("initialized", map[string]any{})
	id, reply := c.request("textDocument/hover", position(fileURI(filepath.Join(root, "slow.py")), 0, 0))
	c.notify("$/cancelRequest", map[string]any{"id": id})
	select {
	case m := <-reply:
		if m.Error == nil || m.Error.Code != -32800 {
			t.Errorf("the cancelled hover: %+v %s", m.Error, m.Result)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no answer to the cancelled hover")
	}
	close(disk.release)
	if got, _ := c.diagnosticsOf(root, "slow.py"); !strings.Contains(got, "[assignment]") {
		t.Errorf("the check after the cancel: %q", got)
	}
	c.call("shutdown", nil)
	c.notify("exit", nil)
	if err := <-c.served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// TestServerFromCache: with --use-fine-grained-cache, the server's first
// diagnostics come from the cache `typd check` left in the workspace's
// root (the record of the same program replayed, nothing analysed), and
// then the session's own check, which hover waits for, answers as
// without the flag.
func TestServerFromCache(t *testing.T) {
	root := newWorkspace(t)
	var out bytes.Buffer
	if code := lsp.CacheCheckForTest(root, &out); code != 1 {
		t.Fatalf("typd check with the cache: exit %d\n%s", code, out.String())
	}
	if _, err := os.Stat(filepath.Join(root, ".typd_cache")); err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	c := startServerLogging(t, fsys.NewListed(), zerolog.New(&log), "--use-fine-grained-cache")
	c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(root), "capabilities": map[string]any{}})
	c.notify("initialized", map[string]any{})
	want := typdCheck(t, root, nil)
	for i, from := range []string{"the cache", "the session"} {
		got, _ := c.diagnosticsOf(root, "main.py")
		if strings.TrimSpace(got) != want {
			t.Errorf("diagnostics %d (from %s):\n%s\ntypd check:\n%s", i+1, from, got, want)
		}
	}
	hover := c.call("textDocument/hover", position(fileURI(filepath.Join(root, "main.py")), 2, 3))
	if !strings.Contains(string(hover.Result), "total: int") {
		t.Errorf("hover on total: %+v %s", hover.Error, hover.Result)
	}
	if l := log.String(); !strings.Contains(l, `"analysed":0`) || !strings.Contains(l, "first diagnostics from the cache") {
		t.Errorf("the log does not show a first check from the cache:\n%s", l)
	}

	// Without a cache, the flag changes nothing, and makes no cache.
	bare := t.TempDir()
	writeFiles(t, bare, workspaceFiles)
	var bareLog syncBuffer
	c = startServerLogging(t, fsys.NewListed(), zerolog.New(&bareLog), "--use-fine-grained-cache")
	c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(bare), "capabilities": map[string]any{}})
	c.notify("initialized", map[string]any{})
	if got, _ := c.diagnosticsOf(bare, "main.py"); strings.TrimSpace(got) != typdCheck(t, bare, nil) {
		t.Errorf("diagnostics without a cache:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(bare, ".typd_cache")); err == nil || strings.Contains(bareLog.String(), "from the cache") {
		t.Errorf("a server started without a cache made or used one")
	}
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
