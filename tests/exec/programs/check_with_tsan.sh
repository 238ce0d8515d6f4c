#!/usr/bin/env bash
# check_with_tsan.sh: validates the weft exec proof programs with clang-14 and
# the real ThreadSanitizer, outside weft. For every program it checks that it
# compiles warning-free, then:
#   - a program expected `clean` must exit 0 in every native run and every
#     TSan run, with no TSan report (a racy "correct twin" would make weft
#     report a false positive);
#   - a bug program is run too, and the script counts how often the bug shows
#     (abort, non-zero exit, hang, TSan report); there it is only informative.
# Usage: check_with_tsan.sh [-n NATIVE_OK] [-t TSAN_OK] [-N NATIVE_BUG]
#                           [-T TSAN_BUG] [PROGRAM...]
# Defaults: 200 / 50 runs for clean programs, 100 / 50 for bug programs.
# A clean program whose source has a line
#     // tsan-false-positive: <why>
# is run natively only: ThreadSanitizer itself reports it (a release made
# inside an uninstrumented library), which weft follows, or cannot run it
# (the line says why); a bug program with such a line is run natively only.
# PROGRAM: paths relative to this directory (c/x_ok.c ...); default: all.
# Exit status 0 when every clean program passed, 1 otherwise.
set -u

here=$(cd "$(dirname "$0")" && pwd)
native_ok=200 tsan_ok=50 native_bug=100 tsan_bug=50
while getopts "n:t:N:T:" opt; do
    case $opt in
        n) native_ok=$OPTARG ;;
        t) tsan_ok=$OPTARG ;;
        N) native_bug=$OPTARG ;;
        T) tsan_bug=$OPTARG ;;
        *) echo "usage: $0 [-n N] [-t N] [-N N] [-T N] [PROGRAM...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

cc=${CC:-clang-14}
cxx=${CXX:-clang++-14}
ok_timeout=10 # seconds; a clean program ends in milliseconds
bug_timeout=2 # seconds; longer than that counts as a hang (deadlock)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [ $# -eq 0 ]; then
    # Not libs/absl_*, libs/tbb_* nor libs/qt_*: Debian's Abseil, oneTBB and
    # Qt are not built with ThreadSanitizer, which cannot see Abseil's Mutex,
    # oneTBB's task hand-overs nor Qt's QWaitCondition and reports the data
    # they order as racy (weft follows their entry points instead;
    # absl_sync.cpp, tbb_tasks.cpp, qt_sync.cpp).
    cd "$here" && set -- $(ls c/*.c cpp/*.cpp libs/*.cpp openmp/*.c openmp/*.cpp | grep -v '^libs/absl_\|^libs/tbb_\|^libs/qt_')
fi

# compile SRC OUT EXTRA_FLAGS...: warning-free build with the language's flags.
compile() {
    local src=$1 bin=$2
    shift 2
    local libs=""
    case $src in libs/atomic_queue*) libs="-latomic" ;; esac # is_lock_free()
    case $src in openmp/*) set -- -fopenmp "$@" ;; esac     # clang's OpenMP: libomp
    case $src in
        *.c) $cc -std=c11 -Wall -Wextra -Werror -pthread "$@" "$src" -o "$bin" ;;
        *) $cxx -std=c++20 -Wall -Wextra -Werror -pthread "$@" "$src" -o "$bin" $libs ;;
    esac
}

# run BIN RUNS TIMEOUT TSAN: runs BIN RUNS times, prints a tally
# "exit0=.. abort=.. exit_other=.. hang=.. tsan=.. [kinds]".
run_many() {
    local bin=$1 runs=$2 limit=$3 tsan=$4
    local ok=0 abort=0 other=0 hang=0 reports=0 i rc
    : >"$out/kinds"
    for ((i = 0; i < runs; ++i)); do
        # OpenMP programs: LLVM's Archer tells TSan what OpenMP orders.
        TSAN_OPTIONS="halt_on_error=1 exitcode=66 ignore_noninstrumented_modules=1" \
            OMP_TOOL_LIBRARIES=/usr/lib/llvm-14/lib/libarcher.so \
            timeout -s KILL "$limit" "$bin" >/dev/null 2>"$out/err"
        rc=$?
        if grep -q "WARNING: ThreadSanitizer" "$out/err"; then
            reports=$((reports + 1))
            sed -n 's/.*WARNING: ThreadSanitizer: \([^(]*[^( ]\).*/\1/p' "$out/err" | head -1 | tr ' ' '_' >>"$out/kinds"
        fi
        case $rc in
            0) ok=$((ok + 1)) ;;
            134) abort=$((abort + 1)) ;;
            124 | 137) hang=$((hang + 1)) ;;
            66) [ "$tsan" = 1 ] || other=$((other + 1)) ;;
            *) other=$((other + 1)) ;;
        esac
    done
    local kinds
    kinds=$(sort "$out/kinds" | uniq -c | awk '{printf "%s%s:%s", sep, $2, $1; sep=","}')
    echo "exit0=$ok abort=$abort exit_other=$other hang=$hang tsan_reports=$reports${kinds:+ ($kinds)}"
}

cd "$here"
failed=0
for src in "$@"; do
    expect=$(sed -n 's|^// weft-exec-expect: *||p' "$src" | head -1)
    if [ -z "$expect" ]; then
        echo "FAIL $src: no '// weft-exec-expect:' line"; failed=1; continue
    fi
    name=$(echo "$src" | tr '/.' '__')
    if ! compile "$src" "$out/$name.native" -O1 -g ||
        ! compile "$src" "$out/$name.tsan" -fsanitize=thread -O1 -g; then
        echo "FAIL $src: does not compile cleanly"; failed=1; continue
    fi
    tsan_blind=$(sed -n 's|^// tsan-false-positive: *||p' "$src" | head -1)
    if [ "$expect" = clean ] && [ -n "$tsan_blind" ]; then
        native=$(run_many "$out/$name.native" "$native_ok" "$ok_timeout" 0)
        verdict=PASS
        [[ $native == "exit0=$native_ok "* ]] || verdict=FAIL
        [ $verdict = PASS ] || failed=1
        echo "$verdict $src [clean] native($native_ok): $native | tsan: not run ($tsan_blind)"
    elif [ "$expect" = clean ]; then
        native=$(run_many "$out/$name.native" "$native_ok" "$ok_timeout" 0)
        tsan=$(run_many "$out/$name.tsan" "$tsan_ok" "$ok_timeout" 1)
        verdict=PASS
        [[ $native == "exit0=$native_ok "* && $native == *"tsan_reports=0"* ]] || verdict=FAIL
        [[ $tsan == "exit0=$tsan_ok "* && $tsan == *"tsan_reports=0"* ]] || verdict=FAIL
        [ $verdict = PASS ] || failed=1
        echo "$verdict $src [clean] native($native_ok): $native | tsan($tsan_ok): $tsan"
    else
        native=$(run_many "$out/$name.native" "$native_bug" "$bug_timeout" 0)
        if [ -n "$tsan_blind" ]; then
            echo "BUG  $src [$expect] native($native_bug): $native | tsan: not run ($tsan_blind)"
        else
            tsan=$(run_many "$out/$name.tsan" "$tsan_bug" "$bug_timeout" 1)
            echo "BUG  $src [$expect] native($native_bug): $native | tsan($tsan_bug): $tsan"
        fi
    fi
done
exit $failed
