// libcds: a producer pushes a job onto a lock-free MSQueue and fills in
// its second field afterwards, while a consumer may already have popped
// and read it: a data race.
// weft-exec-expect: data_race
#include <cds/container/msqueue.h>
#include <cds/gc/hp.h>
#include <cds/init.h>

#include <thread>

struct job {
  int number;
  int twice;
};

using job_queue = cds::container::MSQueue<cds::gc::HP, job*>;

int main() {
  cds::Initialize();
  int sum = 0;
  {
    cds::gc::HP collector;
    cds::threading::Manager::attachThread();
    {
      job_queue queue;
      std::thread producer([&queue] {
        cds::threading::Manager::attachThread();
        job* j = new job{1, 0};
        queue.push(j);
        j->twice = 2;  // after it was handed over
        cds::threading::Manager::detachThread();
      });
      std::thread consumer([&queue, &sum] {
        cds::threading::Manager::attachThread();
        job* j = nullptr;
        while (!queue.pop(j)) std::this_thread::yield();
        sum = j->number + j->twice;
        cds::threading::Manager::detachThread();
      });
      producer.join();
      consumer.join();
    }
    cds::threading::Manager::detachThread();
  }
  cds::Terminate();
  return sum >= 1 ? 0 : 1;
}
