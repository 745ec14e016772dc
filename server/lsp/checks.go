package lsp

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"typd/checker"
	"typd/checker/fsys"
	"typd/server/heap"
	"typd/workspace"
)

// recordDelay is how long after a check with no newer edit the open
// documents' types are recorded: long enough that typing does not pay for
// it, short enough that a pause to hover does not.
const recordDelay = 150 * time.Millisecond

// checks runs the workspace's checks, one at a time: every edit schedules
// a new check and cancels the one under way, and a request waits for the
// check of every edit before it.
type checks struct {
	s    *server
	sess *checker.Session
	run  sync.Mutex // held by the check that runs
	// files is what the checks read, under run.
	files *rootedFS
	// sessionChecked marks that a check through the session ended (until
	// then, under --use-fine-grained-cache, each check publishes the
	// cache's answer first), under run.
	sessionChecked bool

	mu sync.Mutex
	// edits counts the scheduled checks; done is the number of the last
	// one finished, snap its snapshot (nil after a blocking error), good
	// the latest snapshot there was.
	edits, done uint64
	snap, good  *checker.Snapshot
	// versions are the open documents' versions that check saw.
	versions map[string]int32
	cancel   context.CancelFunc
	// finished is closed (and replaced) whenever a check ends.
	finished chan struct{}
	stopped  bool
	// published are the files whose diagnostics are on the client, and
	// byFile the latest diagnostics, by path relative to the root.
	published map[string]bool
	byFile    map[string][]protocol.Diagnostic
}

func newChecks(s *server) *checks {
	return &checks{s: s, sess: checker.NewSession(), finished: make(chan struct{}), published: map[string]bool{}}
}

// schedule starts a check of the workspace as it is now (open documents
// over the disk), cancelling the check under way.
func (c *checks) schedule() {
	c.s.mu.Lock()
	docs := fsys.Map{}
	versions := map[string]int32{}
	for path, d := range c.s.docs {
		docs[path] = d.text
		versions[path] = d.version
	}
	root, args := c.s.root, c.s.args
	c.s.mu.Unlock()
	c.mu.Lock()
	if c.stopped {
		c.mu.Unlock()
		return
	}
	if c.cancel != nil {
		c.cancel()
	}
	c.edits++
	n := c.edits
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.mu.Unlock()
	go c.check(ctx, n, root, docs, versions, args)
}

// stop cancels the check under way and schedules no more.
func (c *checks) stop() {
	c.mu.Lock()
	c.stopped = true
	if c.cancel != nil {
		c.cancel()
	}
	c.mu.Unlock()
}

// check runs check number n and publishes its diagnostics, unless a newer
// check was scheduled before it ended.
func (c *checks) check(ctx context.Context, n uint64, root string, docs fsys.Map, versions map[string]int32, args []string) {
	c.run.Lock()
	defer c.run.Unlock()
	allocated := heap.Allocated()
	defer func() {
		// Once the check's waiters are released, until a new edit: prepare
		// for the next edit, then, unless one came, collect when the heap
		// lacks room for a check like this one (twice what it allocated),
		// so that the next takes no fresh pages, and pace the collector
		// (package heap). An edit that comes during a collection waits for
		// it; one that came before skips it.
		c.sess.Warm(func() bool { return ctx.Err() == nil })
		if ctx.Err() == nil {
			heap.CollectForRoom(heap.Allocated() - allocated)
		} else {
			heap.Pace()
		}
	}()
	defer func() {
		c.mu.Lock()
		close(c.finished)
		c.finished = make(chan struct{})
		c.mu.Unlock()
	}()
	if ctx.Err() != nil {
		return
	}
	if c.files == nil || c.files.root != root {
		c.files = &rootedFS{root: root, disk: c.s.cfg.Disk}
	}
	files := c.files
	files.setDocs(docs)
	var stderr bytes.Buffer
	env := workspace.Env{Files: files, Stdout: io.Discard, Stderr: &stderr, Getenv: c.s.cfg.Getenv, CacheBase: root}
	if !c.sessionChecked {
		if early := c.cacheCheck(env, args); early != nil && ctx.Err() == nil {
			c.publish(files, versions, early)
		}
		if ctx.Err() != nil {
			return // (a newer edit's check answers from the cache in turn)
		}
	}
	res, err := c.workspaceCheck(ctx, env, args, !c.sessionChecked)
	if errors.Is(err, context.Canceled) {
		return
	}
	c.sessionChecked = true
	if err != nil {
		c.s.log.Error().Err(err).Msg("the workspace cannot be checked")
		c.s.client.ShowMessage(context.Background(), &protocol.ShowMessageParams{Type: protocol.MessageTypeError,
			Message: "typd cannot check the workspace: " + err.Error()})
	}
	c.mu.Lock()
	c.done, c.versions = n, versions
	c.snap = nil
	if res != nil {
		c.snap = res.Snapshot
	}
	if c.snap != nil {
		c.good = c.snap
	}
	c.mu.Unlock()
	if res != nil {
		c.publish(files, versions, res)
	}
	// Once the user pauses (no edit for recordDelay), the open documents'
	// types are recorded, so the queries that follow (hover, inlay hints,
	// code actions) find them ready; a newer edit stops this between
	// documents.
	if res != nil && res.Snapshot != nil {
		go func() {
			select {
			case <-time.After(recordDelay):
			case <-ctx.Done():
				return
			}
			for path := range versions {
				if ctx.Err() != nil {
					return
				}
				res.Snapshot.Inspect(path)
			}
		}()
	}
}

