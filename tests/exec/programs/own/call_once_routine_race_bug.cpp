// What a std::call_once routine writes is the program's own memory: a thread
// that reads it without calling call_once itself races with the routine. (The
// runtime runs pthread_once's routine as program code, checked like the rest.)
// weft-exec-expect: data_race
#include <mutex>
#include <thread>

namespace {
std::once_flag once;
int config = 0;
}  // namespace

int main() {
  std::thread init([] { std::call_once(once, [] { config = 42; }); });
  std::thread reader([] {
    volatile int seen = config;  // BUG: no call_once, no lock
    (void)seen;
  });
  init.join();
  reader.join();
  return 0;
}
