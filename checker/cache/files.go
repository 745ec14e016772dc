package cache

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// files keeps entries as files: KIND/ab/cdef... below the cache's folder,
// named by their key in hex.
type files struct {
	path string
	// folders are the entry folders already made.
	folders sync.Map
}

// entryPath is where an entry lives: its name (see entryName) below the
// cache's folder.
func (f *files) entryPath(kind string, key [32]byte) string {
	return filepath.Join(f.path, filepath.FromSlash(entryName(kind, key)))
}

func (f *files) read(kind string, key [32]byte) ([]byte, error) {
	return os.ReadFile(f.entryPath(kind, key))
}

func (f *files) write(kind string, key [32]byte, frame []byte) error {
	path := f.entryPath(kind, key)
	folder := filepath.Dir(path)
	if _, made := f.folders.Load(folder); !made {
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return err
		}
		f.folders.Store(folder, true)
	}
	return writeAtomically(path, frame)
}

func (f *files) size(kind string, key [32]byte) (int64, bool) {
	st, err := os.Stat(f.entryPath(kind, key))
	if err != nil {
		return 0, false
	}
	return st.Size(), true
}

func (f *files) each(kind string, fn func(key [32]byte, frame []byte)) {
	folders, _ := os.ReadDir(filepath.Join(f.path, kind))
	for _, dir := range folders {
		names, _ := os.ReadDir(filepath.Join(f.path, kind, dir.Name()))
		for _, name := range names {
			key, ok := parseKey(dir.Name() + name.Name())
			if !ok {
				continue // (a temporary file)
			}
			if frame, err := os.ReadFile(filepath.Join(f.path, kind, dir.Name(), name.Name())); err == nil {
				fn(key, frame)
			}
		}
	}
}

// prune removes the entries (and temporary files) last written before
// cutoff.
func (f *files) prune(cutoff time.Time) {
	for _, kind := range entryKinds {
		folders, _ := os.ReadDir(filepath.Join(f.path, kind))
		for _, dir := range folders {
			folder := filepath.Join(f.path, kind, dir.Name())
			entries, _ := os.ReadDir(folder)
			for _, e := range entries {
				if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
					os.Remove(filepath.Join(folder, e.Name()))
				}
			}
		}
	}
}

func (f *files) close() {}

// parseKey reads a key written in lower-case hex.
func parseKey(h string) (key [32]byte, ok bool) {
	if len(h) != 2*len(key) {
		return key, false
	}
	for _, c := range h {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return key, false
		}
	}
	hex.Decode(key[:], []byte(h))
	return key, true
}

// writeAtomically writes a file in a folder that exists, through a
// temporary file renamed into place.
func writeAtomically(path string, data []byte) error {
	var suffix [8]byte
	rand.Read(suffix[:])
	tmp := path + ".tmp-" + hex.EncodeToString(suffix[:])
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
