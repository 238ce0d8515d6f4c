#!/usr/bin/env bash
# End-to-end: weft survives whatever the code under test does (issue 11).
# Crashes, exit() and hangs become findings with a schedule that replays;
# the remaining scenarios still get verdicts; --time holds; SIGINT/SIGTERM
# stop the workers; report paths that are not regular files are written
# through; schedules cannot expand without bound; stdout is flushed per
# scenario. Usage: survive_test.sh WEFT MISBEHAVE SOURCE_DIR
set -uo pipefail
weft=$1
bad=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { pass=$((pass + 1)); }
check() {  # check DESCRIPTION CONDITION...
  local what=$1
  shift
  if "$@"; then ok; else fail "$what"; fi
}
run() {  # run STATUS DESCRIPTION -- COMMAND...: the exit status, stdout in $tmp/out, stderr in $tmp/err
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$what: exit $got, expected $want"
    sed 's/^/  | /' "$tmp/err" | head -5
    sed 's/^/  > /' "$tmp/out" | head -10
  else
    ok
  fi
}
kinds() { grep -o '"kind": *"[a-z_]*"' "$1" | sed 's/.*"\([a-z_]*\)"$/\1/' | sort -u | tr '\n' ' '; }
first_schedule() { grep -o '"schedule": *"w1-[^"]*"' "$1" | head -1 | sed 's/.*"\(w1-[^"]*\)"/\1/'; }
seconds_since() { echo $(( $(date +%s%N) / 1000000 - $1 )); }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# --- 1, 2: exit() and crashes become findings; every scenario gets its verdict.
for jobs in 1 2; do
  run 1 "exit(0) after an uncaught exception (--jobs $jobs)" -- \
    "$bad" run misbehave/uncaught misbehave/exit0 misbehave/clean --jobs $jobs --json "$tmp/exit.json"
  check "exit(0) is an 'exit' finding (--jobs $jobs)" grep -q '"kind": *"exit"' "$tmp/exit.json"
  check "the uncaught exception is still reported (--jobs $jobs)" grep -q '"kind": *"uncaught_exception"' "$tmp/exit.json"
  check "the scenario after exit(0) has its verdict (--jobs $jobs)" grep -q 'misbehave/clean' "$tmp/out"
  check "exit(0) named in the output (--jobs $jobs)" grep -q 'exit(0)\|exit status 0' "$tmp/out"
  for what in segfault abort terminate; do
    run 1 "$what (--jobs $jobs)" -- "$bad" run misbehave/$what misbehave/clean --jobs $jobs --json "$tmp/$what.json"
    check "$what is a 'crash' finding (--jobs $jobs): $(kinds "$tmp/$what.json")" grep -q '"kind": *"crash"' "$tmp/$what.json"
    check "the scenario after $what has its verdict (--jobs $jobs)" grep -q 'misbehave/clean' "$tmp/out"
  done
done
check "SIGSEGV named" grep -q 'SIGSEGV' "$tmp/segfault.json"
check "SIGABRT named for std::terminate" grep -q 'SIGABRT' "$tmp/terminate.json"
check "the crash's trace was recovered from its replay" grep -A1 -q '"trace": *\[$' "$tmp/segfault.json"
run 1 "exit(7)" -- "$bad" run misbehave/exit7 --json "$tmp/exit7.json"
check "exit(7) keeps its status" grep -q 'exit(7)\|exit status 7' "$tmp/exit7.json"

# A dead execution's schedule replays it, and weft replay survives it.
for what in segfault abort exit7; do
  "$bad" run misbehave/$what --json "$tmp/r.json" >/dev/null 2>&1
  schedule=$(first_schedule "$tmp/r.json")
  run 0 "replay of the $what schedule reproduces it" -- "$bad" replay misbehave/$what "$schedule" --json "$tmp/replay.json"
  check "replayed $what has its kind: $(kinds "$tmp/replay.json")" grep -q '"kind": *"\(crash\|exit\)"' "$tmp/replay.json"
done

