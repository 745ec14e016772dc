package workspace

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"typd/checker/cache"
)

// pythonInfo is what typd needs to know of the target Python.
type pythonInfo struct {
	version      [2]int
	sitePackages []string
}

var pythonCache sync.Map // executable → pythonInfo

// probeScript prints the version, the folders (sys.path less the working
// folder and the standard library's), and what else decides those
// folders: the user's site-packages (which counts only once it exists)
// and the environment's pyvenv.cfg.
const probeScript = "import json, os, sys, sysconfig\n" +
	"stdlib = sysconfig.get_path('stdlib')\n" +
	"skip = {stdlib, os.path.join(stdlib, 'lib-dynload'), os.path.join(sys.base_exec_prefix, " +
	"getattr(sys, 'platlibdir', 'lib'), 'python%d%d.zip' % sys.version_info[:2])}\n" +
	"dirs = [p for p in (os.path.abspath(p) for p in sys.path[1:]) if p not in skip]\n" +
	"try:\n import site; user = site.getusersitepackages()\nexcept Exception:\n user = ''\n" +
	"print(json.dumps([sys.version_info[:2], list(dict.fromkeys(dirs)), [user, os.path.join(sys.prefix, 'pyvenv.cfg')]]))"

// interpreter asks the target Python (--python-executable, else python3 on
// PATH) for its version and the folders it imports third-party packages
// from, once per process. As mypy's pyinfo, those are its sys.path less
// the working folder and the standard library's folders (which typeshed
// stands for); this includes what site adds (Debian's dist-packages, a
// virtual environment's, the user's) and PYTHONPATH. When there is no
// such Python it returns zero values: the check then targets
// checker.DefaultPythonVersion without site-packages.
//
// With a cache, the answer is kept there (starting Python takes longer
// than a small check), under the interpreter's path and file identity and
// the environment variables that move its path; it stands while every
// folder it names, the .pth files in them, the user's site-packages and
// the pyvenv.cfg keep their state (existence and modification time), and
// is asked again otherwise.
func interpreter(executable string, store *cache.Dir) pythonInfo {
	if executable == "" {
		executable = "python3"
	}
	if v, ok := pythonCache.Load(executable); ok {
		return v.(pythonInfo)
	}
	var info pythonInfo
	key, keyed := probeKey(executable)
	if store != nil && keyed {
		if data, ok := store.Get(cache.Probes, key); ok {
			var kept probeAnswer
			if json.Unmarshal(data, &kept) == nil && kept.stands() {
				info = pythonInfo{version: kept.Version, sitePackages: kept.Dirs}
				pythonCache.Store(executable, info)
				return info
			}
		}
	}
	out, err := exec.Command(executable, "-c", probeScript).Output()
	if err == nil {
		var raw [3]json.RawMessage
		var dirs, watched []string
		if json.Unmarshal(out, &raw) == nil && json.Unmarshal(raw[0], &info.version) == nil && json.Unmarshal(raw[1], &dirs) == nil {
			info.sitePackages = dirs
			if store != nil && keyed && json.Unmarshal(raw[2], &watched) == nil {
				answer := probeAnswer{Version: info.version, Dirs: dirs, States: statesOf(append(watched, dirs...))}
				if data, err := json.Marshal(answer); err == nil {
					store.Put(cache.Probes, key, data)
				}
			}
		}
	}
	pythonCache.Store(executable, info)
	return info
}

// probeKey identifies a probe's question: the interpreter's path (as found
// on PATH), the identity of its link and of its file, the working folder
// (PYTHONPATH may be relative) and the environment variables that change
// sys.path. It is false when the interpreter cannot be found.
func probeKey(executable string) ([32]byte, bool) {
	path, err := exec.LookPath(executable)
	if err != nil {
		return [32]byte{}, false
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	wd, _ := os.Getwd()
	parts := []string{"probe 1", path, wd, stateOf(path, os.Lstat).String(), stateOf(path, os.Stat).String()}
	for _, v := range []string{"PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONNOUSERSITE", "PYTHONSAFEPATH",
		"PYTHONPLATLIBDIR", "PYTHONEXECUTABLE", "VIRTUAL_ENV", "HOME"} {
		val, set := os.LookupEnv(v)
		parts = append(parts, v, val, map[bool]string{true: "set", false: "unset"}[set])
	}
	return sha256.Sum256([]byte(strings.Join(parts, "\x00"))), true
}

// probeAnswer is a probe's answer as the cache keeps it, with the state of
// what it depends on.
type probeAnswer struct {
	Version [2]int
	Dirs    []string
	States  []fileState
}

// fileState is a path's existence and modification time.
type fileState struct {
	Path   string
	Exists bool
	MTime  int64
}

func (s fileState) String() string { return fmt.Sprintf("%s\x00%t\x00%d", s.Path, s.Exists, s.MTime) }

// stateOf reads a path's state with stat (os.Stat or os.Lstat).
func stateOf(path string, stat func(string) (os.FileInfo, error)) fileState {
	fi, err := stat(path)
	if err != nil {
		return fileState{Path: path}
	}
	return fileState{Path: path, Exists: true, MTime: fi.ModTime().UnixNano()}
}

// statesOf reads the state of each path and, for a folder, of the .pth
// files in it (site reads them: a new or edited one may add folders).
func statesOf(paths []string) []fileState {
	var out []fileState
	for _, p := range paths {
		if p == "" {
			continue
		}
		st := stateOf(p, os.Stat)
		out = append(out, st)
		if !st.Exists {
			continue
		}
		if entries, err := os.ReadDir(p); err == nil {
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".pth") {
					out = append(out, stateOf(filepath.Join(p, e.Name()), os.Stat))
				}
			}
		}
	}
	return out
}

// stands reports whether what the answer depends on is as it was.
func (a probeAnswer) stands() bool {
	var paths []string
	for _, s := range a.States {
		if !strings.HasSuffix(s.Path, ".pth") {
			paths = append(paths, s.Path)
		}
	}
	now := statesOf(paths)
	if len(now) != len(a.States) {
		return false
	}
	for i := range now {
		if now[i] != a.States[i] {
			return false
		}
	}
	return true
}
