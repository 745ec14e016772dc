// Package protocol is what typd's daemon and its clients share: the
// status file, which names the daemon's pid and socket (.dmypy.json by
// default, with dmypy's field names), and the messages on the socket. A
// message is a 4-byte big-endian length followed by that many bytes of
// JSON; a connection carries one request and its response.
//
// The package imports nothing of the checker: typd's front end links it
// and must start in a few milliseconds.
package protocol

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
)

// maxMessage bounds a message's length; a longer frame is malformed.
const maxMessage = 64 << 20

// Request is what a client asks. Command is one of dmypy's commands; the
// other fields are that command's arguments.
type Request struct {
	Command string `json:"command"`
	// Version is the client's typd version (run).
	Version string `json:"version,omitempty"`
	// Args are mypy's flags and targets (run).
	Args []string `json:"args,omitempty"`
	// Files are the targets (check).
	Files []string `json:"files,omitempty"`
	// Update and Remove are recheck's --update and --remove; nil when
	// the flag was not given.
	Update []string `json:"update,omitempty"`
	Remove []string `json:"remove,omitempty"`
	// ExportTypes is accepted and costs nothing: typd keeps types anyway.
	ExportTypes bool `json:"export_types,omitempty"`
	// FSWatcherDumpFile is status's --fswatcher-dump-file.
	FSWatcherDumpFile string `json:"fswatcher_dump_file,omitempty"`
	// Inspect is inspect's location and flags.
	Inspect *InspectRequest `json:"inspect,omitempty"`
	// Suggest is suggest's function and flags.
	Suggest *SuggestRequest `json:"suggest,omitempty"`
	// IsTTY and TerminalWidth describe the client's output (run, check,
	// recheck): --pretty output is fitted in the width on a terminal.
	IsTTY         bool `json:"is_tty,omitempty"`
	TerminalWidth int  `json:"terminal_width,omitempty"`
}

// SuggestRequest is `suggest FUNCTION` with its flags (see suggest.Options).
type SuggestRequest struct {
	Function   string  `json:"function"`
	JSON       bool    `json:"json,omitempty"`
	NoErrors   bool    `json:"no_errors,omitempty"`
	NoAny      bool    `json:"no_any,omitempty"`
	FlexAny    float64 `json:"flex_any"`
	Callsites  bool    `json:"callsites,omitempty"`
	UseFixme   string  `json:"use_fixme,omitempty"`
	MaxGuesses int     `json:"max_guesses,omitempty"`
}

// InspectRequest is `inspect LOCATION` with its flags (see inspect.Options).
type InspectRequest struct {
	Location           string `json:"location"`
	Show               string `json:"show,omitempty"`
	Verbosity          int    `json:"verbosity,omitempty"`
	Limit              int    `json:"limit,omitempty"`
	IncludeSpan        bool   `json:"include_span,omitempty"`
	IncludeKind        bool   `json:"include_kind,omitempty"`
	IncludeObjectAttrs bool   `json:"include_object_attrs,omitempty"`
	UnionAttrs         bool   `json:"union_attrs,omitempty"`
	ForceReload        bool   `json:"force_reload,omitempty"`
}

// Response is the server's answer. A check's answer has Out, Err and
// Status; a failure has Error; a run whose options differ from the
// daemon's has Restart.
type Response struct {
	Out     string `json:"out"`
	Err     string `json:"err"`
	Status  int    `json:"status"`
	Error   string `json:"error,omitempty"`
	Restart string `json:"restart,omitempty"`
	// Stats are figures about the Request and the daemon (timings in
	// seconds, memory, counts), shown by -v and --perf-stats-file.
	Stats map[string]any `json:"stats,omitempty"`
	// PythonVersion and Platform are the checked target, for --junit-xml.
	PythonVersion string `json:"python_version,omitempty"`
	Platform      string `json:"platform,omitempty"`
}

// WriteMessage sends one framed JSON message.
func WriteMessage(w io.Writer, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	frame := make([]byte, 4, 4+len(body))
	binary.BigEndian.PutUint32(frame, uint32(len(body)))
	_, err = w.Write(append(frame, body...))
	return err
}

// ReadMessage receives one framed JSON message into v.
func ReadMessage(r io.Reader, v any) error {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return fmt.Errorf("reading message length: %w", err)
	}
	n := binary.BigEndian.Uint32(head[:])
	if n > maxMessage {
		return fmt.Errorf("message of %d bytes is longer than the limit of %d", n, maxMessage)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return fmt.Errorf("reading message body: %w", err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("message is not valid JSON: %w", err)
	}
	return nil
}
