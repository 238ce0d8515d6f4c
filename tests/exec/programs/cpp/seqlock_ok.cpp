// A sequence lock over two atomic fields, with the fences of the published
// C++ seqlock (Boehm, "Can seqlocks get along with programming language
// memory models?"): the writer makes the count odd, a release fence, the
// relaxed data stores, then an even count with release; the reader checks
// the count, reads the data relaxed, an acquire fence, the count again.
// A reader that accepts a pair never sees it torn. Correct.
// weft-exec-expect: clean
#include <atomic>
#include <thread>

struct seqlock_pair {
  std::atomic<unsigned> seq{0};
  std::atomic<int> a{0}, b{0};
  void write(int x) {
    unsigned s = seq.load(std::memory_order_relaxed);
    seq.store(s + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
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
