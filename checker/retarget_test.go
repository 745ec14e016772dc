package checker_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/targets"
	"typd/checker/typeshed"
	"typd/parser"
	"typd/parser/ast"
)

// retargetProgram exercises what a function's check reads from outside it:
// module variables assigned before and after it, class variables in
// defaults and decorators, property setters, overloads (one with a part
// under an if statement), self attributes, nested functions, ignore
// comments, a message naming a line, and what a def's header finds: an
// incompatible override, a decorator's wrong argument, a name bound by an
// assignment expression in a decorator.
const retargetProgram = `from typing import TYPE_CHECKING, Callable, overload, Union
import helper

LIMIT = 10

def early() -> int:
    return LATE + LIMIT

class Base:
    size: int = 3
    def grow(self, by: int = size) -> int:
        x: str = by  # type: ignore
        return self.size + by

    @property
    def name(self) -> str:
        return "b"

    @name.setter
    def name(self, value: str) -> None:
        self.label = value

    @overload
    def pick(self, x: int) -> int: ...
    @overload
    def pick(self, x: str) -> str: ...
    def pick(self, x: Union[int, str]) -> Union[int, str]:
        return x

class Child(Base):
    def grow(self, by: int = 1) -> int:
        def inner() -> str:
            return by
        return helper.twice(by)

LATE = "late"
LATE = 3

def last(b: Base) -> None:
    b.name = 1
    reveal_type(b.pick(1))
    y: int = LATE

@overload
def cond(x: int) -> int: ...
if TYPE_CHECKING:
    @overload
    def cond(x: str) -> str: ...
def cond(x: Union[int, str]) -> Union[int, str]:
    return x  # cond

class Sized:
    def size_of(self) -> int:
        return 1

class Resized(Sized):
    def size_of(self) -> str:
        return 'resized'

def tagged(n: int) -> Callable[[Callable[[], None]], Callable[[], None]]:
    return lambda f: f

@tagged('one')
def decorated() -> None:
    pass

@tagged(level := 2)
def leveled() -> None:
    pass

w: str = level
reveal_type(level)
if level:
    reveal_type(level)
`

const retargetHelper = "def twice(x: int) -> int:\n    return 2 * x\n"

