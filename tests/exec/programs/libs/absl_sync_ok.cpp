// A job queue in Abseil's style (libabsl-dev): absl::Mutex with
// ABSL_GUARDED_BY data, workers that wait with Mutex::Await on an
// absl::Condition and LockWhen, a result handed back through a CondVar, a
// configuration read under ReaderMutexLock, a start absl::Notification, an
// absl::BlockingCounter for the end and an absl::Barrier between two
// phases. Abseil takes its locks with atomics inside its own compiled
// library, which the instrumentation never sees: before weft followed
// Abseil's entry points, the data these locks guard was a data race.
// Correct.
// weft-exec-expect: clean
#include <deque>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace {

constexpr int kWorkers = 2;
constexpr int kJobs = 4;

class JobQueue {
 public:
  void Push(int job) {
    absl::MutexLock lock(&mu_);
    jobs_.push_back(job);
  }
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }
  // Blocks until a job or the end; false at the end.
  bool Pop(int* job) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &JobQueue::HasWorkOrClosed));
    if (jobs_.empty()) return false;
    *job = jobs_.front();
    jobs_.pop_front();
    return true;
  }

 private:
  bool HasWorkOrClosed() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !jobs_.empty() || closed_; }

  absl::Mutex mu_;
  std::deque<int> jobs_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

struct Results {
  absl::Mutex mu;
  absl::CondVar changed;
  int done ABSL_GUARDED_BY(mu) = 0;
  long sum ABSL_GUARDED_BY(mu) = 0;
};

struct Config {
  absl::Mutex mu;
  int factor ABSL_GUARDED_BY(mu) = 0;
};

}  // namespace

int main() {
  JobQueue queue;
  Results results;
  Config config;
  absl::Notification start;
  absl::BlockingCounter finished(kWorkers);
  auto* phase = new absl::Barrier(kWorkers);  // Block() deletes it, for the last one out
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&] {
      start.WaitForNotification();
      int factor;
      {
        absl::ReaderMutexLock lock(&config.mu);
        factor = config.factor;
      }
      if (phase->Block()) delete phase;
      int job;
      while (queue.Pop(&job)) {
        absl::MutexLock lock(&results.mu);
        results.sum += job * factor;
        ++results.done;
        results.changed.Signal();
      }
      finished.DecrementCount();
    });
  }
  {
    absl::MutexLock lock(&config.mu);
    config.factor = 10;
  }
  start.Notify();
  for (int j = 1; j <= kJobs; ++j) queue.Push(j);
  {
    absl::MutexLock lock(&results.mu);
    while (results.done < kJobs) results.changed.WaitWithTimeout(&results.mu, absl::Seconds(1));
  }
  queue.Close();
  finished.Wait();
  for (auto& t : workers) t.join();
  results.mu.LockWhen(absl::Condition(
      +[](int* done) { return *done == kJobs; }, &results.done));
  const bool ok = results.sum == 10 * (1 + 2 + 3 + 4);
  results.mu.Unlock();
  return ok ? 0 : 1;
}
