// tests/scenarios/zoo_check.hpp — helpers for the model-zoo tests of the
// rwlock, deadlock and bounded_buffer families: run a registered scenario's
// checked body under weft::check and describe the outcome.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

#include "weft/check.hpp"
#include "weft/registry.hpp"
#include "weft/result.hpp"

namespace zoo {

inline const weft::scenario& scenario(const std::string& name) {
  weft::register_builtin_scenarios();
  const weft::scenario* s = weft::registry::instance().find(name);
  if (s == nullptr) throw std::runtime_error("no scenario " + name);
  return *s;
}

inline weft::options opts(weft::strategy_kind strategy, std::uint64_t iterations, bool races = true,
                          bool lock_order = true) {
  weft::options o;
  o.strategy = strategy;
  o.iterations = iterations;
  o.detect_races = races;
  o.detect_lock_order = lock_order;
  return o;
}

inline std::string describe(const weft::result& r) {
  std::string out = std::to_string(r.stats.executions) + " executions" + (r.stats.exhausted ? " (exhausted)" : "");
  for (const auto& f : r.findings) {
    out += "; " + std::string(weft::to_string(f.kind)) + " at execution " + std::to_string(f.iteration) + ": " +
           f.message;
  }
  return out;
}

/// Whether every finding is of a kind the scenario expects (and there is one).
inline bool as_expected(const weft::scenario& s, const weft::result& r) {
  return weft::verdict_as_expected(s, r.findings);
}

/// Runs a scenario expected clean and checks that it comes out clean.
inline void expect_clean(const std::string& name, const weft::options& o) {
  const auto r = weft::check(scenario(name).checked, o);
  EXPECT_TRUE(r.ok()) << name << " [" << weft::to_string(o.strategy) << "]: " << describe(r);
}

/// Runs a buggy scenario in a child process (so that an engine crash while
/// unwinding fails this test only) and checks that it finds a finding of an
/// expected kind within o.iterations executions.
inline void expect_found(const std::string& name, const weft::options& o) {
  EXPECT_EXIT(
      {
        const auto r = weft::check(scenario(name).checked, o);
        std::cerr << name << " [" << weft::to_string(o.strategy) << "]: " << describe(r) << "\n";
        std::exit(!r.ok() && as_expected(scenario(name), r) ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "")
      << name << " [" << weft::to_string(o.strategy) << "]";
}

}  // namespace zoo
