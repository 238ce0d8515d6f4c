#!/usr/bin/env bash
# The main job: installs what is missing, builds weft (release preset) and
# runs the built-in scenario suite under the controlled scheduler, writing the
# HTML, JSON, JUnit and SARIF reports to weft-reports/. Extra arguments go to
# `weft run` (e.g. a family name, or --iterations 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
weft_install_packages
weft_build release weft weft-relacy
mkdir -p weft-reports
# One scenario per core at a time (weft run --jobs), unless the arguments say otherwise.
jobs=(--jobs "$(nproc)")
for arg in "$@"; do
  case $arg in -j | --jobs | -j* | --jobs=*) jobs=() ;; esac
done
status=0
./build/release/cli/weft run "${jobs[@]}" \
  --html weft-reports/report.html --json weft-reports/report.json \
  --junit weft-reports/junit.xml --sarif weft-reports/weft.sarif "$@" || status=$?
echo "weft: open $(pwd)/weft-reports/report.html to read the report"
exit $status
