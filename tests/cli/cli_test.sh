#!/usr/bin/env bash
# End-to-end tests of the `weft` program: exit statuses, bad input, sharding
# and merging. Usage: cli_test.sh WEFT SOURCE_DIR
set -uo pipefail
weft=$1
src=$2
source "$(dirname "$0")/lib.sh"

expect_status 0 "--version" -- "$weft" --version
expect_status 0 "list" -- "$weft" list
grep -q "counter/unsafe" "$tmp/out" || { echo "FAIL: list misses counter/unsafe"; failures=$((failures + 1)); }
expect_status 0 "run counter (every verdict as expected)" -- "$weft" run counter -q -n 500

# --jobs 2 over several scenarios runs whole scenarios side by side, each in
# a process of its own (cli/src/scenario_pool.hpp): the same verdicts, the
# same findings with the same schedules, in the same order, as --jobs 1.
some="counter bank/account_locked bank/check_then_withdraw lincheck/counter_unsafe lincheck/queue_size_locked"
for jobs in 1 2; do
  # shellcheck disable=SC2086
  expect_status 0 "run several scenarios --jobs $jobs" -- "$weft" run $some -q -n 400 --seed 3 --jobs $jobs \
    --json "$tmp/pool$jobs.json"
done
if ! python3 - "$tmp/pool1.json" "$tmp/pool2.json" <<'PY'
import json, sys
def essence(path):
    return [(s["name"], s["as_expected"], s["stats"]["executions"],
             [(f["kind"], f["message"], f["schedule"], f.get("trace")) for f in s["findings"]])
            for s in json.load(open(path))["scenarios"]]
one, two = essence(sys.argv[1]), essence(sys.argv[2])
sys.exit(0 if one == two and len(one) >= 5 and any(s[3] for s in one) else 1)
PY
then
  echo "FAIL: --jobs 2 over several scenarios: not the verdicts and findings of --jobs 1"; failures=$((failures + 1))
fi
expect_status 2 "unknown scenario" -- "$weft" run no/such
expect_one_line_error "unknown scenario" "no/such"
expect_status 2 "malformed schedule" -- "$weft" replay counter/unsafe 'w1-Q'
expect_one_line_error "malformed schedule" "malformed schedule"
expect_status 2 "unknown replay scenario" -- "$weft" replay nope/nope 'w1-a'
expect_status 2 "bad strategy" -- "$weft" run counter --strategy sideways
expect_one_line_error "bad strategy" "sideways"
for cmd in "run counter" "replay counter/unsafe w1-a" "gate"; do
  # shellcheck disable=SC2086
  expect_status 2 "$cmd --memory-model tso" -- "$weft" $cmd --memory-model tso
  expect_one_line_error "$cmd --memory-model tso" "--memory-model: unknown memory model 'tso' (c11 or sc)"
done
expect_status 2 "relacy --timeout 0" -- "$weft" relacy counter --timeout 0
expect_one_line_error "relacy --timeout 0" "--timeout: '0' is not a number of seconds greater than 0"
expect_status 2 "stress --timeout nan" -- "$weft" stress counter/locked --timeout nan
expect_one_line_error "stress --timeout nan" "--timeout: 'nan' is not a number of seconds greater than 0"
expect_status 2 "bad shard" -- "$weft" run --shard 3/2
expect_status 2 "unwritable report path" -- "$weft" run counter --json /nonexistent/dir/r.json
expect_one_line_error "unwritable report path" "/nonexistent/dir"

