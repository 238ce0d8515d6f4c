#!/usr/bin/env bash
# End-to-end tests of the `weft` program: exit statuses, bad input, sharding
# and merging. Usage: cli_test.sh WEFT SOURCE_DIR
set -uo pipefail
weft=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass=0

expect_status() {  # expect_status STATUS DESCRIPTION -- COMMAND...
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/err" | head -5
    failures=$((failures + 1))
  else
    pass=$((pass + 1))
  fi
}
expect_one_line_error() {  # the last command's stderr is one line naming the problem
  local what=$1 needle=$2
  if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q -- "$needle" "$tmp/err"; then
    echo "FAIL: $what: stderr is not one line mentioning '$needle':"; sed 's/^/  | /' "$tmp/err" | head -5
    failures=$((failures + 1))
  else
    pass=$((pass + 1))
  fi
}

expect_status 0 "--version" -- "$weft" --version
expect_status 0 "list" -- "$weft" list
grep -q "counter/unsafe" "$tmp/out" || { echo "FAIL: list misses counter/unsafe"; failures=$((failures + 1)); }
expect_status 0 "run counter (every verdict as expected)" -- "$weft" run counter -q
expect_status 2 "unknown scenario" -- "$weft" run no/such
expect_one_line_error "unknown scenario" "no/such"
expect_status 2 "malformed schedule" -- "$weft" replay counter/unsafe 'w1-Q'
expect_one_line_error "malformed schedule" "malformed schedule"
expect_status 2 "unknown replay scenario" -- "$weft" replay nope/nope 'w1-a'
expect_status 2 "bad strategy" -- "$weft" run counter --strategy sideways
expect_one_line_error "bad strategy" "sideways"
expect_status 2 "relacy --timeout 0" -- "$weft" relacy counter --timeout 0
expect_one_line_error "relacy --timeout 0" "--timeout"
expect_status 2 "stress --timeout nan" -- "$weft" stress counter/locked --timeout nan
expect_one_line_error "stress --timeout nan" "--timeout"
expect_status 2 "bad shard" -- "$weft" run --shard 3/2
expect_status 2 "unwritable report path" -- "$weft" run counter --json /nonexistent/dir/r.json
expect_one_line_error "unwritable report path" "/nonexistent/dir"

# An existing report is not lost when a run fails on bad input.
echo '{"keep": true}' >"$tmp/keep.json"
expect_status 2 "bad input keeps reports" -- "$weft" run no/such --json "$tmp/keep.json"
grep -q '"keep": true' "$tmp/keep.json" || { echo "FAIL: an existing report was overwritten"; failures=$((failures + 1)); }

# Replay: a finding's printed schedule reproduces it (exit 0).
"$weft" run counter/unsafe --json "$tmp/unsafe.json" >/dev/null 2>&1
schedule=$(grep -o '"schedule": *"w1-[^"]*"' "$tmp/unsafe.json" | head -1 | sed 's/.*"\(w1-[^"]*\)"/\1/')
expect_status 0 "replay reproduces" -- "$weft" replay counter/unsafe "$schedule"

# Generated workloads: every verdict still as expected; a failing workload
# is shrunk and reported with its parameters.
expect_status 0 "run --generate" -- "$weft" run counter bank --generate 6 -n 2000
grep -q "workload: {.*shrunk" "$tmp/out" || { echo "FAIL: no shrunk workload reported"; failures=$((failures + 1)); }

# Corrupt baseline / gate configuration: exit 2, one line.
echo '{"median_ns": ' >"$tmp/baseline.json"
sed "s|\"baseline\": *\"[^\"]*\"|\"baseline\": \"$tmp/baseline.json\"|" "$src/ci/gate.json" >"$tmp/gate.json"
expect_status 2 "corrupt baseline" -- "$weft" gate --config "$tmp/gate.json"
expect_one_line_error "corrupt baseline" "baseline.json"
echo '{"tolerance": "x"}' >"$tmp/badgate.json"
expect_status 2 "malformed gate config" -- "$weft" gate --config "$tmp/badgate.json"

# Shards: two shards merged have the verdicts of the unsharded run.
"$weft" run counter bank -q --json "$tmp/all.json" >/dev/null
"$weft" run counter bank -q --shard 1/2 --json "$tmp/s1.json" >/dev/null
"$weft" run counter bank -q --shard 2/2 --json "$tmp/s2.json" >/dev/null
expect_status 0 "report merge" -- "$weft" report merge "$tmp/s1.json" "$tmp/s2.json" --json "$tmp/merged.json" --html "$tmp/merged.html" -q
verdicts() { grep -oE '"(name|as_expected)": *("[^"]*"|true|false)' "$1" | paste - - | sort; }
if ! diff <(verdicts "$tmp/all.json") <(verdicts "$tmp/merged.json") >/dev/null; then
  echo "FAIL: merged shards differ from the unsharded run"; failures=$((failures + 1))
else
  pass=$((pass + 1))
fi
CI_NODE_INDEX=2 CI_NODE_TOTAL=2 "$weft" run counter bank -q --json "$tmp/env.json" >/dev/null
if ! diff <(verdicts "$tmp/env.json") <(verdicts "$tmp/s2.json") >/dev/null; then
  echo "FAIL: CI_NODE_INDEX/CI_NODE_TOTAL do not select the shard"; failures=$((failures + 1))
else
  pass=$((pass + 1))
fi
expect_status 2 "merge of a corrupt report" -- "$weft" report merge "$tmp/baseline.json"

echo "$pass passed, $failures failed"
[ "$failures" -eq 0 ]
