package reach

import (
	"testing"

	"typd/parser"
	"typd/parser/ast"
)

func TestInfer(t *testing.T) {
	c := &Config{PythonVersion: [2]int{3, 11}, Platform: "linux", AlwaysTrue: []string{"FOO"}, AlwaysFalse: []string{"BAR"}}
	for src, want := range map[string]Truth{
		"sys.version_info >= (3, 10)":      AlwaysTrue,
		"sys.version_info < (3, 8)":        AlwaysFalse,
		"(3, 12) <= sys.version_info":      AlwaysFalse,
		"sys.version_info[0] >= 3":         AlwaysTrue,
		"sys.version_info[:2] == (3, 11)":  AlwaysTrue,
		"sys.platform == 'win32'":          AlwaysFalse,
		"sys.platform.startswith('lin')":   AlwaysTrue,
		"TYPE_CHECKING":                    MypyTrue,
		"not typing.TYPE_CHECKING":         MypyFalse,
		"FOO and sys.platform != 'darwin'": AlwaysTrue,
		"BAR or x":                         Unknown,
		"x or sys.version_info >= (3,)":    AlwaysTrue,
		"PY2":                              AlwaysFalse,
		"x":                                Unknown,
		"sys.version_info >= (3, 10) and sys.platform == 'darwin'": AlwaysFalse,
	} {
		f := parser.Parse([]byte(src + "\n"))
		if len(f.Errors) > 0 {
			t.Fatalf("%s: %v", src, f.Errors)
		}
		e := f.Module.Body[0].(*ast.ExprStmt).Value
		if got := c.Infer(e); got != want {
			t.Errorf("Infer(%s) = %d, want %d", src, got, want)
		}
	}
}
