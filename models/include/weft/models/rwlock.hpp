// weft/models/rwlock.hpp — readers-writer locks and the seed's read-locked cache.
//
// Seed: 002 §5.4.03 "读写锁(Read-Write Lock)实现" (ReadWriteLock at L8508 and
// ThreadSafeCache). Every lock here has the seed's interface:
// acquire_read/release_read/acquire_write/release_write, plus RAII guards.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

namespace weft::models {

/// BUG (002 §5.4.03 ReadWriteLock, L8508): readers wait on one condition
/// (over its own lock), writers on another (over a second lock), yet both
/// read and write the same _readers/_writers counts. Two bugs follow:
///  - a reader checks `writers == 0` under the read lock while a writer
///    checks `readers == 0` under the write lock; both pass and a reader and
///    a writer are inside together (and the counts are a data race);
///  - release_read() notifies only the readers' condition, so a writer
///    waiting for `readers == 0` is never woken when the last reader leaves
///    (a lost wakeup; only another writer's release_write() wakes it).
/// The seed's Conditions are built over RLocks that are never re-entered,
/// so plain mutexes here; its unused `_readers_lock` is left out.
template <class Sync>
class seed_rwlock {
 public:
  void acquire_read() {
    std::unique_lock lock(read_mutex_);
    while (writers_.load() > 0) read_ready_.wait(lock);
    readers_.store(readers_.load() + 1);
  }
  void release_read() {
    std::unique_lock lock(read_mutex_);
    readers_.store(readers_.load() - 1);
    if (readers_.load() == 0) read_ready_.notify_all();
  }
  void acquire_write() {
    std::unique_lock lock(write_mutex_);
    while (writers_.load() > 0 || readers_.load() > 0) write_ready_.wait(lock);
    writers_.store(1);
  }
  void release_write() {
    std::unique_lock lock(write_mutex_);
    writers_.store(0);
    write_ready_.notify_all();
    std::lock_guard read_lock(read_mutex_);
    read_ready_.notify_all();
  }

 private:
  typename Sync::mutex read_mutex_;
  typename Sync::condition_variable read_ready_;
  typename Sync::mutex write_mutex_;
  typename Sync::condition_variable write_ready_;
  typename Sync::template var<int> readers_{0};
  typename Sync::template var<int> writers_{0};
};

/// Correct (classic): one mutex, one condition. Readers enter unless a writer
/// is inside; a writer waits for no writer and no reader. Writers can starve
/// while readers keep overlapping.
template <class Sync>
class reader_preferring_rwlock {
 public:
  void acquire_read() {
    std::unique_lock lock(mutex_);
    while (writer_.load()) changed_.wait(lock);
    readers_.store(readers_.load() + 1);
  }
  void release_read() {
    std::unique_lock lock(mutex_);
    readers_.store(readers_.load() - 1);
    if (readers_.load() == 0) changed_.notify_all();
  }
  void acquire_write() {
    std::unique_lock lock(mutex_);
    while (writer_.load() || readers_.load() > 0) changed_.wait(lock);
    writer_.store(true);
  }
  void release_write() {
    std::unique_lock lock(mutex_);
    writer_.store(false);
    changed_.notify_all();
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::condition_variable changed_;
  typename Sync::template var<int> readers_{0};
  typename Sync::template var<bool> writer_{false};
};

/// Correct (classic): a waiting writer blocks new readers, so writers do not
/// starve. Readers and writers wait on separate conditions over one mutex.
template <class Sync>
class writer_preferring_rwlock {
 public:
  void acquire_read() {
    std::unique_lock lock(mutex_);
    while (writer_.load() || waiting_writers_.load() > 0) readers_ok_.wait(lock);
    readers_.store(readers_.load() + 1);
  }
  void release_read() {
    std::unique_lock lock(mutex_);
    readers_.store(readers_.load() - 1);
    if (readers_.load() == 0 && waiting_writers_.load() > 0) writer_ok_.notify_one();
  }
  void acquire_write() {
    std::unique_lock lock(mutex_);
    waiting_writers_.store(waiting_writers_.load() + 1);
    while (writer_.load() || readers_.load() > 0) writer_ok_.wait(lock);
    waiting_writers_.store(waiting_writers_.load() - 1);
    writer_.store(true);
  }
  void release_write() {
    std::unique_lock lock(mutex_);
    writer_.store(false);
    if (waiting_writers_.load() > 0) {
      writer_ok_.notify_one();
    } else {
      readers_ok_.notify_all();
    }
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::condition_variable readers_ok_;
  typename Sync::condition_variable writer_ok_;
  typename Sync::template var<int> readers_{0};
  typename Sync::template var<int> waiting_writers_{0};
  typename Sync::template var<bool> writer_{false};
};

/// Correct: the policy's shared_mutex behind the seed's interface.
template <class Sync>
class shared_mutex_rwlock {
 public:
  void acquire_read() { mutex_.lock_shared(); }
  void release_read() { mutex_.unlock_shared(); }
  void acquire_write() { mutex_.lock(); }
  void release_write() { mutex_.unlock(); }

