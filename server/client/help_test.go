package client

import (
	"bytes"
	"strings"
	"testing"
)

// TestCommandHelp checks that every daemon command answers -h and --help
// with its usage and a line for each flag it takes, on stdout, exit 0.
func TestCommandHelp(t *testing.T) {
	for name, flags := range commandFlags {
		if commandAbout[name] == "" {
			t.Errorf("%s: no description", name)
		}
		for _, spelling := range []string{"-h", "--help"} {
			var out, errOut bytes.Buffer
			code := Main(Env{Stdout: &out, Stderr: &errOut}, []string{name, spelling})
			help := out.String()
			if code != 0 || errOut.Len() > 0 || !strings.HasPrefix(help, "usage: typd [--status-file FILE] "+name+" [-h]") {
				t.Errorf("%s %s: exit %d, %q, %q", name, spelling, code, help, errOut.String())
			}
			for f := range flags {
				if flagHelp[f][1] == "" || !strings.Contains(help, "\n  "+f) {
					t.Errorf("%s --help has no line for %s", name, f)
				}
			}
		}
	}
}
