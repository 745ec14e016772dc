// Package workspace turns what a front end is given (a command line, the
// configuration files of a folder, the environment) into a check, and a
// check's result into mypy's report. The one-shot `typd check`, the daemon
// and the language server share it: the configuration file and the flags
// (Parse), the typeshed stubs, the sources and the target Python (Prepare),
// and mypy's output and exit code (Run); and the cache's remote store
// (CacheStore).
package workspace

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"typd/checker"
	"typd/checker/build"
	"typd/checker/cache"
	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
)

// Env is what a check reads and writes.
type Env struct {
	// Files is where sources and search paths are read (the disk, or a map
	// in tests).
	Files fsys.FS
	// Typeshed, when set, replaces both the embedded stubs and
	// --custom-typeshed-dir.
	Typeshed fsys.FS
	Stdout   io.Writer
	Stderr   io.Writer
	// Getenv reads environment variables (MYPYPATH).
	Getenv func(string) string
	// ModuleNames names the modules of given files; the test runner uses it
	// to check its main file as __main__, as mypy's harness does.
	ModuleNames map[string]string
	// TerminalWidth, when not 0, is the width --pretty output is fitted in
	// (mypy's command line always fits it; its daemon only on a terminal).
	TerminalWidth int
	// KeepsCache marks a front end that keeps mypy's incremental cache on
	// disk (`typd check`): unless --no-incremental or --cache-dir=/dev/null
	// turns it off, the check reads and writes the cache in cache_dir
	// (.typd_cache by default, in the working folder).
	KeepsCache bool
	// CacheBase, when not "", is the folder a relative cache folder is
	// in (the language server's workspace root); else the working folder.
	CacheBase string
	// Workers, when not 0, is how many goroutines analyse modules at once
	// (checker.Config.Workers); 0 leaves it to the check. The mypy case
	// runners ask for several, so that the parallel analysis runs on
	// their small programs too.
	Workers int
}

// Invocation is a parsed command line: the options (configuration file
// and flags) and the file and folder targets.
type Invocation struct {
	Options *options.Options
	Targets []string
	// ConfigText is the configuration file's content ("" without one),
	// ConfigFile its name.
	ConfigText, ConfigFile string
}

// NoTargets reports whether the command line names nothing to check.
func (inv *Invocation) NoTargets() bool {
	o := inv.Options
	return len(inv.Targets)+len(o.Modules)+len(o.Packages) == 0 && !o.HasProgram
}

// CheckUsage is `typd check`'s usage line, printed with a command-line
// error.
const CheckUsage = `usage: typd check [-h] [options] [-m MODULE] [-p PACKAGE] [-c PROGRAM_TEXT] [files ...]`

// CheckHelp is `typd check --help`: the usage line and every flag.
func CheckHelp() string { return options.Help(CheckUsage) }

// Parse reads the configuration file and the flags. On a bad command line
// or configuration it prints the error (prog names the command in usage
// errors) and returns nil and exit code 2.
func Parse(env Env, args []string, prog string) (*Invocation, int) {
	args, err := expandArgFiles(env, args)
	if err != nil {
		fmt.Fprintln(env.Stderr, strings.Replace(CheckUsage, "typd check", prog, 1))
		fmt.Fprintf(env.Stderr, "%s: error: %v\n", prog, err)
		return nil, 2
	}
	base, text, name, err := loadConfig(env, args)
	if err != nil {
		fmt.Fprintf(env.Stderr, "typd: error: %v\n", err)
		return nil, 2
	}
	opts, targets, err := options.ParseInto(base, args)
	var warnings []string
	if err == nil {
		warnings, err = opts.IncompleteFeatures()
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, strings.Replace(CheckUsage, "typd check", prog, 1))
		fmt.Fprintf(env.Stderr, "%s: error: %v\n", prog, err)
		return nil, 2
	}
	for _, w := range warnings {
		fmt.Fprintln(env.Stdout, w)
	}
	for _, w := range opts.UncheckedCodes() {
		fmt.Fprintf(env.Stderr, "%s: warning: %s\n", prog, w)
	}
	inv := &Invocation{Options: opts, Targets: targets, ConfigText: text, ConfigFile: name}
	if inv.NoTargets() {
		// The config file's files, modules and packages stand in for a
		// command line that names nothing (its files may be globs).
		for _, f := range opts.Values["files"] {
			matches, _ := filepath.Glob(f)
			if len(matches) == 0 || !strings.ContainsAny(f, "*?[") {
				matches = []string{f}
			}
			inv.Targets = append(inv.Targets, matches...)
		}
		opts.Modules = append(opts.Modules, opts.Values["modules"]...)
		opts.Packages = append(opts.Packages, opts.Values["packages"]...)
	}
	return inv, 0
}

