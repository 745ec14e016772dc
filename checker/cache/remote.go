package cache

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A remote store keeps the caches that CI built, for developers to start
// from (the seed's "Using a remote cache"). It is any HTTP server that
// takes plain GET, HEAD and PUT of files below a base URL (nginx's or
// Apache's WebDAV, for instance), laid out as:
//
//	BASE/cas/HASH                   an entry file, named by the SHA-256 of its bytes
//	BASE/manifests/COMMIT-BUILD     the entries of the cache built for a commit
//
// BUILD is the start of the hash of the typd build that wrote the entries
// (an entry of another build is of no use: see Open). A manifest lists,
// one per line, the SHA-256, size and path in the cache folder of each
// entry. Push uploads the entries the store lacks and then the manifest,
// so a manifest never names an entry the store has not got; Pull fetches
// a commit's manifest and the entries missing locally, and writes each
// only when its bytes have the hash the manifest gives.

// Store is a remote store's client.
type Store struct {
	// base is the store's URL without credentials (it appears in
	// messages); auth sets a request's credentials.
	base   *url.URL
	auth   func(*http.Request)
	client *http.Client
}

// Credentials are how a store's requests authenticate: a bearer token, or
// a user and password (HTTP basic authentication).
type Credentials struct {
	Token          string
	User, Password string
}

// NewStore returns the client of the store at rawURL (http or https). The
// URL's user and password, when it has them, are the credentials unless
// cred gives some; they never appear in messages. Each request gives up
// after timeout.
func NewStore(rawURL string, cred Credentials, timeout time.Duration) (*Store, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("the store's URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("the store's URL %q is not an http:// or https:// URL", u.Redacted())
	}
	if u.User != nil && cred == (Credentials{}) {
		cred.User = u.User.Username()
		cred.Password, _ = u.User.Password()
	}
	u.User = nil
	u.Path = strings.TrimSuffix(u.Path, "/") + "/"
	s := &Store{base: u, client: &http.Client{Timeout: timeout}, auth: func(*http.Request) {}}
	switch {
	case cred.Token != "":
		s.auth = func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+cred.Token) }
	case cred.User != "" || cred.Password != "":
		s.auth = func(r *http.Request) { r.SetBasicAuth(cred.User, cred.Password) }
	}
	return s, nil
}

// URL is the store's URL, without credentials.
func (s *Store) URL() string { return s.base.String() }

// ErrUnreachable wraps the failure of a request that got no answer (the
// store is down, or slower than the timeout).
var ErrUnreachable = errors.New("the store did not answer")

// statusError is an answer other than the one a request wanted.
type statusError struct {
	method, path string
	status       string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("the store answered %s %s with %s", e.method, e.path, e.status)
}

// do sends a request for a path below the base and returns the answer,
// whose body the caller closes.
func (s *Store) do(ctx context.Context, method, path string, body []byte) (*http.Response, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.base.String()+path, r)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.ContentLength = int64(len(body))
	}
	s.auth(req)
	resp, err := s.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: %s %s: %v", ErrUnreachable, method, path, unwrapURLError(err))
	}
	return resp, nil
}

// unwrapURLError drops net/url's repetition of the method and URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// get fetches a path's bytes, at most limit of them; found is false when
// the store has no such file (404 or 410).
func (s *Store) get(ctx context.Context, path string, limit int64) (data []byte, found bool, err error) {
	resp, err := s.do(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, false, nil
	case resp.StatusCode != http.StatusOK:
		return nil, false, &statusError{"GET", path, resp.Status}
	}
	data, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, false, fmt.Errorf("%w: GET %s: %v", ErrUnreachable, path, err)
	}
	if int64(len(data)) > limit {
		return nil, false, fmt.Errorf("the store's %s is larger than %d bytes", path, limit)
	}
	return data, true, nil
}

// has reports whether the store has a file of the given size at a path.
func (s *Store) has(ctx context.Context, path string, size int64) (bool, error) {
	resp, err := s.do(ctx, http.MethodHead, path, nil)
	if err != nil {
		return false, err
	}
	resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		return resp.ContentLength == size, nil
	case http.StatusNotFound, http.StatusGone:
		return false, nil
	}
	return false, &statusError{"HEAD", path, resp.Status}
}

// put stores bytes at a path.
func (s *Store) put(ctx context.Context, path string, data []byte) error {
	resp, err := s.do(ctx, http.MethodPut, path, data)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return &statusError{"PUT", path, resp.Status}
	}
	return nil
}

// ManifestEntry is an entry a manifest lists: its path in the cache
// folder (slash-separated), and its bytes' SHA-256 and size.
type ManifestEntry struct {
	Path string
	Sum  [32]byte
	Size int64
}

