// A correct program whose shape the schedule does not decide: two or three
// threads, by a byte read from /dev/urandom (the kernel's randomness, which
// weft exec does not replay when a program reads the device itself). Any strategy finds it clean;
// a systematic one (dfs, ipb, idb) replays prefixes that no longer fit, and
// must say so rather than claim the space covered (exec_programs_test's
// ExecNondeterministic).
// weft-exec-expect: clean
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

int main() {
  unsigned char byte = 0;
  if (std::FILE* device = std::fopen("/dev/urandom", "rb")) {
    if (std::fread(&byte, 1, 1, device) != 1) byte = 0;
    std::fclose(device);
  }
  const unsigned threads = 2 + byte % 2;
  std::atomic<int> total{0};
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) {
    workers.emplace_back([&total] {
      for (int step = 0; step < 3; ++step) total.fetch_add(1);
    });
  }
  for (std::thread& t : workers) t.join();
  return total.load() == static_cast<int>(3 * threads) ? 0 : 1;
}
