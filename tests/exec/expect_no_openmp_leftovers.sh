#!/usr/bin/env bash
# expect_no_openmp_leftovers.sh WEFT PROGRAM REFUSED: `weft exec` of the
# OpenMP PROGRAM, and of REFUSED (an OpenMP program weft exec refuses in its
# first execution, exit 2), leaves none of libomp's registrations in
# /dev/shm: each
# execution's process registers itself there as
# __KMP_REGISTERED_LIB_<pid>_<uid>, which its exit would remove, and the
# executions end with _exit (instrument/openmp_locks.cpp removes them; the
# test runs alone, RUN_SERIAL, so no other run's are there meanwhile).
set -uo pipefail
count() { find /dev/shm -maxdepth 1 -name '__KMP_REGISTERED_LIB_*' 2>/dev/null | wc -l; }
before=$(count)
out=$("$1" exec --iterations 100 --shrink-time 0 -- "$2" 2>&1) || { echo "weft exec failed: $out"; exit 1; }
after=$(count)
[ "$after" -le "$before" ] || { echo "$((after - before)) registrations of libomp left in /dev/shm"; exit 1; }
"$1" exec --iterations 5 --shrink-time 0 -- "$3" > /dev/null 2>&1
status=$?
[ "$status" -eq 2 ] || { echo "the refused program: exit status $status, expected 2"; exit 1; }
refused=$(count)
[ "$refused" -le "$before" ] || { echo "the refused program left $((refused - before)) registrations of libomp"; exit 1; }
