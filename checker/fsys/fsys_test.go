package fsys

import "testing"

func TestOverlay(t *testing.T) {
	bottom := Map{"stdlib/a.pyi": []byte("bottom"), "stdlib/b.pyi": []byte("b")}
	top := Map{"stdlib/a.pyi": []byte("top"), "stdlib/c.pyi": []byte("c")}
	o := Overlay(top, bottom)
	if b, _ := o.ReadFile("stdlib/a.pyi"); string(b) != "top" {
		t.Errorf("a.pyi = %q", b)
	}
	if b, _ := o.ReadFile("./stdlib/b.pyi"); string(b) != "b" {
		t.Errorf("b.pyi = %q", b)
	}
	entries, err := o.ReadDir("stdlib")
	if err != nil || len(entries) != 3 || entries[2].Name() != "c.pyi" {
		t.Errorf("ReadDir = %v, %v", entries, err)
	}
	if st, err := o.Stat("stdlib"); err != nil || !st.IsDir() {
		t.Errorf("Stat(stdlib) = %v, %v", st, err)
	}
	if _, err := o.ReadFile("stdlib/d.pyi"); err == nil {
		t.Error("missing file read without error")
	}
	sub := Sub(o, "stdlib")
	if b, _ := sub.ReadFile("c.pyi"); string(b) != "c" {
		t.Errorf("Sub: c.pyi = %q", b)
	}
}
