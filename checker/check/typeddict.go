package check

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// typedDictEntry is one `key: value` of a TypedDict constructor call or
// display: key is the key's expression (nil for a keyword argument, whose
// name is given, and for a `**mapping`), value the value's.
type typedDictEntry struct {
	key   ast.Expr
	name  string
	value ast.Expr
}

// typedDictValue is what may give a key its value: an expression, or the
// type a `**other` unpacks (expr then the unpacked expression, and t set).
type typedDictValue struct {
	expr ast.Expr
	t    types.Type
}

// typedDictKeys are the keys a constructor call or display gives, in the
// order they first appear, with the values that may give each and the keys
// present whatever the unpacked values hold.
type typedDictKeys struct {
	names  []string
	values map[string][]typedDictValue
	always map[string]bool
	// openStar is the last `**value` that may hold keys it does not
	// show (every TypedDict may: none is closed), or nil.
	openStar ast.Expr
}

// typedDictCall checks a call of a TypedDict class as mypy does: keyword
// arguments (and `**` of other TypedDicts), a single dict display or
// dict(...) call, or nothing; each key against the class's.
func (c *Checker) typedDictCall(x *ast.Call, td *types.Instance, expected types.Type) types.Type {
	switch {
	case len(x.Args) == 0 && len(x.Keywords) > 0:
		return c.typedDictEntries(x, td, keywordEntries(x.Keywords), expected, true)
	case len(x.Args) == 1 && len(x.Keywords) == 0:
		if d, ok := x.Args[0].(*ast.Dict); ok {
			return c.typedDictEntries(x, td, dictEntries(d), expected, true)
		}
		if inner, ok := x.Args[0].(*ast.Call); ok && len(inner.Args) == 0 && c.isBuiltinClass(inner.Func, "dict") {
			return c.typedDictEntries(x, td, keywordEntries(inner.Keywords), expected, true)
		}
	case len(x.Args) == 0 && len(x.Keywords) == 0:
		return c.typedDictEntries(x, td, nil, expected, true)
	}
	for _, a := range x.Args {
		c.expr(a)
	}
	for _, k := range x.Keywords {
		c.expr(k.Value)
	}
	c.report(&x.Span, diag.Error, diag.CodeMisc, diag.TypedDictConstructorArgs)
	return anyT()
}

// isBuiltinClass reports whether e names the builtins class name.
func (c *Checker) isBuiltinClass(e ast.Expr, name string) bool {
	var f *types.Callable
	switch t := c.exprQuiet(e).(type) {
	case *types.Callable:
		f = t
	case *types.Overloaded:
		f = t.Items[0]
	}
	return f != nil && f.TypeObject != nil && f.TypeObject.FullName == "builtins."+name
}

// dictEntries lists a dict display's entries (a nil key for **mapping).
func dictEntries(d *ast.Dict) []typedDictEntry {
	out := make([]typedDictEntry, len(d.Keys))
	for i, k := range d.Keys {
		out[i] = typedDictEntry{key: k, value: d.Values[i]}
	}
	return out
}

// keywordEntries lists a call's keyword arguments as entries (no name for
// **mapping).
func keywordEntries(keywords []*ast.Keyword) []typedDictEntry {
	out := make([]typedDictEntry, len(keywords))
	for i, k := range keywords {
		out[i] = typedDictEntry{name: k.Arg, value: k.Value}
	}
	return out
}

// typedDictDisplay types a dict display whose context expects a
// TypedDict (or a union with TypedDicts), as mypy's visit_dict_expr: the
// one TypedDict of the context, or the one among several the display
// fits cleanly. It reports false when no TypedDict is expected.
func (c *Checker) typedDictDisplay(x *ast.Dict, want types.Type) (types.Type, bool) {
	if want == nil {
		return nil, false
	}
	return c.typedDictInContext(x, dictEntries(x), want)
}

// typedDictDictCall types a `dict(key=value, ...)` call whose context
// expects a TypedDict as the display it stands for (mypy takes such a
// call for a display); ok is false for other calls.
func (c *Checker) typedDictDictCall(x *ast.Call, want types.Type) (types.Type, bool) {
	if want == nil || len(x.Args) > 0 || len(x.Keywords) == 0 {
		return nil, false
	}
	if slices.ContainsFunc(x.Keywords, func(k *ast.Keyword) bool { return k.Arg == "" }) {
		return nil, false
	}
	if _, union := want.(*types.Union); !union {
		if _, _, ok := types.TypedDictOf(want); !ok {
			return nil, false
		}
	}
	if !c.isBuiltinClass(x.Func, "dict") {
		return nil, false
	}
	return c.typedDictInContext(x, keywordEntries(x.Keywords), want)
}

