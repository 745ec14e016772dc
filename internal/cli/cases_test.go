package cli_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"typd/checker/fsys"
	"typd/checker/typeshed"
	"typd/internal/casefile"
	"typd/internal/cli"
	"typd/workspace"
)

var updatePassing = flag.Bool("update-passing", false,
	"run every single-step mypy check case and add the ones that pass to testdata/mypy-passing.txt")

const (
	projectCases = "../../testdata"
	passingList  = "../../testdata/mypy-passing.txt"
	mypyUnit     = "../../../shared/mypy-test-data/unit"
)

// TestProjectCases runs typd's own cases (testdata/*.test); all must pass.
func TestProjectCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(projectCases, "*.test"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.test files")
	}
	for _, f := range files {
		cases, err := casefile.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if c.Skip || c.MultiStep {
				continue
			}
			t.Run(c.File+"/"+c.Name, func(t *testing.T) {
				got, want := runCase(t, c, "")
				diff := compare(got, want)
				switch {
				case diff != "" && !c.XFail:
					t.Errorf("%s:%d: %s", c.File, c.Line, diff)
				case diff == "" && c.XFail:
					t.Errorf("%s:%d: passes but is marked -xfail: drop the mark", c.File, c.Line)
				}
			})
		}
	}
}

// TestCacheRoundTrip runs typd's own cases three times: without a cache,
// then twice with one (the first run fills it, the second reads the
// parses of the sources from it), and requires the same output each time.
func TestCacheRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(projectCases, "*.test"))
	dir := t.TempDir()
	ran := 0
	for _, f := range files {
		cases, err := casefile.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if c.Skip || c.MultiStep || c.XFail {
				continue
			}
			cold, _ := runCase(t, c, "")
			for _, run := range []string{"filling the cache", "reading the cache"} {
				got, _ := runCaseCaching(t, c, "", dir)
				if diff := compare(got, cold); diff != "" {
					t.Errorf("%s:%d: %s, the output differs from a check without a cache: %s", c.File, c.Line, run, diff)
				}
			}
			ran++
		}
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "parse", "*", "*"))
	if ran == 0 || len(entries) == 0 {
		t.Fatalf("%d cases ran, %d parses stored", ran, len(entries))
	}
}

// TestMypyCases runs the mypy cases listed in testdata/mypy-passing.txt;
// every listed case must pass. With -update-passing it runs all of them
// and adds the newly passing ones to the list.
func TestMypyCases(t *testing.T) {
	if _, err := os.Stat(mypyUnit); err != nil {
		t.Skip("../shared/mypy-test-data is not here")
	}
	listed := readPassing(t)
	// TYPD_SHOW_FAILURES=check-modules.test,check-lists.test also runs those
	// files' unlisted cases and logs how each fails (a development aid; it
	// fails nothing).
	show := map[string]bool{}
	for _, f := range strings.Split(os.Getenv("TYPD_SHOW_FAILURES"), ",") {
		show[f] = f != ""
	}
	files, _ := filepath.Glob(filepath.Join(mypyUnit, "check-*.test"))
	var mu sync.Mutex
	passing := map[string]bool{}
	total, ran := 0, 0
	for _, f := range files {
		if filepath.Base(f) == "check-modules-case.test" {
			continue
		}
		cases, err := casefile.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if !runnable(c) {
				continue
			}
			total++
			if show[c.File] && !listed[c.ID()] {
				got, want := runCase(t, c, mypyUnit)
				if diff := compare(got, want); diff != "" {
					t.Logf("%s:%d: %s", c.ID(), c.Line, diff)
				}
			}
			if !listed[c.ID()] && !*updatePassing {
				continue
			}
			ran++
			got, want := runCase(t, c, mypyUnit)
			for _, line := range got {
				if strings.Contains(line, "INTERNAL ERROR") {
					t.Errorf("%s:%d: typd crashed: %s", c.ID(), c.Line, line)
				}
			}
			diff := compare(got, want)
			mu.Lock()
			if diff == "" {
				passing[c.ID()] = true
			}
			mu.Unlock()
			if diff != "" && listed[c.ID()] {
				t.Errorf("%s:%d: listed as passing but fails: %s", c.ID(), c.Line, diff)
			}
		}
	}
	for id := range listed {
		if !passing[id] && !t.Failed() {
			t.Errorf("%s is listed in mypy-passing.txt but was not found or not run", id)
		}
	}
	t.Logf("mypy cases: %d listed as passing, %d run, %d runnable in all", len(listed), ran, total)
	if *updatePassing {
		for id := range listed {
			passing[id] = true
		}
		writePassing(t, passing)
		t.Logf("mypy-passing.txt now lists %d of %d runnable cases", len(passing), total)
	}
}

