// bench/round.hpp — the shape every model benchmark shares: one "round".
//
// A round is what a scenario is (design.md, "Three backends, one model
// source"): a fixture with a fixed thread count, a body per thread index and a
// final check. Each benchmark iteration builds a fresh fixture (untimed),
// spawns its threads as Sync::thread, joins them (timed), then checks the
// invariant (untimed) and fails the benchmark with SkipWithError when it does
// not hold. Spawning and joining are inside the timed region on purpose: a
// model with a worker (queue_serialized) is measured end to end, until every
// increment is applied. ops_per_thread is large enough that the spawn cost
// (tens of µs) stays a few percent of a round.
//
// Reported: real_time per iteration is the wall time of one round;
// items_per_second is model operations per second over all threads. A fixture
// may also count events of its own (retries, waits) through add_counts(); they
// are reported as counters per model operation, averaged over the rounds.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace weft::bench {

/// Operations each worker thread performs in one round.
inline constexpr std::size_t ops_per_thread = 100'000;

/// A fixture F provides:
///   explicit F(std::size_t threads);     // `threads` = the benchmark's thread argument
///   std::size_t thread_count() const;     // threads to spawn (may add a worker)
///   void thread(std::size_t i);           // body of thread i
///   std::string check() const;            // "" when the invariant holds, else why not
///   std::size_t operations() const;       // model operations one round performs
///   using sync = ...;                     // the Sync policy
/// and optionally
///   void add_counts(std::map<std::string, double>& counts) const;
///                                         // adds this round's events per name
template <class Fixture>
void round_benchmark(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  std::size_t operations = 0;
  std::map<std::string, double> counts;
  for (auto _ : state) {
    state.PauseTiming();
    auto fixture = std::make_unique<Fixture>(threads);
    state.ResumeTiming();

    std::vector<typename Fixture::sync::thread> pool;
    pool.reserve(fixture->thread_count());
    for (std::size_t i = 0; i < fixture->thread_count(); ++i) {
      pool.emplace_back([&fixture, i] { fixture->thread(i); });
    }
    for (auto& t : pool) t.join();

    state.PauseTiming();
    if (const std::string why = fixture->check(); !why.empty()) {
      state.SkipWithError(why.c_str());
      break;  // the documented way out after SkipWithError (the timer needs no resuming)
    }
    operations += fixture->operations();
    if constexpr (requires { fixture->add_counts(counts); }) fixture->add_counts(counts);
    fixture.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(operations));
  if (operations > 0) {
    for (const auto& [name, total] : counts) {
      state.counters[name] = benchmark::Counter(total / static_cast<double>(operations));
    }
  }
}

/// Registers round_benchmark<Fixture> as `name/threads:N/real_time` for N in 1, 2, 4.
template <class Fixture>
benchmark::internal::Benchmark* register_round(const std::string& name) {
  return benchmark::RegisterBenchmark(name.c_str(), &round_benchmark<Fixture>)
      ->ArgName("threads")
      ->Arg(1)
      ->Arg(2)
      ->Arg(4)
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

/// Registers round_benchmark<Fixture> once, as `name/threads:N/real_time`, for a
/// model whose workload has a fixed shape of N threads (e.g. 8 readers + 2 writers).
template <class Fixture>
benchmark::internal::Benchmark* register_round_fixed(const std::string& name, int threads) {
  return benchmark::RegisterBenchmark(name.c_str(), &round_benchmark<Fixture>)
      ->ArgName("threads")
      ->Arg(threads)
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

/// A cheap per-thread pseudo-random sequence (xorshift64) for workloads.
class xorshift {
 public:
  explicit xorshift(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  std::uint64_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }

 private:
  std::uint64_t state_;
};

}  // namespace weft::bench
