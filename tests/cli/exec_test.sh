#!/usr/bin/env bash
# End-to-end tests of `weft exec` (cli/src/cmd_exec.cpp) against a fake
# instrumented program (fake_instrumented.cpp: the marker and canned
# answers): bad input exits 2 with one line, a finding 1, clean 0, a program
# dying or hanging before it answers 3; the request carries the flags; the
# reports and the printed replay command.
# Usage: exec_test.sh WEFT FAKE_PROGRAM
set -uo pipefail
weft=$1
fake=$2
source "$(dirname "$0")/lib.sh"
json_get() {  # json_get FILE PYTHON-EXPRESSION-ON-r: prints the value
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"
}
check() {  # check DESCRIPTION COMMAND...: the command succeeds
  local what=$1
  shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

# --- bad input: exit 2, one line, the program not started --------------------
expect_status 2 "nonexistent program" -- "$weft" exec -- "$tmp/nope"
expect_one_line_error "nonexistent program" "PROGRAM '$tmp/nope': no such file"
expect_status 2 "program not in PATH" -- "$weft" exec -- weft-no-such-program-anywhere
expect_one_line_error "program not in PATH" "no executable file of that name in PATH"
printf 'weft-instrumented-runtime-v1\n' >"$tmp/not-executable"
expect_status 2 "program not executable" -- "$weft" exec -- "$tmp/not-executable"
expect_one_line_error "program not executable" "not executable"
expect_status 2 "a directory" -- "$weft" exec -- "$tmp"
expect_one_line_error "a directory" "not a regular file"
expect_status 2 "program without the marker" -- "$weft" exec -- /bin/true
expect_one_line_error "program without the marker" \
  "PROGRAM '/bin/true' was not built with weft's instrumentation (build it with weft-c++ or weft_instrument())"
expect_status 2 "no program" -- "$weft" exec -n 5
expect_one_line_error "no program" "PROGRAM is required"
log=$tmp/request.json
export FAKE_REQUEST_LOG=$log
for bad in "--strategy bogus:unknown strategy 'bogus'" "--iterations 0:--iterations" "--time -1:--time" \
           "--detect=-nope:nope" "--threads 0:--threads" "--preemption-bound -1:--preemption-bound"; do
  flag=${bad%%:*}
  rm -f "$log"
  # shellcheck disable=SC2086
  expect_status 2 "bad flag $flag" -- "$weft" exec $flag -- "$fake" clean
  expect_one_line_error "bad flag $flag" "${bad#*:}"
  check "bad flag $flag: the program was not started" test ! -e "$log"
done
expect_status 2 "unwritable report path" -- "$weft" exec --json "$tmp/no/such/dir/r.json" -- "$fake" clean
check "unwritable report path: the program was not started" test ! -e "$log"

# --- a clean program: exit 0; the request holds the flags as given ------------
expect_status 0 "clean program" -- "$weft" exec -n 7 --seed 3 --keep-going --detect=-data_race --memory-model sc \
  --json "$tmp/clean.json" -- "$fake" clean 'an arg' --not-a-weft-flag
expect_in out "clean: the scenario line" "exec/$(basename "$fake")"
check "clean: JSON scenario name" test "$(json_get "$tmp/clean.json" "r['scenarios'][0]['name']")" = "exec/$(basename "$fake")"
check "clean: JSON as expected" test "$(json_get "$tmp/clean.json" "r['scenarios'][0]['as_expected']")" = True
check "clean: JSON executions" test "$(json_get "$tmp/clean.json" "r['scenarios'][0]['stats']['executions']")" = 42
check "clean: the flags as given" test "$(json_get "$log" "r['flags']")" = \
  "['--iterations=7', '--seed=3', '--keep-going', '--memory-model=sc', '--detect=-data_race']"
check "clean: no replay asked" test "$(json_get "$log" "'replay' in r")" = False
check "clean: a result fd" test "$(json_get "$log" "r['result_fd'] > 2")" = True
# Without --: from PROGRAM on, every word is the program's, flags included.
expect_status 0 "clean program without --" -- "$weft" exec -n 7 "$fake" clean -n 3 --seed 4 -q
check "without --: only weft's flags in the request" test "$(json_get "$log" "r['flags']")" = "['--iterations=7']"

# --- a finding: exit 1, every report, the replay command -----------------------
expect_status 1 "program with a finding" -- "$weft" exec -n 7 --memory-model sc --detect=-deadlock \
  --json "$tmp/race.json" --junit "$tmp/race.xml" --sarif "$tmp/race.sarif" --html "$tmp/race.html" -- "$fake" race 'x y'
expect_in out "race: console names the kind" "data_race"
expect_in out "race: console message" "data race on 'counter' (fake)"
replay="weft exec --replay 'w1-fake' --detect=-deadlock --memory-model sc -- $fake race 'x y'"
expect_in out "race: the printed replay command" "replay: $replay"
check "race: JSON kind" test "$(json_get "$tmp/race.json" "r['scenarios'][0]['findings'][0]['kind']")" = data_race
check "race: JSON replay" test "$(json_get "$tmp/race.json" "r['scenarios'][0]['findings'][0]['replay']")" = "$replay"
check "race: JSON not as expected" test "$(json_get "$tmp/race.json" "r['scenarios'][0]['as_expected']")" = False
check "race: JUnit failure" grep -q "<failure" "$tmp/race.xml"
check "race: SARIF result" grep -q '"ruleId"' "$tmp/race.sarif"
check "race: HTML names the finding" grep -q "data race on" "$tmp/race.html"

# The printed replay command runs as printed (weft from PATH): the schedule
# reproduces (exit 0, the request carries it); another schedule does not (1).
rm -f "$log"
expect_status 0 "printed replay reproduces" -- env PATH="$(dirname "$weft"):$PATH" bash -c "$replay"
expect_in out "replay: console names the kind" "data_race"
check "replay: the schedule in the request" test "$(json_get "$log" "r['replay']")" = w1-fake
check "replay: the flags in the request" test "$(json_get "$log" "r['flags']")" = \
  "['--memory-model=sc', '--detect=-deadlock']"
expect_status 1 "replay of another schedule does not reproduce" -- "$weft" exec --replay w1-other -- "$fake" race
expect_status 1 "replay of a clean program does not reproduce" -- "$weft" exec --replay w1-fake -- "$fake" clean

# --- no answer: exit 3 with one line naming what happened; no report ----------
cp "$tmp/clean.json" "$tmp/crash.json"  # a report of an earlier run at the same path
expect_status 3 "program killed by a signal" -- "$weft" exec --json "$tmp/crash.json" -- "$fake" crash
expect_one_line_error "program killed by a signal" "was killed by signal 11"
check "crash: no report, not even an earlier one" test ! -e "$tmp/crash.json"
expect_status 3 "program exiting before it answers" -- "$weft" exec -- "$fake" exit
expect_one_line_error "program exiting before it answers" "exited with status 1 before answering"
expect_status 2 "program answering an error" -- "$weft" exec -- "$fake" error
expect_one_line_error "program answering an error" "--strategy dfs is not supported here (fake)"
start=$(date +%s)
expect_status 3 "hanging program" -- "$weft" exec --answer-timeout 1 -- "$fake" hang
expect_one_line_error "hanging program" "gave no answer within 1 s: killed it"
check "hanging program: killed within seconds" test $(($(date +%s) - start)) -lt 20

# SIGTERM to weft exec: passed on to the program, exit 128 + 15, no report.
rm -f "$log" "$log.pid"
cp "$tmp/clean.json" "$tmp/term.json"
"$weft" exec --json "$tmp/term.json" -- "$fake" hang >"$tmp/out" 2>"$tmp/err" &
weft_pid=$!
for _ in $(seq 100); do [ -s "$log.pid" ] && break; sleep 0.1; done
kill -TERM "$weft_pid"
wait "$weft_pid"
check "SIGTERM: exit 143" test $? -eq 143
check "SIGTERM: the program is gone" test -s "$log.pid" -a ! -d "/proc/$(cat "$log.pid" 2>/dev/null || echo 0)"
check "SIGTERM: no report" test ! -e "$tmp/term.json"

finish
