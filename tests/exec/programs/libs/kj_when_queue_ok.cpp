// Cap'n Proto's KJ library (libkj): a work queue in a kj::MutexGuarded whose
// consumer waits with when() (the unlocker checks the waiter's predicate, as
// KJ's documentation describes), a producer that pushes jobs it filled
// before the push, then a "closed" flag; the consumer sums the jobs. Every
// job is written before it is pushed and read after it is popped. Correct.
// weft-exec-expect: clean
#include <kj/mutex.h>
#include <kj/thread.h>

#include <cassert>
#include <deque>
#include <memory>

struct job {
  int input = 0;
  int output = 0;
};

struct queue {
  std::deque<std::unique_ptr<job>> jobs;
  bool closed = false;
};

int main() {
  kj::MutexGuarded<queue> work;
  int total = 0;
  {
    kj::Thread consumer([&] {
      for (;;) {
        std::unique_ptr<job> next = work.when(
            [](const queue& q) { return !q.jobs.empty() || q.closed; },
            [](queue& q) -> std::unique_ptr<job> {
              if (q.jobs.empty()) return nullptr;
              auto front = std::move(q.jobs.front());
              q.jobs.pop_front();
              return front;
            });
        if (next == nullptr) return;
        next->output = next->input * 10;
        total += next->output;
      }
    });
    for (int i = 1; i <= 3; ++i) {
      auto j = std::make_unique<job>();
      j->input = i;
      work.lockExclusive()->jobs.push_back(std::move(j));
    }
    work.lockExclusive()->closed = true;
  }
  assert(total == 60);
  return 0;
}