# Numbers: every numeric flag refuses a bad value with one short line that
# says what was given and what is allowed (never clamped, never CLI11's
# floating-point range), exit 2.
expect_number_error() {  # expect_number_error FLAG-TEXT EXPECTED-MESSAGE -- COMMAND...
  local flag=$1 message=$2
  shift 3
  expect_status 2 "$flag" -- "$@"
  expect_one_line_error "$flag" "$message"
  if [ "$(wc -c <"$tmp/err")" -gt 140 ]; then
    echo "FAIL: $flag: the error is longer than 140 characters"; failures=$((failures + 1))
  fi
}
u64max=18446744073709551615
expect_number_error "--seed too large" "--seed: '99999999999999999999999' is not a whole number from 0 to $u64max" -- "$weft" run counter --seed 99999999999999999999999
expect_number_error "--seed negative" "--seed: '-1' is not a whole number from 0 to $u64max" -- "$weft" run counter --seed -1
expect_number_error "--seed not a number" "--seed: 'abc' is not a whole number from 0 to $u64max" -- "$weft" run counter --seed abc
expect_number_error "--seed fraction" "--seed: '1.5' is not a whole number" -- "$weft" run counter --seed 1.5
expect_number_error "--iterations 0" "--iterations: '0' is not a whole number from 1 to $u64max" -- "$weft" run counter --iterations 0
expect_number_error "--jobs 0" "--jobs: '0' is not a whole number from 1 to 256" -- "$weft" run counter --jobs 0
expect_number_error "--jobs 300" "--jobs: '300' is not a whole number from 1 to 256" -- "$weft" run counter -j 300
expect_number_error "--pct-depth 17" "--pct-depth: '17' is not a whole number from 1 to 16" -- "$weft" run counter --pct-depth 17
expect_number_error "--preemption-bound -2" "--preemption-bound: '-2' is not a whole number from 0 to 4294967295" -- "$weft" run counter --preemption-bound -2
expect_number_error "--time nan" "--time: 'nan' is not a number of seconds from 0 (0: no budget)" -- "$weft" run counter --time nan
expect_number_error "--time -1" "--time: '-1' is not a number of seconds from 0" -- "$weft" run counter --time -1
expect_number_error "--shrink-time -1" "--shrink-time: '-1' is not a number of seconds from 0" -- "$weft" run counter --shrink-time -1
expect_number_error "--stack-size 1" "--stack-size: '1' is not a whole number from 16384 to 1073741824" -- "$weft" run counter --stack-size 1
expect_number_error "--generate x" "--generate: 'x' is not a whole number from 0 to 4294967295" -- "$weft" run counter --generate x
expect_number_error "replay --max-steps 0" "--max-steps: '0' is not a whole number from 1 to $u64max" -- "$weft" replay counter/unsafe w1-a --max-steps 0
expect_number_error "stress --iterations -5" "--iterations: '-5' is not a whole number from 1 to $u64max" -- "$weft" stress counter --iterations -5
expect_number_error "stress --timeout inf" "--timeout: 'inf' is not a number of seconds greater than 0" -- "$weft" stress counter --timeout inf
expect_number_error "relacy --iterations 1e3" "--iterations: '1e3' is not a whole number from 1 to $u64max" -- "$weft" relacy counter --iterations 1e3
expect_number_error "bench --repetitions 0" "--repetitions: '0' is not a whole number from 1 to 2147483647" -- "$weft" bench --repetitions 0
expect_number_error "bench --min-time 0" "--min-time: '0' is not a number of seconds greater than 0" -- "$weft" bench --min-time 0
expect_number_error "gate --iterations 0" "--iterations: '0' is not a whole number from 1 to $u64max" -- "$weft" gate --iterations 0
expect_number_error "--store-history 65" "--store-history: '65' is not a whole number from 0 to 64" -- "$weft" run counter --store-history 65
expect_number_error "replay --store-history -1" "--store-history: '-1' is not a whole number from 0 to 64" -- "$weft" replay counter/unsafe w1-a --store-history -1
expect_number_error "gate --store-history x" "--store-history: 'x' is not a whole number from 0 to 64" -- "$weft" gate --store-history x
# The largest seed is a seed (not an error, not clamped from something larger).
expect_status 0 "--seed 2^64-1" -- "$weft" run counter -q --seed "$u64max" -n 200

# An existing report is not lost when a run fails on bad input.
echo '{"keep": true}' >"$tmp/keep.json"
expect_status 2 "bad input keeps reports" -- "$weft" run no/such --json "$tmp/keep.json"
grep -q '"keep": true' "$tmp/keep.json" || { echo "FAIL: an existing report was overwritten"; failures=$((failures + 1)); }

# Replay: a finding's printed schedule reproduces it (exit 0).
"$weft" run counter/unsafe --json "$tmp/unsafe.json" >/dev/null 2>&1
schedule=$(grep -o '"schedule": *"w1-[^"]*"' "$tmp/unsafe.json" | head -1 | sed 's/.*"\(w1-[^"]*\)"/\1/')
expect_status 0 "replay reproduces" -- "$weft" replay counter/unsafe "$schedule"

# The memory model and the store history travel with the printed replay
# command when they are not the defaults (c11, 7), and that command
# reproduces the finding; at the defaults the command does not name them.
memory_replay() {  # memory_replay FLAGS...: the first replay command `weft run counter/unsafe FLAGS` prints
  "$weft" run counter/unsafe -n 500 --shrink-time 0 "$@" >"$tmp/out" 2>"$tmp/err"
  sed -n 's/^ *replay: //p' "$tmp/out" | head -1
}
line=$(memory_replay --memory-model sc --store-history 3)
expect_in out "sc and --store-history 3 in the replay command" "--memory-model sc --store-history 3 '"
expect_status 0 "the sc replay command reproduces" -- bash -c "$(printf '%q' "$weft")${line#weft}"
line=$(memory_replay --memory-model c11 --store-history 0)
if [[ "$line" != *" --store-history 0 '"* || "$line" == *"--memory-model"* ]]; then
  echo "FAIL: c11 with --store-history 0: replay command '$line'"; failures=$((failures + 1))
else
  pass=$((pass + 1))
fi
expect_status 0 "the --store-history 0 replay command reproduces" -- bash -c "$(printf '%q' "$weft")${line#weft}"
line=$(memory_replay --memory-model c11 --store-history 7)
if [[ -z "$line" || "$line" == *"--memory-model"* || "$line" == *"--store-history"* ]]; then
  echo "FAIL: the defaults named in the replay command '$line'"; failures=$((failures + 1))
else
  pass=$((pass + 1))
fi

