package heap_test

import (
	"runtime"
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

// TestCollectForRoom checks that a collection makes room: garbage left by
// allocations becomes room once collected, and a need the room covers
// collects nothing.
func TestCollectForRoom(t *testing.T) {
	runtime.GC()
	var keep [][]byte
	for range 512 {
		keep = append(keep, make([]byte, 64<<10)) // 32 MB, soon garbage
	}
	keep = nil
	before := heap.Room()
	if before == 0 {
		t.Skip("no heap figures")
	}
	if !heap.CollectForRoom(before / 2) { // (needs before+16 MB)
		t.Fatal("a need beyond the room, yet no collection")
	}
	after := heap.Room()
	if after < before+2<<20 {
		t.Errorf("room %d MB before the collection, %d MB after: the garbage was not made room", before>>20, after>>20)
	}
	if after < 16<<20 {
		t.Fatalf("room %d MB after collecting 32 MB of garbage", after>>20)
	}
	if heap.CollectForRoom(0) { // (needs 16 MB)
		t.Error("a need the room covers, yet a collection")
	}
	runtime.KeepAlive(keep)
}
