package build

import (
	"fmt"
	"sync"

	"typd/checker/reach"
	"typd/parser"
)

// ImportCache keeps the imports of each parse across loads, for a
// long-running front end whose checks reuse parses (the daemon's session,
// typeshed's shared parses): a parse never changes, so neither do its
// imports for the same module name, package-ness and reachability
// settings. It is safe for concurrent use.
type ImportCache struct {
	mu      sync.Mutex
	entries map[*parser.File]importEntry
	used    map[*parser.File]bool
}

// importEntry is one parse's imports and what they were computed for.
type importEntry struct {
	module    string
	isPackage bool
	reach     string
	refs      []importRef
}

// NewImportCache returns an empty cache.
func NewImportCache() *ImportCache {
	return &ImportCache{entries: map[*parser.File]importEntry{}, used: map[*parser.File]bool{}}
}

// reachKey identifies reachability settings.
func reachKey(rc *reach.Config) string {
	if rc == nil {
		return ""
	}
	return fmt.Sprintf("%v", *rc)
}

// imports returns a module's imports in mypy's order, computed or cached.
func (c *ImportCache) imports(m *Module, rc *reach.Config, rcKey string) []importRef {
	if c == nil {
		return orderImports(collectImports(m.File.Module.Body, m.Name, m.IsPackage, rc))
	}
	c.mu.Lock()
	e, ok := c.entries[m.File]
	c.used[m.File] = true
	c.mu.Unlock()
	if ok && e.module == m.Name && e.isPackage == m.IsPackage && e.reach == rcKey {
		return e.refs
	}
	refs := orderImports(collectImports(m.File.Module.Body, m.Name, m.IsPackage, rc))
	c.mu.Lock()
	c.entries[m.File] = importEntry{module: m.Name, isPackage: m.IsPackage, reach: rcKey, refs: refs}
	c.mu.Unlock()
	return refs
}

// touch marks a parse's imports used by the current load.
func (c *ImportCache) touch(f *parser.File) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.used[f] = true
	c.mu.Unlock()
}

// sweep forgets the parses no load used since the last sweep.
func (c *ImportCache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for f := range c.entries {
		if !c.used[f] {
			delete(c.entries, f)
		}
	}
	c.used = map[*parser.File]bool{}
}
