// C++20 coroutines resumed on a small thread pool: each task co_awaits the
// pool's schedule() awaitable, whose await_suspend queues the coroutine's
// handle under the pool's lock and wakes a worker, which resumes it there;
// the task adds its part and counts a std::latch down, and main waits on
// the latch. await_suspend keeps the pool pointer in a local before it
// publishes the handle: from that moment a worker may resume the coroutine
// and run it to its end, destroying its frame, where the awaiter lives.
// weft-exec-expect: clean
#include <atomic>
#include <condition_variable>
#include <coroutine>
#include <deque>
#include <exception>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

class pool {
 public:
  explicit pool(int workers) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { run(); });
  }
  ~pool() {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  auto schedule() {
    struct awaiter {
      pool* p;
      bool await_ready() { return false; }
      void await_suspend(std::coroutine_handle<> h) {
        pool* const target = p;  // the awaiter may be gone once h is queued
        {
          std::lock_guard lock(target->m_);
          target->queue_.push_back(h);
        }
        target->cv_.notify_one();
      }
      void await_resume() {}
    };
    return awaiter{this};
  }

 private:
  void run() {
    for (;;) {
      std::coroutine_handle<> h;
      {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        h = queue_.front();
        queue_.pop_front();
      }
      h.resume();
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::coroutine_handle<>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

struct fire_and_forget {
  struct promise_type {
    fire_and_forget get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }  // the frame goes at the end
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

std::atomic<int> sum{0};

fire_and_forget add_on_pool(pool& p, std::latch& done, int part) {
  co_await p.schedule();
  sum.fetch_add(part);
  done.count_down();
}

int main() {
  std::latch done(4);
  {
    pool p(2);
    for (int part = 1; part <= 4; ++part) add_on_pool(p, done, part);
    done.wait();
  }
  return sum == 10 ? 0 : 1;
}
