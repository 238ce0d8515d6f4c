// libcds (libcds-dev, the Concurrent Data Structures library): threads
// attach to the hazard-pointer collector, push a heap job onto a lock-free
// MSQueue and detach, as its documentation says each thread must; main
// pops and reads them. When one producer detaches before the other
// attaches, libcds hands the first one's thread record (its guards) to the
// second, inside libcds.so.
// weft-exec-expect: clean
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
      auto produce = [&queue](int first) {
        cds::threading::Manager::attachThread();
        queue.push(new job{first, 2 * first});
        cds::threading::Manager::detachThread();
      };
      std::thread producer1(produce, 1), producer2(produce, 2);
      producer1.join();
      producer2.join();
      job* j = nullptr;
      while (queue.pop(j)) {
        if (j->twice == 2 * j->number) sum += j->number;
        delete j;
      }
    }
    cds::threading::Manager::detachThread();
  }
  cds::Terminate();
  return sum == 3 ? 0 : 1;
}
