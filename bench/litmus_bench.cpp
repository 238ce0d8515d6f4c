// The memory model's speed (issue 13, "Speed"), in weft-bench-engine's run
// beside the engine matrix.
//
// Litmus tests with relaxed orders, weft against Relacy: SB (store
// buffering) and MP (message passing), two threads of two accesses each,
// weft::check with the random strategy under the default C++ model against
// Relacy's random scheduler (BM_weft_litmus_<shape>, BM_relacy_litmus_<shape>;
// BM_weft_fixed_litmus_<shape> in Relacy's own form, weft::fixed_threads, two
// logical threads where the body form has three). Each reports executions_per_s (the
// issue's target: weft ≥ 1.5× Relacy) and weak_share, the fraction of
// executions that ended with the shape's weak outcome on that side. The
// `empty` shape (two threads that do nothing) is the floor under both: an
// execution's fixed cost apart from the accesses.
//
// A seq_cst-only scenario under each memory model: two threads of ten
// (fetch_add, load) pairs, BM_weft_atomic_sc_only/c11 and /sc; the target is
// c11's time per execution ≤ 1.3× sc's.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>

#include "relacy_side.hpp"
#include "weft/fixed_threads.hpp"
#include "weft/weft.hpp"

namespace {

using weft::bench::litmus;

/// Executions per benchmark iteration, the same on both sides.
constexpr std::uint64_t litmus_executions = 4'000;

constexpr auto relaxed = std::memory_order_relaxed;

/// The litmus test, the same code as relacy_side.cpp's shapes: SB (T0: x = 1;
/// r0 = y   T1: y = 1; r1 = x) or MP (T0: x = 1; y = 1   T1: r0 = y; r1 = x),
/// all relaxed.
struct litmus_state {
  weft::atomic<int> x{0};
  weft::atomic<int> y{0};
  int r[2] = {-1, -1};
};

void litmus_thread(litmus which, litmus_state& s, std::size_t index) {
  if (which == litmus::empty) return;
  if (which == litmus::sb) {
    (index == 0 ? s.x : s.y).store(1, relaxed);
    s.r[index] = (index == 0 ? s.y : s.x).load(relaxed);
  } else if (index == 0) {
    s.x.store(1, relaxed);
    s.y.store(1, relaxed);
  } else {
    s.r[0] = s.y.load(relaxed);
    s.r[1] = s.x.load(relaxed);
  }
}

/// Whether it ended with the weak outcome (SB: r0 = r1 = 0; MP: r0 = 1, r1 = 0).
bool weak_outcome(litmus which, const litmus_state& s) {
  if (which == litmus::empty) return false;
  return which == litmus::sb ? s.r[0] == 0 && s.r[1] == 0 : s.r[0] == 1 && s.r[1] == 0;
}

/// One execution with the threads started from the body (three logical threads).
bool weft_litmus(litmus which) {
  litmus_state s;
  weft::thread t0([&] { litmus_thread(which, s, 0); });
  weft::thread t1([&] { litmus_thread(which, s, 1); });
  t0.join();
  t1.join();
  return weak_outcome(which, s);
}

void report(benchmark::State& state, std::uint64_t executions, std::uint64_t weak) {
  const double total = double(state.iterations() * executions);
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
  state.counters["executions_per_s"] = benchmark::Counter(total, benchmark::Counter::kIsRate);
  state.counters["ns_per_execution"] =
      benchmark::Counter(total, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["weak_share"] = total > 0 ? double(weak) / total : 0;
}

void run_weft_litmus(benchmark::State& state, litmus which) {
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = litmus_executions;
  std::uint64_t weak = 0;
  for (auto _ : state) {
    const weft::result r = weft::check([&] { weak += weft_litmus(which) ? 1 : 0; }, o);
    if (!r.ok()) state.SkipWithError("weft found a bug in a litmus test that asserts nothing");
  }
  report(state, litmus_executions, weak);
}

/// The same in Relacy's shape (weft::fixed_threads): two logical threads.
void run_weft_fixed_litmus(benchmark::State& state, litmus which) {
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = litmus_executions;
  std::uint64_t weak = 0;
  const auto body = weft::fixed_threads<litmus_state>(
      2, [which](litmus_state& s, std::size_t i) { litmus_thread(which, s, i); },
      [which, &weak](litmus_state& s) { weak += weak_outcome(which, s) ? 1 : 0; });
  for (auto _ : state) {
    if (!weft::check(body, o).ok()) state.SkipWithError("weft found a bug in a litmus test that asserts nothing");
  }
  report(state, litmus_executions, weak);
}

void run_relacy_litmus(benchmark::State& state, litmus which) {
  std::uint64_t weak = 0;
  for (auto _ : state) weak += weft::bench::relacy_litmus(which, litmus_executions);
  report(state, litmus_executions, weak);
}

void BM_weft_litmus_sb(benchmark::State& s) { run_weft_litmus(s, litmus::sb); }
void BM_relacy_litmus_sb(benchmark::State& s) { run_relacy_litmus(s, litmus::sb); }
void BM_weft_litmus_mp(benchmark::State& s) { run_weft_litmus(s, litmus::mp); }
void BM_relacy_litmus_mp(benchmark::State& s) { run_relacy_litmus(s, litmus::mp); }
BENCHMARK(BM_weft_litmus_sb)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_relacy_litmus_sb)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_weft_litmus_mp)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_relacy_litmus_mp)->Unit(benchmark::kMillisecond);

