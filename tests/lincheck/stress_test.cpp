// Lincheck specs on real threads (weft stress): each iteration draws a
// program, runs it on std::threads from a start line, and checks the
// real-time history with the same search as under the controlled scheduler.
// The correct zoo specs stay clean (in the tsan build: with no
// ThreadSanitizer report either); an object with a wide window between its
// read and its write is found as `linearizability`, on real threads.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "weft/lincheck.hpp"
#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"
#include "weft/stress.hpp"
#include "../support/weft_expect.hpp"

namespace {

/// A counter whose increment reads, lets the other threads run, then
/// writes what it read plus one: two overlapping increments return the
/// same value. No data race (an atomic), only a broken read-modify-write.
struct slow_split_counter {
  weft::atomic<int> value{0};
  int increment() {
    const int old = value.load();
    for (int i = 0; i < 50; ++i) std::this_thread::yield();
    value.store(old + 1);
    return old;
  }
  int get() { return value.load(); }
};

/// The same counter with one fetch_add: linearizable.
struct fetch_add_counter {
  weft::atomic<int> value{0};
  int increment() { return value.fetch_add(1); }
  int get() { return value.load(); }
};

template <class Counter>
weft::scenario counter_scenario(const std::string& name) {
  return weft::spec<Counter, int>{}
      .op("increment", [](Counter& c) { return c.increment(); }, [](int& m) { return m++; })
      .op("get", [](Counter& c) { return c.get(); }, [](int& m) { return m; })
      .to_scenario(name, weft::detail::location::current());
}

constexpr weft::stress_options budget{.iterations = 200, .seed = 3, .timeout_seconds = 20};

TEST(LincheckStress, EverySpecHasAStressBody) {
  weft::register_builtin_scenarios();
  for (const auto& s : weft::registry::instance().all()) {
    if (s.family() == "lincheck") {
      EXPECT_TRUE(s.stress) << s.name;
    }
  }
}

TEST(LincheckStress, ABrokenReadModifyWriteIsFoundOnRealThreads) {
  const weft::result r = weft::stress(counter_scenario<slow_split_counter>("linstress/split"), budget);
  ASSERT_FALSE(r.ok()) << "no finding in " << r.stats.executions << " iterations";
  const weft::finding& f = r.findings.front();
  EXPECT_EQ(f.kind, weft::finding_kind::linearizability) << weft::testing::findings_text(r);
  EXPECT_EQ(f.source, weft::finding_source::stress);
  EXPECT_NE(f.message.find("increment() -> "), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("cannot be placed"), std::string::npos) << f.message;
  ASSERT_FALSE(f.operations.empty()) << "the real-time history, for the report's timeline";
  bool program_named = false;
  for (const auto& d : f.details) program_named = program_named || d.find("on real threads (weft stress), program: ") == 0;
  EXPECT_TRUE(program_named) << weft::testing::findings_text(r);
}

TEST(LincheckStress, ALinearizableCounterIsClean) {
  const weft::result r = weft::stress(counter_scenario<fetch_add_counter>("linstress/fetch_add"), budget);
  EXPECT_TRUE(r.ok()) << weft::testing::findings_text(r);
  EXPECT_EQ(r.stats.executions, budget.iterations);
}

// The real-time history must not make a correct object look wrong: every
// correct spec of the zoo (locks, lock-free stack, blocking buffers and
// semaphores) stays clean on real threads.
TEST(LincheckStress, TheZoosCorrectSpecsAreClean) {
  weft::register_builtin_scenarios();
  int checked = 0;
  for (const auto& s : weft::registry::instance().all()) {
    if (s.family() != "lincheck" || !s.expected_clean()) continue;
    const weft::result r = weft::stress(s, {.iterations = 100, .seed = 5, .timeout_seconds = 20});
    EXPECT_TRUE(r.ok()) << s.name << "\n" << weft::testing::findings_text(r);
    EXPECT_EQ(r.stats.executions, 100u) << s.name;
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

}  // namespace
