// Relacy's benchmark workloads in Relacy's own test-suite form (its best
// case: no adapter layer), run with the random scheduler: the engine matrix
// and the relaxed litmus tests. Each matrix workload is a template on the
// thread count, which Relacy needs at compile time.
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

#include "relacy_side.hpp"

#include <relacy/relacy.hpp>

namespace {

using weft::bench::operations_per_thread;

template <unsigned N>
struct mutex_increment : rl::test_suite<mutex_increment<N>, N> {
  rl::mutex m;
  rl::var<int> x;
  void before() { x($) = 0; }
  void thread(unsigned) {
    for (int i = 0; i < operations_per_thread; ++i) {
      m.lock($);
      x($) = x($) + 1;
      m.unlock($);
    }
  }
  void after() { RL_ASSERT(x($) == int(N) * operations_per_thread); }
};

template <unsigned N>
struct atomic_increment : rl::test_suite<atomic_increment<N>, N> {
  rl::atomic<int> x;
  void before() { x($) = 0; }
  void thread(unsigned) {
    for (int i = 0; i < operations_per_thread; ++i) x.fetch_add(1, rl::mo_seq_cst, $);
  }
  void after() { RL_ASSERT(x.load(rl::mo_seq_cst, $) == int(N) * operations_per_thread); }
};

/// Threads 2p and 2p+1 hand `operations_per_thread` tokens through a
/// one-slot mailbox guarded by a mutex and a condition variable.
template <unsigned N>
struct condvar_handoff : rl::test_suite<condvar_handoff<N>, N> {
  static constexpr unsigned pairs = N / 2;
  rl::mutex m[pairs];
  rl::condition_variable cv[pairs];
  rl::var<int> full[pairs];
  rl::var<int> received[pairs];
  void before() {
    for (unsigned p = 0; p < pairs; ++p) {
      full[p]($) = 0;
      received[p]($) = 0;
    }
  }
  void thread(unsigned index) {
    const unsigned p = index / 2;
    const bool producer = index % 2 == 0;
    for (int i = 0; i < operations_per_thread; ++i) {
      m[p].lock($);
      while (full[p]($) == (producer ? 1 : 0)) cv[p].wait(m[p], $);
      full[p]($) = producer ? 1 : 0;
      if (!producer) received[p]($) = received[p]($) + 1;
      cv[p].notify_one($);
      m[p].unlock($);
    }
  }
  void after() {
    for (unsigned p = 0; p < pairs; ++p) RL_ASSERT(received[p]($) == operations_per_thread);
  }
};

/// Executions of the running litmus test that ended with its weak outcome.
std::uint64_t weak_outcomes = 0;

/// A two-thread litmus test on relaxed atomics x and y, both 0 at the start:
/// Shape::thread(index, x, y, r) is thread `index`'s code, storing what it
/// loads in r; Shape::weak(r) says whether the execution ended with the
/// outcome only a weak memory model allows.
template <class Shape>
struct relaxed_litmus : rl::test_suite<relaxed_litmus<Shape>, 2> {
  rl::atomic<int> x;
  rl::atomic<int> y;
  int r[2];
  void before() {
    x.store(0, rl::mo_relaxed, $);
    y.store(0, rl::mo_relaxed, $);
  }
  void thread(unsigned index) { Shape::thread(index, x, y, r); }
  void after() {
    if (Shape::weak(r)) ++weak_outcomes;
  }
};

/// SB: T0: x = 1; r0 = y   T1: y = 1; r1 = x; weak: r0 = r1 = 0.
struct store_buffering {
  static void thread(unsigned index, rl::atomic<int>& x, rl::atomic<int>& y, int* r) {
    (index == 0 ? x : y).store(1, rl::mo_relaxed, $);
    r[index] = (index == 0 ? y : x).load(rl::mo_relaxed, $);
  }
  static bool weak(const int* r) { return r[0] == 0 && r[1] == 0; }
};

/// MP: T0: x = 1; y = 1   T1: r0 = y; r1 = x; weak: r0 = 1, r1 = 0.
struct message_passing {
  static void thread(unsigned index, rl::atomic<int>& x, rl::atomic<int>& y, int* r) {
    if (index == 0) {
      x.store(1, rl::mo_relaxed, $);
      y.store(1, rl::mo_relaxed, $);
    } else {
      r[0] = y.load(rl::mo_relaxed, $);
      r[1] = x.load(rl::mo_relaxed, $);
    }
  }
  static bool weak(const int* r) { return r[0] == 1 && r[1] == 0; }
};

/// Two threads that do nothing: the fixed cost of an execution.
struct no_accesses {
  static void thread(unsigned, rl::atomic<int>&, rl::atomic<int>&, int*) {}
  static bool weak(const int*) { return false; }
};

template <class Test>
bool simulate(std::uint64_t executions) {
  static std::ofstream sink("/dev/null");
  rl::test_params p;
  p.iteration_count = static_cast<rl::iteration_t>(executions);
  p.search_type = rl::random_scheduler_type;
  p.output_stream = &sink;
  p.progress_stream = &sink;
  return rl::simulate<Test>(p);
}

template <unsigned N>
bool simulate_with(weft::bench::workload which, std::uint64_t executions) {
  switch (which) {
    case weft::bench::workload::mutex_increment: return simulate<mutex_increment<N>>(executions);
    case weft::bench::workload::atomic_increment: return simulate<atomic_increment<N>>(executions);
    case weft::bench::workload::condvar_handoff: return simulate<condvar_handoff<N>>(executions);
  }
  return false;
}

}  // namespace

namespace weft::bench {

std::uint64_t relacy_litmus(litmus which, std::uint64_t executions) {
  weak_outcomes = 0;
  bool ok = false;
  switch (which) {
    case litmus::sb:
      ok = simulate<relaxed_litmus<store_buffering>>(executions);
      break;
    case litmus::mp:
      ok = simulate<relaxed_litmus<message_passing>>(executions);
      break;
    case litmus::empty:
      ok = simulate<relaxed_litmus<no_accesses>>(executions);
      break;
  }
  if (!ok) throw std::runtime_error("Relacy reported a failure in a litmus test that asserts nothing");
  return weak_outcomes;
}

bool relacy_simulate(workload which, int threads, std::uint64_t executions) {
  switch (threads) {
    case 2: return simulate_with<2>(which, executions);
    case 8: return simulate_with<8>(which, executions);
    case 32: return simulate_with<32>(which, executions);
    default: throw std::invalid_argument("no Relacy instantiation for " + std::to_string(threads) + " threads");
  }
}

}  // namespace weft::bench
