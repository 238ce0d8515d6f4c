// xenium (libxenium-dev): Vyukov's bounded MPMC queue (capacity 2) between
// two producers and two consumers, values carrying a struct by value.
// Correct.
// weft-exec-expect: clean
#include <xenium/vyukov_bounded_queue.hpp>

#include <atomic>
#include <cassert>
#include <thread>
#include <vector>

struct reading {
  int sensor;
  double value;
};

int main() {
  xenium::vyukov_bounded_queue<reading> q(2);
  std::atomic<int> popped{0};
  std::atomic<int> sensors_sum{0};
  std::vector<std::thread> threads;
  for (int p = 0; p < 2; ++p)
    threads.emplace_back([&, p] {
      for (int i = 0; i < 2; ++i) {
        while (!q.try_push(reading{p + 1, 0.5 * i}))
          std::this_thread::yield();
      }
    });
  for (int c = 0; c < 2; ++c)
    threads.emplace_back([&] {
      reading r;
      while (popped.load() < 4) {
        if (q.try_pop(r)) {
          sensors_sum += r.sensor;
          ++popped;
        } else {
          std::this_thread::yield();
        }
      }
    });
  for (auto &t : threads)
    t.join();
  assert(sensors_sum.load() == 2 * (1 + 2));
}
