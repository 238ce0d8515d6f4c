#!/usr/bin/env bash
# expect_no_openmp_leftovers.sh WEFT PROGRAM: `weft exec` of the OpenMP
# PROGRAM leaves none of libomp's registrations in /dev/shm: each
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
