package main

import (
	"bytes"
	"os"
	"testing"
)

// TestCloneIsGenerated fails when parser/ast/clone.go does not match the
// node declarations of ast.go: run `go generate ./parser/ast`.
func TestCloneIsGenerated(t *testing.T) {
	want, err := Generate("../../ast.go")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../clone.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("parser/ast/clone.go is out of date: run `go generate ./parser/ast`")
	}
}
