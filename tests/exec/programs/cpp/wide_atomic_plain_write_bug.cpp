// Two threads update a {version, value} pair held in a 16-byte
// std::atomic<Pair>: one with compare_exchange, the other resets it with a
// memset of its bytes, which is a plain write racing with the atomic
// accesses (ThreadSanitizer misses it: clang-14 compiles the 16-byte atomic
// to calls into libatomic, which neither tool saw before).
// weft-exec-expect: data_race
#include <atomic>
#include <cstdio>
#include <cstring>
#include <thread>

struct Pair {
  long version;
  long value;
};

std::atomic<Pair> state{Pair{0, 0}};

int main() {
  std::thread updater([] {
    Pair seen = state.load();
    while (!state.compare_exchange_weak(seen, Pair{seen.version + 1, seen.value + 10})) {
    }
  });
  std::thread resetter([] { std::memset(static_cast<void*>(&state), 0, sizeof state); });  // not atomic
  updater.join();
  resetter.join();
  std::printf("%ld\n", state.load().value);
}
