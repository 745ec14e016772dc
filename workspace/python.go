package workspace

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
// PATH) for its version and the folders it imports third-party packages
// from, once per process. As mypy's pyinfo, those are its sys.path less
// the working folder and the standard library's folders (which typeshed
// stands for); this includes what site adds (Debian's dist-packages, a
// virtual environment's, the user's) and PYTHONPATH. When there is no
// such Python it returns zero values: the check then targets
// checker.DefaultPythonVersion without site-packages.
func interpreter(executable string) pythonInfo {
	if executable == "" {
		executable = "python3"
	}
	if v, ok := pythonCache.Load(executable); ok {
		return v.(pythonInfo)
	}
	var info pythonInfo
	out, err := exec.Command(executable, "-c", "import json, os, sys, sysconfig\n"+
		"stdlib = sysconfig.get_path('stdlib')\n"+
		"skip = {stdlib, os.path.join(stdlib, 'lib-dynload'), os.path.join(sys.base_exec_prefix, "+
		"getattr(sys, 'platlibdir', 'lib'), 'python%d%d.zip' % sys.version_info[:2])}\n"+
		"dirs = [p for p in (os.path.abspath(p) for p in sys.path[1:]) if p not in skip]\n"+
		"print(json.dumps([sys.version_info[:2], list(dict.fromkeys(dirs))]))").Output()
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
