package checker_test

import (
	"fmt"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/sources"
)

// scalingShapes generate a module of n lines of one shape each: the inputs
// whose cost must stay linear (generated modules, long chains, wide
// classes).
var scalingShapes = map[string]func(n int) string{
	"assignments": func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "v%d = %d\n", i, i)
		}
		return b.String()
	},
	"branches": func(n int) string {
		var b strings.Builder
		for i := range n / 2 {
			fmt.Fprintf(&b, "v%d = %d\nif v%d:\n    v%d = 0\n", i, i, i, i)
		}
		return b.String()
	},
	"attribute-chain": func(n int) string {
		return "class A:\n    a: 'A'\nA()" + strings.Repeat(".a", n) + "\n"
	},
	"sum": func(n int) string {
		return "x = 1" + strings.Repeat(" + 1", n) + "\n"
	},
	"power": func(n int) string {
		return "x = 1" + strings.Repeat(" ** 1", n) + "\n"
	},
	"call-chain": func(n int) string {
		return "def f(): return f\nf" + strings.Repeat("()", n) + "\n"
	},
	"unary": func(n int) string {
		return "x = " + strings.Repeat("-", n) + "1\n"
	},
	"bases": func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "class B%d: pass\n", i)
		}
		b.WriteString("class C(")
		for i := range n {
			fmt.Fprintf(&b, "B%d, ", i)
		}
		b.WriteString("): pass\nC().x = 1\n")
		return b.String()
	},
}

// scalingSizes are the sizes each shape is checked at (-scaling-sizes).
var scalingSizes = []int{500, 1000, 4000, 10000, 100000, 200000}

// BenchmarkScaling checks each shape at growing sizes and reports the time
// per unit (line, link, term or base): a figure that grows with the size
// shows a super-linear cost.
func BenchmarkScaling(b *testing.B) {
	stubs, opts := stubsAndOptions(b, "--python-version", "3.11", "--no-site-packages")
	for _, shape := range []string{"assignments", "branches", "attribute-chain", "call-chain", "sum", "power", "unary", "bases"} {
		for _, n := range scalingSizes {
			src := scalingShapes[shape](n)
			b.Run(fmt.Sprintf("%s/%d", shape, n), func(b *testing.B) {
				files := fsys.Map{"a.py": []byte(src)}
				for b.Loop() {
					checker.Check(checker.Config{Files: files, Typeshed: stubs, Options: opts},
						[]sources.Source{{Path: "a.py", Module: "a"}})
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/unit")
			})
		}
	}
}
