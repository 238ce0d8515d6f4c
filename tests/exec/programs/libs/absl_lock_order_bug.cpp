// Two accounts, each with its absl::Mutex; a transfer locks the source
// then the destination, so two opposite transfers can each hold one lock
// and wait for the other: the classic lock-order inversion, through
// Abseil's Mutex.
// weft-exec-expect: deadlock|lock_order_inversion
#include <thread>

#include "absl/synchronization/mutex.h"

namespace {

struct Account {
  absl::Mutex mu;
  long balance ABSL_GUARDED_BY(mu) = 100;
};

void Transfer(Account& from, Account& to, long amount) {
  absl::MutexLock take(&from.mu);  // BUG: no global order between the two locks
  absl::MutexLock give(&to.mu);
  from.balance -= amount;
  to.balance += amount;
}

}  // namespace

int main() {
  Account a, b;
  std::thread one([&] { Transfer(a, b, 10); });
  std::thread two([&] { Transfer(b, a, 20); });
  one.join();
  two.join();
  return 0;
}