// typedDictInContext types the entries of a display (or dict() call) x
// against the TypedDicts the expected type want offers.
func (c *Checker) typedDictInContext(x ast.Node, entries []typedDictEntry, want types.Type) (types.Type, bool) {
	candidates, exhaustive := c.typedDictContexts(want, entries)
	if len(candidates) == 0 {
		return nil, false
	}
	if len(candidates) == 1 && exhaustive {
		return c.typedDictEntries(x, candidates[0], entries, nil, false), true
	}
	for _, td := range candidates {
		if c.quietly(func() { c.typedDictEntries(x, td, entries, nil, false) }) {
			return c.typedDictEntries(x, td, entries, nil, false), true
		}
	}
	if exhaustive {
		var names []string
		for _, td := range candidates {
			names = append(names, `"`+types.Format(td, c.formatOptions())+`"`)
		}
		c.report(x.Pos(), diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.AmbiguousTypedDict, strings.Join(names, ", ")))
	}
	return nil, false
}

// typedDictContexts are the TypedDicts an expected type offers a display
// (mypy's find_typeddict_context): the TypedDict itself, or those of a
// union whose keys the display's fit; exhaustive when the union has
// nothing else.
func (c *Checker) typedDictContexts(want types.Type, entries []typedDictEntry) ([]*types.Instance, bool) {
	switch w := want.(type) {
	case *types.Instance:
		if _, _, ok := types.TypedDictOf(w); ok {
			return []*types.Instance{w}, true
		}
	case *types.Union:
		var out []*types.Instance
		exhaustive := true
		for _, it := range w.Items {
			tds, ex := c.typedDictContexts(it, entries)
			for _, td := range tds {
				if c.keysFit(td, entries) {
					out = append(out, td)
				}
			}
			exhaustive = exhaustive && ex
		}
		return out, exhaustive
	}
	return nil, false
}

// keysFit reports whether a display's keys are all a TypedDict's and
// give every one it requires (mypy's match_typeddict_call_with_dict).
func (c *Checker) keysFit(td *types.Instance, entries []typedDictEntry) bool {
	var keys *typedDictKeys
	ok := false
	c.quietly(func() { keys, ok = c.typedDictKeysOf(td, entries) })
	if !ok {
		return false
	}
	items := types.TypedDictItems(td)
	for _, it := range items {
		if it.Required && keys.values[it.Name] == nil {
			return false
		}
	}
	for _, n := range keys.names {
		if _, ok := types.LookupItem(items, n); !ok {
			return false
		}
	}
	return true
}

// typedDictKeysOf reads the keys of a constructor call's or display's
// entries (mypy's validate_typeddict_kwargs): a key must be a string
// literal; `**other` gives other's keys when it is a TypedDict (or a
// union of them), nothing known when it is Any or a Mapping of Anys.
func (c *Checker) typedDictKeysOf(td *types.Instance, entries []typedDictEntry) (*typedDictKeys, bool) {
	keys := &typedDictKeys{values: map[string][]typedDictValue{}, always: map[string]bool{}}
	add := func(name string, v typedDictValue, always, shadow bool) {
		if _, seen := keys.values[name]; !seen {
			keys.names = append(keys.names, name)
		}
		switch {
		case shadow && v.t == nil:
			keys.values[name] = []typedDictValue{v}
		case shadow:
			// A value a ** always gives shadows what came before, but a
			// value written out is kept, to be checked all the same.
			if prev := keys.values[name]; len(prev) > 0 && prev[0].t == nil {
				keys.values[name] = []typedDictValue{prev[0], v}
			} else {
				keys.values[name] = []typedDictValue{v}
			}
		default:
			keys.values[name] = append(keys.values[name], v)
		}
		if always {
			keys.always[name] = true
		}
	}
	for _, e := range entries {
		switch {
		case e.key == nil && e.name != "":
			add(e.name, typedDictValue{expr: e.value}, true, true)
		case e.key != nil:
			name, ok := c.literalKey(e.key)
			if !ok {
				c.report(e.key.Pos(), diag.Error, diag.CodeLiteralRequired, diag.TypedDictKeyNotLiteral)
				return nil, false
			}
			add(name, typedDictValue{expr: e.value}, true, true)
		default:
			var tds []*types.Instance
			for _, it := range unionItems(c.exprExpecting(e.value, td)) {
				if inst, _, ok := types.TypedDictOf(it); ok {
					tds = append(tds, inst)
				} else if !c.anyMapping(it) {
					c.unsupportedStar(e.value, it)
					return nil, false
				}
			}
			keys.openStar = e.value
			var names []string
			byName := map[string][]types.Type{}
			required := map[string]int{}
			for _, inst := range tds {
				for _, it := range types.TypedDictItems(inst) {
					if byName[it.Name] == nil {
						names = append(names, it.Name)
					}
					byName[it.Name] = append(byName[it.Name], it.Type)
					if it.Required {
						required[it.Name]++
					}
				}
			}
			for _, n := range names {
				always := required[n] == len(tds)
				add(n, typedDictValue{expr: e.value, t: types.SimplifiedUnion(byName[n]...)}, always, always)
			}
		}
	}
	return keys, true
}

