// Waiting as C++ code often does: spinning with std::this_thread::yield on
// a relaxed flag followed by an acquire fence, a condition variable waited
// on with wait_until on the system clock while the notifier sleeps until a
// steady_clock time point, and a try_lock loop that yields. Correct.
// weft-exec-expect: clean
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

int main() {
  using namespace std::chrono;
  int ok = 1;
  // spin with yield on a relaxed flag, then an acquire fence
  std::atomic<bool> flag{false};
  int payload = 0;
  std::thread t([&] {
    payload = 7;
    flag.store(true, std::memory_order_release);
  });
  while (!flag.load(std::memory_order_relaxed)) std::this_thread::yield();
  std::atomic_thread_fence(std::memory_order_acquire);
  ok &= payload == 7;
  t.join();

  // wait_until on system_clock, sleep_until on steady_clock
  std::mutex m;
  std::condition_variable cv;
  bool go = false;
  std::thread s([&] {
    std::this_thread::sleep_until(steady_clock::now() + milliseconds(5));
    {
      std::lock_guard l(m);
      go = true;
    }
    cv.notify_all();
  });
  {
    std::unique_lock l(m);
    while (!go) cv.wait_until(l, system_clock::now() + milliseconds(100));
  }
  s.join();

  // try_lock spin
  std::mutex tm;
  int count = 0;
  auto work = [&] {
    for (int i = 0; i < 3; ++i) {
      while (!tm.try_lock()) std::this_thread::yield();
      ++count;
      tm.unlock();
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  ok &= count == 6;
  return ok ? 0 : 1;
}
