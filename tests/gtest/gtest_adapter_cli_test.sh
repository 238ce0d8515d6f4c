#!/usr/bin/env bash
# A buggy WEFT_TEST through gtest's own command line: it fails with the
# finding and a replay line, --gtest_repeat repeats it, --gtest_output=xml
# records the failure, and the printed replay line reproduces it in one run.
set -uo pipefail
program=$1
source "$(dirname "$0")/../cli/lib.sh"
racy=(--gtest_also_run_disabled_tests --gtest_filter=WeftTest.DISABLED_RacyIncrements)

expect_status 1 "a racy WEFT_TEST fails" -- "$program" "${racy[@]}" --gtest_output="xml:$tmp/report.xml"
expect_in out "the failure names the kind" "data_race"
expect_in out "the failure has the replay line" "replay: WEFT_REPLAY="
expect_in out "the replay line selects the test" "--gtest_filter=WeftTest.DISABLED_RacyIncrements"
if grep -q "<failure" "$tmp/report.xml"; then pass=$((pass + 1)); else
  echo "FAIL: the XML report has no failure"; failures=$((failures + 1)); fi

expect_status 1 "--gtest_repeat repeats it" -- "$program" "${racy[@]}" --gtest_repeat=2
if [ "$(grep -c 'replay: WEFT_REPLAY=' "$tmp/out")" -eq 2 ]; then pass=$((pass + 1)); else
  echo "FAIL: --gtest_repeat=2 did not fail twice"; failures=$((failures + 1)); fi

replay=$(grep -m1 -o "replay: WEFT_REPLAY=.*" "$tmp/out" | sed 's/^replay: //')
expect_status 1 "the replay line reproduces the finding" -- bash -c "$replay --gtest_also_run_disabled_tests"
expect_in out "the replay is one execution" "in 1 executions"

expect_status 0 "the filter leaves the correct WEFT_TEST alone" -- "$program" --gtest_filter=WeftTest.*
finish
