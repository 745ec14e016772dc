package workspace

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"typd/checker/cache"
)

// CacheStore returns the client of the remote cache store at storeURL
// (see cache.Store), whose requests give up after timeout, with the
// credentials the environment gives (see credentials).
func CacheStore(storeURL string, getenv func(string) string, timeout time.Duration) (*cache.Store, error) {
	return cache.NewStore(storeURL, credentials(getenv, storeURL), timeout)
}

// credentials finds the store's credentials: TYPD_CACHE_TOKEN, else the
// entry for the store's host in the netrc file ($NETRC, else ~/.netrc).
// None found leaves the URL's own, if any.
func credentials(getenv func(string) string, store string) cache.Credentials {
	if t := getenv("TYPD_CACHE_TOKEN"); t != "" {
		return cache.Credentials{Token: t}
	}
	u, err := url.Parse(store)
	if err != nil {
		return cache.Credentials{}
	}
	path := getenv("NETRC")
	if path == "" {
		if home := getenv("HOME"); home != "" {
			path = filepath.Join(home, ".netrc")
		}
	}
	if path == "" {
		return cache.Credentials{}
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return cache.Credentials{}
	}
	user, password, _ := netrcEntry(string(text), u.Hostname())
	return cache.Credentials{User: user, Password: password}
}

// netrcEntry finds the login and password of a host in a netrc file's
// text: the host's machine entry, else the default entry.
func netrcEntry(text, host string) (login, password string, found bool) {
	type entry struct {
		machine, login, password string
		isDefault                bool
	}
	var entries []entry
	// A macro (macdef) runs to the next blank line: drop it.
	var kept []string
	inMacro := false
	for _, line := range strings.Split(text, "\n") {
		fields := strings.Fields(line)
		switch {
		case inMacro:
			inMacro = len(fields) > 0
		case len(fields) > 0 && fields[0] == "macdef":
			inMacro = true
		default:
			kept = append(kept, line)
		}
	}
	tokens := strings.Fields(strings.Join(kept, "\n"))
	for i := 0; i < len(tokens); i++ {
		value := func() string {
			if i+1 < len(tokens) {
				i++
				return tokens[i]
			}
			return ""
		}
		switch tokens[i] {
		case "machine":
			entries = append(entries, entry{machine: value()})
		case "default":
			entries = append(entries, entry{isDefault: true})
		case "login", "password", "account":
			key := tokens[i]
			v := value()
			if len(entries) == 0 {
				continue
			}
			e := &entries[len(entries)-1]
			switch key {
			case "login":
				e.login = v
			case "password":
				e.password = v
			}
		}
	}
	for _, e := range entries {
		if !e.isDefault && e.machine == host {
			return e.login, e.password, true
		}
	}
	for _, e := range entries {
		if e.isDefault {
			return e.login, e.password, true
		}
	}
	return "", "", false
}
