// Package testbinary builds typd as users run it, for end-to-end tests:
// the front end (cmd/typd) and, beside it, the engine (cmd/typd-engine)
// it hands commands to.
package testbinary

import (
	"fmt"
	"os/exec"
	"path/filepath"
)

// Build builds both binaries into dir and returns the front end's path.
func Build(dir string) (string, error) {
	for _, name := range []string{"typd", "typd-engine"} {
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, name), "typd/cmd/"+name).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("go build typd/cmd/%s: %v\n%s", name, err, out)
		}
	}
	return filepath.Join(dir, "typd"), nil
}
