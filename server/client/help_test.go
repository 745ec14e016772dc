package client

import (
	"bytes"
	"strings"
	"testing"
)

// TestCommandHelp checks that every daemon command answers -h and --help
// with its usage and a line for each flag it takes, on stdout, exit 0.
func TestCommandHelp(t *testing.T) {
	names := []string{"check"}
	for name := range commandAbout() {
		if IsCommand(name) {
			names = append(names, name)
		}
	}
	if len(names) != len(commandAbout()) {
		t.Errorf("commands %v, described %d", names, len(commandAbout()))
	}
	for _, name := range names {
		flags, ok := commandFlags(name)
		if !ok {
			t.Errorf("%s: no flags listed", name)
		}
		for _, spelling := range []string{"-h", "--help"} {
			var out, errOut bytes.Buffer
			code := Main(Env{Stdout: &out, Stderr: &errOut}, []string{name, spelling})
			help := out.String()
			if code != 0 || errOut.Len() > 0 || !strings.HasPrefix(help, "usage: typd [--status-file FILE] "+name+" [-h]") {
				t.Errorf("%s %s: exit %d, %q, %q", name, spelling, code, help, errOut.String())
			}
			for f := range flags {
				if flagHelp()[f][1] == "" || !strings.Contains(help, "\n  "+f) {
					t.Errorf("%s --help has no line for %s", name, f)
				}
			}
		}
	}
}
