// std::timed_mutex and std::shared_timed_mutex with timeouts, retried until
// they succeed: libstdc++ calls pthread_mutex_clocklock and
// pthread_rwlock_clock{rd,wr}lock, which weft takes as timed locks under
// logical time (before, the real ones ran on the program's lock behind
// weft's back: a false `misuse` for the mutex, a hang for the rwlock).
// weft-exec-expect: clean
#include <cassert>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <thread>

namespace {
using namespace std::chrono_literals;
std::timed_mutex exclusive;
std::shared_timed_mutex shared;
int counter = 0;
int table = 0;

void work() {
  for (int i = 0; i < 2; ++i) {
    while (!exclusive.try_lock_for(1ms)) {
    }
    ++counter;
    exclusive.unlock();
    while (!shared.try_lock_until(std::chrono::steady_clock::now() + 1ms)) {
    }
    ++table;
    shared.unlock();
    while (!shared.try_lock_shared_for(1ms)) {
    }
    assert(table > 0);
    shared.unlock_shared();
  }
}
}  // namespace

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  assert(counter == 4 && table == 4);
}
