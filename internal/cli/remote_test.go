package cli_test

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"typd/checker/fsys"
	"typd/checker/typeshed"
	"typd/internal/cli"
	"typd/workspace"
)

// nginxStore is a real WebDAV store for the remote cache's tests: Debian's
// nginx, started by the test on loopback, serving the folder root on three
// ports: plain, slow (one byte a second) and with basic authentication.
type nginxStore struct {
	root                 string
	plain, slow, guarded string // the stores' URLs
}

// startNginx starts nginx for a test, which fails when nginx is not
// installed (`make test` installs Debian's nginx-light).
func startNginx(t *testing.T, user, password string) *nginxStore {
	t.Helper()
	bin, err := exec.LookPath("nginx")
	if err != nil {
		for _, p := range []string{"/usr/sbin/nginx", "/sbin/nginx"} {
			if _, serr := os.Stat(p); serr == nil {
				bin, err = p, nil
			}
		}
	}
	if err != nil {
		t.Fatal("nginx is not installed: `make test` installs it (Debian's nginx-light)")
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "store")
	os.MkdirAll(root, 0o777)
	os.Chmod(root, 0o777)
	os.WriteFile(filepath.Join(dir, "htpasswd"), []byte(user+":{PLAIN}"+password+"\n"), 0o644)
	ports := freePorts(t, 3)
	server := func(port int, extra string) string {
		return fmt.Sprintf(`server {
    listen 127.0.0.1:%d;
    root %s;
    client_max_body_size 0;
    location / {
      dav_methods PUT DELETE;
      create_full_put_path on;
      dav_access user:rw group:rw all:rw;
      %s
    }
  }
`, port, root, extra)
	}
	conf := fmt.Sprintf(`daemon off;
master_process off;
error_log %[1]s/error.log;
pid %[1]s/nginx.pid;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  %[2]s
  %[3]s
  %[4]s
}
`, dir, server(ports[0], ""), server(ports[1], "limit_rate 1; limit_rate_after 0;"),
		server(ports[2], `auth_basic "typd"; auth_basic_user_file `+dir+`/htpasswd;`))
	confPath := filepath.Join(dir, "nginx.conf")
	os.WriteFile(confPath, []byte(conf), 0o644)
	cmd := exec.Command(bin, "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "error.log"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for _, p := range ports {
		addr := fmt.Sprintf("127.0.0.1:%d", p)
		for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
			c, err := net.Dial("tcp", addr)
			if err == nil {
				c.Close()
				break
			}
			if time.Since(start) > 10*time.Second {
				log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
				t.Fatalf("nginx did not listen on %s: %s%s", addr, out.String(), log)
			}
		}
	}
	url := func(p int) string { return fmt.Sprintf("http://127.0.0.1:%d/team/", p) }
	return &nginxStore{root: root, plain: url(ports[0]), slow: url(ports[1]), guarded: url(ports[2])}
}

// freePorts finds n ports free on loopback.
func freePorts(t *testing.T, n int) []int {
	var ports []int
	var ls []net.Listener
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// gitRun runs git in a folder, failing the test on an error.
func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// countEntries counts the entry files below a cache folder.
func countEntries(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Count(strings.TrimPrefix(p, dir), string(filepath.Separator)) == 3 {
			n++
		}
		return nil
	})
	return n
}