// manifestHeader starts a manifest; manifestEnd, with the number of
// entries, ends it (a manifest cut short is refused).
const (
	manifestHeader = "typd-cache-manifest 1"
	manifestEnd    = "end"
	// maxManifestSize and maxEntrySize bound what Pull reads.
	maxManifestSize = 64 << 20
	maxEntrySize    = 256 << 20
)

// sharedKinds are the kinds of entries a store keeps: all but the target
// Python's answers, which hold this machine's paths.
var sharedKinds = []string{"parse", "interface", string(Results), string(Runs), string(Texts), string(Latest)}

// encodeManifest writes a manifest.
func encodeManifest(build string, entries []ManifestEntry) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nbuild %s\n", manifestHeader, build)
	for _, e := range entries {
		fmt.Fprintf(&b, "%x %d %s\n", e.Sum, e.Size, e.Path)
	}
	fmt.Fprintf(&b, "%s %d\n", manifestEnd, len(entries))
	return b.Bytes()
}

// parseManifest reads a manifest, refusing one that is malformed, cut
// short, or names a path that is not an entry's.
func parseManifest(data []byte) (build string, entries []ManifestEntry, err error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	bad := func(line int, why string) error {
		return fmt.Errorf("the manifest is malformed (line %d: %s)", line, why)
	}
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return sc.Text(), true
	}
	if h, ok := next(); !ok || h != manifestHeader {
		return "", nil, bad(1, "not a typd cache manifest")
	}
	b, ok := next()
	if build, ok = strings.CutPrefix(b, "build "); !ok {
		return "", nil, bad(2, "no build")
	}
	for {
		text, ok := next()
		if !ok {
			return "", nil, bad(line, "cut short")
		}
		if n, isEnd := strings.CutPrefix(text, manifestEnd+" "); isEnd {
			if count, err := strconv.Atoi(n); err != nil || count != len(entries) {
				return "", nil, bad(line, "wrong entry count")
			}
			if _, more := next(); more {
				return "", nil, bad(line, "text after the end")
			}
			return build, entries, nil
		}
		fields := strings.Fields(text)
		if len(fields) != 3 {
			return "", nil, bad(line, "not hash, size and path")
		}
		var e ManifestEntry
		sum, err := hex.DecodeString(fields[0])
		if err != nil || len(sum) != len(e.Sum) {
			return "", nil, bad(line, "not a SHA-256")
		}
		copy(e.Sum[:], sum)
		if e.Size, err = strconv.ParseInt(fields[1], 10, 64); err != nil || e.Size < 0 || e.Size > maxEntrySize {
			return "", nil, bad(line, "not a size")
		}
		if e.Path = fields[2]; !isEntryName(e.Path) {
			return "", nil, bad(line, "not an entry's path")
		}
		entries = append(entries, e)
	}
}

// parseEntryName reads an entry's path in a manifest (see entryName);
// ok is false for one that is not a shared entry's: KIND/xx/ and the other
// 62 lower-case hex digits of its key.
func parseEntryName(p string) (kind string, key [32]byte, ok bool) {
	kind, rest, found := strings.Cut(p, "/")
	if !found || !slices.Contains(sharedKinds, kind) || len(rest) != 2+1+62 || rest[2] != '/' {
		return "", key, false
	}
	key, ok = parseKey(rest[:2] + rest[3:])
	return kind, key, ok
}

// manifestPath is where a store keeps the manifest of a commit's cache
// built by this typd build.
func (d *Dir) manifestPath(commit string) string {
	h := sha256.Sum256([]byte(d.version))
	return "manifests/" + commit + "-" + hex.EncodeToString(h[:8])
}

// shared lists this build's entries of the kinds a store keeps, with
// their frames; an entry of another build or that does not check out is
// left out.
func (d *Dir) shared() ([]ManifestEntry, [][]byte) {
	var entries []ManifestEntry
	var data [][]byte
	for _, kind := range sharedKinds {
		d.entries.each(kind, func(key [32]byte, frame []byte) {
			if _, why := check(frame, d.version); why != "" {
				return
			}
			entries = append(entries, ManifestEntry{Path: entryName(kind, key), Sum: sha256.Sum256(frame), Size: int64(len(frame))})
			data = append(data, frame)
		})
	}
	return entries, data
}

// entryName is an entry's path in a manifest: KIND/ab/cdef..., the key in
// hex (the files backend's layout, whatever the backend).
func entryName(kind string, key [32]byte) string {
	h := hex.EncodeToString(key[:])
	return kind + "/" + h[:2] + "/" + h[2:]
}

