# typd's routine tasks. `make help` lists them.
GO ?= go
export CGO_ENABLED := 1

.PHONY: help build install typeshed editors servers vscode demo test vet fmt-check bench fuzz update-passing clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

typeshed: ## fetch, verify and unpack the pinned typeshed stubs (once)
	$(GO) run ./internal/fetchtypeshed

# typd is two binaries (README, "The front end and the engine"):
# bin/typd, the front end, which answers a running daemon's commands and
# hands every other command line to bin/typd-engine, beside it, which holds
# the checker. The front end links only the standard library, so it starts
# in a few milliseconds, and `typd recheck` is answered before Go's runtime
# starts, by C code (cmd/typd/fastrecheck.go says why and how).
# -trimpath: the same source builds the same typd (Go build ID) in any
# folder, so caches built in CI serve developers (see README, the remote cache).
# Both are linked statically (netgo, osusergo: Go's own resolver and user
# lookup, so nothing loads the C library's at run time): each starts 1-3 ms
# sooner than a dynamically linked one (bench/README.md). Where the C
# library has no static archive to link, the build says so and links
# dynamically.
STATIC := -tags netgo,osusergo -ldflags '-linkmode external -extldflags "-static"'
build: typeshed ## build bin/typd and bin/typd-engine (the stubs embedded)
	@for cmd in typd typd-engine; do \
	  $(GO) build -trimpath $(STATIC) -o bin/$$cmd ./cmd/$$cmd 2>/dev/null || { \
	    echo "make build: cannot link bin/$$cmd statically here (no static C library?): linking dynamically"; \
	    $(GO) build -trimpath -o bin/$$cmd ./cmd/$$cmd; } || exit 1; done

PREFIX ?= $(HOME)/.local

install: build ## copy bin/typd and bin/typd-engine to $(PREFIX)/bin (default ~/.local/bin)
	install -d $(PREFIX)/bin
	install -m 0755 bin/typd bin/typd-engine $(PREFIX)/bin/
	@echo "installed $(PREFIX)/bin/typd and $(PREFIX)/bin/typd-engine"

demo: build ## build typd and check the example project in examples/
	@cd examples && ../bin/typd check shop; status=$$?; \
	  echo "(typd exited with status $$status: 0 clean, 1 type errors, 2 blocking errors)"; [ $$status -le 2 ]

editors: ## install the editors the end-to-end tests drive (Debian's neovim, emacs-nox, elpa-eglot)
	@if command -v nvim >/dev/null && command -v emacs >/dev/null && [ -d /usr/share/emacs/site-lisp/elpa-src ] && ls /usr/share/emacs/site-lisp/elpa-src | grep -q eglot; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -q --no-install-recommends neovim emacs-nox elpa-eglot >/dev/null 2>&1 || \
	  { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends neovim emacs-nox elpa-eglot >/dev/null 2>&1; } || \
	  echo "make editors: could not install neovim, emacs-nox and elpa-eglot; their tests will skip"; \
	else echo "make editors: not root or no apt-get: the Neovim and Emacs tests skip unless nvim, emacs and eglot are installed"; fi

servers: ## install the servers the tests start (Debian's nginx-light: the remote cache's WebDAV store)
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  { apt-get install -y -q --no-install-recommends nginx-light >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends nginx-light >/dev/null 2>&1; }; } && \
	  { /usr/sbin/nginx -s stop >/dev/null 2>&1 || true; } || \
	  echo "make servers: could not install nginx-light: the remote cache's tests fail"; \
	else echo "make servers: not root or no apt-get: install nginx (with its WebDAV module) for the remote cache's tests"; fi

vscode: ## build editors/vscode/typd.vsix: npm ci (pinned), compile, the activation tests, package
	@if ! command -v npm >/dev/null; then echo "make vscode: npm is not installed: the VS Code extension is not built"; exit 0; fi; \
	cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error && npm run --silent compile && npm test --silent && npm run --silent package

test: typeshed editors servers vscode fmt-check vet ## the whole test suite (what CI runs)
	$(GO) test -count=1 ./...
	$(GO) test -race -count=1 -run 'TestSnapshotsUnderEdits|TestServerSession|TestServerCancel|TestServerFromCache|TestParallelCheck' ./checker ./server/lsp

vet: ## go vet
	$(GO) vet ./...

fmt-check: ## fail when a Go file is not gofmt-formatted
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

bench: typeshed ## parser benchmarks (one core)
	$(GO) test ./parser -run '^$$' -bench . -benchtime 3x -cpu 1

fuzz: typeshed ## fuzz the parser, then the checker on what the parser accepts, 5 minutes each
	$(GO) test ./parser -run '^$$' -fuzz FuzzParse -fuzztime 300s
	$(GO) test ./checker -run '^$$' -fuzz FuzzCheck -fuzztime 300s

update-passing: typeshed ## run every mypy check, diff, deps and step case; add the passing ones to testdata/mypy-passing.txt, mypy-diff-passing.txt, mypy-deps-passing.txt and mypy-steps-passing.txt
	$(GO) test ./internal/cli -run 'TestMypyCases|TestMypyDiffCases|TestMypyDepsCases' -count=1 -v -update-passing | tail -3
	$(GO) test ./internal/cli -run TestMypyStepCases -count=1 -v -update-step-passing | tail -3

clean: ## remove the binary (the stubs stay)
	rm -rf bin
