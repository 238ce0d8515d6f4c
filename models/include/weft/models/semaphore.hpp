// weft/models/semaphore.hpp — semaphores guarding a limited resource: the
// seeds' Semaphore(2) resource, 004's ConnectionPool (with its shared-slot
// bug) and a pool that releases a permit it never acquired.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <vector>

namespace weft::models {

/// The largest permit count a model semaphore is built for.
inline constexpr std::ptrdiff_t max_permits = 64;

/// Correct (000 §2.2 "使用Semaphore信号量"): `with semaphore: use()`, at most
/// `permits` threads inside at once (the seed: 2 permits, 5 threads, 2 s each).
template <class Sync>
class limited_resource {
 public:
  explicit limited_resource(std::ptrdiff_t permits = 2) : semaphore_(permits) {}
  template <class Use>
  void access(Use&& use) {
    semaphore_.acquire();
    use();
    semaphore_.release();
  }

 private:
  typename Sync::template counting_semaphore<max_permits> semaphore_;
};

/// BUG (004 §16.2.2 "Semaphore(信号量)", ConnectionPool): acquire() and
/// release() are correct, but the context manager keeps the acquired
/// connection on the pool object itself (`self._conn = self.acquire()`), a
/// slot every thread shares. Two threads inside `with pool as conn` overwrite
/// each other's slot: the first to leave releases the second's connection,
/// the name `Connection-{len}` is then handed out again while its first
/// holder still uses it (one connection, two holders), and the second exit
/// releases a connection no longer in the list — Python's ValueError, which
/// also skips the semaphore release. Connections are numbered, not named.
/// `_conn` is an attribute assigned whole under the GIL: an atomic here, so
/// the bug shows as the atomicity violation it is, not as a data race.
template <class Sync>
class shared_slot_connection_pool {
 public:
  explicit shared_slot_connection_pool(std::ptrdiff_t max_connections = 3)
      : semaphore_(max_connections) {}

  int acquire() {
    semaphore_.acquire();
    std::lock_guard lock(mutex_);
    const int conn = static_cast<int>(connections_.read().size());  // f"Connection-{len(...)}"
    connections_.write().push_back(conn);
    return conn;
  }
  /// False where Python's list.remove raises ValueError (the permit is then not released).
  bool release(int conn) {
    {
      std::lock_guard lock(mutex_);
      auto& list = connections_.write();
      const auto it = std::find(list.begin(), list.end(), conn);
      if (it == list.end()) return false;
      list.erase(it);
    }
    semaphore_.release();
    return true;
  }

  /// __enter__: BUG, the connection goes to the shared slot.
  int enter() {
    conn_.store(acquire());
    return conn_.load();
  }
  /// __exit__: releases whatever the shared slot holds now.
  bool exit() { return release(conn_.load()); }

 private:
  typename Sync::template counting_semaphore<max_permits> semaphore_;
  typename Sync::mutex mutex_;
  typename Sync::template var<std::vector<int>> connections_;
  typename Sync::template atomic<int> conn_{-1};
};

/// BUG (classic; no seed): a worker waits for a permit with a timeout and
/// releases it in a `finally` whether or not it got one. A worker that timed
/// out gives back a permit it never took; when the holders release theirs the
/// count rises beyond the semaphore's maximum (Permits): misuse, undefined
/// behaviour for std::counting_semaphore. `available()` shadows the count
/// so that a scenario can assert on it too.
template <class Sync, std::ptrdiff_t Permits = 1>
class timeout_release_pool {
 public:
  template <class Rep, class Period, class Use>
  void use(std::chrono::duration<Rep, Period> timeout, Use&& use) {
    const bool acquired = semaphore_.try_acquire_for(timeout);
    if (acquired) {
      available_.fetch_sub(1);
      use();
    }
    available_.fetch_add(1);  // finally: release() — also when acquire timed out
    semaphore_.release();
  }
  std::ptrdiff_t available() const { return available_.load(); }
  static constexpr std::ptrdiff_t permits() { return Permits; }

 private:
  typename Sync::template counting_semaphore<Permits> semaphore_{Permits};
  typename Sync::template atomic<std::ptrdiff_t> available_{Permits};
};

}  // namespace weft::models