// isEntryName reports whether a manifest's path is a shared entry's.
func isEntryName(p string) bool {
	_, _, ok := parseEntryName(p)
	return ok
}

// PushReport is what Push did.
type PushReport struct {
	// Entries counts the entries of the manifest, Uploaded those the
	// store lacked, and Bytes their size.
	Entries, Uploaded int
	Bytes             int64
}

// transfers is how many requests Push and Pull keep going at once.
const transfers = 4

// Push uploads this cache's entries (of this build) that the store lacks,
// then the manifest that names them as the cache of commit. It waits for
// the pending writes first.
func (d *Dir) Push(ctx context.Context, s *Store, commit string) (PushReport, error) {
	d.Flush()
	entries, data := d.shared()
	var uploaded atomic.Int32
	var sent atomic.Int64
	err := forEach(ctx, len(entries), func(ctx context.Context, i int) error {
		path := "cas/" + hex.EncodeToString(entries[i].Sum[:])
		if ok, err := s.has(ctx, path, entries[i].Size); err != nil || ok {
			return err
		}
		if err := s.put(ctx, path, data[i]); err != nil {
			return err
		}
		uploaded.Add(1)
		sent.Add(entries[i].Size)
		return nil
	})
	report := PushReport{Entries: len(entries), Uploaded: int(uploaded.Load()), Bytes: sent.Load()}
	if err != nil {
		return report, err
	}
	return report, s.put(ctx, d.manifestPath(commit), encodeManifest(d.version, entries))
}

// PullReport is what Pull did.
type PullReport struct {
	// Commit is the commit whose cache was found ("" when none was),
	// Tried the commits asked before it, which had none.
	Commit string
	Tried  int
	// Entries counts the manifest's entries, Present those already here,
	// Fetched those written, Bytes their size, and Wrong those the store
	// served with other bytes than the manifest gives (not written).
	Entries, Present, Fetched, Wrong int
	Bytes                            int64
}

// Pull finds the first of commits whose cache the store has (built by
// this build), and fetches the entries of it that are not here. An entry
// is written only when its bytes are those the manifest names; a wrong
// one is counted and skipped. Pull stops at the first request that gets
// no answer (ErrUnreachable), keeping what it has written.
func (d *Dir) Pull(ctx context.Context, s *Store, commits []string) (PullReport, error) {
	var report PullReport
	var entries []ManifestEntry
	for _, c := range commits {
		data, found, err := s.get(ctx, d.manifestPath(c), maxManifestSize)
		if err != nil {
			return report, err
		}
		if !found {
			report.Tried++
			continue
		}
		build, es, err := parseManifest(data)
		if err != nil {
			return report, fmt.Errorf("commit %s: %v", c, err)
		}
		if build != d.version {
			return report, fmt.Errorf("commit %s: the manifest is of another typd build", c)
		}
		report.Commit, entries = c, es
		break
	}
	if report.Commit == "" {
		return report, nil
	}
	report.Entries = len(entries)
	var missing []ManifestEntry
	for _, e := range entries {
		kind, key, _ := parseEntryName(e.Path)
		if n, ok := d.entries.size(kind, key); ok && n == e.Size {
			report.Present++
			continue
		}
		missing = append(missing, e)
	}
	var fetched, wrong atomic.Int32
	var got atomic.Int64
	err := forEach(ctx, len(missing), func(ctx context.Context, i int) error {
		e := missing[i]
		data, found, err := s.get(ctx, "cas/"+hex.EncodeToString(e.Sum[:]), e.Size)
		if errors.Is(err, ErrUnreachable) || ctx.Err() != nil {
			return err
		}
		if err != nil || !found || int64(len(data)) != e.Size || sha256.Sum256(data) != e.Sum {
			wrong.Add(1)
			return nil
		}
		if _, why := check(data, d.version); why != "" {
			wrong.Add(1)
			return nil
		}
		kind, key, _ := parseEntryName(e.Path)
		if err := d.entries.write(kind, key, data); err != nil {
			return err
		}
		fetched.Add(1)
		got.Add(e.Size)
		return nil
	})
	report.Fetched, report.Wrong, report.Bytes = int(fetched.Load()), int(wrong.Load()), got.Load()
	return report, err
}

// forEach calls f for 0..n-1, transfers at a time, and returns the first
// error, after which it starts no more calls.
func forEach(ctx context.Context, n int, f func(context.Context, int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var next atomic.Int64
	var once sync.Once
	var first error
	var wg sync.WaitGroup
	for w := 0; w < transfers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := f(ctx, i); err != nil {
					once.Do(func() { first = err; cancel() })
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}
