// weft/models/deadlock.hpp — lock orderings: AB/BA and cycles, the seed's lock
// order manager and timeout lock, try-lock back-off, dining philosophers and
// self-relock.
//
// Seeds: 000 §6.3, 001 §11.3.5 "死锁问题", 004 §16.6.1 (two locks in opposite
// orders), 002 §5.4.04 "死锁预防与检测" (LockOrderManager, TimeoutLock with a
// DeadlockDetector), 004 §16.2.2 "Lock与RLock的区别" (acquiring a Lock twice).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

namespace weft::models {

/// Named locks, each guarding a counter. nested(a, b) is the seeds' task
/// shape: `with lock_a: sleep(hold); with lock_b: update`.
///  - BUG (000 §6.3, 001 §11.3.5, 004 §16.6.1): task1 takes (0, 1), task2
///    takes (1, 0) — opposite orders deadlock.
///  - BUG (002 §5.4.04): three tasks taking (A, B), (B, C), (C, A) — a cycle.
///  - correct: every task takes its locks in one global order.
template <class Sync>
class lock_set {
 public:
  explicit lock_set(std::size_t locks) : guarded_(locks) {
    for (std::size_t i = 0; i < locks; ++i) mutexes_.emplace_back();
  }

  void nested(std::size_t first, std::size_t second, std::chrono::milliseconds hold) {
    std::lock_guard outer(mutexes_[first]);
    if (hold.count() > 0) Sync::this_thread::sleep_for(hold);  // "增加死锁概率"
    std::lock_guard inner(mutexes_[second]);
    guarded_[first].store(guarded_[first].load() + 1);
    guarded_[second].store(guarded_[second].load() + 1);
  }

  /// Only when no task runs.
  long updates(std::size_t lock) const { return guarded_[lock].load(); }
  std::size_t size() const { return mutexes_.size(); }

 private:
  std::deque<typename Sync::mutex> mutexes_;  // deque: mutexes do not move
  std::vector<typename Sync::template var<long>> guarded_;
};

/// BUG (002 §5.4.04 LockOrderManager): get_lock() tests `lock_id not in
/// self._locks` outside _order_lock (double-checked insertion into a dict),
/// and acquire_ordered() reads the dict again, unlocked, to sort by order.
/// A thread reading the registry while another inserts is a data race on the
/// map. The ordering itself is right: no deadlock.
template <class Sync>
class lock_order_manager {
 public:
  /// `capacity`: how many lock ids will ever be registered (the mutexes are
  /// made up front; the registry maps an id to its order = its mutex's index).
  explicit lock_order_manager(std::size_t capacity) : mutexes_(capacity) {}

  typename Sync::mutex& get_lock(std::size_t lock_id) {
    if (!locks_.read().contains(lock_id)) {  // BUG: unlocked read of the registry
      std::lock_guard guard(order_lock_);
      if (!locks_.read().contains(lock_id)) {
        const std::size_t order = global_order_.load();
        global_order_.store(order + 1);
        locks_.write().emplace(lock_id, order);
      }
    }
    return mutexes_.at(locks_.read().at(lock_id));  // BUG: unlocked read again
  }

  /// acquire_ordered(lock_ids) around body(): locks in registry order,
  /// released in reverse.
  void with_ordered(const std::vector<std::size_t>& lock_ids, const std::function<void()>& body) {
    std::vector<std::pair<std::size_t, typename Sync::mutex*>> sorted;
    for (std::size_t id : lock_ids) sorted.emplace_back(id, &get_lock(id));
    std::sort(sorted.begin(), sorted.end(), [this](const auto& a, const auto& b) {
      return order_of(a.first) < order_of(b.first);  // BUG: unlocked registry reads
    });
    for (auto& entry : sorted) entry.second->lock();
    body();
    for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) it->second->unlock();
  }

 private:
  std::size_t order_of(std::size_t id) {
    const auto& locks = locks_.read();
    auto it = locks.find(id);
    return it == locks.end() ? 0 : it->second;
  }

  std::deque<typename Sync::mutex> mutexes_;  // index = order
  typename Sync::mutex order_lock_;
  typename Sync::template var<std::size_t> global_order_{0};
  typename Sync::template var<std::map<std::size_t, std::size_t>> locks_;  // id -> order
};

