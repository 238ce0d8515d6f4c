// A worker gives up waiting for the lock after a millisecond and updates the
// counter anyway (the result of try_lock_for ignored): when the other holds
// the lock that long, the two increments race. Under weft the timeout is
// logical time, so the schedule where it expires is explored: a data race.
// weft-exec-expect: data_race
#include <chrono>
#include <mutex>
#include <thread>

namespace {
using namespace std::chrono_literals;
std::timed_mutex m;
int counter = 0;

void patient() {
  std::lock_guard lock(m);
  std::this_thread::sleep_for(5ms);
  ++counter;
}

void impatient() {
  const bool locked = m.try_lock_for(1ms);
  ++counter;  // BUG: also when the lock was not taken
  if (locked) m.unlock();
}
}  // namespace

int main() {
  std::thread a(patient), b(impatient);
  a.join();
  b.join();
  return counter == 2 ? 0 : 1;
}
