// An asynchronous logger as a global object, the way many applications
// keep one: its constructor starts a flusher thread before main, main's
// workers log through its queue, main flushes (waits until the queue is
// drained) and checks the count, and the destructor stops and joins the
// flusher at exit. Under weft exec the constructor runs once, in the
// process that forks the executions, where its thread was a real thread
// that no execution had: the flush waited for ever, a false `lost_wakeup`
// at the first execution. The thread now starts in every execution, as its
// first thread, right before main.
// weft-exec-expect: clean
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
class async_logger {
 public:
  async_logger() : flusher_([this] { run(); }) {}
  ~async_logger() {
    { std::lock_guard g(m_); stop_ = true; }
    cv_.notify_one();
    flusher_.join();
  }
  void log(std::string line) { { std::lock_guard g(m_); q_.push_back(std::move(line)); } cv_.notify_one(); }
  std::size_t written() { std::lock_guard g(m_); return written_; }
  void flush() { std::unique_lock l(m_); drained_.wait(l, [&] { return q_.empty(); }); }
 private:
  void run() {
    std::unique_lock l(m_);
    for (;;) {
      cv_.wait(l, [&] { return stop_ || !q_.empty(); });
      while (!q_.empty()) { q_.pop_front(); ++written_; }
      drained_.notify_all();
      if (stop_) return;
    }
  }
  std::mutex m_;
  std::condition_variable cv_, drained_;
  std::deque<std::string> q_;
  bool stop_ = false;
  std::size_t written_ = 0;
  std::thread flusher_;
};
async_logger logger;
int main() {
  std::vector<std::thread> ws;
  for (int i = 0; i < 2; ++i) ws.emplace_back([i] { logger.log("worker " + std::to_string(i)); });
  for (auto& w : ws) w.join();
  logger.flush();
  return logger.written() == 2 ? 0 : 1;
}
