package checker

import (
	"bytes"

	"typd/checker/build"
	"typd/checker/semanal"
)

// editedModules returns the modules of the graph whose text changed since
// the session last analysed them: a check analyses each again, in full or
// in part, and its top level first of all.
func (s *Session) editedModules(g *build.Graph) []string {
	if s == nil || s.disk != nil {
		return nil
	}
	var out []string
	for name, m := range g.Modules {
		if m.Shared || m.Silent || m.File == nil || len(m.File.Errors) > 0 {
			continue
		}
		if st := s.targets[name]; st != nil && st.mod != m.File.Module && !bytes.Equal(st.text, m.Text) {
			out = append(out, name)
		}
	}
	return out
}

// buildClassesAhead builds the classes that the top levels of the given
// modules define (semanal.Program.BuildClasses) on another goroutine,
// while the caller works on what does not read the program (a session's
// stamps and plans): the edited modules' analyses then find them built,
// so a recheck of one large module costs what checking its edit costs
// rather than that plus rebuilding its classes. The function returned
// waits for the goroutine and reports whether it ended without a panic (a
// bug in typd); after one, the program may hold a class half built, and
// the caller analyses through a fork of it instead, which builds afresh
// (and meets the panic where it is reported).
func buildClassesAhead(prog *semanal.Program, modules []string) (wait func() bool) {
	if len(modules) == 0 {
		return func() bool { return true }
	}
	done := make(chan bool, 1)
	go func() {
		ok := false
		defer func() {
			recover()
			done <- ok
		}()
		for _, name := range modules {
			prog.BuildClasses(name)
		}
		ok = true
	}()
	return func() bool { return <-done }
}
