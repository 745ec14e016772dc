package checker_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/modules"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
)

// allStdlibImports writes one `import` per stdlib module that typeshed's
// VERSIONS lists as available in the given Python version.
func allStdlibImports(t testing.TB, stubs fsys.FS, version modules.Version) string {
	text, err := stubs.ReadFile("stdlib/VERSIONS")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := modules.ParseVersions(string(text))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range vs {
		if vs.Available(name, version) && name != "__main__" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "import %s\n", n)
	}
	return b.String()
}

// TestImportEveryStdlibModule checks a file importing every stdlib module
// of Python 3.13 and of 3.10: no error, no crash.
func TestImportEveryStdlibModule(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Fatal(typeshed.ProvisionHint)
	}
	stubs := fsys.FromFS(embedded)
	for _, v := range []modules.Version{{Major: 3, Minor: 13}, {Major: 3, Minor: 10}} {
		t.Run(v.String(), func(t *testing.T) {
			prog := allStdlibImports(t, stubs, v)
			files := fsys.Map{"all.py": []byte(prog)}
			opts, _, err := options.Parse([]string{"--python-version", v.String(), "--no-site-packages"})
			if err != nil {
				t.Fatal(err)
			}
			res := checker.Check(checker.Config{Files: files, Typeshed: stubs, Options: opts},
				[]sources.Source{{Path: "all.py", Module: "all"}})
			format := diag.Format{}
			for _, d := range res.Diagnostics {
				t.Error(format.String(d))
			}
			if got := diag.Summary(res.Diagnostics, res.Checked); got != "Success: no issues found in 1 source file" {
				t.Errorf("summary: %s", got)
			}
			t.Logf("%d modules imported", strings.Count(prog, "\n"))
		})
	}
}