// TestRetargetMatchesColdCheck edits a module one edit at a time (function
// bodies, signatures, new functions and methods, module and class level
// statements): the session re-checks only the functions the edit can
// reach where it can, and prints exactly what a cold check prints.
func TestRetargetMatchesColdCheck(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	opts, _, err := options.Parse([]string{"--python-version", "3.12", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	files := fsys.Map{"main.py": []byte(retargetProgram), "helper.py": []byte(retargetHelper)}
	srcs := []sources.Source{{Path: "main.py", Module: "main"}, {Path: "helper.py", Module: "helper"}}
	cfg := checker.Config{Files: files, Typeshed: fsys.FromFS(embedded), Options: opts}
	sess := checker.NewSession()
	first := format(sess.Check(cfg, srcs).Diagnostics)
	for _, want := range []string{`Return type "str" of "size_of" incompatible with return type "int" in supertype "Sized"`,
		`Argument 1 to "tagged" has incompatible type "str"; expected "int"`,
		`Incompatible types in assignment (expression has type "int", variable has type "str")`} {
		if !strings.Contains(first, want) {
			t.Fatalf("the program's first check lacks %q:\n%s", want, first)
		}
	}
	// Each edit replaces the first occurrence of a text.
	steps := []struct {
		name, old, new string
		retargeted     int
	}{
		{"error added in a body", "    return LATE + LIMIT\n", "    z: str = LIMIT\n    return LATE + LIMIT\n", 1},
		{"same error moved down a line", "    z: str = LIMIT\n", "    z: str = LIMIT\n\n", 1},
		{"error removed", "    z: str = LIMIT\n\n", "", 1},
		{"method body with class defaults", "        return self.size + by\n", "        return self.size + by + ''\n", 1},
		{"ignore comment's line", "        x: str = by  # type: ignore\n", "        x: str = by\n", 1},
		{"property setter body", "        self.label = value\n", "        self.label = value\n        value.nope\n", 1},
		{"attribute assigned in a body", "        self.label = value\n", "        self.label = 1\n", 1},
		{"nested function", "            return by\n", "            return str(by)\n", 1},
		{"overload implementation", "        return x\n", "        return x  # changed\n", 1},
		{"implementation of an overload merged with a part under an if", "    return x  # cond\n", "    return x  # cond, changed\n", 1},
		{"last function's last line", "    y: int = LATE\n", "    y: int = LATE\n    y = ''\n", 1},
		{"signature", "def early() -> int:", "def early() -> str:", 1},
		{"module level", "LIMIT = 10", "LIMIT = '10'", 1},
		{"class body", "    size: int = 3\n", "    size: int = 3\n    other = 1\n", 1},
		{"lines removed above others", "LATE = \"late\"\nLATE = 3\n", "LATE = 3\n", 1},
		{"body after lines removed", "        return helper.twice(by)\n", "        return helper.twice('')\n", 1},
		{"new function", "def last(b: Base) -> None:\n", "def added(x: int) -> str:\n    return x\n\ndef last(b: Base) -> None:\n", 1},
		{"new function named in another", "    y: int = LATE\n", "    y: int = LATE\n    y = added(1)\n", 1},
		{"named function's signature", "def added(x: int) -> str:", "def added(x: int) -> int:", 1},
		{"new method others call", "    def name(self) -> str:\n", "    def extra(self) -> int:\n        return ''\n\n    def name(self) -> str:\n", 1},
		{"called method's signature", "    def extra(self) -> int:", "    def extra(self) -> str:", 1},
		{"call of the method", "    b.name = 1\n", "    b.name = 1\n    z: int = b.extra()\n", 1},
		{"method's signature again", "    def extra(self) -> str:", "    def extra(self) -> int:", 1},
		{"base of a class", "class Child(Base):", "class Child(object):", 1},
		{"two assignments of a name", "def last(b: Base) -> None:\n", "SWAP = 1\nSWAP = ''\n\ndef swapped() -> int:\n    return SWAP\n\ndef last(b: Base) -> None:\n", 1},
		{"the assignments swapped", "SWAP = 1\nSWAP = ''\n", "SWAP = ''\nSWAP = 1\n", 1},
		{"methods that assign an attribute", "    def extra(self) -> int:\n", "    def first(self) -> None:\n        self.order = 1\n\n    def second(self) -> None:\n        self.order = ''\n\n    def reader(self) -> int:\n        return self.order\n\n    def extra(self) -> int:\n", 1},
		{"those methods swapped", "    def first(self) -> None:\n        self.order = 1\n\n    def second(self) -> None:\n        self.order = ''\n", "    def second(self) -> None:\n        self.order = ''\n\n    def first(self) -> None:\n        self.order = 1\n", 1},
		{"a statement added above others", "LIMIT = '10'\n", "ADDED = 0\nLIMIT = '10'\n", 1},
		{"body edit beside defs whose headers have errors", "    return LATE + LIMIT\n", "    return LATE + LIMIT + 0\n", 1},
		{"the overridden method's return type", "    def size_of(self) -> int:", "    def size_of(self) -> str:", 1},
		{"the decorator factory's parameter", "def tagged(n: int)", "def tagged(n: str)", 1},
		{"star import", "import helper\n", "import helper\nfrom helper import *\n", 0},
	}
	for _, step := range steps {
		text := string(files["main.py"])
		if !strings.Contains(text, step.old) {
			t.Fatalf("%s: %q not in the program", step.name, step.old)
		}
		files["main.py"] = []byte(strings.Replace(text, step.old, step.new, 1))
		warm := sess.Check(cfg, srcs)
		cold := checker.Check(cfg, srcs)
		if got, want := format(warm.Diagnostics), format(cold.Diagnostics); got != want {
			t.Errorf("%s: session printed\n%s\ncold check printed\n%s", step.name, got, want)
		}
		if warm.Retargeted != step.retargeted {
			t.Errorf("%s: %d modules re-checked in part, want %d", step.name, warm.Retargeted, step.retargeted)
		}
	}
}

// TestRetargetRandomEdits makes random one-line edits inside the function
// bodies of real modules (the local standard library's, or the package
// named by TYPD_RETARGET_DIR) and compares each session recheck with a
// cold check of the same text.
func TestRetargetRandomEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: checks many modules twice per edit")
	}
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Fatal(typeshed.ProvisionHint)
	}
	dir := os.Getenv("TYPD_RETARGET_DIR")
	files, edits := 25, 6
	if dir == "" {
		dir = localStdlib(t)
	} else {
		files, edits = 1000, 10
	}
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && (d.Name() == "site-packages" || d.Name() == "dist-packages" || d.Name() == "test" ||
			d.Name() == "tests" || d.Name() == "idlelib" || d.Name() == "lib2to3") {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			paths = append(paths, p)
		}
		return nil
	})
	slices.Sort(paths)
	rng := rand.New(rand.NewSource(7))
	rng.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
	opts, _, err := options.Parse([]string{"--python-version", "3.11", "--no-site-packages", "--check-untyped-defs"})
	if err != nil {
		t.Fatal(err)
	}
	stubs := fsys.FromFS(embedded)
	retargeted, tried := 0, 0
	for _, path := range paths[:min(files, len(paths))] {
		text, err := os.ReadFile(path)
		if err != nil || len(text) > 200_000 {
			continue
		}
		lines := bodyLines(text)
		if len(lines) == 0 {
			continue
		}
		fs := fsys.Map{"m.py": text}
		srcs := []sources.Source{{Path: "m.py", Module: "m"}}
		cfg := checker.Config{Files: fs, Typeshed: stubs, Options: opts}
		sess := checker.NewSession()
		sess.Check(cfg, srcs)
		for i := 0; i < edits; i++ {
			cur := fs["m.py"]
			lines = bodyLines(cur)
			if len(lines) == 0 {
				break
			}
			edited := randomEdit(rng, cur, lines[rng.Intn(len(lines))])
			if decls := declarationLines(cur); i%3 == 2 && len(decls) > 0 {
				edited = randomDeclarationEdit(rng, cur, decls[rng.Intn(len(decls))])
			}
			fs["m.py"] = edited
			warm := sess.Check(cfg, srcs)
			cold := checker.Check(cfg, srcs)
			tried++
			retargeted += warm.Retargeted
			if got, want := format(warm.Diagnostics), format(cold.Diagnostics); got != want {
				t.Errorf("%s, edit %d: session printed\n%s\ncold check printed\n%s\nedited text:\n%s", path, i, got, want,
					excerpt(edited, cur))
				break
			}
		}
	}
	t.Logf("%d edits, %d of them re-checked in part", tried, retargeted)
	if tried > 0 && retargeted*2 < tried {
		t.Errorf("only %d of %d edits took the partial path", retargeted, tried)
	}
}

