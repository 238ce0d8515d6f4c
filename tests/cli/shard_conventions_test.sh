#!/usr/bin/env bash
# Every sharding convention weft reads (docs/ci.md): for each, the union of
# its 3 shards is the unsharded run with no scenario twice, and the report
# header names the convention. Then precedence and bad settings.
set -uo pipefail
weft=$1
source "$(dirname "$0")/lib.sh"
shard_variables=(WEFT_SHARD WEFT_SHARD_COUNT TEST_TOTAL_SHARDS TEST_SHARD_INDEX TEST_SHARD_STATUS_FILE
  GTEST_TOTAL_SHARDS GTEST_SHARD_INDEX JOB_COMPLETION_INDEX SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_COUNT
  SLURM_ARRAY_TASK_MIN SLURM_ARRAY_TASK_MAX SLURM_ARRAY_TASK_STEP CI_NODE_INDEX CI_NODE_TOTAL
  CIRCLE_NODE_INDEX CIRCLE_NODE_TOTAL BUILDKITE_PARALLEL_JOB BUILDKITE_PARALLEL_JOB_COUNT)
unset "${shard_variables[@]}"  # whatever CI runs this test must not shard it

run() {  # run JSON [VAR=VALUE...] [-- FLAGS...]: a cheap run of a few families; its verdicts do not matter
  local json=$1; shift
  local vars=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  env "${vars[@]}" "$weft" run counter bank --iterations 20 --json "$json" "$@" >"$tmp/out" 2>"$tmp/err"
}
names() { grep -hoE '^      "name": *"[^"]*"' "$@" | sed 's/.*"name": *//' | sort; }

run "$tmp/all.json"
[ "$(names "$tmp/all.json" | wc -l)" -ge 6 ] || { echo "FAIL: too few scenarios to shard"; exit 1; }

