// xenium (libxenium-dev): a Michael-Scott queue with epoch-based
// reclamation; two producers push 1..N each, two consumers pop until they
// have seen 2N values. Correct.
// weft-exec-expect: clean
#include <array> // before xenium: its epoch-based reclamation uses std::array without including it
#include <xenium/michael_scott_queue.hpp>
#include <xenium/reclamation/generic_epoch_based.hpp>

#include <atomic>
#include <cassert>
#include <thread>
#include <vector>

using queue = xenium::michael_scott_queue<
    int, xenium::policy::reclaimer<xenium::reclamation::epoch_based<>>>;

int main() {
  constexpr int per_producer = 3;
  queue q;
  std::atomic<int> taken{0};
  std::atomic<long> sum{0};
  std::vector<std::thread> threads;
  for (int p = 0; p < 2; ++p)
    threads.emplace_back([&] {
      for (int i = 1; i <= per_producer; ++i)
        q.push(i);
    });
  for (int c = 0; c < 2; ++c)
    threads.emplace_back([&] {
      int v;
      while (taken.load() < 2 * per_producer) {
        if (q.try_pop(v)) {
          sum += v;
          ++taken;
        } else {
          std::this_thread::yield();
        }
      }
    });
  for (auto &t : threads)
    t.join();
  assert(sum.load() == 2 * (per_producer * (per_producer + 1) / 2));
}
