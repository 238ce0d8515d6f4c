// Boost.Atomic (libboost-atomic-dev): a message shared by two owners, each
// dropping its reference with sub_and_test. The bug: Boost's sub_and_test
// returns true while the count is NOT zero (since Boost 1.67), and the
// owner that is not the last deletes the message while the other still
// reads it.
// weft-exec-expect: data_race|misuse/use_after_free
#include <boost/atomic.hpp>
#include <cstdio>
#include <thread>

struct message {
  boost::atomic<int> refs{2};
  long payload = 0;
};

void release(message* m) {
  if (m->refs.sub_and_test(1)) delete m;  // meant: "the count reached zero"
}

int main() {
  message* m = new message;
  m->payload = 42;
  std::thread other([m] {
    const long seen = m->payload;
    release(m);
    std::printf("%ld\n", seen);
  });
  const long mine = m->payload;
  release(m);
  other.join();
  return mine == 42 ? 0 : 1;
}
