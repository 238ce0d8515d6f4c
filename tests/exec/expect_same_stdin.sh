#!/usr/bin/env bash
# expect_same_stdin.sh WEFT PROGRAM: `weft exec` of PROGRAM (input/sum_lines.c),
# with its input piped, from a file (two jobs), and from a writer that keeps
# the pipe open for a while: every execution reads the whole input
# (instrument/stdin_capture.cpp), so each run is clean; with no input, the
# program's exit 3 is a finding at once.
set -uo pipefail
weft=$1
program=$2
run() { "$weft" exec --iterations 200 --shrink-time 0 --watchdog 5 "$@" 2>&1; }
input=$(mktemp)
trap 'rm -f "$input"' EXIT
seq 1 100 > "$input"

out=$(seq 1 100 | run -- "$program" 5050) || { echo "piped input: $out"; exit 1; }
out=$(run --jobs 2 -- "$program" 5050 < "$input") || { echo "input from a file, two jobs: $out"; exit 1; }
out=$( (seq 1 100; sleep 1) | "$weft" exec --iterations 20 --shrink-time 0 --watchdog 5 -- "$program" 5050 2>&1) ||
  { echo "input from a writer still open: $out"; exit 1; }
out=$(run -- "$program" 5050 < /dev/null)
status=$?
[ "$status" -eq 1 ] && printf '%s' "$out" | grep -qF "exit: the program ended with exit status 3" ||
  { echo "no input: exit status $status, expected 1 with the program's exit 3: $out"; exit 1; }
