// limiter_suites.cpp — the limiter family under Relacy (a Relacy translation
// unit: weft headers first, then suite.hpp).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <vector>

#include "weft/scenarios/limiter.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::limiter_params;
// The controlled scheduler's parameters (weft's registry, scenarios/limiter.cpp).
constexpr limiter_params three_at_three{.requests = 3, .rate = 3};
constexpr limiter_params three_at_one{.requests = 3, .rate = 1, .capacity = 1};

/// One thread per request.
template <template <class> class Scenario, limiter_params P>
entry limiter_entry(const char* name) {
  return suite_entry<Scenario, P, P.requests>(name);
}

}  // namespace

void add_limiter_suites(std::vector<entry>& out) {
  out.push_back(limiter_entry<scenarios::limiter_rate_limiter_read_await_write, three_at_three>(
      "limiter/rate_limiter_read_await_write"));
  out.push_back(limiter_entry<scenarios::limiter_token_bucket, three_at_one>("limiter/token_bucket"));
}

}  // namespace weft::relacy_program
