package options

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// ConfigFiles are the files mypy reads its configuration from, in the order
// it looks for them in the working folder.
var ConfigFiles = []string{"mypy.ini", ".mypy.ini", "pyproject.toml", "setup.cfg"}

// Override is a per-module section: `[mypy-pkg.*]` in an INI file, or a
// `[[tool.mypy.overrides]]` table in pyproject.toml.
type Override struct {
	Patterns []string
	Settings []Setting
	// Section is how mypy names the section in a warning about one of
	// its keys: `mypy-pkg.*`, or `module = "pkg.*"` in pyproject.toml.
	Section string
	// Inline marks the settings of a module's own `# mypy:` comments
	// (not a section of the config file).
	Inline bool
}

// Setting is one key of a configuration section with its value: a string,
// a bool, or a list of strings.
type Setting struct {
	Key   string
	Value any
}

// HasMypySection reports whether a config file's text configures mypy (a
// pyproject.toml or setup.cfg need not).
func HasMypySection(name, text string) bool {
	if strings.HasSuffix(name, ".toml") {
		return strings.Contains(text, "[tool.mypy")
	}
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if l == "[mypy]" || strings.HasPrefix(l, "[mypy-") {
			return true
		}
	}
	return false
}

// LoadConfig applies a configuration file's global section to o and records
// its per-module sections. It returns warnings for unknown keys, as mypy
// prints them; a malformed file is an error.
func (o *Options) LoadConfig(name, text string) ([]string, error) {
	var global []Setting
	var overrides []Override
	var err error
	o.ConfigFile = name
	if strings.HasSuffix(name, ".toml") {
		global, overrides, err = parseTOML(text)
	} else {
		global, overrides, err = parseINI(path.Base(name), text)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	var warnings []string
	warn := func(section string, s Setting, err error) {
		var nb notBoolean
		if errors.As(err, &nb) {
			err = fmt.Errorf("%s: %w", s.Key, err)
		}
		warnings = append(warnings, fmt.Sprintf("%s: [%s]: %v", name, section, err))
	}
	// (plugins first: they decide which error codes other keys may name.)
	plugins := func(s Setting) bool { return s.Key == "plugins" }
	global = append(slices.DeleteFunc(slices.Clone(global), func(s Setting) bool { return !plugins(s) }),
		slices.DeleteFunc(global, plugins)...)
	for _, s := range global {
		if err := o.apply(s); err != nil {
			warn("mypy", s, err)
		}
	}
	// A per-module section's keys are applied when a module's options
	// are asked for (For); what mypy would say of them is said now, on a
	// scratch set of options, and a key it refuses is left out.
	for i := range overrides {
		ov := &overrides[i]
		var globalOnly []string // (keys a module's section may not set)
		ov.Settings = slices.DeleteFunc(ov.Settings, func(s Setting) bool {
			probe := New()
			probe.Values["plugins"] = o.Values["plugins"]
			err := probe.apply(s)
			if err != nil {
				warn(ov.Section, s, err)
				return true
			}
			if key := globalOnlyKey(s.Key); key != "" {
				globalOnly = append(globalOnly, key)
				return true
			}
			return false
		})
		if len(globalOnly) > 0 {
			slices.Sort(globalOnly)
			warnings = append(warnings, fmt.Sprintf("%s: [%s]: Per-module sections should only specify per-module flags (%s)",
				name, ov.Section, strings.Join(slices.Compact(globalOnly), ", ")))
		}
	}
	o.Overrides = append(o.Overrides, overrides...)
	return warnings, nil
}

// For returns the options in force for a module: the global ones with the
// matching per-module sections applied, least specific first.
func (o *Options) For(module string) *Options {
	var match []Override
	for _, ov := range o.Overrides {
		for _, p := range ov.Patterns {
			if matchModule(p, module) {
				match = append(match, ov)
				break
			}
		}
	}
	if len(match) == 0 {
		return o
	}
	c := *o
	c.Bools = make(map[string]bool, len(o.Bools))
	for k, v := range o.Bools {
		c.Bools[k] = v
	}
	c.EnableErrorCodes = slices.Clone(o.EnableErrorCodes)
	c.DisableErrorCodes = slices.Clone(o.DisableErrorCodes)
	for _, ov := range match {
		var enable, disable []string
		for _, s := range ov.Settings {
			switch strings.ReplaceAll(s.Key, "-", "_") {
			case "enable_error_code":
				enable = append(enable, valueList(s.Value)...)
			case "disable_error_code":
				disable = append(disable, valueList(s.Value)...)
			default:
				c.apply(s) // (a key apply refuses was reported and left out when the file was read)
			}
		}
		// A section's codes override the earlier ones; inside a section,
		// enabling wins, as in mypy.
		c.EnableErrorCodes = append(slices.DeleteFunc(c.EnableErrorCodes, isIn(disable)), enable...)
		c.DisableErrorCodes = append(slices.DeleteFunc(c.DisableErrorCodes, isIn(enable)), disable...)
	}
	return &c
}

// isIn returns a test for membership in list.
func isIn(list []string) func(string) bool {
	return func(s string) bool { return slices.Contains(list, s) }
}

// matchModule implements mypy's section patterns: an exact name, `pkg.*`
// (pkg and everything under it), and `*` elsewhere in a dotted name, as
// mypy compiles them (compile_glob): a leading `*` matches any prefix, a
// later `.*` zero or more components (`a.*.b` matches a.b and a.x.y.b).
func matchModule(pattern, module string) bool {
	if pattern == module {
		return true
	}
	if !strings.Contains(pattern, "*") {
		return false
	}
	return globOf(pattern).MatchString(module)
}

// globs caches the compiled section patterns.
var globs sync.Map // pattern → *regexp.Regexp

func globOf(pattern string) *regexp.Regexp {
	if re, ok := globs.Load(pattern); ok {
		return re.(*regexp.Regexp)
	}
	parts := strings.Split(pattern, ".")
	expr := regexp.QuoteMeta(parts[0])
	if parts[0] == "*" {
		expr = ".*"
	}
	for _, part := range parts[1:] {
		if part == "*" {
			expr += `(\..*)?`
		} else {
			expr += regexp.QuoteMeta("." + part)
		}
	}
	re := regexp.MustCompile("^" + expr + "$")
	globs.Store(pattern, re)
	return re
}

// apply sets one configuration key. A key typd refuses is left unset,
// with an error for the warning.
func (o *Options) apply(s Setting) error {
	key := strings.ReplaceAll(s.Key, "-", "_")
	str := func() string { return valueString(s.Value) }
	if supportTable[key].Support == Refused {
		on := true // (a value key is on when set)
		if b, err := valueBool(s.Value); err == nil {
			on = b
		}
		if msg := refusal(key, key, on, str()); msg != "" {
			if key == "plugins" {
				// Not run, but kept: the daemon restarts when their files
				// change, as dmypy does.
				o.Values[key] = append(o.Values[key], valueList(s.Value)...)
			}
			return fmt.Errorf("%s; ignored", msg)
		}
	}
	switch key {
	case "python_version":
		v := str()
		if err := o.setValue("--python-version", "python_version", v); err != nil {
			return fmt.Errorf("python_version: invalid value %q", v)
		}
	case "platform", "python_executable", "custom_typeshed_dir", "follow_imports", "cache_dir":
		return o.setValue("--"+strings.ReplaceAll(key, "_", "-"), key, str())
	case "ignore_missing_imports":
		b, err := valueBool(s.Value)
		if err != nil {
			return err
		}
		o.IgnoreMissingImport = b
	case "show_column_numbers", "show_error_end", "pretty", "show_traceback":
		b, err := valueBool(s.Value)
		if err != nil {
			return err
		}
		switch key {
		case "show_column_numbers":
			o.ShowColumnNumbers = b
		case "show_error_end":
			o.ShowErrorEnd = b
		case "pretty":
			o.Pretty = b
		default:
			o.ShowTraceback = b
		}
	case "show_error_codes", "hide_error_codes":
		b, err := valueBool(s.Value)
		if err != nil {
			return err
		}
		o.HideErrorCodes = b == (key == "hide_error_codes")
	case "error_summary":
		b, err := valueBool(s.Value)
		if err != nil {
			return err
		}
		o.NoErrorSummary = !b
	case "no_site_packages":
		b, err := valueBool(s.Value)
		if err != nil {
			return err
		}
		o.NoSitePackages = b
	case "strict":
		if b, err := valueBool(s.Value); err != nil {
			return err
		} else if b {
			for _, f := range strictFlags {
				o.Bools[f] = true
			}
		}
	case "enable_error_code", "disable_error_code":
		codes := valueList(s.Value)
		if bad := invalidCodes(codes); bad != "" && len(o.Values["plugins"]) == 0 {
			// (A plugin may define codes: with plugins, any is taken.)
			return fmt.Errorf("%s: Invalid error code(s): %s", key, bad)
		}
		if key == "enable_error_code" {
			o.EnableErrorCodes = append(o.EnableErrorCodes, codes...)
		} else {
			o.DisableErrorCodes = append(o.DisableErrorCodes, codes...)
		}
	case "exclude":
		// One regular expression in an INI file (commas and newlines are
		// part of it); a string or a list of them in pyproject.toml.
		if list, ok := s.Value.([]string); ok {
			o.Values[key] = append(o.Values[key], list...)
		} else if re := valueString(s.Value); re != "" {
			o.Values[key] = append(o.Values[key], re)
		}
	case "always_true", "always_false", "mypy_path", "files", "plugins", "packages", "modules",
		"untyped_calls_exclude", "deprecated_calls_exclude", "enable_incomplete_feature":
		o.Values[key] = append(o.Values[key], valueList(s.Value)...)
	default:
		if f, ok := boolFlags["--"+strings.ReplaceAll(key, "_", "-")]; ok {
			b, err := valueBool(s.Value)
			if err != nil {
				return err
			}
			// An inverted key (no_implicit_optional = True) sets the
			// option it inverts, as mypy's config reader does.
			o.Bools[f.name] = b == f.value
			return nil
		}
		return fmt.Errorf("Unrecognized option: %s = %s", s.Key, str())
	}
	return nil
}

func valueString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []string:
		return strings.Join(x, ",")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// perModuleOptions are the options a per-module section may set (mypy's
// PER_MODULE_OPTIONS).
var perModuleOptions = wordSet(`allow_redefinition_old allow_redefinition allow_untyped_globals
		always_false always_true check_unreachable check_untyped_defs debug_cache disable_error_code
		disallow_any_decorated disallow_any_explicit disallow_any_expr disallow_any_generics
		disallow_any_unimported disallow_incomplete_defs disallow_subclassing_any
		disallow_untyped_calls disallow_untyped_decorators disallow_untyped_defs enable_error_code
		extra_checks follow_imports_for_stubs follow_imports follow_untyped_imports ignore_errors
		ignore_missing_imports implicit_optional implicit_reexport local_partial_types mypyc
		strict_concatenate strict_equality strict_equality_for_none strict_optional warn_no_return
		warn_return_any warn_unreachable warn_unused_ignores`)

// globalOnlyKey is a config key (as mypy spells the option) when only the
// global section may set it, "" when a per-module section may: mypy warns
// of such a key in a per-module section, and leaves it out. A key that
// inverts an option (no_implicit_reexport) sets that option; `strict` is
// mypy's own case, left to apply.
func globalOnlyKey(key string) string {
	key = strings.ReplaceAll(key, "-", "_")
	if perModuleOptions[key] || key == "strict" {
		return ""
	}
	if inv, ok := strings.CutPrefix(key, "no_"); ok && perModuleOptions[inv] {
		return ""
	}
	return key
}

// notBoolean is a config value that should be a boolean and is not;
// mypy's message names the key before it.
type notBoolean struct{ value any }

func (e notBoolean) Error() string { return fmt.Sprintf("Not a boolean: %v", e.value) }

func valueBool(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "1", "yes", "true", "on":
			return true, nil
		case "0", "no", "false", "off":
			return false, nil
		}
	}
	return false, notBoolean{v}
}

