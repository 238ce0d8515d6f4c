// xenium (libxenium-dev): Ramalhete's queue of pointers with hazard-pointer
// reclamation. The bug: the producer stamps each job's priority after it
// has pushed the job, while the consumer may already be reading it.
// weft-exec-expect: data_race
#include <xenium/ramalhete_queue.hpp>
#include <xenium/reclamation/hazard_pointer.hpp>

#include <cassert>
#include <thread>

struct job {
  int id;
  int priority = 0;
};

using queue = xenium::ramalhete_queue<
    job *,
    xenium::policy::reclaimer<xenium::reclamation::hazard_pointer<>::with<
        xenium::policy::allocation_strategy<
            xenium::reclamation::hp_allocation::static_strategy<2>>>>>;

int main() {
  constexpr int jobs = 2;
  job all[jobs] = {{0}, {1}};
  queue q;
  std::thread producer([&] {
    for (job &j : all) {
      q.push(&j);
      j.priority = 10 + j.id; // too late: j is published
    }
  });
  long total = 0;
  std::thread consumer([&] {
    int seen = 0;
    while (seen < jobs) {
      job *j = nullptr;
      if (q.try_pop(j)) {
        total += j->priority;
        ++seen;
      } else {
        std::this_thread::yield();
      }
    }
  });
  producer.join();
  consumer.join();
  return total > 100 ? 1 : 0;
}
