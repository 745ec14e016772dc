// Package heap paces the garbage collector of the long-running servers
// (the daemon, the language server). With Go's default pace (GOGC=100) the
// heap of a small program's session may grow by only its live size before
// the next collection: the daemon of mypy's source (about 70 MB live)
// collected every fifth recheck, and a collection running beside a
// recheck slowed it by a third on two cores. Pace sets the pace so that
// the heap may grow by at least Headroom between collections, and by the
// live heap when that is more, as the default does for large programs;
// Collect collects first; CollectForRoom, only when the heap has too little
// room left for the next check (the daemon once idle, the language server
// after a check).
package heap

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Headroom is the least the heap may grow by between two collections.
const Headroom = 256 << 20

// Collect runs a garbage collection, then sets the collector's pace for
// the heap it left (Pace).
func Collect() {
	runtime.GC()
	Pace()
}

// CollectForRoom collects as Collect does when the heap's room (see Room)
// is less than the next check may need: twice what the last check
// allocated (last bytes), and 16 MB more. That check would otherwise take
// fresh pages from the system, each a page fault (about
// 25 µs on a virtual machine: a recheck of mypy's source that allocates
// 10 MB of fresh pages waits 2,500 of them). Otherwise a collection, which
// marks the whole live heap (about 70 ms of CPU for the daemon of mypy's
// source), does not pay for itself yet, and it only paces. It reports
// whether it collected.
func CollectForRoom(last uint64) bool {
	if Room() >= 2*last+16<<20 {
		Pace() // (for the heap the last collection left)
		return false
	}
	Collect()
	return true
}

// Room is the memory the heap holds ready for new objects without asking
// the system for pages: its free pages not returned to the system, and the
// free slots of its spans (0 when the runtime does not tell).
func Room() uint64 {
	return metric("/memory/classes/heap/free:bytes") + metric("/memory/classes/heap/unused:bytes")
}

// Allocated is the number of bytes allocated on the heap since the process
// began (0 when the runtime does not tell).
func Allocated() uint64 { return metric("/gc/heap/allocs:bytes") }

// Pace sets the collector's pace for the heap the last collection left
// (see the package comment). A GOGC set in the environment is the user's
// choice: then Pace does nothing.
func Pace() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(Percent(liveHeap()))
}

// Percent is the GOGC for a live heap of live bytes: 100, or more when
// 100% of the live heap is less than Headroom.
func Percent(live uint64) int {
	if live == 0 || live >= Headroom {
		return 100
	}
	return int(max(100, (Headroom+live-1)/live*100))
}

// liveHeap is the heap the last collection left, in bytes.
func liveHeap() uint64 { return metric("/gc/heap/live:bytes") }

// metric reads a runtime metric counted in bytes; 0 when the runtime does
// not have it.
func metric(name string) uint64 {
	sample := []metrics.Sample{{Name: name}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}