// unsupportedStar reports a `**value` in a TypedDict that is no mapping
// of known keys.
func (c *Checker) unsupportedStar(e ast.Expr, t types.Type) {
	c.report(e.Pos(), diag.Error, diag.CodeTypedDictItem,
		fmt.Sprintf(diag.TypedDictBadExpansion, types.Format(t, c.formatOptions())))
}

// anyMapping reports Any or a Mapping whose keys and values are Any,
// which a TypedDict display may unpack without knowing its keys.
func (c *Checker) anyMapping(t types.Type) bool {
	if isAnyType(t) {
		return true
	}
	inst, ok := t.(*types.Instance)
	if !ok {
		return false
	}
	m := c.typingInstanceView(inst, "Mapping")
	return m != nil && !slices.ContainsFunc(m.Args, func(a types.Type) bool { return !isAnyType(a) })
}

// literalKey is the string a key expression is known to be: a string
// literal, or an expression of a single str literal type.
func (c *Checker) literalKey(e ast.Expr) (string, bool) {
	names, ok := keyLiterals(e, c.expr(e))
	if !ok || len(names) != 1 {
		return "", false
	}
	return names[0], true
}

// keyLiterals are the strings a key expression e (of type t) may be: a
// string literal's, or those of a type of str literals.
func keyLiterals(e ast.Expr, t types.Type) ([]string, bool) {
	if k, ok := e.(*ast.Constant); ok && k.Value.Kind == ast.StrValue {
		return []string{k.Value.Str}, true
	}
	return strLiterals(t)
}

// strLiterals are the strings a type of str literals (or a union of them)
// may be.
func strLiterals(t types.Type) ([]string, bool) {
	var out []string
	var walk func(types.Type) bool
	walk = func(t types.Type) bool {
		switch x := t.(type) {
		case *types.Literal:
			if x.Value.Kind != types.LitStr {
				return false
			}
			out = append(out, x.Value.Str)
			return true
		case *types.Instance:
			return x.LastKnownValue != nil && walk(x.LastKnownValue)
		case *types.Union:
			for _, it := range x.Items {
				if !walk(it) {
					return false
				}
			}
			return true
		}
		return false
	}
	return out, walk(t)
}

