// weft/gtest.hpp — weft inside GoogleTest: a body checked under the
// controlled scheduler as a gtest assertion or as a whole gtest test.
//
//   TEST(Queue, PushPop) { EXPECT_WEFT_CLEAN([] { ...spawn weft::threads... }); }
//   TEST(Queue, Many)    { ASSERT_WEFT_CLEAN(body, weft::options{.iterations = 50'000}); }
//   WEFT_TEST(Queue, Handoff) { ...spawn weft::threads... }
//
// A finding fails the test with its kind, message, locations, the
// interleaving around the steps it is about, and a replay line:
//   replay: WEFT_REPLAY='42:w1-c' ./queue_test --gtest_filter=Queue.PushPop
// With WEFT_REPLAY set, the check at that source line runs that one schedule
// (weft::replay) instead of exploring. Everything else is plain gtest:
// --gtest_filter, --gtest_repeat (each repeat explores the same seed) and
// --gtest_output=xml behave as for any other test. Link weft::gtest.
#pragma once

#include <gtest/gtest.h>

#include <functional>

#include "weft/check.hpp"
#include "weft/detail/location.hpp"

namespace weft::gtest {

/// Checks `body` (weft::check, or weft::replay under WEFT_REPLAY) and
/// returns success, or a failure whose message explains the first finding.
::testing::AssertionResult clean(const std::function<void()>& body, const options& opts = {},
                                 detail::location where = detail::location::current());  // not std::source_location: clang 14 has none

}  // namespace weft::gtest

// The assertion macros take the body and optional options as macro
// arguments (__VA_ARGS__), so a lambda with commas needs no parentheses.
#define WEFT_GTEST_CHECK_(on_failure, ...)                                                        \
  switch (0)                                                                                     \
  case 0:                                                                                        \
  default:                                                                                       \
    if (const ::testing::AssertionResult weft_gtest_verdict_ = ::weft::gtest::clean(__VA_ARGS__)) \
      ;                                                                                          \
    else                                                                                         \
      on_failure << weft_gtest_verdict_.message()

/// A finding in `body` is a non-fatal failure; the test goes on.
#define EXPECT_WEFT_CLEAN(...) WEFT_GTEST_CHECK_(ADD_FAILURE(), __VA_ARGS__)
/// A finding in `body` is a fatal failure: the test function returns.
#define ASSERT_WEFT_CLEAN(...) WEFT_GTEST_CHECK_(GTEST_FAIL(), __VA_ARGS__)

/// A gtest test Suite.Name whose body runs under the controlled scheduler
/// with the default options.
#define WEFT_TEST(suite, name)                                    \
  static void weft_gtest_body_##suite##_##name();                 \
  TEST(suite, name) { ASSERT_WEFT_CLEAN(weft_gtest_body_##suite##_##name); } \
  static void weft_gtest_body_##suite##_##name()
