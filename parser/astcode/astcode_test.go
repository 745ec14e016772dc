package astcode_test

import (
	"bytes"
	"errors"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"typd/parser"
	"typd/parser/ast"
	"typd/parser/astcode"
)

// corpus reads the typeshed stubs typd embeds and, when python3 is here,
// the local standard library's sources: each text with its path.
func corpus(tb testing.TB) (paths []string, texts [][]byte) {
	dirs := []string{"../../checker/typeshed/data"}
	if out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() && d.Name() == "site-packages" {
				return filepath.SkipDir
			}
			if err == nil && (strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyi")) {
				if b, err := os.ReadFile(p); err == nil {
					paths, texts = append(paths, p), append(texts, b)
				}
			}
			return nil
		})
	}
	if len(texts) == 0 {
		tb.Skip("no typeshed stubs: run make typeshed")
	}
	return paths, texts
}

// TestRoundTrip decodes the encoding of every parse of the corpus that has
// no syntax error and compares it with the parse, field by field (nil and
// empty slices apart). The parser must not share a node between two places
// of a tree, which the decoder could not give back.
func TestRoundTrip(t *testing.T) {
	paths, texts := corpus(t)
	checked := 0
	for i, text := range texts {
		f := parser.Parse(text)
		if len(f.Errors) > 0 {
			continue
		}
		seen := map[ast.Node]bool{}
		for _, s := range f.Module.Body {
			ast.Inspect(s, func(n ast.Node) bool {
				if n.Pos() != nil && seen[n] {
					t.Fatalf("%s: a node at %v is in the tree twice", paths[i], n.Pos())
				}
				seen[n] = true
				return true
			})
		}
		data := astcode.Encode(f.Module)
		got, err := astcode.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", paths[i], err)
		}
		if !reflect.DeepEqual(got, f.Module) {
			t.Fatalf("%s: the decoded tree differs from the parse", paths[i])
		}
		checked++
	}
	if checked < 500 {
		t.Fatalf("only %d files round-tripped", checked)
	}
}

// TestDecodeRefusesBadInput cuts an encoding at every length and changes
// bytes of it at random: Decode must return an error or a tree, never
// panic; a cut one is always an error.
func TestDecodeRefusesBadInput(t *testing.T) {
	src := []byte("import os\nclass C(Base, metaclass=M):\n    x: int = 1 + 2j\n    def f(self, *a, k=0x1_0000_0000_0000_0000_0, **kw) -> 'C':\n        return [y async for y in z if y] or {**kw, 'a': b'\\x00'}\nmatch v:\n    case [1, *rest] | {'k': _, **m}: pass\n# type: ignore[misc]\n")
	f := parser.Parse(src)
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors)
	}
	data := astcode.Encode(f.Module)
	for n := 0; n < len(data); n++ {
		if _, err := astcode.Decode(data[:n]); err == nil {
			t.Fatalf("a cut at %d of %d bytes decoded", n, len(data))
		}
	}
	if _, err := astcode.Decode(append(bytes.Clone(data), 0)); err == nil {
		t.Fatal("a trailing byte decoded")
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		bad := bytes.Clone(data)
		for k := 0; k < 1+rng.Intn(3); k++ {
			bad[rng.Intn(len(bad))] = byte(rng.Intn(256))
		}
		astcode.Decode(bad) // (must not panic)
	}
	if _, err := astcode.Decode([]byte("typd-ast\x01someone else's schema")); !errors.Is(err, astcode.ErrForeign) {
		t.Fatalf("a foreign encoding: %v", err)
	}
}

// BenchmarkDecodeStdlib measures decoding the corpus's trees against
// parsing their sources (lines per second of source each way).
func BenchmarkDecodeStdlib(b *testing.B) {
	_, texts := corpus(b)
	var encoded [][]byte
	lines := 0
	for _, text := range texts {
		if f := parser.Parse(text); len(f.Errors) == 0 {
			encoded = append(encoded, astcode.Encode(f.Module))
			lines += bytes.Count(text, []byte("\n"))
		}
	}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		for _, data := range encoded {
			if _, err := astcode.Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/time.Since(start).Seconds(), "lines/s")
}