// Outcome is what a run did.
type Outcome struct {
	// Code is the exit code.
	Code int
	// Sources are the paths of the source files checked ("<string>" for
	// -c), Files every file the check read (for a watcher).
	Sources, Files []string
	// Analyzed counts the modules analysed (the others' results came from
	// the session).
	Analyzed int
}

// Plan is a check ready to run: the checker's configuration and the
// sources to check.
type Plan struct {
	Config  checker.Config
	Sources []sources.Source
}

// DuplicateModule is the failure of a program in which two sources have
// the same module name; Diagnostics are mypy's report of it, Sources the
// number of sources found (its summary line counts them).
type DuplicateModule struct {
	Diagnostics []diag.Diagnostic
	Sources     int
}

func (d *DuplicateModule) Error() string { return d.Diagnostics[0].Message }

// Prepare finds what an invocation asks to check: the typeshed stubs, the
// sources (files, folders, -m, -p, -c, less what exclude matches) and the
// target Python's version and site-packages (asked of the interpreter when
// the options leave them open). The error is a *sources.Failure (mypy's
// message for sources it cannot take), a *DuplicateModule, or another
// error (printed as typd's).
func Prepare(env Env, inv *Invocation) (*Plan, error) {
	opts := inv.Options
	stubs, err := findTypeshed(env, opts)
	if err != nil {
		return nil, err
	}
	req := sources.Request{Targets: inv.Targets, Modules: opts.Modules, Packages: opts.Packages,
		SearchPath:  append([]string{"."}, filepath.SplitList(env.Getenv("MYPYPATH"))...),
		ModuleNames: env.ModuleNames, ScriptsAreModules: opts.Bool("scripts_are_modules")}
	if ns, set := opts.Bools["namespace_packages"]; set && !ns {
		req.NoNamespacePackages = true
	}
	if opts.HasProgram {
		req.Program = &opts.Program
	}
	if req.Exclude, err = sources.CompileExcludes(opts.Values["exclude"]); err != nil {
		return nil, err
	}
	srcs, err := sources.Find(env.Files, req)
	if err != nil {
		return nil, err
	}
	if dup, first := sources.Duplicate(srcs); dup != nil {
		return nil, &DuplicateModule{Diagnostics: []diag.Diagnostic{
			{File: dup.Path, Severity: diag.Error, Blocking: true,
				Message: fmt.Sprintf(`Duplicate module named "%s" (also at "%s")`, dup.Module, first.Path)},
			{File: dup.Path, Severity: diag.Note,
				Message: "See https://mypy.readthedocs.io/en/stable/running_mypy.html#mapping-file-paths-to-modules for more info"},
			{File: dup.Path, Severity: diag.Note,
				Message: "Common resolutions include: a) using `--exclude` to avoid checking one of them, " +
					"b) adding `__init__.py` somewhere, c) using `--explicit-package-bases` or adjusting MYPYPATH"},
		}, Sources: len(srcs)}
	}
	cfg := checker.Config{Files: env.Files, Typeshed: stubs, Options: opts, Workers: env.Workers,
		MypyPath: append(filepath.SplitList(env.Getenv("MYPYPATH")), opts.Values["mypy_path"]...)}
	if env.KeepsCache {
		cfg.Cache = openCache(env, opts)
	}
	if !opts.NoSitePackages || opts.PythonVersion == [2]int{} {
		// Parse the core stubs while the target Python starts up (with a
		// cache, its answer is usually kept, and the stubs decode fast
		// when the check reaches them, if it does: see checker's replay).
		warm := make(chan struct{})
		if cfg.Cache == nil {
			go func() { build.Prewarm(stubs); close(warm) }()
		} else {
			close(warm)
		}
		py := interpreter(opts.PythonExecutable, cfg.Cache)
		<-warm
		if opts.PythonVersion == [2]int{} && py.version != [2]int{} {
			o := *opts
			o.PythonVersion = py.version
			cfg.Options = &o
		}
		if !opts.NoSitePackages {
			cfg.SitePackages = py.sitePackages
		}
	}
	return &Plan{Config: cfg, Sources: srcs}, nil
}

