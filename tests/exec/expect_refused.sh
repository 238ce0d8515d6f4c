#!/usr/bin/env bash
# expect_refused.sh WEFT PROGRAM TEXT: `weft exec -- PROGRAM` exits 2 with one
# line of error output that contains TEXT.
set -uo pipefail
out=$("$1" exec --quiet -- "$2" 2>&1 >/dev/null)
status=$?
[ "$status" -eq 2 ] || { echo "exit status $status, expected 2: $out"; exit 1; }
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || { echo "not one line: $out"; exit 1; }
printf '%s' "$out" | grep -qF -- "$3" || { echo "no '$3' in: $out"; exit 1; }
