// std::thread, std::mutex, std::condition_variable, std::call_once,
// thread_local and a release/acquire flag, all used correctly, but the flag is stored and loaded relaxed: the plain value races.
// weft-exec-expect: data_race
#include <atomic>
#include <cassert>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace {
std::mutex m;
std::condition_variable cv;
bool ready = false;
int data = 0;
std::once_flag once;
int init_count = 0;
thread_local int mine = 0;
std::atomic<int> flag{0};
int published = 0;
}  // namespace

int main() {
  std::vector<std::thread> threads;
  threads.emplace_back([] {
    std::call_once(once, [] { ++init_count; });
    mine = 1;
    std::lock_guard l(m);
    data = 42;
    ready = true;
    cv.notify_one();
  });
  threads.emplace_back([] {
    std::call_once(once, [] { ++init_count; });
    assert(mine == 0);
    std::unique_lock l(m);
    cv.wait(l, [] { return ready; });
    assert(data == 42);
  });
  threads.emplace_back([] {
    published = 7;
    flag.store(1, std::memory_order_relaxed);
  });
  threads.emplace_back([] {
    if (flag.load(std::memory_order_relaxed) == 1) assert(published == 7);
  });
  for (auto& t : threads) t.join();
  assert(init_count == 1);
  return 0;
}