// expandArgFiles replaces each argument @FILE with the arguments FILE
// holds, one per line (mypy's command line reads them so, as argparse's
// fromfile_prefix_chars does); an argument file may name others, to a
// depth of maxArgFileDepth (a file that names itself is an error). After
// "--" nothing is expanded.
func expandArgFiles(env Env, args []string) ([]string, error) { return expandArgFilesIn(env, args, 0) }

// maxArgFileDepth bounds the nesting of argument files.
const maxArgFileDepth = 16

func expandArgFilesIn(env Env, args []string, depth int) ([]string, error) {
	var out []string
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...), nil
		}
		name, ok := strings.CutPrefix(a, "@")
		if !ok || name == "" {
			out = append(out, a)
			continue
		}
		if depth >= maxArgFileDepth {
			return nil, fmt.Errorf("arguments files nested deeper than %d (at %s)", maxArgFileDepth, name)
		}
		text, err := env.Files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("cannot read the arguments file %s: %v", name, err)
		}
		var inner []string
		for _, line := range strings.Split(strings.TrimSuffix(string(text), "\n"), "\n") {
			if line = strings.TrimSuffix(line, "\r"); line != "" {
				inner = append(inner, line)
			}
		}
		more, err := expandArgFilesIn(env, inner, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

// DefaultCacheDir is the cache's folder when cache_dir does not name one.
const DefaultCacheDir = ".typd_cache"

// logTo returns a log (safe for concurrent use) that writes each message
// to w as a line of mypy's -v log.
func logTo(w io.Writer) func(string) {
	var mu sync.Mutex
	return func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "LOG:  %s\n", msg)
	}
}

// CacheDir is the cache's folder the options name (cache_dir, or
// DefaultCacheDir), a relative one taken in base ("" for the working
// folder); on is false under --no-incremental or --cache-dir=/dev/null,
// which turn the cache off.
func CacheDir(opts *options.Options, base string) (dir string, on bool) {
	dir = DefaultCacheDir
	if v := opts.Values["cache_dir"]; len(v) > 0 {
		dir = v[len(v)-1]
	}
	on = opts.Bool("incremental") && dir != os.DevNull
	if base != "" && !filepath.IsAbs(dir) {
		dir = filepath.Join(base, dir)
	}
	return dir, on
}

// openCache opens the cache the options name, in env.CacheBase; nil when
// they turn it off or it cannot be opened (the check then runs without
// it, as mypy's does). Under -v it says which, on stderr, and has the
// cache tell of the entries it ignores.
func openCache(env Env, opts *options.Options) *cache.Dir {
	dir, on := CacheDir(opts, env.CacheBase)
	if !on {
		return nil
	}
	d, err := OpenCache(dir, opts)
	if opts.Bool("verbose") {
		log := logTo(env.Stderr)
		switch {
		case err != nil:
			log(fmt.Sprintf("Cannot open the cache in %s: %v; checking without it", dir, err))
		case opts.Bool("sqlite_cache"):
			log(fmt.Sprintf("Cache: %s (a SQLite database)", dir))
		default:
			log(fmt.Sprintf("Cache: %s (files)", dir))
		}
		if err == nil {
			d.SetLog(log)
		}
	}
	if err != nil {
		return nil
	}
	return d
}

// OpenCache opens the cache in dir as the options keep it: files in
// folders, or a SQLite database under sqlite_cache.
func OpenCache(dir string, opts *options.Options) (*cache.Dir, error) {
	if opts.Bool("sqlite_cache") {
		return cache.OpenSQLite(dir)
	}
	return cache.Open(dir)
}

