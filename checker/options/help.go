package options

import (
	"fmt"
	"strings"
)

// helpEntry is one line of `typd check --help`: a flag as it is spelled,
// the name of its argument ("" for none), and what it does.
type helpEntry struct {
	flag, arg, text string
}

// helpGroups lists every flag typd check accepts, grouped as --help prints
// them. TestHelpListsEveryFlag holds it to the parser's tables.
var helpGroups = []struct {
	title   string
	entries []helpEntry
}{
	{"What to check", []helpEntry{
		{"-m, --module", "MODULE", "check a module (repeatable)"},
		{"-p, --package", "PACKAGE", "check a package and its submodules (repeatable)"},
		{"-c, --command", "PROGRAM_TEXT", "check the program given as text"},
		{"--exclude", "PATTERN", "leave out the files and folders whose path matches (a regular expression, repeatable)"},
		{"--explicit-package-bases", "", "name modules from the search path's roots only"},
		{"--no-namespace-packages", "", "folders without __init__.py are not packages"},
		{"--package-root", "ROOT", "a folder to treat as a package root"},
		{"--scripts-are-modules", "", "name script files by their file name, as modules"},
	}},
	{"Configuration", []helpEntry{
		{"--config-file", "FILE", "read this configuration file (default: mypy.ini, .mypy.ini, pyproject.toml, setup.cfg)"},
		{"--warn-unused-configs", "", "warn about config sections that match no module"},
	}},
	{"Import discovery", []helpEntry{
		{"--ignore-missing-imports", "", "say nothing about imports that cannot be resolved"},
		{"--follow-imports", "{normal,silent,skip,error}", "how to treat imported modules that were not given as targets"},
		{"--follow-imports-for-stubs", "", "apply --follow-imports to stub files too"},
		{"--follow-untyped-imports", "", "check imported packages that have no types"},
		{"--python-executable", "PYTHON", "the Python whose version and site-packages to use"},
		{"--no-site-packages", "", "do not look for installed packages"},
		{"--no-silence-site-packages", "", "report the errors of installed packages too"},
		{"--fast-module-lookup", "", "accepted: typd's module lookup is always fast"},
	}},
	{"Platform", []helpEntry{
		{"--python-version", "X.Y", "check for this Python version"},
		{"--platform", "PLATFORM", "check for this platform (sys.platform)"},
		{"--always-true", "NAME", "treat this name as always true (repeatable)"},
		{"--always-false", "NAME", "treat this name as always false (repeatable)"},
	}},
	{"Disallow dynamic typing", []helpEntry{
		{"--disallow-any-unimported", "", "report types that become Any because an import is missing"},
		{"--disallow-any-expr", "", "report expressions of type Any"},
		{"--disallow-any-decorated", "", "report functions whose type becomes Any through a decorator"},
		{"--disallow-any-explicit", "", "report Any written in annotations"},
		{"--disallow-any-generics", "", "report generic types written without type arguments"},
		{"--disallow-subclassing-any", "", "report classes that subclass a value of type Any"},
	}},
	{"Untyped definitions and calls", []helpEntry{
		{"--disallow-untyped-calls", "", "report calls of functions without annotations from annotated ones"},
		{"--untyped-calls-exclude", "MODULE", "modules whose untyped functions may be called"},
		{"--disallow-untyped-defs", "", "report functions without annotations"},
		{"--disallow-incomplete-defs", "", "report functions annotated only in part"},
		{"--check-untyped-defs", "", "check the bodies of functions without annotations"},
		{"--disallow-untyped-decorators", "", "report decorators without annotations on annotated functions"},
	}},
	{"None and Optional", []helpEntry{
		{"--implicit-optional", "", "a parameter defaulting to None is Optional"},
		{"--no-strict-optional", "", "treat None as a value of every type"},
	}},
	{"Warnings", []helpEntry{
		{"--warn-redundant-casts", "", "report casts to the type the value already has"},
		{"--warn-unused-ignores", "", "report # type: ignore comments that silence nothing"},
		{"--no-warn-no-return", "", "do not report functions that may end without returning a value"},
		{"--warn-return-any", "", "report returning a value of type Any from a typed function"},
		{"--warn-unreachable", "", "report code the checker finds unreachable"},
		{"--report-deprecated-as-note", "", "report uses of deprecated names as notes"},
		{"--deprecated-calls-exclude", "MODULE", "modules whose deprecated functions may be called"},
		{"--no-warn-incomplete-stub", "", "accepted, as mypy's own test suite passes it"},
	}},
	{"Other strictness", []helpEntry{
		{"--allow-untyped-globals", "", "module-level variables may be left without a type"},
		{"--allow-redefinition", "", "a variable may be redefined with another type in the same block"},
		{"--allow-redefinition-new", "", "mypy's newer, more general redefinition rules"},
		{"--allow-redefinition-old", "", "mypy's older redefinition rules"},
		{"--disallow-redefinition-old", "", "turns --allow-redefinition-old off"},
		{"--local-partial-types", "", "an empty collection's type is inferred within its own scope"},
		{"--no-implicit-reexport", "", "a stub or module re-exports only what it names in __all__ or as X as X"},
		{"--strict-equality", "", "report comparisons of values that can never be equal"},
		{"--strict-equality-for-none", "", "report comparisons with None that can never be true"},
		{"--strict-bytes", "", "bytearray and memoryview are not bytes"},
		{"--extra-checks", "", "checks that mypy leaves out of its defaults"},
		{"--strict", "", "turn on the strict flags (mypy's list)"},
		{"--disable-error-code", "CODE", "do not report errors of this code (repeatable)"},
		{"--enable-error-code", "CODE", "report errors of this code, which is off by default (repeatable)"},
		{"--allow-empty-bodies", "", "a function body that is only ... or pass needs no return"},
		{"--ignore-errors", "", "report no error (mostly a per-module config key)"},
		{"--check-unreachable", "", "accepted, as mypy's test suite passes it"},
		{"--disable-bytearray-promotion", "", "bytearray is not a subtype of bytes"},
		{"--disable-memoryview-promotion", "", "memoryview is not a subtype of bytes"},
		{"--strict-concatenate", "", "accepted: Concatenate is checked strictly"},
		{"--enable-incomplete-feature", "FEATURE", "enable a feature mypy calls incomplete"},
	}},
	{"Output", []helpEntry{
		{"--show-error-context", "", "say in which function or class each error is"},
		{"--show-column-numbers", "", "print the column of each error"},
		{"--show-error-end", "", "print where each error ends too"},
		{"--hide-error-codes", "", "leave out the [code] of each error"},
		{"--show-error-codes", "", "print the [code] of each error (the default)"},
		{"--show-error-code-links", "", "print a link to the documentation of each error's code"},
		{"--pretty", "", "print each error's source line, marked, and fit the terminal's width"},
		{"--no-color-output", "", "accepted: typd never colours its output"},
		{"--no-error-summary", "", "leave out the summary line"},
		{"--show-absolute-path", "", "print files by their absolute paths"},
		{"--soft-error-limit", "N", "stop reporting after about N errors"},
	}},
	{"Incremental mode and the daemon", []helpEntry{
		{"--no-incremental", "", "do not use or write the cache"},
		{"--cache-dir", "DIR", "the cache's folder (default .typd_cache; /dev/null: no cache)"},
		{"--sqlite-cache", "", "keep the cache in SQLite"},
		{"--cache-fine-grained", "", "write the fine-grained dependencies into the cache"},
		{"--skip-cache-mtime-checks", "", "trust the cache without checking files' times"},
		{"--use-fine-grained-cache", "", "start from a fine-grained cache (the daemon)"},
		{"--skip-version-check", "", "accepted: typd never reads a cache another build wrote"},
		{"--debug-cache", "", "write the cache in a readable form"},
		{"--debug-serialize", "", "serialize the program, to test the serialization"},
		{"--export-types", "", "keep the types of expressions (typd always does)"},
	}},
	{"Reports and testing aids", []helpEntry{
		{"--any-exprs-report", "DIR", "write a report of expressions of type Any"},
		{"--cobertura-xml-report", "DIR", "write a Cobertura XML report"},
		{"--html-report", "DIR", "write an HTML report"},
		{"--linecount-report", "DIR", "write a line count report"},
		{"--linecoverage-report", "DIR", "write a line coverage report"},
		{"--lineprecision-report", "DIR", "write a line precision report"},
		{"--memory-xml-report", "DIR", "write an XML report in memory"},
		{"--txt-report", "DIR", "write a text report"},
		{"--xml-report", "DIR", "write an XML report"},
		{"--junit-xml", "FILE", "write the result as JUnit XML"},
		{"--junit-format", "{global,per_file}", "one JUnit test for the run, or one per file"},
		{"--find-occurrences", "CLASS.MEMBER", "print where a member is used"},
		{"--shadow-file", "SOURCE SHADOW", "check SHADOW in place of SOURCE"},
		{"--perf-stats-file", "FILE", "write timing figures as JSON"},
		{"--custom-typeshed-dir", "DIR", "use the stubs of this typeshed checkout"},
		{"--show-traceback, --tb", "", "print the stack of an internal error"},
		{"--raise-exceptions", "", "accepted: an internal error is reported either way"},
		{"--pdb", "", "accepted: typd has no debugger"},
		{"--dump-type-stats", "", "accepted, prints nothing"},
		{"--dump-inference-stats", "", "accepted, prints nothing"},
		{"--native-parser", "", "accepted: typd has its own parser"},
		{"--bazel", "", "name modules as Bazel does"},
		{"--reveal-verbose-types", "", "reveal_type prints full names (mypy's test suite)"},
		{"--verbose", "", "print more about what the check does"},
	}},
}

