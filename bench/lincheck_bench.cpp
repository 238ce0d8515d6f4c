// bench/lincheck_bench.cpp — weft-bench-lincheck: the linearizability search
// alone on recorded histories, memoised (Lowe's just-in-time
// linearizability) side by side with plain Wing & Gong on the same
// histories, and a 400-operation keyed-map history checked whole and
// P-compositionally.
//
// Histories are simulated: each thread's operation is called, takes effect
// on a real sequential object at some later step, and returns later still,
// with the threads' steps interleaved at random — so operations overlap as in
// a concurrent run. Half of the histories get their last read's result
// corrupted (mostly not linearizable: the search must exhaust its choices,
// the expensive case).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <random>
#include <span>
#include <vector>

#include "weft/lincheck/search.hpp"

namespace {

using weft::lincheck::interval;

struct queue_model {
  std::vector<int> items;
  std::size_t head = 0;
  bool operator==(const queue_model& o) const {
    return std::equal(items.begin() + std::ptrdiff_t(head), items.end(), o.items.begin() + std::ptrdiff_t(o.head),
                      o.items.end());
  }
};

}  // namespace

template <>
struct std::hash<queue_model> {
  std::size_t operator()(const queue_model& q) const noexcept {
    std::size_t h = 0;
    for (std::size_t i = q.head; i < q.items.size(); ++i) h = h * 31 + std::size_t(q.items[i]);
    return h;
  }
};


namespace {

struct map_model {
  std::map<int, int> values;
  bool operator==(const map_model&) const = default;
};

/// One operation of a simulated history: kind, key, argument and result.
struct recorded_op {
  int kind = 0;  // queue: 0 push, 1 pop; map: 0 put, 1 get
  int key = 0, value = 0, result = 0;
};

struct history {
  std::vector<interval> when;
  std::vector<recorded_op> ops;
};

bool apply_queue(queue_model& q, const recorded_op& op) {
  if (op.kind == 0) return q.items.push_back(op.value), true;
  const int got = q.head < q.items.size() ? q.items[q.head++] : -1;
  return got == op.result;
}

bool apply_map(map_model& m, const recorded_op& op) {
  if (op.kind == 0) return m.values[op.key] = op.value, true;
  const auto it = m.values.find(op.key);
  return (it == m.values.end() ? 0 : it->second) == op.result;
}

/// The operation taking effect on the real object: what it returns.
void perform_queue(queue_model& q, recorded_op& op) {
  if (op.kind == 0) q.items.push_back(op.value);
  else op.result = q.head < q.items.size() ? q.items[q.head++] : -1;
}

void perform_map(map_model& m, recorded_op& op) {
  if (op.kind == 0) m.values[op.key] = op.value;
  else op.result = m.values.contains(op.key) ? m.values[op.key] : 0;
}

/// `threads` x `per_thread` operations drawn by `draw`, run against `Model`
/// with random overlaps; `corrupt`: one pop/get result changed afterwards.
template <class Model, class Draw, class Perform>
history simulate(std::mt19937_64& rng, int threads, int per_thread, Draw draw, Perform perform, bool corrupt) {
  history h;
  Model truth;
  std::uint64_t now = 0;
  struct progress {
    int done = 0, phase = 0;  // phase 0 idle, 1 called, 2 took effect
    std::size_t op = 0;
  };
  std::vector<progress> t(std::size_t(threads), progress{});
  for (int left = threads * per_thread * 3; left > 0;) {
    progress& p = t[rng() % t.size()];
    if (p.done == per_thread) continue;
    --left;
    if (p.phase == 0) {
      p.op = h.ops.size();
      h.ops.push_back(draw(rng));
      h.when.push_back({now++, 0});
    } else if (p.phase == 1) {
      perform(truth, h.ops[p.op]);
    } else {
      h.when[p.op].ret = now++;
      ++p.done;
    }
    p.phase = (p.phase + 1) % 3;
  }
  if (corrupt) {  // the last read: the search has to try (nearly) everything before it gives up
    for (auto op = h.ops.rbegin(); op != h.ops.rend(); ++op) {
      if (op->kind == 1) {
        op->result += 1;
        break;
      }
    }
  }
  return h;
}

std::vector<history> queue_histories() {
  std::mt19937_64 rng(42);
  std::vector<history> out;
  for (int i = 0; i < 64; ++i) {
    out.push_back(simulate<queue_model>(
        rng, 3, 5, [](std::mt19937_64& r) { return recorded_op{int(r() % 2), 0, int(r() % 5), 0}; }, perform_queue,
        i % 2 == 1));
  }
  return out;
}

history map_history(bool corrupt) {
  std::mt19937_64 rng(7);
  return simulate<map_model>(
      rng, 4, 100, [](std::mt19937_64& r) { return recorded_op{int(r() % 2), int(r() % 16), int(1 + r() % 9), 0}; },
      perform_map, corrupt);
}

void queue_search(benchmark::State& state, bool memoise) {
  const auto histories = queue_histories();
  std::size_t i = 0, not_linearizable = 0;
  for (auto _ : state) {
    const history& h = histories[i++ % histories.size()];
    const auto v = weft::lincheck::check_linearizable(
        std::span<const interval>(h.when), queue_model{},
        [&](queue_model& q, std::size_t k) { return apply_queue(q, h.ops[k]); }, {memoise});
    not_linearizable += v.linearizable ? 0 : 1;
    benchmark::DoNotOptimize(v.states);
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()));
  state.counters["histories_per_s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["not_linearizable"] = double(not_linearizable) / double(state.iterations());
}

void BM_QueueHistory3x5_Memoised(benchmark::State& state) { queue_search(state, true); }
void BM_QueueHistory3x5_PlainWingGong(benchmark::State& state) { queue_search(state, false); }
BENCHMARK(BM_QueueHistory3x5_Memoised);
BENCHMARK(BM_QueueHistory3x5_PlainWingGong);

void map_search(benchmark::State& state, bool partitioned, bool memoise) {
  const history h = map_history(state.range(0) != 0);
  bool linearizable = true;
  for (auto _ : state) {
    auto apply = [&](map_model& m, std::size_t k) { return apply_map(m, h.ops[k]); };
    const auto v = partitioned ? weft::lincheck::check_partitioned(
                                     std::span<const interval>(h.when), map_model{}, apply,
                                     [&](std::size_t k) { return std::uint64_t(h.ops[k].key); }, {memoise})
                               : weft::lincheck::check_linearizable(std::span<const interval>(h.when), map_model{},
                                                                    apply, {memoise});
    linearizable = v.linearizable;
    benchmark::DoNotOptimize(v.states);
  }
  state.counters["linearizable"] = linearizable ? 1 : 0;
  state.SetLabel(state.range(0) != 0 ? "one result corrupted" : "linearizable");
}

void BM_MapHistory400_Partitioned(benchmark::State& s) { map_search(s, true, true); }
void BM_MapHistory400_PartitionedPlainWingGong(benchmark::State& s) { map_search(s, true, false); }
void BM_MapHistory400_Whole(benchmark::State& s) { map_search(s, false, true); }
BENCHMARK(BM_MapHistory400_Partitioned)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MapHistory400_PartitionedPlainWingGong)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MapHistory400_Whole)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
