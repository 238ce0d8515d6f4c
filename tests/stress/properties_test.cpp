// RapidCheck properties of the counter and bank models on real threads: for
// random thread counts, iteration counts and transfer lists, the correct
// variants keep their invariants (std_sync or noisy_std_sync), and under
// noisy_std_sync RapidCheck refutes the invariant of the unsafe variants.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstddef>
#include <iostream>
#include <string>
#include <tuple>
#include <vector>

#include "weft/models/bank.hpp"
#include "weft/models/counter.hpp"
#include "weft/noisy_std_sync.hpp"
#include "weft/std_sync.hpp"

namespace {

namespace models = weft::models;

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WEFT_TEST_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) && !defined(WEFT_TEST_TSAN)
#define WEFT_TEST_TSAN 1
#endif

/// Runs body(i) on n threads of the policy and joins them.
template <class Sync, class Body>
void on_threads(std::size_t n, Body body) {
  std::vector<typename Sync::thread> threads;
  threads.reserve(n);
  for (std::size_t i = 0; i < n; ++i) threads.emplace_back([&body, i] { body(i); });
  for (auto& t : threads) t.join();
}

/// Calls f(policy) with std_sync or noisy_std_sync.
template <class F>
auto with_policy(bool noisy, F f) {
  return noisy ? f(weft::noisy_std_sync{}) : f(weft::std_sync{});
}

/// The count after `threads` threads each called increment() `iterations` times.
template <template <class> class Counter, class Sync>
long count(std::size_t threads, std::size_t iterations) {
  Counter<Sync> counter;
  on_threads<Sync>(threads, [&](std::size_t) {
    for (std::size_t k = 0; k < iterations; ++k) counter.increment();
  });
  return counter.value();
}

template <class Sync>
long count_thread_local(std::size_t threads, std::size_t iterations) {
  models::thread_local_sum_counter<Sync> counter(threads);
  on_threads<Sync>(threads, [&](std::size_t i) {
    for (std::size_t k = 0; k < iterations; ++k) counter.increment(i);
  });
  return counter.value();
}

/// threads producers send increments to one worker (thread index `threads`).
template <class Sync>
long count_queue_serialized(std::size_t threads, std::size_t iterations) {
  models::queue_serialized_counter<Sync> counter;
  on_threads<Sync>(threads + 1, [&](std::size_t i) {
    if (i == threads) {
      counter.run_worker(threads);
      return;
    }
    for (std::size_t k = 0; k < iterations; ++k) counter.increment();
    counter.producer_done();
  });
  return counter.value();
}

struct counter_case {
  std::size_t threads;
  std::size_t iterations;
  bool noisy;
  long expected() const { return static_cast<long>(threads * iterations); }
};

counter_case gen_counter_case(std::size_t max_iterations) {
  return {*rc::gen::inRange<std::size_t>(1, 7), *rc::gen::inRange<std::size_t>(0, max_iterations + 1),
          *rc::gen::arbitrary<bool>()};
}

// ---- correct counters keep count --------------------------------------------

RC_GTEST_PROP(RealThreads, LockedCounterCountsEveryIncrement, ()) {
  const auto c = gen_counter_case(300);
  const long n = with_policy(c.noisy, [&](auto p) { return count<models::locked_counter, decltype(p)>(c.threads, c.iterations); });
  RC_ASSERT(n == c.expected());
}

RC_GTEST_PROP(RealThreads, AtomicCounterCountsEveryIncrement, ()) {
  const auto c = gen_counter_case(300);
  const long n = with_policy(c.noisy, [&](auto p) { return count<models::atomic_counter, decltype(p)>(c.threads, c.iterations); });
  RC_ASSERT(n == c.expected());
}

RC_GTEST_PROP(RealThreads, ThreadLocalSumCountsEveryIncrement, ()) {
  const auto c = gen_counter_case(300);
  const long n = with_policy(c.noisy, [&](auto p) { return count_thread_local<decltype(p)>(c.threads, c.iterations); });
  RC_ASSERT(n == c.expected());
}

RC_GTEST_PROP(RealThreads, QueueSerializedCountsEveryIncrement, ()) {
  const auto c = gen_counter_case(100);
  const long n = with_policy(c.noisy, [&](auto p) { return count_queue_serialized<decltype(p)>(c.threads, c.iterations); });
  RC_ASSERT(n == c.expected());
}

// ---- transfers ---------------------------------------------------------------

struct transfer {
  std::size_t from;
  std::size_t to;
  long amount;
};

void showValue(const transfer& t, std::ostream& os) { os << t.from << "->" << t.to << " " << t.amount; }

struct transfer_case {
  std::size_t accounts;
  long initial;
  std::vector<std::vector<transfer>> per_thread;  // one list per thread
  bool noisy;
};

