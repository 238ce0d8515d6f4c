// weft/scenarios/limiter.hpp — the limiter family's scenario templates (shape
// of weft/scenario_shape.hpp): concurrent requests through a rate limiter,
// with the grant times checked afterwards (logical time under the checker).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/limiter.hpp"

namespace weft::scenarios {

struct limiter_params {
  std::size_t requests = 8;  // gathered at once, one thread each
  double rate = 3;           // requests (tokens) per second
  double capacity = 6;       // token bucket only
};

/// 002 §7.1.05 (L14398): any two requests go out at least 1/rate seconds apart.
template <class Sync>
struct limiter_rate_limiter_read_await_write {
  using params = limiter_params;
  explicit limiter_rate_limiter_read_await_write(const params& p) : p_(p), client_(loop_, p.rate) {}
  std::size_t thread_count() const { return p_.requests; }
  void thread(std::size_t) { client_.make_request(); }
  void check() {
    std::vector<time_point> grants = client_.grants();
    std::sort(grants.begin(), grants.end());
    for (std::size_t j = 1; j < grants.size(); ++j) {
      WEFT_ASSERT(grants[j] - grants[j - 1] >= client_.min_interval_s(),
                  "two requests within one 1/rate interval");
    }
  }

 private:
  params p_;
  models::asyncio_loop<Sync> loop_;
  models::rate_limited_client<Sync> client_;
};

/// 004 §16.5.2: in every window [t_i, t_j] between grants, the number of
/// grants is at most capacity + rate·(t_j − t_i).
template <class Sync>
struct limiter_token_bucket {
  using params = limiter_params;
  explicit limiter_token_bucket(const params& p) : p_(p), client_(loop_, p.rate, p.capacity) {}
  std::size_t thread_count() const { return p_.requests; }
  void thread(std::size_t) { client_.request(); }
  void check() {
    std::vector<time_point> grants = client_.bucket().grants();
    WEFT_ASSERT(grants.size() == p_.requests, "a request was not granted");
    std::sort(grants.begin(), grants.end());
    for (std::size_t i = 0; i < grants.size(); ++i) {
      for (std::size_t j = i; j < grants.size(); ++j) {
        const double window = models::seconds_d(grants[j] - grants[i]).count();
        WEFT_ASSERT(static_cast<double>(j - i + 1) <= p_.capacity + p_.rate * window + 1e-6,
                    "more grants in a window T than capacity + rate*T");
      }
    }
  }

 private:
  params p_;
  models::asyncio_loop<Sync> loop_;
  models::throttled_client<Sync> client_;
};

}  // namespace weft::scenarios
