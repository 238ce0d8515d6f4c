// The sequence lock of seqlock_ok.cpp without the writer's release fence
// after it makes the count odd: a data store may be seen before the odd
// count, so a reader accepts a torn pair and the program exits with 1.
// Only a weak memory model shows it (every access is atomic: no race).
// weft-exec-expect: exit
#include <atomic>
#include <thread>

struct seqlock_pair {
  std::atomic<unsigned> seq{0};
  std::atomic<int> a{0}, b{0};
  void write(int x) {
    unsigned s = seq.load(std::memory_order_relaxed);
    seq.store(s + 1, std::memory_order_relaxed);
    a.store(x, std::memory_order_relaxed);
    b.store(x, std::memory_order_relaxed);
    seq.store(s + 2, std::memory_order_release);
  }
  bool read(int& x, int& y) const {
    unsigned s0 = seq.load(std::memory_order_acquire);
    if (s0 & 1) return false;
    x = a.load(std::memory_order_relaxed);
    y = b.load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    return seq.load(std::memory_order_relaxed) == s0;
  }
};

seqlock_pair p;
int bad = 0;

int main() {
  std::thread w([] {
    for (int i = 1; i <= 3; ++i) p.write(i);
  });
  std::thread r([] {
    for (int i = 0; i < 4; ++i) {
      int x, y;
      if (p.read(x, y) && x != y) bad = 1;
    }
  });
  w.join();
  r.join();
  return bad;
}
