#!/usr/bin/env bash
# Installs weft from the build tree into a temporary prefix, builds the
# outside project in examples/ against it with find_package, and runs it.
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/examples" -B "$tmp/example" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/example" >/dev/null
"$tmp/example/bank_checks" run --iterations 5000
echo "1 passed, 0 failed"
