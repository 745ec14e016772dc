// Package version holds typd's release version, which its front end, its
// engine and a running daemon must agree on (a run from a client of
// another version restarts the daemon).
package version

// Version is typd's release version.
const Version = "0.1.0-dev"
