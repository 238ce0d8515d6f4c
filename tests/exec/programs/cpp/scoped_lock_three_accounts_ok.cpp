// Two threads move money around three accounts, each taking all three
// accounts' mutexes with one std::scoped_lock, in rotated orders (0,1,2)
// and (1,2,0): std::lock's deadlock avoidance (lock one, try the others,
// back off and start with the one that failed). Correct. (Before, PCT's
// fixed priorities held the two threads in a lockstep of lock, failed
// try_lock and back-off that real threads leave almost surely, and weft
// reported a false livelock.)
// weft-exec-expect: clean
#include <cassert>
#include <mutex>
#include <thread>

std::mutex accounts_lock[3];
int balance[3] = {100, 100, 100};

void rotate(int from, int to_a, int to_b) {
  for (int i = 0; i < 2; ++i) {
    std::scoped_lock all(accounts_lock[from], accounts_lock[to_a], accounts_lock[to_b]);
    balance[from] -= 10;
    balance[to_a] += 5;
    balance[to_b] += 5;
  }
}

int main() {
  std::thread first(rotate, 0, 1, 2);
  std::thread second(rotate, 1, 2, 0);
  first.join();
  second.join();
  assert(balance[0] + balance[1] + balance[2] == 300);
  return 0;
}
