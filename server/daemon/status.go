package daemon

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// DefaultStatusFile is where the daemon's status is kept unless
// --status-file says otherwise (dmypy's name, in the working folder).
const DefaultStatusFile = ".dmypy.json"

// status is the content of the status file: the server's pid and the path
// of its socket (dmypy's field names) and typd's version.
type status struct {
	PID            int    `json:"pid"`
	ConnectionName string `json:"connection_name"`
	// Version is the typd version that wrote the file; a status file
	// without it was written by another program (dmypy).
	Version string `json:"typd_version"`
}

// badStatus is a status file that names no live daemon; the client prints
// the message and exits 2, as dmypy does.
type badStatus struct{ msg string }

func (e *badStatus) Error() string { return e.msg }

// readStatus reads a status file and checks that it names a live process.
func readStatus(file string) (status, error) {
	var st status
	if info, err := os.Stat(file); err != nil || !info.Mode().IsRegular() {
		return st, &badStatus{"No status file found"}
	}
	text, err := os.ReadFile(file)
	if err != nil {
		return st, &badStatus{"Cannot read status file: " + err.Error()}
	}
	var raw any
	if err := json.Unmarshal(text, &raw); err != nil {
		return st, &badStatus{"Malformed status file (not JSON)"}
	}
	fields, ok := raw.(map[string]any)
	if !ok {
		return st, &badStatus{"Invalid status file (not a dict)"}
	}
	pid, ok := fields["pid"]
	if !ok {
		return st, &badStatus{"Invalid status file (no pid field)"}
	}
	n, ok := pid.(float64)
	if !ok || n != float64(int(n)) {
		return st, &badStatus{"pid field is not an int"}
	}
	st.PID = int(n)
	if !alive(st.PID) {
		return st, &badStatus{"Daemon has died"}
	}
	conn, ok := fields["connection_name"]
	if !ok {
		return st, &badStatus{"Invalid status file (no connection_name field)"}
	}
	if st.ConnectionName, ok = conn.(string); !ok {
		return st, &badStatus{"connection_name field is not a string"}
	}
	st.Version, _ = fields["typd_version"].(string)
	return st, nil
}

// alive reports whether a process with this pid exists.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	// A killed daemon whose parent has not reaped it yet is a zombie:
	// dead, though its pid still answers signals.
	if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
			return false
		}
	}
	return true
}

// writeStatus writes the status file atomically (a temporary file in the
// same folder, then a rename), so a reader never sees half of it.
func writeStatus(file string, st status) error {
	body, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".typd-status-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(body, '\n'))
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// Running reports whether a status file names a live typd daemon.
func Running(file string) bool {
	st, err := readStatus(file)
	return err == nil && st.Version != ""
}

// foreign returns the message for a status file that names a live daemon
// typd did not start (one without typd's version: dmypy's, since both
// default to .dmypy.json); ok is false for any other file.
func foreign(file string) (msg string, ok bool) {
	st, err := readStatus(file)
	if err != nil || st.Version != "" {
		return "", false
	}
	return fmt.Sprintf("The status file %s names a daemon typd did not start (pid %d; dmypy's?). "+
		"typd leaves it alone: stop it with dmypy stop, or give typd another status file with --status-file", file, st.PID), true
}
