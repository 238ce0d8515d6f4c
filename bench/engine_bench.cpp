// The checker's own speed, side by side with Relacy in one process run:
// executions per second on the same two scenarios (2 threads each doing
// lock/increment/unlock on a shared variable; 2 threads each doing an atomic
// fetch_add), with weft's detectors on; and the cost of one weft scheduling
// point against a raw boost.context switch.
#include <benchmark/benchmark.h>

#include <boost/context/detail/fcontext.hpp>
#include <mutex>

#include "relacy_side.hpp"
#include "weft/weft.hpp"

namespace {

constexpr std::uint64_t executions_per_round = 20'000;

void weft_mutex_increment() {
  weft::mutex m;
  weft::var<int> x{0};
  auto body = [&] {
    std::lock_guard lock(m);
    x = x.load() + 1;
  };
  weft::thread a(body), b(body);
  a.join();
  b.join();
  WEFT_ASSERT(x.load() == 2);
}

void weft_atomic_increment() {
  weft::atomic<int> x{0};
  auto body = [&] { x.fetch_add(1); };
  weft::thread a(body), b(body);
  a.join();
  b.join();
  WEFT_ASSERT(x.load() == 2);
}

void run_weft(benchmark::State& state, void (*body)(), bool supervised = false) {
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = executions_per_round;
  o.supervised = supervised;  // a worker process per round, progress and decisions in shared memory
  for (auto _ : state) {
    const weft::result r = weft::check(body, o);
    if (!r.ok()) state.SkipWithError("weft found a bug in a correct scenario");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * executions_per_round));
  state.counters["executions_per_s"] =
      benchmark::Counter(double(state.iterations() * executions_per_round), benchmark::Counter::kIsRate);
  state.counters["ns_per_execution"] = benchmark::Counter(double(state.iterations() * executions_per_round),
                                                          benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void run_relacy(benchmark::State& state, weft::bench::relacy_case which) {
  for (auto _ : state) {
    if (!weft::bench::relacy_simulate(which, executions_per_round)) state.SkipWithError("Relacy found a bug");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * executions_per_round));
  state.counters["executions_per_s"] =
      benchmark::Counter(double(state.iterations() * executions_per_round), benchmark::Counter::kIsRate);
}

void BM_weft_mutex_increment(benchmark::State& s) { run_weft(s, weft_mutex_increment); }
void BM_relacy_mutex_increment(benchmark::State& s) { run_relacy(s, weft::bench::relacy_case::mutex_increment); }
void BM_weft_atomic_increment(benchmark::State& s) { run_weft(s, weft_atomic_increment); }
void BM_relacy_atomic_increment(benchmark::State& s) { run_relacy(s, weft::bench::relacy_case::atomic_increment); }

// The same under the supervisor (`weft run`): what a worker process per
// round and the shared-memory progress cost per execution.
void BM_weft_mutex_increment_supervised(benchmark::State& s) { run_weft(s, weft_mutex_increment, true); }
void BM_weft_atomic_increment_supervised(benchmark::State& s) { run_weft(s, weft_atomic_increment, true); }

// The supervisor's fixed cost per weft::check: fork a worker, one execution,
// the worker's exit. What remains of the supervised rounds above, spread over
// their executions, is the per-execution cost.
void BM_weft_supervisor_fixed_cost(benchmark::State& state) {
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = 1;
  o.supervised = true;
  for (auto _ : state) {
    if (!weft::check(weft_atomic_increment, o).ok()) state.SkipWithError("weft found a bug in a correct scenario");
  }
}
BENCHMARK(BM_weft_supervisor_fixed_cost)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK(BM_weft_mutex_increment)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_weft_mutex_increment_supervised)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_weft_atomic_increment_supervised)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_relacy_mutex_increment)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_weft_atomic_increment)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_relacy_atomic_increment)->Unit(benchmark::kMillisecond)->UseRealTime();

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

/// One execution, two threads each making `points` atomic loads (a
/// scheduling point each) under random walk, so about half of the points
/// switch threads.
void BM_weft_scheduling_point(benchmark::State& state) {
  constexpr int points = 100'000;
  std::uint64_t total_steps = 0;
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = 1;
  o.max_steps = 10 * points;
  for (auto _ : state) {
    const weft::result r = weft::check([] {
      weft::atomic<int> x{0};
      auto spin = [&] {
        for (int i = 0; i < points; ++i) (void)x.load(std::memory_order_relaxed);
      };
      weft::thread a(spin), b(spin);
      a.join();
      b.join();
    }, o);
    total_steps += r.stats.steps;
  }
  state.counters["ns_per_point"] =
      benchmark::Counter(double(total_steps), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.SetItemsProcessed(static_cast<std::int64_t>(total_steps));
}
BENCHMARK(BM_weft_scheduling_point)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
