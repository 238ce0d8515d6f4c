// Cap'n Proto's KJ library (libkj): a kj::Lazy<std::string> that two threads
// get() at once (the first runs the initializer, kj::_::Once inside libkj
// makes the other wait), then each reads the string; and a
// MutexGuarded<int> when() with a timeout that a setter thread satisfies
// (or not in time: then main waits without one).
// Correct.
// weft-exec-expect: clean
#include <kj/mutex.h>
#include <kj/thread.h>
#include <kj/time.h>

#include <cassert>
#include <string>

int main() {
  kj::Lazy<std::string> greeting;
  int inits = 0;
  kj::MutexGuarded<int> ready(0);
  std::size_t lengths[2] = {0, 0};
  {
    auto use = [&](int self) {
      const std::string& s = greeting.get([&](kj::SpaceFor<std::string>& space) {
        ++inits;
        return space.construct("hello from the first caller");
      });
      lengths[self] = s.size();
    };
    kj::Thread first([&] { use(0); });
    kj::Thread second([&] { use(1); });
    kj::Thread setter([&] { *ready.lockExclusive() = 7; });
    auto set = [](const int& v) { return v != 0; };
    auto value = [](int& v) { return v; };
    int seen = ready.when(set, value, 5 * kj::SECONDS);  // 0 when the setter took longer
    if (seen == 0) seen = ready.when(set, value);
    assert(seen == 7);
  }
  assert(inits == 1);
  assert(lengths[0] == lengths[1] && lengths[0] > 0);
  return 0;
}
