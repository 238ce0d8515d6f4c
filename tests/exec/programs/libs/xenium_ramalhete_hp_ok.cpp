// xenium (libxenium-dev): Ramalhete's queue of pointers with hazard-pointer
// reclamation; a producer pushes heap-allocated jobs it filled, a consumer
// pops them, reads them and deletes them. Correct.
// weft-exec-expect: clean
#include <xenium/ramalhete_queue.hpp>
#include <xenium/reclamation/hazard_pointer.hpp>

#include <cassert>
#include <thread>

struct job {
  int id;
  long payload;
};

using queue = xenium::ramalhete_queue<
    job *,
    xenium::policy::reclaimer<xenium::reclamation::hazard_pointer<>::with<
        xenium::policy::allocation_strategy<
            xenium::reclamation::hp_allocation::static_strategy<2>>>>>;

int main() {
  constexpr int jobs = 4;
  queue q;
  std::thread producer([&] {
    for (int i = 0; i < jobs; ++i)
      q.push(new job{i, 100L * i});
  });
  long total = 0;
  std::thread consumer([&] {
    int seen = 0;
    while (seen < jobs) {
      job *j = nullptr;
      if (q.try_pop(j)) {
        total += j->payload;
        delete j;
        ++seen;
      } else {
        std::this_thread::yield();
      }
    }
  });
  producer.join();
  consumer.join();
  assert(total == 100L * (0 + 1 + 2 + 3));
}
