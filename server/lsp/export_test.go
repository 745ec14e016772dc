package lsp

import (
	"io"

	"typd/checker/fsys"
	"typd/workspace"
)

// CheckForTest runs what `typd check` run in root runs, with buffers (by
// path relative to root) laid over the disk, printing to out; it returns
// the exit code.
func CheckForTest(root string, buffers map[string]string, out io.Writer) int {
	return checkForTest(root, buffers, out, false)
}

// CacheCheckForTest is CheckForTest keeping the cache, in root's
// .typd_cache (as `typd check` in root keeps it).
func CacheCheckForTest(root string, out io.Writer) int { return checkForTest(root, nil, out, true) }

func checkForTest(root string, buffers map[string]string, out io.Writer, caching bool) int {
	docs := fsys.Map{}
	for p, text := range buffers {
		docs[p] = []byte(text)
	}
	env := workspace.Env{Files: &rootedFS{root: root, docs: docs, disk: fsys.Disk{}}, Stdout: out, Stderr: out,
		Getenv: func(string) string { return "" }, KeepsCache: caching, CacheBase: root}
	inv, code := workspace.Parse(env, nil, "typd check")
	if inv == nil {
		return code
	}
	inv.Targets = []string{"."}
	return workspace.Run(env, inv, nil).Code
}