# A crash in some schedules only: --keep-going goes on, --jobs does not change the findings.
run 1 "segfault in some schedules, --keep-going" -- "$bad" run misbehave/segfault_sometimes --keep-going -n 300 --json "$tmp/k1.json"
run 1 "segfault in some schedules, --keep-going --jobs 2" -- "$bad" run misbehave/segfault_sometimes --keep-going -n 300 --jobs 2 --json "$tmp/k2.json"
check "same findings for --jobs 1 and 2" [ "$(grep -c '"kind"' "$tmp/k1.json")" = "$(grep -c '"kind"' "$tmp/k2.json")" ]

# --- 3: a loop that never reaches a scheduling point is a 'hang' (the watchdog), also with --time and --jobs.
for extra in "" "--jobs 2" "--time 30"; do
  start=$(now_ms)
  run 1 "spin ($extra)" -- "$bad" run misbehave/spin misbehave/clean --watchdog 1 $extra --json "$tmp/spin.json"
  check "spin is a 'hang' finding ($extra): $(kinds "$tmp/spin.json")" grep -q '"kind": *"hang"' "$tmp/spin.json"
  took=$(seconds_since "$start")
  check "spin ended soon after the watchdog ($extra): ${took} ms" [ "$took" -lt 8000 ]
done
schedule=$(first_schedule "$tmp/spin.json")
# The run's own replay captured the hang's trace (it once died by SIGSEGV
# with per-thread storage: logical threads lacked glibc's <cctype> tables).
check "the hang comes with its trace, replayed" python3 -c "
import json, sys
hangs = [f for s in json.load(open(sys.argv[1]))['scenarios'] for f in s['findings'] if f['kind'] == 'hang']
sys.exit(0 if hangs and all(f['trace'] and not any('did not reproduce' in d for d in f['details']) for f in hangs) else 1)
" "$tmp/spin.json"
run 0 "replay of the hang reproduces it" -- "$bad" replay misbehave/spin "$schedule" --watchdog 1 --json "$tmp/replay.json"
check "replayed hang has its kind" grep -q '"kind": *"hang"' "$tmp/replay.json"

# --- 4: --time is a budget, across workers, even when executions sleep.
for extra in "" "--jobs 2"; do
  start=$(now_ms)
  run 0 "real sleeps under --time 1 ($extra)" -- "$bad" run misbehave/sleep --time 1 -n 100000 $extra
  took=$(seconds_since "$start")
  check "--time 1 with real sleeps took ${took} ms ($extra)" [ "$took" -lt 2500 ]
done
start=$(now_ms)
run 0 "counter/atomic --jobs 2 --time 1" -- "$weft" run counter/atomic --jobs 2 --time 1 -n 100000000
took=$(seconds_since "$start")
check "counter/atomic --jobs 2 --time 1 took ${took} ms" [ "$took" -lt 2500 ]
for bad_time in nan inf -1; do
  run 2 "--time $bad_time" -- "$weft" run counter --time "$bad_time"
  check "--time $bad_time: one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
done

# --- 5: report paths: a symlink updates its target, a FIFO is written through.
echo old >"$tmp/target.json"
ln -s target.json "$tmp/link.json"
run 0 "report through a symlink" -- "$weft" run counter/atomic -n 100 --json "$tmp/link.json"
check "the symlink is still a symlink" [ -L "$tmp/link.json" ]
check "its target holds the report" grep -q '"scenarios"' "$tmp/target.json"
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/from_fifo" &
reader=$!
run 0 "report into a FIFO" -- "$weft" run counter/atomic -n 100 --json "$tmp/fifo"
wait $reader
check "the FIFO is still a FIFO" [ -p "$tmp/fifo" ]
check "the FIFO's reader got the report" grep -q '"scenarios"' "$tmp/from_fifo"
if mknod "$tmp/null" c 1 3 2>/dev/null; then  # a character device like /dev/null (root only)
  run 0 "report into a character device" -- "$weft" run counter/atomic -n 100 --json "$tmp/null"
  check "the character device is still one" [ -c "$tmp/null" ]
