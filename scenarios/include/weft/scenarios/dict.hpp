// weft/scenarios/dict.hpp — the dict family's scenario template (shape of
// weft/scenario_shape.hpp): 004's ThreadSafeDict under concurrent get/set/delete.
#pragma once

#include <cstddef>
#include <map>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/dict.hpp"

namespace weft::scenarios {

struct dict_params {
  std::size_t threads = 3;
  std::size_t operations = 3;  // per thread: set own key, read it back, delete every other one, set the shared key
};

/// 004 §16.9 ex. 1: each thread's own keys behave as in a sequential map
/// (reads see its writes, deletes succeed), and the final contents are the
/// sequential effect: every own key set and not deleted, nothing else, and
/// the shared key holding the last value some thread wrote to it.
/// (A linearizability check of whole histories may replace this later.)
template <class Sync>
struct dict_locked_dict {
  using params = dict_params;
  static constexpr int shared_key = -1;
  explicit dict_locked_dict(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t i) {
    for (std::size_t k = 0; k < p_.operations; ++k) {
      const int key = own_key(i, k);
      dict_.set(key, value(i, k));
      WEFT_ASSERT(dict_.get(key) == value(i, k), "a thread did not read back its own write");
      if (k % 2 == 1) WEFT_ASSERT(dict_.erase(key), "deleting a present key failed");
      dict_.set(shared_key, value(i, k));
    }
  }
  void check() {
    const std::map<int, long> final = dict_.snapshot();
    std::map<int, long> expected;
    for (std::size_t i = 0; i < p_.threads; ++i)
      for (std::size_t k = 0; k < p_.operations; k += 2) expected[own_key(i, k)] = value(i, k);
    std::map<int, long> own = final;
    own.erase(shared_key);
    WEFT_ASSERT(own == expected, "final contents are not the sequential effect");
    if (p_.threads == 0 || p_.operations == 0) return;
    bool last_of_some_thread = false;
    const auto it = final.find(shared_key);
    for (std::size_t i = 0; i < p_.threads && it != final.end(); ++i)
      last_of_some_thread |= it->second == value(i, p_.operations - 1);
    WEFT_ASSERT(last_of_some_thread, "the shared key does not hold a thread's last write");
  }

 private:
  static int own_key(std::size_t i, std::size_t k) { return static_cast<int>(1000 * (i + 1) + k); }
  static long value(std::size_t i, std::size_t k) { return static_cast<long>(100 * (i + 1) + k); }

  params p_;
  models::locked_dict<Sync> dict_;
};

}  // namespace weft::scenarios
