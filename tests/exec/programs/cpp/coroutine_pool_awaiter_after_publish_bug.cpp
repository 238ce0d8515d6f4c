// The coroutine pool of coroutine_pool_ok.cpp, whose await_suspend wakes a
// worker through the awaiter's pool pointer after queueing the handle, as
// the first version of such code usually does: once the handle is queued a
// worker may resume the coroutine and run it to its end, which destroys
// its frame, and the awaiter in it, while await_suspend still reads the
// awaiter's `p` (natively 100 of 100 runs pass: the window is a few
// instructions). weft: the worker's resumption races with that read.
// weft-exec-expect: data_race
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
        {
          std::lock_guard lock(p->m_);
          p->queue_.push_back(h);
        }
        p->cv_.notify_one();  // BUG: reads the awaiter, in a frame a worker may have ended
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
