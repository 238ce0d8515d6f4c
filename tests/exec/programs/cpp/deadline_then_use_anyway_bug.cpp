// A caller gives a worker a few microseconds to produce its answer,
// spinning on a ready flag and on the clock, and then reads the answer
// whether the flag came or not. When the deadline passes first, the read
// races with the worker's write. A data race on `answer` (the timeout path
// is a schedule like any other).
// weft-exec-expect: data_race
#include <atomic>
#include <chrono>
#include <thread>

std::atomic<bool> ready{false};
int answer = 0;

int main() {
  std::thread worker([] {
    answer = 42;
    ready.store(true, std::memory_order_release);
  });
  const auto start = std::chrono::steady_clock::now();
  while (!ready.load(std::memory_order_acquire) &&
         std::chrono::steady_clock::now() - start < std::chrono::microseconds(3)) {
  }
  const int got = answer;  // BUG: read even when the deadline passed first
  worker.join();
  return got == 42 ? 0 : 1;
}