check_convention() {  # check_convention NAME SOURCE_TEXT SHARD1_VARS -- SHARD2_VARS -- SHARD3_VARS
  local name=$1 source=$2; shift 2
  local i=1 files=() vars=()
  for arg in "$@" --; do
    if [ "$arg" != "--" ]; then vars+=("$arg"); continue; fi
    if [ "${vars[0]}" = "FLAG" ]; then run "$tmp/$i.json" -- "${vars[@]:1}"; else run "$tmp/$i.json" "${vars[@]}"; fi
    if ! grep -q "\"shard\": *\"$i/3\"" "$tmp/$i.json" || ! grep -qF "\"shard_source\": \"$source" "$tmp/$i.json"; then
      echo "FAIL: $name: shard $i's report does not say $i/3 from '$source'"; grep shard "$tmp/$i.json"; cat "$tmp/err"
      failures=$((failures + 1))
    fi
    files+=("$tmp/$i.json"); vars=(); i=$((i + 1))
  done
  if diff <(names "$tmp/all.json") <(names "${files[@]}") >/dev/null && [ -z "$(names "${files[@]}" | uniq -d)" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL: $name: the shards' union is not the unsharded run"; diff <(names "$tmp/all.json") <(names "${files[@]}")
    failures=$((failures + 1))
  fi
}

check_convention "--shard" "--shard" FLAG --shard 1/3 -- FLAG --shard 2/3 -- FLAG --shard 3/3
check_convention "WEFT_SHARD" "WEFT_SHARD" WEFT_SHARD=1/3 -- WEFT_SHARD=2/3 -- WEFT_SHARD=3/3
for i in 0 1 2; do bazel[i]="TEST_TOTAL_SHARDS=3 TEST_SHARD_INDEX=$i TEST_SHARD_STATUS_FILE=$tmp/status$i"; done
# shellcheck disable=SC2086
check_convention "Bazel" "Bazel" ${bazel[0]} -- ${bazel[1]} -- ${bazel[2]}
if [ -f "$tmp/status0" ] && [ -f "$tmp/status2" ]; then pass=$((pass + 1)); else
  echo "FAIL: Bazel's TEST_SHARD_STATUS_FILE was not touched"; failures=$((failures + 1)); fi
check_convention "GoogleTest" "GoogleTest" GTEST_TOTAL_SHARDS=3 GTEST_SHARD_INDEX=0 -- \
  GTEST_TOTAL_SHARDS=3 GTEST_SHARD_INDEX=1 -- GTEST_TOTAL_SHARDS=3 GTEST_SHARD_INDEX=2
check_convention "Kubernetes" "Kubernetes Indexed Job" JOB_COMPLETION_INDEX=0 WEFT_SHARD_COUNT=3 -- \
  JOB_COMPLETION_INDEX=1 WEFT_SHARD_COUNT=3 -- JOB_COMPLETION_INDEX=2 WEFT_SHARD_COUNT=3
for id in 10 12 14; do slurm[id]="SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=10 SLURM_ARRAY_TASK_MAX=14 SLURM_ARRAY_TASK_STEP=2"; done
# shellcheck disable=SC2086
check_convention "Slurm (--array=10-14:2)" "Slurm array" ${slurm[10]} -- ${slurm[12]} -- ${slurm[14]}
check_convention "GitLab CI" "GitLab CI" CI_NODE_INDEX=1 CI_NODE_TOTAL=3 -- CI_NODE_INDEX=2 CI_NODE_TOTAL=3 -- \
  CI_NODE_INDEX=3 CI_NODE_TOTAL=3
check_convention "CircleCI" "CircleCI" CIRCLE_NODE_INDEX=0 CIRCLE_NODE_TOTAL=3 -- CIRCLE_NODE_INDEX=1 CIRCLE_NODE_TOTAL=3 -- \
  CIRCLE_NODE_INDEX=2 CIRCLE_NODE_TOTAL=3
check_convention "Buildkite" "Buildkite" BUILDKITE_PARALLEL_JOB=0 BUILDKITE_PARALLEL_JOB_COUNT=3 -- \
  BUILDKITE_PARALLEL_JOB=1 BUILDKITE_PARALLEL_JOB_COUNT=3 -- BUILDKITE_PARALLEL_JOB=2 BUILDKITE_PARALLEL_JOB_COUNT=3

# Precedence: the flag, then WEFT_SHARD, then the innermost runner (Bazel) over the scheduler and CI.
everything=(TEST_TOTAL_SHARDS=3 TEST_SHARD_INDEX=0 GTEST_TOTAL_SHARDS=3 GTEST_SHARD_INDEX=1 JOB_COMPLETION_INDEX=2
  WEFT_SHARD_COUNT=3 SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=2
  CI_NODE_INDEX=3 CI_NODE_TOTAL=3)
run "$tmp/p.json" "${everything[@]}" && true
expect_in out "Bazel wins over GoogleTest, Kubernetes, Slurm and CI (console header)" "shard 1/3 from Bazel"
run "$tmp/p.json" "${everything[@]}" WEFT_SHARD=2/3 && true
expect_in out "WEFT_SHARD wins over the conventions" "shard 2/3 from WEFT_SHARD"
run "$tmp/p.json" "${everything[@]}" WEFT_SHARD=2/3 -- --shard 3/3 && true
expect_in out "--shard wins over everything" "shard 3/3 from --shard"
run "$tmp/p.json" "${everything[@]:2}" && true
expect_in out "without Bazel, GoogleTest's variables decide" "shard 2/3 from GoogleTest"

# Bad settings: one line, exit 2.
expect_status 2 "Kubernetes index without a count" -- env JOB_COMPLETION_INDEX=1 "$weft" run counter
expect_one_line_error "Kubernetes index without a count" "WEFT_SHARD_COUNT"
expect_status 2 "a Slurm array with gaps" -- env SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_COUNT=3 \
  SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=9 "$weft" run counter
expect_one_line_error "a Slurm array with gaps" "without gaps"
expect_status 2 "a Bazel index past the count" -- env TEST_TOTAL_SHARDS=2 TEST_SHARD_INDEX=2 "$weft" run counter
expect_one_line_error "a Bazel index past the count" "from Bazel"
expect_status 2 "an unwritable Bazel status file" -- env TEST_TOTAL_SHARDS=2 TEST_SHARD_INDEX=0 \
  TEST_SHARD_STATUS_FILE=/nonexistent/dir/status "$weft" run counter
expect_one_line_error "an unwritable Bazel status file" "TEST_SHARD_STATUS_FILE"
finish
