// weft::var<T> used like a T: copies and moves (so containers of vars
// resize), compound assignment, increment and decrement, each checked as a
// read and/or a write, and races through the operators reported at the
// user's file and line (not inside var.hpp), in findings and in traces.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

static_assert(std::is_copy_constructible_v<weft::var<int>> && std::is_copy_assignable_v<weft::var<int>>);
static_assert(std::is_nothrow_move_constructible_v<weft::var<int>>);
static_assert(!std::is_copy_constructible_v<weft::var<std::unique_ptr<int>>>);
static_assert(std::is_move_constructible_v<weft::var<std::unique_ptr<int>>>);

weft::result run_ops(const std::function<void()>& body, std::uint64_t iterations = 500) {
  return weft::check(body, weft::testing::random_budget(iterations));
}

/// Runs `op(x)` on one shared var in two threads.
void twice_concurrently(const std::function<void(weft::var<int>&)>& op, weft::mutex* guard) {
  weft::var<int> x{12};
  auto body = [&] {
    if (guard == nullptr) return op(x);
    std::lock_guard lock(*guard);
    op(x);
  };
  weft::thread a(body), b(body);
  a.join();
  b.join();
}

struct named_op {
  const char* name;
  std::function<void(weft::var<int>&)> op;
  int from_six;  // the value 6 becomes
};

const std::vector<named_op>& every_operator() {
  static const std::vector<named_op> ops = {
      {"+=", [](weft::var<int>& x) { x += 2; }, 8},   {"-=", [](weft::var<int>& x) { x -= 2; }, 4},
      {"*=", [](weft::var<int>& x) { x *= 2; }, 12},  {"/=", [](weft::var<int>& x) { x /= 2; }, 3},
      {"%=", [](weft::var<int>& x) { x %= 4; }, 2},   {"&=", [](weft::var<int>& x) { x &= 3; }, 2},
      {"|=", [](weft::var<int>& x) { x |= 1; }, 7},   {"^=", [](weft::var<int>& x) { x ^= 3; }, 5},
      {"<<=", [](weft::var<int>& x) { x <<= 1; }, 12}, {">>=", [](weft::var<int>& x) { x >>= 1; }, 3},
      {"++x", [](weft::var<int>& x) { ++x; }, 7},     {"--x", [](weft::var<int>& x) { --x; }, 5},
      {"x++", [](weft::var<int>& x) { x++; }, 7},     {"x--", [](weft::var<int>& x) { x--; }, 5},
  };
  return ops;
}

TEST(VarOps, EveryOperatorComputesAsOnT) {
  for (const named_op& o : every_operator()) {
    weft::var<int> x{6};
    o.op(x);
    EXPECT_EQ(x.load(), o.from_six) << o.name;
  }
  weft::var<int> x{6};
  EXPECT_EQ(x++, 6);
  EXPECT_EQ(x--, 7);
  EXPECT_EQ((++x).load(), 7);
}

TEST(VarOps, EveryOperatorRacesWithoutALockAndIsCleanUnderOne) {
  for (const named_op& o : every_operator()) {
    const weft::result racy = run_ops([&] { twice_concurrently(o.op, nullptr); });
    ASSERT_FALSE(racy.ok()) << o.name << " in two threads is not found";
    EXPECT_EQ(racy.findings[0].kind, weft::finding_kind::data_race) << o.name;
    const weft::result locked = run_ops([&] {
      weft::mutex m;
      twice_concurrently(o.op, &m);
    });
    EXPECT_TRUE(locked.ok()) << o.name << ": " << locked.findings.at(0).message;
  }
}

TEST(VarOps, VectorOfVarsResizesAndCopiesInsideAndOutsideAnExecution) {
  auto use = [] {
    std::vector<weft::var<int>> v(2);
    v[1] = 5;
    v.resize(40);  // moves the elements
    std::vector<weft::var<int>> copy = v;
    copy[1] += 1;
    WEFT_ASSERT(v[1] == 5 && copy[1] == 6 && copy.size() == 40);
    weft::var<std::string> s{"a"};
    weft::var<std::string> t = std::move(s);
    t += "b";
    WEFT_ASSERT(t.load() == "ab");
  };
  use();
  const weft::result r = run_ops(use, 20);
  EXPECT_TRUE(r.ok()) << r.findings.at(0).message;
}