// typedDictEntries checks the keys and values a constructor call or
// display gives a TypedDict (mypy's check_typeddict_call_with_kwargs):
// missing and extra keys, then each value against its key's type. A call
// of a generic TypedDict class infers its type arguments from the values
// (or the expected type). The TypedDict is returned, or Any when keys it
// requires are missing.
func (c *Checker) typedDictEntries(at ast.Node, td *types.Instance, entries []typedDictEntry, expected types.Type, call bool) types.Type {
	keys, ok := c.typedDictKeysOf(td, entries)
	if !ok {
		c.quietValues(entries)
		return anyT()
	}
	items := types.TypedDictItems(td)
	if c.settings.ExtraChecks && keys.openStar != nil {
		var absent []string
		for _, it := range items {
			if !it.Required && keys.values[it.Name] == nil {
				absent = append(absent, it.Name)
			}
		}
		if len(absent) > 0 {
			// An optional key no ** item names may be there with another
			// type: the unpacked value may be of a subtype.
			c.report(keys.openStar.Pos(), diag.Error, diag.CodeTypedDictItem,
				fmt.Sprintf(diag.TypedDictNonRequiredNotFound, keyList(absent, true)))
		}
	}
	var required, actual []string
	extra, missing := false, false
	for _, it := range items {
		if it.Required {
			required = append(required, it.Name)
			missing = missing || !keys.always[it.Name]
		}
	}
	for _, n := range keys.names {
		if _, ok := types.LookupItem(items, n); !ok {
			extra = true
		}
	}
	if extra {
		var expected []string
		for _, it := range items {
			if it.Required || keys.values[it.Name] != nil {
				expected = append(expected, it.Name)
			}
		}
		c.unexpectedKeys(at, td, expected, keys.names)
	}
	if missing {
		for _, n := range required {
			if keys.always[n] {
				actual = append(actual, n)
			}
		}
		c.unexpectedKeys(at, td, required, actual)
		for _, n := range required {
			if keys.values[n] == nil {
				c.quietValues(entries)
				return anyT()
			}
		}
	}
	if call && hasTypeVars(td) {
		td = c.inferTypedDict(td, keys, expected)
		items = types.TypedDictItems(td)
	}
	for _, n := range keys.names {
		it, known := types.LookupItem(items, n)
		for _, v := range keys.values[n] {
			if v.t != nil {
				if known && c.checked() && judgeable(v.t, true) && judgeable(it.Type, false) && !c.isSubtype(v.t, it.Type) {
					c.incompatibleItem(v.expr.Pos(), n, v.t, it.Type)
				}
				continue
			}
			if !known {
				c.expr(v.expr)
				continue
			}
			t := c.exprExpecting(v.expr, it.Type)
			if !c.fits(v.expr, t, it.Type) {
				c.incompatibleItem(v.expr.Pos(), n, t, it.Type)
			}
		}
	}
	return td
}

// quietValues walks the values of entries whose keys made the check stop,
// without reporting (mypy does not look at them).
func (c *Checker) quietValues(entries []typedDictEntry) {
	for _, e := range entries {
		if e.key != nil || e.name != "" {
			c.exprQuiet(e.value)
		}
	}
}

// incompatibleItem reports a value that does not fit its TypedDict key.
func (c *Checker) incompatibleItem(sp *ast.Span, name string, got, want types.Type) {
	g, w := types.FormatPair(widen(got), want, c.formatOptions())
	c.incompatible(sp, diag.CodeTypedDictItem,
		fmt.Sprintf(diag.IncompatibleTypedDictItem, g, name, w), got, want)
}

// inferTypedDict infers a generic TypedDict class's type arguments for a
// constructor call from the expected type and the values (each key's
// first), as mypy does through the class's keyword-only constructor; the
// arguments it cannot infer are Any.
func (c *Checker) inferTypedDict(td *types.Instance, keys *typedDictKeys, expected types.Type) *types.Instance {
	ctor := typedDictConstructor(td.Class)
	var actuals []actual
	for _, n := range keys.names {
		v := keys.values[n][0]
		t := v.t
		if t == nil {
			t = c.exprQuiet(v.expr)
		}
		actuals = append(actuals, actual{kind: actualNamed, name: n, expr: v.expr, t: t})
	}
	if f, ok := c.instantiate(ctor, actuals, expected, false); ok {
		if inst, ok := f.Ret.(*types.Instance); ok {
			return inst
		}
	}
	return &types.Instance{Class: td.Class, Args: anyArgs(len(td.Class.TypeParams))}
}

// typedDictConstructor is a TypedDict class's signature as a callable:
// its keys as keyword-only parameters, those not required optional.
func typedDictConstructor(cls *types.Class) *types.Callable {
	ret := &types.Instance{Class: cls}
	for _, tv := range cls.TypeParams {
		ret.Args = append(ret.Args, tv)
	}
	f := &types.Callable{Ret: ret, TypeObject: cls, Name: cls.Name, TypeVars: cls.TypeParams}
	for _, it := range cls.TypedDict {
		kind := types.ArgNamed
		if !it.Required {
			kind = types.ArgNamedOpt
		}
		f.Params = append(f.Params, types.Param{Name: it.Name, Type: it.Type, Kind: kind})
	}
	return f
}

