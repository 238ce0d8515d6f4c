// CAF (libcaf-dev 0.17): four worker actors each fill their own slot of a
// table and quit; main waits for every actor with
// actor_system::await_all_actors_done() and then reads the table. Correct:
// an actor's end comes before the wait's return.
// weft-exec-expect: clean
#include <array>
#include <caf/all.hpp>
#include <cstdio>

using namespace caf;

std::array<long, 4> table{};  // slot i: worker i's result

void worker(event_based_actor* self, int i) {
  long sum = 0;
  for (int k = 1; k <= 10 * (i + 1); ++k) sum += k;
  table[i] = sum;
  self->quit();
}

void caf_main(actor_system& sys) {
  for (int i = 0; i < 4; ++i) sys.spawn(worker, i);
  sys.await_all_actors_done();
  long total = 0;
  for (long x : table) total += x;
  std::printf("total %ld\n", total);  // 55 + 210 + 465 + 820
}

CAF_MAIN()
