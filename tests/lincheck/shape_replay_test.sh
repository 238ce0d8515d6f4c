#!/usr/bin/env bash
# weft run --threads/--ops-per-thread on a lincheck spec: the finding's
# program has that shape, the printed replay line carries both flags, and
# running that line reproduces the finding (exit status 0).
# Usage: shape_replay_test.sh PROGRAM (a weft::main program with userlin/mailbox_racy)
set -u
program=$1
out=$("$program" run userlin/mailbox_racy --threads 3 --ops-per-thread 1 --iterations 2000 --seed 2 2>&1)
status=$?
echo "$out"
[ $status -eq 0 ] || { echo "FAIL: run exited $status, expected 0 (the bug found)"; exit 1; }
grep -Eq 'workload: .*\| t3: ' <<<"$out" || { echo "FAIL: the workload has no third thread"; exit 1; }
line=$(sed -n 's/^ *replay: [^ ]* replay //p' <<<"$out" | head -1)
[ -n "$line" ] || { echo "FAIL: no replay line"; exit 1; }
grep -q -- '--threads 3 --ops-per-thread 1' <<<"$line" || { echo "FAIL: the replay line lacks the shape: $line"; exit 1; }
eval "set -- $line"  # the line is shell-quoted
"$program" replay "$@" || { echo "FAIL: the replay line did not reproduce the finding: $line"; exit 1; }
without=("$@")
# The same token without the shape draws another program: refused or not reproduced.
filtered=()
skip=0
for a in "${without[@]}"; do
  if [ $skip -eq 1 ]; then skip=0; continue; fi
  case "$a" in --threads|--ops-per-thread) skip=1; continue ;; esac
  filtered+=("$a")
done
if "$program" replay "${filtered[@]}" >/dev/null 2>&1; then
  echo "FAIL: the replay reproduced without the shape flags (they would not matter)"; exit 1
fi
echo "PASS"
