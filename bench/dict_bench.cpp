// bench/dict_bench.cpp — the correct thread-safe dictionaries on weft::std_sync.
//
//   dict/locked_dict        models::locked_dict (004 §16.9 ex. 1 ThreadSafeDict):
//                           a std::map, every operation under one mutex
//   cache/thread_safe_dict  models::thread_safe_dict (002 §5.2.04 ThreadSafeDict,
//                           weft/models/cache.hpp): an insertion-ordered vector
//                           under one recursive mutex, with an access count —
//                           the correct half of cache/cache_evict_check_then_act,
//                           whose cache on top of it is not correct
//
// The scenario's workload (scenarios/include/weft/scenarios/dict.hpp), longer:
// every thread performs dict_steps steps over its own own_keys keys in turn:
// set the key, get it back, delete it on odd steps, then set the shared key.
// An operation is one get/set/delete. Check: every thread read back its own
// write and every delete found its key; the final contents are the sequential
// effect (each own key present with its last value or deleted, nothing else),
// and the shared key holds some thread's last write.
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "round.hpp"
#include "weft/models/cache.hpp"
#include "weft/models/dict.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

constexpr std::size_t dict_steps = 25'000;  // per thread; 3.5 operations each
constexpr std::size_t own_keys = 64;        // per thread
constexpr int shared_key = -1;

int own_key(std::size_t i, std::size_t k) { return static_cast<int>(1000 * (i + 1) + k % own_keys); }
long value(std::size_t i, std::size_t k) { return static_cast<long>(10'000'000 * (i + 1) + k); }

struct locked_dict_adapter {
  models::locked_dict<std_sync> dict;
  std::optional<long> get(int key) { return dict.get(key); }
  void set(int key, long v) { dict.set(key, v); }
  bool erase(int key) { return dict.erase(key); }
  std::map<int, long> snapshot() { return dict.snapshot(); }
};

struct thread_safe_dict_adapter {
  models::thread_safe_dict<std_sync> dict;
  std::optional<long> get(int key) { return dict.get(key); }
  void set(int key, long v) { dict.set(key, v); }
  bool erase(int key) { return dict.erase(key); }
  std::map<int, long> snapshot() {
    std::map<int, long> out;
    for (int key : dict.keys()) out[key] = dict.get(key).value_or(0);
    return out;
  }
};

template <class Dict>
struct dict_round {
  using sync = std_sync;
  explicit dict_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t i) {
    std::size_t wrong = 0;
    for (std::size_t k = 0; k < dict_steps; ++k) {
      const int key = own_key(i, k);
      dict.set(key, value(i, k));
      if (dict.get(key) != value(i, k)) ++wrong;
      if (k % 2 == 1 && !dict.erase(key)) ++wrong;
      dict.set(shared_key, value(i, k));
    }
    not_sequential.fetch_add(wrong);
  }
  std::string check() {
    if (not_sequential.load() != 0) {
      return std::to_string(not_sequential.load()) + " reads of an own key or deletes went wrong";
    }
    std::map<int, long> final = dict.snapshot();
    const auto shared = final.find(shared_key);
    bool last_of_some_thread = false;
    for (std::size_t i = 0; i < threads && shared != final.end(); ++i) {
      last_of_some_thread |= shared->second == value(i, dict_steps - 1);
    }
    if (!last_of_some_thread) return "the shared key does not hold a thread's last write";
    final.erase(shared_key);
    std::map<int, long> expected;
    for (std::size_t i = 0; i < threads; ++i) {
      for (std::size_t k = dict_steps > own_keys ? dict_steps - own_keys : 0; k < dict_steps; ++k) {
        if (k % 2 == 0) expected[own_key(i, k)] = value(i, k);  // the last step on each key
      }
    }
    if (final != expected) return "final contents are not the sequential effect";
    return {};
  }
  std::size_t operations() const { return threads * (3 * dict_steps + dict_steps / 2); }

  std::size_t threads;
  Dict dict;
  sync::atomic<std::size_t> not_sequential{0};
};

[[maybe_unused]] const bool dict_registered = [] {
  register_round<dict_round<locked_dict_adapter>>("dict/locked_dict");
  register_round<dict_round<thread_safe_dict_adapter>>("cache/thread_safe_dict");
  return true;
}();

}  // namespace
}  // namespace weft::bench
