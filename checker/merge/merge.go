// Package merge groups the parts of an overload defined under if
// statements with the parts around them, as mypy's parser does before
// anything else reads the tree (its fix_function_overloads):
//
//	@overload
//	def f(x: int) -> int: ...
//	if sys.version_info >= (3, 10):
//	    @overload
//	    def f(x: str) -> str: ...
//	def f(x): ...
//
// is read as one overload of three parts when the condition is known true,
// and of two when it is known false; the if statement stays, emptied, so
// its condition is still checked. An if whose condition cannot be inferred
// is not merged: its parts are dropped, and Blocks reports it ("Condition
// can't be inferred, unable to merge overloads").
//
// The tree is not changed: the statement lists that differ are new, and
// so are the nodes on the way to them; the rest is shared.
package merge

import (
	"slices"

	"typd/checker/reach"
	"typd/parser/ast"
)

// Module is m with its overloads merged in every block, and the if
// statements whose conditions could not be inferred for merging, in the
// order found. It returns m itself when nothing merges.
func Module(m *ast.Module, rc *reach.Config) (*ast.Module, []*ast.If) {
	mg := &merger{rc: rc}
	body, changed := mg.blocks(m.Body)
	if !changed {
		return m, mg.unknown
	}
	out := *m
	out.Body = body
	return &out, mg.unknown
}

// merger rewrites the blocks of one module.
type merger struct {
	rc      *reach.Config
	unknown []*ast.If
}

// blocks merges the blocks nested in each statement of a block, then the
// block itself; changed reports a new list.
func (mg *merger) blocks(stmts []ast.Stmt) ([]ast.Stmt, bool) {
	var out []ast.Stmt
	for i, s := range stmts {
		if n := mg.nested(s); n != s {
			if out == nil {
				out = append(make([]ast.Stmt, 0, len(stmts)), stmts[:i]...)
			}
			out = append(out, n)
		} else if out != nil {
			out = append(out, s)
		}
	}
	changed := out != nil
	if !changed {
		out = stmts
	}
	if !mergeable(out) {
		return out, changed
	}
	merged := mg.block(out)
	if slices.Equal(merged, out) {
		return out, changed // nothing merged: the same statements
	}
	return merged, true
}

// nested is s with the blocks it holds merged: s itself when none changes,
// else a copy.
func (mg *merger) nested(s ast.Stmt) ast.Stmt {
	switch x := s.(type) {
	case *ast.FunctionDef:
		if body, ok := mg.blocks(x.Body); ok {
			n := *x
			n.Body = body
			return &n
		}
	case *ast.ClassDef:
		if body, ok := mg.blocks(x.Body); ok {
			n := *x
			n.Body = body
			return &n
		}
	case *ast.If:
		if body, orelse, ok := mg.twoBlocks(x.Body, x.Orelse); ok {
			n := *x
			n.Body, n.Orelse = body, orelse
			return &n
		}
	case *ast.For:
		if body, orelse, ok := mg.twoBlocks(x.Body, x.Orelse); ok {
			n := *x
			n.Body, n.Orelse = body, orelse
			return &n
		}
	case *ast.While:
		if body, orelse, ok := mg.twoBlocks(x.Body, x.Orelse); ok {
			n := *x
			n.Body, n.Orelse = body, orelse
			return &n
		}
	case *ast.With:
		if body, ok := mg.blocks(x.Body); ok {
			n := *x
			n.Body = body
			return &n
		}
	case *ast.Try:
		body, ok1 := mg.blocks(x.Body)
		orelse, ok2 := mg.blocks(x.Orelse)
		final, ok3 := mg.blocks(x.Finalbody)
		var handlers []*ast.ExceptHandler
		for i, h := range x.Handlers {
			if hb, ok := mg.blocks(h.Body); ok {
				if handlers == nil {
					handlers = append([]*ast.ExceptHandler(nil), x.Handlers...)
				}
				nh := *h
				nh.Body = hb
				handlers[i] = &nh
			}
		}
		if ok1 || ok2 || ok3 || handlers != nil {
			n := *x
			n.Body, n.Orelse, n.Finalbody = body, orelse, final
			if handlers != nil {
				n.Handlers = handlers
			}
			return &n
		}
	case *ast.Match:
		var cases []*ast.MatchCase
		for i, c := range x.Cases {
			if cb, ok := mg.blocks(c.Body); ok {
				if cases == nil {
					cases = append([]*ast.MatchCase(nil), x.Cases...)
				}
				nc := *c
				nc.Body = cb
				cases[i] = &nc
			}
		}
		if cases != nil {
			n := *x
			n.Cases = cases
			return &n
		}
	}
	return s
}

