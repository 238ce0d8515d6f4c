// The standard's other locks, as C++ code uses them: std::scoped_lock over
// two accounts' mutexes taken in opposite orders by two threads (std::lock
// avoids the deadlock), a condition_variable_any waited on with a
// shared_lock of a shared_mutex, and a recursive_mutex taken three deep by
// two threads. Correct.
// weft-exec-expect: clean
#include <condition_variable>
#include <mutex>
#include <shared_mutex>
#include <thread>
struct account {
  std::mutex m;
  int balance = 100;
};
void transfer(account& from, account& to, int amount) {
  std::scoped_lock both(from.m, to.m);  // std::lock: no deadlock whatever the order
  from.balance -= amount;
  to.balance += amount;
}
int main() {
  account a, b;
  std::thread t1([&] {
    for (int i = 0; i < 3; ++i) transfer(a, b, 10);
  });
  std::thread t2([&] {
    for (int i = 0; i < 3; ++i) transfer(b, a, 5);
  });
  t1.join();
  t2.join();
  std::shared_mutex sm;
  std::condition_variable_any cv;
  int version = 0;
  std::thread reader([&] {
    std::shared_lock l(sm);
    cv.wait(l, [&] { return version == 1; });
  });
  {
    std::unique_lock w(sm);
    version = 1;
  }
  cv.notify_all();
  reader.join();
  std::recursive_mutex rm;
  int depth = 0;
  auto nested = [&](auto&& self, int n) -> void {
    std::lock_guard g(rm);
    ++depth;
    if (n > 0) self(self, n - 1);
  };
  std::thread r1([&] { nested(nested, 2); }), r2([&] { nested(nested, 2); });
  r1.join();
  r2.join();
  return a.balance + b.balance == 200 && depth == 6 ? 0 : 1;
}
