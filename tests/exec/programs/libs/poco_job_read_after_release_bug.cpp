// Poco's reference-counted notifications shared between a queue and the
// threads that work on them (as poco_notification_queues_ok.cpp). The bug:
// a worker keeps a plain pointer to its job, drops its reference, then
// reads the job, which the log queue's clear() may have deleted by then.
// weft-exec-expect: data_race|misuse/use_after_free
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
    const Job* mine = job.get();
    job = nullptr;  // done with it... too early
    answer = static_cast<long>(mine->input) * mine->input;
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
