// bench/rwlock_bench.cpp — the correct readers-writer locks on weft::std_sync,
// against each other and against std::shared_mutex.
//
// Every benchmark reads and writes a table of 10 rows (the seed's 10 keys,
// 002 §5.4.03) through one of the locks of weft/models/rwlock.hpp:
//
//   rwlock/reader_preferring    one mutex + one condvar (writers can starve)
//   rwlock/writer_preferring    a waiting writer blocks new readers
//   rwlock/std_shared_mutex     the policy's shared_mutex, i.e. std::shared_mutex
//
// A read takes the read lock and reads both halves of a row; a write takes the
// write lock and increments both halves, one after the other. Checks: no
// reader ever saw a row whose halves differ (a writer inside with a reader),
// and no write was lost (every half sums to the number of writes: a second
// writer inside at the same time). A read and a write are one operation each.
//
//   rwlock/<lock>/threads:N                 N threads, each performing
//       rw_ops_per_thread operations over the rows in turn, every tenth a
//       write (the seed's mix is 400 reads to 40 writes);
//   rwlock/<lock>/mix_8r2w/threads:10       the seed's mix itself, scaled up:
//       8 readers x 50·S reads and 2 writers x 20·S writes, S = mix_scale.
//       The same fixture for every lock, so the std_shared_mutex line is the
//       reference the other two compare against.
#include <cstddef>
#include <string>
#include <vector>

#include "round.hpp"
#include "weft/models/rwlock.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

using models::reader_preferring_rwlock;
using models::shared_mutex_rwlock;
using models::writer_preferring_rwlock;

constexpr std::size_t keys = 10;
/// Operations per thread of the 1/2/4-thread benchmarks.
constexpr std::size_t rw_ops_per_thread = ops_per_thread;
/// The seed's 8 x 50 reads and 2 x 20 writes, times this.
constexpr std::size_t mix_scale = 1'000;
constexpr std::size_t mix_readers = 8;
constexpr std::size_t mix_writers = 2;
constexpr std::size_t mix_reads = 50 * mix_scale;   // per reader
constexpr std::size_t mix_writes = 20 * mix_scale;  // per writer

/// The table and the lock; the two workloads below drive it.
template <template <class> class RwLock>
struct rw_table {
  using sync = std_sync;
  struct row {
    long first = 0;
    long second = 0;
  };

  rw_table() : rows(keys) {}

  /// Returns 1 when the row was torn (a writer inside with this reader), else 0.
  std::size_t read(std::size_t key) {
    models::read_guard guard(lock);
    const row& r = rows[key].read();
    return r.first == r.second ? 0 : 1;
  }
  void write(std::size_t key) {
    models::write_guard guard(lock);
    row& r = rows[key].write();
    r.first = r.first + 1;
    benchmark::ClobberMemory();  // two separate stores, as a real update of two fields
    r.second = r.second + 1;
  }

  std::string check(std::size_t expected_writes) const {
    long first = 0, second = 0;
    for (const auto& cell : rows) {
      first += cell.read().first;
      second += cell.read().second;
    }
    const std::size_t seen_torn = torn.load();
    if (seen_torn == 0 && first == static_cast<long>(expected_writes) &&
        second == static_cast<long>(expected_writes)) {
      return {};
    }
    return std::to_string(seen_torn) + " reads saw a half-written row; writes counted " +
           std::to_string(first) + "/" + std::to_string(second) + ", expected " +
           std::to_string(expected_writes);
  }

  RwLock<sync> lock;
  std::vector<sync::var<row>> rows;
  sync::atomic<std::size_t> torn{0};
};

/// threads:N — every thread reads, and writes every tenth operation.
template <template <class> class RwLock>
struct mixed_round {
  using sync = std_sync;
  explicit mixed_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t i) {
    std::size_t torn = 0;
    for (std::size_t k = 0; k < rw_ops_per_thread; ++k) {
      if (k % 10 == 9) {
        table.write((i + k / 10) % keys);  // every row in turn
      } else {
        torn += table.read((i + k) % keys);
      }
    }
    table.torn.fetch_add(torn);
  }
  std::string check() const { return table.check(threads * (rw_ops_per_thread / 10)); }
  std::size_t operations() const { return threads * rw_ops_per_thread; }

  std::size_t threads;
  rw_table<RwLock> table;
};

/// mix_8r2w — threads [0, 8) read, threads 8 and 9 write (the seed's shape).
template <template <class> class RwLock>
struct mix_8r2w_round {
  using sync = std_sync;
  explicit mix_8r2w_round(std::size_t) {}
  std::size_t thread_count() const { return mix_readers + mix_writers; }
  void thread(std::size_t i) {
    if (i < mix_readers) {
      std::size_t torn = 0;
      for (std::size_t k = 0; k < mix_reads; ++k) torn += table.read((i + k) % keys);
      table.torn.fetch_add(torn);
    } else {
      for (std::size_t k = 0; k < mix_writes; ++k) table.write((i + k) % keys);
    }
  }
  std::string check() const { return table.check(mix_writers * mix_writes); }
  std::size_t operations() const { return mix_readers * mix_reads + mix_writers * mix_writes; }

  rw_table<RwLock> table;
};

template <template <class> class RwLock>
void register_lock(const std::string& name) {
  register_round<mixed_round<RwLock>>("rwlock/" + name);
  register_round_fixed<mix_8r2w_round<RwLock>>("rwlock/" + name + "/mix_8r2w",
                                               static_cast<int>(mix_readers + mix_writers));
}

[[maybe_unused]] const bool rwlock_registered = [] {
  register_lock<reader_preferring_rwlock>("reader_preferring");
  register_lock<writer_preferring_rwlock>("writer_preferring");
  register_lock<shared_mutex_rwlock>("std_shared_mutex");
  return true;
}();

}  // namespace
}  // namespace weft::bench