// twoBlocks merges a statement's body and else blocks; changed reports
// that either is new.
func (mg *merger) twoBlocks(body, orelse []ast.Stmt) (newBody, newElse []ast.Stmt, changed bool) {
	newBody, ok1 := mg.blocks(body)
	newElse, ok2 := mg.blocks(orelse)
	return newBody, newElse, ok1 || ok2
}

// mergeable reports a block with an if statement that holds nothing but
// the parts of one function: the only blocks mypy's merge changes.
func mergeable(stmts []ast.Stmt) bool {
	for _, s := range stmts {
		if x, ok := s.(*ast.If); ok && len(x.Body) > 0 {
			if _, isDef := x.Body[len(x.Body)-1].(*ast.FunctionDef); isDef {
				return true
			}
		}
	}
	return false
}

// block is mypy's fix_function_overloads over one block whose nested
// blocks are merged already. An overload (mypy's OverloadedFuncDef) is
// here its parts one after the other, as the rest of the checker reads
// them; parts taken from if statements follow the emptied statements.
func (mg *merger) block(stmts []ast.Stmt) []ast.Stmt {
	var (
		ret     []ast.Stmt
		current []*ast.FunctionDef // the overload being gathered
		name    string             // its name, "" for none
		// lastPlain is the name of the last undecorated part of current.
		lastPlain string
		// lastIf is an if statement holding parts of name that no part
		// outside an if has followed yet; lastIfParts are the parts it
		// runs (nil when it runs none or that is not known), lastIfName
		// the name current had when lastIf was kept in the block.
		lastIf      *ast.If
		lastIfParts []*ast.FunctionDef
		lastIfName  string
		lastUnknown *ast.If // lastIf, when its condition is not known
		skipped     []*ast.If
		stripped    = map[*ast.If]bool{}
	)
	flushSkipped := func() {
		for _, s := range skipped {
			stripped[s] = true
			ret = append(ret, s)
		}
		skipped = nil
	}
	for _, s := range stmts {
		ifName := ""
		var ifParts []*ast.FunctionDef
		var ifLead []*ast.If
		var ifUnknown *ast.If
		ifStmt, isIf := s.(*ast.If)
		if isIf {
			if ifName = mg.overloadIn(ifStmt, name); ifName != "" {
				var block []ast.Stmt
				block, ifUnknown = mg.executed(ifStmt)
				if block != nil {
					ifLead, ifParts = lastItem(block)
				}
			}
		}
		def, isDef := s.(*ast.FunctionDef)
		switch {
		case name != "" && isDef && def.Name == name:
			if lastIf != nil {
				skipped = append(skipped, lastIf)
			}
			if lastIfParts != nil {
				current = append(current, lastIfParts...)
				lastIf, lastIfParts = nil, nil
			}
			if lastUnknown != nil {
				mg.unknown = append(mg.unknown, lastUnknown)
				lastUnknown = nil
			}
			current = append(current, def)
			if len(def.DecoratorList) == 0 {
				lastPlain = def.Name
			}
		case name != "" && isIf && ifName == name && lastPlain != name:
			skipped = append(skipped, ifStmt)
			if ifParts == nil {
				if ifUnknown != nil {
					mg.unknown = append(mg.unknown, ifUnknown)
				}
				continue
			}
			if lastIfParts != nil {
				current = append(current, lastIfParts...)
				lastIf, lastIfParts = nil, nil
			}
			skipped = append(skipped, ifLead...)
			current = append(current, ifParts...)
		default:
			if lastIf != nil {
				ret = append(ret, lastIf)
				lastIfName = name
				lastIf, lastIfParts, lastUnknown = nil, nil, nil
			}
			if len(current) > 0 && name == lastIfName {
				// The if statement kept just above held parts of this
				// overload and ran none: it is emptied too.
				if x, ok := ret[len(ret)-1].(*ast.If); ok {
					skipped = append(skipped, x)
					ret = ret[:len(ret)-1]
				}
			}
			if len(current) > 0 {
				flushSkipped()
			}
			for _, d := range current {
				ret = append(ret, d)
			}
			lastPlain = ""
			switch {
			case isDef && len(def.DecoratorList) > 0 && def.Name != "_":
				current, name = []*ast.FunctionDef{def}, def.Name
			case isIf && ifName != "":
				current, name = nil, ifName
				lastIf, lastIfName = ifStmt, ""
				skipped = append(skipped, ifLead...)
				lastIfParts = ifParts
				lastUnknown = ifUnknown
			default:
				current, name = nil, ""
				ret = append(ret, s)
			}
		}
	}
	if len(current) > 0 {
		flushSkipped()
	}
	switch {
	case len(current) > 0:
		for _, d := range current {
			ret = append(ret, d)
		}
	case lastIfParts != nil:
		for _, d := range lastIfParts {
			ret = append(ret, d)
		}
	case lastIf != nil:
		ret = append(ret, lastIf)
	}
	for i, s := range ret {
		if x, ok := s.(*ast.If); ok && stripped[x] {
			ret[i] = strip(x)
		}
	}
	return ret
}

