package cli_test

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/inspect"
	"typd/internal/casefile"
	"typd/suggest"
	"typd/workspace"
)

// stepFiles are mypy's multi-step test files the step runner runs.
var stepFiles = []string{"fine-grained-suggest.test", "fine-grained-inspect.test", "fine-grained.test", "fine-grained-attr.test", "fine-grained-blockers.test", "fine-grained-cache-incremental.test", "fine-grained-cycles.test", "fine-grained-dataclass-transform.test", "fine-grained-dataclass.test", "fine-grained-follow-imports.test", "fine-grained-modules.test", "fine-grained-python312.test", "fine-grained-python314.test"}

const stepPassingList = "../../testdata/mypy-steps-passing.txt"

var updateStepPassing = flag.Bool("update-step-passing", false, "add the step cases that pass to testdata/mypy-steps-passing.txt")

// TestMypyStepCases runs the multi-step cases of mypy's fine-grained test
// files as mypy's harness (mypy/test/testfinegrained.py) runs them, in
// process on one session: step 1 checks the files, each later step applies
// its file changes and checks again; after each step the `# suggest:` and
// `# inspect:` queries of that step are answered, and the output of every
// step, separated by "==", must be the case's, and each step's check must
// print what a cold check of the same files prints (DESIGN.md invariant
// 3). Cases that assert mypy's dependency bookkeeping ([triggered],
// [stale], ...) and those for its cache are not run. The cases listed in
// testdata/mypy-steps-passing.txt must pass; -update-step-passing adds the
// others that do.
func TestMypyStepCases(t *testing.T) {
	unit := filepath.Join("..", "..", "..", "shared", "mypy-test-data", "unit")
	if _, err := os.Stat(unit); err != nil {
		t.Skip("mypy's test data is not beside the repository")
	}
	passing := readList(t, stepPassingList)
	show := os.Getenv("TYPD_SHOW_FAILURES")
	total, passed := 0, 0
	for _, name := range stepFiles {
		fileTotal, filePassed := total, passed
		cases, err := casefile.ParseFile(filepath.Join(unit, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if only := os.Getenv("TYPD_ONLY_CASE"); only != "" && c.Name != only {
				continue
			}
			if c.Skip || c.XFail || c.OnlyWhenCache || c.Bookkeeping || c.ParseError != "" {
				continue
			}
			total++
			got, want := runSteps(t, c, unit)
			diff := compare(got, want)
			if diff == "" {
				passed++
				passing[c.ID()] = true
				continue
			}
			switch {
			case passing[c.ID()] && !*updateStepPassing:
				t.Errorf("%s (line %d), listed as passing: %s", c.ID(), c.Line, diff)
			case show == name || show == "all":
				t.Logf("%s (line %d): %s", c.ID(), c.Line, diff)
			}
		}
		t.Logf("%s: %d of %d", name, passed-filePassed, total-fileTotal)
	}
	t.Logf("%d of %d runnable step cases pass", passed, total)
	if *updateStepPassing {
		writeList(t, stepPassingList, passing, "mypy multi-step cases known to pass (run by `make test`; grown by `make update-passing`)")
	}
}

// runSteps runs a case's steps and returns the output and the expected
// output.
func runSteps(t *testing.T, c *casefile.Case, unit string) (got, want []string) {
	files := fsys.Map{"main": []byte(c.Input)}
	for _, f := range c.Files {
		files[f.Path] = []byte(f.Content)
	}
	stubs := caseStubs(t, c, unit)
	sess := checker.NewSession()
	for step := 1; step <= c.StepCount(); step++ {
		if step > 1 {
			got = append(got, "==")
			if step-2 < len(c.Steps) {
				applyStep(files, c.Steps[step-2])
			}
		}
		var out bytes.Buffer
		// (The session analyses with two goroutines, the cold check with
		// one: invariant 3 covers the parallel analysis too.)
		env := workspace.Env{Files: files, Typeshed: stubs, Stdout: &out, Stderr: &out,
			ModuleNames: map[string]string{"main": "__main__"}, Workers: 2,
			Getenv: func(k string) string {
				if k == "MYPYPATH" {
					return casefile.TempDir
				}
				return ""
			}}
		inv, _ := workspace.Parse(env, stepFlags(c, step, files), "typd check")
		check := func() {
			if inv != nil {
				workspace.Run(env, inv, sess)
			}
		}
		check()
		warm := cleanLines(out.String())
		got = append(got, withoutTemp(slices.Clone(warm))...)
		// DESIGN.md invariant 3: the session's answer is a cold check's.
		if inv != nil {
			var cold bytes.Buffer
			coldEnv := env
			coldEnv.Stdout, coldEnv.Stderr, coldEnv.Workers = &cold, &cold, 1
			workspace.Run(coldEnv, inv, nil)
			if strings.Join(cleanLines(cold.String()), "\n") != strings.Join(warm, "\n") {
				got = append(got, "(step "+strconv.Itoa(step)+": a cold check prints otherwise:)")
				got = append(got, cleanLines(cold.String())...)
			}
		}
		// A check again (--force-reload) prints nothing the case sees.
		env.Stdout, env.Stderr = io.Discard, io.Discard
		got = append(got, answerQueries(sess, c, step, check)...)
	}
	return got, c.Output
}

// applyStep applies one step's file changes.
func applyStep(files fsys.Map, ops []casefile.Operation) {
	for _, op := range ops {
		if op.Delete {
			for p := range files {
				if p == op.Path || strings.HasPrefix(p, op.Path+"/") {
					delete(files, p)
				}
			}
			continue
		}
		files[op.Path] = []byte(op.Content)
	}
}

var cmdStepRe = regexp.MustCompile(`(?m)^# cmd([0-9]*): mypy ([a-zA-Z0-9_./ ]+)$`)

// stepFlags are the check's command line at a step, as mypy's
// fine-grained harness sets its options: the case's flags, imports
// followed as errors, local partial types, and the files of tmp/ (or the
// step's `# cmd:`) with main; tmp/ is left out when it holds no Python
// file (the harness allows it empty).
func stepFlags(c *casefile.Case, step int, files fsys.Map) []string {
	flags := c.Flags()
	args := []string{"--no-site-packages"}
	if !contains(flags, "--show-error-codes") {
		args = append(args, "--hide-error-codes")
	}
	hasVersion := false
	for _, f := range flags {
		hasVersion = hasVersion || strings.Split(f, "=")[0] == "--python-version"
	}
	if !hasVersion {
		minor := 10 // mypy's harness: the file's version, or its oldest
		if m := pyVersionRe.FindStringSubmatch(c.File); m != nil {
			minor, _ = strconv.Atoi(m[1])
		}
		args = append(args, "--python-version", "3."+strconv.Itoa(minor))
	}
	args = append(args, flags...)
	joined := strings.Join(flags, " ")
	if !strings.Contains(joined, "--follow-imports") {
		args = append(args, "--follow-imports=error")
	}
	args = append(args, "--local-partial-types", "--show-traceback", "--no-error-summary", "--no-incremental",
		"--cache-dir="+os.DevNull, "--reveal-verbose-types")
	if !strings.HasSuffix(c.Name, "_no_empty") {
		args = append(args, "--allow-empty-bodies")
	}
	var cmd string
	for _, m := range cmdStepRe.FindAllStringSubmatch(c.Input, -1) {
		if m[1] == "" && cmd == "" || m[1] == strconv.Itoa(step) {
			cmd = m[2]
		}
	}
	if cmd != "" {
		for _, p := range strings.Fields(cmd) {
			if p != "main" { // (main is the case's own file, not in tmp/)
				p = casefile.TempDir + "/" + p
			}
			args = append(args, p)
		}
		return args
	}
	args = append(args, "main")
	for p := range files {
		if strings.HasPrefix(p, casefile.TempDir+"/") && (strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyi")) {
			return append(args, casefile.TempDir)
		}
	}
	return args
}

// withoutTemp strips the tmp/ folder from the start of each line, as
// mypy's harness normalises messages.
func withoutTemp(lines []string) []string {
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, casefile.TempDir+"/")
	}
	return lines
}

