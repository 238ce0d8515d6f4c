#!/usr/bin/env bash
# expect_hang_in_call.sh WEFT PROGRAM CALL: `weft exec` of PROGRAM, whose
# thread waits in the kernel in CALL (a call weft exec does not follow),
# ends with a `hang` finding (exit 1) that names CALL, within seconds.
set -uo pipefail
out=$("$1" exec --watchdog 2 --iterations 5 --shrink-time 0 -- "$2" 2>&1)
status=$?
[ "$status" -eq 1 ] || { echo "exit status $status, expected 1: $out"; exit 1; }
printf '%s' "$out" | grep -qF -- "hang: thread 1 has waited for more than 2.00 s in a system call weft does not follow ($3 in " ||
  { echo "no hang naming $3 in: $out"; exit 1; }
