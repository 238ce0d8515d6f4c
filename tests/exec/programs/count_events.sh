#!/usr/bin/env bash
# count_events.sh: how many instrumented events one execution of each proof
# program makes (atomics, fences, plain reads/writes, function entries), to
# keep the programs small for weft exec. Each program is compiled with
# clang -fsanitize=thread and linked with count_rt.c instead of the TSan
# runtime, run RUNS times natively, and the largest counts are printed.
# Usage: count_events.sh [-r RUNS] [PROGRAM...]   (default 20 runs, all)
# Bug programs that hang in a run are killed after 2 s and that run skipped.
set -u

here=$(cd "$(dirname "$0")" && pwd)
runs=20
while getopts "r:" opt; do
    case $opt in
        r) runs=$OPTARG ;;
        *) echo "usage: $0 [-r RUNS] [PROGRAM...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
cd "$here"
[ $# -gt 0 ] || set -- $(ls c/*.c cpp/*.cpp libs/*.cpp)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang-14 -O1 -c count_rt.c -o "$out/count_rt.o" || exit 3

for src in "$@"; do
    case $src in
        *.c) clang-14 -std=c11 -pthread -fsanitize=thread -O1 -c "$src" -o "$out/p.o" ;;
        *) clang++-14 -std=c++20 -pthread -fsanitize=thread -O1 -c "$src" -o "$out/p.o" ;;
    esac || { echo "$src: does not compile"; continue; }
    clang++-14 -pthread "$out/p.o" "$out/count_rt.o" -o "$out/p" -latomic || continue
    max_a=0 max_f=0 max_r=0 max_w=0
    for ((i = 0; i < runs; ++i)); do
        line=$(timeout -s KILL 2 "$out/p" 2>&1 >/dev/null | grep '^count_rt:') || continue
        read -r a f r w <<<"$(echo "$line" | sed 's/.*atomics=\([0-9]*\) fences=\([0-9]*\) reads=\([0-9]*\) writes=\([0-9]*\).*/\1 \2 \3 \4/')"
        ((a > max_a)) && max_a=$a
        ((f > max_f)) && max_f=$f
        ((r > max_r)) && max_r=$r
        ((w > max_w)) && max_w=$w
    done
    printf '%-48s atomics<=%-5s fences<=%-4s plain reads<=%-5s writes<=%s\n' \
        "$src" "$max_a" "$max_f" "$max_r" "$max_w"
done
