// The spec API (<weft/lincheck.hpp>) end to end: programs drawn, run under
// the controlled scheduler, histories checked, failures shrunk; and the bad
// inputs a spec can have.
#include "weft/lincheck.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

#ifndef WEFT_LINCHECK_ITERATIONS
#define WEFT_LINCHECK_ITERATIONS 2000
#endif

weft::options budget() {
  weft::options o;
  o.iterations = WEFT_LINCHECK_ITERATIONS;
  return o;
}

/// A counter whose increment returns the value before it.
template <bool Atomic>
struct counter {
  weft::atomic<int> value{0};
  int increment() {
    if constexpr (Atomic) {
      return value.fetch_add(1);
    } else {  // read, then write: two increments can return the same value
      const int old = value.load();
      value.store(old + 1);
      return old;
    }
  }
  int get() { return value.load(); }
};

template <bool Atomic>
weft::spec<counter<Atomic>, int> counter_spec() {
  return weft::spec<counter<Atomic>, int>{}
      .op("increment", [](counter<Atomic>& c) { return c.increment(); }, [](int& m) { return m++; })
      .op("get", [](counter<Atomic>& c) { return c.get(); }, [](int& m) { return m; });
}

TEST(LincheckSpec, AtomicCounterIsLinearizable) {
  const weft::result r = weft::check(counter_spec<true>(), budget());
  EXPECT_TRUE(r.ok()) << r.findings.front().message;
  EXPECT_GT(r.stats.executions, 100u);
}

TEST(LincheckSpec, SplitIncrementIsFoundAndShrunkToTwoThreadsOfOneOperation) {
  const weft::result r = weft::check(counter_spec<false>(), budget());
  ASSERT_FALSE(r.ok());
  const weft::finding& f = r.findings.front();
  EXPECT_EQ(f.kind, weft::finding_kind::linearizability);
  EXPECT_NE(f.message.find("not linearizable: t"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("increment() -> 0 cannot be placed"), std::string::npos) << f.message;
  const std::string workload = f.details.back();
  EXPECT_NE(workload.find("workload: t1: increment() | t2: increment() ("), std::string::npos) << workload;
  // The history, structured for the report's timeline: both increments
  // returned 0; one is placed first, the other cannot follow it.
  ASSERT_EQ(f.operations.size(), 2u);
  EXPECT_NE(f.operations[0].thread, f.operations[1].thread);
  EXPECT_LT(f.operations[0].invoked, f.operations[1].invoked) << "in invocation order";
  for (const weft::history_operation& o : f.operations) {
    EXPECT_EQ(o.call, "increment()");
    EXPECT_EQ(o.result, "0");
    EXPECT_LT(o.invoked, o.returned);
    EXPECT_EQ(o.stuck, o.placed == -1) << "one placed, the other stuck";
  }
  EXPECT_NE(f.operations[0].stuck, f.operations[1].stuck);
}

/// A counter whose get() is off by one: a sequential bug, reported
/// without concurrency (the program's sequential run is checked first).
struct off_by_one_counter : counter<true> {
  int get() { return value.load() + 1; }
};

TEST(LincheckSpec, SequentialBugIsReportedAsSequential) {
  const auto s = weft::spec<off_by_one_counter, int>{}
                     .op("increment", [](off_by_one_counter& c) { return c.increment(); }, [](int& m) { return m++; })
                     .op("get", [](off_by_one_counter& c) { return c.get(); }, [](int& m) { return m; });
  const weft::result r = weft::check(s, budget());
  ASSERT_FALSE(r.ok());
  const weft::finding& f = r.findings.front();
  EXPECT_EQ(f.kind, weft::finding_kind::linearizability);
  EXPECT_NE(f.message.find("sequential run differs from the model: main: get() -> 2 cannot be placed after "
                           "[main: increment() -> 0] (the model returns 1 there)"),
            std::string::npos)
      << f.message;
  // Shrunk to the smallest program with a get() after an increment().
  EXPECT_NE(f.details.back().find("workload: sequential t1: increment() | t2: get() ("), std::string::npos)
      << f.details.back();
}

/// A semaphore whose acquire() does not wait: it takes a permit that is not there.
struct eager_semaphore {
  explicit eager_semaphore(int n) : permits(n) {}  // clang 14: no aggregate initialisation with ()
  weft::atomic<int> permits;
  void acquire() { permits.fetch_sub(1); }
  void release() { permits.fetch_add(1); }
  int available() { return permits.load(); }
};

template <class Semaphore>
weft::spec<Semaphore, int> semaphore_spec(bool with_release) {
  auto s = weft::spec<Semaphore, int>{}
               .object([] { return std::make_unique<Semaphore>(1); })
               .model(1)
               .op("acquire", [](Semaphore& sem) { sem.acquire(); }, [](int& m) { --m; })
               .blocks_until([](const int& m) { return m > 0; });
  if (with_release) s.op("release", [](Semaphore& sem) { sem.release(); }, [](int& m) { ++m; });
  return s;
}

TEST(LincheckSpec, ProgramsThatWouldBlockForeverAreNotDrawn) {
  // One permit and nothing that gives one back: any second acquire would
  // wait forever — a deadlock of the program, not of the semaphore.
  const weft::result r = weft::check(semaphore_spec<weft::counting_semaphore<4>>(false), budget());
  EXPECT_TRUE(r.ok()) << r.findings.front().message;
  EXPECT_GT(r.stats.executions, 100u);
  // 64: more than the releases a program has (at most 4 x 6 + 3).
  const weft::result with_release = weft::check(semaphore_spec<weft::counting_semaphore<64>>(true), budget());
  EXPECT_TRUE(with_release.ok()) << with_release.findings.front().message;
}

TEST(LincheckSpec, ABlockingOperationIsPlacedOnlyWhereItIsReady) {
  const auto s = semaphore_spec<eager_semaphore>(true).op(
      "available", [](eager_semaphore& sem) { return sem.available(); }, [](int& m) { return m; });
  const weft::result r = weft::check(s, budget());
  ASSERT_FALSE(r.ok());
  const weft::finding& f = r.findings.front();
  EXPECT_EQ(f.kind, weft::finding_kind::linearizability);
  // The second acquire returned while the first still held the one permit.
  EXPECT_NE(f.message.find("acquire() -> ok cannot be placed after [main: acquire() -> ok] (the model returns "
                           "nothing: it blocks there)"),
            std::string::npos)
      << f.message;
}

// weft run --threads / --ops-per-thread: the command line's shape replaces
// every spec's own, and a shrunk program keeps at least its fewest threads.
TEST(LincheckSpec, TheCommandLinesShapeReplacesTheSpecs) {
  using weft::lincheck::count_range;
  weft::lincheck::set_program_shape({count_range{3, 3}, count_range{1, 2}});
  const auto gen = counter_spec<true>().program_generator();
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    const rc::Random random(rc::Random::Key{seed, 0, 0, 0});
    const weft::lincheck::program p = gen(random, int(seed % 100)).value();
    ASSERT_EQ(p.threads.size(), 3u) << describe(p);
    for (const auto& t : p.threads) EXPECT_TRUE(t.size() >= 1 && t.size() <= 2) << describe(p);
  }
  EXPECT_EQ(counter_spec<true>().min_threads(), 3u);
  const weft::result r = weft::check(counter_spec<false>(), budget());
  weft::lincheck::set_program_shape({});
  ASSERT_FALSE(r.ok());
  const std::string workload = r.findings.front().details.back();
  EXPECT_NE(workload.find("| t3: "), std::string::npos) << workload;
  EXPECT_EQ(counter_spec<true>().min_threads(), 2u) << "the spec's own shape is back";
}