// valueList reads a list: a TOML array, or an INI value separated by commas.
func valueList(v any) []string {
	var items []string
	switch x := v.(type) {
	case []string:
		items = x
	default:
		items = strings.FieldsFunc(valueString(v), func(r rune) bool { return r == ',' || r == '\n' })
	}
	var out []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// parseINI reads the [mypy] and [mypy-PATTERN] sections of an INI file.
func parseINI(base, text string) ([]Setting, []Override, error) {
	var global []Setting
	var overrides []Override
	var cur *[]Setting
	var last *Setting
	for n, raw := range strings.Split(text, "\n") {
		line := strings.TrimRight(raw, " \t\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';':
			continue
		case trimmed[0] == '[':
			if !strings.HasSuffix(trimmed, "]") {
				return nil, nil, fmt.Errorf("line %d: malformed section header %q", n+1, trimmed)
			}
			name := trimmed[1 : len(trimmed)-1]
			last = nil
			switch {
			case name == "mypy":
				cur = &global
			case strings.HasPrefix(name, "mypy-"):
				var pats []string
				for _, p := range strings.Split(name[len("mypy-"):], ",") {
					pats = append(pats, strings.TrimSpace(p))
				}
				overrides = append(overrides, Override{Patterns: pats, Section: name})
				cur = &overrides[len(overrides)-1].Settings
			default:
				cur = nil
			}
		case line[0] == ' ' || line[0] == '\t':
			// A continuation line of a multi-line value.
			if last != nil {
				last.Value = last.Value.(string) + "\n" + trimmed
			}
		default:
			if cur == nil {
				continue
			}
			k, v, ok := strings.Cut(trimmed, "=")
			if !ok {
				k, v, ok = strings.Cut(trimmed, ":")
			}
			if !ok {
				return nil, nil, fmt.Errorf("line %d: expected KEY = VALUE, got %q", n+1, trimmed)
			}
			*cur = append(*cur, Setting{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
			last = &(*cur)[len(*cur)-1]
		}
	}
	return global, overrides, nil
}

// parseTOML reads [tool.mypy] and its [[tool.mypy.overrides]] of a
// pyproject.toml.
func parseTOML(text string) ([]Setting, []Override, error) {
	var doc struct {
		Tool struct {
			Mypy map[string]any `toml:"mypy"`
		} `toml:"tool"`
	}
	if _, err := toml.Decode(text, &doc); err != nil {
		return nil, nil, err
	}
	var global []Setting
	var overrides []Override
	for _, k := range sortedKeys(doc.Tool.Mypy) {
		v := doc.Tool.Mypy[k]
		if k == "overrides" {
			tables, ok := v.([]map[string]any)
			if !ok {
				return nil, nil, fmt.Errorf("tool.mypy.overrides must be an array of tables")
			}
			for _, t := range tables {
				ov := Override{Patterns: valueList(tomlValue(t["module"]))}
				ov.Section = `module = "` + strings.Join(ov.Patterns, ",") + `"`
				if len(ov.Patterns) == 0 {
					return nil, nil, fmt.Errorf("a [[tool.mypy.overrides]] table needs a \"module\" key")
				}
				for _, tk := range sortedKeys(t) {
					if tk != "module" {
						ov.Settings = append(ov.Settings, Setting{Key: tk, Value: tomlValue(t[tk])})
					}
				}
				overrides = append(overrides, ov)
			}
			continue
		}
		global = append(global, Setting{Key: k, Value: tomlValue(v)})
	}
	return global, overrides, nil
}

// tomlValue turns TOML arrays into []string.
func tomlValue(v any) any {
	if arr, ok := v.([]any); ok {
		out := make([]string, len(arr))
		for i, x := range arr {
			out[i] = fmt.Sprint(x)
		}
		return out
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// InlineError is a bad `# mypy:` comment.
type InlineError struct {
	Line int
	Msg  string
}

// InlineOverride reads a module's `# mypy: key=value, flag` comments into a
// per-module section for that module, as mypy applies them. Unknown keys
// are returned as errors (mypy reports them at their line).
func InlineOverride(module, text string) (*Override, []InlineError) {
	var ov *Override
	var errs []InlineError
	for n, line := range strings.Split(text, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "# mypy:")
		if !ok {
			continue
		}
		for _, entry := range splitOutsideQuotes(rest) {
			entry = strings.TrimSpace(entry)
			if entry == "" {
				continue
			}
			key, value, hasValue := strings.Cut(entry, "=")
			key = strings.ReplaceAll(strings.TrimSpace(key), "-", "_")
			var v any = strings.Trim(strings.TrimSpace(value), `"'`)
			if !hasValue {
				v = "True"
				if inv, ok := strings.CutPrefix(key, "no_"); ok {
					if _, known := boolFlags["--"+strings.ReplaceAll(inv, "_", "-")]; known {
						key, v = inv, "False"
					}
				}
			}
			probe := New()
			if err := probe.apply(Setting{Key: key, Value: v}); err != nil {
				errs = append(errs, InlineError{Line: n + 1, Msg: err.Error()})
				continue
			}
			if ov == nil {
				ov = &Override{Patterns: []string{module}, Inline: true}
			}
			ov.Settings = append(ov.Settings, Setting{Key: key, Value: v})
		}
	}
	return ov, errs
}

// splitOutsideQuotes splits s at the commas that are not inside quotes.
func splitOutsideQuotes(s string) []string {
	var out []string
	var quote rune
	start := 0
	for i, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case quote == 0 && r == ',':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// UnusedSections lists, under warn_unused_configs, the config file's
// per-module patterns that no module of a check matched (used are the
// modules analysed and those imported but not found), in mypy's words:
// "[mypy-bar], [mypy-baz.*]" for an INI file, "module = ['bar', 'baz.*']"
// for pyproject.toml; "" when every section was used. As in mypy, a
// pattern with a star inside (a.*.b) also counts as used when it matches
// a section's own plain module name.
func (o *Options) UnusedSections(used []string) string {
	if !o.Bool("warn_unused_configs") || o.ConfigFile == "" {
		return ""
	}
	var plain []string
	for _, ov := range o.Overrides {
		for _, p := range ov.Patterns {
			if !ov.Inline && !strings.Contains(p, "*") {
				plain = append(plain, p)
			}
		}
	}
	var unused []string
	for _, ov := range o.Overrides {
		if ov.Inline {
			continue
		}
		for _, p := range ov.Patterns {
			matched := func(module string) bool { return matchModule(p, module) }
			inner := strings.Contains(strings.TrimSuffix(p, ".*"), "*")
			if slices.ContainsFunc(used, matched) || inner && slices.ContainsFunc(plain, matched) {
				continue
			}
			unused = append(unused, p)
		}
	}
	if len(unused) == 0 {
		return ""
	}
	if strings.HasSuffix(o.ConfigFile, ".toml") {
		slices.Sort(unused)
		return "module = ['" + strings.Join(unused, "', '") + "']"
	}
	sections := make([]string, len(unused))
	for i, p := range unused {
		sections[i] = "[mypy-" + p + "]"
	}
	return strings.Join(sections, ", ")
}
