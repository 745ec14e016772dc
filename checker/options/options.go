// Package options holds mypy's command-line flags and config file keys,
// parsed as mypy parses them, into the Options that every later stage
// reads, and the table of how typd supports each (support.go). It does no
// I/O.
package options

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Options are the settings of one check, named after mypy's flags.
type Options struct {
	PythonVersion       [2]int // major, minor; zero means "not given"
	Platform            string
	PythonExecutable    string
	NoSitePackages      bool
	CustomTypeshedDir   string
	ConfigFile          string
	FollowImports       string // normal, silent, skip, error
	IgnoreMissingImport bool
	Modules             []string // -m
	Packages            []string // -p
	Program             string   // -c
	HasProgram          bool

	ShowColumnNumbers bool
	ShowErrorEnd      bool
	HideErrorCodes    bool
	NoErrorSummary    bool
	Pretty            bool
	ShowTraceback     bool

	// Bools holds the boolean strictness and behaviour flags by their mypy
	// name without dashes (for example "disallow_untyped_defs").
	Bools map[string]bool
	// EnableErrorCodes and DisableErrorCodes are the --enable-error-code and
	// --disable-error-code values in order.
	EnableErrorCodes  []string
	DisableErrorCodes []string
	// Values holds the other value flags by mypy name (for example
	// "cache_dir", "always_true").
	Values map[string][]string

	// Overrides are the config file's per-module sections, applied by For.
	Overrides []Override

	// RevealVerboseTypes makes reveal_type print mypy's test-suite form
	// (builtins.int). Hidden: mypy's test harness turns it on internally.
	RevealVerboseTypes bool
}

// UsageError is a bad command line; mypy exits 2 on it.
type UsageError struct{ Msg string }

// Error returns the message, as mypy prints it after "error: ".
func (e *UsageError) Error() string { return e.Msg }

// strictFlags are the flags --strict turns on, as in mypy.
var strictFlags = []string{
	"warn_unused_configs", "disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls",
	"disallow_untyped_defs", "disallow_incomplete_defs", "check_untyped_defs", "disallow_untyped_decorators",
	"warn_redundant_casts", "warn_unused_ignores", "warn_return_any", "no_implicit_reexport",
	"strict_equality", "extra_checks",
}

// boolFlag is what a boolean flag's spelling sets: an option to a value.
type boolFlag struct {
	name  string
	value bool
}

// boolFlags are mypy's boolean flags, keyed by their spelling on the
// command line; each has a --no- (or positive) inverse.
var boolFlags = map[string]boolFlag{}

// addBool registers --X and --no-X for option name.
func addBool(name string) {
	dashed := strings.ReplaceAll(name, "_", "-")
	boolFlags["--"+dashed] = boolFlag{name, true}
	boolFlags["--no-"+dashed] = boolFlag{name, false}
}

func init() {
	for _, n := range []string{
		"disallow_any_unimported", "disallow_any_expr", "disallow_any_decorated", "disallow_any_explicit",
		"disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls", "disallow_untyped_defs",
		"disallow_incomplete_defs", "check_untyped_defs", "disallow_untyped_decorators", "implicit_optional",
		"warn_redundant_casts", "warn_unused_ignores", "warn_return_any", "warn_unreachable",
		"allow_untyped_globals", "allow_redefinition", "allow_redefinition_new", "allow_redefinition_old",
		"local_partial_types", "strict_equality", "strict_equality_for_none", "strict_bytes", "extra_checks",
		"show_error_context", "show_error_code_links", "show_absolute_path", "warn_unused_configs",
		"namespace_packages", "explicit_package_bases", "fast_module_lookup", "scripts_are_modules",
		"cache_fine_grained", "skip_version_check", "skip_cache_mtime_checks", "sqlite_cache", "debug_cache",
		"export_types", "allow_empty_bodies", "check_unreachable", "report_deprecated_as_note",
		"no_implicit_reexport", "use_fine_grained_cache",
		"no_silence_site_packages", "disallow_redefinition_old", "debug_serialize", "native_parser",
		"strict_concatenate", "bazel", "verbose", "follow_imports_for_stubs", "ignore_errors",
		"follow_untyped_imports", "disable_bytearray_promotion", "disable_memoryview_promotion",
		// These are on by default; their --no- spelling is the useful one.
		"strict_optional", "warn_no_return", "implicit_reexport", "incremental", "color_output",
		"error_summary", "site_packages", "warn_incomplete_stub",
	} {
		addBool(n)
	}
	// The positive spellings of two inverted flags.
	boolFlags["-v"] = boolFlag{"verbose", true}
	boolFlags["--allow-any-generics"] = boolFlag{"disallow_any_generics", false}
	boolFlags["--allow-any-unimported"] = boolFlag{"disallow_any_unimported", false}
}

