// What each strategy costs per execution: the same correct program (8
// threads, each a short lock-protected update and a few atomic steps on
// shared and private state) explored for a fixed number of executions
// under every strategy, with and without the independence reduction. The
// difference between strategies is the strategy's own work per decision
// (priorities, weights, the search stack) on top of the engine's.
#include <benchmark/benchmark.h>

#include <mutex>
#include <vector>

#include "weft/weft.hpp"

namespace {

constexpr std::uint64_t executions_per_round = 2'000;

void eight_threads() {
  weft::mutex m;
  weft::atomic<int> shared{0}, hits{0};
  std::vector<weft::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      weft::atomic<int> mine{0};
      for (int i = 0; i < 3; ++i) mine.fetch_add(1);
      hits.fetch_add(1);
      std::lock_guard lock(m);
      shared.store(shared.load() + 1);
    });
  }
  for (auto& t : threads) t.join();
  WEFT_ASSERT(shared.load() == 8 && hits.load() == 8);
}

void per_execution(benchmark::State& state, weft::strategy_kind s, bool skip) {
  weft::options o;
  o.strategy = s;
  o.iterations = executions_per_round;
  o.skip_independent_points = skip;
  for (auto _ : state) {
    const weft::result r = weft::check(eight_threads, o);
    if (!r.ok()) state.SkipWithError("a finding in a correct program");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * executions_per_round));
  // Seconds per execution (printed with an SI prefix: 25u is 25 µs).
  state.counters["time_per_execution"] = benchmark::Counter(
      double(state.iterations() * executions_per_round), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void register_all() {
  for (const auto s : {weft::strategy_kind::random, weft::strategy_kind::pct, weft::strategy_kind::pos,
                       weft::strategy_kind::surw, weft::strategy_kind::dfs, weft::strategy_kind::ipb,
                       weft::strategy_kind::idb, weft::strategy_kind::portfolio}) {
    for (const bool skip : {false, true}) {
      const std::string name = "strategy/" + std::string(weft::to_string(s)) + (skip ? "/skip_independent" : "");
      benchmark::RegisterBenchmark(name.c_str(), per_execution, s, skip)->Unit(benchmark::kMillisecond);
    }
  }
}

const bool strategy_registered = (register_all(), true);

}  // namespace

BENCHMARK_MAIN();
