package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"typd/workspace"
)

// CacheUsage is `typd cache`'s usage.
const CacheUsage = `usage: typd cache push|pull [--store URL] [--cache-dir DIR] [--commit SHA]
                  [--base REF] [--depth N] [--timeout SECONDS] [-- MYPY FLAGS]

push  uploads the local cache (what the last checks wrote) to the store, as
      the cache of --commit (default: HEAD); CI runs it after a full check
pull  fetches the newest cache the store has among the --depth (default 10)
      commits of the first-parent line from the merge base of HEAD and --base
      (default: origin/HEAD, else origin/main, else origin/master), or of
      --commit; only entries missing locally are downloaded, each checked by
      its hash. When the store is down, slow or wrong, the local cache stays
      as it was and the next check rebuilds what it needs.

--store     the store's URL (default: $TYPD_CACHE_STORE): any HTTP server taking
            GET, HEAD and PUT below it, such as nginx's or Apache's WebDAV
--cache-dir the local cache (default: cache_dir of the configuration that the
            mypy flags after -- select, else .typd_cache); kept as files, or in
            SQLite when those flags or that configuration set sqlite_cache
--timeout   seconds each request may take (default 10)
Credentials: $TYPD_CACHE_TOKEN (a bearer token), else the store host's entry
in $NETRC (default ~/.netrc), else the URL's user:password; never printed.
`

// cacheFlags are `typd cache`'s flags.
type cacheFlags struct {
	store, dir, commit, base string
	depth                    int
	timeout                  time.Duration
	mypyArgs                 []string
}

// Cache runs `typd cache push|pull ARGS` and returns the exit code: 0 when
// done; 1 when the store could not serve (pull found no cache, the store
// was down, slow or wrong: the local cache is as it was, less nothing); 2
// on a usage error.
func Cache(env workspace.Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, CacheUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	verb := args[0]
	usageError := func(format string, a ...any) int {
		fmt.Fprint(env.Stderr, CacheUsage)
		fmt.Fprintf(env.Stderr, "typd cache: error: "+format+"\n", a...)
		return 2
	}
	if verb != "push" && verb != "pull" {
		return usageError("unknown command %q (push or pull)", verb)
	}
	f, err := parseCacheFlags(env, args[1:])
	if err != nil {
		return usageError("%v", err)
	}
	if f.store == "" {
		return usageError("no store: give --store URL or set TYPD_CACHE_STORE")
	}
	// The mypy flags (and the configuration they select) say where the
	// cache is and how it is kept; --cache-dir names the folder instead.
	inv, code := workspace.Parse(env, f.mypyArgs, "typd cache")
	if inv == nil {
		return code
	}
	if dir, on := workspace.CacheDir(inv.Options, ""); f.dir == "" {
		if !on {
			return usageError("the mypy flags or configuration turn the cache off")
		}
		f.dir = dir
	}
	store, err := workspace.CacheStore(f.store, env.Getenv, f.timeout)
	if err != nil {
		return usageError("%v", err)
	}
	prog := "typd cache " + verb
	fail := func(format string, a ...any) int {
		fmt.Fprintf(env.Stderr, "%s: "+format+"\n", append([]any{prog}, a...)...)
		return 1
	}
	if verb == "push" {
		if _, err := os.Stat(f.dir); err != nil {
			return fail("no cache at %s: run typd check first", f.dir)
		}
	}
	dir, err := workspace.OpenCache(f.dir, inv.Options)
	if err != nil {
		return fail("cannot open the cache: %v", err)
	}
	defer dir.Close()
	ctx := context.Background()
	if verb == "push" {
		commit := f.commit
		if commit == "" {
			if commit, err = git("rev-parse", "HEAD"); err != nil {
				return fail("cannot name the commit (give --commit): %v", err)
			}
		}
		r, err := dir.Push(ctx, store, commit)
		if err != nil {
			return fail("%v (%d of %d entries uploaded; no manifest written)", err, r.Uploaded, r.Entries)
		}
		fmt.Fprintf(env.Stdout, "%s: %d entries as the cache of %s, %d of them uploaded (%s), to %s\n",
			prog, r.Entries, short(commit), r.Uploaded, sizeText(r.Bytes), store.URL())
		return 0
	}
	commits, err := pullCommits(f)
	if err != nil {
		return fail("%v", err)
	}
	r, err := dir.Pull(ctx, store, commits)
	fallback := "the local cache is as it was; the next check rebuilds what it lacks"
	switch {
	case err != nil && r.Fetched > 0:
		return fail("%v after %d of %d entries: %s", err, r.Fetched, r.Entries-r.Present, fallback)
	case err != nil:
		return fail("%v: %s", err, fallback)
	case r.Commit == "":
		return fail("the store has no cache of this typd build for %s: %s", commitRange(commits), fallback)
	}
	fmt.Fprintf(env.Stdout, "%s: %d entries of the cache of %s fetched (%s), %d already here, from %s\n",
		prog, r.Fetched, short(r.Commit), sizeText(r.Bytes), r.Present, store.URL())
	if r.Tried > 0 {
		fmt.Fprintf(env.Stdout, "%s: (the store has none for the %d newer commits asked)\n", prog, r.Tried)
	}
	if r.Wrong > 0 {
		return fail("%d entries came with other bytes than the manifest gives and were not written: %s", r.Wrong, fallback)
	}
	return 0
}

