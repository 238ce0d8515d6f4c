// Boost.Atomic (libboost-atomic-dev): Dekker's entry with acquire-release
// fences. The bug: each thread raises its flag with a relaxed store, then
// boost::atomic_thread_fence(acq_rel), then reads the other's flag relaxed;
// acquire-release fences do not order a store before a later load, so both
// threads may read the other's flag down and enter together.
// weft-exec-expect: data_race
#include <boost/atomic.hpp>
#include <thread>

boost::atomic<bool> wants[2];
int entered = 0;  // plain: only a thread inside writes it

void try_enter(int me) {
  wants[me].store(true, boost::memory_order_relaxed);
  boost::atomic_thread_fence(boost::memory_order_acq_rel);  // not enough
  if (!wants[1 - me].load(boost::memory_order_relaxed)) ++entered;
}

int main() {
  std::thread a(try_enter, 0);
  std::thread b(try_enter, 1);
  a.join();
  b.join();
  return entered <= 1 ? 0 : 1;
}