// TestRemoteCache: CI checks a commit and pushes its cache to a real
// nginx WebDAV store; a developer on a branch from a later commit pulls
// it (walking the first-parent line back from the merge base to the
// commit that has a cache), and checks with the output of a check without
// a cache. Then the failures: a store that is down, slow, serves wrong
// bytes or a garbage manifest, or asks for credentials, each leaving the
// local cache usable and saying why.
func TestRemoteCache(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is not installed")
	}
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Fatal(typeshed.ProvisionHint)
	}
	stubs := fsys.FromFS(embedded)
	store := startNginx(t, "ci", "s3cret-pw")

	repo := t.TempDir()
	gitRun(t, repo, "init", "-q", "-b", "main")
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(repo, name)), 0o755)
		os.WriteFile(filepath.Join(repo, name), []byte(text), 0o644)
	}
	write("pkg/__init__.py", "")
	write("pkg/model.py", "class User:\n    def __init__(self, name: str) -> None:\n        self.name = name\n")
	write("main.py", "from pkg.model import User\nu = User('a')\nreveal_type(u.name)\nx: int = u.name\n")
	gitRun(t, repo, "add", ".")
	gitRun(t, repo, "commit", "-q", "-m", "A")
	commitA := gitRun(t, repo, "rev-parse", "HEAD")
	write("pkg/extra.py", "y = 1\n")
	gitRun(t, repo, "add", ".")
	gitRun(t, repo, "commit", "-q", "-m", "A2")
	commitA2 := gitRun(t, repo, "rev-parse", "HEAD")

	t.Chdir(repo)
	var netrc string
	env := func(out *bytes.Buffer, extra map[string]string) workspace.Env {
		return workspace.Env{Files: fsys.Disk{}, Typeshed: stubs, Stdout: out, Stderr: out, KeepsCache: true,
			Getenv: func(k string) string {
				if v, ok := extra[k]; ok {
					return v
				}
				if k == "NETRC" {
					return netrc
				}
				return ""
			}}
	}
	check := func(cacheDir string, extra ...string) string {
		var out bytes.Buffer
		args := append([]string{"--no-site-packages", "--python-version", "3.12", "main.py", "pkg"}, extra...)
		if cacheDir == "" {
			args = append(args, "--no-incremental")
		} else {
			args = append(args, "--cache-dir", cacheDir)
		}
		cli.Check(env(&out, nil), args)
		return out.String()
	}
	cacheCmd := func(extra map[string]string, args ...string) (int, string) {
		var out bytes.Buffer
		code := cli.Cache(env(&out, extra), args)
		return code, out.String()
	}

	// CI: a check of commit A, pushed.
	gitRun(t, repo, "checkout", "-q", commitA)
	want := check("")
	if got := check("ci-cache"); got != want {
		t.Fatalf("the check filling the cache printed\n%s\nnot\n%s", got, want)
	}
	code, out := cacheCmd(nil, "push", "--store", store.plain, "--cache-dir", "ci-cache")
	if code != 0 || !strings.Contains(out, "as the cache of "+commitA[:12]) {
		t.Fatalf("push: exit %d:\n%s", code, out)
	}
	// Entries with the same bytes are one file in the store.
	cas, _ := filepath.Glob(filepath.Join(store.root, "team", "cas", "*"))
	pushed := countEntries(filepath.Join(repo, "ci-cache"))
	if len(cas) == 0 || len(cas) > pushed || !strings.Contains(out, fmt.Sprintf(": %d entries as the cache", pushed)) {
		t.Fatalf("%d files in the store for %d entries in the cache:\n%s", len(cas), pushed, out)
	}
	// A second push uploads nothing new.
	if code, out = cacheCmd(nil, "push", "--store", store.plain, "--cache-dir", "ci-cache"); code != 0 || !strings.Contains(out, ", 0 of them uploaded") {
		t.Fatalf("a second push: exit %d:\n%s", code, out)
	}

	// A developer, on a branch from A2 (whose cache CI has not pushed).
	gitRun(t, repo, "checkout", "-q", "-b", "feature", commitA2)
	gitRun(t, repo, "update-ref", "refs/remotes/origin/main", commitA2)
	write("main.py", "from pkg.model import User\nu = User('a')\nreveal_type(u.name)\nx: str = u.name\n")
	gitRun(t, repo, "commit", "-q", "-am", "B")
	want = check("")
	code, out = cacheCmd(nil, "pull", "--store", store.plain, "--cache-dir", "dev-cache")
	if code != 0 || !strings.Contains(out, "of the cache of "+commitA[:12]) || !strings.Contains(out, "none for the 1 newer commits") {
		t.Fatalf("pull: exit %d:\n%s", code, out)
	}
	if got := countEntries(filepath.Join(repo, "dev-cache")); got != pushed {
		t.Fatalf("the pull wrote %d entries of %d", got, pushed)
	}
	if got := check("dev-cache"); got != want {
		t.Fatalf("the check from the pulled cache printed\n%s\nnot\n%s", got, want)
	}
	// Into a cache kept in SQLite, the same entries, and the same output.
	code, out = cacheCmd(nil, "pull", "--store", store.plain, "--cache-dir", "sqlite-cache", "--", "--sqlite-cache")
	if code != 0 || !strings.Contains(out, fmt.Sprintf(": %d entries of the cache", pushed)) {
		t.Fatalf("pull into SQLite: exit %d:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(repo, "sqlite-cache", "cache.db")); err != nil {
		t.Fatal(err)
	}
	if got := check("sqlite-cache", "--sqlite-cache"); got != want {
		t.Fatalf("the check from the pulled SQLite cache printed\n%s\nnot\n%s", got, want)
	}
	// Pulling again fetches nothing.
	if code, out = cacheCmd(nil, "pull", "--store", store.plain, "--cache-dir", "dev-cache"); code != 0 || !strings.Contains(out, ": 0 entries") {
		t.Fatalf("a second pull: exit %d:\n%s", code, out)
	}

	// The failures leave the local cache as it was, and a check as right.
	before := countEntries(filepath.Join(repo, "dev-cache"))
	failures := []struct {
		name  string
		args  []string
		says  string
		setup func()
	}{
		{"no cache for the commits", []string{"--store", store.plain, "--base", "main", "--depth", "1"}, "the store has no cache", nil},
		{"down", []string{"--store", "http://127.0.0.1:" + fmt.Sprint(freePorts(t, 1)[0]) + "/"}, "the store did not answer", nil},
		{"slow", []string{"--store", store.slow, "--timeout", "1"}, "the store did not answer", nil},
		{"not a store", []string{"--store", "ftp://example.com/"}, "not an http:// or https:// URL", nil},
	}
	for _, f := range failures {
		start := time.Now()
		code, out := cacheCmd(nil, append([]string{"pull", "--cache-dir", "dev-cache"}, f.args...)...)
		if code == 0 || !strings.Contains(out, f.says) {
			t.Errorf("%s: exit %d:\n%s", f.name, code, out)
		}
		if time.Since(start) > 8*time.Second {
			t.Errorf("%s: took %v", f.name, time.Since(start))
		}
		if n := countEntries(filepath.Join(repo, "dev-cache")); n != before {
			t.Errorf("%s: the local cache went from %d entries to %d", f.name, before, n)
		}
	}

	// Wrong bytes: one file of the store altered; a pull into an empty
	// cache writes all the entries but those with its bytes, and says so.
	victim := cas[0]
	orig, _ := os.ReadFile(victim)
	manifests, _ := filepath.Glob(filepath.Join(store.root, "team", "manifests", "*"))
	manifest, _ := os.ReadFile(manifests[0])
	sharing := strings.Count(string(manifest), "\n"+filepath.Base(victim)+" ")
	bad := bytes.Clone(orig)
	bad[len(bad)/2] ^= 0xff
	os.WriteFile(victim, bad, 0o666)
	code, out = cacheCmd(nil, "pull", "--store", store.plain, "--cache-dir", "wrong-cache")
	if code != 1 || sharing == 0 || !strings.Contains(out, fmt.Sprintf("%d entries came with other bytes", sharing)) {
		t.Errorf("wrong bytes (%d entries share the file): exit %d:\n%s", sharing, code, out)
	}
	if n := countEntries(filepath.Join(repo, "wrong-cache")); n != pushed-sharing {
		t.Errorf("wrong bytes: %d entries written of %d", n, pushed)
	}
	if got := check("wrong-cache"); got != want {
		t.Errorf("the check after a wrong entry printed\n%s\nnot\n%s", got, want)
	}
	os.WriteFile(victim, orig, 0o666)

	// A garbage manifest is refused whole.
	text := manifest
	os.WriteFile(manifests[0], bytes.Replace(text, []byte("result/"), []byte("../../x/"), 1), 0o666)
	code, out = cacheCmd(nil, "pull", "--store", store.plain, "--cache-dir", "garbage-cache")
	if code != 1 || !strings.Contains(out, "the manifest is malformed") || countEntries(filepath.Join(repo, "garbage-cache")) != 0 {
		t.Errorf("garbage manifest: exit %d:\n%s", code, out)
	}
	os.WriteFile(manifests[0], text, 0o666)

	// Credentials: refused without them; taken from the netrc file or the
	// URL; never printed.
	code, out = cacheCmd(nil, "push", "--store", store.guarded, "--cache-dir", "ci-cache", "--commit", commitA)
	if code != 1 || !strings.Contains(out, "401") {
		t.Errorf("no credentials: exit %d:\n%s", code, out)
	}
	netrc = filepath.Join(t.TempDir(), "netrc")
	os.WriteFile(netrc, []byte("machine example.com login x password y\nmachine 127.0.0.1\n  login ci\n  password s3cret-pw\n"), 0o600)
	code, out = cacheCmd(nil, "push", "--store", store.guarded, "--cache-dir", "ci-cache", "--commit", commitA)
	if code != 0 || strings.Contains(out, "s3cret-pw") {
		t.Errorf("netrc credentials: exit %d:\n%s", code, out)
	}
	netrc = ""
	withUser := strings.Replace(store.guarded, "http://", "http://ci:s3cret-pw@", 1)
	code, out = cacheCmd(nil, "pull", "--store", withUser, "--cache-dir", "auth-cache", "--commit", commitA)
	if code != 0 || strings.Contains(out, "s3cret-pw") || countEntries(filepath.Join(repo, "auth-cache")) != pushed {
		t.Errorf("URL credentials: exit %d:\n%s", code, out)
	}
	wrongUser := strings.Replace(store.guarded, "http://", "http://ci:wrong-pw@", 1)
	code, out = cacheCmd(nil, "pull", "--store", wrongUser, "--cache-dir", "auth-cache2", "--commit", commitA)
	if code != 1 || strings.Contains(out, "wrong-pw") || !strings.Contains(out, "401") {
		t.Errorf("wrong credentials: exit %d:\n%s", code, out)
	}
	code, out = cacheCmd(map[string]string{"TYPD_CACHE_TOKEN": "tok-123"}, "pull", "--store", store.guarded, "--cache-dir", "auth-cache3", "--commit", commitA)
	if code != 1 || strings.Contains(out, "tok-123") {
		t.Errorf("a token nginx does not take: exit %d:\n%s", code, out)
	}
}
