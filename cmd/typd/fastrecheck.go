//go:build cgo && linux

package main

// A recheck with nothing changed is what a user, an editor's save hook or
// a CI step runs most often against a warm daemon, and the daemon answers
// it in about a millisecond; what is left is this process's own start.
// Go's runtime takes 3-5 ms to start here, before main runs (its heap,
// threads, signal handlers; bench/README.md), which is most of such a
// recheck. So the command line `typd recheck` is answered, when it can be,
// by fastrecheck.c: C code that runs as an ELF constructor, before Go's
// runtime starts (the technique of runc's nsenter). It reads the status
// file, asks the daemon, prints the answer and ends the process, or, on
// anything it does not handle exactly as the Go client would, returns
// without having printed anything, and the Go client below runs the
// command as usual. cmd/typd's tests hold the two paths to the same output.
//
// Where cgo is off, this file and fastrecheck.c are not built, and every
// recheck goes through the Go client.

import "C"
