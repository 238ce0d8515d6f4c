#!/usr/bin/env bash
# End-to-end test of `weft gate`'s ratio rule (docs/gate.md): a configuration
# whose benchmark program and ratio program are the fake benchmark of
# tests/ci (fake/a and fake/b run equally fast: ratio 1.0). The recorded
# ratio as measured passes (exit 0); a recorded ratio twice the measured one
# fails the gate (exit 1) and says which pair. Usage: gate_ratio_test.sh WEFT FAKE_BENCH
set -uo pipefail
weft=$1
fake=$2
source "$(dirname "$0")/lib.sh"

echo '{"format": "weft-baseline/1", "tolerance": 0.5, "note": "fake", "median_ns": {"fake/a": 101, "fake/b": 101}}' \
  >"$tmp/baseline.json"
gate_config() {  # gate_config RECORDED-RATIO
  cat >"$tmp/gate.json" <<JSON
{"scenarios": ["counter/locked"], "benchmark_program": "$fake", "repetitions": 3, "tolerance": 0.3,
 "baseline": "$tmp/baseline.json",
 "ratios": {"program": "$fake", "pairs": [{"numerator": "fake/a", "denominator": "fake/b", "recorded": $1}]}}
JSON
}

gate_config 1.0
expect_status 0 "ratio as recorded" -- "$weft" gate --config "$tmp/gate.json" --iterations 50
expect_in out "ratio as recorded" "1 ratio(s) compared, 0 regressed: ratios passed"

gate_config 2.0
expect_status 1 "ratio fell to half the recorded one" -- "$weft" gate --config "$tmp/gate.json" --iterations 50
expect_in out "ratio fell to half the recorded one" "FAIL fake/a / fake/b"
expect_in out "ratio fell to half the recorded one" "confirmed by a re-run"

gate_config '"high"'
expect_status 2 "malformed ratio" -- "$weft" gate --config "$tmp/gate.json" --iterations 50
expect_one_line_error "malformed ratio" "recorded\" must be a number"

finish
