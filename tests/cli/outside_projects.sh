# Sourced by find_package_test.sh and deb_package_test.sh: builds examples/ and
# tests/cli/ctest_project against an installed weft and checks what ctest says.
#   check_outside_projects SOURCE_DIR SCRATCH_DIR [CMAKE_ARGS...]
check_outside_projects() {
  local src=$1 scratch=$2
  shift 2
  local project
  for project in "$src/examples" "$src/tests/cli/ctest_project"; do
    local out="$scratch/$(basename "$project")"
    cmake -S "$project" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
    cmake --build "$out" >/dev/null
  done

  "$scratch/examples/bank_checks" run --iterations 5000
  ctest --test-dir "$scratch/examples" --output-on-failure

  # The buggy scenario and the buggy gtest test fail, every other test
  # passes, and the log holds each finding's replay command.
  local log="$scratch/ctest.log"
  if ctest --test-dir "$scratch/ctest_project" --output-on-failure >"$log" 2>&1; then
    echo "FAIL: ctest passed although mistaken/racy is a bug"; cat "$log"; return 1
  fi
  local failed expected="Counter.PlainIncrements mistaken/racy "
  failed=$(sed -n 's/^[[:space:]]*[0-9]* - \(.*\) (Failed).*/\1/p' "$log" | sort | tr '\n' ' ')
  if [ "$failed" != "$expected" ]; then
    echo "FAIL: ctest failed '$failed', expected '$expected'"; cat "$log"; return 1
  fi
  if ! grep -q "replay: [^ ]*/queue_checks replay mistaken/racy '" "$log" ||
     ! grep -q "replay: WEFT_REPLAY='[0-9]*:[^']*' .*counter_test --gtest_filter=Counter.PlainIncrements" "$log"; then
    echo "FAIL: a failing test's log has no replay command"; cat "$log"; return 1
  fi
  echo "outside projects: examples and ctest_project as expected"
}
