// The global asynchronous logger of global_async_logger_ok.cpp, whose
// flusher writes the lines it took out of the queue after letting the lock
// go, and counts them there: main's written() reads the count under the
// lock, unordered with the flusher's update (natively 3 of 100 runs exit
// 1). weft: the flusher, started before main, is a thread of every
// execution, and its count races with main's read.
// weft-exec-expect: data_race|exit
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
      std::deque<std::string> taken;
      taken.swap(q_);
      l.unlock();
      written_ += taken.size();  // BUG: counted outside the lock
      l.lock();
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
