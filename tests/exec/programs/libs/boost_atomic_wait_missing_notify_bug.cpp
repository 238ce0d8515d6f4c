// Boost.Atomic's waiting loop as its documentation writes it: the consumer
// loads the state, then waits while it is unchanged; the producer stores
// the new state but never calls notify_one(). A consumer already asleep in
// the futex is never woken: natively the program hangs in about 40 of 100
// runs. weft held the waiter back at its second look (Boost's wait loads
// again before its futex wait: an unchanged re-read, taken for a spin) until
// the store had run, so the wait always came too late to sleep, and dfs
// called its space exhausted after 8 executions.
// weft-exec-expect: lost_wakeup
#include <boost/atomic.hpp>
#include <thread>

boost::atomic<int> state(0);

int main() {
  std::thread consumer([] {
    int seen = state.load(boost::memory_order_acquire);
    while (seen == 0) seen = state.wait(seen, boost::memory_order_acquire);
  });
  state.store(1, boost::memory_order_release);  // no state.notify_one()
  consumer.join();
  return 0;
}
