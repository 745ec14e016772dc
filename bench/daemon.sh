#!/usr/bin/env bash
# The daemon's recheck times on mypy's own source (Debian's python3-mypy
# 1.0.1: 127 files, 86,413 lines, typed), as dmypy's figures for the same
# code are usually quoted. Usage: bench/daemon.sh [mypy package folder]
# Prints: the first `typd run`, five no-change rechecks, then five rechecks
# after a one-line edit inside a method body of mypy/errors.py (1,186
# lines) and of mypy/checker.py (7,553 lines, the largest module), five
# after a new exported name is added to mypy/nodes.py (imported by nearly
# every module; nothing names the new one yet), and five after a defaulted
# parameter is added to a function of mypy/nodes.py that others call.
# Before each group of edits the script leaves the daemon idle for a
# second, as an editor's user does between edits: the daemon uses such
# pauses to prepare for the next edit (Session.Warm). Without that pause
# the first edit of a file not edited before also makes the units of its
# last version (up to ~100 ms on mypy/checker.py).
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
# The edited files' originals are kept outside the checked folder: a new
# file there is a change of its own (the module finder looks again at what
# every import finds), which is not what the groups measure.
saved=$(mktemp -d)
trap '"$typd" kill >/dev/null 2>&1 || true; rm -rf "$work" "$saved"' EXIT
cp -r "$src" "$work/mypy"
rm -rf "$work/mypy/test" "$work/mypy/typeshed"
cd "$work"
echo "files: $(find mypy -name '*.py' | wc -l), lines: $(find mypy -name '*.py' -print0 | xargs -0 cat | wc -l)"
# ms times a command with bash's own clock ($EPOCHREALTIME, bash 5): timing
# it with two `date` processes counted their starts too (2-7 ms here).
ms() {
  local t0=$EPOCHREALTIME t1
  "$@" >/dev/null || true
  t1=$EPOCHREALTIME
  echo $(( (${t1/./} - ${t0/./}) / 1000 ))
}
echo "first run (starts the daemon): $(ms "$typd" run -- mypy --python-version 3.11 --no-site-packages) ms"
echo -n "recheck, nothing changed (ms):"
for i in 1 2 3 4 5; do echo -n " $(ms "$typd" recheck)"; done; echo
for f in mypy/errors.py mypy/checker.py; do
  sleep 1
  cp "$f" "$saved/orig.py"
  echo -n "recheck after a one-line edit in a method of $f (ms):"
  for i in 1 2 3 4 5; do
    python3 - "$f" "$saved/orig.py" "$i" <<'PY'
import sys
path, orig, i = sys.argv[1:]
lines = open(orig).read().split('\n')
for k, line in enumerate(lines):
    if line.startswith('    def ') and line.endswith('-> None:'):
        lines.insert(k + 1, '        _bench_edit = %s' % i)
        break
open(path, 'w').write('\n'.join(lines))
PY
    echo -n " $(ms "$typd" recheck)"
  done
  echo
  cp "$saved/orig.py" "$f"
  "$typd" recheck >/dev/null || true # (not timed: the next group's first sample is one edit)
done
cp mypy/nodes.py "$saved/orig.py"
sleep 1
echo -n "recheck after a new exported name in mypy/nodes.py (ms):"
for i in 1 2 3 4 5; do
  cp "$saved/orig.py" mypy/nodes.py
  printf '\n\ndef bench_new_name_%s(x: int) -> int:\n    return x\n' "$i" >> mypy/nodes.py
  echo -n " $(ms "$typd" recheck)"
done
echo
cp "$saved/orig.py" mypy/nodes.py
"$typd" recheck >/dev/null || true
sleep 1
echo -n "recheck after a defaulted parameter added to mypy.nodes.get_member_expr_fullname (ms):"
for i in 1 2 3 4 5; do
  sed "s/^def get_member_expr_fullname(expr: MemberExpr) -> str | None:/def get_member_expr_fullname(expr: MemberExpr, bench$i: int = 0) -> str | None:/" "$saved/orig.py" > mypy/nodes.py
  echo -n " $(ms "$typd" recheck)"
done
echo
cp "$saved/orig.py" mypy/nodes.py
