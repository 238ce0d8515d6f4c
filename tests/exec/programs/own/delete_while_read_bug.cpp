// The main thread deletes a settings object as soon as it has started the
// reader, which may still be reading it: a data race between the read and
// the delete (on real threads, a read of freed memory when the delete wins).
// weft-exec-expect: data_race
#include <string>
#include <thread>

namespace {
struct settings {
  int retries = 3;
  std::string name = "primary";
};
}  // namespace

int main() {
  auto* s = new settings;
  std::thread reader([s] {
    volatile int r = s->retries;  // may run after the delete below
    (void)r;
  });
  delete s;  // BUG: not after reader.join()
  reader.join();
  return 0;
}
