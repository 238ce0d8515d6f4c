// weft/models/limiter.hpp — request rate limiters from the asyncio chapters:
// 002's RateLimitedClient (read the last request time, await, write it) and
// 004's TokenBucket / ThrottledClient. Coroutines are threads taking turns on
// an asyncio_loop; time is Sync::now() and sleeps are Sync sleeps, so both are
// logical under the controlled scheduler.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

#include "weft/models/asyncio_loop.hpp"
#include "weft/sync_policy.hpp"

namespace weft::models {

using seconds_d = std::chrono::duration<double>;

/// A non-negative double duration rounded up to whole nanoseconds, at least 1 ns
/// when positive (a zero sleep would not advance logical time).
inline std::chrono::nanoseconds ceil_ns(seconds_d d) {
  if (d <= seconds_d::zero()) return std::chrono::nanoseconds::zero();
  return std::max(std::chrono::ceil<std::chrono::nanoseconds>(d), std::chrono::nanoseconds(1));
}

/// BUG (002 §7.1 "05.异步网络编程", test_rate_limiting, L14398):
/// make_request() reads last_request_time, awaits the remaining interval and
/// only then writes the new time. Every request that read the same old time
/// sleeps the same amount and all of them go out together: more than one
/// request per 1/requests_per_second interval. The seed: 3 requests/s, 8
/// requests gathered at once. grants() is the time each request went out.
template <class Sync>
class rate_limited_client {
 public:
  explicit rate_limited_client(asyncio_loop<Sync>& loop, double requests_per_second = 3)
      : loop_(loop), requests_per_second_(requests_per_second) {}

  /// One coroutine: `await client.make_request(url)`.
  void make_request() {
    auto turn = loop_.enter();
    const time_point current_time = Sync::now();
    const auto time_since_last = current_time - last_request_time_.load();
    const seconds_d min_interval = min_interval_s();
    if (time_since_last < min_interval) {
      const seconds_d sleep_time = min_interval - time_since_last;
      asyncio_loop<Sync>::sleep(turn, ceil_ns(sleep_time));
    }
    last_request_time_.store(Sync::now());
    grants_.write().push_back(last_request_time_.load());
    asyncio_loop<Sync>::sleep(turn, std::chrono::milliseconds(100));  // the request itself
  }

  seconds_d min_interval_s() const { return seconds_d(1.0 / requests_per_second_); }
  /// Only after every request returned.
  std::vector<time_point> grants() const { return grants_.load(); }

 private:
  asyncio_loop<Sync>& loop_;
  const double requests_per_second_;
  typename Sync::template var<time_point> last_request_time_{};  // 0: "long ago"
  typename Sync::template var<std::vector<time_point>> grants_;
};

/// Correct (004 §16.5.2 "限流与背压", TokenBucket + ThrottledClient; 3/s,
/// capacity 6, 10 requests): refill and take happen under one asyncio.Lock,
/// so in any window of length T at most capacity + rate·T tokens are granted.
template <class Sync>
class token_bucket {
 public:
  using turn = typename asyncio_loop<Sync>::turn;
  token_bucket(double rate, double capacity)
      : rate_(rate), capacity_(capacity), tokens_(capacity), last_refill_(Sync::now()) {}

  bool acquire(turn& t, double tokens = 1) {
    lock_.acquire(t);  // async with self._lock
    const time_point now = Sync::now();
    const double elapsed = seconds_d(now - last_refill_.load()).count();
    tokens_.store(std::min(capacity_, tokens_.load() + elapsed * rate_));
    last_refill_.store(now);
    bool granted = false;
    if (tokens_.load() >= tokens) {
      tokens_.store(tokens_.load() - tokens);
      grants_.write().push_back(now);
      granted = true;
    }
    lock_.release(t);
    return granted;
  }
  void wait_and_acquire(turn& t, double tokens = 1) {
    for (;;) {
      if (acquire(t, tokens)) return;
      const double wait_time = (tokens - tokens_.load()) / rate_;
      asyncio_loop<Sync>::sleep(t, ceil_ns(seconds_d(wait_time)));
    }
  }
  double rate() const { return rate_; }
  double capacity() const { return capacity_; }
  /// Only after every request returned: the time of each grant.
  std::vector<time_point> grants() const { return grants_.load(); }

 private:
  const double rate_;
  const double capacity_;
  typename Sync::template var<double> tokens_;
  typename Sync::template var<time_point> last_refill_;
  asyncio_lock<Sync> lock_;
  typename Sync::template var<std::vector<time_point>> grants_;
};

/// 004 §16.5.2 ThrottledClient: rate = requests_per_second, capacity twice that.
template <class Sync>
class throttled_client {
 public:
  throttled_client(asyncio_loop<Sync>& loop, double requests_per_second = 3)
      : loop_(loop), bucket_(requests_per_second, requests_per_second * 2) {}
  throttled_client(asyncio_loop<Sync>& loop, double rate, double capacity)
      : loop_(loop), bucket_(rate, capacity) {}

  /// One coroutine: `await client.request(url)`; returns the response number.
  long request() {
    auto turn = loop_.enter();
    bucket_.wait_and_acquire(turn);
    request_count_.store(request_count_.load() + 1);
    asyncio_loop<Sync>::sleep(turn, std::chrono::milliseconds(100));
    return request_count_.load();
  }
  const token_bucket<Sync>& bucket() const { return bucket_; }

 private:
  asyncio_loop<Sync>& loop_;
  token_bucket<Sync> bucket_;
  typename Sync::template var<long> request_count_{0};
};

}  // namespace weft::models