transfer_case gen_transfer_case(std::size_t min_threads, std::size_t max_transfers) {
  transfer_case c;
  c.accounts = *rc::gen::inRange<std::size_t>(2, 6);
  c.initial = *rc::gen::inRange<long>(0, 1000);
  const auto threads = *rc::gen::inRange<std::size_t>(min_threads, 7);
  const auto one = rc::gen::apply(
      [](std::size_t from, std::size_t to, long amount) { return transfer{from, to, amount}; },
      rc::gen::inRange<std::size_t>(0, c.accounts), rc::gen::inRange<std::size_t>(0, c.accounts),
      rc::gen::inRange<long>(1, 100));
  for (std::size_t t = 0; t < threads; ++t) {
    const auto n = *rc::gen::inRange<std::size_t>(0, max_transfers + 1);
    c.per_thread.push_back(*rc::gen::container<std::vector<transfer>>(n, one));
  }
  c.noisy = *rc::gen::arbitrary<bool>();
  return c;
}

/// Runs every thread's transfers concurrently; returns the total afterwards.
template <models::transfer_locking Locking, class Sync>
long total_after(const transfer_case& c) {
  models::bank<Sync, Locking> bank(c.accounts, c.initial);
  on_threads<Sync>(c.per_thread.size(), [&](std::size_t i) {
    for (const auto& t : c.per_thread[i]) bank.transfer(t.from, t.to, t.amount);
  });
  return bank.total();
}

RC_GTEST_PROP(RealThreads, OrderedTransfersConserveTheTotal, ()) {
  const auto c = gen_transfer_case(1, 60);
  const long total = with_policy(c.noisy, [&](auto p) {
    return total_after<models::transfer_locking::ordered, decltype(p)>(c);
  });
  RC_ASSERT(total == static_cast<long>(c.accounts) * c.initial);
}

RC_GTEST_PROP(RealThreads, RecursiveTransfersConserveTheTotal, ()) {
  const auto c = gen_transfer_case(1, 60);
  const long total = with_policy(c.noisy, [&](auto p) {
    return total_after<models::transfer_locking::recursive, decltype(p)>(c);
  });
  RC_ASSERT(total == static_cast<long>(c.accounts) * c.initial);
}

// ---- unsafe variants: RapidCheck must refute the invariant ------------------

struct quiet_listener : rc::detail::TestListener {
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

/// Checks `property` with RapidCheck (100 cases, shrinking on) and returns
/// true when RapidCheck found a counterexample, which it prints.
template <class Property>
bool refuted(const std::string& name, Property property) {
  rc::detail::TestMetadata metadata;
  metadata.id = metadata.description = name;
  rc::detail::TestParams params = rc::detail::configuration().testParams;  // seed from RC_PARAMS
  params.maxSuccess = 100;
  quiet_listener listener;  // an expected failure is not one to reproduce at exit
  const auto result = rc::detail::checkProperty(rc::detail::toProperty(property), metadata, params, listener);
  const bool failed = result.template is<rc::detail::FailureResult>();
  if (failed) {
    std::cout << "RapidCheck refuted '" << name << "' as expected:\n";
    rc::detail::printResultMessage(result, std::cout);
    std::cout << std::endl;
  }
  return failed;
}

counter_case gen_contended_counter_case() {
  return {*rc::gen::inRange<std::size_t>(2, 7), *rc::gen::inRange<std::size_t>(1, 500), true};
}

TEST(RealThreads, RelaxedLoadStoreCounterLosesUpdatesUnderNoise) {
  EXPECT_TRUE(refuted("relaxed_load_store counter counts every increment", [] {
    const auto c = gen_contended_counter_case();
    const long n = count<models::relaxed_load_store_counter, weft::noisy_std_sync>(c.threads, c.iterations);
    RC_ASSERT(n == c.expected());
  })) << "no run of the relaxed load/store counter lost an update: the noise does not reach the bug";
}

#ifndef WEFT_TEST_TSAN
// Under ThreadSanitizer these data races end the process (the stress tests
// check that TSan reports them instead: tests/stress/stress_tsan_test.cpp).

TEST(RealThreads, UnsafeCounterLosesUpdatesUnderNoise) {
  EXPECT_TRUE(refuted("unsafe counter counts every increment", [] {
    const auto c = gen_contended_counter_case();
    const long n = count<models::unsafe_counter, weft::noisy_std_sync>(c.threads, c.iterations);
    RC_ASSERT(n == c.expected());
  })) << "no run of the unsafe counter lost an update: the noise does not reach the bug";
}

TEST(RealThreads, UnlockedTransfersBreakConservationUnderNoise) {
  EXPECT_TRUE(refuted("unlocked transfers conserve the total", [] {
    auto c = gen_transfer_case(2, 200);
    c.noisy = true;
    const long total = total_after<models::transfer_locking::none, weft::noisy_std_sync>(c);
    RC_ASSERT(total == static_cast<long>(c.accounts) * c.initial);
  })) << "no run of the unlocked transfers lost money: the noise does not reach the bug";
}

#endif

}  // namespace