// queryRe finds a step's `# suggest:` or `# inspect:` lines with mypy's
// harness's patterns (the flags are one group: its last repetition).
func queryRe(kind string, step int) *regexp.Regexp {
	bit := "1?"
	if step > 1 {
		bit = strconv.Itoa(step)
	}
	chars := `[a-zA-Z0-9_\-=?^ ]`
	if kind == "suggest" {
		chars = `[a-zA-Z0-9_\-./=?^ ]`
	}
	return regexp.MustCompile(`(?m)^# ` + kind + bit + `: (--` + chars + `+ )*([a-zA-Z0-9_.:/?^ ]+)$`)
}

var (
	showRe       = regexp.MustCompile(`^--show=(\w+)`)
	limitRe      = regexp.MustCompile(`^--limit=([0-9]+)`)
	flexAnyRe    = regexp.MustCompile(`^--flex-any=([0-9.]+)`)
	fixmeRe      = regexp.MustCompile(`^--use-fixme=(\w+)`)
	maxGuessesRe = regexp.MustCompile(`^--max-guesses=([0-9]+)`)
)

// answerQueries answers a step's suggest and inspect queries as mypy's
// harness reads their flags; reload checks again (inspect --force-reload).
func answerQueries(sess *checker.Session, c *casefile.Case, step int, reload func()) []string {
	var out []string
	snapshot := func() *checker.Snapshot {
		snap, err := sess.Snapshot()
		if err != nil {
			return nil
		}
		return snap
	}
	for _, m := range queryRe("suggest", step).FindAllStringSubmatch(c.Input, -1) {
		flags, function := m[1], strings.TrimSpace(m[2])
		o := suggest.Options{JSON: strings.Contains(flags, "--json"), Callsites: strings.Contains(flags, "--callsites"),
			NoAny: strings.Contains(flags, "--no-any"), NoErrors: strings.Contains(flags, "--no-errors"), FlexAny: -1}
		if f := flexAnyRe.FindStringSubmatch(flags); f != nil {
			o.FlexAny, _ = strconv.ParseFloat(f[1], 64)
		}
		if f := fixmeRe.FindStringSubmatch(flags); f != nil {
			o.UseFixme = f[1]
		}
		if f := maxGuessesRe.FindStringSubmatch(flags); f != nil {
			o.MaxGuesses, _ = strconv.Atoi(f[1])
		}
		var val string
		if snap := snapshot(); snap == nil {
			val = "Command 'suggest' is only valid after a 'check' command (that produces no parse errors)"
		} else if s, err := suggest.Run(snap, function, o); err != nil {
			val = err.Error()
		} else {
			val = s
		}
		if o.JSON {
			// As mypy's harness: paths relative to the case's folder.
			if cwd, err := os.Getwd(); err == nil {
				val = strings.ReplaceAll(val, cwd+string(filepath.Separator), "")
			}
		}
		out = append(out, withoutTemp(strings.Split(strings.TrimSpace(val), "\n"))...)
	}
	for _, m := range queryRe("inspect", step).FindAllStringSubmatch(c.Input, -1) {
		flags, location := m[1], strings.TrimSpace(m[2])
		o := inspect.Options{Show: "type", IncludeSpan: strings.Contains(flags, "--include-span"),
			IncludeKind: strings.Contains(flags, "--include-kind"), IncludeObjectAttrs: strings.Contains(flags, "--include-object-attrs"),
			UnionAttrs: strings.Contains(flags, "--union-attrs"), ForceReload: strings.Contains(flags, "--force-reload")}
		if f := showRe.FindStringSubmatch(flags); f != nil {
			o.Show = f[1]
		}
		if strings.Contains(flags, "-v") {
			o.Verbosity = 1
		}
		if strings.Contains(flags, "-vv") {
			o.Verbosity = 2
		}
		if f := limitRe.FindStringSubmatch(flags); f != nil {
			o.Limit, _ = strconv.Atoi(f[1])
		}
		if o.ForceReload {
			reload()
		}
		var val string
		if snap := snapshot(); snap == nil {
			val = `Command "inspect" is only valid after a "check" command (that produces no parse errors)`
		} else if ans, err := inspect.Query(snap, location, o); err != nil {
			val = err.Error()
		} else {
			val = ans.Out
		}
		out = append(out, strings.Split(strings.TrimSpace(val), "\n")...)
	}
	return out
}