TEST(LincheckSpec, AShapeOutOfRangeOrMalformedIsAnInputError) {
  using weft::lincheck::count_range;
  EXPECT_EQ(weft::lincheck::parse_count_range("3", "--threads"), (count_range{3, 3}));
  EXPECT_EQ(weft::lincheck::parse_count_range("2-4", "--threads"), (count_range{2, 4}));
  for (const char* bad : {"", "two", "2-", "-3", "2-3-4", "2 - 3", "+2"}) {
    EXPECT_THROW(weft::lincheck::parse_count_range(bad, "--threads"), std::invalid_argument) << bad;
  }
  for (const count_range bad : {count_range{0, 2}, count_range{3, 2}, count_range{2, 17}}) {
    EXPECT_THROW(weft::lincheck::set_program_shape({bad, std::nullopt}), std::invalid_argument);
  }
  EXPECT_THROW(weft::lincheck::set_program_shape({std::nullopt, count_range{1, 33}}), std::invalid_argument);
  EXPECT_FALSE(weft::lincheck::current_program_shape().threads) << "a rejected shape leaves the last one";
}

TEST(LincheckSpec, ModelThatThrowsIsAnInputErrorNamingTheOperation) {
  const auto s = weft::spec<counter<true>, int>{}.op(
      "increment", [](counter<true>& c) { return c.increment(); },
      [](int&) -> int { throw std::runtime_error("no model yet"); });
  try {
    weft::check(s, budget());
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("operation 'increment': the model threw: no model yet"), std::string::npos)
        << e.what();
  }
}

TEST(LincheckSpec, UnsatisfiablePreconditionIsAnInputError) {
  const auto s = weft::spec<counter<true>, int>{}
                     .op("increment", [](counter<true>& c) { return c.increment(); }, [](int& m) { return m++; })
                     .when([](const int& m) { return m < 0; });
  EXPECT_THROW(weft::check(s, budget()), std::invalid_argument);
}

struct nan_source {
  double read() { return std::nan(""); }
};

TEST(LincheckSpec, ResultNotEqualToItselfIsAnInputError) {
  const auto s = weft::spec<nan_source, int>{}.op("read", [](nan_source& n) { return n.read(); },
                                                  [](int&) { return std::nan(""); });
  try {
    weft::check(s, budget());
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("operation 'read': its result nan is not equal to itself"), std::string::npos)
        << e.what();
  }
}

}  // namespace
