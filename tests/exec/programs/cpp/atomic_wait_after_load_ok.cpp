// A consumer waits for a state change the way cppreference's
// std::atomic::wait example does (load, then wait while unchanged); the
// producer stores the new state and calls notify_one(). Correct: clean in
// every schedule, including those where the consumer sleeps before the store.
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <thread>

std::atomic<int> state{0};
int payload = 0;

int main() {
  std::thread consumer([] {
    int seen = state.load(std::memory_order_acquire);
    while (seen == 0) {
      state.wait(seen, std::memory_order_acquire);
      seen = state.load(std::memory_order_acquire);
    }
    assert(payload == 42);
  });
  payload = 42;
  state.store(1, std::memory_order_release);
  state.notify_one();
  consumer.join();
}
