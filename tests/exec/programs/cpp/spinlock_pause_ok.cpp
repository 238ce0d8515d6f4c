// A test-and-test-and-set spinlock as it is usually written: exchange with
// acquire, spin on a relaxed load with _mm_pause while it is held, release
// store to unlock; three threads count through it. weft must let the holder
// run while the others spin. Correct.
// weft-exec-expect: clean
#include <immintrin.h>

#include <atomic>
#include <thread>

class spinlock {
  std::atomic<bool> locked_{false};

 public:
  void lock() {
    for (;;) {
      if (!locked_.exchange(true, std::memory_order_acquire)) return;
      while (locked_.load(std::memory_order_relaxed)) _mm_pause();
    }
  }
  void unlock() { locked_.store(false, std::memory_order_release); }
};

spinlock lock;
long counter = 0;

int main() {
  auto work = [] {
    for (int i = 0; i < 5; ++i) {
      lock.lock();
      ++counter;
      lock.unlock();
    }
  };
  std::thread a(work), b(work), c(work);
  a.join();
  b.join();
  c.join();
  return counter == 15 ? 0 : 1;
}
