package checker

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/report"
	"typd/checker/semanal"
)

// moduleStep is what a check does with one module it does not skip: keep
// the diagnostics its session has (as they are, or again under a new
// stamp), or report its analysis (analyses[job]).
type moduleStep struct {
	m    *build.Module
	how  stepKind
	kept []diag.Diagnostic
	job  int
}

// stepKind says how a module's diagnostics are had.
type stepKind int

const (
	analysed  stepKind = iota
	keptAsIs           // the session's result for the module's stamp
	keptAgain          // the session's last result, which the plan keeps
)

// analysis is one module's analysis: its diagnostics before any ignore
// comment applies, whether it was checked again in part (a session's
// recheck), and what a panic in it said (a bug in typd), if one did.
type analysis struct {
	diags      []diag.Diagnostic
	retargeted bool
	crash      any
	done       bool // (false when a cancelled check did not get to it)
}

// parallelText is how much source text, in bytes, each goroutine that
// analyses modules is given at least when Config.Workers leaves their
// number to the check: each goroutine builds again, through its own
// program, the classes and signatures its modules use, which pays only
// when checking bodies costs more (mypy's own source, 3.6 MB, is analysed
// 1.4 times faster on two cores; a file of a few hundred lines is not).
const parallelText = 256 << 10

// maxWorkers bounds the goroutines a check analyses with when
// Config.Workers leaves their number to it: each holds its own classes
// and signatures (about 45 MB for mypy's source, 200 MB for the standard
// library's).
const maxWorkers = 8

// workersFor is how many goroutines analyse the modules of todo:
// Config.Workers, else one per core, at most maxWorkers and one per
// parallelText bytes of the modules' text.
func workersFor(cfg Config, todo []*build.Module) int {
	n := cfg.Workers
	if n == 0 {
		size := 0
		for _, m := range todo {
			size += len(m.Text)
		}
		n = min(runtime.GOMAXPROCS(0), maxWorkers, size/parallelText)
	}
	return max(1, min(n, len(todo)))
}

// analyseAll analyses the modules of todo with the given number of
// goroutines, the first through prog and each other through a fork of it
// (semanal.Program.Fork), the largest modules first so that none is left
// to run alone at the end. A module's analysis does not depend on which
// program, or which other modules, a goroutine analysed before it, so the
// result is the one a single goroutine gives (TestParallelCheck). It
// returns the analyses in the order of todo and, once ctx is done, ctx's
// error with those it finished.
func analyseAll(ctx context.Context, prog *semanal.Program, todo []*build.Module, workers int,
	analyse func(*semanal.Program, *build.Module) ([]diag.Diagnostic, bool)) ([]analysis, error) {
	out := make([]analysis, len(todo))
	run := func(p *semanal.Program, i int) {
		a := &out[i]
		a.diags, a.crash = report.Recovered(func() (ds []diag.Diagnostic) {
			ds, a.retargeted = analyse(p, todo[i])
			return ds
		})
		a.done = true
	}
	if workers <= 1 {
		for i := range todo {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			run(prog, i)
		}
		return out, nil
	}
	order := make([]int, len(todo))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(todo[b].Text) - len(todo[a].Text) })
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		p := prog
		if w > 0 {
			p = prog.Fork()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				k := int(next.Add(1)) - 1
				if k >= len(order) {
					return
				}
				run(p, order[k])
			}
		}()
	}
	wg.Wait()
	return out, ctx.Err()
}
