// A worker that may leave with pthread_exit from deep inside a job, written
// as C++ code that also uses POSIX thread exits does: a handler for
// abi::__forced_unwind does its cleanup and rethrows (the idiom libstdc++'s
// own futures use), a catch (...) that logs rethrows too, and the unwinding
// runs the destructors of the lock guard and of a RAII counter on its way.
// main then takes the lock and checks that only the right handlers ran.
// Under weft exec pthread_exit's unwinding was a plain exception: the
// abi::__forced_unwind handler did not match it, the catch (...) meant for
// the job's own errors took it (an abort() here, a crash finding on a
// correct program).
// weft-exec-expect: clean
#include <cxxabi.h>
#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace {

std::mutex jobs_lock;
int jobs_done = 0;
std::atomic<int> forced_unwinds_seen{0};
std::atomic<int> logged_and_rethrown{0};
std::atomic<int> job_errors{0};
std::atomic<int> live_scratch{0};

struct scratch {  // a resource the job holds while it runs
  scratch() { live_scratch.fetch_add(1); }
  ~scratch() { live_scratch.fetch_sub(1); }
  scratch(const scratch&) = delete;
  scratch& operator=(const scratch&) = delete;
};

void run_job(int id) {
  const scratch buffer;
  const std::lock_guard<std::mutex> hold(jobs_lock);
  ++jobs_done;
  if (id == 2) pthread_exit(nullptr);  // the job asks its thread to stop, lock held
  if (id == 3) throw std::runtime_error("job 3 failed");
}

void* worker_with_forced_unwind_handler(void* arg) {
  const int id = static_cast<int>(reinterpret_cast<std::intptr_t>(arg));
  try {
    run_job(id);
  } catch (abi::__forced_unwind&) {
    forced_unwinds_seen.fetch_add(1);
    throw;  // must go on: the thread is ending
  } catch (...) {
    job_errors.fetch_add(1);  // the job's own failure: handled, the thread goes on
  }
  return nullptr;
}

void* worker_logging_everything(void* arg) {
  try {
    run_job(static_cast<int>(reinterpret_cast<std::intptr_t>(arg)));
  } catch (...) {
    logged_and_rethrown.fetch_add(1);
    throw;
  }
  return nullptr;
}

}  // namespace

int main() {
  pthread_t a, b, c;
  pthread_create(&a, nullptr, worker_with_forced_unwind_handler, reinterpret_cast<void*>(std::intptr_t{2}));
  pthread_create(&b, nullptr, worker_with_forced_unwind_handler, reinterpret_cast<void*>(std::intptr_t{3}));
  pthread_create(&c, nullptr, worker_logging_everything, reinterpret_cast<void*>(std::intptr_t{2}));
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  pthread_join(c, nullptr);
  const std::lock_guard<std::mutex> hold(jobs_lock);  // released by the exits' unwinding
  if (jobs_done != 3 || forced_unwinds_seen != 1 || logged_and_rethrown != 1 || job_errors != 1 || live_scratch != 0) {
    std::fprintf(stderr, "jobs %d, forced unwinds %d, logged %d, job errors %d, scratch %d\n", jobs_done,
                 forced_unwinds_seen.load(), logged_and_rethrown.load(), job_errors.load(), live_scratch.load());
    std::abort();
  }
  std::puts("ok");
  return 0;
}
