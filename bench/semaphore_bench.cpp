// bench/semaphore_bench.cpp — the correct semaphore model on weft::std_sync.
//
//   semaphore/connection_pool   limited_resource (000 §2.2): `with semaphore:
//                               use()` on a semaphore of permits = 2, the seed's
//                               count. Every thread enters ops_per_thread times;
//                               use() only counts the holders (the seed holds
//                               the resource 2 s: real time would measure the
//                               sleep). threads:1 and 2 never wait for a permit;
//                               threads:4 does. An operation is one
//                               acquire/use/release. Check: never more holders
//                               than permits, none left inside.
#include <cstddef>
#include <string>

#include "round.hpp"
#include "weft/models/semaphore.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

constexpr std::ptrdiff_t permits = 2;

struct connection_pool_round {
  using sync = std_sync;
  explicit connection_pool_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t) {
    std::size_t too_many = 0;
    for (std::size_t k = 0; k < ops_per_thread; ++k) {
      resource.access([&] {
        if (holders.fetch_add(1, std::memory_order_relaxed) + 1 > permits) ++too_many;
        holders.fetch_sub(1, std::memory_order_relaxed);
      });
    }
    over_permits.fetch_add(too_many);
  }
  std::string check() const {
    if (over_permits.load() == 0 && holders.load() == 0) return {};
    return std::to_string(over_permits.load()) + " entries found more holders than the " +
           std::to_string(permits) + " permits; " + std::to_string(holders.load()) + " left inside";
  }
  std::size_t operations() const { return threads * ops_per_thread; }

  std::size_t threads;
  models::limited_resource<sync> resource{permits};
  sync::atomic<std::ptrdiff_t> holders{0};
  sync::atomic<std::size_t> over_permits{0};
};

[[maybe_unused]] const bool semaphore_registered = [] {
  register_round<connection_pool_round>("semaphore/connection_pool");
  return true;
}();

}  // namespace
}  // namespace weft::bench
