#!/usr/bin/env bash
# End-to-end tests of `weft exec` on a GoogleTest program
# (tests/exec/gtest_program/gtest_program.cpp, built with weft's
# instrumentation): each test is a scenario of its own, exec/<program>/<test>
# (value-parameterized and typed names too, disabled tests skipped); the
# correct tests are clean, the race is a data_race and the EXPECT_EQ that
# fails in some interleavings an exit finding, with GoogleTest's message from
# the program's output in its replay; the printed replay command
# reruns that one test and reproduces it; --gtest_filter selects the tests;
# --shard and GoogleTest's sharding variables split them over shards;
# a program that cannot list its tests is one line, exit 2.
# Usage: gtest_exec_test.sh WEFT GTEST_PROGRAM
set -uo pipefail
weft=$1
program=$2
source "$(dirname "$0")/lib.sh"
json_get() {  # json_get FILE PYTHON-EXPRESSION-ON-r-AND-s: prints the value (s: scenarios by test name)
  python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
s = {x['name'].split('/', 2)[2]: x for x in r['scenarios']}
print($2)" "$1"
}
check() {  # check DESCRIPTION COMMAND...: the command succeeds
  local what=$1
  shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
base=$(basename "$program")

# --- every test a scenario ----------------------------------------------------
expect_status 1 "whole program: a finding" -- "$weft" exec --strategy random --iterations 100 --seed 1 \
  --json "$tmp/all.json" --junit "$tmp/all.xml" --sarif "$tmp/all.sarif" --html "$tmp/all.html" -- "$program"
all=$tmp/all.json
check "whole program: the scenarios, in the listing's order, the disabled test left out" \
  test "$(json_get "$all" "' '.join(x['name'] for x in r['scenarios'])")" = \
  "exec/$base/Counter.LockedIncrements exec/$base/Counter.RacyIncrements exec/$base/Account.CheckThenActWithdrawals exec/$base/Stores/0.LockedStores exec/$base/Stores/1.LockedStores exec/$base/Param/CounterByStep.LockedAdds/0 exec/$base/Param/CounterByStep.LockedAdds/1"
for clean in Counter.LockedIncrements Stores/0.LockedStores Stores/1.LockedStores \
             Param/CounterByStep.LockedAdds/0 Param/CounterByStep.LockedAdds/1; do
  check "$clean: clean, every execution run" \
    test "$(json_get "$all" "(len(s['$clean']['findings']), s['$clean']['stats']['executions'])")" = "(0, 100)"
done
check "the race: a data_race" \
  test "$(json_get "$all" "[f['kind'] for f in s['Counter.RacyIncrements']['findings']]")" = "['data_race']"
check "the race: found in the test's own line" \
  test "$(json_get "$all" "'gtest_program.cpp:31' in s['Counter.RacyIncrements']['findings'][0]['message']")" = True
check "the failed EXPECT_EQ: an exit finding" \
  test "$(json_get "$all" "[f['kind'] for f in s['Account.CheckThenActWithdrawals']['findings']]")" = "['exit']"
check "the failed EXPECT_EQ: says it is GoogleTest's" \
  test "$(json_get "$all" "'a GoogleTest assertion failed' in s['Account.CheckThenActWithdrawals']['findings'][0]['details'][0]")" = True
check "the failed EXPECT_EQ: GoogleTest's message in the program's output, without its banners" \
  test "$(json_get "$all" "[d for d in s['Account.CheckThenActWithdrawals']['findings'][0]['details'] if 'Which is: -100' in d or '[ RUN' in d]")" = "['|     Which is: -100']"
check "the failed EXPECT_EQ: its schedule shrunk (each candidate's exit captured in its process)" \
  test "$(json_get "$all" "(lambda f: f['preemptions'] < f['original_preemptions'])(s['Account.CheckThenActWithdrawals']['findings'][0])")" = True
race_replay=$(json_get "$all" "s['Counter.RacyIncrements']['findings'][0]['replay']")
expect_replay="weft exec --replay '$(json_get "$all" "s['Counter.RacyIncrements']['findings'][0]['schedule']")' -- $program --gtest_filter=Counter.RacyIncrements"
check "the race: its replay command names the test" test "$race_replay" = "$expect_replay"
check "JUnit: a test case per test" test "$(grep -c "<testcase" "$tmp/all.xml")" -eq 7
check "SARIF: the race" grep -q '"ruleId": *"data_race"' "$tmp/all.sarif"
check "HTML: a parameterized test's name" grep -q "Param/CounterByStep.LockedAdds/1" "$tmp/all.html"

# The printed replay commands run as printed (weft from PATH) and reproduce
# (exit 0), printing GoogleTest's own message for the failed EXPECT_EQ.
expect_status 0 "the race's replay reproduces" -- env PATH="$(dirname "$weft"):$PATH" bash -c "$race_replay"
expect_in out "the race's replay: a data_race" "data_race"
expect_in out "the race's replay: that one test" "exec/$base/Counter.RacyIncrements"
expect_status 0 "the failed EXPECT_EQ's replay reproduces" -- env PATH="$(dirname "$weft"):$PATH" bash -c \
  "$(json_get "$all" "s['Account.CheckThenActWithdrawals']['findings'][0]['replay']")"
expect_in out "the failed EXPECT_EQ's replay: GoogleTest's message" "Which is: -100"
expect_status 2 "--replay of several tests" -- "$weft" exec --replay w1-c -- "$program"
expect_one_line_error "--replay of several tests" "weft exec --replay runs one test"

# --- --gtest_filter selects; the user's filter is replaced by each test's -----
expect_status 0 "a filter of the correct tests: clean" -- "$weft" exec -n 50 --seed 1 --json "$tmp/clean.json" \
  -- "$program" '--gtest_filter=Counter.Locked*:Param/*'
check "a filter: the tests it selects" test "$(json_get "$tmp/clean.json" "sorted(s)")" = \
  "['Counter.LockedIncrements', 'Param/CounterByStep.LockedAdds/0', 'Param/CounterByStep.LockedAdds/1']"
check "a filter: each test's own filter, once" test "$(json_get "$tmp/clean.json" \
  "s['Counter.LockedIncrements']['summary'].split(' -- ')[1]")" = "$program --gtest_filter=Counter.LockedIncrements"
expect_status 2 "a filter selecting nothing" -- "$weft" exec -- "$program" --gtest_filter=Nope.*
expect_one_line_error "a filter selecting nothing" "lists no test to run with --gtest_filter=Nope.*"
expect_status 1 "disabled tests run when asked: the disabled one is a race" -- "$weft" exec -n 50 --seed 1 \
  --json "$tmp/disabled.json" -- "$program" --gtest_filter=*Skipped --gtest_also_run_disabled_tests
check "disabled: its race found" test "$(json_get "$tmp/disabled.json" "[f['kind'] for f in s['Counter.DISABLED_Skipped']['findings']]")" = "['data_race']"

# --- shards: the tests split as weft run's scenarios do --------------------------
expect_status 1 "--shard 1/2: the failed EXPECT_EQ" -- "$weft" exec -n 100 --seed 1 --shard 1/2 --json "$tmp/shard1.json" \
  -- "$program"
expect_status 1 "--shard 2/2: the race" -- "$weft" exec -n 100 --seed 1 --shard 2/2 --json "$tmp/shard2.json" -- "$program"
check "--shard 1/2: every other test from the first" test "$(json_get "$tmp/shard1.json" "' '.join(s)")" = \
  "Counter.LockedIncrements Account.CheckThenActWithdrawals Stores/1.LockedStores Param/CounterByStep.LockedAdds/1"
check "--shard 2/2: the others" test "$(json_get "$tmp/shard2.json" "' '.join(s)")" = \
  "Counter.RacyIncrements Stores/0.LockedStores Param/CounterByStep.LockedAdds/0"
check "--shard 2/2: the report says which shard" test "$(json_get "$tmp/shard2.json" "r['shard']")" = "2/2"
expect_status 2 "--shard 3/2" -- "$weft" exec --shard 3/2 -- "$program"
expect_one_line_error "--shard 3/2" "--shard"
# GoogleTest's sharding variables (a sharded CI job) split the tests too: a
# test runs whole in its shard (the program does not see the variables, so it
# does not skip it and be found clean), and other shards do not list it.
expect_status 1 "GTEST_SHARD_INDEX=0 of 3: the race is found" -- env GTEST_TOTAL_SHARDS=3 GTEST_SHARD_INDEX=0 \
  "$weft" exec -n 50 --seed 1 -- "$program" --gtest_filter=Counter.RacyIncrements
expect_in out "GTEST_SHARD_INDEX=0 of 3: a data_race" "data_race"
expect_status 0 "GTEST_SHARD_INDEX=2 of 3: another shard's test is not run" -- env GTEST_TOTAL_SHARDS=3 \
  GTEST_SHARD_INDEX=2 "$weft" exec -n 50 --seed 1 --json "$tmp/other_shard.json" -- "$program" \
  --gtest_filter=Counter.RacyIncrements
check "GTEST_SHARD_INDEX=2 of 3: no scenario, none found clean" \
  test "$(json_get "$tmp/other_shard.json" "len(r['scenarios'])")" -eq 0

# --- --time is shared among the tests --------------------------------------------
start=$(date +%s)
expect_status 1 "--time 3: a finding" -- "$weft" exec -n 100000000 --time 3 --json "$tmp/time.json" -- "$program"
check "--time 3: every test run" test "$(json_get "$tmp/time.json" "len(r['scenarios'])")" -eq 7
check "--time 3: within the budget, not 7 times it" test $(($(date +%s) - start)) -lt 12

# --- a GoogleTest program that cannot list its tests: one line, exit 2 ---------
fake=$tmp/fake_gtest
printf '#!/bin/sh\n# weft-instrumented-runtime-v1 gtest_list_tests\necho oops >&2\nexit 1\n' >"$fake"
chmod +x "$fake"
expect_status 2 "listing fails" -- "$weft" exec -- "$fake"
expect_one_line_error "listing fails" "could not list its tests with --gtest_list_tests: it exited with status 1"
printf '#!/bin/sh\n# weft-instrumented-runtime-v1 gtest_list_tests\nsleep 30\n' >"$fake"
start=$(date +%s)
expect_status 2 "listing hangs" -- "$weft" exec --answer-timeout 1 -- "$fake"
expect_one_line_error "listing hangs" "no end within 1 s: killed it"
check "listing hangs: killed within seconds" test $(($(date +%s) - start)) -lt 10

finish
