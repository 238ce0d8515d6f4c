#!/usr/bin/env bash
# count_events.sh: how many instrumented events one execution of each proof
# program makes (atomics, fences, plain reads/writes, function entries), to
# keep the programs small for weft exec. Each program is compiled with
# clang -fsanitize=thread and linked with count_rt.c instead of the TSan
# runtime, run RUNS times natively, and the largest counts are printed.
# Usage: count_events.sh [-r RUNS] [-s SHAKE_RUNS] [PROGRAM...]
# (default 20 runs, no shaking, all programs). Runs that hang are killed
# after 2 s and skipped. With -s, each program is also run SHAKE_RUNS times
# with COUNT_RT_SHAKE=1 (random yields and short sleeps at instrumented
# events) and the outcomes are tallied: exit0, abort (SIGABRT), hang, other.
set -u

here=$(cd "$(dirname "$0")" && pwd)
runs=20 shake_runs=0
while getopts "r:s:" opt; do
    case $opt in
        r) runs=$OPTARG ;;
        s) shake_runs=$OPTARG ;;
        *) echo "usage: $0 [-r RUNS] [-s SHAKE_RUNS] [PROGRAM...]" >&2; exit 2 ;;
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
    shaken=""
    if ((shake_runs > 0)); then
        ok=0 abort=0 hang=0 other=0
        for ((i = 0; i < shake_runs; ++i)); do
            # through sh, so that this shell does not report each abort
            sh -c 'COUNT_RT_SHAKE=1 timeout -s KILL 2 "$1" >/dev/null 2>&1; exit $?' sh "$out/p"
            case $? in
                0) ok=$((ok + 1)) ;;
                134) abort=$((abort + 1)) ;;
                124 | 137) hang=$((hang + 1)) ;;
                *) other=$((other + 1)) ;;
            esac
        done
        shaken=" | shaken($shake_runs): exit0=$ok abort=$abort hang=$hang other=$other"
    fi
    printf '%-48s atomics<=%-5s fences<=%-4s plain reads<=%-5s writes<=%s%s\n' \
        "$src" "$max_a" "$max_f" "$max_r" "$max_w" "$shaken"
done