// unexpectedKeys reports keys a TypedDict does not have or misses, in
// mypy's words: "Missing key "y" for TypedDict "Point"", "Extra keys
// ("z", "w") for TypedDict "Point"".
func (c *Checker) unexpectedKeys(at ast.Node, td *types.Instance, expected, actual []string) {
	name := `"` + types.Format(td, c.formatOptions()) + `"`
	var missing, extra []string
	for _, k := range expected {
		if !slices.Contains(actual, k) {
			missing = append(missing, k)
		}
	}
	for _, k := range actual {
		if !slices.Contains(expected, k) {
			extra = append(extra, k)
		}
	}
	if len(missing) > 0 {
		c.report(at.Pos(), diag.Error, diag.CodeTypedDictItem, fmt.Sprintf(diag.TypedDictMissingKeys, keyList(missing, true), name))
	}
	if len(extra) > 0 {
		c.report(at.Pos(), diag.Error, diag.CodeTypedDictUnknownKey, fmt.Sprintf(diag.TypedDictExtraKeys, keyList(extra, true), name))
	}
}

// keyList formats keys as mypy's format_key_list: `key "x"`, `keys ("x",
// "y")`, `no keys` (with "TypedDict " before key unless short).
func keyList(keys []string, short bool) string {
	td := "TypedDict "
	if short {
		td = ""
	}
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = `"` + k + `"`
	}
	switch len(keys) {
	case 0:
		return "no " + td + "keys"
	case 1:
		return td + "key " + quoted[0]
	}
	return td + "keys (" + strings.Join(quoted, ", ") + ")"
}

// itemNames formats a TypedDict's keys as mypy's format_item_name_list:
// ("x", "y"), the first five and ... when there are more.
func itemNames(items []types.TypedDictItem) string {
	var names []string
	for i, it := range items {
		if i == 5 {
			names = append(names, "...")
			break
		}
		names = append(names, `"`+it.Name+`"`)
	}
	return "(" + strings.Join(names, ", ") + ")"
}

// functionalClass is the class an assignment defines by a call that
// semantic analysis turned into a class (a functional TypedDict), or nil:
// the name is the class, not a variable holding the call's value.
func (c *Checker) functionalClass(x *ast.Assign) *types.Class {
	n, ok := x.Targets[0].(*ast.Name)
	if !ok || len(x.Targets) != 1 || c.top() != nil {
		return nil
	}
	t, ok := c.p.Resolve(c.m.Name, n.ID)
	if !ok || t.Sym == nil || t.Sym.Kind != semanal.Class || t.Sym.Value != x.Value {
		return nil
	}
	return c.p.Class(t.Owner, t.Sym)
}

// typedDictKeyNames are the keys an index expression of a TypedDict names
// (mypy's visit_typeddict_index_expr): a string literal, or an expression
// whose type is str literals; ok is false (and the error reported) when
// it names none such or a key the TypedDict lacks. setitem words an
// unknown key as an assignment's.
func (c *Checker) typedDictKeyNames(td *types.Instance, items []types.TypedDictItem, index ast.Expr, t types.Type, setitem bool) ([]string, bool) {
	names, ok := keyLiterals(index, t)
	if !ok {
		if c.checked() && c.certain(index) {
			c.report(index.Pos(), diag.Error, diag.CodeLiteralRequired,
				fmt.Sprintf(diag.TypedDictKeyExpected, itemNames(items)))
		}
		return nil, false
	}
	for _, n := range names {
		if _, ok := types.LookupItem(items, n); !ok {
			c.keyNotFound(td, items, n, index, setitem)
			return nil, false
		}
	}
	return names, true
}

// keyNotFound reports a key a TypedDict does not have, with mypy's
// suggestions of keys spelled alike.
func (c *Checker) keyNotFound(td *types.Instance, items []types.TypedDictItem, name string, at ast.Expr, setitem bool) {
	code := diag.CodeTypedDictItem
	if setitem {
		code = diag.CodeTypedDictUnknownKey
	}
	c.report(at.Pos(), diag.Error, code,
		fmt.Sprintf(diag.TypedDictHasNoKey, types.Format(td, c.formatOptions()), name))
	var keys []string
	for _, it := range items {
		keys = append(keys, it.Name)
	}
	if matches := diag.BestMatches(name, keys, 3); len(matches) > 0 {
		c.report(at.Pos(), diag.Note, code, fmt.Sprintf(diag.DidYouMean, diag.PrettySeq(matches, "or")))
	}
}

