// Boost.Atomic's waiting loop as its documentation writes it: the consumer
// loads the state, then waits while it is unchanged; the producer publishes
// a payload, stores the new state and calls notify_one(). Correct: clean in
// every schedule, those where the consumer sleeps before the store too.
// weft-exec-expect: clean
#include <boost/atomic.hpp>
#include <cassert>
#include <thread>

boost::atomic<int> state(0);
int payload = 0;

int main() {
  std::thread consumer([] {
    int seen = state.load(boost::memory_order_acquire);
    while (seen == 0) seen = state.wait(seen, boost::memory_order_acquire);
    assert(payload == 42);
  });
  payload = 42;
  state.store(1, boost::memory_order_release);
  state.notify_one();
  consumer.join();
  return 0;
}