fi
check "no temporary left behind" [ -z "$(ls -A "$tmp" | grep '\.tmp-')" ]

# --- 6: a schedule's expansion is bounded: exit 2 at once, one line.
start=$(now_ms)
run 2 "a schedule that expands to 2^60 decisions" -- "$weft" replay counter/unsafe 'w1-a_PPPPPPPPPPPPPPp'
check "rejected in $(seconds_since "$start") ms" [ "$(seconds_since "$start")" -lt 1000 ]
check "one line naming the bound" grep -q 'expands to more than' "$tmp/err"
run 2 "a schedule of 200 executions" -- "$weft" replay counter/unsafe "w1-$(printf 'a.%.0s' $(seq 200))a"

# --- 7: SIGINT/SIGTERM stop the workers; exit 130/143; no stale report.
# One scenario split among 2 workers, and two scenarios side by side (each
# in a process of its own, with its own worker).
for case in "INT counter/atomic" "TERM counter/atomic" "INT counter/atomic counter/locked"; do
  read -r sig scenarios <<<"$case"
  echo '{"stale": true}' >"$tmp/stale.json"
  marker=$((RANDOM + 100000000))  # -n of this run only: finds its workers in ps
  # shellcheck disable=SC2086
  "$weft" run $scenarios --jobs 2 -n $marker --json "$tmp/stale.json" >/dev/null 2>"$tmp/err" &
  pid=$!
  sleep 1
  kill -$sig $pid
  wait $pid
  status=$?
  want=$([ $sig = INT ] && echo 130 || echo 143)
  check "SIG$sig ($scenarios): exit $status, expected $want" [ "$status" -eq "$want" ]
  sleep 0.3
  check "SIG$sig ($scenarios): no process left running" [ -z "$(ps -eo args | grep -- "-n $marker" | grep -v grep)" ]
  check "SIG$sig ($scenarios): one line says so" grep -q "interrupted by SIG$sig" "$tmp/err"
  check "SIG$sig ($scenarios): the stale report is gone" [ ! -e "$tmp/stale.json" ]
done

# --- 10: weft gate with a benchmark program that hangs or fails: exit 2, said so.
src=$3
printf '#!/bin/sh\nexec sleep 30\n' >"$tmp/hanging-bench"
printf '#!/bin/sh\necho "boom: no such benchmark" >&2\nexit 3\n' >"$tmp/failing-bench"
chmod +x "$tmp/hanging-bench" "$tmp/failing-bench"
sed -e "s|\"baseline\": *\"[^\"]*\"|\"baseline\": \"$src/ci/baseline.json\"|" \
    -e 's|"\*"|"counter/atomic"|' "$src/ci/gate.json" >"$tmp/gate.json"
start=$(now_ms)
run 2 "gate with a hanging benchmark program" -- "$weft" gate --config "$tmp/gate.json" --program "$tmp/hanging-bench" --timeout 1 -n 100
check "the gate's timeout held: $(seconds_since "$start") ms" [ "$(seconds_since "$start")" -lt 10000 ]
check "the timeout is reported" grep -q 'did not finish within 1 s' "$tmp/err"
run 2 "gate with a failing benchmark program" -- "$weft" gate --config "$tmp/gate.json" --program "$tmp/failing-bench" -n 100
check "its status is reported" grep -q 'exited with status 3' "$tmp/err"
check "what it printed is shown" grep -q 'boom: no such benchmark' "$tmp/err"

# --- 11: stdout is flushed per scenario: a killed run's log has what finished.
"$bad" run misbehave/clean misbehave/sleep --time 100 -n 100000 >"$tmp/log" 2>&1 &
pid=$!
sleep 1.5
kill -9 $pid
wait $pid 2>/dev/null
check "the log of a killed run has the finished scenario" grep -q 'misbehave/clean' "$tmp/log"

echo "$pass passed, $failures failed"
[ "$failures" -eq 0 ]
