// The lincheck family's blocking objects: bounded buffers, semaphores and a
// connection pool, whose operations wait (scenarios/lincheck.cpp).
#include <algorithm>
#include <deque>
#include <memory>
#include <vector>

#include "lincheck_family.hpp"
#include "weft/models/bounded_buffer.hpp"
#include "weft/models/classic_objects.hpp"
#include "weft/models/semaphore.hpp"

namespace weft::scenarios {
namespace lincheck_family {
namespace {

// Blocking objects (docs/lincheck.md, "Blocking operations"): an operation
// that waits declares when the model lets it through (blocks_until).

/// A bounded FIFO buffer: put waits while it is full and returns the size
/// after appending; get waits while it is empty.
template <class Buffer>
spec<Buffer, std::deque<int>> buffer_spec(std::size_t buffer_capacity = 2) {
  using model = std::deque<int>;
  return spec<Buffer, model>{}
      .object([buffer_capacity] { return std::make_unique<Buffer>(buffer_capacity); })
      .op("put", rc::gen::inRange(0, 5), [](Buffer& b, const int& v) { return b.put(v); },
          [](model& m, const int& v) {
            m.push_back(v);
            return m.size();
          })
      .blocks_until([buffer_capacity](const model& m) { return m.size() < buffer_capacity; })
      .op("get", [](Buffer& b) { return b.get(); }, [](model& m) { return take_front(m); })
      .blocks_until([](const model& m) { return !m.empty(); })
      .op("size", [](Buffer& b) { return b.size(); }, [](model& m) { return m.size(); });
}

/// A counting semaphore with one permit, as a lock is used: acquire waits
/// for a permit, release gives one back.
template <class Semaphore>
spec<Semaphore, int> acquire_release_spec() {
  return spec<Semaphore, int>{}
      .object([] { return std::make_unique<Semaphore>(1); })
      .model(1)
      .op("acquire", [](Semaphore& s) { s.acquire(); }, [](int& permits) { --permits; })
      .blocks_until([](const int& permits) { return permits > 0; })
      .op("release", [](Semaphore& s) { s.release(); }, [](int& permits) { ++permits; });
}

/// The same with try_acquire.
template <class Semaphore>
spec<Semaphore, int> semaphore_spec() {
  return acquire_release_spec<Semaphore>().op("try_acquire", [](Semaphore& s) { return s.try_acquire(); },
          [](int& permits) { return permits > 0 ? (--permits, true) : false; });
}

/// condvar_semaphore also says how many permits it has.
template <class Semaphore>
spec<Semaphore, int> counted_semaphore_spec() {
  return semaphore_spec<Semaphore>().op("available", [](Semaphore& s) { return s.available(); },
                                        [](int& permits) { return permits; });
}

/// The seeds' ConnectionPool as it behaves sequentially: enter() waits for
/// one of 3 permits, numbers the connection by the list's length and keeps
/// it in the one shared slot; exit() releases what the slot holds (false,
/// and no permit back, when it is no longer in the list).
struct pool_model {
  std::vector<int> connections;
  int slot = -1;
  int permits = 3;
  bool operator==(const pool_model&) const = default;
};

template <class Pool>
spec<Pool, pool_model> connection_pool_spec() {
  return spec<Pool, pool_model>{}
      .object([] { return std::make_unique<Pool>(3); })
      .op("enter", [](Pool& p) { return p.enter(); },
          [](pool_model& m) {
            --m.permits;
            m.slot = static_cast<int>(m.connections.size());
            m.connections.push_back(m.slot);
            return m.slot;
          })
      .blocks_until([](const pool_model& m) { return m.permits > 0; })
      .op("exit", [](Pool& p) { return p.exit(); }, [](pool_model& m) {
        const auto it = std::find(m.connections.begin(), m.connections.end(), m.slot);
        if (it == m.connections.end()) return false;
        m.connections.erase(it);
        ++m.permits;
        return true;
      });
}

}  // namespace

void register_blocking() {
  using namespace weft::models;
  using S = weft::checked_sync;
  using enum buffer_waiting;
  add("lincheck/buffer_notify_all", "bounded buffer: while-loop waits on two conditions, notify_all", {},
      buffer_spec<condition_buffer<S, int, two_conditions_notify_all>>());
  add("lincheck/buffer_notify_one", "bounded buffer: two conditions over one lock, notify_one", {},
      buffer_spec<condition_buffer<S, int, two_conditions_notify_one>>());
  add("lincheck/buffer_semaphores", "bounded buffer on two semaphores and a mutex", {},
      buffer_spec<semaphore_buffer<S, int>>());
  // These bugs need two waiters and a third thread to wake them: at least 3
  // threads, and short threads make the waits likelier within the budget.
  add("lincheck/buffer_one_condition", "producers and consumers share one condition, notify_one: a wakeup is lost",
      {kind::deadlock, kind::lost_wakeup},
      buffer_spec<condition_buffer<S, int, one_condition_notify_one>>(1).threads(3, 4).ops_per_thread(1, 3));
  add("lincheck/buffer_if_not_while",
      "put and get wait with `if`, not `while`: a woken get finds the buffer empty, a woken put overfills it",
      {kind::linearizability, kind::lost_wakeup, kind::deadlock}, buffer_spec<condition_buffer<S, int, if_not_while>>().threads(3, 4).ops_per_thread(1, 3));
  add("lincheck/semaphore", "weft::counting_semaphore with one permit", {},
      semaphore_spec<S::counting_semaphore<max_permits>>());
  add("lincheck/semaphore_condvar", "a semaphore on a mutex and a condition variable, waiting in a while loop", {},
      counted_semaphore_spec<condvar_semaphore<S, true>>());
  // Two acquirers waiting while a third thread holds the permit, then its
  // release wakes both (t1: acquire, release | t2: acquire, release | t3:
  // acquire, release). Only acquire and release, exactly 3 threads of 2
  // (RapidCheck draws the low end of a range at small sizes), and many
  // programs with a few schedules each: about one program in five has the
  // shape. Found within ~700 executions for seeds 1-8 at a budget of 1,000;
  // with try_acquire and available too, 20 programs of 1-3 calls, only at
  // execution ~19,500 of 20,000.
  add("lincheck/semaphore_condvar_if", "the same waiting with `if`: two woken acquirers take one permit",
      {kind::linearizability},
      acquire_release_spec<condvar_semaphore<S, false>>().threads(3, 3).ops_per_thread(2, 2).programs(100));
  add("lincheck/pool_shared_slot", "ConnectionPool keeps the acquired connection in one slot all threads share",
      {kind::linearizability}, connection_pool_spec<shared_slot_connection_pool<S>>());

}

}  // namespace lincheck_family
}  // namespace weft::scenarios
