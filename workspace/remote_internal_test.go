package workspace

import "testing"

// TestNetrcEntry: the host's machine entry wins, else the default entry;
// macros and accounts are skipped.
func TestNetrcEntry(t *testing.T) {
	text := "machine example.com login x password y\n" +
		"macdef init\nmachine fake login no password no\n\n" +
		"machine 127.0.0.1\n  login ci\n  account a\n  password s3cret-pw\n" +
		"default login anon password guest\n"
	for _, c := range []struct{ host, login, password string }{
		{"127.0.0.1", "ci", "s3cret-pw"},
		{"example.com", "x", "y"},
		{"other.org", "anon", "guest"},
	} {
		login, password, found := netrcEntry(text, c.host)
		if !found || login != c.login || password != c.password {
			t.Errorf("%s: got %q %q %v", c.host, login, password, found)
		}
	}
	if _, _, found := netrcEntry("machine a login b password c", "d"); found {
		t.Error("an entry was found for a host the file does not name")
	}
}
