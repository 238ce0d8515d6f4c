// Boost.Lockfree (libboost-dev, header-only): two producers push records
// into a lock-free MPMC boost::lockfree::queue and ids onto a
// boost::lockfree::stack; a third thread feeds a single-producer
// single-consumer boost::lockfree::spsc_queue; main consumes all three.
// Each record arrives whole and once, the SPSC values in order, the
// stack's ids all. Correct.
// Boost.Lockfree's own race between its freelist's plain write and an
// atomic load of a recycled node is suppressed (boost_lockfree.supp).
// weft-exec-expect: clean
// weft-exec-suppressions: boost_lockfree.supp
#include <boost/lockfree/queue.hpp>
#include <boost/lockfree/spsc_queue.hpp>
#include <boost/lockfree/stack.hpp>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

struct record {
  int producer;
  int sequence;
};

}  // namespace

int main() {
  boost::lockfree::queue<record> records(8);
  boost::lockfree::stack<int> ids(8);
  boost::lockfree::spsc_queue<int, boost::lockfree::capacity<4>> ticks;
  std::vector<std::thread> producers;
  for (int p = 0; p < 2; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < 2; ++i) {
        while (!records.push(record{p, i})) {
        }
        ids.push(p * 10 + i);
      }
    });
  }
  std::thread ticker([&] {
    for (int i = 0; i < 3; ++i) {
      while (!ticks.push(i)) {
      }
    }
  });
  int seen[2] = {0, 0};
  for (int got = 0; got < 4;) {
    record r{};
    if (!records.pop(r)) continue;
    if (r.producer < 0 || r.producer > 1 || r.sequence != seen[r.producer]) std::abort();  // per-producer FIFO
    ++seen[r.producer];
    ++got;
  }
  for (int expected = 0; expected < 3;) {
    int v = 0;
    if (!ticks.pop(v)) continue;
    if (v != expected) std::abort();
    ++expected;
  }
  for (auto& t : producers) t.join();
  ticker.join();
  int sum = 0, count = 0;
  for (int v = 0; ids.pop(v);) {
    sum += v;
    ++count;
  }
  return count == 4 && sum == 0 + 1 + 10 + 11 ? 0 : 1;
}
