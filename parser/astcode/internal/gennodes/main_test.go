package main

import (
	"bytes"
	"os"
	"testing"
)

// TestNodesAreGenerated fails when parser/astcode/nodes.go does not match
// the node declarations of parser/ast/ast.go: run `go generate
// ./parser/astcode`.
func TestNodesAreGenerated(t *testing.T) {
	want, err := Generate("../../../ast/ast.go")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../nodes.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("parser/astcode/nodes.go is out of date: run `go generate ./parser/astcode`")
	}
}
