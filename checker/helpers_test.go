package checker_test

import (
	"testing"

	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/typeshed"
)

// stubsAndOptions returns the embedded typeshed and the options of a
// command line's flags, failing the test when either is missing.
func stubsAndOptions(tb testing.TB, flags ...string) (fsys.FS, *options.Options) {
	tb.Helper()
	embedded, ok := typeshed.Embedded()
	if !ok {
		tb.Fatal(typeshed.ProvisionHint)
	}
	opts, _, err := options.Parse(flags)
	if err != nil {
		tb.Fatal(err)
	}
	return fsys.FromFS(embedded), opts
}
