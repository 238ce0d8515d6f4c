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

# weft exec's build side, installed: weft-c++ links the installed libraries,
# and find_package(weft) gives weft_instrument().
for lib in $(WEFT_CXX=echo "$tmp/prefix/bin/weft-c++" main.o -o program | tr ' ' '\n' | grep '\.a$'); do
  [ -f "$lib" ] || { echo "FAIL: the installed weft-c++ links $lib, which is not there"; exit 1; }
done
map=$(WEFT_CXX=echo "$tmp/prefix/bin/weft-c++" main.o -o program | tr ' ' '\n' | sed -n 's/^-Wl,--version-script=//p')
[ -n "$map" ] && [ -f "$map" ] || { echo "FAIL: the installed weft-c++ links with the version script '$map', which is not there"; exit 1; }
if command -v clang++-14 >/dev/null; then
  cmake -S "$src/tests/cli/instrument_project" -B "$tmp/instrument" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
  grep -q -- "--whole-archive.*$tmp/prefix/lib/libweft_instrument.a" "$tmp/instrument/build.ninja" ||
    { echo "FAIL: weft_instrument() from find_package(weft) does not link the installed runtime"; exit 1; }
  # examples/unmodified: built with weft_instrument() against the install,
  # checked by the installed weft exec, which must find its bug (exit 1).
  cmake -S "$src/examples/unmodified" -B "$tmp/unmodified" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
  cmake --build "$tmp/unmodified" >/dev/null
  status=0
  "$tmp/prefix/bin/weft" exec --strategy random --iterations 1000 --seed 1 --json "$tmp/unmodified.json" \
    -- "$tmp/unmodified/inventory" >"$tmp/unmodified.out" 2>&1 || status=$?
  [ "$status" -eq 1 ] && grep -q '"kind": *"exit"' "$tmp/unmodified.json" ||
    { echo "FAIL: weft exec on examples/unmodified: status $status"; cat "$tmp/unmodified.out"; exit 1; }
fi
echo "find_package(weft): examples, ctest project, weft-c++, weft_instrument() and weft exec as installed"
