// The Chase-Lev work-stealing deque in the C11 version of Le, Pop, Cohen and
// Zappa Nardelli ("Correct and efficient work-stealing for weak memory
// models", PPoPP 2013), with a fixed capacity: the owner pushes and takes at
// the bottom, a thief steals at the top; the last element goes to whoever
// wins the compare-exchange of top, after the seq_cst fences of take and
// steal. The owner pushes 4 items and takes 4 while a thief steals 3 times:
// no item is taken twice. Correct.
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <cstddef>
#include <thread>
struct deque {
  static constexpr long cap = 8;
  std::atomic<long> top{0}, bottom{0};
  std::atomic<int> buf[cap];
  void push(int x) {
    long b = bottom.load(std::memory_order_relaxed);
    long t = top.load(std::memory_order_acquire);
    assert(b - t < cap);
    buf[b % cap].store(x, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    bottom.store(b + 1, std::memory_order_relaxed);
  }
  int take() {
    long b = bottom.load(std::memory_order_relaxed) - 1;
    bottom.store(b, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_seq_cst);
    long t = top.load(std::memory_order_relaxed);
    int x = -1;
    if (t <= b) {
      x = buf[b % cap].load(std::memory_order_relaxed);
      if (t == b) {
        if (!top.compare_exchange_strong(t, t + 1, std::memory_order_seq_cst, std::memory_order_relaxed)) x = -1;
        bottom.store(b + 1, std::memory_order_relaxed);
      }
    } else {
      bottom.store(b + 1, std::memory_order_relaxed);
    }
    return x;
  }
  int steal() {
    long t = top.load(std::memory_order_acquire);
    std::atomic_thread_fence(std::memory_order_seq_cst);
    long b = bottom.load(std::memory_order_acquire);
    int x = -1;
    if (t < b) {
      x = buf[t % cap].load(std::memory_order_relaxed);
      if (!top.compare_exchange_strong(t, t + 1, std::memory_order_seq_cst, std::memory_order_relaxed)) return -2;
    }
    return x;
  }
};
int main() {
  deque d;
  int seen[4] = {0, 0, 0, 0};
  int stolen[4] = {0, 0, 0, 0};
  std::thread thief([&] {
    for (int i = 0; i < 3; ++i) {
      int x = d.steal();
      if (x >= 0) stolen[x]++;
    }
  });
  for (int i = 0; i < 4; ++i) d.push(i);
  for (int i = 0; i < 4; ++i) {
    int x = d.take();
    if (x >= 0) seen[x]++;
  }
  thief.join();
  for (int i = 0; i < 4; ++i) assert(seen[i] + stolen[i] <= 1);
  return 0;
}
