// Package protocol is what typd's daemon and its clients share: the
// status file, which names the daemon's pid and socket (.dmypy.json by
// default, with dmypy's field names), and the messages on the socket. A
// message is a 4-byte big-endian length followed by that many bytes of
// JSON (an object with the fields' snake_case names; see json.go); a
// connection carries one request and its response.
//
// The package imports nothing of the checker: typd's front end links it
// and must start in a few milliseconds.
package protocol

import (
	"cmp"
	"errors"
	"io"
	"slices"
	"strconv"
)

// maxMessage bounds a message's length; a longer frame is malformed.
const maxMessage = 64 << 20

// Request is what a client asks. Command is one of dmypy's commands; the
// other fields are that command's arguments.
type Request struct {
	Command string
	// Version is the client's typd version (run).
	Version string
	// Args are mypy's flags and targets (run).
	Args []string
	// Files are the targets (check).
	Files []string
	// Update and Remove are recheck's --update and --remove; nil when
	// the flag was not given.
	Update []string
	Remove []string
	// ExportTypes is accepted and costs nothing: typd keeps types anyway.
	ExportTypes bool
	// FSWatcherDumpFile is status's --fswatcher-dump-file.
	FSWatcherDumpFile string
	// Inspect is inspect's location and flags.
	Inspect *InspectRequest
	// Suggest is suggest's function and flags.
	Suggest *SuggestRequest
	// IsTTY and TerminalWidth describe the client's output (run, check,
	// recheck): --pretty output is fitted in the width on a terminal.
	IsTTY         bool
	TerminalWidth int
}

// SuggestRequest is `suggest FUNCTION` with its flags (see suggest.Options).
type SuggestRequest struct {
	Function   string
	JSON       bool
	NoErrors   bool
	NoAny      bool
	FlexAny    float64
	Callsites  bool
	UseFixme   string
	MaxGuesses int
}

// InspectRequest is `inspect LOCATION` with its flags (see inspect.Options).
type InspectRequest struct {
	Location           string
	Show               string
	Verbosity          int
	Limit              int
	IncludeSpan        bool
	IncludeKind        bool
	IncludeObjectAttrs bool
	UnionAttrs         bool
	ForceReload        bool
}

// Response is the server's answer. A check's answer has Out, Err and
// Status; a failure has Error; a run whose options differ from the
// daemon's has Restart.
type Response struct {
	Out     string
	Err     string
	Status  int
	Error   string
	Restart string
	// Stats are figures about the Request and the daemon (timings in
	// seconds, memory, counts), shown by -v and --perf-stats-file.
	Stats map[string]any
	// PythonVersion and Platform are the checked target, for --junit-xml.
	PythonVersion string
	Platform      string
}

// A Message is what a connection carries: a *Request or a *Response.
type Message interface {
	appendJSON(b []byte) ([]byte, error)
	setJSON(v any) error
}

// WriteMessage sends one framed message.
func WriteMessage(w io.Writer, m Message) error {
	frame, err := m.appendJSON(make([]byte, 4, 512))
	if err != nil {
		return err
	}
	n := len(frame) - 4
	frame[0], frame[1], frame[2], frame[3] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
	_, err = w.Write(frame)
	return err
}

// ReadMessage receives one framed message into m.
func ReadMessage(r io.Reader, m Message) error {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return errors.New("reading message length: " + err.Error())
	}
	n := uint32(head[0])<<24 | uint32(head[1])<<16 | uint32(head[2])<<8 | uint32(head[3])
	if n > maxMessage {
		return errors.New("message of " + strconv.FormatUint(uint64(n), 10) + " bytes is longer than the limit of " +
			strconv.Itoa(maxMessage))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return errors.New("reading message body: " + err.Error())
	}
	v, err := parseJSON(body)
	if err != nil {
		return errors.New("message is not valid JSON: " + err.Error())
	}
	return m.setJSON(v)
}

