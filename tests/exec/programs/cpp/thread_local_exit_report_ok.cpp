// Detached workers report in from a thread_local's destructor, which runs
// when the worker's thread ends: the worker's result is written first, then
// the count of finished workers goes up with a release, and main, waiting on
// that count with atomic::wait, reads every result once it reaches three.
// Correct: each result is written before its worker's release, which main's
// acquire load reads (the three increments form one release sequence).
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <thread>

std::atomic<int> finished{0};
int results[3];

struct exit_report {
  ~exit_report() {
    finished.fetch_add(1, std::memory_order_release);
    finished.notify_one();
  }
};

int main() {
  for (int t = 0; t < 3; ++t) {
    std::thread([t] {
      thread_local exit_report report;
      results[t] = (t + 1) * 10;
    }).detach();
  }
  int seen = 0;
  while ((seen = finished.load(std::memory_order_acquire)) < 3) finished.wait(seen, std::memory_order_acquire);
  assert(results[0] + results[1] + results[2] == 60);
  return 0;
}
