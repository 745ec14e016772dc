package recent

import "testing"

// TestCacheDropsUnused checks that an entry used in every check stays and
// one no check used for more than Keep checks goes.
func TestCacheDropsUnused(t *testing.T) {
	var c Cache[string, int]
	if got := c.Put("kept", 1); got != 1 {
		t.Fatalf("Put = %d", got)
	}
	c.Put("dropped", 2)
	if got := c.Put("kept", 3); got != 1 {
		t.Errorf("a second Put replaced the value: %d", got)
	}
	for range 2*Keep + 1 {
		c.NewCheck()
		if _, ok := c.Get("kept"); !ok {
			t.Fatal("an entry used in every check was dropped")
		}
	}
	if _, ok := c.Get("dropped"); ok {
		t.Error("an entry unused for more than Keep checks is still there")
	}
	if c.Len() != 1 {
		t.Errorf("Len = %d, want 1", c.Len())
	}
}

// TestLatestKeepsTheLatestKeyOnly checks that a Latest holds, per name, the
// value of the key put last: an older key of the same name is gone, other
// names keep theirs.
func TestLatestKeepsTheLatestKeyOnly(t *testing.T) {
	var c Latest[int, string]
	if _, ok := c.Get("a.py", 1); ok {
		t.Fatal("an empty cache holds a value")
	}
	c.Put("a.py", 1, "v1")
	c.Put("b.py", 1, "b")
	if v, ok := c.Get("a.py", 1); !ok || v != "v1" {
		t.Fatalf("Get = %q, %v", v, ok)
	}
	c.Put("a.py", 2, "v2")
	if _, ok := c.Get("a.py", 1); ok {
		t.Error("an older key of a.py is still held")
	}
	if v, ok := c.Get("a.py", 2); !ok || v != "v2" {
		t.Errorf("the latest key of a.py: %q, %v", v, ok)
	}
	if v, ok := c.Get("b.py", 1); !ok || v != "b" {
		t.Errorf("another name's value: %q, %v", v, ok)
	}
}