// The floor under both: the same two threads doing nothing, so an
// execution's fixed cost (weft: the body's thread, two spawns and joins;
// Relacy: its two threads) shows apart from the accesses' cost.
void BM_weft_litmus_empty(benchmark::State& s) { run_weft_litmus(s, litmus::empty); }
void BM_relacy_litmus_empty(benchmark::State& s) { run_relacy_litmus(s, litmus::empty); }
BENCHMARK(BM_weft_litmus_empty)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_relacy_litmus_empty)->Unit(benchmark::kMillisecond);

// The three shapes in Relacy's own form (weft::fixed_threads): as many
// logical threads as Relacy's, no spawn and join for thread 0.
void BM_weft_fixed_litmus_sb(benchmark::State& s) { run_weft_fixed_litmus(s, litmus::sb); }
void BM_weft_fixed_litmus_mp(benchmark::State& s) { run_weft_fixed_litmus(s, litmus::mp); }
void BM_weft_fixed_litmus_empty(benchmark::State& s) { run_weft_fixed_litmus(s, litmus::empty); }
BENCHMARK(BM_weft_fixed_litmus_sb)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_weft_fixed_litmus_mp)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_weft_fixed_litmus_empty)->Unit(benchmark::kMillisecond);

/// Two threads of ten seq_cst (fetch_add, load) pairs: the model's cost on
/// code that uses no weaker order.
constexpr int sc_pairs_per_thread = 10;
constexpr std::uint64_t sc_only_executions = 2'000;

void weft_atomic_sc_only() {
  weft::atomic<int> x{0};
  auto body = [&] {
    for (int i = 0; i < sc_pairs_per_thread; ++i) {
      x.fetch_add(1);
      (void)x.load();
    }
  };
  weft::thread a(body);
  weft::thread b(body);
  a.join();
  b.join();
  WEFT_ASSERT(x.load() == 2 * sc_pairs_per_thread);
}

void BM_weft_atomic_sc_only(benchmark::State& state, weft::memory_model model) {
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = sc_only_executions;
  o.memory_model = model;
  for (auto _ : state) {
    if (!weft::check(weft_atomic_sc_only, o).ok()) state.SkipWithError("weft found a bug in a correct scenario");
  }
  report(state, sc_only_executions, 0);
}
BENCHMARK_CAPTURE(BM_weft_atomic_sc_only, c11, weft::memory_model::c11)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_weft_atomic_sc_only, sc, weft::memory_model::sc)->Unit(benchmark::kMillisecond);

}  // namespace