func (r *Request) appendJSON(b []byte) ([]byte, error) {
	o := newObject(b)
	o.str("command", r.Command)
	if r.Version != "" {
		o.str("version", r.Version)
	}
	for _, l := range [...]struct {
		name string
		list []string
	}{{"args", r.Args}, {"files", r.Files}, {"update", r.Update}, {"remove", r.Remove}} {
		if l.list != nil {
			o.strings(l.name, l.list)
		}
	}
	if r.ExportTypes {
		o.boolean("export_types", true)
	}
	if r.FSWatcherDumpFile != "" {
		o.str("fswatcher_dump_file", r.FSWatcherDumpFile)
	}
	if in := r.Inspect; in != nil {
		o.name("inspect")
		n := newObject(o.b)
		n.str("location", in.Location)
		if in.Show != "" {
			n.str("show", in.Show)
		}
		for _, f := range [...]struct {
			name string
			v    int
		}{{"verbosity", in.Verbosity}, {"limit", in.Limit}} {
			if f.v != 0 {
				n.integer(f.name, f.v)
			}
		}
		for _, f := range [...]struct {
			name string
			v    bool
		}{{"include_span", in.IncludeSpan}, {"include_kind", in.IncludeKind}, {"include_object_attrs", in.IncludeObjectAttrs},
			{"union_attrs", in.UnionAttrs}, {"force_reload", in.ForceReload}} {
			if f.v {
				n.boolean(f.name, true)
			}
		}
		o.b = n.end()
	}
	if sg := r.Suggest; sg != nil {
		o.name("suggest")
		n := newObject(o.b)
		n.str("function", sg.Function)
		for _, f := range [...]struct {
			name string
			v    bool
		}{{"json", sg.JSON}, {"no_errors", sg.NoErrors}, {"no_any", sg.NoAny}, {"callsites", sg.Callsites}} {
			if f.v {
				n.boolean(f.name, true)
			}
		}
		n.name("flex_any")
		var err error
		if n.b, err = AppendJSON(n.b, sg.FlexAny); err != nil {
			return b, err
		}
		if sg.UseFixme != "" {
			n.str("use_fixme", sg.UseFixme)
		}
		if sg.MaxGuesses != 0 {
			n.integer("max_guesses", sg.MaxGuesses)
		}
		o.b = n.end()
	}
	if r.IsTTY {
		o.boolean("is_tty", true)
	}
	if r.TerminalWidth != 0 {
		o.integer("terminal_width", r.TerminalWidth)
	}
	return o.end(), nil
}

func (r *Request) setJSON(v any) error {
	f, err := asFields(v, "the request")
	if err != nil {
		return err
	}
	*r = Request{Command: f.str("command"), Version: f.str("version"), Args: f.strings("args"), Files: f.strings("files"),
		Update: f.strings("update"), Remove: f.strings("remove"), ExportTypes: f.boolean("export_types"),
		FSWatcherDumpFile: f.str("fswatcher_dump_file"), IsTTY: f.boolean("is_tty"), TerminalWidth: f.integer("terminal_width")}
	if m := f.object("inspect"); m != nil {
		n := &fields{m: m}
		r.Inspect = &InspectRequest{Location: n.str("location"), Show: n.str("show"), Verbosity: n.integer("verbosity"),
			Limit: n.integer("limit"), IncludeSpan: n.boolean("include_span"), IncludeKind: n.boolean("include_kind"),
			IncludeObjectAttrs: n.boolean("include_object_attrs"), UnionAttrs: n.boolean("union_attrs"),
			ForceReload: n.boolean("force_reload")}
		f.err = cmp.Or(f.err, n.err)
	}
	if m := f.object("suggest"); m != nil {
		n := &fields{m: m}
		r.Suggest = &SuggestRequest{Function: n.str("function"), JSON: n.boolean("json"), NoErrors: n.boolean("no_errors"),
			NoAny: n.boolean("no_any"), FlexAny: n.number("flex_any"), Callsites: n.boolean("callsites"),
			UseFixme: n.str("use_fixme"), MaxGuesses: n.integer("max_guesses")}
		f.err = cmp.Or(f.err, n.err)
	}
	return f.err
}

func (r *Response) appendJSON(b []byte) ([]byte, error) {
	// (Grown once for the output, tens of kilobytes for a large program.)
	o := newObject(slices.Grow(b, len(r.Out)+len(r.Err)+len(r.Out)/16+256))
	o.str("out", r.Out)
	o.str("err", r.Err)
	o.integer("status", r.Status)
	for _, f := range [...]struct{ name, v string }{{"error", r.Error}, {"restart", r.Restart}} {
		if f.v != "" {
			o.str(f.name, f.v)
		}
	}
	if len(r.Stats) > 0 {
		o.name("stats")
		var err error
		if o.b, err = AppendJSON(o.b, r.Stats); err != nil {
			return b, err
		}
	}
	for _, f := range [...]struct{ name, v string }{{"python_version", r.PythonVersion}, {"platform", r.Platform}} {
		if f.v != "" {
			o.str(f.name, f.v)
		}
	}
	return o.end(), nil
}

func (r *Response) setJSON(v any) error {
	f, err := asFields(v, "the response")
	if err != nil {
		return err
	}
	*r = Response{Out: f.str("out"), Err: f.str("err"), Status: f.integer("status"), Error: f.str("error"),
		Restart: f.str("restart"), Stats: f.object("stats"), PythonVersion: f.str("python_version"), Platform: f.str("platform")}
	return f.err
}
