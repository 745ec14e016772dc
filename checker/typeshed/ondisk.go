package typeshed

import (
	"io/fs"
	"os"
	"path/filepath"
)

// OnDisk returns a file on disk holding the embedded typeshed's stub at
// path (as the checker names it, "stdlib/builtins.pyi"), and its text, so
// that an editor can open a definition in the standard library's stubs.
// The stubs are written on demand, read-only, below the user's cache
// folder, in a folder named by the typeshed commit; ok is false for a
// path that is not one of the embedded stubs.
func OnDisk(path string) (file string, text []byte, ok bool) {
	stubs, embedded := Embedded()
	if !embedded || filepath.IsAbs(path) {
		return "", nil, false
	}
	text, err := fs.ReadFile(stubs, filepath.ToSlash(path))
	if err != nil {
		return "", nil, false
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", nil, false
	}
	file = filepath.Join(cache, "typd", "typeshed-"+Commit(), filepath.FromSlash(path))
	if _, err := os.Stat(file); err == nil {
		return file, text, true
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", nil, false
	}
	// Written beside, then renamed: a reader never sees half a file.
	tmp, err := os.CreateTemp(filepath.Dir(file), ".stub-*")
	if err != nil {
		return "", nil, false
	}
	_, werr := tmp.Write(text)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Chmod(tmp.Name(), 0o444) != nil || os.Rename(tmp.Name(), file) != nil {
		os.Remove(tmp.Name())
		return "", nil, false
	}
	return file, text, true
}
