// Package cst runs tree-sitter's Python grammar and hands back the concrete
// syntax tree as a flat, preorder array of nodes, built in one C call per
// file. Walking a tree through cgo node by node costs several times more than
// parsing it; one C walk per file keeps the CST→AST conversion cheap.
//
// The package owns every tree-sitter handle it creates: trees are deleted
// before Parse returns, parsers live in a pool for the life of the process.
package cst

/*
#cgo CFLAGS: -std=c11 -O2
#include <stdlib.h>
#include "flatten.h"
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"

	_ "github.com/tree-sitter/go-tree-sitter" // links the tree-sitter core
	python "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// Flags of a Node.
const (
	Named   = 1
	Missing = 2
	Error   = 4
	Extra   = 8
)

// Node is one node of the concrete syntax tree. Rows are 0-based; columns are
// 0-based byte offsets in the row. End is the index one past the node's
// subtree in Tree.Nodes, so the first child of node i is i+1 (when i+1 < End)
// and each next sibling starts at the previous one's End.
type Node struct {
	Sym       uint16
	Field     uint16
	Flags     uint32
	StartByte uint32
	EndByte   uint32
	StartRow  uint32
	StartCol  uint32
	EndRow    uint32
	EndCol    uint32
	End       uint32
}

// Tree is a parsed file: its nodes in preorder, root first.
type Tree struct {
	Nodes []Node
}

var language = (*C.TSLanguage)(python.Language())

func init() {
	// go-tree-sitter v0.25.0 routes every allocation of the C library through
	// Go callbacks, which costs ~1.5x in parse time; use libc's allocator.
	C.flat_use_libc_malloc()
	if unsafe.Sizeof(Node{}) != unsafe.Sizeof(C.flat_node{}) {
		panic("cst: Node does not match flat_node")
	}
}

var parsers struct {
	sync.Mutex
	free []*C.TSParser
}

func getParser() *C.TSParser {
	parsers.Lock()
	defer parsers.Unlock()
	if n := len(parsers.free); n > 0 {
		p := parsers.free[n-1]
		parsers.free = parsers.free[:n-1]
		return p
	}
	p := C.ts_parser_new()
	if !C.ts_parser_set_language(p, language) {
		panic("cst: tree-sitter rejected the Python grammar (ABI mismatch)")
	}
	return p
}

func putParser(p *C.TSParser) {
	parsers.Lock()
	parsers.free = append(parsers.free, p)
	parsers.Unlock()
}

// Parse parses src. It fails only when the source is larger than 4 GiB or
// memory runs out; syntax errors are ERROR and MISSING nodes in the tree.
func Parse(src []byte) (*Tree, error) {
	if len(src) >= 1<<32-1 {
		return nil, fmt.Errorf("source is too large (%d bytes)", len(src))
	}
	p := getParser()
	defer putParser(p)
	var res C.flat_result
	var empty [1]byte
	ptr := (*C.char)(unsafe.Pointer(&empty[0]))
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	}
	if !C.flat_parse(p, ptr, C.uint32_t(len(src)), &res) {
		return nil, fmt.Errorf("tree-sitter could not parse the source (out of memory)")
	}
	defer C.flat_free(&res)
	nodes := make([]Node, res.len)
	copy(nodes, unsafe.Slice((*Node)(unsafe.Pointer(res.nodes)), res.len))
	return &Tree{Nodes: nodes}, nil
}

// SymbolNames returns the grammar's symbol names indexed by symbol id.
func SymbolNames() []string {
	n := int(C.ts_language_symbol_count(language))
	names := make([]string, n)
	for i := range names {
		names[i] = C.GoString(C.ts_language_symbol_name(language, C.TSSymbol(i)))
	}
	return names
}

// FieldNames returns the grammar's field names indexed by field id (0 is "").
func FieldNames() []string {
	n := int(C.ts_language_field_count(language))
	names := make([]string, n+1)
	for i := 1; i <= n; i++ {
		names[i] = C.GoString(C.ts_language_field_name_for_id(language, C.TSFieldId(i)))
	}
	return names
}
