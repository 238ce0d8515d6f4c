// Cap'n Proto's KJ library (libkj): the kj::Lazy<std::string> of
// kj_lazy_shared_ok.cpp, but the second caller appends to the string the
// Lazy handed out while the first reads its size: get() orders each caller
// after the initializer, not after each other.
// weft-exec-expect: data_race
#include <kj/mutex.h>
#include <kj/thread.h>

#include <cassert>
#include <string>

int main() {
  kj::Lazy<std::string> greeting;
  std::size_t length = 0;
  {
    auto init = [](kj::SpaceFor<std::string>& space) { return space.construct("hello"); };
    kj::Thread reader([&] { length = greeting.get(init).size(); });
    kj::Thread writer([&] { greeting.get(init) += " world"; });
  }
  assert(length == 5 || length == 11);
  return 0;
}
