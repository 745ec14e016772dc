#!/usr/bin/env bash
# Cold `typd check` of CPython's standard library: wall time, peak memory
# and the summary line. Usage: bench/stdlib.sh [Lib directory]
# (default: the stdlib of the python3.11 on PATH; it must include test/,
# which Debian splits into another package).
#
# The copy leaves out site-packages, the files CPython itself rejects
# (test inputs with deliberate syntax errors) and typing.py, types.py,
# abc.py and collections/, which a program may not shadow (as in mypy).
set -euo pipefail
src=${1:-$(python3.11 -c "import sysconfig; print(sysconfig.get_paths()['stdlib'])")}
root=$(cd "$(dirname "$0")/.." && pwd)
make -C "$root" --no-print-directory build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src" "$work/Lib"
cd "$work/Lib"
rm -rf site-packages dist-packages typing.py types.py abc.py collections
python3 -W ignore - <<'PY'
import pathlib
for p in sorted(pathlib.Path('.').rglob('*.py')):
    try:
        compile(p.read_bytes(), str(p), 'exec')
    except (SyntaxError, ValueError):
        p.unlink()
PY
sync # let the copy reach the disk before timing
echo "files: $(find . -name '*.py' | wc -l), lines: $(find . -name '*.py' -print0 | xargs -0 cat | wc -l)"
/usr/bin/time -f "%e s wall, %M KB peak RSS" "$root/bin/typd" check --no-incremental --python-version 3.11 --no-site-packages . | tail -1 || true
