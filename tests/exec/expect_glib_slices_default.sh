#!/usr/bin/env bash
# expect_glib_slices_default.sh WEFT PROGRAM: `weft exec` of PROGRAM
# (libs/glib_slices_ok.c, two threads' GLib slices of their own) is clean,
# since weft exec sets G_SLICE=always-malloc for the program; and a G_SLICE
# of the user's is kept: with GLib's own slice allocator (G_SLICE empty),
# the chunks it hands from one thread to the other are a data race weft
# cannot tell from a real one (exit 1).
set -uo pipefail
out=$(env -u G_SLICE "$1" exec --iterations 50 --shrink-time 0 -- "$2" 2>&1)
status=$?
[ "$status" -eq 0 ] || { echo "exit status $status without G_SLICE, expected 0: $out"; exit 1; }
out=$(G_SLICE= "$1" exec --iterations 50 --shrink-time 0 -- "$2" 2>&1)
status=$?
[ "$status" -eq 1 ] || { echo "exit status $status with G_SLICE set empty, expected 1: $out"; exit 1; }
printf '%s' "$out" | grep -q "data_race" || { echo "no data race with GLib's slices in: $out"; exit 1; }
echo "ok"
