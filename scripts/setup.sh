#!/usr/bin/env bash
# Installs what weft needs from Debian's packages, only what is missing
# (sourced by run.sh and test.sh; safe to run again).
set -euo pipefail

WEFT_PACKAGES=(
  g++ cmake ninja-build git
  librapidcheck-dev relacy-dev libbenchmark-dev libgtest-dev libgmock-dev
  clang-14 libclang-rt-14-dev
  lld  # the linker of every preset (ld.lld): links the sanitizer builds' tests 4x quicker than ld.bfd, 2.5x quicker than gold
  libboost-context-dev libcli11-dev nlohmann-json3-dev libfmt-dev libdw-dev pkg-config
  libxml2-utils python3-jsonschema chromium
  libconcurrentqueue-dev libreaderwriterqueue-dev libatomic-queue-dev  # weft exec: real lock-free libraries to test on
  libcuckoo-dev  # weft exec: a concurrent hash map to test on (tests/exec/programs/libs/libcuckoo_*)
  libxenium-dev  # weft exec: lock-free queues, memory reclamation, seqlock, left-right to test on (tests/exec/programs/libs/xenium_*)
  libuv1-dev  # weft exec: a real event loop to test on (tests/exec/programs/libs/libuv_*)
  libabsl-dev  # weft exec: Abseil's Mutex, CondVar, Notification (tests/exec/programs/libs/absl_*)
  libglib2.0-dev  # weft exec: GLib's GMutex, GCond, GRWLock, g_once (tests/exec/programs/libs/glib_*)
  libtbb-dev  # weft exec: oneTBB's parallel algorithms, task groups, flow graphs (tests/exec/programs/libs/tbb_*)
  qt6-base-dev  # weft exec: Qt 6's QThread, QMutex, QWaitCondition, QReadWriteLock, QSemaphore, QThreadPool, QtConcurrent (tests/exec/programs/libs/qt_*)
  libck-dev  # weft exec: Concurrency Kit's spinlocks, rings and fences (tests/exec/programs/libs/ck_*)
  liburcu-dev  # weft exec: userspace RCU's read side, grace periods and pointer publication (tests/exec/programs/libs/urcu_*)
  libjemalloc-dev  # weft exec: a program linked with another malloc than glibc's (tests/exec/programs/libs/jemalloc_*)
  libsqlite3-dev  # weft exec: SQLite's connections from several threads, its busy handler's backoff (tests/exec/programs/libs/sqlite_*)
  libzmq3-dev  # weft exec: ZeroMQ's inproc sockets between threads (tests/exec/programs/libs/zmq_*)
  libevent-dev  # weft exec: libevent's loop with threads (evthread_use_pthreads) (tests/exec/programs/libs/libevent_*)
  libpoco-dev  # weft exec: Poco's threads, notification queues and reference-counted notifications (tests/exec/programs/libs/poco_*)
  liblmdb-dev  # weft exec: LMDB's transactions, a writer and readers on one memory map (tests/exec/programs/libs/lmdb_*)
  libssl-dev  # weft exec: OpenSSL's keys and digests shared by reference between threads (tests/exec/programs/libs/openssl_*)
  libspdlog-dev  # weft exec: spdlog's compiled library, async loggers and the program's own sinks (tests/exec/programs/libs/spdlog_*)
  libnng-dev  # weft exec: NNG's publisher and subscribers on its own threads (tests/exec/programs/libs/nng_*)
  libcapnp-dev  # weft exec: Cap'n Proto's KJ, MutexGuarded and Lazy (tests/exec/programs/libs/kj_*)
  libapr1-dev libaprutil1-dev  # weft exec: APR's atomics and thread pool (tests/exec/programs/libs/apr_*)
  libgrpc++-dev  # weft exec: gRPC's callback API over an in-process channel (tests/exec/programs/libs/grpc_*)
  libleveldb-dev  # weft exec: one LevelDB database shared by writers and readers (tests/exec/programs/libs/leveldb_*)
  librocksdb-dev  # weft exec: two writers into one RocksDB database (tests/exec/programs/libs/rocksdb_*)
  libmimalloc-dev libgoogle-perftools-dev  # weft exec: mimalloc's and tcmalloc's own allocation APIs (tests/exec/programs/libs/mimalloc_*, tcmalloc_*)
  libcds-dev  # weft exec: libcds's lock-free queue and hazard-pointer collector (tests/exec/programs/libs/libcds_*)
  libboost-fiber-dev  # weft exec: Boost.Fiber's fibers on several threads, channels, fiber mutexes, work stealing (tests/exec/programs/libs/boost_fiber_*)
  libcaf-dev  # weft exec: CAF's actors, their mailboxes and scheduler (tests/exec/programs/libs/caf_*)
  libboost-log-dev  # weft exec: Boost.Log's asynchronous sinks and trivial logging from several threads (tests/exec/programs/libs/boost_log_*)
  libcritnib-dev  # weft exec: critnib's ordered map with lock-free reads (tests/exec/programs/libs/critnib_*)
  catch2 doctest-dev  # weft exec: Catch2 and doctest test programs, each TEST_CASE a scenario (tests/exec/catch2_program, doctest_program)
  libomp-14-dev  # weft exec: OpenMP programs (clang-14 -fopenmp), and LLVM's OpenMP tool Archer
  help2man dpkg-dev  # the Debian package: its man pages, dpkg-shlibdeps (cmake/WeftPackaging.cmake)
)

weft_missing_packages() {
  local missing=()
  for p in "${WEFT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

weft_install_packages() {
  local missing
  missing=$(weft_missing_packages)
  [ -z "$missing" ] && return 0
  echo "weft: installing Debian packages: $missing"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# weft_build PRESET [TARGET...]: configure once, then build (incremental).
weft_build() {
  local preset=$1
  shift
  if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" >/dev/null
  fi
  cmake --build --preset "$preset" ${1:+--target "$@"}
}
