// Bank accounts opened by the workers themselves: each worker allocates an
// account, takes a number for it from a shared counter, publishes it, then
// transfers to and from the other worker's account. A transfer locks the two
// accounts in the order of their numbers, so no two transfers wait on each
// other in a cycle. Which worker's account gets the lower number, and which
// is allocated first, differ from run to run: the lock order by address does
// too, and a checker that names locks by address across runs sees an
// inversion that is not there. Correct.
// weft-exec-expect: clean
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
  account& first = from.number < to.number ? from : to;
  account& second = from.number < to.number ? to : from;
  std::lock_guard<std::mutex> a(first.m);
  std::lock_guard<std::mutex> b(second.m);
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
