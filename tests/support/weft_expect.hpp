// weft_expect.hpp — what weft's own tests assert about a checked body: a bug
// found with its kind or sub-kind (and a schedule that replays it), or a body clean under
// a budget; and every exploration strategy weft has, so a test written with
// for_each_strategy covers strategies added later without being edited.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "weft/weft.hpp"

namespace weft::testing {

inline weft::options budget(std::uint64_t iterations, weft::strategy_kind s = weft::strategy_kind::portfolio) {
  weft::options o;
  o.iterations = iterations;
  o.strategy = s;
  return o;
}

/// Whether this build runs under ThreadSanitizer or AddressSanitizer, which
/// make each fiber switch ~50x dearer: tests give themselves smaller budgets there.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
inline constexpr bool sanitized_build = true;
#else
inline constexpr bool sanitized_build = false;
#endif
#else
inline constexpr bool sanitized_build = false;
#endif

/// A budget of the random strategy (what the fastest clean-run tests use).
inline weft::options random_budget(std::uint64_t iterations) { return budget(iterations, weft::strategy_kind::random); }

/// Every value of weft::strategy_kind: the enumerators are numbered from 0
/// and to_string() names each one, so probing until it answers "?" finds a
/// strategy added later too.
inline std::vector<weft::strategy_kind> all_strategies() {
  std::vector<weft::strategy_kind> all;
  for (unsigned k = 0; k < 256; ++k) {
    const auto s = static_cast<weft::strategy_kind>(k);
    if (weft::to_string(s) == "?") break;
    all.push_back(s);
  }
  return all;
}

/// Every finding of `r`, a line each ("kind: message") with its details
/// indented under it; "clean" when there is none.
inline std::string findings_text(const weft::result& r) {
  std::string text;
  for (const weft::finding& f : r.findings) {
    text += std::string(weft::kind_name(f)) + ": " + f.message + "\n";
    for (const std::string& d : f.details) text += "    " + d + "\n";
  }
  return text.empty() ? "clean" : text;
}

inline std::string first_finding(const weft::result& r) {
  if (r.ok()) return "clean";
  const weft::finding& f = r.findings.front();
  return std::string(weft::kind_name(f)) + ": " + f.message;
}

/// What a test expects found: a kind (any sub-kind), or a sub-kind, which
/// names its kind too (weft::finding_subkind::relock is a misuse).
struct expected_kind {
  expected_kind(weft::finding_kind k) : kind(k) {}  // NOLINT(google-explicit-constructor): reads as the kind
  expected_kind(weft::finding_subkind s) : kind(weft::kind_of(s)), subkind(s) {}  // NOLINT(google-explicit-constructor)
  weft::finding_kind kind;
  std::optional<weft::finding_subkind> subkind;  // nullopt: any
  std::string name() const { return std::string(subkind ? weft::to_string(*subkind) : weft::to_string(kind)); }
};

/// `body` yields exactly one finding, of `expected`, carrying the traced
/// replay; its schedule replays the same finding with the same message.
inline void expect_found(const std::function<void()>& body, const expected_kind& expected,
                         const weft::options& opts = budget(2000)) {
  const weft::result r = weft::check(body, opts);
  ASSERT_EQ(r.findings.size(), 1u) << "expected one " << expected.name() << " under "
                                   << weft::to_string(opts.strategy) << ", got " << first_finding(r);
  const weft::finding& f = r.findings.front();
  EXPECT_EQ(f.kind, expected.kind) << f.message;
  if (expected.subkind) {
    EXPECT_EQ(weft::kind_name(f), expected.name()) << f.message;
  }
  ASSERT_FALSE(f.schedule.empty());
  EXPECT_FALSE(f.trace.empty()) << "a finding carries the traced replay";
  const weft::result again = weft::replay(body, f.schedule, opts);
  ASSERT_EQ(again.findings.size(), 1u) << "the replay: " << first_finding(again);
  EXPECT_EQ(again.findings.front().kind, expected.kind) << again.findings.front().message;
  EXPECT_EQ(again.findings.front().subkind, f.subkind) << again.findings.front().message;
  EXPECT_EQ(again.findings.front().message, f.message);
}

/// `body` is clean under `opts`.
inline void expect_clean(const std::function<void()>& body, const weft::options& opts = budget(20000)) {
  const weft::result r = weft::check(body, opts);
  EXPECT_TRUE(r.ok()) << "under " << weft::to_string(opts.strategy) << ": " << first_finding(r);
  EXPECT_GT(r.stats.executions, 0u);
}

/// `opts` with another strategy.
inline weft::options with_strategy(weft::options opts, weft::strategy_kind s) {
  opts.strategy = s;
  return opts;
}

/// `body` is clean under every strategy with `iterations` executions each.
inline void expect_clean_under_every_strategy(const std::function<void()>& body, std::uint64_t iterations) {
  for (weft::strategy_kind s : all_strategies()) expect_clean(body, budget(iterations, s));
}
/// The same with `opts` (its strategy replaced by each one).
inline void expect_clean_under_every_strategy(const std::function<void()>& body, const weft::options& opts) {
  for (weft::strategy_kind s : all_strategies()) expect_clean(body, with_strategy(opts, s));
}

/// `body` is found as `kind` under every strategy, each within `opts`'s budget.
inline void expect_found_under_every_strategy(const std::function<void()>& body, weft::finding_kind kind,
                                              const weft::options& opts) {
  for (weft::strategy_kind s : all_strategies()) expect_found(body, kind, with_strategy(opts, s));
}

}  // namespace weft::testing
