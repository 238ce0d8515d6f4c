#!/usr/bin/env bash
# End-to-end tests of a user's program linked with weft::main: scenario names
# (the rule, bad names left out with exit 2), --detect and --suppressions.
# Usage: user_program_test.sh NAMES_PROGRAM BAD_NAMES_PROGRAM
set -uo pipefail
names=$1
bad=$2
source "$(dirname "$0")/lib.sh"
# Every run has a small budget (-n 300): the sanitizer builds run this ~20x slower.
json_get() {  # json_get FILE PYTHON-EXPRESSION-ON-r: prints the value
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"
}

# --- names ------------------------------------------------------------------
# A bad name and a duplicate: every command names them (one line each, with
# the rule), still works over the good scenario, and exits 2.
expect_status 2 "list with a bad name" -- "$bad" list
expect_in out "list still lists the good scenario" "good/still_runs"
expect_in out "list counts only the good scenario" "1 scenarios"
expect_in err "the bad name is named with the rule" "weft: error: scenario 'bad/has space' ("
expect_in err "the rule is stated" "it has whitespace; a scenario name is family/name (both parts non-empty), printable, without spaces or the glob characters * and ?"
expect_in err "the duplicate is named" "scenario 'good/still_runs' ("
[ "$(wc -l <"$tmp/err")" -eq 2 ] || { echo "FAIL: not one line per bad registration"; failures=$((failures + 1)); }
expect_status 2 "run with a bad name" -- "$bad" run -n 300
expect_in out "run still runs the good scenario" "good/still_runs"
expect_status 2 "replay with a bad name" -- "$bad" replay good/still_runs w1-a

# Upper case and punctuation: list, run, JSON, the printed replay command.
expect_status 0 "list of odd names" -- "$names" list
[ -s "$tmp/err" ] && { echo "FAIL: list of odd names wrote to stderr"; failures=$((failures + 1)); }
expect_in out "upper-case name listed" "sct/WorkStealQueue"
for scenario in "sct/WorkStealQueue" "Odd.Family-2/it's(v1.0)"; do
  expect_status 0 "run '$scenario'" -- "$names" run -n 300 "$scenario" --json "$tmp/n.json" --junit "$tmp/n.xml" \
    --sarif "$tmp/n.sarif" --html "$tmp/n.html"
  [ "$(json_get "$tmp/n.json" "r['scenarios'][0]['name']")" = "$scenario" ] ||
    { echo "FAIL: JSON name of '$scenario'"; failures=$((failures + 1)); }
  replay=$(json_get "$tmp/n.json" "r['scenarios'][0]['findings'][0]['replay']")
  # A weft::main program's replay command names the program itself, as started.
  case $replay in "$names replay "*) ;; *) echo "FAIL: replay '$replay' does not start with '$names replay '"; failures=$((failures + 1)) ;; esac
  expect_status 0 "printed replay of '$scenario' reproduces" -- bash -c "$replay"
  expect_in out "replay of '$scenario' shows the race" "data_race"
done
expect_status 0 "glob over upper case" -- "$names" run -n 300 'sct/Work*Queue' -q
expect_status 0 "family with dots" -- "$names" run -n 300 Odd.Family-2 -q

# --- detectors and suppressions ---------------------------------------------
expect_status 1 "the racy scenario fails without suppression" -- "$names" run -n 300 accepted/racy_stats
printf '# accepted: statistics may race\n\ndata_race:names_program.cpp:*\n' >"$tmp/supp.txt"
expect_status 0 "suppressed race passes" -- "$names" run -n 300 accepted/racy_stats --suppressions "$tmp/supp.txt" \
  --json "$tmp/s.json" --junit "$tmp/s.xml" --html "$tmp/s.html"
expect_in out "console: per scenario" "1 suppressed"
expect_in out "console: summary" "0 findings; "
[ "$(json_get "$tmp/s.json" "len(r['scenarios'][0]['suppressed'])")" = 1 ] ||
  { echo "FAIL: JSON suppressed list"; failures=$((failures + 1)); }
[ "$(json_get "$tmp/s.json" "r['scenarios'][0]['suppressed'][0]['details'][-1]")" = "suppressed by rule 'data_race:names_program.cpp:*'" ] ||
  { echo "FAIL: JSON suppressed rule"; failures=$((failures + 1)); }
grep -q "accepted/racy_stats: 1 suppressed" "$tmp/s.xml" || { echo "FAIL: JUnit count"; failures=$((failures + 1)); }
grep -q "1 suppressed" "$tmp/s.html" || { echo "FAIL: HTML count"; failures=$((failures + 1)); }
expect_status 0 "disabled race detector" -- "$names" run -n 300 accepted/racy_stats --detect=-data_race
grep -q suppressed "$tmp/out" && { echo "FAIL: a disabled detector counts as suppressed"; failures=$((failures + 1)); }
expect_status 1 "lock-order inversion found" -- "$names" run -n 300 accepted/lock_order
expect_in out "lock-order inversion named" "lock_order_inversion"
expect_status 0 "lock-order detector off" -- "$names" run -n 300 accepted --detect=-data_race,-lock_order_inversion
expect_status 1 "bare kinds keep only those" -- "$names" run -n 300 accepted --detect=data_race

printf 'data_race:ok.cpp:*\nrace_condition:foo\n' >"$tmp/bad-supp.txt"
expect_status 2 "malformed suppressions file" -- "$names" run -n 300 accepted --suppressions "$tmp/bad-supp.txt"
expect_one_line_error "malformed suppressions file" "bad-supp.txt:2: unknown finding kind 'race_condition'"
expect_status 2 "missing suppressions file" -- "$names" run -n 300 accepted --suppressions "$tmp/none.txt"
expect_one_line_error "missing suppressions file" "cannot read suppressions file"
expect_status 2 "a directory as suppressions file" -- "$names" run -n 300 accepted --suppressions "$tmp"
expect_one_line_error "a directory as suppressions file" "it is a directory"
expect_status 2 "unknown detector" -- "$names" run -n 300 accepted --detect=-data_racer
expect_one_line_error "unknown detector" "unknown detector 'data_racer'"

finish