// overloadIn is the name of the function an if statement defines parts of
// and nothing else (mypy's _check_ifstmt_for_overloads), in each branch
// of an if/elif/else chain, or "". Its body is one part (a def without
// decorators only while an overload named current is being gathered), or
// one overload after emptied if statements; an else branch, if any, one
// part or overload of the same name, or an if statement of the same kind.
func (mg *merger) overloadIn(x *ast.If, current string) string {
	n, lead, last := items(x.Body)
	if last == nil || !(n == 1 && (len(last) > 1 || len(last[0].DecoratorList) > 0 || current != "") ||
		n > 1 && len(last) > 1 && lead == n-1) {
		return ""
	}
	name := last[0].Name
	if len(x.Orelse) == 0 {
		return name
	}
	if n, _, last := items(x.Orelse); n == 1 {
		if last != nil && last[0].Name == name {
			return name
		}
		if inner, ok := x.Orelse[0].(*ast.If); ok && mg.overloadIn(inner, current) == name {
			return name
		}
	}
	return ""
}

// executed is the block of an if/elif/else chain that surely runs (mypy's
// _get_executable_if_block_with_overloads), or nil: with unknown set to
// the if statement whose condition decides it when that cannot be
// inferred, nil when no branch runs.
func (mg *merger) executed(x *ast.If) (block []ast.Stmt, unknown *ast.If) {
	t := mg.rc.Infer(x.Test)
	switch {
	case reach.IsTrue(t):
		return x.Body, nil
	case reach.IsFalse(t):
		if len(x.Orelse) == 0 {
			return nil, nil
		}
		if inner, ok := x.Orelse[0].(*ast.If); ok {
			return mg.executed(inner)
		}
		return x.Orelse, nil
	}
	return nil, x
}

// items counts the statements of a block as mypy's parser groups them: a
// decorated def (not named "_") and the defs of its name that follow it
// are one, an overload when they are several. lead counts the emptied if
// statements at the start; last is the defs of the last item when it is a
// def or a group, else nil.
func items(stmts []ast.Stmt) (n, lead int, last []*ast.FunctionDef) {
	leading := true
	for i := 0; i < len(stmts); {
		last = nil
		def, ok := stmts[i].(*ast.FunctionDef)
		if leading && isEmptied(stmts[i]) {
			lead++
		} else {
			leading = false
		}
		n++
		if !ok {
			i++
			continue
		}
		j := i + 1
		if len(def.DecoratorList) > 0 && def.Name != "_" {
			for j < len(stmts) {
				next, ok := stmts[j].(*ast.FunctionDef)
				if !ok || next.Name != def.Name {
					break
				}
				j++
			}
		}
		last = make([]*ast.FunctionDef, 0, j-i)
		for _, s := range stmts[i:j] {
			last = append(last, s.(*ast.FunctionDef))
		}
		i = j
	}
	return n, lead, last
}

// lastItem splits a block that overloadIn accepted into the emptied if
// statements before its last item and that item's defs.
func lastItem(stmts []ast.Stmt) (lead []*ast.If, defs []*ast.FunctionDef) {
	_, _, defs = items(stmts)
	if len(defs) > 1 {
		for _, s := range stmts[:len(stmts)-len(defs)] {
			if x, ok := s.(*ast.If); ok {
				lead = append(lead, x)
			}
		}
	}
	return lead, defs
}

// isEmptied reports an if statement merge emptied (no source if statement
// has an empty body).
func isEmptied(s ast.Stmt) bool {
	x, ok := s.(*ast.If)
	if !ok || len(x.Body) > 0 {
		return false
	}
	if len(x.Orelse) == 0 {
		return true
	}
	return isEmptied(x.Orelse[0])
}

// strip is an if statement emptied of the parts merge took from it (mypy's
// _strip_contents_from_if_stmt): its body, and an else branch of one item
// (an elif's, recursively).
func strip(x *ast.If) *ast.If {
	out := *x
	out.Body = nil
	if n, _, _ := items(x.Orelse); n == 1 {
		if inner, ok := x.Orelse[0].(*ast.If); ok {
			out.Orelse = []ast.Stmt{strip(inner)}
		} else {
			out.Orelse = nil
		}
	}
	return &out
}
