// thread_local_exit_report_ok.cpp with the destructor writing the worker's
// result itself, after its release: main, woken by the count, reads a
// result the last worker may still be writing. A data race on `results`.
// weft-exec-expect: data_race
#include <atomic>
#include <thread>

std::atomic<int> finished{0};
int results[3];

struct exit_report {
  int slot = 0;
  ~exit_report() {
    finished.fetch_add(1, std::memory_order_release);
    finished.notify_one();
    results[slot] = (slot + 1) * 10;  // BUG: after the release that says this worker is done
  }
};

int main() {
  for (int t = 0; t < 3; ++t) {
    std::thread([t] {
      thread_local exit_report report;
      report.slot = t;
    }).detach();
  }
  int seen = 0;
  while ((seen = finished.load(std::memory_order_acquire)) < 3) finished.wait(seen, std::memory_order_acquire);
  return results[0] + results[1] + results[2] == 60 ? 0 : 1;
}