// Help is `typd check --help`: the usage line, then every flag with one
// line each, grouped. A flag whose checks typd does not perform yet says
// so; the README's table has the details.
func Help(usage string) string {
	var b strings.Builder
	b.WriteString(usage + "\n\nType check Python files as mypy does.\n\npositional arguments:\n")
	b.WriteString("  files                 the files and folders to check\n\noptions:\n")
	b.WriteString("  -h, --help            print this help and exit\n")
	for _, g := range helpGroups {
		fmt.Fprintf(&b, "\n%s:\n", g.title)
		for _, e := range g.entries {
			head := "  " + e.flag
			if e.arg != "" {
				head += " " + e.arg
			}
			text := e.text
			if supportTable[helpKey(e.flag)].Support == Refused {
				text += " (typd does not support this yet: refused)"
			}
			if len(head)+2 > 24 { // argparse's layout: the text at column 24
				fmt.Fprintf(&b, "%s\n%24s%s\n", head, "", text)
			} else {
				fmt.Fprintf(&b, "%-24s%s\n", head, text)
			}
		}
	}
	return b.String()
}

// helpKey is the option name (config key) of a help entry's flag.
func helpKey(flag string) string {
	first, _, _ := strings.Cut(flag, ",")
	name := strings.TrimPrefix(first, "--")
	if f, ok := boolFlags[first]; ok {
		return f.name
	}
	if v, ok := valueFlags[first]; ok {
		return v
	}
	return strings.ReplaceAll(strings.TrimPrefix(name, "no-"), "-", "_")
}