TEST(VarOps, CopyIsAReadOfTheSource) {
  const weft::result racy = run_ops([] {
    weft::var<int> x{1};
    weft::thread writer([&] { x = 2; });
    weft::thread copier([&] { weft::var<int> y = x; (void)y; });
    writer.join();
    copier.join();
  });
  ASSERT_FALSE(racy.ok());
  EXPECT_EQ(racy.findings[0].kind, weft::finding_kind::data_race);
  const weft::result reads_only = run_ops([] {
    weft::var<int> x{1};
    auto copy = [&] { weft::var<int> y = x; (void)y; };
    weft::thread a(copy), b(copy);
    a.join();
    b.join();
  });
  EXPECT_TRUE(reads_only.ok()) << reads_only.findings.at(0).message;
}

std::string file_part(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

/// A race through the operators on one line of this file: the finding and
/// its trace show that line.
void expect_race_reported_at(const std::function<void()>& body, std::uint32_t line) {
  const weft::result r = run_ops(body);
  ASSERT_FALSE(r.ok());
  const weft::finding& f = r.findings[0];
  ASSERT_EQ(f.kind, weft::finding_kind::data_race) << f.message;
  ASSERT_EQ(f.locations.size(), 2u);
  for (const weft::source_location& l : f.locations) {
    EXPECT_EQ(file_part(l.file), "var_ops_test.cpp") << f.message;
    EXPECT_EQ(l.line, line) << f.message;
  }
  EXPECT_NE(f.message.find("var_ops_test.cpp:" + std::to_string(line)), std::string::npos) << f.message;
  bool traced = false;
  for (const weft::trace_event& e : f.trace) {
    if (e.operation != "read" && e.operation != "write") continue;
    traced = true;
    EXPECT_EQ(file_part(e.location.file), "var_ops_test.cpp") << e.operation;
    EXPECT_EQ(e.location.line, line) << e.operation;
  }
  EXPECT_TRUE(traced);
}

TEST(VarOps, RaceThroughConversionAndAssignmentNamesTheUsersLine) {
  weft::var<int>* shared = nullptr;
  auto increment = [&] {
    weft::var<int>& x = *shared;
    x = x + 1;  // the line the race must name
  };
  const std::uint32_t line = __LINE__ - 2;
  expect_race_reported_at([&] {
    weft::var<int> x{0};
    shared = &x;
    weft::thread a(increment), b(increment);
    a.join();
    b.join();
  }, line);
}

TEST(VarOps, RaceThroughIncrementNamesTheUsersLine) {
  weft::var<int>* shared = nullptr;
  auto increment = [&] {
    ++*shared;  // the line the race must name
  };
  const std::uint32_t line = __LINE__ - 2;
  expect_race_reported_at([&] {
    weft::var<int> x{0};
    shared = &x;
    weft::thread a(increment), b(increment);
    a.join();
    b.join();
  }, line);
}

}  // namespace

namespace {

TEST(VarOps, AWriteRacingWithOneOfSeveralReadsNamesThatRead) {
  // Two threads read the var concurrently (read-shared), then the first
  // writes it: the write races with the second thread's read, which the
  // report must name, not the writer's own read that came last.
  std::uint32_t racing_read_line = 0;
  const weft::result r = weft::check(
      [&racing_read_line] {
        weft::var<int> x{0};
        weft::atomic<bool> other_read{false};
        weft::thread reader([&] {
          (void)static_cast<int>(x), racing_read_line = __LINE__;  // the racing read
          other_read.store(true, std::memory_order_relaxed);
        });
        while (!other_read.load(std::memory_order_relaxed)) weft::this_thread::yield();
        (void)static_cast<int>(x);  // the writer's own read
        x = 1;
        reader.join();
      },
      weft::testing::random_budget(200));
  ASSERT_FALSE(r.ok());
  const weft::finding& f = r.findings.front();
  ASSERT_EQ(f.kind, weft::finding_kind::data_race) << f.message;
  const std::string expected = "read by thread 1 at " + f.locations.front().file + ":" + std::to_string(racing_read_line);
  EXPECT_NE(f.message.find(expected), std::string::npos) << f.message;
  ASSERT_EQ(f.locations.size(), 2U);
  EXPECT_EQ(f.locations[1].line, racing_read_line);
}

}  // namespace
