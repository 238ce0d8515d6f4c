// A worker that sees an empty queue calls exit(3) from its thread: weft
// reports the exit status, with the interleaving that led there.
// weft-exec-expect: exit
#include <cstdlib>
#include <mutex>
#include <thread>

namespace {
std::mutex m;
int items = 0;
}  // namespace

int main() {
  std::thread consumer([] {
    std::lock_guard l(m);
    if (items == 0) std::exit(3);
    --items;
  });
  {
    std::lock_guard l(m);
    ++items;
  }
  consumer.join();
  return 0;
}
