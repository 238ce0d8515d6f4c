// Boost.Atomic (libboost-atomic-dev): Dekker's entry, each thread raising
// its flag with a relaxed store, then boost::atomic_thread_fence(seq_cst)
// (inline assembly on x86 in Boost), then reading the other's flag relaxed;
// a thread that sees the other's flag down enters and counts. Correct: the
// two sequentially consistent fences forbid both threads reading the other's
// flag down, so at most one enters at a time.
// weft-exec-expect: clean
#include <boost/atomic.hpp>
#include <thread>

boost::atomic<bool> wants[2];
int entered = 0;  // plain: only a thread inside writes it

void try_enter(int me) {
  wants[me].store(true, boost::memory_order_relaxed);
  boost::atomic_thread_fence(boost::memory_order_seq_cst);
  if (!wants[1 - me].load(boost::memory_order_relaxed)) ++entered;
}

int main() {
  std::thread a(try_enter, 0);
  std::thread b(try_enter, 1);
  a.join();
  b.join();
  return entered <= 1 ? 0 : 1;
}
