// Two threads add to one int: the hit counter updates it through
// std::atomic_ref, the bonus thread with a plain `+=`. C++20 [atomics.ref.generic]:
// while an atomic_ref references an object, every access to it must go
// through an atomic_ref; the plain one races with the atomic one
// (ThreadSanitizer reports it; natively a lost update is possible).
// weft-exec-expect: data_race
#include <atomic>
#include <cstdio>
#include <thread>

int hits = 0;

int main() {
  std::thread counter([] {
    for (int i = 0; i < 3; ++i) std::atomic_ref<int>(hits).fetch_add(1);
  });
  std::thread bonus([] { hits += 10; });
  counter.join();
  bonus.join();
  std::printf("%d\n", hits);
}
