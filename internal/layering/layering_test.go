// Package layering holds the test of typd's package layering.
package layering

import (
	"os/exec"
	"strings"
	"testing"
)

// layers ranks typd's packages, lowest first; a package may import only
// packages of its own layer or a lower one. The first prefix that matches
// a package's import path gives its layer.
var layers = []struct {
	prefix string
	layer  int
}{
	{"typd/internal/casefile", 0}, // tools that import no other typd package
	{"typd/internal/layering", 0},
	{"typd/editors", 0}, // the editor setups' tests drive the binary
	{"typd/internal/fetchtypeshed", 0},
	{"typd/internal/testbinary", 0}, // builds the binaries for end-to-end tests
	{"typd/internal/terminal", 0},   // what the front end shares with the engine
	{"typd/internal/version", 0},    //
	{"typd/parser/ast/internal/genclone", 0},
	{"typd/parser/internal/astdecl", 0}, // what the generators read of ast.go
	{"typd/parser", 1},                  // the parser and its AST
	{"typd/checker/", 2},                // the checker's parts
	{"typd/deps", 2},                    //
	{"typd/checker", 3},                 // the checker's facade: Check, Session, Snapshot
	{"typd/inspect", 4},                 // features over a snapshot, and the configuration
	{"typd/suggest", 4},                 // the front ends share
	{"typd/workspace", 4},               //
	{"typd/server/", 5},                 // the servers: the daemon, the language server
	{"typd/internal/cli", 6},            // the commands
	{"typd/cmd/", 6},                    //
}

// frontEndImports are the only packages below the features that the
// servers and commands may import: the facade and the types of its API.
var frontEndImports = map[string]bool{"typd/checker": true, "typd/checker/fsys": true, "typd/checker/diag": true,
	// `typd version` prints the stubs' commit.
	"typd/checker/typeshed": true,
	// `typd debug ast|cst` prints the parser's own view of a file.
	"typd/parser": true, "typd/parser/ast": true,
	// The commands' terminal width and typd's version.
	"typd/internal/terminal": true, "typd/internal/version": true,
}

func layerOf(t *testing.T, pkg string) int {
	for _, l := range layers {
		if pkg == l.prefix || strings.HasPrefix(pkg, l.prefix) && (strings.HasSuffix(l.prefix, "/") || strings.HasPrefix(pkg[len(l.prefix):], "/")) {
			return l.layer
		}
	}
	t.Fatalf("package %s has no layer: add it to layers", pkg)
	return 0
}

// TestLayering checks every import between typd's packages (as `go list`
// reports them, tests left out): no import goes up a layer, no package
// imports its parent, and the front ends use the checker only through its
// facade.
func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}:{{range .Imports}} {{.}}{{end}}", "typd/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	packages := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		packages++
		from := layerOf(t, pkg)
		for _, imp := range strings.Fields(imports) {
			if !strings.HasPrefix(imp, "typd/") {
				continue
			}
			to := layerOf(t, imp)
			if to > from {
				t.Errorf("%s (layer %d) imports %s (layer %d)", pkg, from, imp, to)
			}
			if strings.HasPrefix(pkg, imp+"/") {
				t.Errorf("%s imports its parent %s", pkg, imp)
			}
			if from >= 5 && to < 4 && !frontEndImports[imp] {
				t.Errorf("front end %s imports %s, a part of the checker behind its facade", pkg, imp)
			}
		}
	}
	if packages < 20 {
		t.Fatalf("go list reported only %d packages", packages)
	}
}

// frontEndLinks are the only typd packages the front end, cmd/typd, may
// link, directly or not: it must start in a few milliseconds, so it links
// nothing of the checker and no module beyond the standard library.
var frontEndLinks = map[string]bool{"typd/cmd/typd": true, "typd/server/client": true, "typd/server/protocol": true,
	"typd/internal/terminal": true, "typd/internal/version": true}

// frontEndAvoids are packages of the standard library the front end must
// not link either: each costs its start a measurable share (their
// initialisation, the pages their code touches, a network poller), and
// the front end's few needs are met without them (server/protocol reads
// and writes its JSON, server/client uses the socket with system calls).
var frontEndAvoids = map[string]bool{"net": true, "reflect": true, "fmt": true, "encoding/json": true, "os/exec": true}

// TestFrontEndLinksLittle checks what cmd/typd links: the packages of
// frontEndLinks and the standard library only, frontEndAvoids left out.
func TestFrontEndLinksLittle(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", "typd/cmd/typd").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, standard, _ := strings.Cut(line, " ")
		if standard != "true" && !frontEndLinks[pkg] || frontEndAvoids[pkg] {
			t.Errorf("the front end links %s", pkg)
		}
	}
}
