// weft/scenarios/cache.hpp — the cache family's scenario template (shape of
// weft/scenario_shape.hpp): 002's ThreadSafeCache under readers and writers.
#pragma once

#include <cstddef>

#include "weft/assert.hpp"
#include "weft/models/cache.hpp"

namespace weft::scenarios {

struct cache_params {
  std::size_t readers = 3;
  std::size_t writers = 3;
  std::size_t reader_ops = 8;  // per reader: get user{k % keys}, put it on a miss
  std::size_t writer_ops = 4;  // per writer: put a fresh key
  std::size_t keys = 5;        // user1..user5
  std::size_t max_size = 5;
};

/// 002 §5.2.04 (L7013): the cache never holds more than max_size entries and
/// an eviction never deletes a key that is already gone.
template <class Sync>
struct cache_evict_check_then_act {
  using params = cache_params;
  explicit cache_evict_check_then_act(const params& p) : p_(p), cache_(p.max_size) {}
  std::size_t thread_count() const { return p_.readers + p_.writers; }
  void thread(std::size_t i) {
    if (i < p_.readers) {
      for (std::size_t k = 0; k < p_.reader_ops; ++k) {
        const int key = static_cast<int>(k % p_.keys);
        if (!cache_.get(key)) put(key, 1);  // "load from the database"
      }
      return;
    }
    for (std::size_t k = 0; k < p_.writer_ops; ++k) {
      put(static_cast<int>(1000 + 100 * i + k), static_cast<long>(k));
    }
  }
  void check() { WEFT_ASSERT(cache_.size() <= p_.max_size, "cache larger than max_size"); }

 private:
  void put(int key, long value) {
    WEFT_ASSERT(cache_.put(key, value), "KeyError: the evicted oldest key was already deleted");
    WEFT_ASSERT(cache_.size() <= p_.max_size, "cache larger than max_size");
  }

  params p_;
  models::thread_safe_cache<Sync> cache_;
};

}  // namespace weft::scenarios
