#!/usr/bin/env bash
# End-to-end test of `weft exec` on a Catch2 (v2) or a doctest test program
# (tests/exec/catch2_program/, tests/exec/doctest_program/: the same four
# test cases, built with weft's instrumentation). Run with no arguments,
# each TEST_CASE is a scenario of its own, exec/<program>/<test case>, in
# the order the framework lists them; the locked counter is clean; the
# relaxed flag a data_race placed at the test's own lines (Catch2: its read
# at the CHECK, not in catch.hpp; doctest reads the operand in a function of
# doctest.h that clang leaves out of line: its write at the test's line);
# the failed CHECKs exit findings that say whose assertion failed; the test
# case whose name holds the framework's special characters is selected by
# its escaped name (its CHECK fails at once, so it ran); the printed replay
# command reruns that one test case and reproduces; with an argument the
# program is one scenario.
# Usage: test_framework_exec_test.sh WEFT PROGRAM catch2|doctest
set -uo pipefail
weft=$1
program=$2
framework=$3
source "$(dirname "$0")/lib.sh"
base=$(basename "$program")
source_file="$(dirname "$0")/../exec/${framework}_program/${framework}_program.cpp"
case $framework in
  catch2)
    special='sums, [not a tag] *stars* ~tilde "quoted"'
    race_place="catch2_program.cpp:$(grep -n "CHECK(data == 42)" "$source_file" | cut -d: -f1) "
    header=catch.hpp
    whose="a Catch2 assertion failed"
    argument="[counter]" ;;
  doctest)
    special='sums, *stars* ?q \back'
    race_place="write by thread 1 at $(cd "$(dirname "$source_file")" && pwd)/doctest_program.cpp:$(grep -n "data = 42;" "$source_file" | cut -d: -f1)"
    header=
    whose="a doctest assertion failed"
    argument="--test-case=locked*" ;;
  *) echo "unknown framework '$framework'"; exit 2 ;;
esac
json_check() {  # json_check DESCRIPTION PYTHON-ASSERTS (s: scenarios by test case; special, race_place, header, whose)
  if SPECIAL=$special RACE_PLACE=$race_place HEADER=$header WHOSE=$whose python3 -c "
import json, os, sys
r = json.load(open(sys.argv[1]))
s = {x['name'].split('/', 2)[2]: x for x in r['scenarios']}
kinds = lambda t: [f['kind'] for f in s[t]['findings']]
special, race_place, header, whose = (os.environ[v] for v in ('SPECIAL', 'RACE_PLACE', 'HEADER', 'WHOSE'))
$2" "$tmp/all.json"; then pass=$((pass + 1)); else echo "FAIL: $1"; failures=$((failures + 1)); fi
}

expect_status 1 "every test case: findings" -- "$weft" exec -n 30 --seed 1 --json "$tmp/all.json" -- "$program"
json_check "a scenario per test case, in the listing's order" "
assert [x['name'] for x in r['scenarios']] == ['exec/$base/' + t for t in
  ['locked counter', 'relaxed flag', 'check then act', special]], r['scenarios']"
json_check "the locked counter: clean, every execution run" "
assert kinds('locked counter') == [] and s['locked counter']['stats']['executions'] == 30"
json_check "the relaxed flag: a data_race at the test's own lines" "
f = s['relaxed flag']['findings'][0]
assert f['kind'] == 'data_race' and race_place in f['message'] and (not header or header not in f['message']), f['message']"
json_check "check then act: an exit finding that says whose assertion failed" "
f = s['check then act']['findings'][0]
assert f['kind'] == 'exit' and whose in f['details'][0], f"
json_check "the special name: selected by its escaped name (its CHECK fails at once)" "
assert kinds(special) == ['exit'], s[special]"

replay=$(python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
print([x for x in r['scenarios'] if x['name'].endswith('/relaxed flag')][0]['findings'][0]['replay'])" "$tmp/all.json")
expect_status 0 "the race's replay reproduces" -- env PATH="$(dirname "$weft"):$PATH" bash -c "$replay"
expect_in out "the race's replay: a data_race" "data_race"

expect_status 0 "with an argument: one scenario, the program" -- "$weft" exec -n 20 --seed 1 -- "$program" "$argument"
expect_in out "with an argument: named as the program" "exec/$base "

finish
