// bench/limiter_bench.cpp — the correct rate limiter on weft::std_sync.
//
//   limiter/token_bucket   models::token_bucket (004 §16.5.2 TokenBucket): every
//                          thread is a coroutine on one asyncio_loop taking a
//                          token per request — refill and take under the
//                          bucket's asyncio.Lock. On std_sync the bucket runs on
//                          real time, so the rate is set far above what the
//                          threads can ask for (one token per ns, capacity 10):
//                          no request ever waits for a refill, and the benchmark
//                          measures the bucket's bookkeeping and the loop's
//                          turns, not the rate. Counter refused: requests that
//                          found the bucket empty and had to wait (expected 0).
//                          The seed's ThrottledClient (3/s, 100 ms per request)
//                          would only measure its sleeps and is not benchmarked.
//                          An operation is one granted request. Check: every
//                          request was granted once, and in every window
//                          [t_i, t_j] between grants at most
//                          capacity + rate·(t_j − t_i) were granted.
#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "round.hpp"
#include "weft/models/limiter.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

constexpr double rate = 1e9;  // tokens per second: one per nanosecond
constexpr double bucket_capacity = 10;

struct token_bucket_round {
  using sync = std_sync;
  explicit token_bucket_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t) {
    std::size_t my_refused = 0;
    for (std::size_t k = 0; k < ops_per_thread; ++k) {
      auto turn = loop.enter();
      // wait_and_acquire is acquire, then sleep and retry until granted: the
      // first acquire is made here so that a refusal can be counted.
      if (!bucket.acquire(turn)) {
        ++my_refused;
        bucket.wait_and_acquire(turn);
      }
    }
    refused.fetch_add(my_refused);
  }
  std::string check() const {
    std::vector<time_point> grants = bucket.grants();
    if (grants.size() != operations()) {
      return std::to_string(grants.size()) + " grants for " + std::to_string(operations()) + " requests";
    }
    std::sort(grants.begin(), grants.end());
    // For all i <= j: j - i + 1 <= capacity + rate·(t_j - t_i), i.e.
    // max over j >= i of (j - rate·t_j) <= capacity - 1 + i - rate·t_i (t from the first grant).
    const auto tokens_at = [&](std::size_t j) { return rate * models::seconds_d(grants[j] - grants[0]).count(); };
    double suffix_max = -1e300;
    for (std::size_t i = grants.size(); i-- > 0;) {
      suffix_max = std::max(suffix_max, static_cast<double>(i) - tokens_at(i));
      if (suffix_max > bucket_capacity - 1 + static_cast<double>(i) - tokens_at(i) + 1e-6) {
        return "more grants in a window T than capacity + rate*T, from grant " + std::to_string(i);
      }
    }
    return {};
  }
  std::size_t operations() const { return threads * ops_per_thread; }
  void add_counts(std::map<std::string, double>& counts) const {
    counts["refused"] += static_cast<double>(refused.load());
  }

  std::size_t threads;
  models::asyncio_loop<sync> loop;
  models::token_bucket<sync> bucket{rate, bucket_capacity};
  sync::atomic<std::size_t> refused{0};
};

[[maybe_unused]] const bool limiter_registered = [] {
  register_round<token_bucket_round>("limiter/token_bucket");
  return true;
}();

}  // namespace
}  // namespace weft::bench
