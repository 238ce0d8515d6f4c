#!/usr/bin/env bash
# The weft-cc / weft-c++ wrappers (cmake/weft-cc.in) and weft_instrument()
# (cmake/WeftInstrument.cmake): every compile gets -fsanitize=thread and the
# other instrumentation flags; a link
# step gets --wrap=main, -rdynamic and weft's runtime whole-archive, and never
# TSan's runtime; weft_instrument() refuses a compiler that is not Clang.
# Only the command lines are checked (WEFT_CXX=echo, clang -###): linking a
# program for real needs the instrumentation runtime's own tests.
# Usage: wrappers_test.sh BUILD_BIN_DIR SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
source "$(dirname "$0")/lib.sh"
check() {  # check DESCRIPTION COMMAND...: the command succeeds
  local what=$1
  shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
has() { grep -qF -- "$2" "$tmp/$1"; }
lacks() { ! grep -qF -- "$2" "$tmp/$1"; }

# --- the arguments each wrapper passes (the compiler replaced by echo) ---------
# weft_instrument()'s compile flags (cmake/WeftInstrument.cmake says why each).
instrument_flags="-fsanitize=thread -gdwarf-aranges -mllvm -tsan-distinguish-volatile=1 -DCK_USE_CC_BUILTINS=1 -DCK_MD_RMO"
for wrapper in weft-cc:WEFT_CC:a.c weft-c++:WEFT_CXX:a.cpp; do
  IFS=: read -r name variable source <<<"$wrapper"
  env "$variable=echo" "$bin/$name" -O1 -c "$source" -o a.o >"$tmp/compile"
  check "$name compile: -fsanitize=thread" has compile "$instrument_flags -O1 -c $source -o a.o"
  check "$name compile: weft's shims before the system's headers" has compile "-isystem $src/checker/include/weft/shim -fsanitize=thread"
  check "$name compile: no link flags" lacks compile "--wrap=main"
  for step in "-E $source" "-S $source" "-fsyntax-only $source" "-M $source"; do
    # shellcheck disable=SC2086
    env "$variable=echo" "$bin/$name" $step >"$tmp/other"
    check "$name $step: not a link step" lacks other "--wrap=main"
  done
  env "$variable=echo" "$bin/$name" a.o b.o -o program -lm >"$tmp/link"
  check "$name link: no -fsanitize=thread" lacks link "-fsanitize=thread"
  check "$name link: no sanitizer runtime" has link "-fno-sanitize-link-runtime a.o b.o -o program -lm"
  check "$name link: main wrapped" has link "-Wl,--wrap=main -rdynamic -Wl,--version-script=$src/checker/include/weft/shim/weft-link.map -Wl,-z,now -Wl,--whole-archive"
  check "$name link: the runtime whole-archive" grep -qE -- "--whole-archive [^ ]*libweft_instrument\.a -Wl,--no-whole-archive" "$tmp/link"
  for lib in libweft_cli.a libweft.a libboost_context libfmt -lpthread; do
    check "$name link: $lib" has link "$lib"
  done
  env "$variable=echo" "$bin/$name" "$source" -o program >"$tmp/both"
  check "$name compile and link: instrumented, without TSan's runtime" \
    has both "$instrument_flags -fno-sanitize-link-runtime $source -o program -Wl,--wrap=main"
done
env WEFT_CC=echo "$bin/weft-cc" a.o -o program >"$tmp/link"
check "weft-cc link: the C++ runtime" has link "-lstdc++"

# --- clang-14 itself: TSan's runtime never reaches the linker -----------------
if command -v clang++-14 >/dev/null; then
  printf 'int main() { return 0; }\n' >"$tmp/a.cpp"
  "$bin/weft-c++" -### -c "$tmp/a.cpp" -o "$tmp/a.o" 2>"$tmp/cc1"
  check "clang++-14 -c: instrumented" has cc1 '"-fsanitize=thread"'
  for step in "$tmp/a.o" "$tmp/a.cpp" "$tmp/a.o -fsanitize=thread"; do
    # shellcheck disable=SC2086
    "$bin/weft-c++" -### $step -o "$tmp/a" 2>"$tmp/ld"
    check "clang++-14 $step: no TSan runtime" lacks ld "libclang_rt.tsan"
    check "clang++-14 $step: main wrapped" has ld '"--wrap=main"'
    check "clang++-14 $step: exported symbols" has ld '"-export-dynamic"'
  done
fi

# --- weft_instrument() -------------------------------------------------------
project=$(dirname "$0")/instrument_project
if command -v clang++-14 >/dev/null; then
  expect_status 0 "weft_instrument() with clang++-14" -- cmake -S "$project" -B "$tmp/clang" -G Ninja \
    -DCMAKE_CXX_COMPILER=clang++-14 -DWEFT_SOURCE_DIR="$src"
  ninja=$tmp/clang/build.ninja
  check "weft_instrument(): program.cpp instrumented" \
    grep -A6 "build CMakeFiles/program.dir/program.cpp.o" "$ninja" -m1 | grep -q -- "-fsanitize=thread"
  check "weft_instrument(): helpers.cpp instrumented" \
    grep -A6 "build CMakeFiles/helpers.dir/helpers.cpp.o" "$ninja" -m1 | grep -q -- "-fsanitize=thread"
  check "weft_instrument(): volatile accesses as calls of their own, -mllvm kept with its argument" \
    grep -A6 "build CMakeFiles/program.dir/program.cpp.o" "$ninja" -m1 | grep -q -- "-mllvm -tsan-distinguish-volatile=1"
  grep -A8 "^build program:" "$ninja" >"$tmp/program-link"
  check "weft_instrument(): main wrapped" has program-link "-Wl,--wrap=main -rdynamic"
  check "weft_instrument(): the version script" has program-link "-Wl,--version-script=$src/checker/include/weft/shim/weft-link.map"
  check "weft_instrument(): the runtime whole-archive" grep -qE -- "--whole-archive +[^ ]*libweft_instrument\.a" "$tmp/program-link"
  check "weft_instrument(): weft's libraries" has program-link "libweft_cli.a"
  check "weft_instrument(): no -fsanitize=thread at link" lacks program-link "-fsanitize=thread"
fi
expect_status 1 "weft_instrument() with g++" -- cmake -S "$project" -B "$tmp/gcc" -G Ninja -DCMAKE_CXX_COMPILER=g++ \
  -DWEFT_SOURCE_DIR="$src"
check "weft_instrument() with g++: says why" \
  grep -q "weft's instrumentation needs Clang" "$tmp/out" "$tmp/err"

finish
