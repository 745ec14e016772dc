package modules

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a Python version, major and minor.
type Version struct{ Major, Minor int }

// ParseVersion reads "3.12".
func ParseVersion(s string) (Version, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), ".")
	major, err1 := strconv.Atoi(a)
	minor, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return Version{}, fmt.Errorf("invalid Python version %q", s)
	}
	return Version{major, minor}, nil
}

func (v Version) less(w Version) bool {
	return v.Major < w.Major || (v.Major == w.Major && v.Minor < w.Minor)
}

// String formats the version as "3.12".
func (v Version) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

// versionRange is the lifetime of a stdlib module: from Min to Max
// inclusive; Max is zero when the module is still present.
type versionRange struct{ Min, Max Version }

// Versions is typeshed's stdlib/VERSIONS table: which Python versions each
// top-level (or listed sub-) module exists in.
type Versions map[string]versionRange

// ParseVersions reads the VERSIONS file.
func ParseVersions(text string) (Versions, error) {
	out := Versions{}
	for n, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		mod, rng, ok := strings.Cut(line, ":")
		lo, hi, ok2 := strings.Cut(strings.TrimSpace(rng), "-")
		if !ok || !ok2 {
			return nil, fmt.Errorf("VERSIONS line %d: expected \"module: X.Y-[A.B]\", got %q", n+1, line)
		}
		var r versionRange
		var err error
		if r.Min, err = ParseVersion(lo); err != nil {
			return nil, fmt.Errorf("VERSIONS line %d: %v", n+1, err)
		}
		if strings.TrimSpace(hi) != "" {
			if r.Max, err = ParseVersion(hi); err != nil {
				return nil, fmt.Errorf("VERSIONS line %d: %v", n+1, err)
			}
		}
		out[strings.TrimSpace(mod)] = r
	}
	return out, nil
}

// Available reports whether module (or its closest listed parent) exists in
// Python version v. Modules that VERSIONS does not list are not stdlib.
func (vs Versions) Available(module string, v Version) bool {
	for m := module; ; {
		if r, ok := vs[m]; ok {
			return !v.less(r.Min) && (r.Max == Version{} || !r.Max.less(v))
		}
		i := strings.LastIndexByte(m, '.')
		if i < 0 {
			return false
		}
		m = m[:i]
	}
}

// Listed reports whether the top-level package of module is in VERSIONS at
// all (whatever the version).
func (vs Versions) Listed(module string) bool {
	top, _, _ := strings.Cut(module, ".")
	_, ok := vs[top]
	return ok
}
