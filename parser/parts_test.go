package parser_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"typd/parser"
	"typd/parser/ast"
)

// TestPartsMatchWhole parses every file of the local standard library cut
// into up to 8 pieces, as Parse parses a large file on several cores, and
// checks that the statements and type-ignore comments are exactly those of
// one parse of the whole file.
func TestPartsMatchWhole(t *testing.T) {
	_, dir := stdlibDir(t)
	cut, same := 0, 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		parts := parser.ParseInParts(src, 8)
		if parts == nil {
			return nil
		}
		cut++
		whole := parser.Parse(src)
		if len(whole.Errors) > 0 {
			t.Errorf("%s: parses in pieces but not whole: %v", p, whole.Errors)
			return nil
		}
		if ast.Dump(parts.Module) != ast.Dump(whole.Module) || !reflect.DeepEqual(parts.Module.TypeIgnores, whole.Module.TypeIgnores) {
			t.Errorf("%s: the pieces' statements differ from the whole file's", p)
			return nil
		}
		same++
		return nil
	})
	t.Logf("%d files parsed in pieces, %d equal to the whole parse", cut, same)
	if cut < 1000 {
		t.Errorf("only %d files were cut: the cut finder misses top-level statements", cut)
	}
}

// TestCutsSkipContinuations: no cut before a clause that continues the
// statement above it, after a decorator, inside brackets or strings.
func TestCutsSkipContinuations(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "@dec\ndef f%d(): pass\nif x:\n    pass\nelse:\n    pass\ntry:\n    pass\nexcept E:\n    pass\nfinally:\n    pass\n"+
			"s = '''\nx = 1\n'''\nt = (\n1)\n", i)
	}
	src := []byte(b.String())
	parts := parser.ParseInParts(src, 8)
	if parts == nil {
		t.Fatal("no cut found")
	}
	if ast.Dump(parts.Module) != ast.Dump(parser.Parse(src).Module) {
		t.Error("the pieces' statements differ from the whole file's")
	}
}
