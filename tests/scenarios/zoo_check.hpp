// tests/scenarios/zoo_check.hpp — helpers for the model-zoo tests: run a
// registered scenario's checked body under weft::check and assert its verdict.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "weft/check.hpp"
#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"
#include "weft/result.hpp"

namespace zoo {

inline const weft::scenario& scenario(const std::string& name) {
  weft::register_builtin_scenarios();
  const weft::scenario* s = weft::registry::instance().find(name);
  if (s == nullptr) throw std::runtime_error("no scenario " + name);
  return *s;
}

inline weft::options opts(weft::strategy_kind strategy, std::uint64_t iterations) {
  weft::options o;
  o.strategy = strategy;
  o.iterations = iterations;
  return o;
}
inline weft::options with_spurious(weft::options o) {
  o.spurious_wakeups = true;
  return o;
}
inline weft::options without_races(weft::options o) {
  o.detect.disable(weft::finding_kind::data_race);
  return o;
}
inline weft::options without_lock_order(weft::options o) {
  o.detect.disable(weft::finding_kind::lock_order_inversion);
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

inline bool as_expected(const weft::scenario& s, const weft::result& r) {
  return weft::verdict_as_expected(s, r.findings);
}

/// The budget a clean verdict is checked with. The sanitizer builds run these
/// bodies ~20x slower and are there to check weft itself, not the models'
/// verdicts (the dev build runs the full budget), so they take a fortieth of it,
/// never less than 300 executions (every strategy still runs its warm-up and
/// many executions of every body, which is what the sanitizers look at).
inline weft::options clean_budget(weft::options o) {
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
  o.iterations = std::max<std::uint64_t>(o.iterations / 40, std::min<std::uint64_t>(o.iterations, 300));
#endif
#endif
  return o;
}

/// Nothing found in the whole budget (or the exhausted DFS space).
inline void expect_clean(const std::string& name, const weft::options& requested) {
  const weft::options o = clean_budget(requested);
  const weft::result r = weft::check(scenario(name).checked, o);
  EXPECT_TRUE(r.ok()) << name << " [" << weft::to_string(o.strategy) << "]: " << describe(r);
  EXPECT_TRUE(r.stats.exhausted || r.stats.executions == o.iterations) << name << ": " << describe(r);
}

/// A buggy row: a finding of a kind the registration expects, within the budget.
inline void expect_found(const std::string& name, const weft::options& o) {
  const weft::scenario& s = scenario(name);
  ASSERT_FALSE(s.expected_clean()) << name;
  const weft::result r = weft::check(s.checked, o);
  ASSERT_FALSE(r.ok()) << name << " [" << weft::to_string(o.strategy) << "]: nothing found in " << describe(r);
  EXPECT_TRUE(as_expected(s, r)) << name << " [" << weft::to_string(o.strategy) << "]: " << describe(r);
  ::testing::Test::RecordProperty(name + "/" + std::string(weft::to_string(o.strategy)) + "/executions_to_find",
                                  std::to_string(r.findings.front().iteration + 1));
}

}  // namespace zoo
