// Poco's reference-counted notifications shared between a queue and the
// threads that work on them: main makes each job a Poco::Notification,
// hands it to a worker (a Poco::Runnable holding a Poco::AutoPtr to it)
// and posts it to a log queue too; then it starts the workers and clears
// the log queue while they run. A worker reads its job, answers in a slot
// of its own and drops its reference; whichever thread drops a job's last
// reference deletes it: the worker, or libPocoFoundation inside clear().
// The count, an acq_rel atomic, orders every read of a job before its
// delete. Correct.
// weft-exec-expect: clean
#include <Poco/AutoPtr.h>
#include <Poco/Notification.h>
#include <Poco/NotificationQueue.h>
#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <cstdio>

struct Job : Poco::Notification {
  explicit Job(int n) : input(n) {}
  int input;
};

struct Worker : Poco::Runnable {
  void run() override {
    answer = static_cast<long>(job->input) * job->input;
    job = nullptr;  // done with it
  }
  Poco::AutoPtr<Job> job;
  long answer = 0;  // read by main after the join
};

int main() {
  static Worker workers[3];
  Poco::NotificationQueue log;
  for (int i = 0; i < 3; ++i) {
    Poco::AutoPtr<Job> job(new Job(i + 1));
    workers[i].job = job;
    log.enqueueNotification(job);
  }
  Poco::Thread threads[3];
  for (int i = 0; i < 3; ++i) threads[i].start(workers[i]);
  log.clear();  // the log's references, dropped inside the library
  for (auto& t : threads) t.join();
  const long total = workers[0].answer + workers[1].answer + workers[2].answer;
  if (total != 1 + 4 + 9) {
    std::printf("total %ld\n", total);
    return 1;
  }
  return 0;
}
