// A process-wide background logger, as many programs have one: a
// function-local static whose constructor starts its worker thread and
// whose destructor, run by exit() after main returns, stops and joins it;
// two threads log through it. main also waits 50 us by reading the clock in
// a loop, as backoff code does: on real threads time passes while it
// spins, and under weft exec it must too (time is logical: each read of the
// clock moves it on). Correct.
// weft-exec-expect: clean
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

class background_logger {
 public:
  background_logger() : worker_([this] { run(); }) {}
  ~background_logger() {
    {
      std::lock_guard lock(m_);
      done_ = true;
    }
    cv_.notify_one();
    worker_.join();
  }
  void log(int value) {
    {
      std::lock_guard lock(m_);
      queue_.push_back(value);
    }
    cv_.notify_one();
  }
  int total() {
    std::lock_guard lock(m_);
    return total_;
  }

 private:
  void run() {
    std::unique_lock lock(m_);
    for (;;) {
      cv_.wait(lock, [this] { return done_ || !queue_.empty(); });
      while (!queue_.empty()) {
        total_ += queue_.front();
        queue_.pop_front();
      }
      if (done_) return;
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<int> queue_;
  int total_ = 0;
  bool done_ = false;
  std::thread worker_;
};

background_logger& logger() {
  static background_logger instance;
  return instance;
}

int main() {
  std::thread a([] { logger().log(1); });
  std::thread b([] { logger().log(2); });
  a.join();
  b.join();
  // spin on the clock briefly, as backoff code does
  auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::microseconds(50)) {
  }
  return 0;  // the logger is destroyed at exit: it joins its worker
}