// runnable reports whether the single-step runner can run a case (mypy's
// incremental and multi-step cases need the daemon's step-wise runner).
func runnable(c *casefile.Case) bool {
	if c.Skip || c.XFail || c.MultiStep || c.ParseError != "" {
		return false
	}
	name := strings.ToLower(c.Name)
	if strings.Contains(name, "incremental") || strings.Contains(c.File, "incremental") || strings.Contains(c.File, "serialize") {
		return false
	}
	if cmd := c.Command(); cmd != nil && !(len(cmd) > 2 && cmd[0] == "mypy" && cmd[1] == "-m") {
		return false
	}
	return true
}

var libStub struct {
	once  sync.Once
	files fsys.Map
	err   error
}

// loadLibStub reads mypy's lib-stub folder into stdlib/ paths.
func loadLibStub(unit string) (fsys.Map, error) {
	libStub.once.Do(func() {
		libStub.files = fsys.Map{}
		root := filepath.Join(unit, "lib-stub")
		libStub.err = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			libStub.files["stdlib/"+filepath.ToSlash(rel)] = b
			return nil
		})
	})
	return libStub.files, libStub.err
}

var pyVersionRe = regexp.MustCompile(`python3([0-9]+)\.test$`)

// impliedFlags are the options mypy's harness sets for a check case.
func impliedFlags(c *casefile.Case) []string {
	cflags := c.Flags()
	before := []string{"--no-site-packages"}
	after := []string{"--show-traceback", "--no-error-summary", "--no-incremental", "--cache-dir=" + os.DevNull}
	if strings.Contains(c.File, "errorcodes") {
		cflags = without(cflags, "--hide-error-codes")
	} else if !contains(cflags, "--show-error-codes") {
		before = append(before, "--hide-error-codes")
	}
	hasVersion := false
	for _, f := range cflags {
		hasVersion = hasVersion || strings.Split(f, "=")[0] == "--python-version"
	}
	if !hasVersion {
		minor := 10
		if m := pyVersionRe.FindStringSubmatch(c.File); m != nil {
			if v, _ := strconv.Atoi(m[1]); v > minor {
				minor = v
			}
		}
		before = append(before, "--python-version", fmt.Sprintf("3.%d", minor))
	}
	if strings.Contains(c.File, "columns") {
		after = append(after, "--show-column-numbers")
	}
	if !strings.Contains(c.File, "abstract") {
		if strings.HasSuffix(c.Name, "_no_empty") {
			cflags = without(cflags, "--allow-empty-bodies")
		} else {
			after = append(after, "--allow-empty-bodies")
		}
	}
	if !strings.HasSuffix(c.Name, "_no_verbose_reveal") {
		after = append(after, "--reveal-verbose-types")
	}
	args := append(append(before, cflags...), after...)
	if cmd := c.Command(); cmd != nil {
		for _, m := range cmd[2:] {
			args = append(args, "-m", m)
		}
		return args
	}
	return append(args, "main")
}

// runCase runs one case in-process and returns the output and the expected
// output. unit is mypy's unit folder for mypy's cases ("" for typd's own,
// which run against the full embedded typeshed and may give `# cmd: typd
// check ARGS` to run a command line as it is, summary and exit code
// included).
func runCase(t *testing.T, c *casefile.Case, unit string) (got, want []string) {
	return runCaseCaching(t, c, unit, "")
}