 private:
  typename Sync::shared_mutex mutex_;
};

/// The seed's reader_lock()/writer_lock() context managers.
template <class RwLock>
class read_guard {
 public:
  explicit read_guard(RwLock& l) : lock_(l) { lock_.acquire_read(); }
  ~read_guard() { lock_.release_read(); }
  read_guard(const read_guard&) = delete;
  read_guard& operator=(const read_guard&) = delete;

 private:
  RwLock& lock_;
};

template <class RwLock>
class write_guard {
 public:
  explicit write_guard(RwLock& l) : lock_(l) { lock_.acquire_write(); }
  ~write_guard() { lock_.release_write(); }
  write_guard(const write_guard&) = delete;
  write_guard& operator=(const write_guard&) = delete;

 private:
  RwLock& lock_;
};

/// BUG (002 §5.4.03 ThreadSafeCache): get() holds only the read lock, which
/// many readers share, yet increments the statistics (reads, hits, misses):
/// concurrent readers race on them and lose counts. Keys "key_i" are the
/// integers i; values are longs. RwLock is any lock of this header.
template <class Sync, template <class> class RwLock = shared_mutex_rwlock>
class rwlock_cache {
 public:
  struct stats {
    long reads = 0;
    long writes = 0;
    long hits = 0;
    long misses = 0;
  };

  /// The seed pre-fills keys 0..prefill-1 before any thread starts; done here
  /// without the lock, as nothing runs concurrently with construction.
  explicit rwlock_cache(std::size_t prefill = 0) : cache_(prefilled(prefill)) {}

  std::optional<long> get(std::size_t key) {
    read_guard guard(lock_);
    stats_.write().reads += 1;  // BUG: a write under a shared (read) lock
    const auto& cache = cache_.read();
    if (auto it = cache.find(key); it != cache.end()) {
      stats_.write().hits += 1;
      return it->second;
    }
    stats_.write().misses += 1;
    return std::nullopt;
  }
  void set(std::size_t key, long value) {
    write_guard guard(lock_);
    stats_.write().writes += 1;
    cache_.write()[key] = value;
  }
  bool erase(std::size_t key) {
    write_guard guard(lock_);
    return cache_.write().erase(key) > 0;
  }
  std::size_t size() {
    read_guard guard(lock_);
    return cache_.read().size();
  }
  stats get_stats() {
    read_guard guard(lock_);
    return stats_.load();
  }

 private:
  static std::map<std::size_t, long> prefilled(std::size_t keys) {
    std::map<std::size_t, long> initial;
    for (std::size_t k = 0; k < keys; ++k) initial[k] = static_cast<long>(k);
    return initial;
  }

  RwLock<Sync> lock_;
  typename Sync::template var<std::map<std::size_t, long>> cache_;
  typename Sync::template var<stats> stats_;
};

}  // namespace weft::models
