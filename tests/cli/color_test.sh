#!/usr/bin/env bash
# --color=auto|always|never and NO_COLOR (no-color.org) on the console output.
set -uo pipefail
weft=$1
source "$(dirname "$0")/lib.sh"
sgr=$'\x1b\\[[0-9;]*m'  # a colour escape (not the progress line's erase)
colored() {  # colored WHAT yes|no: the last command's stdout has colour escapes or not
  if grep -qE "$sgr" "$tmp/out"; then got=yes; else got=no; fi
  if [ "$got" = "$2" ]; then pass=$((pass + 1)); else echo "FAIL: $1: colours $got, expected $2"; failures=$((failures + 1)); fi
}
unset NO_COLOR
run=(run counter/locked --iterations 20)
expect_status 0 "default into a pipe" -- "$weft" "${run[@]}"
colored "default into a pipe (auto: not a terminal)" no
expect_status 0 "--color=always" -- "$weft" "${run[@]}" --color=always
colored "--color=always into a pipe" yes
expect_status 0 "--color=always with NO_COLOR" -- env NO_COLOR=1 "$weft" "${run[@]}" --color=always
colored "--color=always wins over NO_COLOR" yes
expect_status 0 "--color=never" -- "$weft" "${run[@]}" --color=never
colored "--color=never" no
expect_status 2 "--color=sometimes" -- "$weft" "${run[@]}" --color=sometimes
expect_in err "--color=sometimes names the choices" "auto"
# auto on a terminal, when script(1) is there to give one: colours unless NO_COLOR.
if command -v script >/dev/null; then
  TERM=xterm script -qec "$weft ${run[*]}" /dev/null >"$tmp/out" 2>&1
  colored "auto on a terminal" yes
  TERM=xterm NO_COLOR=1 script -qec "$weft ${run[*]}" /dev/null >"$tmp/out" 2>&1
  colored "auto on a terminal with NO_COLOR" no
fi
finish
