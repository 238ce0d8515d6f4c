// Control programs that wait: condition variables with predicates
// (producer/consumer, bounded buffer, countdown latch, work queue with
// shutdown), semaphores (resource pool, turnstile), timed polling.
#include <chrono>
#include <mutex>

#include "programs.hpp"

namespace control {
namespace {

using weft::finding_kind;
using namespace std::chrono_literals;

// --- producer / consumer over a one-slot mailbox ------------------------------------------------
template <bool Notify>
void producer_consumer() {
  constexpr int items = 3;
  weft::mutex m;
  weft::condition_variable changed;
  weft::var<bool> full{false};
  weft::var<int> slot{0};
  weft::thread producer([&] {
    for (int k = 1; k <= items; ++k) {
      std::unique_lock l(m);
      changed.wait(l, [&] { return !full; });
      slot = k;
      full = true;
      if constexpr (Notify) changed.notify_all();  // BUG when missing: the consumer sleeps on
    }
  });
  weft::thread consumer([&] {
    for (int k = 1; k <= items; ++k) {
      std::unique_lock l(m);
      changed.wait(l, [&] { return bool(full); });
      WEFT_ASSERT(slot == k);
      full = false;
      changed.notify_all();
    }
  });
  producer.join();
  consumer.join();
}

// --- bounded buffer, two producers and two consumers ---------------------------------------------
/// `separate_conditions`: not_full and not_empty; otherwise one condition
/// variable with notify_one, which may wake a thread of the wrong side (BUG).
template <bool SeparateConditions>
void bounded_buffer() {
  constexpr int capacity = 1, per_thread = 2;
  weft::mutex m;
  weft::condition_variable not_full, not_empty_cv;
  weft::condition_variable& not_empty = SeparateConditions ? not_empty_cv : not_full;
  std::vector<weft::var<int>> ring(capacity);
  weft::var<int> count{0}, head{0}, consumed{0};
  run_threads(4, [&](int t) {
    for (int k = 0; k < per_thread; ++k) {
      std::unique_lock l(m);
      if (t < 2) {
        not_full.wait(l, [&] { return count < capacity; });
        ring[(head + count) % capacity] = t * 10 + k;
        count = count + 1;
        not_empty.notify_one();
      } else {
        not_empty.wait(l, [&] { return count > 0; });
        (void)ring[head].load();
        head = (head + 1) % capacity;
        count = count - 1;
        consumed = consumed + 1;
        not_full.notify_one();
      }
    }
  });
  WEFT_ASSERT(consumed == 2 * per_thread);
}

// --- countdown latch ----------------------------------------------------------------------------------
class latch {
 public:
  explicit latch(int n) : count_(n) {}
  void count_down(bool locked) {
    if (locked) {
      std::lock_guard l(m_);
      count_ = count_ - 1;
    } else {
      count_ = count_ - 1;  // BUG: outside the mutex the waiter reads it
    }
    done_.notify_all();
  }
  void wait() {
    std::unique_lock l(m_);
    done_.wait(l, [&] { return count_ == 0; });
  }

 private:
  weft::mutex m_;
  weft::condition_variable done_;
  weft::var<int> count_;
};
template <bool Locked>
void countdown_latch() {
  constexpr int workers = 3;
  latch ready(workers);
  std::vector<weft::var<int>> results(workers);
  std::vector<weft::thread> ts;
  for (int i = 0; i < workers; ++i) {
    ts.emplace_back([&, i] {
      results[i] = i + 1;
      ready.count_down(Locked);
    });
  }
  ready.wait();
  int sum = 0;
  for (auto& r : results) sum += r;
  WEFT_ASSERT(sum == 6);
  for (auto& t : ts) t.join();
}

// --- work queue with shutdown -----------------------------------------------------------------------
template <bool NotifyShutdown>
void work_queue() {
  weft::mutex m;
  weft::condition_variable cv;
  weft::var<int> pending{0}, done{0};
  weft::var<bool> shutdown{false};
  std::vector<weft::thread> workers;
  for (int w = 0; w < 2; ++w) {
    workers.emplace_back([&] {
      for (;;) {
        std::unique_lock l(m);
        cv.wait(l, [&] { return pending > 0 || shutdown; });
        if (pending == 0) return;  // shut down and drained
        pending = pending - 1;
        done = done + 1;
      }
    });
  }
  for (int k = 0; k < 3; ++k) {
    std::lock_guard l(m);
    pending = pending + 1;
    cv.notify_one();
  }
  {
    std::lock_guard l(m);
    shutdown = true;
  }
  if constexpr (NotifyShutdown) cv.notify_all();  // BUG when missing: idle workers sleep on
  for (auto& w : workers) w.join();
  WEFT_ASSERT(done == 3);
}

// --- semaphores -----------------------------------------------------------------------------------------
/// Four threads share a pool of two resources guarded by a semaphore.
template <int Permits>
void semaphore_pool() {
  weft::counting_semaphore<4> pool{Permits};
  weft::atomic<int> in_use{0};
  run_threads(4, [&](int) {
    pool.acquire();
    const int now = in_use.fetch_add(1) + 1;
    WEFT_ASSERT(now <= 2, "more threads than resources");
    in_use.fetch_sub(1);
    pool.release();
  });
}
/// Two threads take turns, each opening the turnstile of the other.
template <bool WaitForTurn>
void semaphore_turnstile() {
  constexpr int rounds = 3;
  weft::binary_semaphore ping{1}, pong{0};
  weft::var<int> ball{0};
  weft::thread a([&] {
    for (int k = 0; k < rounds; ++k) {
      ping.acquire();
      ball = ball + 1;
      pong.release();
    }
  });
  weft::thread b([&] {
    for (int k = 0; k < rounds; ++k) {
      if (WaitForTurn || k == 0) pong.acquire();  // BUG when skipped: plays out of turn
      ball = ball + 1;
      if (WaitForTurn || k == 0) ping.release();
    }
  });
  a.join();
  b.join();
}

// --- polling with timeouts --------------------------------------------------------------------------------
/// A waiter polls a flag with a timed wait (a watchdog style); the setter
/// sets it under the mutex without notifying — the timeout finds it.
template <bool EverSet>
void timed_polling() {
  weft::mutex m;
  weft::condition_variable cv;
  weft::var<bool> ready{false};
  weft::thread waiter([&] {
    std::unique_lock l(m);
    while (!ready) cv.wait_for(l, 10ms);
  });
  weft::thread setter([&] {
    weft::this_thread::sleep_for(25ms);
    std::lock_guard l(m);
    if (EverSet) ready = true;  // BUG when never set: the waiter polls forever
  });
  waiter.join();
  setter.join();
}

}  // namespace

std::vector<program> wait_programs() {
  return {
      {"cv_producer_consumer", producer_consumer<true>, producer_consumer<false>, {finding_kind::lost_wakeup}},
      {"cv_bounded_buffer", bounded_buffer<true>, bounded_buffer<false>, {finding_kind::lost_wakeup}},
      {"cv_countdown_latch", countdown_latch<true>, countdown_latch<false>, {finding_kind::data_race}},
      {"cv_work_queue_shutdown", work_queue<true>, work_queue<false>, {finding_kind::lost_wakeup}},
      {"semaphore_pool", semaphore_pool<2>, semaphore_pool<3>, {finding_kind::assertion}},
      {"semaphore_turnstile", semaphore_turnstile<true>, semaphore_turnstile<false>, {finding_kind::data_race}},
      {"timed_polling", timed_polling<true>, timed_polling<false>, {finding_kind::livelock}},
  };
}

}  // namespace control
