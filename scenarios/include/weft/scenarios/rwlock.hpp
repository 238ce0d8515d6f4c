// weft/scenarios/rwlock.hpp — the rwlock family's scenario templates (shape of
// weft/scenario_shape.hpp): readers and writers on a table guarded by a
// readers-writer lock, and the seed's cache with statistics under a read lock.
#pragma once

#include <cstddef>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/rwlock.hpp"

namespace weft::scenarios {

/// The seed's workload (002 §5.4.03): 8 readers x 50 reads, 2 writers x 20
/// writes, over 10 keys. Threads [0, readers) read, the rest write.
struct rwlock_params {
  std::size_t readers = 8;
  std::size_t writers = 2;
  std::size_t reads = 50;   // per reader
  std::size_t writes = 20;  // per writer
  std::size_t keys = 10;
};

/// Readers read table[k] under the read lock, writers increment table[k]
/// under the write lock. Properties: no reader while a writer holds the lock,
/// at most one writer, and no write lost (the table sums to writers x writes).
template <class Sync, template <class> class RwLock>
struct rw_table {
  using params = rwlock_params;
  explicit rw_table(const params& p) : p_(p), table_(p.keys == 0 ? 1 : p.keys) {}
  std::size_t thread_count() const { return p_.readers + p_.writers; }

  void thread(std::size_t i) {
    if (i < p_.readers) {
      for (std::size_t k = 0; k < p_.reads; ++k) read((i + k) % table_.size());
    } else {
      for (std::size_t k = 0; k < p_.writes; ++k) write((i + k) % table_.size());
    }
  }

  void check() {
    long total = 0;
    for (const auto& cell : table_) total += cell.load();
    WEFT_ASSERT(total == static_cast<long>(p_.writers * p_.writes), "a write was lost");
  }

 private:
  void read(std::size_t key) {
    models::read_guard guard(lock_);
    readers_inside_.fetch_add(1);
    WEFT_ASSERT(writers_inside_.load() == 0, "a reader is inside while a writer holds the lock");
    (void)table_[key].load();
    readers_inside_.fetch_sub(1);
  }
  void write(std::size_t key) {
    models::write_guard guard(lock_);
    const int writers = writers_inside_.fetch_add(1) + 1;
    WEFT_ASSERT(writers == 1, "two writers hold the lock");
    WEFT_ASSERT(readers_inside_.load() == 0, "a writer holds the lock while a reader is inside");
    table_[key].store(table_[key].load() + 1);
    writers_inside_.fetch_sub(1);
  }

  params p_;
  RwLock<Sync> lock_;
  std::vector<typename Sync::template var<long>> table_;
  typename Sync::template atomic<int> readers_inside_{0};
  typename Sync::template atomic<int> writers_inside_{0};
};

template <class Sync>
using rwlock_seed_two_conditions = rw_table<Sync, models::seed_rwlock>;
template <class Sync>
using rwlock_reader_preferring = rw_table<Sync, models::reader_preferring_rwlock>;
template <class Sync>
using rwlock_writer_preferring = rw_table<Sync, models::writer_preferring_rwlock>;
template <class Sync>
using rwlock_std_shared_mutex = rw_table<Sync, models::shared_mutex_rwlock>;

/// The seed's test_read_write_lock on ThreadSafeCache (behind a correct
/// shared_mutex, so that the only bug left is the statistics under the read
/// lock): pre-filled with `keys` keys; readers get(), writers set().
/// Properties: every get hits (keys are only overwritten), and the statistics
/// count every read and write.
template <class Sync>
struct rwlock_cache_stats_under_read_lock {
  using params = rwlock_params;
  explicit rwlock_cache_stats_under_read_lock(const params& p) : p_(p), keys_(p.keys == 0 ? 1 : p.keys), cache_(keys_) {}
  std::size_t thread_count() const { return p_.readers + p_.writers; }

  void thread(std::size_t i) {
    if (i < p_.readers) {
      for (std::size_t k = 0; k < p_.reads; ++k) {
        WEFT_ASSERT(cache_.get(k % keys_).has_value(), "a pre-filled key went missing");
      }
    } else {
      for (std::size_t k = 0; k < p_.writes; ++k) {
        cache_.set(k % keys_, static_cast<long>(i * 1000 + k));
      }
    }
  }

  void check() {
    const auto stats = cache_.get_stats();
    WEFT_ASSERT(stats.reads == static_cast<long>(p_.readers * p_.reads), "a read was not counted");
    WEFT_ASSERT(stats.hits == stats.reads && stats.misses == 0, "hits and misses do not add up");
    WEFT_ASSERT(stats.writes == static_cast<long>(p_.writers * p_.writes), "a write was not counted");
    WEFT_ASSERT(cache_.size() == keys_, "the cache changed size");
  }

 private:
  params p_;
  std::size_t keys_;
  models::rwlock_cache<Sync> cache_;
};

}  // namespace weft::scenarios
