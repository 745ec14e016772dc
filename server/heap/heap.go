// Package heap paces the garbage collector of the long-running servers
// (the daemon, the language server). With Go's default pace (GOGC=100) the
// heap of a small program's session may grow by only its live size before
// the next collection: the daemon of mypy's source (about 70 MB live)
// collected every fifth recheck, and a collection running beside a
// recheck slowed it by a third on two cores. Pace sets the pace so that
// the heap may grow by at least Headroom between collections, and by the
// live heap when that is more, as the default does for large programs;
// Collect collects first; CollectIfDue, only when a collection would come
// soon anyway (the daemon, once idle).
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

// CollectIfDue collects as Collect does when the heap has used more than
// half the room the pace left it since the last collection, so that a
// collection would come within a few more checks of the kind just made:
// one made while idle then spares a check the collection it would meet.
// Less garbage than that does not pay for a collection, which marks the
// whole live heap (about 70 ms of CPU for the daemon of mypy's source, and
// rechecks make a few megabytes each): then it only paces. It reports
// whether it collected.
func CollectIfDue() bool {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	for _, s := range sample {
		if s.Value.Kind() != metrics.KindUint64 {
			Collect() // (the figures are not available: collect, as before)
			return true
		}
	}
	if !Due(sample[0].Value.Uint64(), sample[1].Value.Uint64(), sample[2].Value.Uint64()) {
		Pace() // (for the heap the last collection left)
		return false
	}
	Collect()
	return true
}

// Due reports whether a heap that holds heap bytes of objects, whose last
// collection left live bytes and whose next is due at goal bytes, has used
// more than half the room between them.
func Due(live, goal, heap uint64) bool {
	return goal <= live || heap > live+(goal-live)/2
}

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
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}
