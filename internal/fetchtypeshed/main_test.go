package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerify(t *testing.T) {
	f := filepath.Join(t.TempDir(), "x.tgz")
	os.WriteFile(f, []byte("hello"), 0o644)
	good := "sha512-m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw=="
	if err := verify(f, good); err != nil {
		t.Errorf("good hash: %v", err)
	}
	os.WriteFile(f, []byte("hellp"), 0o644)
	if err := verify(f, good); err == nil || !strings.Contains(err.Error(), "tampered") {
		t.Errorf("tampered file: %v", err)
	}
}

func TestReadLock(t *testing.T) {
	dir := t.TempDir()
	lock := filepath.Join(dir, "l")
	os.WriteFile(lock, []byte("# c\npackage p@1\npath a/b\nintegrity sha512-xyz\n"), 0o644)
	l, err := readLock(lock)
	if err != nil || l.pkg != "p@1" || l.path != "a/b" || l.integrity != "sha512-xyz" {
		t.Errorf("lock %+v, %v", l, err)
	}
	os.WriteFile(lock, []byte("package p@1\n"), 0o644)
	if _, err := readLock(lock); err == nil {
		t.Error("incomplete lock accepted")
	}
}

func TestKeep(t *testing.T) {
	for rel, want := range map[string]bool{
		"stdlib/os/__init__.pyi": true, "stdlib/VERSIONS": true, "stubs/requests/METADATA.toml": true,
		"stubs/requests/@tests/stubtest_allowlist.txt": false, "commit.txt": true, "README.md": false,
	} {
		if keep(rel) != want {
			t.Errorf("keep(%q) = %v", rel, !want)
		}
	}
}
