// Schedules: the codec round-trips, malformed strings are rejected with a
// message, a schedule that no longer fits is nondeterminism, and the same
// seed finds the same thing whatever --jobs.
#include <gtest/gtest.h>

#include <rapidcheck/gtest.h>

#include <mutex>

#include "trace/schedule_codec.hpp"
#include "../support/classic_programs.hpp"
#include "weft/weft.hpp"

namespace {

RC_GTEST_PROP(ScheduleCodec, RoundTrips, (std::vector<std::vector<std::uint64_t>> executions)) {
  if (executions.empty()) executions.emplace_back();
  if (executions.size() > weft::detail::max_schedule_executions) executions.resize(weft::detail::max_schedule_executions);
  const weft::detail::schedule s{executions};
  const std::string text = weft::detail::encode_schedule(s);
  RC_ASSERT(text.find_first_of(" '\"$`\\*?") == std::string::npos);
  RC_ASSERT(weft::detail::decode_schedule(text) == s);
}

TEST(ScheduleCodec, RepeatsAreCompact) {
  const weft::detail::schedule s{{std::vector<std::uint64_t>(1000, 1)}};
  EXPECT_LE(weft::detail::encode_schedule(s).size(), 10u);
}

TEST(ScheduleCodec, MalformedStringsSayWhatIsWrong) {
  for (const char* bad : {"", "x1-ab", "w1-aQ", "w1-A", "w1-a_b", "w1-a b"}) {
    try {
      weft::detail::decode_schedule(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("malformed schedule"), std::string::npos);
    }
  }
}

TEST(ScheduleCodec, ExpansionIsBoundedBeforeExpanding) {
  using weft::detail::decode_schedule;
  EXPECT_EQ(decode_schedule("w1-a_Ge", 100).executions.front().size(), 100u);  // 0x64 repeats: at the bound
  EXPECT_THROW(decode_schedule("w1-a_Gf", 100), std::invalid_argument);        // 0x65: one more
  EXPECT_THROW(decode_schedule("w1-ab_Ge", 100), std::invalid_argument);       // 1 + 0x64: counts every decision
  try {
    decode_schedule("w1-a_PPPPPPPPPPPPPPp");  // 2^60 decisions from 20 characters
    ADD_FAILURE() << "accepted a schedule of 2^60 decisions";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("expands to more than"), std::string::npos) << e.what();
  }
  std::string many = "w1-a";
  for (std::size_t i = 0; i < weft::detail::max_schedule_executions; ++i) many += ".a";
  EXPECT_THROW(decode_schedule(many), std::invalid_argument);
}

void lost_update() {
  weft::atomic<int> count{0};
  auto inc = [&] { count.store(count.load() + 1); };
  weft::thread a(inc), b(inc);
  a.join();
  b.join();
  WEFT_ASSERT(count.load() == 2);
}

TEST(Replay, FindEncodeDecodeReplaySameFinding) {
  weft::options o;
  o.iterations = 1000;
  const weft::result found = weft::check(lost_update, o);
  ASSERT_EQ(found.findings.size(), 1u);
  const auto decoded = weft::detail::decode_schedule(found.findings[0].schedule);
  const std::string reencoded = weft::detail::encode_schedule(decoded);
  const weft::result again = weft::replay(lost_update, reencoded);
  ASSERT_EQ(again.findings.size(), 1u);
  EXPECT_EQ(again.findings[0].kind, found.findings[0].kind);
  EXPECT_EQ(again.findings[0].locations, found.findings[0].locations);
  EXPECT_EQ(again.findings[0].trace, found.findings[0].trace);
}

TEST(Replay, ScheduleOfOtherCodeIsNondeterminism) {
  weft::options o;
  o.iterations = 1000;
  const weft::result found = weft::check(lost_update, o);
  ASSERT_EQ(found.findings.size(), 1u);
  // The "fixed" code: a schedule recorded on the buggy one no longer reproduces.
  const weft::result r = weft::replay([] {
    weft::atomic<int> count{0};
    auto inc = [&] { count.fetch_add(1); };
    weft::thread a(inc), b(inc);
    a.join();
    b.join();
    WEFT_ASSERT(count.load() == 2);
  }, found.findings[0].schedule);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::nondeterminism) << r.findings[0].message;
}

TEST(Replay, MalformedScheduleThrows) {
  EXPECT_THROW(weft::replay(lost_update, "not-a-schedule"), std::invalid_argument);
}

using weft::testing::ab_ba;

TEST(Determinism, SameSeedSameFindingsWhateverJobs) {
  for (auto body : {&lost_update, &ab_ba}) {
    for (auto strategy : {weft::strategy_kind::random, weft::strategy_kind::pct, weft::strategy_kind::portfolio,
                          weft::strategy_kind::pos, weft::strategy_kind::surw, weft::strategy_kind::ipb,
                          weft::strategy_kind::idb}) {
      weft::options o;
      o.iterations = 2000;
      o.seed = 7;
      o.strategy = strategy;
      const weft::result one = weft::check(body, o);
      o.jobs = 2;
      const weft::result two = weft::check(body, o);
      o.jobs = 3;
      const weft::result three = weft::check(body, o);
      ASSERT_EQ(one.findings.size(), 1u);
      EXPECT_EQ(one.findings, two.findings);
      EXPECT_EQ(one.findings, three.findings);
    }
  }
}

