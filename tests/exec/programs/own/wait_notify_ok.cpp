// Futex-based waits in libstdc++: std::atomic::wait/notify_one,
// std::counting_semaphore and std::latch, used correctly.
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <latch>
#include <semaphore>
#include <thread>

int main() {
  std::atomic<int> stage{0};
  std::counting_semaphore<2> slots(0);
  std::latch done(2);
  int a = 0, b = 0;
  std::thread t1([&] {
    a = 1;
    stage.store(1);
    stage.notify_one();
    slots.release();
    done.count_down();
  });
  std::thread t2([&] {
    stage.wait(0);
    assert(a == 1);
    slots.acquire();
    b = 2;
    done.count_down();
  });
  done.wait();
  assert(b == 2);
  t1.join();
  t2.join();
  return 0;
}
