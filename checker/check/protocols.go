package check

import (
	"fmt"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// maxProtocolNotes is how many missing members or conflicts mypy's notes
// list before they say how many more there are.
const maxProtocolNotes = 2

// protocolNotes explain why a value of type got does not implement the
// protocol want is an instance of, as mypy's report_protocol_problems
// does: the members it lacks, those whose types conflict (with both
// types, or both signatures), and those of the wrong kind.
func (c *Checker) protocolNotes(got, want types.Type) []string {
	proto, ok := want.(*types.Instance)
	if !ok || !proto.Class.IsProtocol {
		return nil
	}
	subject := got
	switch x := got.(type) {
	case *types.Tuple:
		if name := proto.Class.FullName; name == "typing.Iterable" || name == "typing.Sequence" || x.Fallback == nil {
			return nil
		}
		subject = x.Fallback
	case *types.Literal:
		subject = x.Fallback
	case *types.Instance:
	default:
		return nil
	}
	for _, a := range proto.Args {
		if _, never := a.(*types.Never); never {
			return nil // a failed inference (Iterable[Never]): notes would only confuse
		}
	}
	inst := subject.(*types.Instance)
	why := types.ExplainProtocol(got, proto, c.inferredMember)
	var notes []string
	members := len(types.ProtocolMembers(proto.Class))
	switch {
	case len(why.Missing) > maxProtocolNotes || why.AllMissing && !(len(why.Missing) == 1 && why.Missing[0] == "__call__"):
		return nil // an obviously wrong type
	case len(why.Missing) > 0 && (len(why.Missing) < members || why.Missing[0] == "__call__"):
		plural := ""
		if len(why.Missing) > 1 {
			plural = "s"
		}
		notes = append(notes, fmt.Sprintf(diag.MissingProtocolMembers, inst.Class.Name, proto.Class.Name, plural),
			"    "+strings.Join(why.Missing, ", "))
	}
	if len(why.Conflicts) > 0 && (len(inst.Class.TypeParams) == 0 || len(proto.Class.TypeParams) == 0 ||
		!c.isSubtype(inst, erasedInstance(proto))) {
		o := c.formatOptions()
		notes = append(notes, fmt.Sprintf(diag.ProtocolMemberConflicts, types.Format(inst, o)))
		for i, k := range why.Conflicts {
			if i == maxProtocolNotes {
				notes = append(notes, fmt.Sprintf("    <%d more conflict(s) not shown>", len(why.Conflicts)-maxProtocolNotes))
				break
			}
			if !isSignature(k.Expected) || !isSignature(k.Got) {
				exp, gotS := types.FormatPair(k.Expected, k.Got, o)
				notes = append(notes, fmt.Sprintf(`    %s: expected "%s", got "%s"`, k.Name, exp, gotS))
				continue
			}
			notes = append(notes, "    Expected:")
			notes = append(notes, c.prettySignature(k.Expected, "        ")...)
			notes = append(notes, "    Got:")
			notes = append(notes, c.prettySignature(k.Got, "        ")...)
		}
	}
	for i, f := range why.Flags {
		if i == maxProtocolNotes {
			notes = append(notes, fmt.Sprintf("    <%d more conflict(s) not shown>", len(why.Flags)-maxProtocolNotes))
			break
		}
		member := proto.Class.Name + "." + f.Name
		if f.GotClassVar && !f.WantClassVar {
			notes = append(notes, fmt.Sprintf(diag.ProtocolExpectedInstanceVar, member))
		}
		if f.WantClassVar && !f.GotClassVar {
			notes = append(notes, fmt.Sprintf(diag.ProtocolExpectedClassVar, member))
		}
		if f.WantSettable && !f.GotSettable {
			notes = append(notes, fmt.Sprintf(diag.ProtocolExpectedSettable, member))
		}
		if f.WantClassOrStatic && !f.GotClassOrStatic {
			notes = append(notes, fmt.Sprintf(diag.ProtocolExpectedClassOrStatic, member))
		}
	}
	return notes
}

// isSignature reports a function type that is not a class object (whose
// conflicts mypy shows as signatures).
func isSignature(t types.Type) bool {
	switch x := t.(type) {
	case *types.Callable:
		return x.TypeObject == nil
	case *types.Overloaded:
		return true
	}
	return false
}

// prettySignature writes a signature (each variant of an overloaded one,
// after "@overload") as mypy's notes show it, each line indented.
func (c *Checker) prettySignature(t types.Type, indent string) []string {
	if o, ok := t.(*types.Overloaded); ok {
		var lines []string
		for _, f := range o.Items {
			lines = append(lines, indent+"@overload", indent+c.prettyVariant(f))
		}
		return lines
	}
	return []string{indent + c.prettyVariant(t.(*types.Callable))}
}

// erasedInstance is an instance of a generic class with Any for each type
// argument.
func erasedInstance(inst *types.Instance) *types.Instance {
	return &types.Instance{Class: inst.Class, Args: anyArgs(len(inst.Args))}
}

// isSubtype is types.IsSubtype with the attributes this checker infers
// known to protocols.
func (c *Checker) isSubtype(a, b types.Type) bool {
	return types.IsSubtypeWith(a, b, c.inferredMember)
}

// inferredMember is the type a variable member of an instance has when
// read (see types.MemberTyper): inferred from the value a method or the
// class body assigns it when it has no declared type t, a descriptor's
// __get__ result.
func (c *Checker) inferredMember(inst *types.Instance, m *types.Member, t types.Type) types.Type {
	if t == nil {
		if _, ok := c.p.Implicit(m); !ok {
			return nil
		}
		t = c.implicitAttrOf(inst, m)
	}
	if !m.OnInstance {
		t = c.descriptorGet(t, inst, inst)
	}
	return t
}

// callNote is mypy's note on the __call__ involved when a function meets a
// callback protocol, or an instance with __call__ a callable type: `"P.__call__"
// has type "def __call__(self, x: int) -> str"`. For an argument it is
// given whenever the protocol has __call__; elsewhere only for a function
// its __call__ does not accept.
func (c *Checker) callNote(got, want types.Type, argument bool) string {
	var owner *types.Instance
	switch w := want.(type) {
	case *types.Instance:
		if !w.Class.IsProtocol {
			return ""
		}
		if m, _ := w.Class.Lookup("__call__"); m == nil {
			return ""
		}
		switch got.(type) {
		case *types.Callable, *types.Overloaded:
		default:
			if !argument {
				return ""
			}
		}
		owner = w
	case *types.Callable:
		g, ok := got.(*types.Instance)
		if !ok {
			return ""
		}
		if m, _ := g.Class.Lookup("__call__"); m == nil {
			return ""
		}
		owner = g
	default:
		return ""
	}
	call := c.member(owner, "__call__")
	if _, isProtocol := want.(*types.Instance); isProtocol && !argument && c.isSubtype(got, call) {
		return ""
	}
	shown := types.Format(owner, c.formatOptions())
	switch f := call.(type) {
	case *types.Callable:
		return fmt.Sprintf(diag.CallMemberType, shown, c.prettyVariant(f))
	case *types.Overloaded:
		return fmt.Sprintf(diag.CallMemberOverloaded, shown)
	}
	return ""
}

// checkRuntimeProtocols reports, in isinstance(x, C) and issubclass(x, C)
// (C a class or a tuple of them), a protocol class not decorated
// @runtime_checkable, and for issubclass one with members that are not
// methods, as mypy does.
func (c *Checker) checkRuntimeProtocols(call *ast.Call) {
	n, ok := call.Func.(*ast.Name)
	if !ok || n.ID != "isinstance" && n.ID != "issubclass" || len(call.Args) != 2 || !c.checked() {
		return
	}
	if _, local := c.scopeVars().lookup(n.ID); local {
		return
	}
	var classes []ast.Expr
	var flatten func(e ast.Expr)
	flatten = func(e ast.Expr) {
		if t, ok := e.(*ast.Tuple); ok {
			for _, el := range t.Elts {
				flatten(el)
			}
			return
		}
		classes = append(classes, e)
	}
	flatten(call.Args[1])
	for _, e := range classes {
		cls := typeObject(c.exprQuiet(e))
		if cls == nil || !cls.IsProtocol {
			continue
		}
		if !cls.RuntimeProtocol {
			c.report(&call.Span, diag.Error, diag.CodeMisc, diag.OnlyRuntimecheckableProtocols)
		}
		if n.ID != "issubclass" {
			continue
		}
		var attrs []string
		for _, name := range types.ProtocolMembers(cls) {
			if m, _ := cls.Lookup(name); m != nil && (!m.IsMethod || m.IsProperty) {
				attrs = append(attrs, name)
			}
		}
		if len(attrs) > 0 {
			c.report(&call.Span, diag.Error, diag.CodeMisc, diag.IssubclassDataProtocol)
			c.report(&call.Span, diag.Note, diag.CodeMisc, fmt.Sprintf(diag.ProtocolHasNonMethodMember, cls.Name, strings.Join(attrs, ", ")))
		}
	}
}
