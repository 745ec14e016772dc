package cache

import (
	"crypto/sha256"
	"strings"
	"testing"
)

// TestManifestRoundTrip: a manifest reads back as written, and one that
// is cut short, altered or names a path outside the entries' folders is
// refused whole.
func TestManifestRoundTrip(t *testing.T) {
	key := strings.Repeat("ab", 32)
	entries := []ManifestEntry{
		{Path: "parse/" + key[:2] + "/" + key[2:], Sum: sha256.Sum256([]byte("a")), Size: 1},
		{Path: "result/" + key[:2] + "/" + key[2:], Sum: sha256.Sum256([]byte("bc")), Size: 2},
	}
	text := string(encodeManifest("go:build", entries))
	build, got, err := parseManifest([]byte(text))
	if err != nil || build != "go:build" || len(got) != 2 || got[0] != entries[0] || got[1] != entries[1] {
		t.Fatalf("read back %q %v %v", build, got, err)
	}
	lines := strings.SplitAfter(text, "\n")
	bad := map[string]string{
		"empty":              "",
		"cut short":          strings.Join(lines[:len(lines)-2], ""),
		"no end line":        strings.Join(lines[:3], ""),
		"wrong count":        strings.Replace(text, "end 2", "end 3", 1),
		"text after the end": text + "more\n",
		"another format":     strings.Replace(text, manifestHeader, "typd-cache-manifest 2", 1),
		"a path outside":     strings.Replace(text, "parse/"+key[:2], "../"+key[:2], 1),
		"the probes' kind":   strings.Replace(text, "parse/", "python/", 1),
		"a temporary file":   strings.Replace(text, key[2:], key[2:]+".tmp-1", 1),
		"upper-case hex":     strings.Replace(text, key[2:], strings.ToUpper(key[2:]), 1),
		"a bad hash":         strings.Replace(text, lines[2][:4], "zzzz", 1),
		"a negative size":    strings.Replace(text, " 1 parse", " -1 parse", 1),
	}
	for name, text := range bad {
		if _, _, err := parseManifest([]byte(text)); err == nil {
			t.Errorf("%s: a bad manifest was read", name)
		}
	}
}
