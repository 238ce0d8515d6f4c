// The checker's own speed, side by side with Relacy in one process run.
//
// The matrix: three workloads, each thread doing `operations_per_thread` (10)
// operations per execution — mutex_increment (lock, x = x + 1, unlock),
// atomic_increment (fetch_add), condvar_handoff (threads 2p and 2p+1 hand
// tokens through a one-slot mailbox under a mutex and a condition variable)
// — at 2, 8 and 32 threads on both sides (BM_weft_<workload>/<threads>,
// BM_relacy_<workload>/<threads>), and at 128 and 256 threads on weft's side
// alone (Relacy is instantiated per thread count). BM_weft_<workload> runs the
// threads from a body (one logical thread more than Relacy);
// BM_weft_fixed_<workload> in Relacy's own shape (weft::fixed_threads). weft runs with its
// detectors on and the random strategy, Relacy with its random scheduler.
// Every cell reports executions_per_s; weft/Relacy of one cell is the ratio
// ci/gate.json holds. Times are CPU times (one OS thread on both sides), so a
// neighbour's load on a shared machine stretches neither.
//
// Also: `weft run`'s own cost per execution (the supervisor: a worker process
// per round) against weft::check on the same body, and one weft scheduling
// point against a raw boost.context switch, per thread count.
#include <benchmark/benchmark.h>

#include <stdlib.h>

#include <algorithm>
#include <boost/context/detail/fcontext.hpp>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "relacy_side.hpp"
#include "weft/detail/thread_storage.hpp"
#include "weft/weft.hpp"

namespace {

using weft::bench::operations_per_thread;
using weft::bench::workload;

/// Executions per benchmark iteration: the same count of thread-operations
/// (40 000) at every thread count, so that an iteration stays well under a
/// second at 32 threads.
std::uint64_t executions_per_round(int threads) {
  return std::max<std::uint64_t>(4, 4'000 / static_cast<std::uint64_t>(threads));
}

/// How a workload's threads are started: `spawned`, the body starts
/// `threads` weft::threads and joins them (threads + 1 logical threads);
/// `fixed`, weft::fixed_threads's shape and Relacy's, the body's own thread
/// runs index 0 and starts the others (exactly `threads` logical threads).
enum class shape : std::uint8_t { spawned, fixed };

/// Runs body(i) for i in 0..threads-1 on logical threads, started as `how` says.
template <class Body>
void run_threads(int threads, shape how, Body body) {
  const int first_spawned = how == shape::fixed ? 1 : 0;
  std::vector<weft::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads));
  for (int i = first_spawned; i < threads; ++i) pool.emplace_back(body, i);
  if (first_spawned == 1) body(0);
  for (auto& t : pool) t.join();
}
template <class Body>
void run_threads(int threads, Body body) {
  run_threads(threads, shape::spawned, std::move(body));
}

void weft_mutex_increment(int threads, shape how = shape::spawned) {
  weft::mutex m;
  weft::var<int> x{0};
  run_threads(threads, how, [&](int) {
    for (int i = 0; i < operations_per_thread; ++i) {
      std::lock_guard lock(m);
      x = x.load() + 1;
    }
  });
  WEFT_ASSERT(x.load() == threads * operations_per_thread);
}

void weft_atomic_increment(int threads, shape how = shape::spawned) {
  weft::atomic<int> x{0};
  run_threads(threads, how, [&](int) {
    for (int i = 0; i < operations_per_thread; ++i) x.fetch_add(1);
  });
  WEFT_ASSERT(x.load() == threads * operations_per_thread);
}

struct mailbox {
  weft::mutex m;
  weft::condition_variable cv;
  weft::var<int> full{0};
  weft::var<int> received{0};
};

void weft_condvar_handoff(int threads, shape how = shape::spawned) {
  std::vector<std::unique_ptr<mailbox>> boxes;
  for (int p = 0; p < threads / 2; ++p) boxes.push_back(std::make_unique<mailbox>());
  run_threads(threads, how, [&](int index) {
    mailbox& box = *boxes[static_cast<std::size_t>(index / 2)];
    const bool producer = index % 2 == 0;
    for (int i = 0; i < operations_per_thread; ++i) {
      std::unique_lock lock(box.m);
      box.cv.wait(lock, [&] { return box.full.load() != (producer ? 1 : 0); });
      box.full = producer ? 1 : 0;
      if (!producer) box.received = box.received.load() + 1;
      box.cv.notify_one();
    }
  });
  for (const auto& box : boxes) WEFT_ASSERT(box->received.load() == operations_per_thread);
}

