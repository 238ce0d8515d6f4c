// Cap'n Proto's KJ library (libkj): the word counts of
// kj_mutex_guarded_ok.cpp, but the reader thread takes a shortcut,
// getWithoutLock().size(), while the workers insert into the map under
// lockExclusive(): the map's size is read and written at once.
// weft-exec-expect: data_race
#include <kj/mutex.h>
#include <kj/thread.h>

#include <cassert>
#include <map>
#include <string>

int main() {
  kj::MutexGuarded<std::map<std::string, int>> counts;
  std::size_t words_seen = 0;
  {
    auto count = [&](const char* word, int times) {
      for (int i = 0; i < times; ++i) {
        auto locked = counts.lockExclusive();
        ++(*locked)[word];
      }
    };
    kj::Thread apples([&] { count("apple", 3); });
    kj::Thread pears([&] { count("pear", 2); });
    kj::Thread reader([&] { words_seen = counts.getWithoutLock().size(); });
  }
  assert(words_seen <= 2);
  assert(counts.lockShared()->at("apple") == 3);
  return 0;
}
