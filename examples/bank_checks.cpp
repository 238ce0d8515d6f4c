// An outside project's checks: its own code, weft's primitives, and the whole
// `weft` command line from weft::main. `./bank_checks run` exits 0 when the
// ordered transfers are clean and the unordered ones deadlock, as declared.
#include <mutex>

#include <weft/weft.hpp>

namespace {

struct account {
  weft::mutex m;
  weft::var<long> balance{100};
  int id = 0;
};

void transfer_ordered(account& from, account& to, long amount) {
  account& first = from.id < to.id ? from : to;
  account& second = from.id < to.id ? to : from;
  std::scoped_lock lock(first.m, second.m);
  from.balance = from.balance.load() - amount;
  to.balance = to.balance.load() + amount;
}

void transfer_unordered(account& from, account& to, long amount) {
  std::lock_guard a(from.m);
  std::lock_guard b(to.m);
  from.balance = from.balance.load() - amount;
  to.balance = to.balance.load() + amount;
}

template <class Transfer>
void two_way(Transfer transfer) {
  account x, y;
  x.id = 1;
  y.id = 2;
  weft::thread t1([&] { transfer(x, y, 10); });
  weft::thread t2([&] { transfer(y, x, 20); });
  t1.join();
  t2.join();
  WEFT_ASSERT(x.balance.load() + y.balance.load() == 200, "money created or destroyed");
}

}  // namespace

WEFT_SCENARIO("bank/ordered") { two_way(transfer_ordered); }

WEFT_SCENARIO_EXPECT("bank/unordered", weft::finding_kind::deadlock, weft::finding_kind::lock_order_inversion) {
  two_way(transfer_unordered);
}
