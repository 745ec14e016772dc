package build

import "testing"

func TestResolveRelativeImports(t *testing.T) {
	for _, tc := range []struct {
		module    string
		isPackage bool
		level     int
		name      string
		want      string
		ok        bool
	}{
		{"__main__", false, 0, "os.path", "os.path", true},
		{"__main__", false, 1, "", "", false},
		{"__main__", false, 2, "m", "", false},
		{"p.q", false, 1, "", "p", true},
		{"p.q", false, 1, "r", "p.r", true},
		{"p.q", false, 2, "r", "", false},
		{"p", true, 1, "r", "p.r", true},
		{"p.q", true, 2, "", "p", true},
		{"a.b.c", false, 2, "x", "a.x", true},
	} {
		got, ok := ResolveRelative(tc.module, tc.isPackage, tc.level, tc.name)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ResolveRelative(%q, %v, %d, %q) = %q, %v; want %q, %v",
				tc.module, tc.isPackage, tc.level, tc.name, got, ok, tc.want, tc.ok)
		}
	}
}