void weft_workload(workload which, int threads, shape how) {
  switch (which) {
    case workload::mutex_increment:
      return weft_mutex_increment(threads, how);
    case workload::atomic_increment:
      return weft_atomic_increment(threads, how);
    case workload::condvar_handoff:
      return weft_condvar_handoff(threads, how);
  }
}

void report_rate(benchmark::State& state, std::uint64_t executions, int threads) {
  const double total = double(state.iterations() * executions);
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
  state.counters["executions_per_s"] = benchmark::Counter(total, benchmark::Counter::kIsRate);
  state.counters["ns_per_execution"] =
      benchmark::Counter(total, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["ns_per_operation"] = benchmark::Counter(total * threads * operations_per_thread,
                                                          benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// weft::check (or, supervised, what `weft run` does: a worker process per
/// round, progress and decisions in shared memory) of one workload.
void run_weft(benchmark::State& state, workload which, bool supervised = false, shape how = shape::spawned) {
  const int threads = static_cast<int>(state.range(0));
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = executions_per_round(threads);
  o.supervised = supervised;
  for (auto _ : state) {
    const weft::result r = weft::check([&] { weft_workload(which, threads, how); }, o);
    if (!r.ok()) state.SkipWithError("weft found a bug in a correct scenario");
  }
  report_rate(state, o.iterations, threads);
}

void run_relacy(benchmark::State& state, workload which) {
  const int threads = static_cast<int>(state.range(0));
  const std::uint64_t executions = executions_per_round(threads);
  for (auto _ : state) {
    if (!weft::bench::relacy_simulate(which, threads, executions)) state.SkipWithError("Relacy found a bug");
  }
  report_rate(state, executions, threads);
}

void weft_thread_counts(benchmark::internal::Benchmark* b) {
  for (int n : weft::bench::relacy_thread_counts) b->Arg(n);
  b->Arg(128)->Arg(256);
}
void relacy_thread_counts(benchmark::internal::Benchmark* b) {
  for (int n : weft::bench::relacy_thread_counts) b->Arg(n);
}

void BM_weft_mutex_increment(benchmark::State& s) { run_weft(s, workload::mutex_increment); }
void BM_relacy_mutex_increment(benchmark::State& s) { run_relacy(s, workload::mutex_increment); }
void BM_weft_atomic_increment(benchmark::State& s) { run_weft(s, workload::atomic_increment); }
void BM_relacy_atomic_increment(benchmark::State& s) { run_relacy(s, workload::atomic_increment); }
void BM_weft_condvar_handoff(benchmark::State& s) { run_weft(s, workload::condvar_handoff); }
void BM_relacy_condvar_handoff(benchmark::State& s) { run_relacy(s, workload::condvar_handoff); }

BENCHMARK(BM_weft_mutex_increment)->Apply(weft_thread_counts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_relacy_mutex_increment)->Apply(relacy_thread_counts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_weft_atomic_increment)->Apply(weft_thread_counts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_relacy_atomic_increment)->Apply(relacy_thread_counts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_weft_condvar_handoff)->Apply(weft_thread_counts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_relacy_condvar_handoff)->Apply(relacy_thread_counts)->Unit(benchmark::kMillisecond);

// The same workloads in Relacy's shape (weft::fixed_threads): as many logical
// threads as Relacy runs, no spawn and join for thread 0.
void BM_weft_fixed_mutex_increment(benchmark::State& s) { run_weft(s, workload::mutex_increment, false, shape::fixed); }
void BM_weft_fixed_atomic_increment(benchmark::State& s) {
  run_weft(s, workload::atomic_increment, false, shape::fixed);
}
void BM_weft_fixed_condvar_handoff(benchmark::State& s) { run_weft(s, workload::condvar_handoff, false, shape::fixed); }
BENCHMARK(BM_weft_fixed_mutex_increment)->Apply(relacy_thread_counts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_weft_fixed_atomic_increment)->Apply(relacy_thread_counts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_weft_fixed_condvar_handoff)->Apply(relacy_thread_counts)->Unit(benchmark::kMillisecond);

// The same under the supervisor (`weft run`): wall time, since the work is
// in a worker process. Against the wall time ("Time") of
// BM_weft_<workload>/<threads> this is what the supervisor costs per
// execution, on top of its fixed cost per round below.
void BM_weft_mutex_increment_supervised(benchmark::State& s) { run_weft(s, workload::mutex_increment, true); }
void BM_weft_atomic_increment_supervised(benchmark::State& s) { run_weft(s, workload::atomic_increment, true); }
BENCHMARK(BM_weft_mutex_increment_supervised)->Arg(2)->Arg(32)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_weft_atomic_increment_supervised)->Arg(2)->Arg(32)->Unit(benchmark::kMillisecond)->UseRealTime();

// The supervisor's fixed cost per weft::check: fork a worker, one execution,
// the worker's exit. What remains of the supervised rounds above, spread over
// their executions, is the per-execution cost.
void BM_weft_supervisor_fixed_cost(benchmark::State& state) {
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = 1;
  o.supervised = true;
  for (auto _ : state) {
    if (!weft::check([] { weft_atomic_increment(2); }, o).ok()) {
      state.SkipWithError("weft found a bug in a correct scenario");
    }
  }
}
BENCHMARK(BM_weft_supervisor_fixed_cost)->Unit(benchmark::kMillisecond)->UseRealTime();

// --- one scheduling point vs a raw context switch ---------------------------------
namespace ctx = boost::context::detail;

void ping_pong(ctx::transfer_t t) {
  for (;;) t = ctx::jump_fcontext(t.fctx, nullptr);
}

void BM_raw_fcontext_switch(benchmark::State& state) {
  static char stack[64 * 1024];
  ctx::fcontext_t other = ctx::make_fcontext(stack + sizeof stack, sizeof stack, ping_pong);
  for (auto _ : state) {
    other = ctx::jump_fcontext(other, nullptr).fctx;  // there and back: two switches
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 2));
  state.counters["ns_per_switch"] =
      benchmark::Counter(double(state.iterations() * 2), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_raw_fcontext_switch);

/// One execution in which `threads` threads make 200 000 atomic operations
/// in all (a scheduling point each) under random walk, so that most points
/// switch threads. ns_per_point at 2 threads against BM_raw_fcontext_switch is
/// the cost of a point over a bare switch; along the thread counts it is how
/// that cost grows with the threads the scheduler has to consider.
/// `progress` false: relaxed loads of an atomic nobody writes, each a futile
/// step of a spinning reader (fairness at every point, BM_weft_scheduling_point);
/// true: relaxed fetch_adds, each a write that progresses
/// (BM_weft_scheduling_point_progress), the point without the spin.
void scheduling_points(benchmark::State& state, bool progress) {
  constexpr int total_points = 200'000;
  const int threads = static_cast<int>(state.range(0));
  std::uint64_t total_steps = 0;
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = 1;
  o.max_steps = 10 * total_points;
  o.futile_steps = total_points;  // re-reads of an unchanged value are futile: no livelock verdict here
  for (auto _ : state) {
    const weft::result r = weft::check(
        [threads, progress] {
          weft::atomic<int> x{0};
          run_threads(threads, [&](int) {
            for (int i = 0; i < total_points / threads; ++i) {
              if (progress) {
                x.fetch_add(1, std::memory_order_relaxed);
              } else {
                (void)x.load(std::memory_order_relaxed);
              }
            }
          });
        },
        o);
    if (!r.ok()) state.SkipWithError("weft found a bug in a correct scenario");
    total_steps += r.stats.steps;
  }
  state.counters["ns_per_point"] =
      benchmark::Counter(double(total_steps), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.SetItemsProcessed(static_cast<std::int64_t>(total_steps));
}
void BM_weft_scheduling_point(benchmark::State& state) { scheduling_points(state, false); }
void BM_weft_scheduling_point_progress(benchmark::State& state) { scheduling_points(state, true); }
BENCHMARK(BM_weft_scheduling_point_progress)->Apply(weft_thread_counts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_weft_scheduling_point)->Apply(weft_thread_counts)->Unit(benchmark::kMillisecond);

}  // namespace

/// Google Benchmark's main, with logical threads sharing the OS thread's TLS
/// unless WEFT_THREAD_STORAGE says otherwise: Relacy's threads share it too,
/// and on a machine without FSGSBASE a per-thread thread pointer is a system
/// call per switch (~2.5 us) that would hide the engine's own cost.
/// `WEFT_THREAD_STORAGE=per-thread weft-bench-engine` measures that mode.
int main(int argc, char** argv) {
  ::setenv("WEFT_THREAD_STORAGE", "shared", /*overwrite=*/0);
  benchmark::AddCustomContext("weft_thread_storage", weft::detail::per_thread_storage() ? "per-thread" : "shared");
#ifdef NDEBUG
  benchmark::AddCustomContext("weft_build_type", "release (NDEBUG)");
#else
  benchmark::AddCustomContext("weft_build_type", "debug (assertions on)");
#endif
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
