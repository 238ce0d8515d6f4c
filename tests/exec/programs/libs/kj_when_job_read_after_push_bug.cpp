// Cap'n Proto's KJ library (libkj): the work queue of kj_when_queue_ok.cpp,
// but the producer keeps a pointer to the job it pushed and reads its output
// to log it; the consumer, woken by when(), writes that output and frees
// the job at the same time.
// weft-exec-expect: data_race|misuse/use_after_free
#include <kj/mutex.h>
#include <kj/thread.h>

#include <cassert>
#include <cstdio>
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
  int logged = 0;
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
      job* pushed = j.get();
      work.lockExclusive()->jobs.push_back(std::move(j));
      logged += pushed->output;
    }
    work.lockExclusive()->closed = true;
  }
  assert(total == 60);
  std::printf("logged %d\n", logged);
  return 0;
}
