// zoo_checked.hpp — helpers for the model-zoo family tests: run a registered
// scenario under the controlled scheduler and compare with its verdict.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "weft/check.hpp"
#include "weft/registry.hpp"

namespace zoo {

inline const weft::scenario& registered(const std::string& name) {
  weft::register_builtin_scenarios();
  const weft::scenario* s = weft::registry::instance().find(name);
  if (s == nullptr) throw std::runtime_error("no scenario " + name);
  return *s;
}

inline weft::options opts(weft::strategy_kind strategy, std::uint64_t iterations, bool spurious = false) {
  weft::options o;
  o.strategy = strategy;
  o.iterations = iterations;
  o.spurious_wakeups = spurious;
  return o;
}

/// A buggy row: the run finds something, of a kind the registration expects.
inline void expect_found(const std::string& name, const weft::options& o) {
  const weft::scenario& s = registered(name);
  ASSERT_FALSE(s.expected_clean()) << name;
  const weft::result r = weft::check(s.checked, o);
  ASSERT_FALSE(r.ok()) << name << ": nothing found in " << r.stats.executions << " executions ("
                       << weft::to_string(o.strategy) << ")";
  EXPECT_TRUE(weft::verdict_as_expected(s, r.findings))
      << name << ": unexpected " << weft::to_string(r.findings.front().kind) << ": " << r.findings.front().message;
  ::testing::Test::RecordProperty(name + "/" + std::string(weft::to_string(o.strategy)) + "/executions_to_find",
                 std::to_string(r.findings.front().iteration + 1));
}

/// A correct row: nothing found in the whole budget (or the exhausted space).
inline void expect_clean(const std::string& name, const weft::options& o) {
  const weft::scenario& s = registered(name);
  ASSERT_TRUE(s.expected_clean()) << name;
  const weft::result r = weft::check(s.checked, o);
  EXPECT_TRUE(r.ok()) << name << ": " << weft::to_string(r.findings.front().kind) << ": "
                      << r.findings.front().message;
  EXPECT_TRUE(r.stats.exhausted || r.stats.executions == o.iterations) << name;
}

}  // namespace zoo
