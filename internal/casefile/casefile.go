// Package casefile reads mypy's data-driven test format (.test files): the
// [case NAME] blocks, their [file PATH] / [builtins PATH] / [out] sections,
// `# flags:` lines and inline `# E:` / `# N:` / `# W:` expectations, as
// mypy's own harness (mypy/test/data.py) reads them.
package casefile

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// TempDir is the folder, relative to a case's working folder, that holds
// its [file] sections (mypy's harness calls it "tmp").
const TempDir = "tmp"

// File is one file a case writes.
type File struct {
	Path    string // relative to the case's working folder, e.g. "tmp/m.py"
	Content string
}

// Case is one [case] block.
type Case struct {
	File  string // base name of the .test file
	Name  string
	Line  int // line of the [case] header
	Skip  bool
	XFail bool
	// Input is the main program, written to "main".
	Input string
	Files []File
	// Fixtures maps "builtins", "typing" or "_typeshed" to the fixture path
	// relative to the .test file's folder (for example "fixtures/list.pyi").
	Fixtures map[string]string
	// Output is the expected output: the [out] section, then the inline
	// expectations of main and of each file.
	Output []string
	// OutputInlineStart is where the inline expectations begin in Output.
	OutputInlineStart int
	// OutFiles are the files the check is expected to write ([outfile
	// path]: mypy's reports), with their expected contents.
	OutFiles []File
	// MultiStep marks cases with later steps ([file x.2], [out2], ...).
	MultiStep bool
	// Steps are the file operations of steps 2, 3, ... in order ([file
	// x.py.2] writes tmp/x.py before step 2, [delete x.py.3] removes it
	// before step 3); a step without operations is an empty list.
	Steps [][]Operation
	// OnlyWhenCache marks the cases mypy's fine-grained harness runs only
	// with its cache (typd has none yet).
	OnlyWhenCache bool
	// Bookkeeping marks the cases that also assert what mypy's
	// fine-grained mode rechecked or triggered ([triggered], [stale2],
	// [rechecked2], [targets2]): its dependency bookkeeping, not output.
	Bookkeeping bool
	// ParseError is set when the case could not be read.
	ParseError string
}

var (
	caseSplit = regexp.MustCompile(`(?m)^\[case ([^\]]+)\][ \t]*$\n`)
	caseName  = regexp.MustCompile(`^([a-zA-Z_0-9]+)(-writescache)?(-only_when_cache|-only_when_nocache)?(-skip_path_normalization)?(-(posix|windows))?(-skip)?(-xfail)?$`)
	inlineRe  = regexp.MustCompile(`^([ENW]):((\d+):)? (.*)$`)
	stepRe    = regexp.MustCompile(`\.[0-9]+$`)
	outStepRe = regexp.MustCompile(`^out[0-9]+$`)
	flagsRe   = regexp.MustCompile(`(?m)# flags: (.*)$`)
	cmdRe     = regexp.MustCompile(`(?m)# cmd: (.*)$`)
)

// ParseFile reads every case of a .test file.
func ParseFile(path string) ([]*Case, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(filepath.Base(path), string(b))
}

// Parse reads every case of a .test file's text.
func Parse(file, text string) ([]*Case, error) {
	locs := caseSplit.FindAllStringSubmatchIndex(text, -1)
	var out []*Case
	for k, loc := range locs {
		id := text[loc[2]:loc[3]]
		end := len(text)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		m := caseName.FindStringSubmatch(id)
		if m == nil {
			return nil, fmt.Errorf("%s: invalid case id %q", file, id)
		}
		c := &Case{File: file, Name: m[1], Line: strings.Count(text[:loc[0]], "\n") + 1,
			Skip: m[7] != "" || m[6] == "windows", XFail: m[8] != "", Fixtures: map[string]string{},
			OnlyWhenCache: m[3] == "-only_when_cache"}
		c.parseBody(text[loc[1]:end])
		out = append(out, c)
	}
	return out, nil
}

// Operation is one change to a case's files between steps: Content
// written to Path, or Path deleted.
type Operation struct {
	Path    string // relative to the case's working folder, e.g. "tmp/m.py"
	Content string
	Delete  bool
}

// StepCount is the number of steps of a multi-step case as mypy's
// fine-grained harness counts them: the last step that changes a file,
// and at least 2.
func (c *Case) StepCount() int {
	return max(len(c.Steps)+1, 2)
}

// ID is the case's name in the list of known passing cases.
func (c *Case) ID() string { return c.File + "::" + c.Name }

type section struct {
	id, arg string
	data    []string
}

// sections splits a case body into its sections; the first is the input.
func sections(body string) []section {
	out := []section{{id: "case"}}
	var data []string
	flush := func() { out[len(out)-1].data = stripList(collapseContinuation(data)) }
	for _, line := range strings.Split(body, "\n") {
		s := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "[") && strings.HasSuffix(s, "]"):
			flush()
			id, arg, _ := strings.Cut(s[1:len(s)-1], " ")
			out = append(out, section{id: id, arg: arg})
			data = nil
		case strings.HasPrefix(line, `\[`):
			data = append(data, line[1:])
		case strings.HasPrefix(line, "----"):
			data = append(data, line[2:])
		case strings.HasPrefix(line, "--"):
		default:
			data = append(data, line)
		}
	}
	flush()
	return out
}

