// A worker fills a table of results under a mutex, then publishes with an
// atomic flag; the main thread waits for the flag with std::atomic::wait,
// as cppreference's example does. The bug: the worker stores the flag and
// never calls notify_one(). When main's wait sleeps before that store, it
// sleeps for ever (natively a rare hang: libstdc++'s wait spins and yields
// before it sleeps, so the store usually comes first). weft missed it under
// every strategy before: each of the spin's unchanged looks and yields gave
// way to the worker. They are the library's bounded look before its futex
// wait now, not a spin (execution::looks_before_futex_wait).
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
    ready.store(1, std::memory_order_release);  // the bug: no ready.notify_one()
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
