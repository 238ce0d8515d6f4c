// main spins with std::this_thread::yield() on a flag a worker sets after
// three 10 ms sleeps (a warm-up, say), then reads what the worker computed.
// Only time passing lets the worker on, and dfs (ipb, idb) let time pass
// only when no thread could run: the spinner always could, and this correct
// program was a false `livelock` at execution 1 under them. A sleeper now
// counts as ready while every runnable thread is only polling or spinning.
// weft-exec-expect: clean
#include <atomic>
#include <chrono>
#include <thread>

int main() {
  std::atomic<bool> done{false};
  int value = 0;
  std::thread worker([&] {
    for (int i = 0; i < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    value = 42;
    done.store(true, std::memory_order_release);
  });
  while (!done.load(std::memory_order_acquire)) std::this_thread::yield();
  const int seen = value;
  worker.join();
  return seen == 42 ? 0 : 1;
}
