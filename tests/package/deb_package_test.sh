#!/usr/bin/env bash
# The Debian package of weft, end to end on this machine: packs the built
# tree (cpack -G DEB; no rebuild), installs it with apt-get, builds examples/
# and tests/cli/ctest_project against the installed package only, and
# removes it again — also when a step fails (trap). Needs root (CI is) and a
# machine without weft installed.
#   tests/package/deb_package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
src=$(realpath "$2")
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
if dpkg-query -W -f='${Status}' weft 2>/dev/null | grep -q "install ok installed"; then
  echo "FAIL: a weft package is already installed; this test would remove it (apt-get remove weft first)"
  exit 1
fi

tmp=$(mktemp -d)
installed=0
cleanup() {
  if [ "$installed" -eq 1 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq weft >/dev/null || echo "WARNING: apt-get remove weft failed"
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" >cpack.log) || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/weft_*.deb)
echo "built $(basename "$deb"): $(du -h "$deb" | cut -f1)"
dpkg-deb --field "$deb" Depends
dpkg-deb --contents "$deb" >"$tmp/contents"
for path in ./usr/bin/weft ./usr/bin/weft-relacy ./usr/include/weft/weft.hpp ./usr/include/weft/gtest.hpp \
            ./usr/lib/cmake/weft/weftConfig.cmake ./usr/share/man/man1/weft.1.gz ./usr/share/man/man1/weft-run.1.gz \
            ./usr/bin/weft-cc ./usr/bin/weft-c++ ./usr/share/man/man1/weft-exec.1.gz ./usr/share/doc/weft/guide.md; do
  grep -q " $path\$" "$tmp/contents" || { echo "FAIL: the package lacks $path"; exit 1; }
done

installed=1  # from here on, the trap removes it whatever happens
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
man -w weft >/dev/null 2>&1 || [ -f /usr/share/man/man1/weft.1.gz ]
weft --version

# The outside projects against the installed package only: no prefix given,
# and the CMake package found must be the one under /usr.
source "$src/tests/cli/outside_projects.sh"
check_outside_projects "$src" "$tmp"
grep -q "^weft_DIR:PATH=/usr/lib/cmake/weft$" "$tmp/examples/CMakeCache.txt" ||
  { echo "FAIL: examples/ did not use the installed package"; grep weft_DIR "$tmp/examples/CMakeCache.txt"; exit 1; }
echo "deb package: built, installed, used by examples/, removed"
