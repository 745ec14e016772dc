// Package editors holds the tests of the editor setups in nvim/ and
// emacs/: each drives the real editor, headless, attached to the real
// `typd lsp` through the shipped setup. The editors come from Debian
// (`make editors` installs neovim, emacs-nox and elpa-eglot); a test whose
// editor is missing skips, saying so.
package editors

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"typd/internal/testbinary"
)

// project is the workspace the editors open; main.py line 4 has an error.
var project = map[string]string{
	"mypy.ini":  "[mypy]\npython_version = 3.12\nno_site_packages = True\n",
	"helper.py": "def double(n: int) -> int:\n    return n * 2\n",
	"main.py":   "import helper\n\ntotal = helper.double(2)\nlabel: str = total\n",
}

// setup builds typd and writes the project; it returns the binary and
// the project's folder.
func setup(t *testing.T, editor string) (bin, dir string) {
	t.Helper()
	if _, err := exec.LookPath(editor); err != nil {
		t.Skipf("%s is not installed (make editors installs it from Debian)", editor)
	}
	bin, err := testbinary.Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for name, text := range project {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return bin, dir
}

// run runs an editor command that writes its findings to out, and returns
// them.
func run(t *testing.T, cmd *exec.Cmd, out string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c := exec.CommandContext(ctx, cmd.Path, cmd.Args[1:]...)
	c.Dir, c.Env = cmd.Dir, cmd.Env
	log, err := c.CombinedOutput()
	got, readErr := os.ReadFile(out)
	if err != nil || readErr != nil {
		t.Fatalf("%s: %v %v\n%s\n%s", cmd.Args[0], err, readErr, log, got)
	}
	return string(got)
}

// expect asserts the editor's findings: the diagnostic (which the editor
// may prefix with the source and code), the hover and the definition.
func expect(t *testing.T, got string) {
	t.Helper()
	diagnostic := `Incompatible types in assignment (expression has type "int", variable has type "str")`
	found := false
	for _, line := range strings.Split(got, "\n") {
		found = found || strings.HasPrefix(line, "diagnostic 4: ") && strings.HasSuffix(line, diagnostic)
	}
	if !found {
		t.Errorf("no diagnostic on line 4 ending %q in the editor's findings:\n%s", diagnostic, got)
	}
	for _, want := range []string{"hover: total: int", "definition: helper.py:1:5"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in the editor's findings:\n%s", want, got)
		}
	}
}

const neovimScript = `
local out = {}
vim.opt.rtp:prepend(os.getenv('TYPD_SETUP'))
require('typd').setup({ cmd = os.getenv('TYPD_BIN') })
vim.cmd('edit main.py')
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, 'diagnostic ' .. (d.lnum + 1) .. ': ' .. d.message)
end
local function request(method, line, col)
  vim.api.nvim_win_set_cursor(0, { line, col })
  local res = vim.lsp.buf_request_sync(0, method, vim.lsp.util.make_position_params(), 20000) or {}
  for _, r in pairs(res) do
    if r.result then return r.result end
  end
end
local hover = request('textDocument/hover', 3, 1)
if hover then
  local text = hover.contents.value:gsub('\n', ' '):gsub('` + "```" + `python', ''):gsub('` + "```" + `', '')
  table.insert(out, 'hover: ' .. vim.trim(text))
end
local def = request('textDocument/definition', 3, 16)
if def and def[1] then
  local l = def[1]
  table.insert(out, 'definition: ' .. vim.fn.fnamemodify(vim.uri_to_fname(l.uri), ':t') .. ':' ..
    (l.range.start.line + 1) .. ':' .. (l.range.start.character + 1))
end
local comp = request('textDocument/completion', 3, 15)
for _, item in ipairs(comp and (comp.items or comp) or {}) do
  if item.label == 'double' then
    table.insert(out, 'completion: double')
  end
end
vim.fn.writefile(out, os.getenv('TYPD_OUT'))
vim.cmd('qa!')
`

// TestNeovim opens the project in Neovim with editors/nvim's setup; it
// also completes after `helper.`.
func TestNeovim(t *testing.T) {
	bin, dir := setup(t, "nvim")
	script := filepath.Join(t.TempDir(), "test.lua")
	os.WriteFile(script, []byte(neovimScript), 0o644)
	setupDir, _ := filepath.Abs("nvim")
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command("nvim", "--headless", "--clean", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TYPD_BIN="+bin, "TYPD_SETUP="+setupDir, "TYPD_OUT="+out)
	got := run(t, cmd, out)
	expect(t, got)
	if !strings.Contains(got, "completion: double") {
		t.Errorf("no completion of helper.double in Neovim's findings:\n%s", got)
	}
}

const emacsScript = `
(require 'typd)
(setq typd-executable (getenv "TYPD_BIN"))
(let ((out nil))
  (find-file "main.py")
  (python-mode)
  (apply #'eglot (eglot--guess-contact))
  (with-timeout (60 nil)
    (while (null (flymake-diagnostics))
      (accept-process-output nil 0.05)))
  (dolist (d (flymake-diagnostics))
    (push (format "diagnostic %d: %s" (line-number-at-pos (flymake-diagnostic-beg d))
                  (flymake-diagnostic-text d))
          out))
  (goto-char (point-min))
  (forward-line 2)
  (forward-char 1)
  (let* ((server (eglot-current-server))
         (hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
         (value (plist-get (plist-get hover :contents) :value)))
    (push (concat "hover: " (replace-regexp-in-string "` + "```" + `\\(python\\)?\\|\n" "" value)) out)
    (forward-char 15)
    (let* ((defs (jsonrpc-request server :textDocument/definition (eglot--TextDocumentPositionParams)))
           (def (if (vectorp defs) (aref defs 0) defs))
           (start (plist-get (plist-get def :range) :start)))
      (push (format "definition: %s:%d:%d" (file-name-nondirectory (eglot--uri-to-path (plist-get def :uri)))
                    (1+ (plist-get start :line)) (1+ (plist-get start :character)))
            out)))
  (with-temp-file (getenv "TYPD_OUT")
    (insert (mapconcat #'identity (nreverse out) "\n")))
  (kill-emacs 0))
`

// TestEmacs opens the project in Emacs with eglot and editors/emacs's
// setup.
func TestEmacs(t *testing.T) {
	bin, dir := setup(t, "emacs")
	if err := exec.Command("emacs", "--batch", "--eval", "(require 'eglot)").Run(); err != nil {
		t.Skip("Emacs has no eglot (make editors installs Debian's elpa-eglot)")
	}
	script := filepath.Join(t.TempDir(), "test.el")
	os.WriteFile(script, []byte(emacsScript), 0o644)
	setupDir, _ := filepath.Abs("emacs")
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command("emacs", "--batch", "-L", setupDir, "-l", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TYPD_BIN="+bin, "TYPD_OUT="+out)
	expect(t, run(t, cmd, out))
}
