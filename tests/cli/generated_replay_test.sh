#!/usr/bin/env bash
# End-to-end: the replay line printed for a finding in a *generated* program
# (a lincheck spec's program, a `weft run --generate` workload, a weft::main
# program's spec) reproduces that finding exactly when run as printed: same
# kind, message and trace. Malformed and mismatched program tokens are bad
# input (exit 2, one line).
# Usage: generated_replay_test.sh WEFT USER_LINCHECK_PROGRAM NAMES_PROGRAM
set -uo pipefail
weft=$1
user=$2
names=$3  # WEFT_SCENARIOs only: none draws programs
source "$(dirname "$0")/lib.sh"
# The built-in program prints "weft replay ...": run it as printed from PATH.
PATH="$(cd "$(dirname "$weft")" && pwd):$PATH"

# same_finding WHAT: the first finding of run.json and of replay.json agree
# in kind, message and every trace event; replay.json's replay line is the
# one it was started with.
same_finding() {
  if python3 - "$tmp/run.json" "$tmp/replay.json" <<'EOF'; then pass=$((pass + 1)); else echo "FAIL: $1"; failures=$((failures + 1)); fi
import json, sys
run, rep = (json.load(open(p))["scenarios"][0]["findings"][0] for p in sys.argv[1:])
for key in ("kind", "message", "trace"):
    if run[key] != rep[key]:
        print(f"  | {key} differs:\n  |   run:    {str(run[key])[:300]}\n  |   replay: {str(rep[key])[:300]}")
        sys.exit(1)
if rep["replay"] != run["replay"]:
    print(f"  | the replay prints another replay line: {rep['replay']!r} (run printed {run['replay']!r})")
    sys.exit(1)
EOF
}

# round_trip WHAT PROGRAM RUN-ARGS...: the run finds a bug (as expected); the
# replay line it prints on the console — the same as in its JSON report —
# reproduces it when run as printed.
round_trip() {
  local what=$1
  shift
  expect_status 0 "$what: the run finds the bug" -- "$@" --json "$tmp/run.json"
  local printed json_line
  printed=$(sed -n 's/^ *replay: //p' "$tmp/out" | head -1)
  json_line=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["scenarios"][0]["findings"][0]["replay"])' "$tmp/run.json")
  [ -n "$printed" ] && [ "$printed" = "$json_line" ] ||
    { echo "FAIL: $what: console replay line '$printed' is not the JSON's '$json_line'"; failures=$((failures + 1)); }
  expect_status 0 "$what: the printed replay reproduces ($printed)" -- bash -c "$printed --json '$tmp/replay.json'"
  same_finding "$what: the replay shows the same finding"
  last_replay=$printed
}

# A lincheck spec's shrunk program (drawn without --generate).
round_trip "lincheck" "$weft" run lincheck/queue_size_split --seed 1 --iterations 3000
lincheck_replay=$last_replay
# A workload drawn by RapidCheck for a model scenario, then shrunk.
round_trip "--generate" "$weft" run counter/split_rmw --generate 5 --seed 1 --iterations 2000
# A weft::main program prints its own name, and its generated program replays too.
round_trip "weft::main lincheck" "$user" run userlin/mailbox_racy --seed 2 --iterations 1000
case $last_replay in "$user replay "*) ;; *) echo "FAIL: '$last_replay' does not start with '$user replay '"; failures=$((failures + 1)) ;; esac

# --- bad program tokens: one line, exit 2 -------------------------------------
schedule=$(sed -n "s/.*'\(w1-[^']*\)'.*/\1/p" <<<"$lincheck_replay")
token=$(sed -n "s/.* --program \([^ ]*\).*/\1/p" <<<"$lincheck_replay")
[ -n "$token" ] || { echo "FAIL: no --program in '$lincheck_replay'"; failures=$((failures + 1)); }
for bad in "" "x" "1:2/3" "1:0/20::00000000" "1:21/20::00000000" "1:2/20:4.x:00000000" "1:2/20::zz"; do
  expect_status 2 "malformed token '$bad'" -- "$weft" replay lincheck/queue_size_split --program "$bad" "$schedule"
  expect_one_line_error "malformed token '$bad'" "program token"
done
# A token of another scenario (here the correct twin: same operations).
expect_status 2 "token of another scenario" -- "$weft" replay lincheck/queue_size_locked --program "$token" "$schedule"
expect_one_line_error "token of another scenario" "does not name a program of lincheck/queue_size_locked"
# A scenario that draws no programs (a WEFT_SCENARIO).
expect_status 2 "token for a fixed scenario" -- "$names" replay sct/WorkStealQueue --program "$token" "$schedule"
expect_one_line_error "token for a fixed scenario" "sct/WorkStealQueue draws no programs"
# Old-style lines (no token) still replay a fixed scenario's schedule.
expect_status 0 "a fixed scenario's replay without a token" -- "$weft" run counter/unsafe --seed 1 --iterations 500
printed=$(sed -n 's/^ *replay: //p' "$tmp/out" | head -1)
case $printed in *--program*) echo "FAIL: a fixed scenario's replay line carries a program: $printed"; failures=$((failures + 1)) ;; esac
expect_status 0 "the fixed scenario's replay reproduces" -- bash -c "$printed"
finish
