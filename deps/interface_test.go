package deps_test

import (
	"testing"

	"typd/parser/ast"

	"typd/deps"
	"typd/parser"
)

func fingerprint(t *testing.T, src string) deps.Fingerprint {
	t.Helper()
	f := parser.Parse([]byte(src))
	if len(f.Errors) > 0 {
		t.Fatalf("%q: %v", src, f.Errors)
	}
	return deps.Interface(f.Module)
}

func TestInterface(t *testing.T) {
	base := "import os\nclass C:\n    def __init__(self) -> None:\n        self.x = 1\n    def m(self) -> int:\n        y = 1\n        return y\n\ndef f(a: int) -> str:\n    return str(a)\n"
	for _, tc := range []struct {
		name, src string
		same      bool
	}{
		{"identical", base, true},
		{"comment and blank lines", "# hello\n\n" + base + "\n# bye\n", true},
		{"body of a function", "import os\nclass C:\n    def __init__(self) -> None:\n        self.x = 1\n    def m(self) -> int:\n        y = 2\n        return y + 1\n\ndef f(a: int) -> str:\n    return repr(a)\n", true},
		{"other statements of a method that assigns attributes", "import os\nclass C:\n    def __init__(self) -> None:\n        print('hello')\n        self.x = 1\n    def m(self) -> int:\n        y = 1\n        return y\n\ndef f(a: int) -> str:\n    return str(a)\n", true},
		{"attribute assigned in a method", "import os\nclass C:\n    def __init__(self) -> None:\n        self.x = ''\n    def m(self) -> int:\n        y = 1\n        return y\n\ndef f(a: int) -> str:\n    return str(a)\n", false},
		{"signature", "import os\nclass C:\n    def __init__(self) -> None:\n        self.x = 1\n    def m(self) -> int:\n        y = 1\n        return y\n\ndef f(a: str) -> str:\n    return str(a)\n", false},
		{"body becomes a generator", "import os\nclass C:\n    def __init__(self) -> None:\n        self.x = 1\n    def m(self) -> int:\n        y = 1\n        return y\n\ndef f(a: int) -> str:\n    yield str(a)\n", false},
		{"body becomes trivial", "import os\nclass C:\n    def __init__(self) -> None:\n        self.x = 1\n    def m(self) -> int:\n        ...\n\ndef f(a: int) -> str:\n    return str(a)\n", false},
		{"import", "import sys\nclass C:\n    def __init__(self) -> None:\n        self.x = 1\n    def m(self) -> int:\n        y = 1\n        return y\n\ndef f(a: int) -> str:\n    return str(a)\n", false},
		{"global declared in a body", base + "def g() -> None:\n    global z\n    z = 1\n", false},
		{"signature type comment", "def f(a):\n    # type: (int) -> str\n    return str(a)\n", false},
	} {
		got := fingerprint(t, tc.src) == fingerprint(t, base)
		if tc.name == "signature type comment" {
			got = fingerprint(t, tc.src) == fingerprint(t, "def f(a):\n    # type: (str) -> str\n    return str(a)\n")
		}
		if got != tc.same {
			t.Errorf("%s: same fingerprint = %v, want %v", tc.name, got, tc.same)
		}
	}
}

// TestInterfaceFlow checks that a method assigning an attribute from a
// variable keeps its whole body in the fingerprint: the variable's type
// there (declared, narrowed) is the attribute's.
func TestInterfaceFlow(t *testing.T) {
	narrowed := func(to string) string {
		return "class Foo:\n    def __init__(self) -> None:\n        x: A\n        assert isinstance(x, " + to + ")\n        self.x = x\n"
	}
	if fingerprint(t, narrowed("B")) == fingerprint(t, narrowed("C")) {
		t.Error("the narrowing of the value an attribute is assigned left the fingerprint as it was")
	}
	after := func(stmt string) string {
		return "class Foo:\n    def __init__(self, x: int) -> None:\n        self.x = x\n        " + stmt + "\n"
	}
	if fingerprint(t, after("print(1)")) != fingerprint(t, after("x = ''")) {
		t.Error("a statement after the attribute's assignment changed the fingerprint")
	}
	before := func(stmt string) string {
		return "class Foo:\n    def __init__(self, x: int) -> None:\n        " + stmt + "\n        y = x\n        self.x = y\n"
	}
	for stmt, same := range map[string]bool{
		"pass": true, "z = 1": true, "z: int": true, "z: str = 'a'": true, // other names, no calls
		"x = ''": false, "z = f()": false, "assert isinstance(x, bool)": false, // read names, a call, a narrowing
	} {
		if got := fingerprint(t, before(stmt)) == fingerprint(t, before("pass")); got != same {
			t.Errorf("%q before the attribute's assignment: same fingerprint = %v, want %v", stmt, got, same)
		}
	}
	literal := func(stmt string) string {
		return "class Foo:\n    def __init__(self) -> None:\n        " + stmt + "\n        self.x = 1\n"
	}
	if fingerprint(t, literal("print(1)")) != fingerprint(t, literal("print(2)")) {
		t.Error("a statement beside an attribute assigned a literal changed the fingerprint")
	}
}

// BenchmarkInterface fingerprints a 1,000-line module.
func BenchmarkInterface(b *testing.B) {
	var src []byte
	for i := 0; i < 100; i++ {
		src = append(src, []byte("class C:\n    def __init__(self, a: int) -> None:\n        self.a = a\n    def m(self, b: str) -> str:\n        c = b * self.a\n        if c:\n            return c\n        return b\n\nx: int = 1\n")...)
	}
	f := parser.Parse(src)
	for b.Loop() {
		deps.Interface(f.Module)
	}
}

// TestSurface checks that hiding a name leaves its definition out of the
// fingerprint, and only that: a module with a new definition of a hidden
// name has the old module's surface; hiding it changes nothing else.
func TestSurface(t *testing.T) {
	parse := func(src string) *ast.Module { return parser.Parse([]byte(src)).Module }
	old := parse("import os\nx: int = 1\ndef f() -> int:\n    return 1\n")
	added := parse("import os\nx: int = 1\ndef fresh(a: str) -> str:\n    return a\ndef f() -> int:\n    return 1\nclass Fresh2: pass\nv = 2\n")
	hidden := map[string]bool{"fresh": true, "Fresh2": true, "v": true}
	if deps.Surface(added, hidden) != deps.Interface(old) {
		t.Error("hiding the new definitions does not give the old interface")
	}
	if deps.Surface(added, map[string]bool{"fresh": true}) == deps.Interface(old) {
		t.Error("a definition not hidden left out of the fingerprint")
	}
	for src, name := range map[string]string{"def g(): pass": "g", "class C: pass": "C", "x = 1": "x", "x: int": "x",
		"x = y = 1": "", "(x): int = 1": "", "a.b = 1": "", "import x": "", "x += 1": "", "if c:\n    x = 1": ""} {
		if got := deps.Defines(parse(src).Body[0]); got != name {
			t.Errorf("Defines(%q) = %q, want %q", src, got, name)
		}
	}
}
