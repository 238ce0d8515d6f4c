// pthread_cancel of std::threads in C++: glibc unwinds a cancelled thread as
// an exception would, so RAII releases what it holds. One worker waits on a
// std::condition_variable under a std::unique_lock, another sleeps with
// std::this_thread::sleep_for, each with a guard object on its stack; main
// cancels both through native_handle() and joins them. The unique_lock's
// destructor unlocked the mutex (main takes it) and both guards ran.
// Before weft followed cancellation, pthread_cancel ended the run with an
// error (exit 2). (ThreadSanitizer cannot run it: a thread cancelled inside
// one of its interceptors "finished with ignores enabled".)
// weft-exec-expect: clean
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>

namespace {

std::mutex jobs_lock;
std::condition_variable jobs_ready;
std::deque<int> jobs;
std::atomic<int> guards_ended{0};

struct guard {
  guard() = default;
  guard(const guard&) = delete;
  guard& operator=(const guard&) = delete;
  ~guard() { guards_ended.fetch_add(1); }
};

void consume() {
  const guard g;
  for (;;) {
    std::unique_lock<std::mutex> lock(jobs_lock);
    jobs_ready.wait(lock, [] { return !jobs.empty(); });
    jobs.pop_front();
  }
}

void heartbeat() {
  const guard g;
  for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace

int main() {
  std::thread consumer(consume);
  std::thread beat(heartbeat);
  pthread_cancel(consumer.native_handle());
  pthread_cancel(beat.native_handle());
  consumer.join();
  beat.join();
  {
    const std::lock_guard<std::mutex> lock(jobs_lock);  // free: the unique_lock let go
    jobs.clear();
  }
  if (guards_ended.load() != 2) {
    std::fprintf(stderr, "%d guards ended, not 2\n", guards_ended.load());
    std::abort();
  }
  std::puts("both cancelled");
  return 0;
}
