// atomic_wait_missing_notify_bug with its notify_one(): the worker fills a
// table of results under a mutex, stores the flag and wakes the main
// thread's std::atomic::wait. Correct: clean in every schedule, including
// those where the wait sleeps before the store (its spin's looks and yields
// no longer give way, so those schedules are explored now).
// weft-exec-expect: clean
// weft-exec-expect: lost_wakeup
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

std::atomic<int> ready{0};
std::mutex table_mutex;
int table[8];

int main() {
  std::thread worker([] {
    for (int i = 0; i < 8; ++i) {
      std::lock_guard<std::mutex> lock(table_mutex);
      table[i] = i * i;
    }
    ready.store(1, std::memory_order_release);
    ready.notify_one();
  });
  ready.wait(0, std::memory_order_acquire);
  int sum = 0;
  {
    std::lock_guard<std::mutex> lock(table_mutex);
    for (int v : table) sum += v;
  }
  worker.join();
  std::printf("%d\n", sum);
}
