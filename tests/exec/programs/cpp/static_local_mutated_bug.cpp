// A function-local static is initialised safely, but every thread then
// appends to it without a lock: a data race on the vector (its
// initialisation is not the bug and is not reported).
// weft-exec-expect: data_race
#include <thread>
#include <vector>

namespace {
std::vector<int>& log() {
  static std::vector<int> entries(4);
  return entries;
}
}  // namespace

int main() {
  std::thread a([] { log()[0] = 1; });  // BUG: unsynchronised writes...
  std::thread b([] { log()[0] = 2; });  // ...to the same element
  a.join();
  b.join();
  return 0;
}
