// The same spin with a relaxed flag: seeing it set orders nothing, and the
// read of what the worker computed races with its write.
// weft-exec-expect: data_race
#include <atomic>
#include <chrono>
#include <thread>

int main() {
  std::atomic<bool> done{false};
  int value = 0;
  std::thread worker([&] {
    for (int i = 0; i < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    value = 42;
    done.store(true, std::memory_order_relaxed);  // BUG: publishes nothing
  });
  while (!done.load(std::memory_order_relaxed)) std::this_thread::yield();
  const int seen = value;
  worker.join();
  return seen == 42 ? 0 : 1;
}