// parseCacheFlags reads `typd cache`'s flags (after the verb).
func parseCacheFlags(env workspace.Env, args []string) (cacheFlags, error) {
	f := cacheFlags{store: env.Getenv("TYPD_CACHE_STORE"), depth: 10, timeout: 10 * time.Second}
	strs := map[string]*string{"--store": &f.store, "--cache-dir": &f.dir, "--commit": &f.commit, "--base": &f.base}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			f.mypyArgs = args[i+1:]
			break
		}
		name, value, inline := strings.Cut(a, "=")
		if _, ok := strs[name]; !ok && name != "--depth" && name != "--timeout" {
			return f, fmt.Errorf("unknown flag %s", a)
		}
		if !inline {
			if i+1 >= len(args) {
				return f, fmt.Errorf("%s needs a value", name)
			}
			i++
			value = args[i]
		}
		switch name {
		case "--depth":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 {
				return f, fmt.Errorf("--depth: %q is not a positive number", value)
			}
			f.depth = n
		case "--timeout":
			s, err := strconv.ParseFloat(value, 64)
			if err != nil || s <= 0 {
				return f, fmt.Errorf("--timeout: %q is not a positive number of seconds", value)
			}
			f.timeout = time.Duration(s * float64(time.Second))
		default:
			*strs[name] = value
		}
	}
	return f, nil
}

// pullCommits lists the commits whose caches pull asks for, newest first:
// --commit alone, or the first-parent line from the merge base.
func pullCommits(f cacheFlags) ([]string, error) {
	if f.commit != "" {
		return []string{f.commit}, nil
	}
	base := f.base
	if base == "" {
		for _, ref := range []string{"origin/HEAD", "origin/main", "origin/master"} {
			if _, err := git("rev-parse", "--verify", "--quiet", ref+"^{commit}"); err == nil {
				base = ref
				break
			}
		}
		if base == "" {
			return nil, errors.New("no origin/HEAD, origin/main or origin/master to find the merge base with: give --base REF or --commit SHA")
		}
	}
	mergeBase, err := git("merge-base", "HEAD", base)
	if err != nil {
		return nil, fmt.Errorf("cannot find the merge base of HEAD and %s: %v", base, err)
	}
	line, err := git("rev-list", "--first-parent", "--max-count="+strconv.Itoa(f.depth), mergeBase)
	if err != nil {
		return nil, err
	}
	return strings.Fields(line), nil
}

// git runs git in the working folder and returns its output, trimmed.
func git(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("git %s: %v", args[0], err)
	}
	return strings.TrimSpace(string(out)), nil
}

// short abbreviates a commit's name.
func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

// commitRange describes the commits pull asked for.
func commitRange(commits []string) string {
	if len(commits) == 1 {
		return "commit " + short(commits[0])
	}
	return fmt.Sprintf("the %d commits up to the merge base %s", len(commits), short(commits[0]))
}

// sizeText writes a byte count for people.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
