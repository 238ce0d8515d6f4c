// Two threads add to one int, both through std::atomic_ref; main reads it
// plainly only after joining them (no atomic_ref to it is alive then, as
// C++20 [atomics.ref.generic] allows). Correct, clean in every schedule.
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <thread>

int hits = 0;

int main() {
  std::thread counter([] {
    for (int i = 0; i < 3; ++i) std::atomic_ref<int>(hits).fetch_add(1, std::memory_order_relaxed);
  });
  std::thread bonus([] { std::atomic_ref<int>(hits).fetch_add(10, std::memory_order_relaxed); });
  counter.join();
  bonus.join();
  assert(hits == 13);
}