// typedDictIndex types `td[key]`: the key's value type (a union when the
// key may be one of several), Any when the key is not known.
func (c *Checker) typedDictIndex(td *types.Instance, items []types.TypedDictItem, index ast.Expr, t types.Type) types.Type {
	names, ok := c.typedDictKeyNames(td, items, index, t, false)
	if !ok {
		return anyT()
	}
	var ts []types.Type
	for _, n := range names {
		it, _ := types.LookupItem(items, n)
		ts = append(ts, it.Type)
	}
	return types.SimplifiedUnion(ts...)
}

// typedDictsIndex types an index of a TypedDict, or of a union of them
// (each indexed); ok is false for other values.
func (c *Checker) typedDictsIndex(base types.Type, index ast.Expr, t types.Type) (types.Type, bool) {
	if td, items, ok := types.TypedDictOf(base); ok {
		return c.typedDictIndex(td, items, index, t), true
	}
	u, ok := base.(*types.Union)
	if !ok || slices.ContainsFunc(u.Items, func(it types.Type) bool { _, _, td := types.TypedDictOf(it); return !td }) {
		return nil, false
	}
	var out []types.Type
	for _, it := range u.Items {
		td, items, _ := types.TypedDictOf(it)
		out = append(out, c.typedDictIndex(td, items, index, t))
	}
	return types.SimplifiedUnion(out...), true
}

// typedDictSetItem checks `td[key] = value` (value of type t): the key
// known and not read-only, the value of the key's type ("Value of "x" has
// incompatible type "str"; expected "int"").
func (c *Checker) typedDictSetItem(x *ast.Subscript, td *types.Instance, items []types.TypedDictItem, value ast.Expr, t types.Type) {
	names, ok := c.typedDictKeyNames(td, items, x.Slice, c.exprQuiet(x.Slice), true)
	if !ok {
		return
	}
	var ts []types.Type
	var readOnly []string
	for _, n := range names {
		it, _ := types.LookupItem(items, n)
		if it.ReadOnly {
			readOnly = append(readOnly, n)
		}
		ts = append(ts, it.Type)
	}
	if len(readOnly) > 0 {
		c.readOnlyMutated(x, readOnly)
	}
	want := types.SimplifiedUnion(ts...)
	if value != nil && !c.fits(value, t, want) {
		got, exp := types.FormatPair(widen(t), want, c.formatOptions())
		c.incompatible(value.Pos(), diag.CodeTypedDictItem,
			fmt.Sprintf(diag.IncompatibleTypedDictValue, names[0], got, exp), t, want)
	}
}

// readOnlyMutated reports read-only keys assigned or deleted.
func (c *Checker) readOnlyMutated(at ast.Node, names []string) {
	slices.Sort(names)
	verb := "is"
	if len(names) > 1 {
		verb = "are"
	}
	c.report(at.Pos(), diag.Error, diag.CodeTypedDictReadOnly,
		fmt.Sprintf(diag.ReadOnlyTypedDictMutated, keyList(names, false), verb))
}

// typedDictDelete checks `del td[key]`: a required or read-only key may
// not be deleted.
func (c *Checker) typedDictDelete(x *ast.Subscript, td *types.Instance, items []types.TypedDictItem) {
	t := c.exprQuiet(x.Slice)
	if _, literal := keyLiterals(x.Slice, t); !literal {
		if c.checked() && c.certain(x.Slice) {
			c.report(x.Slice.Pos(), diag.Error, diag.CodeLiteralRequired, diag.TypedDictKeyNotLiteral)
		}
		return
	}
	names, ok := c.typedDictKeyNames(td, items, x.Slice, t, false)
	if !ok {
		return
	}
	for _, n := range names {
		if it, _ := types.LookupItem(items, n); it.Required || it.ReadOnly {
			c.report(x.Slice.Pos(), diag.Error, diag.CodeMisc,
				fmt.Sprintf(diag.TypedDictKeyNotDeletable, n, types.Format(td, c.formatOptions())))
		}
	}
}