/// The seed's Resource: a named dict updated together with another resource
/// under the manager's ordered locks (002 §5.4.04 update_with_resource).
template <class Sync>
class managed_resource {
 public:
  managed_resource(std::size_t id, lock_order_manager<Sync>& manager) : id_(id), manager_(manager) {}

  void update_with_resource(managed_resource& other, std::size_t key, long value,
                            std::chrono::milliseconds work) {
    std::vector<std::size_t> ids{std::min(id_, other.id_), std::max(id_, other.id_)};
    manager_.with_ordered(ids, [&] {
      if (work.count() > 0) Sync::this_thread::sleep_for(work);
      data_.write()[key] = value;
      other.data_.write()[key] = value;
    });
  }
  /// Only when no update runs.
  std::size_t entries() const { return data_.read().size(); }

 private:
  std::size_t id_;
  lock_order_manager<Sync>& manager_;
  typename Sync::template var<std::map<std::size_t, long>> data_;
};

/// The seed's DeadlockDetector (002 §5.4.04c): a wait-for graph between
/// thread ids and the owner of each lock id, under one graph lock. Thread
/// ids start at 1 (the seed tests `if owner and ...`).
template <class Sync>
class seed_deadlock_detector {
 public:
  /// request_lock: records thread -> owner and answers whether that closes a cycle.
  bool request_lock(std::size_t thread, std::size_t lock_id) {
    std::lock_guard guard(graph_lock_);
    const auto& owners = owners_.read();
    auto it = owners.find(lock_id);
    if (it == owners.end() || it->second == thread) return false;
    graph_.write()[thread].insert(it->second);
    std::set<std::size_t> visited, stack;
    return has_cycle(thread, visited, stack);
  }
  void acquire_lock(std::size_t thread, std::size_t lock_id) {
    std::lock_guard guard(graph_lock_);
    for (auto& [waiter, owners] : graph_.write()) owners.erase(thread);
    owners_.write()[lock_id] = thread;
  }
  void release_lock(std::size_t thread, std::size_t lock_id) {
    std::lock_guard guard(graph_lock_);
    auto& owners = owners_.write();
    if (auto it = owners.find(lock_id); it != owners.end() && it->second == thread) owners.erase(it);
  }

 private:
  bool has_cycle(std::size_t node, std::set<std::size_t>& visited, std::set<std::size_t>& stack) {
    if (stack.contains(node)) return true;
    if (visited.contains(node)) return false;
    visited.insert(node);
    stack.insert(node);
    const std::set<std::size_t> next = graph_.write()[node];  // defaultdict access
    for (std::size_t n : next) {
      if (has_cycle(n, visited, stack)) return true;
    }
    stack.erase(node);
    return false;
  }

  typename Sync::mutex graph_lock_;
  typename Sync::template var<std::map<std::size_t, std::set<std::size_t>>> graph_;
  typename Sync::template var<std::map<std::size_t, std::size_t>> owners_;
};

/// What TimeoutLock.acquire ends with: True, TimeoutError or the detector's RuntimeError.
enum class timeout_acquire { acquired, timed_out, deadlock_detected };

/// The seed's TimeoutLock (002 §5.4.04c). Python's threading.Lock has no
/// owner: any thread may release it, and acquire takes a timeout. Its C++
/// equivalent is a binary semaphore, so release() by a thread that does not
/// hold it goes through, and releasing a free lock over-releases it.
template <class Sync>
class timeout_lock {
 public:
  timeout_lock(std::size_t id, seed_deadlock_detector<Sync>* detector) : id_(id), detector_(detector) {}

  timeout_acquire acquire(std::size_t thread, std::chrono::milliseconds timeout) {
    if (detector_ != nullptr && detector_->request_lock(thread, id_)) return timeout_acquire::deadlock_detected;
    if (semaphore_.try_acquire_for(timeout)) {
      if (detector_ != nullptr) detector_->acquire_lock(thread, id_);
      return timeout_acquire::acquired;
    }
    if (detector_ != nullptr) detector_->release_lock(thread, id_);
    return timeout_acquire::timed_out;
  }
  void release(std::size_t thread) {
    if (detector_ != nullptr) detector_->release_lock(thread, id_);
    semaphore_.release();
  }
  std::size_t id() const { return id_; }

