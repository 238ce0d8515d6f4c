#!/usr/bin/env bash
# End-to-end test of `weft exec` on a GoogleTest program with a death test
# (tests/exec/gtest_program/gtest_death_program.cpp): the death test forks,
# which weft exec does not follow, but the run goes on with the other tests,
# writes their verdicts and reports, and ends with one line naming the death
# test and the --gtest_filter that leaves it out (keeping the user's own
# filter), exit 2; that filter runs clean; the death test alone is refused
# as any forking program is.
# Usage: gtest_death_exec_test.sh WEFT GTEST_DEATH_PROGRAM
set -uo pipefail
weft=$1
program=$2
source "$(dirname "$0")/lib.sh"
base=$(basename "$program")

expect_status 2 "a death test among others" -- "$weft" exec -n 20 --seed 1 --json "$tmp/all.json" \
  --junit "$tmp/all.xml" -- "$program"
expect_one_line_error "a death test among others" \
  "1 of 3 tests could not be checked (Abort.DiesLoudly calls fork()"
expect_in err "the filter that leaves it out" "--gtest_filter=-Abort.DiesLoudly"
expect_in out "the others' verdicts" "exec/$base/Counter.LockedIncrements"
expect_in out "the others' verdicts, both" "exec/$base/Counter.Alone"
if python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
names = [s['name'] for s in r['scenarios']]
assert names == ['exec/$base/Counter.LockedIncrements', 'exec/$base/Counter.Alone'], names
assert all(not s['findings'] and s['stats']['executions'] == 20 for s in r['scenarios'])
" "$tmp/all.json"; then pass=$((pass + 1)); else echo "FAIL: JSON report: the two other tests, clean"; failures=$((failures + 1)); fi
if [ "$(grep -c "<testcase" "$tmp/all.xml")" -eq 2 ]; then pass=$((pass + 1)); else
  echo "FAIL: JUnit report: the two other tests"; failures=$((failures + 1)); fi

expect_status 0 "the filter it names: clean" -- "$weft" exec -n 20 --seed 1 -- "$program" --gtest_filter=-Abort.DiesLoudly
expect_status 2 "a user's filter kept" -- "$weft" exec -n 20 --seed 1 -- "$program" '--gtest_filter=Counter.*:Abort.*'
expect_in err "a user's filter kept: its positive part" "'--gtest_filter=Counter.*:Abort.*-Abort.DiesLoudly'"
expect_status 2 "the death test alone" -- "$weft" exec -n 20 --seed 1 -- "$program" --gtest_filter=Abort.DiesLoudly
expect_one_line_error "the death test alone" "calls fork(), which weft exec does not follow"

finish
