package protocol

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// DefaultStatusFile is where the daemon's status is kept unless
// --status-file says otherwise (dmypy's name, in the working folder).
const DefaultStatusFile = ".dmypy.json"

// Status is the content of the status file, a JSON object: the server's
// pid and the path of its socket (dmypy's fields, pid and connection_name)
// and typd's version (typd_version).
type Status struct {
	PID            int
	ConnectionName string
	// Version is the typd version that wrote the file; a status file
	// without it was written by another program (dmypy).
	Version string
}

// BadStatus is a status file that names no live daemon; the client prints
// the message and exits 2, as dmypy does.
type BadStatus struct{ Msg string }

func (e *BadStatus) Error() string { return e.Msg }

// ReadStatus reads a status file and checks that it names a live process.
func ReadStatus(file string) (Status, error) {
	var st Status
	if info, err := os.Stat(file); err != nil || !info.Mode().IsRegular() {
		return st, &BadStatus{"No status file found"}
	}
	text, err := readFile(file)
	if err != nil {
		return st, &BadStatus{"Cannot read status file: " + err.Error()}
	}
	raw, err := parseJSON(text)
	if err != nil {
		return st, &BadStatus{"Malformed status file (not JSON)"}
	}
	fields, ok := raw.(map[string]any)
	if !ok {
		return st, &BadStatus{"Invalid status file (not a dict)"}
	}
	pid, ok := fields["pid"]
	if !ok {
		return st, &BadStatus{"Invalid status file (no pid field)"}
	}
	n, ok := pid.(float64)
	if !ok || n != float64(int(n)) {
		return st, &BadStatus{"pid field is not an int"}
	}
	st.PID = int(n)
	// (Read before the pid is judged: the socket of a daemon that died is
	// what removing its leftovers needs.)
	st.ConnectionName, _ = fields["connection_name"].(string)
	if !Alive(st.PID) {
		return st, &BadStatus{"Daemon has died"}
	}
	conn, ok := fields["connection_name"]
	if !ok {
		return st, &BadStatus{"Invalid status file (no connection_name field)"}
	}
	if st.ConnectionName, ok = conn.(string); !ok {
		return st, &BadStatus{"connection_name field is not a string"}
	}
	st.Version, _ = fields["typd_version"].(string)
	return st, nil
}

// Alive reports whether a process with this pid exists.
func Alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	// A killed daemon whose parent has not reaped it yet is a zombie:
	// dead, though its pid still answers signals.
	if stat, err := readFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
			return false
		}
	}
	return true
}

// readFile reads a small file with plain system calls: os.ReadFile offers
// each file it opens to the network poller, which a front end that reads
// two small files would otherwise start for them alone.
func readFile(name string) ([]byte, error) {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	buf := make([]byte, 0, 512)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, &os.PathError{Op: "read", Path: name, Err: err}
		case n == 0:
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}

// WriteStatus writes the status file atomically (a temporary file in the
// same folder, then a rename), so a reader never sees half of it.
func WriteStatus(file string, st Status) error {
	o := newObject(nil)
	o.integer("pid", st.PID)
	o.str("connection_name", st.ConnectionName)
	o.str("typd_version", st.Version)
	body := o.end()
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
	st, err := ReadStatus(file)
	return err == nil && st.Version != ""
}