 private:
  std::size_t id_;
  seed_deadlock_detector<Sync>* detector_;
  typename Sync::template counting_semaphore<1> semaphore_{1};
};

/// BUG (002 §5.4.04c worker_with_deadlock_risk): lock_a then lock_b, each
/// with a timeout; whatever happens, `finally` releases both — including a
/// lock whose acquire timed out or was refused by the detector, which may be
/// free (an over-release) or held by the other worker (whose mutual
/// exclusion is silently broken, and whose own release then over-releases).
/// Returns whether the worker got both locks.
template <class Sync>
bool worker_with_deadlock_risk(std::size_t thread, timeout_lock<Sync>& lock_a, timeout_lock<Sync>& lock_b,
                               std::chrono::milliseconds timeout, std::chrono::milliseconds hold) {
  bool both = false;
  if (lock_a.acquire(thread, timeout) == timeout_acquire::acquired) {
    Sync::this_thread::sleep_for(hold);  // "增加死锁概率"
    if (lock_b.acquire(thread, timeout) == timeout_acquire::acquired) {
      Sync::this_thread::sleep_for(hold);  // "模拟工作"
      both = true;
    }
  }
  // finally: "确保释放已获得的锁" — but without knowing which were acquired.
  lock_a.release(thread);
  lock_b.release(thread);
  return both;
}

/// Correct (002 §5.4.04c, "超时机制"): take the first lock, try the second;
/// on failure release the first, back off (exponentially) and retry. Each
/// caller passes its own base back-off so that two callers desynchronise.
/// Returns the number of attempts.
template <class Sync>
std::size_t lock_both_with_backoff(typename Sync::mutex& first, typename Sync::mutex& second,
                                   std::chrono::milliseconds backoff) {
  for (std::size_t attempt = 1;; ++attempt) {
    first.lock();
    if (second.try_lock()) return attempt;
    first.unlock();
    Sync::this_thread::sleep_for(backoff);
    // The seed bounds the doubling by max_retries; here by a ceiling, so the
    // delay cannot overflow however often the schedule makes try_lock fail.
    backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
  }
}

/// Dining philosophers (classic; SCTBench din_phil): fork i is between
/// philosopher i and i+1.
///  - BUG dine_naive: everyone takes the left fork, then the right one —
///    when all hold their left fork nobody gets a right one.
///  - correct dine_ordered: the lower-numbered fork first.
template <class Sync>
class dining_table {
 public:
  explicit dining_table(std::size_t seats) : meals_(seats) {
    for (std::size_t i = 0; i < seats; ++i) forks_.emplace_back();
  }
  void dine_naive(std::size_t p) { eat(p, p, (p + 1) % forks_.size()); }
  void dine_ordered(std::size_t p) {
    const std::size_t left = p, right = (p + 1) % forks_.size();
    eat(p, std::min(left, right), std::max(left, right));
  }
  /// Only when nobody dines.
  long meals(std::size_t p) const { return meals_[p].load(); }
  std::size_t seats() const { return forks_.size(); }

 private:
  void eat(std::size_t p, std::size_t first, std::size_t second) {
    std::lock_guard a(forks_[first]);
    std::lock_guard b(forks_[second]);
    meals_[p].store(meals_[p].load() + 1);
  }

  std::deque<typename Sync::mutex> forks_;
  std::vector<typename Sync::template var<long>> meals_;
};

/// BUG (004 §16.2.2 "Lock与RLock的区别"): lock.acquire() twice on a plain
/// Lock from one thread. The seed expects a RuntimeError; in fact the second
/// acquire blocks forever (and is undefined for std::mutex). The RLock half
/// of the seed, relock on a recursive mutex, is correct.
template <class Sync>
class relocker {
 public:
  void acquire_twice() {
    lock_.lock();
    lock_.lock();  // BUG: self-deadlock
    held_.store(held_.load() + 1);
    lock_.unlock();
    lock_.unlock();
  }
  void acquire_twice_recursive() {
    rlock_.lock();
    rlock_.lock();
    held_.store(held_.load() + 1);
    rlock_.unlock();
    rlock_.unlock();
  }
  long held() const { return held_.load(); }

 private:
  typename Sync::mutex lock_;
  typename Sync::recursive_mutex rlock_;
  typename Sync::template var<long> held_{0};
};

}  // namespace weft::models
