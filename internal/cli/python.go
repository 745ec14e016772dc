package cli

import (
	"encoding/json"
	"os/exec"
	"sync"
)

// pythonInfo is what typd needs to know of the target Python.
type pythonInfo struct {
	version      [2]int
	sitePackages []string
}

var pythonCache sync.Map // executable → pythonInfo

// interpreter asks the target Python (--python-executable, else python3 on
// PATH) for its version and site-packages folders, once per process. When
// there is no such Python it returns zero values: the check then targets
// checker.DefaultPythonVersion without site-packages.
func interpreter(executable string) pythonInfo {
	if executable == "" {
		executable = "python3"
	}
	if v, ok := pythonCache.Load(executable); ok {
		return v.(pythonInfo)
	}
	var info pythonInfo
	out, err := exec.Command(executable, "-c",
		"import json, site, sys; print(json.dumps([sys.version_info[:2], site.getsitepackages() + [site.getusersitepackages()]]))").Output()
	if err == nil {
		var raw [2]json.RawMessage
		var dirs []string
		if json.Unmarshal(out, &raw) == nil && json.Unmarshal(raw[0], &info.version) == nil && json.Unmarshal(raw[1], &dirs) == nil {
			info.sitePackages = dirs
		}
	}
	pythonCache.Store(executable, info)
	return info
}
