package parser_test

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"typd/parser"
)

// rssBytes reads this process's resident set size from /proc.
func rssBytes(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm")
	}
	fields := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(fields[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// TestParseDoesNotLeak parses the whole standard library ten times (on two
// goroutines) and checks that the resident set does not grow after the
// first passes: every tree-sitter tree is deleted before Parse returns.
func TestParseDoesNotLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: parses the standard library ten times")
	}
	files, _ := stdlibCorpus(t)
	pass := func() {
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(files); i += 2 {
					parser.Parse(files[i])
				}
			}(w)
		}
		wg.Wait()
		runtime.GC()
	}
	var after2 int64
	for i := 1; i <= 10; i++ {
		pass()
		rss := rssBytes(t)
		t.Logf("pass %2d: RSS %d MB", i, rss>>20)
		if i == 2 {
			after2 = rss
		}
	}
	final := rssBytes(t)
	if growth := final - after2; growth > 64<<20 {
		t.Errorf("RSS grew by %d MB between pass 2 and pass 10", growth>>20)
	}
}
