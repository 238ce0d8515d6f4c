#!/usr/bin/env bash
# Builds and runs every test of weft: the dev build (gcc), then the
# ThreadSanitizer and AddressSanitizer builds (clang-14). Installs what is
# missing first. Pass a preset name (dev, tsan, asan) to run only that one.
# After the dev tests, the Debian package of the dev build is built, installed
# with apt-get, used by the outside projects, and removed again
# (tests/package/deb_package_test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
weft_install_packages
presets=("${@:-dev tsan asan}")
# shellcheck disable=SC2206
presets=(${presets[*]})
jobs=$(nproc)
for preset in "${presets[@]}"; do
  echo "== weft tests: $preset"
  started=$SECONDS
  weft_build "$preset"
  built=$SECONDS
  ctest --preset "$preset" -j "$jobs"
  echo "== weft tests: $preset built in $((built - started)) s, tested in $((SECONDS - built)) s"
  if [ "$preset" = dev ]; then
    echo "== weft tests: the Debian package"
    bash tests/package/deb_package_test.sh build/dev .
  fi
done
