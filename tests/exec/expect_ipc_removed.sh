#!/usr/bin/env bash
# expect_ipc_removed.sh WEFT PROGRAM: `weft exec` of PROGRAM (cleanup/
# ipc_left_behind.c), which makes a System V queue and semaphore set under
# the key it is given and is abandoned at a data race before removing them,
# reports the race (exit 1), and no queue or set with that key is left.
set -uo pipefail
key=$(( (RANDOM << 15 | RANDOM) + 4096 ))  # not IPC_PRIVATE; unlikely to be anyone else's
hex=$(printf '0x%08x' "$key")
left() { ipcs -q -s | grep -ci -- "^$hex " || true; }
[ "$(left)" -eq 0 ] || { echo "key $hex is taken already"; exit 1; }
out=$(WEFT_TEST_IPC_KEY=$key "$1" exec --iterations 20 --shrink-time 0 -- "$2" 2>&1)
status=$?
[ "$status" -eq 1 ] || { echo "exit status $status, expected 1: $out"; exit 1; }
printf '%s' "$out" | grep -q "data_race" || { echo "no data race in: $out"; exit 1; }
n=$(left)
if [ "$n" -ne 0 ]; then
  echo "$n System V object(s) with key $hex left behind:"
  ipcs -q -s | grep -i -- "^$hex "
  ipcrm -Q "$key" 2>/dev/null; ipcrm -S "$key" 2>/dev/null
  exit 1
fi
