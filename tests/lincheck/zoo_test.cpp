// Ground truth for the lincheck family (scenarios/lincheck.cpp): every spec
// run as `weft run` runs it; correct objects clean, buggy ones found with
// their expected kind, and a linearizability bug shrunk to a program of at
// most two threads of two operations each.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "weft/prop.hpp"
#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"

namespace {

#ifndef WEFT_LINCHECK_ITERATIONS
#define WEFT_LINCHECK_ITERATIONS 3000
#endif

std::vector<std::string> lincheck_scenarios() {
  weft::register_builtin_scenarios();
  std::vector<std::string> names;
  for (const weft::scenario* s : weft::registry::instance().match({"lincheck"})) names.push_back(s->name);
  return names;
}

/// The operation count of each parallel thread of a shrunk program, from
/// "workload: [sequential ]prefix: a() | t1: b(), c() | t2: d() (generated ...)".
std::vector<int> thread_sizes(std::string workload) {
  workload = workload.substr(0, workload.find(" (generated"));
  for (const std::string lead : {"workload: ", "sequential "}) {
    if (workload.rfind(lead, 0) == 0) workload.erase(0, lead.size());
  }
  std::vector<int> sizes;
  for (std::size_t at = 0; at <= workload.size();) {
    const std::size_t end = std::min(workload.find(" | ", at), workload.size());
    const std::string part = workload.substr(at, end - at);
    if (part.rfind('t', 0) == 0) sizes.push_back(1 + int(std::count(part.begin(), part.end(), ',')));
    at = end + 3;
  }
  return sizes;
}

class LincheckZoo : public testing::TestWithParam<std::string> {};

TEST_P(LincheckZoo, VerdictAsExpected) {
  const weft::scenario& s = *weft::registry::instance().find(GetParam());
  // Two waiters and the thread that wakes them: these bugs need three
  // threads, and more schedules than the sanitizer builds' reduced budget.
  const bool needs_three = s.name == "lincheck/buffer_if_not_while" || s.name == "lincheck/semaphore_condvar_if" ||
                           s.name == "lincheck/buffer_one_condition";
  weft::options o;
  o.iterations = needs_three ? std::max(WEFT_LINCHECK_ITERATIONS, 3000) : WEFT_LINCHECK_ITERATIONS;
  o.seed = 7;
  const weft::result r = weft::prop::check_generated(s, o, weft::prop::default_workloads(s));
  ASSERT_TRUE(weft::verdict_as_expected(s, r.findings))
      << (r.ok() ? std::string("no finding") : r.findings.front().message);
  if (s.expected_clean()) {
    EXPECT_GT(r.stats.executions, WEFT_LINCHECK_ITERATIONS / 2);
    return;
  }
  const weft::finding& f = r.findings.front();
  if (f.kind != weft::finding_kind::linearizability) return;
  const std::string& workload = f.details.back();
  ASSERT_EQ(workload.rfind("workload: ", 0), 0u) << workload;
  const auto sizes = thread_sizes(workload);
  EXPECT_LE(sizes.size(), needs_three ? 3u : 2u) << workload;
  for (int n : sizes) EXPECT_LE(n, 2) << workload;
}

INSTANTIATE_TEST_SUITE_P(Specs, LincheckZoo, testing::ValuesIn(lincheck_scenarios()),
                         [](const testing::TestParamInfo<std::string>& p) {
                           return p.param.substr(p.param.find('/') + 1);
                         });

TEST(LincheckZooFamily, HasTheZooAndTheClassicObjects) {
  EXPECT_EQ(lincheck_scenarios().size(), 24u);
}

}  // namespace
