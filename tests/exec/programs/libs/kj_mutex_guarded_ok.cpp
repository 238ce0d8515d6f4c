// Cap'n Proto's KJ library (libkj): a kj::MutexGuarded<std::map> of word
// counts that two kj::Thread workers update under lockExclusive() while a
// third thread reads it under lockShared(); kj::Thread's destructor joins,
// then main checks the totals. Every access to the map is under the lock.
// Correct.
// weft-exec-expect: clean
#include <kj/mutex.h>
#include <kj/thread.h>

#include <cassert>
#include <map>
#include <string>

int main() {
  kj::MutexGuarded<std::map<std::string, int>> counts;
  int seen_by_reader = -1;
  {
    auto count = [&](const char* word, int times) {
      for (int i = 0; i < times; ++i) {
        auto locked = counts.lockExclusive();
        ++(*locked)[word];
      }
    };
    kj::Thread apples([&] { count("apple", 3); });
    kj::Thread pears([&] { count("pear", 2); });
    kj::Thread reader([&] {
      auto locked = counts.lockShared();
      int total = 0;
      for (const auto& [word, n] : *locked) total += n;
      seen_by_reader = total;
    });
  }
  auto locked = counts.lockShared();
  assert(locked->at("apple") == 3);
  assert(locked->at("pear") == 2);
  assert(seen_by_reader >= 0 && seen_by_reader <= 5);
  return 0;
}