// valueFlags are mypy's flags that take a value.
var valueFlags = map[string]string{
	"--python-version": "python_version", "--platform": "platform", "--python-executable": "python_executable",
	"--custom-typeshed-dir": "custom_typeshed_dir", "--config-file": "config_file",
	"--follow-imports": "follow_imports", "--cache-dir": "cache_dir", "--always-true": "always_true",
	"--always-false": "always_false", "--enable-error-code": "enable_error_code",
	"--disable-error-code": "disable_error_code", "--enable-incomplete-feature": "enable_incomplete_feature",
	"--exclude": "exclude", "--shadow-file": "shadow_file", "--soft-error-limit": "soft_error_limit",
	"--untyped-calls-exclude": "untyped_calls_exclude", "--deprecated-calls-exclude": "deprecated_calls_exclude",
	"--junit-xml": "junit_xml", "--perf-stats-file": "perf_stats_file", "--package-root": "package_root",
	"--lineprecision-report": "lineprecision_report", "--xml-report": "xml_report",
	"--html-report": "html_report", "--txt-report": "txt_report", "--linecount-report": "linecount_report",
	"--linecoverage-report": "linecoverage_report", "--any-exprs-report": "any_exprs_report",
	"--cobertura-xml-report": "cobertura_xml_report", "--memory-xml-report": "memory_xml_report",
	"--junit-format": "junit_format", "--find-occurrences": "find_occurrences",
}

// New returns the default options.
func New() *Options {
	return &Options{FollowImports: "normal", Bools: map[string]bool{}, Values: map[string][]string{}}
}

// Parse reads mypy's command line. It returns the options and the files and
// directories to check.
func Parse(args []string) (*Options, []string, error) { return ParseInto(New(), args) }

// ConfigFileFlag returns the value of --config-file on a command line, or "".
func ConfigFileFlag(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--config-file="); ok {
			return v
		}
		if a == "--config-file" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// ParseInto reads mypy's command line over options already set (by a
// config file), so that flags win.
func ParseInto(o *Options, args []string) (*Options, []string, error) {
	var targets []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			targets = append(targets, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			targets = append(targets, a)
			continue
		}
		name, val, hasVal := strings.Cut(a, "=")
		// value returns the flag's argument from "--x=v" or the next word.
		value := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", &UsageError{fmt.Sprintf("argument %s: expected one argument", name)}
			}
			i++
			return args[i], nil
		}
		switch name {
		case "-m", "--module", "-p", "--package", "-c", "--command":
			v, err := value()
			if err != nil {
				return nil, nil, err
			}
			switch name {
			case "-m", "--module":
				o.Modules = append(o.Modules, v)
			case "-p", "--package":
				o.Packages = append(o.Packages, v)
			default:
				o.Program, o.HasProgram = v, true
			}
			continue
		case "--strict":
			for _, f := range strictFlags {
				o.Bools[f] = true
			}
			continue
		case "--show-column-numbers":
			o.ShowColumnNumbers = true
			continue
		case "--show-error-end":
			o.ShowErrorEnd = true
			continue
		case "--hide-error-codes":
			o.HideErrorCodes = true
			continue
		case "--show-error-codes":
			o.HideErrorCodes = false
			continue
		case "--no-error-summary":
			o.NoErrorSummary = true
			continue
		case "--pretty":
			o.Pretty = true
			continue
		case "--show-traceback", "--tb":
			o.ShowTraceback = true
			continue
		case "--no-site-packages":
			o.NoSitePackages = true
			continue
		case "--ignore-missing-imports":
			o.IgnoreMissingImport = true
			continue
		case "--reveal-verbose-types":
			o.RevealVerboseTypes = true
			continue
		case "--raise-exceptions", "--no-color-output":
			continue
		case "--pdb", "--dump-type-stats", "--dump-inference-stats", "--stats", "--inferstats", "--no-silence-site-packages":
			opt := strings.ReplaceAll(strings.TrimPrefix(name, "--"), "-", "_")
			return nil, nil, &UsageError{refusal(name, opt, true, "")}
		}
		if opt, ok := valueFlags[name]; ok {
			v, err := value()
			if err != nil {
				return nil, nil, err
			}
			if msg := refusal(name, opt, true, v); msg != "" {
				return nil, nil, &UsageError{msg}
			}
			if err := o.setValue(name, opt, v); err != nil {
				return nil, nil, err
			}
			continue
		}
		if b, ok := boolFlags[name]; ok && !hasVal {
			if msg := refusal(name, b.name, b.value, ""); msg != "" {
				return nil, nil, &UsageError{msg}
			}
			o.Bools[b.name] = b.value
			continue
		}
		return nil, nil, &UsageError{"unrecognized arguments: " + a}
	}
	// (A config file's codes were judged when it was read; a plugin may
	// define codes, so with plugins any is taken.)
	if bad := invalidCodes(slices.Concat(o.EnableErrorCodes, o.DisableErrorCodes)); bad != "" && len(o.Values["plugins"]) == 0 {
		return nil, nil, &UsageError{"Invalid error code(s): " + bad}
	}
	return o, targets, nil
}