// Run checks what an invocation names (through the session when not nil)
// and writes mypy's report. On an error before checking it prints the
// error, and the outcome's code is 2.
func Run(env Env, inv *Invocation, sess *checker.Session) Outcome {
	opts := inv.Options
	plan, err := Prepare(env, inv)
	var failure *sources.Failure
	var dup *DuplicateModule
	switch {
	case errors.As(err, &failure):
		fmt.Fprintln(env.Stderr, failure.Msg)
		return Outcome{Code: 2}
	case errors.As(err, &dup):
		diag.Format{}.Write(env.Stdout, dup.Diagnostics)
		if !opts.NoErrorSummary {
			fmt.Fprintln(env.Stdout, diag.Summary(dup.Diagnostics, dup.Sources))
		}
		return Outcome{Code: 2}
	case err != nil:
		fmt.Fprintf(env.Stderr, "typd: error: %v\n", err)
		return Outcome{Code: 2}
	}
	var res *checker.Result
	switch {
	case sess != nil:
		res = sess.Check(plan.Config, plan.Sources)
	case plan.Config.Cache != nil:
		res = checker.NewCachingSession(plan.Config.Cache).Check(plan.Config, plan.Sources)
	default:
		res = checker.Check(plan.Config, plan.Sources)
	}
	if plan.Config.Cache != nil {
		plan.Config.Cache.PruneIfDue() // (after the writes the check asked for)
		plan.Config.Cache.Close()
		if opts.Bool("verbose") {
			log := logTo(env.Stderr)
			if res.Replayed != "" {
				log("Replayed the last check of this program: " + res.Replayed)
			} else {
				log(fmt.Sprintf("Modules analysed: %d; modules whose diagnostics came from the cache: %d", res.Analyzed, res.Kept))
			}
		}
	}
	format := diag.Format{ShowColumnNumbers: opts.ShowColumnNumbers, ShowErrorEnd: opts.ShowErrorEnd,
		HideErrorCodes: opts.HideErrorCodes, Pretty: opts.Pretty, Width: env.TerminalWidth,
		Source: func(path string) []byte { return res.Texts[path] }}
	format.Write(env.Stdout, res.Diagnostics)
	if !opts.NoErrorSummary {
		fmt.Fprintln(env.Stdout, diag.Summary(res.Diagnostics, res.Checked))
	}
	out := Outcome{Code: exitCode(res.Diagnostics), Files: res.Files, Analyzed: res.Analyzed}
	for _, s := range plan.Sources {
		out.Sources = append(out.Sources, s.Path)
	}
	return out
}

// loadConfig reads the configuration file named by --config-file, or the
// first of mypy's config files in the working folder that configures mypy,
// into fresh options, and returns them with its text and name. Unknown keys
// are warned about on stderr.
func loadConfig(env Env, args []string) (*options.Options, string, string, error) {
	opts := options.New()
	name := options.ConfigFileFlag(args)
	var text []byte
	if name != "" {
		b, err := env.Files.ReadFile(name)
		if err != nil {
			return nil, "", "", fmt.Errorf("Cannot find config file '%s'", name)
		}
		text = b
	} else {
		for _, cand := range options.ConfigFiles {
			if b, err := env.Files.ReadFile(cand); err == nil && options.HasMypySection(cand, string(b)) {
				name, text = cand, b
				break
			}
		}
	}
	if name == "" {
		return opts, "", "", nil
	}
	warnings, err := opts.LoadConfig(name, string(text))
	for _, w := range warnings {
		fmt.Fprintln(env.Stderr, w)
	}
	return opts, string(text), name, err
}

func exitCode(ds []diag.Diagnostic) int {
	code := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			if d.Blocking {
				return 2
			}
			code = 1
		}
	}
	return code
}

// findTypeshed picks the stubs: the environment's, --custom-typeshed-dir,
// or the embedded copy.
func findTypeshed(env Env, opts *options.Options) (fsys.FS, error) {
	if env.Typeshed != nil {
		return env.Typeshed, nil
	}
	if dir := opts.CustomTypeshedDir; dir != "" {
		if st, err := env.Files.Stat(filepath.Join(dir, "stdlib")); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--custom-typeshed-dir %s has no stdlib folder", dir)
		}
		return fsys.Sub(env.Files, dir), nil
	}
	if stubs, ok := typeshed.Stubs(); ok {
		return stubs, nil
	}
	return nil, fmt.Errorf("%s", typeshed.ProvisionHint)
}
