#!/usr/bin/env bash
# link_map_covers_runtime.sh RUNTIME_ARCHIVE MAP — the version script every
# instrumented executable is linked with (checker/include/weft/shim/weft-link.map)
# hides the program's copies of the standard library's templates behind
# wildcard patterns. A definition of weft's runtime that a pattern matches
# and that is not a template's instantiation (a COMDAT group's: weft's own
# copies) is an interposer, such as std::terminate or std::__future_base's
# _M_set: it must be in the script's global list, or libraries would stop
# calling it. Exit 1 naming each one missing.
set -euo pipefail
archive=$1
map=$2
globals=$(sed -n '/global:/,/local:/p' "$map" | grep -o '_Z[A-Za-z0-9_]*' || true)
patterns=$(sed -n '/local:/,/};/p' "$map" | grep -o '_Z[^;]*\*' | sed 's/\*/.*/g; s/^/^/' | paste -sd'|')
[ -n "$patterns" ] || { echo "no local patterns in $map"; exit 1; }
objects=$(mktemp -d)
trap 'rm -rf "$objects"' EXIT
archive=$(realpath "$archive")
(cd "$objects" && ar x "$archive")
instantiations=$(readelf -gW "$objects"/*.o 2>/dev/null | sed -n 's/^COMDAT group section .*\[\(_Z[^]]*\)\].*/\1/p' | sort -u)
missing=0
while read -r symbol; do
  # A constructor's or destructor's variants (C1, C2; D0, D1, D2) share the
  # group of their C5 or D5 name.
  group=$(sed -E 's/C[12](E|I)/C5\1/; s/D[012]Ev$/D5Ev/' <<<"$symbol")
  grep -qx -e "$symbol" -e "$group" <<<"$instantiations" && continue
  if ! grep -qx "$symbol" <<<"$globals"; then
    echo "weft-link.map hides weft's own $symbol ($(c++filt "$symbol")): add it to the global list"
    missing=1
  fi
done < <(nm -g --defined-only "$archive" 2>/dev/null | awk '$2 == "T" || $2 == "W" {print $3}' | grep -E "$patterns" | sort -u)
exit $missing
