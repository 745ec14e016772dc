// Command fetchtypeshed provides the typeshed stubs that typd embeds: it
// fetches the npm package named in checker/typeshed/typeshed.lock with
// `npm pack`, checks the tarball against the lock's integrity hash, and
// unpacks the stubs (.pyi files, VERSIONS, METADATA.toml, commit.txt,
// LICENSE) into checker/typeshed/data. It does nothing when that folder
// already holds the locked version. Any failure stops it with a message
// and exit status 1, leaving no partial folder behind.
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

const (
	lockFile  = "checker/typeshed/typeshed.lock"
	dataDir   = "checker/typeshed/data"
	stampFile = ".provisioned"
)

type lock struct {
	pkg, path, integrity string
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "fetchtypeshed: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	l, err := readLock(lockFile)
	if err != nil {
		return err
	}
	stamp := l.pkg + " " + l.integrity + "\n"
	if b, err := os.ReadFile(filepath.Join(dataDir, stampFile)); err == nil && string(b) == stamp {
		return nil
	}
	tmp, err := os.MkdirTemp("", "typd-typeshed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fmt.Fprintf(os.Stderr, "fetching %s ...\n", l.pkg)
	cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", tmp, l.pkg)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("`npm pack %s` failed (%v); is npm installed and the npm registry reachable?", l.pkg, err)
	}
	tarball := filepath.Join(tmp, strings.TrimSpace(lastLine(string(out))))
	if err := verify(tarball, l.integrity); err != nil {
		return err
	}
	staging := filepath.Join(tmp, "data")
	n, err := extract(tarball, l.path, staging)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s has no files under %s", l.pkg, l.path)
	}
	if err := os.WriteFile(filepath.Join(staging, stampFile), []byte(stamp), 0o644); err != nil {
		return err
	}
	readme, err := os.ReadFile(filepath.Join(dataDir, "README.md"))
	if err == nil {
		err = os.WriteFile(filepath.Join(staging, "README.md"), readme, 0o644)
	}
	if err != nil {
		return err
	}
	// Swap the folders so a failure never leaves a half-written one.
	old := dataDir + ".old"
	os.RemoveAll(old)
	if err := os.Rename(dataDir, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(staging, dataDir); err != nil {
		if cpErr := os.CopyFS(dataDir, os.DirFS(staging)); cpErr != nil {
			os.Rename(old, dataDir)
			return fmt.Errorf("installing stubs: %v", cpErr)
		}
	}
	os.RemoveAll(old)
	fmt.Fprintf(os.Stderr, "typeshed: %d files in %s\n", n, dataDir)
	return nil
}

func readLock(name string) (lock, error) {
	f, err := os.Open(name)
	if err != nil {
		return lock{}, err
	}
	defer f.Close()
	var l lock
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, _ := strings.Cut(line, " ")
		switch key {
		case "package":
			l.pkg = val
		case "path":
			l.path = val
		case "integrity":
			l.integrity = val
		}
	}
	if l.pkg == "" || l.path == "" || !strings.HasPrefix(l.integrity, "sha512-") {
		return l, fmt.Errorf("%s: needs package, path and a sha512 integrity line", name)
	}
	return l, s.Err()
}

// verify checks a file against a Subresource Integrity sha512 hash.
func verify(file, integrity string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha512.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	got := "sha512-" + base64.StdEncoding.EncodeToString(h.Sum(nil))
	if got != integrity {
		return fmt.Errorf("integrity check failed for %s: got %s, want %s (the download was corrupted or tampered with; nothing was installed)",
			filepath.Base(file), got, integrity)
	}
	return nil
}

// keep reports whether a file of the stubs is one typd uses.
func keep(rel string) bool {
	if strings.Contains(rel, "@tests/") {
		return false
	}
	base := path.Base(rel)
	return strings.HasSuffix(base, ".pyi") || base == "VERSIONS" || base == "METADATA.toml" ||
		rel == "commit.txt" || rel == "LICENSE"
}

// extract unpacks the files under prefix of a .tgz into dir.
func extract(tarball, prefix, dir string) (int, error) {
	f, err := os.Open(tarball)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", tarball, err)
	}
	tr := tar.NewReader(gz)
	n := 0
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("%s: %v", tarball, err)
		}
		if hdr.Typeflag != tar.TypeReg {
			continue
		}
		rel, ok := strings.CutPrefix(path.Clean(hdr.Name), prefix+"/")
		if !ok || !keep(rel) || strings.Contains(rel, "..") {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return n, err
		}
		out, err := os.Create(dst)
		if err != nil {
			return n, err
		}
		_, err = io.Copy(out, tr)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
