package checker

import (
	"bytes"

	"typd/checker/build"
	"typd/checker/semanal"
)

// A recheck after an edit does some of its work ahead, on another
// goroutine, beside work that does not touch the same state: the edited
// files' units (what deps compares of two versions) while the program is
// made, and the edited modules' classes while the session works out its
// stamps and plans. Each is what the recheck would do next anyway, so a
// recheck of one large module costs little more than checking its edit.

// editedModules returns the modules of the graph whose text changed since
// the session last analysed them, in the components' order: a check
// analyses each again, in full or in part, and its top level first of all.
func (s *Session) editedModules(g *build.Graph) []*build.Module {
	if s == nil || s.disk != nil {
		return nil
	}
	var out []*build.Module
	for _, scc := range g.SCCs {
		for _, m := range scc {
			if m.Shared || m.Silent || m.File == nil || len(m.File.Errors) > 0 {
				continue
			}
			if st := s.targets[m.Name]; st != nil && st.mod != m.File.Module && !bytes.Equal(st.text, m.Text) {
				out = append(out, m)
			}
		}
	}
	return out
}

// unitsAhead makes the units of the edited modules' parses on another
// goroutine, which Session.stamps then finds made; the function returned
// waits for it. Until then the caller must not touch the session's parses
// (fileState): building the program does not.
func (s *Session) unitsAhead(edited []*build.Module) (wait func()) {
	var states []*fileState
	for _, m := range edited {
		if st := s.files[m.Path]; st != nil && st.file == m.File {
			states = append(states, st)
		}
	}
	if len(states) == 0 {
		return func() {}
	}
	return ahead(func() {
		for _, st := range states {
			st.unitsOf()
		}
	})
}

// classesAhead builds the classes that the edited modules' top levels
// define (semanal.Program.BuildClasses) on another goroutine, while the
// caller does what does not read the program (a session's stamps and
// plans): their analyses then find them built. The function returned waits
// for the goroutine and reports whether it ended without a panic (a bug in
// typd); after one, the program may hold a class half built, and the
// caller analyses through a fork of it instead, which builds afresh (and
// meets the panic where it is reported).
func classesAhead(prog *semanal.Program, edited []*build.Module) (wait func() bool) {
	if len(edited) == 0 {
		return func() bool { return true }
	}
	ok := false
	wait1 := ahead(func() {
		for _, m := range edited {
			prog.BuildClasses(m.Name)
		}
		queryClasses(prog) // (which the snapshot needs built)
		ok = true
	})
	return func() bool {
		wait1()
		return ok
	}
}

// ahead runs work on another goroutine, recovering a panic there (work
// that panics ends early); the function returned waits for it to end.
func ahead(work func()) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { recover() }()
		work()
	}()
	return func() { <-done }
}
