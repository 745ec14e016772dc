#!/usr/bin/env bash
# Compare typd with mypy 1.0.1 (Debian's, ../shared/tools/oracles) on real
# typed Python that Debian ships: each package's sources are copied out of
# dist-packages and checked by both with the same flags, mypy 1.0.1's own
# typeshed given to typd (--custom-typeshed-dir) and the same interpreter
# (/usr/bin/python3) for third-party imports. Error lines are compared by
# file, line and error code: "typd only" are typd's false errors, "mypy
# only" what typd misses.
#
# Usage: bench/realcode.sh [PACKAGE...]   (default: all of them)
# Installs what it needs (the oracles, the Debian packages) when missing.
# Each package's difference lists are left in $OUT (default /tmp/realcode).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-/tmp/realcode}
dist=/usr/lib/python3/dist-packages
typeshed=$dist/mypy/typeshed
make -C "$root" --no-print-directory build >/dev/null
command -v mypy >/dev/null || bash "$root/../shared/tools/oracles/setup.sh" >/dev/null

# package: Debian package, folder in dist-packages, flags for both checkers.
declare -A deb=([mypy]=python3-mypy [attr]=python3-attr [packaging]=python3-packaging
  [click]=python3-click [rich]=python3-rich [jinja2]=python3-jinja2 [markupsafe]=python3-markupsafe
  [idna]=python3-idna [platformdirs]=python3-platformdirs [markdown_it]=python3-markdown-it
  [tomlkit]=python3-tomlkit [filelock]=python3-filelock [cattrs]=python3-cattr)
declare -A flags=([mypy]="--config-file $root/bench/realcode/mypy.ini"
  [attr]="--strict --python-version 3.11" [packaging]="--strict --python-version 3.11")
packages=("$@")
[ ${#packages[@]} -gt 0 ] || packages=(mypy attr packaging click rich jinja2 markupsafe idna platformdirs markdown_it tomlkit filelock cattrs)

mkdir -p "$out"
printf '| package | version | files | mypy 1.0.1 errors | typd errors | both | typd only | mypy only | mypy s | typd s |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "${deb[$p]}" 2>/dev/null | grep -q "install ok installed" ||
    { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${deb[$p]}" >/dev/null; }
  version=$(dpkg-query -W -f='${Version}' "${deb[$p]}")
  work=$(mktemp -d)
  t=$p
  (cd "$dist" && find "$t" \( -name '*.py' -o -name '*.pyi' -o -name py.typed \) -not -path '*/__pycache__/*' \
    -not -path 'mypy/typeshed/*' -print0 | tar --null -cf - -T -) | (cd "$work" && tar xf -)
  cd "$work"
  # shellcheck disable=SC2086
  f=${flags[$p]:---python-version 3.11}
  s1=$(date +%s.%N); mypy $f "$t" >"$out/$p.mypy" 2>&1 || true; s2=$(date +%s.%N)
  # shellcheck disable=SC2086
  # --no-strict-bytes: mypy 1.0.1 promotes bytearray and memoryview to
  # bytes, which mypy 2 (and typd) no longer do by default.
  "$root/bin/typd" check --no-incremental $f --no-strict-bytes --python-executable /usr/bin/python3 --custom-typeshed-dir "$typeshed" \
    "$t" >"$out/$p.typd" 2>&1 || true; s3=$(date +%s.%N)
  files=$(grep -oE '[0-9]+ source files?' "$out/$p.mypy" | tail -1 | cut -d' ' -f1 || true)
  # (mypy 1.0.1's [import] is newer mypy's [import-not-found] and [import-untyped];
  # its [misc] for overloads newer mypy's [overload-overlap] and
  # [overload-cannot-match]; its [typeddict-item] for an extra key newer
  # mypy's [typeddict-unknown-key].)
  key() { { grep -E '^[^ ]+:[0-9]+: error:' "$1" || true; } | sed -E 's/^([^:]+):([0-9]+): error: .*\[([a-z-]+)\]$/\1:\2 [\3]/' |
    sed -E 's/\[import-(not-found|untyped)\]$/[import]/; s/\[overload-(overlap|cannot-match)\]$/[misc]/' |
    sed -E 's/\[typeddict-unknown-key\]$/[typeddict-item]/' | sort -u; }
  key "$out/$p.mypy" >"$out/$p.mypy.keys"
  key "$out/$p.typd" >"$out/$p.typd.keys"
  both=$(comm -12 "$out/$p.mypy.keys" "$out/$p.typd.keys" | wc -l)
  comm -13 "$out/$p.mypy.keys" "$out/$p.typd.keys" >"$out/$p.typd-only"
  comm -23 "$out/$p.mypy.keys" "$out/$p.typd.keys" >"$out/$p.mypy-only"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %.1f | %.1f |\n' "$p" "$version" "$files" \
    "$(wc -l <"$out/$p.mypy.keys")" "$(wc -l <"$out/$p.typd.keys")" "$both" \
    "$(wc -l <"$out/$p.typd-only")" "$(wc -l <"$out/$p.mypy-only")" \
    "$(echo "$s2 - $s1" | bc)" "$(echo "$s3 - $s2" | bc)"
  cd "$root"
  rm -rf "$work"
done