// prepare readies a check of the workspace as `typd check` run in its
// root does: its configuration file and the flags, the files it names or
// else the whole folder. With cached, under --use-fine-grained-cache and
// with a cache in the root, the plan's Config holds the cache (the caller
// closes it).
func (c *checks) prepare(env workspace.Env, args []string, cached bool) (*workspace.Plan, error) {
	inv, _ := workspace.Parse(env, args, "typd lsp")
	if inv == nil {
		return nil, errors.New(stderrLine(env.Stderr))
	}
	env.KeepsCache = cached && startsFromCache(inv, env.CacheBase)
	if inv.NoTargets() {
		inv.Targets = []string{"."}
	}
	plan, err := workspace.Prepare(env, inv)
	if err != nil {
		return nil, err
	}
	// A buffer the user is typing in stops only its own file's check.
	plan.Config.IsolateSyntaxErrors = true
	return plan, nil
}

// workspaceCheck checks the workspace through the session. With
// lendParses (until the session has checked the workspace once), the
// cache, if it starts from one, lends the session the parses it holds.
func (c *checks) workspaceCheck(ctx context.Context, env workspace.Env, args []string, lendParses bool) (*checker.Result, error) {
	plan, err := c.prepare(env, args, lendParses)
	if err != nil {
		return nil, err
	}
	if plan.Config.Cache != nil {
		defer plan.Config.Cache.Close()
	}
	return c.sess.CheckContext(ctx, plan.Config, plan.Sources)
}

// cacheCheck is a check's early answer until the session has checked the
// workspace once, under --use-fine-grained-cache: the workspace checked
// as `typd check` in its root checks it with the cache there, whose
// diagnostics are published while the session's own check runs (queries
// wait for that one). It is nil without the flag, the cache, or when the
// workspace cannot be checked.
func (c *checks) cacheCheck(env workspace.Env, args []string) *checker.Result {
	plan, err := c.prepare(env, args, true)
	if err != nil || plan.Config.Cache == nil {
		return nil
	}
	defer plan.Config.Cache.Close()
	start := time.Now()
	res := checker.NewCachingSession(plan.Config.Cache).Check(plan.Config, plan.Sources)
	c.s.log.Info().Dur("took", time.Since(start)).Int("analysed", res.Analyzed).Str("replayed", res.Replayed).
		Msg("first diagnostics from the cache")
	return res
}

// startsFromCache reports whether the server starts from the cache: under
// --use-fine-grained-cache, when the cache's folder (in root) is there. A
// check that would fill a cache first would delay the session's own.
func startsFromCache(inv *workspace.Invocation, root string) bool {
	dir, on := workspace.CacheDir(inv.Options, root)
	if !on || !inv.Options.Bool("use_fine_grained_cache") {
		return false
	}
	_, err := os.Stat(dir)
	return err == nil
}

// stderrLine is the last line written to a buffer (the error workspace
// printed).
func stderrLine(w io.Writer) string {
	b, _ := w.(*bytes.Buffer)
	lines := bytes.Split(bytes.TrimSpace(b.Bytes()), []byte("\n"))
	return string(lines[len(lines)-1])
}

// await returns the snapshot of the latest check that saw every edit made
// so far, with the texts it read; it waits for that check, and fails when
// ctx ends first or there is no snapshot (the check stopped at a
// blocking error).
func (c *checks) await(ctx context.Context) (*checker.Snapshot, map[string]int32, error) {
	for {
		c.mu.Lock()
		if c.done == c.edits {
			snap, versions := c.snap, maps.Clone(c.versions)
			c.mu.Unlock()
			if snap == nil {
				return nil, nil, errors.New("the workspace has a blocking error")
			}
			return snap, versions, nil
		}
		finished := c.finished
		c.mu.Unlock()
		select {
		case <-finished:
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
	}
}

// diagnosticsOf returns the latest check's diagnostics of a file (path
// relative to the root).
func (c *checks) diagnosticsOf(path string) []protocol.Diagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byFile[path]
}

// latestGood waits as await does, and returns the latest snapshot there
// was, which is an earlier check's when the latest stopped at a blocking
// error (a syntax error while the user types); nil before any.
func (c *checks) latestGood(ctx context.Context) *checker.Snapshot {
	if snap, _, err := c.await(ctx); err == nil {
		return snap
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.good
}

// publish sends the diagnostics of a check for every file that has some,
// had some, or is open.
func (c *checks) publish(files *rootedFS, versions map[string]int32, res *checker.Result) {
	byFile := diagnosticsByFile(files, res.Diagnostics)
	c.mu.Lock()
	previous := c.published
	c.published = map[string]bool{}
	for path := range byFile {
		c.published[path] = true
	}
	c.byFile = byFile
	c.mu.Unlock()
	// Files that had diagnostics and have none now are cleared; open
	// documents hear of every check, so the client knows which version the
	// diagnostics are of.
	for path := range previous {
		if _, ok := byFile[path]; !ok {
			byFile[path] = []protocol.Diagnostic{}
		}
	}
	for path := range versions {
		if _, ok := byFile[path]; !ok {
			byFile[path] = []protocol.Diagnostic{}
		}
	}
	for path, ds := range byFile {
		params := &protocol.PublishDiagnosticsParams{URI: uri.File(files.abs(path)), Diagnostics: ds}
		if v, ok := versions[files.rel(path)]; ok {
			params.Version = protocol.NewOptional(v)
		}
		if err := c.s.client.PublishDiagnostics(context.Background(), params); err != nil {
			c.s.log.Warn().Err(err).Msg("publishDiagnostics failed")
		}
	}
}