// bodyLines returns the offsets of the lines that start a statement inside
// the body of a target (a function or method), after its first.
func bodyLines(text []byte) []int {
	f := parser.Parse(text)
	if len(f.Errors) > 0 {
		return nil
	}
	starts := lineOffsets(text)
	var out []int
	for _, tg := range targets.Index(f.Module) {
		for _, s := range tg.Def.Body[1:] {
			if l := int(s.Pos().Lineno); l-1 < len(starts) {
				out = append(out, starts[l-1])
			}
		}
	}
	return out
}

// lineOffsets returns the offset of each line of a text.
func lineOffsets(text []byte) []int {
	starts := []int{0}
	for i, b := range text {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// declarationLines returns the offsets of the lines that start a
// statement of the module's top level or of a class body in it.
func declarationLines(text []byte) []int {
	f := parser.Parse(text)
	if len(f.Errors) > 0 {
		return nil
	}
	starts := lineOffsets(text)
	var out []int
	var walk func(body []ast.Stmt)
	walk = func(body []ast.Stmt) {
		for _, s := range body {
			line := int(s.Pos().Lineno)
			if f, ok := s.(*ast.FunctionDef); ok && len(f.DecoratorList) > 0 {
				line = int(f.DecoratorList[0].Pos().Lineno)
			}
			if c, ok := s.(*ast.ClassDef); ok {
				if len(c.DecoratorList) > 0 {
					line = int(c.DecoratorList[0].Pos().Lineno)
				}
				walk(c.Body)
			}
			if line-1 < len(starts) {
				out = append(out, starts[line-1])
			}
		}
	}
	walk(f.Module.Body)
	return out
}

// randomDeclarationEdit makes one edit of the declarations at the line at
// offset at (one that starts a statement of the top level or of a class
// body): a new def (a method in a class) that others may now name or that
// shadows a builtin, a new declared variable, a def renamed, or a def's
// return type changed.
func randomDeclarationEdit(rng *rand.Rand, text []byte, at int) []byte {
	end := bytes.IndexByte(text[at:], '\n')
	if end < 0 {
		end = len(text) - at
	}
	line := text[at : at+end]
	indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
	param := "x"
	if len(indent) > 0 {
		param = "self"
	}
	var insert string
	switch rng.Intn(5) {
	case 0:
		insert = fmt.Sprintf("def edit_fn(%s) -> int:\n%s    return ''\n", param, indent)
	case 1:
		insert = fmt.Sprintf("def len(%s) -> str:\n%s    return ''\n", param, indent)
	case 2:
		insert = "edit_var: str = 1\n"
	case 3:
		if i := bytes.Index(line, []byte("def ")); i >= 0 {
			if j := bytes.IndexByte(line[i:], '('); j > 0 {
				return slices.Concat(text[:at+i+j], []byte("_edited"), text[at+i+j:])
			}
		}
		insert = "edit_var = 1\n"
	default:
		if i := bytes.Index(line, []byte(") -> ")); i >= 0 {
			if j := bytes.LastIndexByte(line, ':'); j > i {
				return slices.Concat(text[:at+i], []byte(") -> int"), text[at+j:])
			}
		}
		insert = "edit_var = ''\n"
	}
	return slices.Concat(text[:at], indent, []byte(insert), text[at:])
}

// randomEdit makes one edit at the start of the line at offset at: a new
// statement (with or without an error) in the line's indentation, or a
// change of the line's first name.
func randomEdit(rng *rand.Rand, text []byte, at int) []byte {
	end := bytes.IndexByte(text[at:], '\n')
	if end < 0 {
		end = len(text) - at
	}
	line := text[at : at+end]
	indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
	var insert string
	switch rng.Intn(5) {
	case 0:
		insert = "edit_var = 1\n"
	case 1:
		insert = "edit_var: str = 1\n"
	case 2:
		insert = "reveal_type(edit_var)\n"
	case 3:
		insert = "edit_var = 1; edit_var.nope\n"
	default:
		insert = fmt.Sprintf("edit_%d = (\n%s    1)\n", rng.Intn(100), indent)
	}
	return slices.Concat(text[:at], indent, []byte(insert), text[at:])
}

// excerpt shows the lines around the first difference of two texts.
func excerpt(edited, before []byte) string {
	i := 0
	for i < len(edited) && i < len(before) && edited[i] == before[i] {
		i++
	}
	lo := max(0, bytes.LastIndexByte(edited[:i], '\n'))
	hi := min(len(edited), i+200)
	return fmt.Sprintf("line %d: %s", 1+bytes.Count(edited[:i], []byte("\n")), edited[lo:hi])
}

// TestSessionRandomPackageEdits makes random edits of the declarations of
// a package's modules (the local standard library's email package, or the
// package folder TYPD_SESSION_PACKAGE names, such as mypy's source): new
// functions and methods, renamed defs, changed return types, new
// variables. After each, a session re-checks only what the edit can reach
// (modules that name nothing it changed keep their diagnostics, the others
// are re-checked in part where they can be) and must print exactly what a
// cold check of the whole package prints. TYPD_SESSION_SEED changes the
// edits.
func TestSessionRandomPackageEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: checks the package twice per edit")
	}
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Fatal(typeshed.ProvisionHint)
	}
	dir, edits := os.Getenv("TYPD_SESSION_PACKAGE"), 40
	if dir == "" {
		dir, edits = filepath.Join(localStdlib(t), "email"), 12
	}
	fs := fsys.Map{}
	var srcs []sources.Source
	var paths []string
	root := filepath.Dir(dir)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && (d.Name() == "test" || d.Name() == "tests" || d.Name() == "typeshed") {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		text, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		fs[rel] = text
		mod := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(rel, ".py"), "/__init__"), "/", ".")
		srcs = append(srcs, sources.Source{Path: rel, Module: mod})
		paths = append(paths, rel)
		return nil
	})
	if len(paths) == 0 {
		t.Skipf("no package at %s", dir)
	}
	slices.Sort(paths)
	opts, _, err := options.Parse([]string{"--python-version", "3.11", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := checker.Config{Files: fs, Typeshed: fsys.FromFS(embedded), Options: opts}
	sess := checker.NewSession()
	sess.Check(cfg, srcs)
	seed := int64(11)
	if s, err := strconv.ParseInt(os.Getenv("TYPD_SESSION_SEED"), 10, 64); err == nil {
		seed = s
	}
	rng := rand.New(rand.NewSource(seed))
	analyzed, partly := 0, 0
	for i := 0; i < edits; i++ {
		path := paths[rng.Intn(len(paths))]
		cur := fs[path]
		decls := declarationLines(cur)
		if len(decls) == 0 {
			continue
		}
		edited := randomDeclarationEdit(rng, cur, decls[rng.Intn(len(decls))])
		if len(parser.Parse(edited).Errors) > 0 {
			continue
		}
		fs[path] = edited
		warm := sess.Check(cfg, srcs)
		cold := checker.Check(cfg, srcs)
		analyzed += warm.Analyzed
		partly += warm.Retargeted
		if got, want := format(warm.Diagnostics), format(cold.Diagnostics); got != want {
			t.Fatalf("edit %d of %s: session printed\n%s\ncold check printed\n%s\nedited text:\n%s", i, path, got, want,
				excerpt(edited, cur))
		}
	}
	t.Logf("%d edits of %d modules: %d modules analysed again, %d of them in part", edits, len(paths), analyzed, partly)
}