// Each execution takes two of three mutexes in an order a race decides, each
// pair in its own thread: the lock-order cycle a->b->c->a (three threads, no
// common lock) spans three executions, so its schedule lists them (the kind
// of finding whose replay used to be nondeterminism).
void orders_by_race() {
  weft::mutex a, b, c;
  weft::atomic<int> flag{0};
  weft::thread t([&] {
    flag.store(1);
    flag.store(2);
  });
  auto both = [](weft::mutex& x, weft::mutex& y) {
    std::lock_guard lx(x);
    std::lock_guard ly(y);
  };
  const int seen = flag.load();
  weft::thread u([&] { if (seen == 0) both(a, b); });
  weft::thread v([&] { if (seen == 1) both(b, c); });
  weft::thread w([&] { if (seen == 2) both(c, a); });
  u.join();
  v.join();
  w.join();
  t.join();
}

void three_bugs() {
  ab_ba();
  orders_by_race();
  lost_update();
}

TEST(Determinism, KeepGoingSameFindingsWhateverJobsOrSupervisor) {
  for (auto body : {&ab_ba, &orders_by_race, &three_bugs}) {
    weft::options o;
    o.iterations = 600;
    o.seed = 7;
    o.keep_going = true;
    // Shrinking is bounded by time (2 s by default): a loaded machine (the
    // tsan build under ctest -j) may cut one mode's shrink short. A budget
    // it never reaches makes each shrink run to its fixed point.
    o.shrink_seconds = 600;
    const weft::result one = weft::check(body, o);
    o.jobs = 2;
    const weft::result two = weft::check(body, o);
    o.jobs = 1;
    o.supervised = true;
    const weft::result supervised = weft::check(body, o);
    o.jobs = 2;
    const weft::result supervised_two = weft::check(body, o);
    ASSERT_GE(one.findings.size(), 1u);
    EXPECT_EQ(one.findings, two.findings);
    EXPECT_EQ(one.findings, supervised.findings);
    EXPECT_EQ(one.findings, supervised_two.findings);
  }
}

TEST(Replay, EveryKeepGoingScheduleReplaysWhateverJobs) {
  bool multi_execution_seen = false;
  for (auto body : {&ab_ba, &orders_by_race, &three_bugs}) {
    for (unsigned jobs : {1u, 2u}) {
      weft::options o;
      o.iterations = 600;
      o.seed = 3;
      o.keep_going = true;
      o.jobs = jobs;
      const weft::result found = weft::check(body, o);
      ASSERT_GE(found.findings.size(), 1u);
      for (const weft::finding& f : found.findings) {
        multi_execution_seen = multi_execution_seen || f.schedule.find('.') != std::string::npos;
        const weft::result again = weft::replay(body, f.schedule);
        ASSERT_EQ(again.findings.size(), 1u);
        EXPECT_EQ(again.findings[0].kind, f.kind) << f.message << " / " << again.findings[0].message;
        EXPECT_EQ(again.findings[0].locations, f.locations) << f.schedule;
      }
    }
  }
  EXPECT_TRUE(multi_execution_seen) << "no lock-order finding spanned executions: the test lost its point";
}

TEST(Determinism, IterationIsReproducibleAlone) {
  weft::options o;
  o.iterations = 1000;
  o.seed = 11;
  const weft::result a = weft::check(lost_update, o);
  const weft::result b = weft::check(lost_update, o);
  ASSERT_EQ(a.findings.size(), 1u);
  EXPECT_EQ(a.findings, b.findings);
}

// Found only through the C++ memory model: a load that reads an older store
// (message passing with a relaxed flag), and a store ordered before one it
// did not see (2+2W: both final values are the first stores).
void stale_data_read() {
  constexpr auto relaxed = std::memory_order_relaxed;
  weft::atomic<int> data{0}, flag{0};
  weft::thread producer([&] {
    data.store(1, relaxed);
    flag.store(1, relaxed);
  });
  weft::thread consumer([&] {
    if (flag.load(relaxed) == 1) WEFT_ASSERT(data.load(relaxed) == 1);
  });
  producer.join();
  consumer.join();
}
void stores_ordered_before_unseen_ones() {
  constexpr auto relaxed = std::memory_order_relaxed;
  weft::atomic<int> x{0}, y{0};
  weft::thread a([&] {
    x.store(1, relaxed);
    y.store(2, relaxed);
  });
  weft::thread b([&] {
    y.store(1, relaxed);
    x.store(2, relaxed);
  });
  a.join();
  b.join();
  WEFT_ASSERT(!(x.load() == 1 && y.load() == 1));
}

// Every strategy, with and without the independence reduction: find →
// encode → decode → replay (with the same options) → the same finding.
TEST(Replay, EveryStrategyRoundTrips) {
  for (auto body : {&lost_update, &ab_ba, &stale_data_read, &stores_ordered_before_unseen_ones}) {
    for (const auto strategy : {weft::strategy_kind::random, weft::strategy_kind::pct, weft::strategy_kind::pos,
                                weft::strategy_kind::surw, weft::strategy_kind::dfs, weft::strategy_kind::ipb,
                                weft::strategy_kind::idb, weft::strategy_kind::portfolio}) {
      for (const bool skip : {false, true}) {
        weft::options o;
        o.iterations = 5000;
        o.strategy = strategy;
        o.skip_independent_points = skip;
        const weft::result found = weft::check(body, o);
        const std::string label = std::string(weft::to_string(strategy)) + (skip ? " skipping" : "");
        ASSERT_EQ(found.findings.size(), 1u) << label;
        const auto decoded = weft::detail::decode_schedule(found.findings[0].schedule);
        const weft::result again = weft::replay(body, weft::detail::encode_schedule(decoded), o);
        ASSERT_EQ(again.findings.size(), 1u) << label;
        EXPECT_EQ(again.findings[0].kind, found.findings[0].kind) << label << ": " << again.findings[0].message;
        EXPECT_EQ(again.findings[0].locations, found.findings[0].locations) << label;
        EXPECT_EQ(again.findings[0].trace, found.findings[0].trace) << label;
      }
    }
  }
}

}  // namespace
