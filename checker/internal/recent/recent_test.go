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
