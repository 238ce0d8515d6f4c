// Strings and vectors copied under a mutex (libstdc++ copies them with
// memcpy and memmove, which weft's runtime checks), and a record filled with
// memset before the threads start: correct.
// weft-exec-expect: clean
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {
std::mutex m;
std::string last;
std::vector<int> history;
struct record {
  char name[32];
} initial;
}  // namespace

int main() {
  std::memset(&initial, 'a', sizeof initial);
  auto work = [](const char* who) {
    std::string mine(who);
    mine += " wrote a rather long line that does not fit the small string buffer";
    std::lock_guard<std::mutex> lock(m);
    last = mine;
    history.push_back(static_cast<int>(mine.size()));
    std::vector<int> snapshot = history;
    (void)snapshot;
    record copy;
    std::memcpy(&copy, &initial, sizeof copy);
  };
  std::thread a(work, "a");
  std::thread b(work, "b");
  a.join();
  b.join();
  return history.size() == 2 ? 0 : 1;
}
