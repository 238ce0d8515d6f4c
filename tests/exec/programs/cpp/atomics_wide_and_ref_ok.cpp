// Atomics beyond int, as C++20 code uses them: fetch_add on
// std::atomic<double>, compare-exchange loops on a 16-byte struct (lock-free
// on x86-64) and on a 24-byte one (libatomic's locks, which weft does not
// see), and std::atomic_ref on a plain long. Two threads, three rounds
// each. Correct.
// weft-exec-expect: clean
#include <atomic>
#include <thread>
struct pair16 {
  long a, b;
};
struct big24 {
  long a, b, c;
};
int main() {
  std::atomic<double> d{0.0};
  std::atomic<pair16> p{pair16{0, 0}};
  std::atomic<big24> big{big24{0, 0, 0}};
  long plain = 0;
  auto work = [&] {
    for (int i = 0; i < 3; ++i) {
      d.fetch_add(1.0);
      pair16 cur = p.load();
      while (!p.compare_exchange_weak(cur, pair16{cur.a + 1, cur.b + 1})) {
      }
      big24 b = big.load();
      while (!big.compare_exchange_weak(b, big24{b.a + 1, b.b + 1, b.c + 1})) {
      }
      std::atomic_ref<long> r(plain);
      r.fetch_add(1);
    }
  };
  std::thread t1(work), t2(work);
  t1.join();
  t2.join();
  auto q = p.load();
  auto g = big.load();
  return d.load() == 6.0 && q.a == 6 && q.b == 6 && g.c == 6 && plain == 6 ? 0 : 1;
}
