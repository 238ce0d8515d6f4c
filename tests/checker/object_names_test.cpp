// Reports speak the user's names: a checked object is called by the name the
// user gave it (at construction or with weft::name), else by where it was
// constructed; the name reaches the finding's message, its trace and the
// suppression rules.
#include <gtest/gtest.h>

#include <string>

#include "weft/weft.hpp"
#include "../support/weft_expect.hpp"

namespace {

using weft::finding_kind;

// The first finding of a racy or deadlocking body, under a budget that finds it.
weft::finding first_finding_of(const std::function<void()>& body) {
  const weft::result r = weft::check(body, weft::testing::budget(2000));
  EXPECT_EQ(r.findings.size(), 1u);
  return r.findings.empty() ? weft::finding{} : r.findings.front();
}

bool trace_names(const weft::finding& f, const std::string& object) {
  for (const auto& e : f.trace)
    if (e.object == object) return true;
  return false;
}

void unsynchronised_increments(weft::var<int>& x) {
  weft::thread a([&] { x = x + 1; });
  weft::thread b([&] { x = x + 1; });
  a.join();
  b.join();
}

TEST(ObjectNames, AVariableNamedAtConstructionIsCalledByItsName) {
  const auto f = first_finding_of([] {
    weft::var<int> balance{0, "balance"};
    unsynchronised_increments(balance);
  });
  EXPECT_EQ(f.kind, finding_kind::data_race);
  EXPECT_NE(f.message.find("data race on balance (var#1)"), std::string::npos) << f.message;
  EXPECT_TRUE(trace_names(f, "balance (var#1)"));
}

TEST(ObjectNames, AnUnnamedVariableIsCalledByWhereItWasConstructed) {
  const int line = __LINE__ + 2;
  const auto f = first_finding_of([] {
    weft::var<int> x{0};
    unsynchronised_increments(x);
  });
  const std::string site = "var#1 (object_names_test.cpp:" + std::to_string(line) + ")";
  EXPECT_NE(f.message.find("data race on " + site), std::string::npos) << f.message;
  EXPECT_TRUE(trace_names(f, site));
}

// A member is constructed by its enclosing class's constructor, so that is
// the place reports give for it; weft::name can say which member it is.
struct account {
  account() { weft::name(lock, "account.lock"); }  // where `other` is constructed
  weft::mutex lock;
  weft::mutex other;
};

TEST(ObjectNames, MembersAreNamedByWeftNameOrByTheirClassConstructor) {
  const int ctor_line = __LINE__ - 6;
  const auto f = first_finding_of([] {
    account acc;
    weft::thread a([&] {
      const std::lock_guard first(acc.lock);
      const std::lock_guard second(acc.other);
    });
    weft::thread b([&] {
      const std::lock_guard first(acc.other);
      const std::lock_guard second(acc.lock);
    });
    a.join();
    b.join();
  });
  ASSERT_TRUE(f.kind == finding_kind::deadlock || f.kind == finding_kind::lock_order_inversion) << f.message;
  const std::string all = f.message + [&] {
    std::string d;
    for (const auto& line : f.details) d += "\n" + line;
    return d;
  }();
  EXPECT_NE(all.find("account.lock (mutex#1)"), std::string::npos) << all;
  EXPECT_NE(all.find("mutex#2 (object_names_test.cpp:" + std::to_string(ctor_line) + ")"), std::string::npos)
      << all;
}

TEST(ObjectNames, EveryPrimitiveTakesANameAtConstruction) {
  // Outside an execution the names are kept too: a global is adopted later.
  weft::mutex m{"m"};
  weft::recursive_mutex rm{"rm"};
  weft::shared_mutex sm{"sm"};
  weft::condition_variable cv{"cv"};
  weft::condition_variable_any cva{"cva"};
  weft::counting_semaphore<2> sem{2, "sem"};
  weft::atomic<int> a{0, "a"};
  weft::var<std::string> s{"text", "s"};
  const auto name = [](auto& o) { return std::string(weft::detail::header_access::of(o).given_name); };
  EXPECT_EQ(name(m), "m");
  EXPECT_EQ(name(rm), "rm");
  EXPECT_EQ(name(sm), "sm");
  EXPECT_EQ(name(cv), "cv");
  EXPECT_EQ(name(cva), "cva");
  EXPECT_EQ(name(sem), "sem");
  EXPECT_EQ(name(a), "a");
  EXPECT_EQ(name(s), "s");
  EXPECT_EQ(s.load(), "text");
  // Unnamed objects keep no name; a name given later is copied.
  weft::atomic<int> plain;
  EXPECT_EQ(weft::detail::header_access::of(plain).given_name, nullptr);
  std::string temporary = "renamed";
  weft::name(plain, temporary);
  temporary = "changed";
  EXPECT_EQ(name(plain), "renamed");
}

TEST(ObjectNames, SuppressionRulesMatchAGivenName) {
  const auto body = [] {
    weft::var<int> balance{0, "balance"};
    unsynchronised_increments(balance);
  };
  weft::options o = weft::testing::budget(2000);
  o.suppress = weft::suppressions::parse("data_race:balance\n", "rules");
  EXPECT_TRUE(weft::check(body, o).ok());
  o.suppress = weft::suppressions::parse("data_race:balanc\n", "rules");
  EXPECT_FALSE(weft::check(body, o).ok()) << "a partial name does not match without a glob";
}

}  // namespace