func (o *Options) setValue(flag, opt, v string) error {
	switch opt {
	case "python_version":
		major, minor, ok := strings.Cut(v, ".")
		ma, err1 := strconv.Atoi(major)
		mi, err2 := strconv.Atoi(minor)
		if !ok || err1 != nil || err2 != nil || ma != 3 {
			return &UsageError{fmt.Sprintf("argument --python-version: invalid parse_version value: '%s'", v)}
		}
		o.PythonVersion = [2]int{ma, mi}
	case "platform":
		o.Platform = v
	case "python_executable":
		o.PythonExecutable = v
	case "custom_typeshed_dir":
		o.CustomTypeshedDir = v
	case "config_file":
		o.ConfigFile = v
	case "follow_imports":
		switch v {
		case "normal", "silent", "skip", "error":
		default:
			return &UsageError{fmt.Sprintf("argument --follow-imports: invalid choice: '%s' (choose from 'normal', 'silent', 'skip', 'error')", v)}
		}
		o.FollowImports = v
	case "soft_error_limit":
		if _, err := strconv.Atoi(v); err != nil {
			return &UsageError{fmt.Sprintf("argument --soft-error-limit: invalid int value: '%s'", v)}
		}
		o.Values[opt] = []string{v}
	case "enable_error_code":
		o.EnableErrorCodes = append(o.EnableErrorCodes, v)
	case "disable_error_code":
		o.DisableErrorCodes = append(o.DisableErrorCodes, v)
	default:
		o.Values[opt] = append(o.Values[opt], v)
	}
	return nil
}

// CodeEnabled reports whether diagnostics with an error code (or the code
// it is a sub-code of) are reported: --disable-error-code silences them,
// --enable-error-code brings them back and turns on the codes mypy leaves
// off by default.
func (o *Options) CodeEnabled(code, parent string) bool {
	enabled := !disabledByDefault[code]
	for _, c := range o.DisableErrorCodes {
		if c == code || (parent != "" && c == parent) {
			enabled = false
		}
	}
	for _, c := range o.EnableErrorCodes {
		if c == code {
			enabled = true
		}
	}
	return enabled
}

// knownCodes are mypy's error codes (mypy/errorcodes.py): a code
// --enable-error-code or --disable-error-code names must be one.
var knownCodes = wordSet(`abstract annotation-unchecked arg-type assert-type assignment
		attr-defined await-not-async call-arg call-overload comparison-overlap deprecated dict-item
		empty-body exhaustive-match exit-return explicit-any explicit-override func-returns-value
		has-type ignore-without-code import import-not-found import-untyped index list-item
		literal-required maybe-unrecognized-str-typeform metaclass method-assign misc
		mutable-override name-defined name-match narrowed-type-not-subtype no-any-return
		no-any-unimported no-overload-impl no-redef no-untyped-call no-untyped-def nonetype-type
		operator overload-cannot-match overload-overlap override possibly-undefined prop-decorator
		redundant-cast redundant-expr redundant-self return return-value safe-super str-bytes-safe
		str-format str-unpack syntax top-level-await truthy-bool truthy-function truthy-iterable
		type-abstract type-arg type-var typeddict-item typeddict-readonly-mutated
		typeddict-unknown-key unimported-reveal union-attr unreachable untyped-decorator
		unused-awaitable unused-coroutine unused-ignore used-before-def valid-newtype valid-type
		var-annotated`)

// wordSet is the set of the words of a text.
func wordSet(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(text) {
		out[w] = true
	}
	return out
}

