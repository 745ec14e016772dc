// Package typeshed gives the checker the typeshed stubs: the copy embedded
// in the binary at build time (see typeshed.lock), or a directory named by
// --custom-typeshed-dir. Either has stdlib/ (with its VERSIONS file) and
// stubs/ (third-party packages). The embedded copy is part of the binary;
// the package writes a file only when OnDisk copies a stub out for an
// editor to open.
package typeshed

import (
	"embed"
	"io/fs"
	"strings"
	"sync"

	"typd/checker/fsys"
)

//go:embed all:data
var data embed.FS

// ProvisionHint tells the user how to get stubs into a build that has none.
const ProvisionHint = "this typd was built without the typeshed stubs; run `make typeshed` and rebuild " +
	"(or pass --custom-typeshed-dir DIR)"

// Stubs returns the embedded typeshed as the checker reads it, each file
// read from the binary once per process; false as for Embedded.
var Stubs = sync.OnceValues(func() (fsys.FS, bool) {
	stubs, ok := Embedded()
	if !ok {
		return nil, false
	}
	return fsys.Frozen(stubs), true
})

// Embedded returns the embedded typeshed, or false when the binary was built
// before `make typeshed` provided it.
func Embedded() (fs.FS, bool) {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		return nil, false
	}
	if _, err := fs.Stat(sub, "stdlib/VERSIONS"); err != nil {
		return nil, false
	}
	return sub, true
}

// Commit returns the typeshed commit the embedded stubs were taken from, or
// "" when there are none.
func Commit() string {
	b, err := data.ReadFile("data/commit.txt")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
