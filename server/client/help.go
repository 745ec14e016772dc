package client

import (
	"maps"
	"slices"
	"strings"
)

// commandAbout says what each daemon command does, for its --help.
func commandAbout() map[string]string {
	return map[string]string{
		"start":   "Start the daemon (in the background) with mypy's flags, and check nothing yet.",
		"restart": "Stop the daemon if one runs, and start it again with mypy's flags.",
		"daemon":  "Run the daemon in the foreground, with mypy's flags.",
		"run":     "Check with the daemon, starting it, or restarting it when its flags differ, first.",
		"check":   "Check the given files with the running daemon.",
		"recheck": "Check the files of the previous check again; only what changed is redone.",
		"status":  "Say whether the daemon is running and answers.",
		"stop":    "Stop the daemon.",
		"kill":    "Kill the daemon's process.",
		"hang":    "Make the daemon sleep in a request (a testing aid).",
		"suggest": "Suggest a signature for a function, from its call sites and what it returns.",
		"inspect": "Print the types, attributes or definitions of the expressions at a location.",
	}
}

// commandArgs are the positional arguments of each command, for its usage
// line.
func commandArgs() map[string]string {
	return map[string]string{
		"start": "[-- FLAGS]", "restart": "[-- FLAGS]", "daemon": "[-- FLAGS]", "run": "[-- FLAGS FILES]",
		"check": "FILES", "suggest": "FUNCTION", "inspect": "LOCATION",
	}
}

// flagHelp is the argument and the line of help of each daemon flag.
func flagHelp() map[string][2]string {
	return map[string][2]string{
		"--timeout":              {"SECONDS", "stop the daemon after this long without a request"},
		"--log-file":             {"FILE", "write the daemon's log to this file"},
		"-v":                     {"", "print the request's figures (inspect: full names; -vv more)"},
		"--verbose":              {"", "the same as -v"},
		"--junit-xml":            {"FILE", "also write the result as JUnit XML"},
		"--perf-stats-file":      {"FILE", "write the request's figures as JSON"},
		"--export-types":         {"", "keep the types of expressions (typd always does)"},
		"--update":               {"FILE ...", "check these files again (added if new)"},
		"--remove":               {"FILE ...", "leave these files out from now on"},
		"--fswatcher-dump-file":  {"FILE", "write the watched files' state as JSON"},
		"--json":                 {"", "print the suggestion in pyannotate's JSON form"},
		"--no-errors":            {"", "only suggest a signature the function and its callers check with"},
		"--no-any":               {"", "refuse a suggestion with Any in it"},
		"--flex-any":             {"FRACTION", "refuse a suggestion whose types say less than this (0 to 1)"},
		"--callsites":            {"", "list the call sites and their argument types instead"},
		"--use-fixme":            {"NAME", "write Any as this name"},
		"--max-guesses":          {"N", "try at most N combinations of argument types (default 64)"},
		"--show":                 {"{type,attrs,definition}", "what to print of each expression (default: type)"},
		"--limit":                {"N", "print only the innermost N expressions"},
		"--include-span":         {"", "prefix each answer with the expression's span"},
		"--include-kind":         {"", "prefix each answer with mypy's name of the expression's kind"},
		"--include-object-attrs": {"", "list object's attributes too"},
		"--union-attrs":          {"", "list the attributes of any item of a union, not only of all"},
		"--force-reload":         {"", "check again before inspecting"},
	}
}

// commandHelp is a daemon command's --help: its usage line, what it does,
// and each of its flags with one line.
func commandHelp(name string) string {
	own, _ := commandFlags(name)
	flags := slices.Sorted(maps.Keys(own))
	help := flagHelp()
	var b strings.Builder
	b.WriteString("usage: typd [--status-file FILE] " + name + " [-h]")
	for _, f := range flags {
		if arg := help[f][0]; arg != "" {
			b.WriteString(" [" + f + " " + arg + "]")
		} else {
			b.WriteString(" [" + f + "]")
		}
	}
	if a := commandArgs()[name]; a != "" {
		b.WriteString(" " + a)
	}
	b.WriteString("\n\n" + commandAbout()[name] + "\n\noptions:\n")
	line := func(head, text string) {
		if len(head)+2 > 24 {
			b.WriteString(head + "\n" + strings.Repeat(" ", 24) + text + "\n")
		} else {
			b.WriteString(padRight(head, 24) + text + "\n")
		}
	}
	line("  -h, --help", "print this help and exit")
	line("  --status-file FILE", "the daemon's status file (default .dmypy.json)")
	for _, f := range flags {
		head := "  " + f
		if arg := help[f][0]; arg != "" {
			head += " " + arg
		}
		line(head, help[f][1])
	}
	return b.String()
}

// helpRequest is a command line that asks for a command's help.
type helpRequest struct{ text string }

func (h *helpRequest) Error() string { return h.text }