// typedDictMethod types a call of a TypedDict's get, pop or setdefault
// with a literal key, as mypy's plugin does: get gives the key's type
// (with the default's, or None, when the key may be missing), pop the
// key's type (a required key may not be popped), setdefault the key's
// type; and update's argument (see typedDictUpdate). ok is false for
// other calls, which take the fallback's signature.
func (c *Checker) typedDictMethod(x *ast.Call, td *types.Instance, items []types.TypedDictItem, method string) (types.Type, bool) {
	if len(x.Keywords) > 0 || len(x.Args) == 0 || len(x.Args) > 2 {
		return nil, false
	}
	if _, star := x.Args[0].(*ast.Starred); star {
		return nil, false
	}
	if method == "update" {
		return c.typedDictUpdate(x, td, items)
	}
	names, ok := keyLiterals(x.Args[0], c.exprQuiet(x.Args[0]))
	if !ok && method == "pop" && c.checked() && c.certain(x.Args[0]) {
		for _, a := range x.Args {
			c.expr(a)
		}
		c.report(x.Args[0].Pos(), diag.Error, diag.CodeLiteralRequired, diag.TypedDictKeyNotLiteral)
		return anyT(), true
	}
	if !ok {
		return nil, false
	}
	switch method {
	case "get":
		var out []types.Type
		var def types.Type = &types.NoneType{}
		if len(x.Args) == 2 {
			def = nil
		}
		for _, n := range names {
			it, ok := types.LookupItem(items, n)
			if !ok {
				return nil, false
			}
			if len(x.Args) == 2 && def == nil {
				def = widen(c.exprExpecting(x.Args[1], it.Type))
			}
			out = append(out, it.Type)
			if !it.Required {
				if d, empty := x.Args[len(x.Args)-1].(*ast.Dict); len(x.Args) == 2 && empty && len(d.Keys) == 0 {
					if inner, _, isTD := types.TypedDictOf(it.Type); isTD {
						out[len(out)-1] = inner // get(key, {}) of a TypedDict value
						continue
					}
				}
				out = append(out, def)
			}
		}
		c.expr(x.Args[0])
		if def != nil {
			// (the default at the end, for a nicer union)
			kept := slices.DeleteFunc(slices.Clone(out), func(t types.Type) bool { return t == def })
			if len(kept) < len(out) {
				out = append(kept, def)
			}
		}
		return types.SimplifiedUnion(out...), true
	case "pop", "setdefault":
		c.expr(x.Args[0])
		var out []types.Type
		for _, n := range names {
			it, ok := types.LookupItem(items, n)
			if !ok {
				c.keyNotFound(td, items, n, x.Args[0], false)
				for _, a := range x.Args[1:] {
					c.expr(a)
				}
				return anyT(), true
			}
			if method == "pop" && (it.Required || it.ReadOnly) {
				c.report(x.Args[0].Pos(), diag.Error, diag.CodeMisc,
					fmt.Sprintf(diag.TypedDictKeyNotDeletable, n, types.Format(td, c.formatOptions())))
			}
			if method == "setdefault" && it.ReadOnly {
				c.readOnlyMutated(x.Args[0], []string{n})
			}
			out = append(out, it.Type)
		}
		if len(x.Args) == 2 {
			want := types.SimplifiedUnion(out...)
			t := c.exprExpecting(x.Args[1], want)
			if method == "setdefault" && !c.fits(x.Args[1], t, want) {
				got, exp := types.FormatPair(widen(t), want, c.formatOptions())
				c.report(x.Args[1].Pos(), diag.Error, diag.CodeTypedDictItem,
					fmt.Sprintf(diag.IncompatibleSetdefault, got, exp))
				return anyT(), true
			}
			if method == "pop" {
				out = append(out, t)
			}
		}
		return types.SimplifiedUnion(out...), true
	}
	return nil, false
}

