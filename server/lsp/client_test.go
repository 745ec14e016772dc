package lsp_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"typd/checker/fsys"
	"typd/server/lsp"
)

// client is a scripted LSP client speaking raw JSON-RPC over the server's
// pipes, so the tests see the wire as an editor does.
type client struct {
	t      testing.TB
	w      io.Writer
	mu     sync.Mutex
	nextID int
	// replies receive each response by id.
	replies map[int]chan message
	// diagnostics receive every publishDiagnostics notification.
	diagnostics chan publish
	// served is Serve's error once it returned.
	served chan error
	// requests receive the server's requests (which the client answers
	// with a null result).
	requests chan message
}

// message is one JSON-RPC message as the client reads it.
type message struct {
	ID     *int            `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// publish is a publishDiagnostics notification.
type publish struct {
	URI         string `json:"uri"`
	Version     *int   `json:"version"`
	Diagnostics []struct {
		Range struct {
			Start struct{ Line, Character int } `json:"start"`
			End   struct{ Line, Character int } `json:"end"`
		} `json:"range"`
		Severity           int    `json:"severity"`
		Code               string `json:"code"`
		Message            string `json:"message"`
		RelatedInformation []struct {
			Location struct {
				Range struct {
					Start struct{ Line int } `json:"start"`
				} `json:"range"`
			} `json:"location"`
			Message string `json:"message"`
		} `json:"relatedInformation"`
	} `json:"diagnostics"`
}

// startServer runs lsp.Serve on pipes and returns the client end.
func startServer(t testing.TB, args ...string) *client {
	return startServerOn(t, fsys.NewListed(), args...)
}

// startServerOn is startServer with the disk the server reads.
func startServerOn(t testing.TB, disk fsys.FS, args ...string) *client {
	return startServerLogging(t, disk, zerolog.Nop(), args...)
}

// startServerLogging is startServerOn with the server's log.
func startServerLogging(t testing.TB, disk fsys.FS, log zerolog.Logger, args ...string) *client {
	t.Helper()
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	c := &client{t: t, w: fromClient, replies: map[int]chan message{}, diagnostics: make(chan publish, 100),
		served: make(chan error, 1), requests: make(chan message, 10)}
	go func() {
		err := lsp.Serve(context.Background(), pipeEnd{toServer, fromServer}, lsp.Config{Args: args,
			Disk: disk, Getenv: func(string) string { return "" }, Log: log})
		fromServer.Close()
		c.served <- err
	}()
	go c.read(bufio.NewReader(toClient))
	t.Cleanup(func() { fromClient.Close() })
	return c
}

type pipeEnd struct {
	r *io.PipeReader
	w *io.PipeWriter
}

func (p pipeEnd) Read(b []byte) (int, error)  { return p.r.Read(b) }
func (p pipeEnd) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pipeEnd) Close() error {
	p.r.Close()
	return p.w.Close()
}

// read dispatches the server's messages.
func (c *client) read(r *bufio.Reader) {
	for {
		length := 0
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("the server sent malformed JSON: %s", body)
			return
		}
		switch {
		case m.Method == "textDocument/publishDiagnostics":
			var p publish
			json.Unmarshal(m.Params, &p)
			c.diagnostics <- p
		case m.Method != "" && m.ID != nil:
			c.send(map[string]any{"jsonrpc": "2.0", "id": *m.ID, "result": nil})
			c.requests <- m
		case m.Method != "":
			// window/showMessage and other notifications: not asserted here.
		case m.ID != nil:
			c.mu.Lock()
			ch := c.replies[*m.ID]
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
		}
	}
}

// send writes one framed message.
func (c *client) send(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.sendRaw(body)
}

func (c *client) sendRaw(body []byte) {
	fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

// request sends a request and returns its id and the channel of its reply.
func (c *client) request(method string, params any) (int, chan message) {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan message, 1)
	c.replies[id] = ch
	c.mu.Unlock()
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	return id, ch
}

// call sends a request and waits for its reply.
func (c *client) call(method string, params any) message {
	c.t.Helper()
	_, ch := c.request(method, params)
	select {
	case m := <-ch:
		return m
	case <-time.After(30 * time.Second):
		c.t.Fatalf("no reply to %s", method)
		return message{}
	}
}

func (c *client) notify(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// diagnosticsOf waits for the next diagnostics of a file and writes them
// as `typd check` prints them.
func (c *client) diagnosticsOf(root, file string) (string, *int) {
	c.t.Helper()
	want := fileURI(filepath.Join(root, file))
	deadline := time.After(60 * time.Second)
	for {
		select {
		case p := <-c.diagnostics:
			if p.URI != want {
				continue
			}
			var b strings.Builder
			for _, d := range p.Diagnostics {
				sev := map[int]string{1: "error", 2: "warning", 3: "note"}[d.Severity]
				fmt.Fprintf(&b, "%s:%d: %s: %s", file, d.Range.Start.Line+1, sev, d.Message)
				if d.Code != "" && sev != "note" {
					fmt.Fprintf(&b, "  [%s]", d.Code)
				}
				b.WriteByte('\n')
				for _, r := range d.RelatedInformation {
					fmt.Fprintf(&b, "%s:%d: note: %s\n", file, r.Location.Range.Start.Line+1, r.Message)
				}
			}
			return b.String(), p.Version
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s", file)
			return "", nil
		}
	}
}

// diagnosticsAt waits for the diagnostics of a file's given version.
func (c *client) diagnosticsAt(root, file string, version int) string {
	c.t.Helper()
	for {
		got, v := c.diagnosticsOf(root, file)
		if v != nil && *v == version {
			return got
		}
	}
}

// settle waits until the server's checks are done (a pulled diagnostic
// answers after the check of every edit before it, and a check publishes
// before it is done) and drops the diagnostics published until then, so
// that the next ones waited for are of what comes next.
func (c *client) settle(root string) {
	c.t.Helper()
	c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": fileURI(filepath.Join(root, "mypy.ini"))}})
	for {
		select {
		case <-c.diagnostics:
		default:
			return
		}
	}
}

// nextDiagnostics waits for the diagnostics of a file and returns them as
// typd check prints them, without the final newline.
func (c *client) nextDiagnostics(root, file string) string {
	c.t.Helper()
	got, _ := c.diagnosticsOf(root, file)
	return strings.TrimSuffix(got, "\n")
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: path}).String()
}

// writeFiles writes a workspace.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// typdCheckFile is typdCheck's lines about one file.
func typdCheckFile(t *testing.T, root, file string) string {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(typdCheck(t, root, nil), "\n") {
		if strings.HasPrefix(l, file+":") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// typdCheck is what `typd check` prints for the workspace at root with
// the given buffers laid over it, the summary line left out.
func typdCheck(t *testing.T, root string, buffers map[string]string) string {
	t.Helper()
	var out bytes.Buffer
	code := lsp.CheckForTest(root, buffers, &out)
	if code > 1 {
		t.Fatalf("typd check failed (%d): %s", code, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	return strings.Join(lines[:len(lines)-1], "\n")
}