// readList reads a list of case ids (one per line, # comments).
func readList(t *testing.T, path string) map[string]bool {
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out[line] = true
		}
	}
	return out
}

// writeList writes a list of case ids, sorted, under a comment.
func writeList(t *testing.T, path string, ids map[string]bool, comment string) {
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	sort.Strings(list)
	text := "# " + comment + ".\n" + strings.Join(list, "\n") + "\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cacheStepFiles are the files of multi-step cases whose steps
// TestCacheAcrossSteps runs: the fine-grained ones, and mypy's own tests of
// its incremental cache.
var cacheStepFiles = append([]string{"check-incremental.test", "check-serialize.test"}, stepFiles...)

// TestCacheAcrossSteps runs the steps of the runnable multi-step cases as
// separate `typd check` runs that share a cache (each a new process's
// view: a new caching session, the cache folder kept), and requires every
// step to print what a check without a cache prints: a module's
// diagnostics kept from an earlier step are kept only when nothing they
// depend on changed.
func TestCacheAcrossSteps(t *testing.T) {
	unit := filepath.Join("..", "..", "..", "shared", "mypy-test-data", "unit")
	if _, err := os.Stat(unit); err != nil {
		t.Skip("mypy's test data is not beside the repository")
	}
	steps, kept := 0, 0
	for _, name := range cacheStepFiles {
		cases, err := casefile.ParseFile(filepath.Join(unit, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if c.Skip || c.XFail || c.OnlyWhenCache || c.Bookkeeping || c.ParseError != "" {
				continue
			}
			files := fsys.Map{"main": []byte(c.Input)}
			for _, f := range c.Files {
				files[f.Path] = []byte(f.Content)
			}
			stubs := caseStubs(t, c, unit)
			dir := t.TempDir()
			for step := 1; step <= c.StepCount(); step++ {
				if step > 1 && step-2 < len(c.Steps) {
					applyStep(files, c.Steps[step-2])
				}
				run := func(caching bool) (string, int) {
					var out bytes.Buffer
					env := workspace.Env{Files: files, Typeshed: stubs, Stdout: &out, Stderr: &out,
						ModuleNames: map[string]string{"main": "__main__"}, KeepsCache: caching,
						Getenv: func(k string) string {
							if k == "MYPYPATH" {
								return casefile.TempDir
							}
							return ""
						}}
					args := stepFlags(c, step, files)
					if caching {
						args = append(args, "--incremental", "--cache-dir="+dir)
					}
					inv, _ := workspace.Parse(env, args, "typd check")
					if inv == nil {
						return "", 0
					}
					o := workspace.Run(env, inv, nil)
					// (-v's log of the cache, on stderr, is left out: the
					// diagnostics are compared.)
					var lines []string
					for _, l := range cleanLines(out.String()) {
						if !strings.HasPrefix(l, "LOG:  ") {
							lines = append(lines, l)
						}
					}
					return strings.Join(lines, "\n"), o.Analyzed
				}
				cached, analyzed := run(true)
				cold, all := run(false)
				steps++
				kept += all - analyzed
				if cached != cold {
					t.Errorf("%s (line %d), step %d: with the cache:\n%s\nwithout:\n%s", c.ID(), c.Line, step, cached, cold)
				}
			}
		}
	}
	t.Logf("%d steps, %d modules' diagnostics kept from the cache", steps, kept)
	if kept == 0 {
		t.Fatal("no step kept a module's diagnostics from the cache")
	}
}
