// Workers count their jobs under an absl::Mutex, but the "jobs seen" tally
// for the progress line is bumped outside it: ABSL_GUARDED_BY would have
// caught it at compile time with clang's -Wthread-safety, this build has
// no annotation on it. A data race weft must find through Abseil's locks.
// weft-exec-expect: data_race
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace {

absl::Mutex mu;
int done ABSL_GUARDED_BY(mu) = 0;
int seen = 0;  // BUG: updated by every worker without the lock

void Work() {
  for (int i = 0; i < 2; ++i) {
    ++seen;
    absl::MutexLock lock(&mu);
    ++done;
  }
}

}  // namespace

int main() {
  std::vector<std::thread> workers;
  for (int w = 0; w < 2; ++w) workers.emplace_back(Work);
  for (auto& t : workers) t.join();
  absl::MutexLock lock(&mu);
  return done == 4 && seen == 4 ? 0 : 1;
}
