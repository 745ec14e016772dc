package lsp

import (
	"slices"
	"testing"

	"go.lsp.dev/protocol"
)

// TestInitializationArgs reads the flags of initializationOptions, and
// refuses options of another shape.
func TestInitializationArgs(t *testing.T) {
	args, err := initializationArgs(protocol.LSPAny(`{"args": ["--strict", "--python-version", "3.12"]}`))
	if err != nil || !slices.Equal(args, []string{"--strict", "--python-version", "3.12"}) {
		t.Errorf("args: %v %v", args, err)
	}
	if args, err := initializationArgs(nil); err != nil || args != nil {
		t.Errorf("no options: %v %v", args, err)
	}
	if _, err := initializationArgs(protocol.LSPAny(`{"args": "--strict"}`)); err == nil {
		t.Error("args as a string were accepted")
	}
}

// TestPositions converts between UTF-16 columns and byte columns on a line
// with characters outside the ASCII range and the BMP.
func TestPositions(t *testing.T) {
	line := []byte("é = '𝄞' + x")
	for _, c := range []struct{ utf16, bytes int }{{0, 0}, {1, 2}, {5, 6}, {7, 10}, {12, 15}, {99, 15}} {
		if got := byteColumn(line, c.utf16); got != c.bytes {
			t.Errorf("byteColumn(%d) = %d, want %d", c.utf16, got, c.bytes)
		}
		if c.utf16 <= 12 {
			if got := utf16Column(line, c.bytes); got != c.utf16 {
				t.Errorf("utf16Column(%d) = %d, want %d", c.bytes, got, c.utf16)
			}
		}
	}
}
