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
	// -S skips importing site, which costs more than the rest; sysconfig
	// names the same folders (a virtual environment's, and the user's).
	out, err := exec.Command(executable, "-S", "-c", "import json, os, sys, sysconfig; "+
		"print(json.dumps([sys.version_info[:2], sorted({sysconfig.get_path('purelib'), sysconfig.get_path('platlib'), "+
		"sysconfig.get_path('purelib', os.name + '_user')})]))").Output()
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