# Generated workloads: every verdict still as expected; a failing workload
# is shrunk and reported with its parameters.
expect_status 0 "run --generate" -- "$weft" run counter bank --generate 6 -n 100
grep -q "workload: {.*shrunk" "$tmp/out" || { echo "FAIL: no shrunk workload reported"; failures=$((failures + 1)); }

# Corrupt baseline / gate configuration: exit 2, one line.
echo '{"median_ns": ' >"$tmp/baseline.json"
sed "s|\"baseline\": *\"[^\"]*\"|\"baseline\": \"$tmp/baseline.json\"|" "$src/ci/gate.json" >"$tmp/gate.json"
expect_status 2 "corrupt baseline" -- "$weft" gate --config "$tmp/gate.json"
expect_one_line_error "corrupt baseline" "baseline.json"
echo '{"tolerance": "x"}' >"$tmp/badgate.json"
expect_status 2 "malformed gate config" -- "$weft" gate --config "$tmp/badgate.json"

# Shards: two shards merged have the verdicts of the unsharded run. (Small
# budgets throughout: the sanitizer builds run this script ~20x slower.)
"$weft" run counter bank -q -n 500 --json "$tmp/all.json" >/dev/null
"$weft" run counter bank -q -n 500 --shard 1/2 --json "$tmp/s1.json" >/dev/null
"$weft" run counter bank -q -n 500 --shard 2/2 --json "$tmp/s2.json" >/dev/null
expect_status 0 "report merge" -- "$weft" report merge "$tmp/s1.json" "$tmp/s2.json" --json "$tmp/merged.json" --html "$tmp/merged.html" -q
verdicts() { grep -oE '"(name|as_expected)": *("[^"]*"|true|false)' "$1" | paste - - | sort; }
if ! diff <(verdicts "$tmp/all.json") <(verdicts "$tmp/merged.json") >/dev/null; then
  echo "FAIL: merged shards differ from the unsharded run"; failures=$((failures + 1))
else
  pass=$((pass + 1))
fi
CI_NODE_INDEX=2 CI_NODE_TOTAL=2 "$weft" run counter bank -q -n 500 --json "$tmp/env.json" >/dev/null
if ! diff <(verdicts "$tmp/env.json") <(verdicts "$tmp/s2.json") >/dev/null; then
  echo "FAIL: CI_NODE_INDEX/CI_NODE_TOTAL do not select the shard"; failures=$((failures + 1))
else
  pass=$((pass + 1))
fi
expect_status 2 "merge of a corrupt report" -- "$weft" report merge "$tmp/baseline.json"

# Schedule shrinking: the console says what the shrunk schedule needs and
# how to replay the schedule found; both replay the same finding; with
# --shrink-time 0 the schedule found is the one reported.
expect_status 0 "run with shrinking" -- "$weft" run counter/split_rmw
expect_in out "the shrunk schedule's preemptions" "needs 1 preemption (shrunk from"
shrunk=$(sed -n 's/^ *replay: weft //p' "$tmp/out" | head -1)
found=$(sed -n 's/^ *needs .*; as found: weft \(.*\))$/\1/p' "$tmp/out" | head -1)
for which in shrunk found; do
  expect_status 0 "the $which schedule replays" -- bash -c "\"\$0\" ${!which} --json \"\$1\"" "$weft" "$tmp/$which.json"
  expect_in "$which.json" "the $which schedule reproduces the assertion" '"kind": "assertion"'
done
expect_status 0 "run without shrinking" -- "$weft" run counter/split_rmw --shrink-time 0 --json "$tmp/unshrunk.json"
if grep -q "original_schedule" "$tmp/unshrunk.json" || grep -q "shrunk from" "$tmp/out"; then
  echo "FAIL: --shrink-time 0 still shrank"; failures=$((failures + 1))
else
  pass=$((pass + 1))
fi

# Misuse sub-kinds: the JSON report and the console name the sub-kind; a
# suppression or --detect of that sub-kind hides the expected bug (exit 1),
# one of another sub-kind does not.
misuse=deadlock/timeout_lock_releases_unowned
expect_status 0 "a misuse scenario" -- "$weft" run $misuse -n 2000 --json "$tmp/misuse.json"
expect_in misuse.json "the JSON report names the sub-kind" '"subkind": "misuse/over_release"'
expect_in out "the console names the sub-kind" "misuse/over_release: "
echo "misuse/over_release:*" >"$tmp/over.supp"
expect_status 1 "the misuse's sub-kind suppressed" -- "$weft" run $misuse -n 2000 --suppressions "$tmp/over.supp"
echo "misuse/relock:*" >"$tmp/relock.supp"
expect_status 0 "another sub-kind suppressed" -- "$weft" run $misuse -n 2000 --suppressions "$tmp/relock.supp"
expect_status 1 "the misuse's sub-kind turned off" -- "$weft" run $misuse -n 2000 --detect=-misuse/over_release
expect_status 2 "an unknown sub-kind" -- "$weft" run $misuse --detect=-misuse/relok
expect_one_line_error "an unknown sub-kind" "unknown detector 'misuse/relok'"

finish
