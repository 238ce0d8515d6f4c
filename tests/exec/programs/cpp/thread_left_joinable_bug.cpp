// A worker thread is started in a helper that returns without joining or
// detaching it: std::thread's destructor calls std::terminate(), and the
// program aborts in every run; the report must say where, and why.
// weft-exec-expect: misuse/destroy_joinable
#include <atomic>
#include <cstdio>
#include <thread>

std::atomic<int> started{0};

void start_worker() {
  std::thread worker([] { started.fetch_add(1); });
  // forgot worker.join()
}

int main() {
  start_worker();
  std::printf("%d\n", started.load());
  return 0;
}
