// Boost.Atomic (libboost-atomic-dev, header-only here): a message shared by
// two owners, each dropping its reference with sub_and_test (an "extra"
// operation, which Boost does in inline assembly on x86); the one that
// drops the last deletes it. Correct: sub_and_test returns true while the
// count is not zero.
// weft-exec-expect: clean
#include <boost/atomic.hpp>
#include <cstdio>
#include <thread>

struct message {
  boost::atomic<int> refs{2};
  long payload = 0;
};

void release(message* m) {
  if (!m->refs.sub_and_test(1)) delete m;  // the count reached zero
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
