// Package recent is a cache shared by the checks of one process that
// keeps only what recent checks used: an entry not used during the last
// Keep checks is dropped, so a long-running daemon whose programs change
// (another typeshed, other options) holds what its current program needs,
// not everything it ever read.
package recent

import (
	"sync"
	"sync/atomic"
)

// Keep is how many checks an unused entry survives.
const Keep = 64

// Cache maps keys to values for the checks of a process; its methods may
// be called from several goroutines, and reads take no lock.
type Cache[K comparable, V any] struct {
	entries sync.Map // K → *entry[V]
	// check counts the checks begun; sweptAt is the check of the last sweep.
	check   atomic.Uint64
	sweepMu sync.Mutex
	sweptAt uint64
}

type entry[V any] struct {
	value V
	used  atomic.Uint64
}

// Get returns the value of key, marking it used by the current check.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	e, ok := c.entries.Load(key)
	if !ok {
		var zero V
		return zero, false
	}
	en := e.(*entry[V])
	en.used.Store(c.check.Load())
	return en.value, true
}

// Put stores the value of key, unless another goroutine stored one first;
// it returns the value the cache holds.
func (c *Cache[K, V]) Put(key K, v V) V {
	en := &entry[V]{value: v}
	en.used.Store(c.check.Load())
	e, loaded := c.entries.LoadOrStore(key, en)
	if loaded {
		e.(*entry[V]).used.Store(c.check.Load())
	}
	return e.(*entry[V]).value
}

// NewCheck counts a check begun, and every Keep checks drops the entries
// no check used in the last Keep.
func (c *Cache[K, V]) NewCheck() {
	now := c.check.Add(1)
	c.sweepMu.Lock()
	defer c.sweepMu.Unlock()
	if now-c.sweptAt < Keep {
		return
	}
	c.sweptAt = now
	c.entries.Range(func(k, e any) bool {
		if used := e.(*entry[V]).used.Load(); used < now && now-used > Keep {
			c.entries.Delete(k)
		}
		return true
	})
}

// Len is the number of entries held.
func (c *Cache[K, V]) Len() int {
	n := 0
	c.entries.Range(func(any, any) bool { n++; return true })
	return n
}

// Latest caches, for each name (a file's path), the value of the latest
// key put under it only: putting a value for a new key drops the older
// one. A session's parse of a file is the key: when the file is edited,
// its older parses are not kept alive (a Cache would keep each for Keep
// checks, and a language server checks at every edit). Its methods may be
// called from several goroutines.
type Latest[K comparable, V any] struct {
	mu     sync.Mutex
	byName map[string]latest[K, V]
}

type latest[K comparable, V any] struct {
	key   K
	value V
}

// Get returns the value of key, if it is the latest put under name.
func (c *Latest[K, V]) Get(name string, key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byName[name]; ok && e.key == key {
		return e.value, true
	}
	var zero V
	return zero, false
}

// Put makes v the value of key, the latest under name, and returns it.
func (c *Latest[K, V]) Put(name string, key K, v V) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byName == nil {
		c.byName = map[string]latest[K, V]{}
	}
	c.byName[name] = latest[K, V]{key, v}
	return v
}
