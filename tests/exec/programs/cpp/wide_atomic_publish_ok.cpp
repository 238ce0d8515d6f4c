// A producer fills a payload, then publishes a {sequence, value} pair
// through a 16-byte std::atomic<Pair> with a release store; the consumer
// acquire-loads the pair until it sees the sequence, then reads the payload.
// Correct. clang-14 compiles a 16-byte atomic (x86-64 without -mcx16) to
// calls into libatomic, which is not instrumented: weft saw neither the
// store nor the load, and reported the payload as a data race at the first
// execution under every strategy (ThreadSanitizer does the same).
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <thread>

struct Pair {
  long sequence;
  long value;
};

std::atomic<Pair> box{Pair{0, 0}};
int payload = 0;

int main() {
  std::thread producer([] {
    payload = 42;
    box.store(Pair{1, 7}, std::memory_order_release);
  });
  std::thread consumer([] {
    while (box.load(std::memory_order_acquire).sequence != 1) std::this_thread::yield();
    assert(payload == 42);
    Pair seen = box.load(std::memory_order_relaxed);
    Pair next{2, seen.value + 1};
    while (!box.compare_exchange_weak(seen, next)) next.value = seen.value + 1;
  });
  producer.join();
  consumer.join();
  assert(box.load().sequence == 2 && box.load().value == 8);
}
