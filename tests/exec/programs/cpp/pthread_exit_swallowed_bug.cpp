// A worker guards its job with catch (...) so that no failure escapes the
// thread, and the job leaves with pthread_exit: the catch swallows the
// thread's forced unwinding. glibc does not let a thread's exit be
// cancelled: at the end of that handler it aborts the whole process
// ("FATAL: exception not rethrown"). Under weft exec the worker went on as
// if its job had returned (a clean run). A `crash` finding now.
// weft-exec-expect: crash
#include <pthread.h>

#include <atomic>
#include <cstdio>

namespace {

std::atomic<int> finished_jobs{0};

void job(int n) {
  if (n == 3) pthread_exit(nullptr);  // the job decides its thread is done
  finished_jobs.fetch_add(1);
}

void* worker(void*) {
  for (int n = 0; n < 5; ++n) {
    try {
      job(n);
    } catch (...) {  // BUG: swallows pthread_exit's unwinding too
      std::fputs("job failed, going on\n", stderr);
    }
  }
  return nullptr;
}

}  // namespace

int main() {
  pthread_t t;
  pthread_create(&t, nullptr, worker, nullptr);
  pthread_join(t, nullptr);
  std::printf("%d jobs\n", finished_jobs.load());
  return 0;
}