// typedDictUpdate checks `td.update(arg)` as mypy's plugin does: a
// display is checked against the TypedDict with every key optional (and
// may not assign a read-only key); another TypedDict (or each of a
// union's) must agree on the types of the keys they share, and with
// --extra-checks have every key (those it requires stay required).
func (c *Checker) typedDictUpdate(x *ast.Call, td *types.Instance, items []types.TypedDictItem) (types.Type, bool) {
	if len(x.Args) != 1 || len(td.Class.Bases) == 0 {
		return nil, false
	}
	fallback := td.Class.Bases[0].Class
	partial := make([]types.TypedDictItem, len(items))
	for i, it := range items {
		it.Required = false
		partial[i] = it
	}
	want := types.NewAnonymousTypedDict(partial, fallback)
	arg := x.Args[0]
	if d, ok := arg.(*ast.Dict); ok {
		entries := dictEntries(d)
		c.typedDictEntries(d, want, entries, nil, false)
		var readOnly []string
		for _, e := range entries {
			if k, ok := e.key.(*ast.Constant); ok && k.Value.Kind == ast.StrValue {
				if it, ok := types.LookupItem(items, k.Value.Str); ok && it.ReadOnly && !slices.Contains(readOnly, it.Name) {
					readOnly = append(readOnly, it.Name)
				}
			}
		}
		if len(readOnly) > 0 {
			c.readOnlyMutated(d, readOnly)
		}
		return &types.NoneType{}, true
	}
	t := c.exprExpecting(arg, want)
	var expected []types.Type
	for _, o := range unionItems(t) {
		_, otherItems, ok := types.TypedDictOf(o)
		if !ok {
			expected = []types.Type{want}
			break
		}
		var shared []types.TypedDictItem
		if c.settings.ExtraChecks {
			// All the keys: the argument may not leave one out.
			for _, mine := range items {
				other, ok := types.LookupItem(otherItems, mine.Name)
				mine.Required = ok && other.Required
				shared = append(shared, mine)
			}
		} else {
			for _, it := range otherItems {
				if mine, ok := types.LookupItem(items, it.Name); ok {
					mine.Required = it.Required
					shared = append(shared, mine)
				}
			}
		}
		expected = append(expected, types.NewAnonymousTypedDict(shared, fallback))
	}
	exp := types.SimplifiedUnion(expected...)
	if c.checked() && c.certain(arg) && judgeable(t, true) && !c.isSubtype(t, exp) {
		got, wanted := types.FormatPair(widen(t), exp, c.formatOptions())
		c.incompatible(arg.Pos(), diag.CodeTypedDictItem, // (a TypedDict method's argument)
			fmt.Sprintf(diag.IncompatibleTypedDictUpdate, got, wanted), t, exp)
	}
	return &types.NoneType{}, true
}

// typedDictMethods are the methods of TypedDicts whose calls
// typedDictMethod types.
var typedDictMethods = map[string]bool{"get": true, "pop": true, "setdefault": true, "update": true}

// meetTypedDict is the meet of two upper bounds of a type variable when
// one is a TypedDict, as mypy's: two TypedDicts of different classes meet
// key by key; a TypedDict and an instance it is not a subtype of meet in
// Never. ok is false when neither is a TypedDict.
func meetTypedDict(a, b types.Type) (types.Type, bool) {
	x, _, tdA := types.TypedDictOf(a)
	y, _, tdB := types.TypedDictOf(b)
	switch {
	case tdA && tdB:
		if x.Class == y.Class {
			return a, true
		}
		return types.MeetTypedDicts(x, y), true
	case tdA || tdB:
		td, other := a, b
		if tdB {
			td, other = b, a
		}
		if _, inst := other.(*types.Instance); inst && !types.IsSubtype(td, other) {
			return &types.Never{}, true
		}
		return td, true
	}
	return nil, false
}

// typedDictMethodCall types a call of get, pop, setdefault or update on
// a TypedDict, or on a union of them (each item's call, the results
// joined in a union), when typedDictMethod knows the call; ok is false
// otherwise.
func (c *Checker) typedDictMethodCall(x *ast.Call, a *ast.Attribute) (types.Type, bool) {
	receivers := unionItems(c.exprQuiet(a.Value))
	for _, r := range receivers {
		if _, _, ok := types.TypedDictOf(r); !ok {
			return nil, false
		}
	}
	handled := true
	c.quietly(func() {
		for _, r := range receivers {
			td, items, _ := types.TypedDictOf(r)
			_, ok := c.typedDictMethod(x, td, items, a.Attr)
			handled = handled && ok
		}
	})
	if !handled {
		return nil, false
	}
	c.expr(x.Func)
	var out []types.Type
	for _, r := range receivers {
		td, items, _ := types.TypedDictOf(r)
		t, _ := c.typedDictMethod(x, td, items, a.Attr)
		out = append(out, t)
	}
	return types.SimplifiedUnion(out...), true
}
