#!/usr/bin/env bash
# End-to-end test of `weft exec` on a doctest test program
# (tests/exec/doctest_program/doctest_program.cpp, built with weft's
# instrumentation): run with no arguments, each TEST_CASE is a scenario of
# its own, exec/<program>/<test case>, listed with --list-test-cases;
# the correct one is clean, the race a data_race whose write is at the
# test's own line (its read is in doctest.h: CHECK reads its operand in a
# function of doctest's that clang leaves out of line), the failed CHECKs
# exit findings that say they are doctest's; a test case whose name holds
# doctest's filter characters is selected by its escaped name; the printed
# replay command reruns that one test case and reproduces; with arguments
# the program is one scenario.
# Usage: doctest_exec_test.sh WEFT DOCTEST_PROGRAM
set -uo pipefail
weft=$1
program=$2
source "$(dirname "$0")/lib.sh"
base=$(basename "$program")
json_check() {  # json_check DESCRIPTION PYTHON-ASSERTS-ON-s (s: scenarios by test case)
  if python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
s = {x['name'].split('/', 2)[2]: x for x in r['scenarios']}
kinds = lambda t: [f['kind'] for f in s[t]['findings']]
$2" "$tmp/all.json"; then pass=$((pass + 1)); else echo "FAIL: $1"; failures=$((failures + 1)); fi
}
special='sums, *stars* ?q \\back'
write_line=$(grep -n "data = 42;" "$(dirname "$0")/../exec/doctest_program/doctest_program.cpp" | cut -d: -f1)

expect_status 1 "every test case: findings" -- "$weft" exec -n 30 --seed 1 --json "$tmp/all.json" -- "$program"
json_check "a scenario per test case, in the listing's order" "
assert [x['name'] for x in r['scenarios']] == ['exec/$base/' + t for t in
  ['locked counter', 'relaxed flag', 'check then act', '''$special''']], r['scenarios']"
json_check "the locked counter: clean, every execution run" "
assert kinds('locked counter') == [] and s['locked counter']['stats']['executions'] == 30"
json_check "the relaxed flag: a data_race, its write at the test's own line" "
f = s['relaxed flag']['findings'][0]
assert f['kind'] == 'data_race' and 'write by thread 1 at' in f['message'] and 'doctest_program.cpp:$write_line' in f['message'], f['message']"
json_check "check then act: an exit finding, doctest's" "
f = s['check then act']['findings'][0]
assert f['kind'] == 'exit' and 'a doctest assertion failed' in f['details'][0], f"
json_check "the special name: selected by its escaped name (its CHECK fails at once)" "
assert kinds('''$special''') == ['exit'], s['''$special''']"

replay=$(python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
print([x for x in r['scenarios'] if x['name'].endswith('/relaxed flag')][0]['findings'][0]['replay'])" "$tmp/all.json")
expect_status 0 "the race's replay reproduces" -- env PATH="$(dirname "$weft"):$PATH" bash -c "$replay"
expect_in out "the race's replay: a data_race" "data_race"

expect_status 0 "with an argument: one scenario, the program" -- "$weft" exec -n 20 --seed 1 -- "$program" "--test-case=locked*"
expect_in out "with an argument: named as the program" "exec/$base "

finish
