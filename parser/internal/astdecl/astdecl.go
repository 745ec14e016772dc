// Package astdecl reads the node declarations of parser/ast/ast.go for the
// generators that write code over every node (parser/ast's Clone,
// parser/astcode's encoder and decoder).
package astdecl

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
)

// Decls are the declarations of ast.go.
type Decls struct {
	// Structs are the struct types, by name; Ifaces the interface types.
	Structs map[string]*ast.StructType
	Ifaces  map[string]bool
	// Nodes are the names of the node structs, sorted: those that embed
	// Span, and the four CPython gives no position.
	Nodes []string
}

// Read reads the declarations of the file at path.
func Read(path string) (*Decls, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		return nil, err
	}
	d := &Decls{Structs: map[string]*ast.StructType{}, Ifaces: map[string]bool{}}
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, s := range g.Specs {
			ts := s.(*ast.TypeSpec)
			switch t := ts.Type.(type) {
			case *ast.StructType:
				d.Structs[ts.Name.Name] = t
			case *ast.InterfaceType:
				d.Ifaces[ts.Name.Name] = true
			}
		}
	}
	for name := range d.Structs {
		if d.IsNode(name) {
			d.Nodes = append(d.Nodes, name)
		}
	}
	sort.Strings(d.Nodes)
	return d, nil
}

// IsNode reports whether a type name is a node struct.
func (d *Decls) IsNode(name string) bool {
	st, ok := d.Structs[name]
	if !ok {
		return false
	}
	for _, fl := range st.Fields.List {
		if id, ok := fl.Type.(*ast.Ident); ok && len(fl.Names) == 0 && id.Name == "Span" {
			return true
		}
	}
	switch name {
	case "Arguments", "Comprehension", "WithItem", "MatchCase":
		return true
	}
	return false
}
