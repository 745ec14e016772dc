#!/usr/bin/env bash
# typd check with its cache (parses of the files read, see checker/cache)
# and without, against mypy 1.0.1 with its cache and without, on mypy's own
# source (Debian's python3-mypy 1.0.1: 127 files, 86,413 lines, checked as
# bench/realcode.sh checks it: mypy's self-check settings, mypy's bundled
# typeshed for both, no errors) and on a two-line file.
# Usage: bench/cache.sh [mypy package folder]
# Prints wall seconds per run: mypy's cold run and edit are one sample each
# (they take seconds), the others two or three.
set -euo pipefail
src=${1:-/usr/lib/python3/dist-packages/mypy}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$src" ]; then
  echo "no mypy source at $src: run ../shared/tools/oracles/setup.sh (installs python3-mypy) or pass a folder" >&2
  exit 2
fi
make -C "$root" --no-print-directory build >/dev/null
typd="$root/bin/typd"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src" "$work/mypy"
rm -rf "$work/mypy/test" "$work/mypy/typeshed"
printf 'import os\nx: int = os.getpid()\n' >"$work/two.py"
cd "$work"
flags="--python-version 3.11 --no-site-packages"
ts=/usr/lib/python3/dist-packages/mypy/typeshed
self="--config-file $root/bench/realcode/mypy.ini"
tself="$self --no-strict-bytes --python-executable /usr/bin/python3 --custom-typeshed-dir $ts"
secs() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); printf '%d.%03d' $(( (t1 - t0) / 1000000000 )) $(( (t1 - t0) / 1000000 % 1000 )); }
edit() { python3 - "$1" "$2" <<'PY'
import sys
path, i = sys.argv[1:]
lines = open(path).read().split('\n')
for k, line in enumerate(lines):
    if line.startswith('    def ') and line.endswith('-> None:'):
        lines.insert(k + 1, '        _bench_edit = %s' % i)
        break
open(path, 'w').write('\n'.join(lines))
PY
}
cp mypy/checker.py orig_checker.py
row() { echo "$1: $2"; }
row "typd, no cache (--no-incremental), mypy's source" "$(for i in 1 2 3; do echo -n "$(secs "$typd" check --no-incremental $tself mypy) "; done)"
row "typd, filling an empty cache, mypy's source" "$(for i in 1 2; do rm -rf .typd_cache; echo -n "$(secs "$typd" check $tself mypy) "; done)"
row "typd, nothing changed since the last run, mypy's source" "$(for i in 1 2 3; do echo -n "$(secs "$typd" check $tself mypy) "; done)"
row "typd, after a one-line edit in a method of mypy/checker.py" "$(for i in 1 2 3; do edit mypy/checker.py "$i"; echo -n "$(secs "$typd" check $tself mypy) "; cp orig_checker.py mypy/checker.py; "$typd" check $tself mypy >/dev/null 2>&1 || true; done)"
row "typd --sqlite-cache, filling an empty cache, mypy's source" "$(for i in 1 2; do rm -rf .typd_cache; echo -n "$(secs "$typd" check --sqlite-cache $tself mypy) "; done)"
row "typd --sqlite-cache, nothing changed since the last run, mypy's source" "$("$typd" check --sqlite-cache $tself mypy >/dev/null 2>&1 || true; for i in 1 2 3; do echo -n "$(secs "$typd" check --sqlite-cache $tself mypy) "; done)"
rm -rf .typd_cache; "$typd" check $tself mypy >/dev/null 2>&1 || true
row "typd, no cache, two-line file" "$(for i in 1 2 3; do echo -n "$(secs "$typd" check --no-incremental $flags two.py) "; done)"
row "typd, cache warm, two-line file" "$(for i in 1 2 3; do echo -n "$(secs "$typd" check $flags two.py) "; done)"
row "typd, cache warm, two-line file, the target Python asked (no flags)" "$(for i in 1 2 3; do echo -n "$(secs "$typd" check two.py) "; done)"
# The daemon: `typd run` (start and first check) cold, and from a cache
# that another folder's `typd check --cache-fine-grained` wrote (what a
# pull brings: the entries are keyed by content and relative paths).
run_daemon() { local t; t=$(secs "$typd" run -- "$@" $tself mypy); "$typd" stop >/dev/null 2>&1 || true; echo -n "$t "; }
row "typd run (daemon start and first check), cold, mypy's source" "$(for i in 1 2 3; do run_daemon; done)"
mkdir -p ci && cp -r mypy ci/ && (cd ci && "$typd" check --cache-fine-grained $tself mypy >/dev/null 2>&1 || true)
row "typd run -- --use-fine-grained-cache, from another folder's cache, mypy's source" "$(for i in 1 2 3; do rm -rf .typd_cache; cp -r ci/.typd_cache .; run_daemon --use-fine-grained-cache; done)"
rm -rf .mypy_cache
row "mypy 1.0.1, empty cache, mypy's source" "$(secs mypy $self mypy)"
row "mypy 1.0.1, nothing changed, mypy's source" "$(for i in 1 2; do echo -n "$(secs mypy $self mypy) "; done)"
edit mypy/checker.py 1
row "mypy 1.0.1, after a one-line edit in a method of mypy/checker.py" "$(secs mypy $self mypy)"
cp orig_checker.py mypy/checker.py
row "mypy 1.0.1, cache warm, two-line file" "$(mypy $flags two.py >/dev/null 2>&1 || true; for i in 1 2 3; do echo -n "$(secs mypy $flags two.py) "; done)"
