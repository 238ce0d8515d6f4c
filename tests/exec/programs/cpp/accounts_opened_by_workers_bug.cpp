// Bank accounts opened by the workers themselves, as in
// accounts_opened_by_workers_ok.cpp, but a transfer locks the payer's account
// first: one worker's transfer holds its account while it waits for the
// other's, whose transfer holds that one and waits for the first — the
// classic transfer deadlock, between two accounts made on the heap while
// the threads run.
// weft-exec-expect: lock_order_inversion
#include <atomic>
#include <cassert>
#include <mutex>
#include <thread>

struct account {
  std::mutex m;
  int number = 0;
  long balance = 100;
};

std::atomic<int> next_number{0};
std::atomic<account*> opened[2];

void transfer(account& from, account& to, long amount) {
  std::lock_guard<std::mutex> a(from.m);  // the payer first: two opposite
  std::lock_guard<std::mutex> b(to.m);    // transfers wait on each other
  from.balance -= amount;
  to.balance += amount;
}

void worker(int me) {
  auto* mine = new account;
  mine->number = next_number.fetch_add(1);
  opened[me].store(mine);
  account* theirs = nullptr;
  while ((theirs = opened[1 - me].load()) == nullptr) std::this_thread::yield();
  transfer(*mine, *theirs, 10);
  transfer(*theirs, *mine, 5);
}

int main() {
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  assert(opened[0].load()->balance + opened[1].load()->balance == 200);
  delete opened[0].load();
  delete opened[1].load();
  return 0;
}
