package client

import (
	"errors"
	"io"
	"os"
	"syscall"
	"time"
)

// conn is a connection to a daemon's socket, made and used with plain
// system calls rather than package net: a client waits on one connection
// at a time, so blocking in read is all it needs, and the front end then
// does not link package net, nor start the runtime's network poller (an
// epoll instance, and a thread that waits in it).
type conn struct {
	fd int
	// deadline bounds every read and write; zero for none.
	deadline time.Time
}

// errTimeout is a read or write that did not end by the deadline.
var errTimeout = errors.New("i/o timeout")

// dial connects to the Unix socket at path, waiting at most timeout for
// the daemon to accept. (The timeout, the socket's send timeout, then
// bounds its writes too, which a daemon that accepts takes at once.)
func dial(path string, timeout time.Duration) (*conn, error) {
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	c := &conn{fd: fd, deadline: time.Now().Add(timeout)}
	for {
		// (A full backlog makes connect wait, within SO_SNDTIMEO.)
		if err = c.bound(syscall.SO_SNDTIMEO); err == nil {
			err = syscall.Connect(fd, &syscall.SockaddrUnix{Name: path})
		}
		if err == syscall.EISCONN {
			err = nil // (connected before a signal interrupted the call)
		}
		if err != syscall.EINTR {
			break
		}
	}
	c.deadline = time.Time{}
	if err == syscall.EAGAIN {
		err = errTimeout
	}
	if err != nil {
		syscall.Close(fd)
		return nil, &os.PathError{Op: "connect", Path: path, Err: err}
	}
	return c, nil
}

// bound sets the socket's timeout option (SO_RCVTIMEO or SO_SNDTIMEO) to
// what is left until the deadline, if there is one.
func (c *conn) bound(option int) error {
	if c.deadline.IsZero() {
		return nil
	}
	left := time.Until(c.deadline)
	if left <= 0 {
		return errTimeout
	}
	tv := syscall.NsecToTimeval(left.Nanoseconds())
	if tv.Sec == 0 && tv.Usec == 0 {
		tv.Usec = 1 // (zero would mean no timeout)
	}
	return syscall.SetsockoptTimeval(c.fd, syscall.SOL_SOCKET, option, &tv)
}

// SetDeadline bounds the reads and writes that follow; it is called, if
// at all, before any (a receive timeout once set is not cleared).
func (c *conn) SetDeadline(t time.Time) { c.deadline = t }

// Read reads into b, waiting at most until the deadline.
func (c *conn) Read(b []byte) (int, error) {
	return c.io(syscall.SO_RCVTIMEO, func() (int, error) { return syscall.Read(c.fd, b) }, len(b))
}

// Write writes b, waiting at most until the deadline.
func (c *conn) Write(b []byte) (int, error) {
	written := 0
	for written < len(b) {
		n, err := c.io(syscall.SO_SNDTIMEO, func() (int, error) { return syscall.Write(c.fd, b[written:]) }, len(b)-written)
		written += n
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

// io runs one read or write of up to size bytes, again when a signal
// interrupts it, within the deadline; a read of 0 bytes is the end of the
// stream.
func (c *conn) io(option int, call func() (int, error), size int) (int, error) {
	for {
		if err := c.bound(option); err != nil {
			return 0, err
		}
		n, err := call()
		switch {
		case err == syscall.EINTR:
			continue
		case err == syscall.EAGAIN:
			return 0, errTimeout
		case err != nil:
			return 0, err
		case n == 0 && size > 0 && option == syscall.SO_RCVTIMEO:
			return 0, io.EOF
		}
		return n, nil
	}
}

// Close closes the connection.
func (c *conn) Close() error { return syscall.Close(c.fd) }
