// weft/weft.hpp — the public header of weft, a property-based concurrency
// correctness checker for C++20.
//
// Write concurrent code against weft's primitives (weft::thread, weft::mutex,
// weft::condition_variable, weft::atomic<T>, weft::var<T>, ...), state what
// must hold with WEFT_ASSERT, and either call weft::check(body, options) or
// register the body with WEFT_SCENARIO and link weft::main to get the whole
// `weft` command line (run, replay, list, ...) over your scenarios.
#pragma once

#include "weft/assert.hpp"
#include "weft/check.hpp"
#include "weft/checked_sync.hpp"
#include "weft/registry.hpp"
#include "weft/result.hpp"
#include "weft/sync/name.hpp"

namespace weft::detail {
bool register_user_scenario(const char* name, void (*body)(), std::vector<finding_kind> expected,
                            const char* file, int line);
}  // namespace weft::detail

#define WEFT_DETAIL_CONCAT2(a, b) a##b
#define WEFT_DETAIL_CONCAT(a, b) WEFT_DETAIL_CONCAT2(a, b)

/// WEFT_SCENARIO("family/name") { body } registers a scenario expected to be
/// clean: the body spawns weft::threads and checks with WEFT_ASSERT.
#define WEFT_SCENARIO(name) WEFT_SCENARIO_EXPECT(name)

/// WEFT_SCENARIO_EXPECT("family/name", weft::finding_kind::deadlock, ...) { body }
/// registers a scenario expected to show one of the given kinds of bug.
#define WEFT_SCENARIO_EXPECT(name, ...)                                                         \
  static void WEFT_DETAIL_CONCAT(weft_scenario_body_, __LINE__)();                              \
  [[maybe_unused]] static const bool WEFT_DETAIL_CONCAT(weft_scenario_registered_, __LINE__) = \
      ::weft::detail::register_user_scenario(name, &WEFT_DETAIL_CONCAT(weft_scenario_body_, __LINE__), \
                                             {__VA_ARGS__}, __FILE__, __LINE__);                \
  static void WEFT_DETAIL_CONCAT(weft_scenario_body_, __LINE__)()
