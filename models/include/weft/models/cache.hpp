// weft/models/cache.hpp — 002's ThreadSafeDict (every method under one
// re-entrant lock) and the ThreadSafeCache built on it, whose put() checks the
// size, evicts and inserts in three separate critical sections.
#pragma once

#include <cstddef>
#include <utility>
#include <mutex>
#include <optional>
#include <vector>

namespace weft::models {

/// Correct on its own (002 §5.2.04 "b.线程安全的字典实现", ThreadSafeDict): each
/// method holds the RLock; `access_count` counts accesses. Keys and values
/// are numbers here (the seed uses strings). Insertion order is kept, as a
/// Python dict keeps it, so that keys()[0] is the oldest key.
template <class Sync>
class thread_safe_dict {
 public:
  void set(int key, long value) {
    std::lock_guard lock(lock_);
    auto& entries = entries_.write();
    bool found = false;
    for (auto& e : entries) {
      if (e.first == key) {
        e.second = value;
        found = true;
      }
    }
    if (!found) entries.emplace_back(key, value);
    access_count_.store(access_count_.load() + 1);
  }
  std::optional<long> get(int key) {
    std::lock_guard lock(lock_);
    access_count_.store(access_count_.load() + 1);
    for (const auto& e : entries_.read())
      if (e.first == key) return e.second;
    return std::nullopt;
  }
  /// `del d[key]`: false where Python raises KeyError.
  bool erase(int key) {
    std::lock_guard lock(lock_);
    auto& entries = entries_.write();
    for (auto it = entries.begin(); it != entries.end(); ++it) {
      if (it->first == key) {
        entries.erase(it);
        access_count_.store(access_count_.load() + 1);
        return true;
      }
    }
    return false;
  }
  std::vector<int> keys() {
    std::lock_guard lock(lock_);
    access_count_.store(access_count_.load() + 1);
    std::vector<int> out;
    for (const auto& e : entries_.read()) out.push_back(e.first);
    return out;
  }
  std::size_t size() {
    std::lock_guard lock(lock_);
    return entries_.read().size();
  }

 private:
  typename Sync::recursive_mutex lock_;
  typename Sync::template var<std::vector<std::pair<int, long>>> entries_;
  typename Sync::template var<std::size_t> access_count_{0};
};

/// BUG (002 §5.2.04, ThreadSafeCache.put, L7013): "if size >= max_size: evict
/// keys()[0]" and "cache[key] = value" are separate critical sections. Two
/// puts both see room and both insert (size > max_size); two puts both see it
/// full and both delete the same oldest key — the second `del` raises
/// KeyError, reported here by put() returning false.
template <class Sync>
class thread_safe_cache {
 public:
  explicit thread_safe_cache(std::size_t max_size = 1000) : max_size_(max_size) {}

  std::optional<long> get(int key) {
    std::optional<long> value = cache_.get(key);
    std::lock_guard lock(stats_lock_);
    if (value) {
      hit_count_.store(hit_count_.load() + 1);
    } else {
      miss_count_.store(miss_count_.load() + 1);
    }
    return value;
  }
  /// False where the seed raises KeyError (the evicted key was already gone).
  bool put(int key, long value) {
    if (cache_.size() >= max_size_) {
      const std::vector<int> keys = cache_.keys();
      if (!keys.empty() && !cache_.erase(keys[0])) return false;
    }
    cache_.set(key, value);
    return true;
  }
  std::size_t size() { return cache_.size(); }
  std::size_t max_size() const { return max_size_; }

 private:
  thread_safe_dict<Sync> cache_;
  const std::size_t max_size_;
  typename Sync::mutex stats_lock_;
  typename Sync::template var<std::size_t> hit_count_{0};
  typename Sync::template var<std::size_t> miss_count_{0};
};

}  // namespace weft::models
