// A price table behind an absl::Mutex: lookups take it with ReaderMutexLock,
// and Quote() calls Price(), which takes the reader lock again. Abseil's
// locks are not reentrant, and a reader waits behind a writer blocked in
// WriterLock ("ReaderLock() may block even if the lock is held in shared
// mode", absl/synchronization/mutex.h): once the updater waits between the
// two, the second ReaderLock waits for it and it for the first. A deadlock,
// clean under weft before it gave Abseil's readers that rule.
// weft-exec-expect: deadlock
#include <cstdio>
#include <map>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"

namespace {

absl::Mutex mu;
std::map<std::string, int> prices ABSL_GUARDED_BY(mu) = {{"tea", 3}, {"cake", 5}};

int Price(const std::string& item) {
  absl::ReaderMutexLock lock(&mu);  // again, from Quote()
  const auto found = prices.find(item);
  return found == prices.end() ? 0 : found->second;
}

int Quote(const std::string& a, const std::string& b) {
  absl::ReaderMutexLock lock(&mu);
  return Price(a) + Price(b);
}

}  // namespace

int main() {
  int total = 0;
  std::thread customer([&] { total = Quote("tea", "cake"); });
  std::thread updater([] {
    absl::WriterMutexLock lock(&mu);
    prices["tea"] = 4;
  });
  customer.join();
  updater.join();
  std::printf("quote %d\n", total);
  return 0;
}
