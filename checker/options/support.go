package options

import (
	"fmt"
	"sort"
)

// Support says how typd treats one of mypy's options.
type Support int

// The ways typd treats an option.
const (
	// Honoured: the option does what mypy's does.
	Honoured Support = iota
	// Refused: a command line giving it is an error, and a config file
	// setting it gets a warning, each saying typd does not support it yet.
	Refused
)

// OptionSupport is the entry of one option in the support table.
type OptionSupport struct {
	Support Support
	// Note says what is missing, for Refused.
	Note string
}

// supportTable covers every option typd accepts from a command line or a
// config file, by mypy's name for it (the config key). An option that is
// not here is unknown to typd: the command line rejects it as mypy rejects
// unknown flags.
var supportTable = map[string]OptionSupport{}

func init() {
	honoured := []string{
		"command", "module", "package", "modules", "packages", "tb",
		"python_version", "platform", "python_executable", "site_packages", "no_site_packages",
		"custom_typeshed_dir", "config_file", "follow_imports", "ignore_missing_imports", "mypy_path",
		"files", "exclude", "always_true", "always_false", "namespace_packages", "disallow_untyped_defs",
		"disallow_incomplete_defs", "check_untyped_defs", "implicit_optional", "strict_optional",
		"warn_no_return", "warn_unreachable", "warn_unused_ignores", "allow_untyped_globals",
		"allow_redefinition", "allow_redefinition_new", "allow_redefinition_old", "disallow_redefinition_old",
		"local_partial_types", "implicit_reexport", "no_implicit_reexport", "ignore_errors", "allow_empty_bodies",
		"enable_error_code", "disable_error_code", "show_column_numbers", "show_error_end", "hide_error_codes",
		"error_summary", "pretty", "show_traceback", "export_types", "disallow_untyped_calls", "warn_redundant_casts", "disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_decorators", "disallow_any_explicit",
		"disallow_any_unimported", "disallow_any_decorated", "disallow_any_expr", "soft_error_limit",
		"report_deprecated_as_note", "deprecated_calls_exclude",
		// Its values are checked one by one (Options.IncompleteFeatures).
		"enable_incomplete_feature",
		"strict_equality", "strict_equality_for_none", "warn_return_any", "warn_unused_configs", "scripts_are_modules", "follow_imports_for_stubs",
		// Speed and bookkeeping only: typd's results are the same.
		"fast_module_lookup", "skip_version_check", "raise_exceptions",
		// mypy's self-test of its cache serializer: typd has none, and
		// mypy's output is the same with it.
		"debug_serialize",
		// strict_bytes sets both, whatever they say, as in mypy 2.
		"strict_bytes", "disable_bytearray_promotion", "disable_memoryview_promotion",
		// typd never colours its output.
		"color_output",
		// The cache (of parses, for now: see package checker/cache) and
		// its folder; a check's output is the same with it or without.
		"incremental", "cache_dir",
		// typd's cache always holds what a daemon started from it reads
		// (cache_fine_grained asks for that); use_fine_grained_cache
		// starts the daemon from it (mypy's check ignores it, and so does
		// typd's).
		"cache_fine_grained", "use_fine_grained_cache",
		// A replay trusts the files' stamps unless this is set (see
		// checker's replay.go).
		"skip_cache_mtime_checks",
		// The cache's entries in one SQLite database (checker/cache).
		"sqlite_cache",
		// -v: typd's own log on stderr, of what the cache gave (mypy's
		// is of its own steps).
		"verbose",
	}
	// extra_checks' TypedDict checks are made; its other rule (Concatenate
	// arguments positional-only) has nothing to act on: typd reads
	// Concatenate[...] as `...`. strict turns on flags all honoured.
	honoured = append(honoured, "extra_checks", "strict")
	for _, n := range honoured {
		supportTable[n] = OptionSupport{Support: Honoured}
	}
	refused := map[string]string{
		// Turning these off (--no-debug-cache...) is what typd does, and
		// is accepted.
		"debug_cache":              "typd's cache is binary",
		"strict_concatenate":       "Concatenate is not checked strictly",
		"untyped_calls_exclude":    "calls of untyped functions are not reported",
		"show_error_context":       "error context lines are not written",
		"show_absolute_path":       "paths are written as given",
		"show_error_code_links":    "error code links are not written",
		"warn_incomplete_stub":     "incomplete stubs are not reported",
		"follow_untyped_imports":   "untyped packages are not followed",
		"explicit_package_bases":   "module names are not derived from MYPYPATH bases",
		"no_silence_site_packages": "errors in site-packages stay silenced",
		"check_unreachable":        "the option is not known",
		"shadow_file":              "shadow files are not read",
		"perf_stats_file":          "performance statistics are not written",
		"package_root":             "package roots are not read",
		"bazel":                    "Bazel builds are not supported",
		"native_parser":            "typd has one parser",
		"junit_xml":                "reports are not written", "junit_format": "reports are not written",
		"find_occurrences": "occurrences are not searched",
		"plugins":          "typd does not run mypy plugins",
		"any_exprs_report": "reports are not written", "cobertura_xml_report": "reports are not written",
		"html_report": "reports are not written", "linecount_report": "reports are not written",
		"linecoverage_report": "reports are not written", "lineprecision_report": "reports are not written",
		"xml_report": "reports are not written", "memory_xml_report": "reports are not written", "txt_report": "reports are not written",
		"pdb": "typd is not a Python program", "stats": "statistics are not written",
		"inferstats": "statistics are not written", "dump_type_stats": "statistics are not written",
		"dump_inference_stats": "statistics are not written",
	}
	for n, note := range refused {
		supportTable[n] = OptionSupport{Support: Refused, Note: note}
	}
}

// SupportOf returns how typd treats an option, by its mypy name, and
// whether typd knows it at all.
func SupportOf(name string) (OptionSupport, bool) {
	s, ok := supportTable[name]
	return s, ok
}

// SupportedNames lists the options of the support table, sorted.
func SupportedNames() []string {
	names := make([]string, 0, len(supportTable))
	for n := range supportTable {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// refusal is the message for setting an option typd refuses to the given
// value, or "" when the setting is honoured: turning off what typd does
// not do (--no-debug-cache, debug_cache = False) is.
func refusal(flag, name string, on bool, value string) string {
	s := supportTable[name]
	if s.Support != Refused || !on {
		return ""
	}
	return fmt.Sprintf("%s: typd does not support this yet (%s)", flag, s.Note)
}
