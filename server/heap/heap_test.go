package heap_test

import (
	"runtime/debug"
	"testing"

	"typd/server/heap"
)

// TestPercent checks the pace for small and large live heaps: at least
// Headroom of growth, never less than Go's default.
func TestPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{64 << 20, 400},
		{70 << 20, 400},
		{128 << 20, 200},
		{200 << 20, 200},
		{256 << 20, 100},
		{2 << 30, 100},
	} {
		if got := heap.Percent(c.live); got != c.want {
			t.Errorf("Percent(%d MB) = %d, want %d", c.live>>20, got, c.want)
		}
		if growth := c.live * uint64(heap.Percent(c.live)) / 100; c.live > 0 && growth < min(heap.Headroom, c.live) {
			t.Errorf("Percent(%d MB) lets the heap grow by %d MB only", c.live>>20, growth>>20)
		}
	}
}

// TestCollect checks that Collect sets a pace of at least Go's default.
func TestCollect(t *testing.T) {
	t.Setenv("GOGC", "")
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	heap.Collect()
	if pct := debug.SetGCPercent(100); pct < 100 {
		t.Errorf("GOGC after Collect = %d", pct)
	}
}

// TestPaceLeavesTheUsersGOGC checks that a GOGC set in the environment
// stands.
func TestPaceLeavesTheUsersGOGC(t *testing.T) {
	t.Setenv("GOGC", "150")
	old := debug.SetGCPercent(150)
	defer debug.SetGCPercent(old)
	heap.Collect()
	if pct := debug.SetGCPercent(150); pct != 150 {
		t.Errorf("GOGC after Collect = %d, want the user's 150", pct)
	}
}

// TestDue checks when a collection is due: past half the room between the
// live heap and the goal, or when the goal is not above the live heap.
func TestDue(t *testing.T) {
	for _, c := range []struct {
		live, goal, heap uint64
		want             bool
	}{
		{70 << 20, 336 << 20, 75 << 20, false}, // a recheck's few megabytes
		{70 << 20, 336 << 20, 200 << 20, false},
		{70 << 20, 336 << 20, 204 << 20, true},
		{70 << 20, 336 << 20, 330 << 20, true},
		{4 << 20, 4 << 20, 4 << 20, true},
	} {
		if got := heap.Due(c.live, c.goal, c.heap); got != c.want {
			t.Errorf("Due(%d, %d, %d) = %v, want %v", c.live>>20, c.goal>>20, c.heap>>20, got, c.want)
		}
	}
}