// runCaseCaching is runCase with `typd check`'s cache kept in the folder
// cacheDir, when not "".
func runCaseCaching(t *testing.T, c *casefile.Case, unit, cacheDir string) (got, want []string) {
	files := fsys.Map{"main": []byte(c.Input)}
	for _, f := range c.Files {
		files[f.Path] = []byte(f.Content)
	}
	stubs := caseStubs(t, c, unit)
	// mypy's harness compares what the check reports, not the warnings
	// a configuration gets on standard error: those are kept apart for
	// mypy's cases and shown only when the run fails to start (exit 2
	// with nothing reported), which fails the case.
	var out, errOut bytes.Buffer
	stderr := &out
	if unit != "" {
		stderr = &errOut
	}
	// (Two goroutines analyse the modules of a case of several: the
	// parallel analysis meets mypy's expected output too.)
	env := workspace.Env{Files: files, Typeshed: stubs, Stdout: &out, Stderr: stderr, ModuleNames: map[string]string{"main": "__main__"}, Workers: 2,
		Getenv: func(k string) string {
			if k == "MYPYPATH" {
				return casefile.TempDir
			}
			return ""
		}}
	var args []string
	cmd := c.Command()
	own := unit == "" && len(cmd) >= 2 && cmd[0] == "typd" && cmd[1] == "check"
	if own {
		args = cmd[2:]
	} else {
		args = impliedFlags(c)
	}
	if cacheDir != "" {
		env.KeepsCache = true
		args = append(args, "--incremental", "--cache-dir="+cacheDir)
	}
	code := cli.Check(env, args)
	got = cleanLines(out.String())
	if code == 2 && len(got) == 0 {
		got = cleanLines(errOut.String())
	}
	for _, f := range c.OutFiles {
		// typd writes no report files: a case that expects one fails.
		got = append(got, "(no report file "+f.Path+" written)")
	}
	if own && code != 0 {
		got = append(got, fmt.Sprintf("== Return code: %d", code))
	}
	return got, sortInline(c, c.Output, got)
}

// caseStubs are the stubs a case runs against: the embedded typeshed,
// under mypy's lib-stub and the case's fixtures for mypy's cases (unit is
// mypy's unit folder, "" for typd's own cases).
func caseStubs(t *testing.T, c *casefile.Case, unit string) fsys.FS {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Fatal(typeshed.ProvisionHint)
	}
	stubs := fsys.FromFS(embedded)
	if unit != "" {
		lib, err := loadLibStub(unit)
		if err != nil {
			t.Fatal(err)
		}
		top := fsys.Map{}
		for k, v := range lib {
			top[k] = v
		}
		for kind, fixture := range c.Fixtures {
			b, err := os.ReadFile(filepath.Join(unit, fixture))
			if err != nil {
				t.Fatalf("%s: fixture %s: %v", c.ID(), fixture, err)
			}
			top["stdlib/"+kind+".pyi"] = b
		}
		top["stdlib/VERSIONS"] = versionsWith(t, embedded, top)
		stubs = fsys.Overlay(top, stubs)
	}
	return stubs
}

// versionsWith returns typeshed's VERSIONS plus an entry for each top-level
// module the overlay adds, as mypy's harness writes it.
func versionsWith(t *testing.T, typeshedFS fs.FS, overlay fsys.Map) []byte {
	base, err := fs.ReadFile(typeshedFS, "stdlib/VERSIONS")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, line := range strings.Split(string(base), "\n") {
		line, _, _ = strings.Cut(line, "#")
		if mod, _, ok := strings.Cut(line, ":"); ok {
			known[strings.TrimSpace(mod)] = true
		}
	}
	var extra []string
	for p := range overlay {
		rel := strings.TrimPrefix(p, "stdlib/")
		top, _, _ := strings.Cut(rel, "/")
		top = strings.TrimSuffix(strings.TrimSuffix(top, ".pyi"), ".py")
		if !known[top] {
			known[top] = true
			extra = append(extra, top+": 3.0-")
		}
	}
	sort.Strings(extra)
	return []byte(string(base) + "\n" + strings.Join(extra, "\n") + "\n")
}

func cleanLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \r")
	}
	return lines
}

// sortInline orders the inline expectations by the order in which their
// files appear in the actual output, as mypy's harness does.
func sortInline(c *casefile.Case, expected, actual []string) []string {
	idx := c.OutputInlineStart
	if len(c.Files) == 0 || idx == len(expected) {
		return expected
	}
	fname := func(m string) string { f, _, _ := strings.Cut(m, ":"); return f }
	weight := map[string]int{}
	for i, m := range actual {
		weight[fname(m)] = i
	}
	w := func(m string) int {
		if v, ok := weight[fname(m)]; ok {
			return v
		}
		return -1
	}
	rest := append([]string(nil), expected[idx:]...)
	sort.SliceStable(rest, func(i, j int) bool { return w(rest[i]) < w(rest[j]) })
	return append(append([]string(nil), expected[:idx]...), rest...)
}

// compare returns "" when the outputs match, else a readable difference.
func compare(got, want []string) string {
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return ""
	}
	return fmt.Sprintf("output differs\n--- expected\n%s\n--- actual\n%s", strings.Join(want, "\n"), strings.Join(got, "\n"))
}

func readPassing(t *testing.T) map[string]bool { return readList(t, passingList) }

func writePassing(t *testing.T, ids map[string]bool) {
	writeList(t, passingList, ids, "mypy check cases known to pass (run by `make test`; grown by `make update-passing`)")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