// invalidCodes lists, sorted and joined as mypy's message does, the codes
// that are not mypy's error codes ("" when all are).
func invalidCodes(codes []string) string {
	var bad []string
	for _, c := range codes {
		if !knownCodes[c] && !slices.Contains(bad, c) {
			bad = append(bad, c)
		}
	}
	slices.Sort(bad)
	return strings.Join(bad, ", ")
}

// disabledByDefault are the error codes mypy reports only when
// --enable-error-code names them.
var disabledByDefault = map[string]bool{
	"ignore-without-code": true, "redundant-self": true, "possibly-undefined": true, "redundant-expr": true,
	"truthy-bool": true, "truthy-iterable": true, "unused-awaitable": true, "explicit-override": true,
	"unimported-reveal": true, "mutable-override": true, "narrowed-type-not-subtype": true,
	"exhaustive-match": true, "deprecated": true,
}

// uncheckedCodes are the optional error codes typd does not check yet:
// enabling one gets a warning (see UncheckedCodes), not silence.
var uncheckedCodes = map[string]bool{
	"redundant-self": true, "redundant-expr": true, "truthy-bool": true, "truthy-iterable": true,
	"unimported-reveal": true, "mutable-override": true,
	"narrowed-type-not-subtype": true,
}

// UncheckedCodes returns a warning for each optional error code the
// command line or the configuration (its per-module sections included)
// enables and typd does not check yet: such a code reports nothing.
func (o *Options) UncheckedCodes() []string {
	var codes []string
	add := func(list []string) {
		for _, c := range list {
			if uncheckedCodes[c] && !slices.Contains(codes, c) {
				codes = append(codes, c)
			}
		}
	}
	add(o.EnableErrorCodes)
	for _, ov := range o.Overrides {
		for _, st := range ov.Settings {
			if strings.ReplaceAll(st.Key, "-", "_") == "enable_error_code" {
				add(valueList(st.Value))
			}
		}
	}
	var out []string
	for _, c := range codes {
		out = append(out, fmt.Sprintf("error code %q: typd does not check this code yet; enabling it reports nothing", c))
	}
	return out
}

// onByDefault are the boolean options mypy turns on unless told otherwise
// (local_partial_types and strict_bytes since mypy 2.0).
var onByDefault = map[string]bool{
	"strict_optional": true, "warn_no_return": true, "local_partial_types": true, "strict_bytes": true, "incremental": true,
}

// completeFeatures are the features mypy once called incomplete and now
// enables by default; incompleteFeatures are those it still does not,
// with what typd lacks for each.
var (
	completeFeatures   = map[string]bool{"TypeVarTuple": true, "Unpack": true, "NewGenericSyntax": true, "TypeForm": true}
	incompleteFeatures = map[string]string{
		"PreciseTupleTypes": "len() does not narrow tuples to precise types",
		"InlineTypedDict":   "inline TypedDict types are not read",
	}
)

// IncompleteFeatures checks --enable-incomplete-feature (and the config
// key) as mypy does: an unknown feature is a usage error, one enabled by
// default gets mypy's warning (returned, for standard output). A feature
// mypy still calls incomplete is refused: typd does not build it yet.
func (o *Options) IncompleteFeatures() (warnings []string, err error) {
	for _, f := range o.Values["enable_incomplete_feature"] {
		switch {
		case completeFeatures[f]:
			warnings = append(warnings, fmt.Sprintf("Warning: %s is already enabled by default", f))
		case incompleteFeatures[f] != "":
			return nil, &UsageError{fmt.Sprintf("--enable-incomplete-feature=%s: typd does not support this yet (%s)",
				f, incompleteFeatures[f])}
		default:
			return nil, &UsageError{"Unknown incomplete feature: " + f}
		}
	}
	return warnings, nil
}

// SoftErrorLimit is --soft-error-limit: how many diagnostics are kept once
// an import could not be resolved, or -1 (mypy's default) for no limit.
func (o *Options) SoftErrorLimit() int {
	vs := o.Values["soft_error_limit"]
	if len(vs) == 0 {
		return -1
	}
	n, err := strconv.Atoi(vs[len(vs)-1])
	if err != nil {
		return -1
	}
	return n
}

// Bool reports whether the boolean option name (mypy's spelling with
// underscores, for example "check_untyped_defs") is on, by its setting or
// else by mypy's default.
func (o *Options) Bool(name string) bool {
	if v, set := o.Bools[name]; set {
		return v
	}
	return onByDefault[name]
}
