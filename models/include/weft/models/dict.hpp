// weft/models/dict.hpp — 004 §16.9 exercise 1: ThreadSafeDict, a dictionary
// whose get/set/delete each hold one threading.Lock.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>

namespace weft::models {

/// Correct (004 §16.9 基础题 1): every operation under one mutex, so the
/// operations are linearizable against a sequential map.
template <class Sync, class K = int, class V = long>
class locked_dict {
 public:
  std::optional<V> get(const K& key) {
    std::lock_guard lock(mutex_);
    const auto& map = map_.read();
    const auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    return it->second;
  }
  void set(const K& key, V value) {
    std::lock_guard lock(mutex_);
    map_.write()[key] = std::move(value);
  }
  /// delete: false where Python raises KeyError.
  bool erase(const K& key) {
    std::lock_guard lock(mutex_);
    return map_.write().erase(key) == 1;
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return map_.read().size();
  }
  std::map<K, V> snapshot() {
    std::lock_guard lock(mutex_);
    return map_.read();
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::template var<std::map<K, V>> map_;
};

}  // namespace weft::models
