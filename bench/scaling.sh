#!/usr/bin/env bash
# Scaling: `typd check` on generated modules of growing size, one shape at a
# time, printing the wall time, the time per unit (line, link, term or
# base) and the peak memory. A time per unit that grows with the size shows
# a super-linear cost. Usage: bench/scaling.sh [sizes...] (default 10000
# 100000 1000000). Shapes deeper than parser.MaxNesting (131,072) are
# refused with CPython's "too complex" error, as the chains at 10^6 are.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
make -C "$root" --no-print-directory build >/dev/null
typd="$root/bin/typd"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=${*:-10000 100000 1000000}
gen() { # shape n -> file
  python3 - "$1" "$2" "$3" <<'PY'
import sys
shape, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    if shape == "assignments":
        f.writelines(f"v{i} = {i}\n" for i in range(n))
    elif shape == "branches":
        f.writelines(f"v{i} = {i}\nif v{i}:\n    v{i} = 0\n" for i in range(n // 3))
    elif shape == "attribute-chain":
        f.write("class A:\n    a: 'A'\nA()" + ".a" * n + "\n")
    elif shape == "call-chain":
        f.write("def f(): return f\nf" + "()" * n + "\n")
    elif shape == "sum":
        f.write("x = 1" + " + 1" * n + "\n")
    elif shape == "power":
        f.write("x = 1" + " ** 1" * n + "\n")
    elif shape == "wide-class":
        f.writelines(f"class B{i}: pass\n" for i in range(n))
        f.write("class C(" + ", ".join(f"B{i}" for i in range(n)) + "): pass\nC().x = 1\n")
PY
}
printf '%-16s %9s %9s %12s %10s  %s\n' shape size seconds "us/unit" "peak MB" "first line of output"
for shape in assignments branches attribute-chain call-chain sum power wide-class; do
  for n in $sizes; do
    f="$work/$shape.py"
    gen "$shape" "$n" "$f"
    /usr/bin/time -f '%e %M' -o "$work/time" "$typd" check --no-incremental --python-version 3.11 --no-site-packages "$f" >"$work/out" 2>&1 || true
    read -r secs kb < <(tail -1 "$work/time")
    per=$(python3 -c "print(f'{$secs * 1e6 / $n:.1f}')")
    printf '%-16s %9d %9s %12s %10d  %s\n' "$shape" "$n" "$secs" "$per" $((kb / 1024)) "$(head -1 "$work/out" | sed "s|$work/||" | cut -c1-70)"
  done
done