func (c *Case) parseBody(body string) {
	secs := sections(body)
	var output []string
	for _, s := range secs[1:] {
		switch {
		case s.id == "file" || s.id == "fixture":
			if loc := stepRe.FindStringIndex(s.arg); loc != nil {
				c.MultiStep = true
				c.addOperation(s.arg[loc[0]+1:], Operation{Path: TempDir + "/" + s.arg[:loc[0]], Content: strings.Join(s.data, "\n")})
				continue
			}
			c.Files = append(c.Files, File{Path: TempDir + "/" + s.arg, Content: strings.Join(s.data, "\n")})
		case s.id == "builtins" || s.id == "typing" || s.id == "_typeshed":
			c.Fixtures[s.id] = s.arg
		case s.id == "out" || s.id == "out1":
			if versionOK(s.arg) {
				output = s.data
			}
		case outStepRe.MatchString(s.id):
			c.MultiStep = true
		case s.id == "delete":
			c.MultiStep = true
			loc := stepRe.FindStringIndex(s.arg)
			if loc == nil || s.arg[loc[0]+1:] == "1" {
				c.ParseError = fmt.Sprintf("invalid delete section %q", s.arg)
				continue
			}
			c.addOperation(s.arg[loc[0]+1:], Operation{Path: TempDir + "/" + s.arg[:loc[0]], Delete: true})
		case s.id == "triggered" || strings.HasPrefix(s.id, "stale") ||
			strings.HasPrefix(s.id, "rechecked") || strings.HasPrefix(s.id, "targets"):
			c.Bookkeeping = true
		case s.id == "outfile" || s.id == "outfile-re":
			c.OutFiles = append(c.OutFiles, File{Path: s.arg, Content: strings.Join(s.data, "\n")})
		default:
			c.ParseError = fmt.Sprintf("invalid section header [%s]", strings.TrimSpace(s.id+" "+s.arg))
		}
	}
	c.OutputInlineStart = len(output)
	c.Input = strings.Join(secs[0].data, "\n")
	output = append(output, inlineExpectations(secs[0].data, "main")...)
	for _, f := range c.Files {
		output = append(output, inlineExpectations(strings.Split(f.Content, "\n"), f.Path)...)
	}
	c.Output = output
}

// addOperation adds an operation to step num (2, 3, ...), growing the
// list of steps as needed.
func (c *Case) addOperation(num string, op Operation) {
	n, _ := strconv.Atoi(num)
	if n < 2 {
		c.ParseError = fmt.Sprintf("invalid step %s for %s", num, op.Path)
		return
	}
	for len(c.Steps) < n-1 {
		c.Steps = append(c.Steps, nil)
	}
	c.Steps[n-2] = append(c.Steps[n-2], op)
}

// versionOK evaluates an [out version>=3.12] condition against Python 3.11,
// the version mypy's expected outputs take as the host.
func versionOK(arg string) bool {
	for _, a := range strings.Split(arg, ",") {
		a = strings.TrimSpace(a)
		if !strings.HasPrefix(a, "version") || len(a) < 9 {
			continue
		}
		op, vs := a[7:9], a[9:]
		want := parseVersion(vs)
		host := [2]int{3, 11}
		switch op {
		case ">=":
			if host[0] < want[0] || (host[0] == want[0] && host[1] < want[1]) {
				return false
			}
		case "==":
			if host != want {
				return false
			}
		}
	}
	return true
}

func parseVersion(s string) [2]int {
	a, b, _ := strings.Cut(s, ".")
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	return [2]int{x, y}
}

// inlineExpectations turns `# E: msg` comments into expected output lines.
func inlineExpectations(lines []string, fname string) []string {
	var out []string
	for i, text := range lines {
		parts := strings.Split(text, " # ")
		for _, p := range parts[1:] {
			m := inlineRe.FindStringSubmatch(strings.TrimSpace(p))
			if m == nil {
				continue
			}
			sev := map[string]string{"E": "error", "N": "note", "W": "warning"}[m[1]]
			msg := strings.ReplaceAll(m[4], `\#`, "#")
			if m[3] == "" {
				out = append(out, fmt.Sprintf("%s:%d: %s: %s", fname, i+1, sev, msg))
			} else {
				out = append(out, fmt.Sprintf("%s:%d:%s: %s: %s", fname, i+1, m[3], sev, msg))
			}
		}
	}
	return out
}

func stripList(lines []string) []string {
	out := make([]string, len(lines))
	for i, s := range lines {
		out[i] = strings.TrimRight(s, " \t\r\n\f\v")
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

func collapseContinuation(lines []string) []string {
	var out []string
	cont := false
	for _, s := range lines {
		ss := strings.TrimSuffix(s, `\`)
		if cont {
			out[len(out)-1] += strings.TrimLeft(ss, " ")
		} else {
			out = append(out, ss)
		}
		cont = strings.HasSuffix(s, `\`)
	}
	return out
}

// Flags returns the words of the case's `# flags:` line.
func (c *Case) Flags() []string {
	if m := flagsRe.FindStringSubmatch(c.Input); m != nil {
		return strings.Fields(m[1])
	}
	return nil
}

// Command returns the words after `# cmd: ` in the input, split as a
// shell splits them (with '...' and "..." quoting), or nil.
func (c *Case) Command() []string {
	m := cmdRe.FindStringSubmatch(c.Input)
	if m == nil {
		return nil
	}
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range m[1] {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
