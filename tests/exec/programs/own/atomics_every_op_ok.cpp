// Every atomic operation clang-14 instruments, on every width (8 to 64
// bits; 128 with cmpxchg16b), with its memory orders: two threads update
// disjoint bits, the results are exact. Also a check that each entry point
// weft's runtime must provide links (an unknown one would fail the link).
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <cstdint>
#include <thread>

namespace {

template <class T>
void exercise(std::atomic<T>& a, T bit) {
  a.fetch_or(bit, std::memory_order_relaxed);
  a.fetch_xor(bit, std::memory_order_acq_rel);
  a.fetch_or(bit, std::memory_order_release);
  a.fetch_and(static_cast<T>(~T{0}), std::memory_order_acquire);
  a.fetch_add(T{0}, std::memory_order_seq_cst);
  a.fetch_sub(T{0});
  T seen = a.load(std::memory_order_relaxed);
  while (!a.compare_exchange_weak(seen, static_cast<T>(seen | bit), std::memory_order_acq_rel, std::memory_order_relaxed)) {
  }
  seen = a.load(std::memory_order_acquire);
  while (!a.compare_exchange_strong(seen, seen, std::memory_order_seq_cst)) {
  }
  T nand_in = T{0};
  __atomic_fetch_nand(&nand_in, T{0}, __ATOMIC_RELAXED);  // ~(0 & 0): all ones
  assert(nand_in == static_cast<T>(~T{0}));
}

template <class T>
void both_threads() {
  std::atomic<T> a{0};
  std::atomic<T> e{0};
  std::thread t([&] { exercise(a, T{1}); e.exchange(T{5}); });
  exercise(a, T{2});
  e.store(T{3}, std::memory_order_release);
  t.join();
  assert(a.load() == T{3});
  const T last = e.load(std::memory_order_acquire);
  assert(last == T{3} || last == T{5});
}

}  // namespace

int main() {
  both_threads<std::uint8_t>();
  both_threads<std::uint16_t>();
  both_threads<std::uint32_t>();
  both_threads<std::uint64_t>();
  std::atomic_thread_fence(std::memory_order_seq_cst);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  return 0;
}
