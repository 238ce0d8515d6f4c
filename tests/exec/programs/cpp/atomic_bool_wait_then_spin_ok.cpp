// std::atomic<bool>::wait, which libstdc++ waits on through the version
// count of its waiter pool (a bool is not a futex word), and a notifier
// that spins on another atomic after its notify_one(). Correct: clean in
// every schedule. It guards what weft takes for "inside std::atomic::wait"
// (a thread's count in the pool's waiter counts, where its looks and yields
// do not give way): the notify adds to the pool's version count, not to a
// waiter count, so the notifier's own spin still gives way.
// weft-exec-expect: clean
#include <atomic>
#include <thread>

std::atomic<bool> go{false};
std::atomic<int> done{0};

int main() {
  std::thread waiter([] {
    go.wait(false);
    done.store(1);
  });
  go.store(true);
  go.notify_one();
  while (done.load() == 0) {
  }
  waiter.join();
}
