package parser_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"typd/parser"
	"typd/parser/internal/cst"
)

// stdlibCorpus reads every .py file of the local CPython standard library.
func stdlibCorpus(tb testing.TB) (files [][]byte, lines int) {
	_, dir := stdlibDir(tb)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".py") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files = append(files, b)
			lines += bytes.Count(b, []byte("\n"))
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files, lines
}

// benchStdlib runs parse over the whole standard library per iteration
// and reports lines/s.
func benchStdlib(b *testing.B, parse func([]byte)) {
	files, lines := stdlibCorpus(b)
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		for _, f := range files {
			parse(f)
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/time.Since(start).Seconds(), "lines/s")
}

// BenchmarkParseStdlib measures parse + CST→AST conversion over the whole
// local standard library, single-threaded, and reports lines/s.
func BenchmarkParseStdlib(b *testing.B) {
	benchStdlib(b, func(src []byte) { parser.Parse(src) })
}

// BenchmarkTreeSitterOnly measures tree-sitter's parse and the C flattening
// alone, to separate the conversion's cost from the grammar's.
func BenchmarkTreeSitterOnly(b *testing.B) {
	benchStdlib(b, func(src []byte) { cst.Parse(src) })
}

// BenchmarkReparseOneLineEdit measures Reparse after a one-line edit inside
// a method of the standard library's largest module (_pydecimal.py, ~6,400
// lines), against a whole parse of the same file: the daemon's path when a
// user edits a function body.
func BenchmarkReparseOneLineEdit(b *testing.B) {
	_, dir := stdlibDir(b)
	src, err := os.ReadFile(filepath.Join(dir, "_pydecimal.py"))
	if err != nil {
		b.Skip(err)
	}
	anchor := []byte("        # ln(NaN) = NaN\n")
	at := bytes.Index(src, anchor)
	if at < 0 {
		b.Fatal("no anchor in _pydecimal.py")
	}
	edited := append(append(append([]byte{}, src[:at]...), "        _bench_edit = 1\n"...), src[at:]...)
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			parser.Parse(edited)
		}
	})
	b.Run("reparse", func(b *testing.B) {
		texts := [2][]byte{src, edited}
		f := parser.Parse(src)
		i := 0
		for b.Loop() {
			f = parser.Reparse(f, texts[i%2], texts[(i+1)%2])
			i++
		}
	})
}
