#!/usr/bin/env bash
# Installs weft from the build tree into a temporary prefix and builds outside
# projects against it with find_package: examples/ (run directly and through
# ctest) and tests/cli/ctest_project (weft_discover_scenarios and the gtest
# adapter, with bugs that ctest must report with their replay commands).
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
here=$(dirname "$0")
# shellcheck source=tests/cli/outside_projects.sh
source "$here/outside_projects.sh"
check_outside_projects "$src" "$tmp" -DCMAKE_PREFIX_PATH="$tmp/prefix"
