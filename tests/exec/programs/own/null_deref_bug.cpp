// A reader dereferences a pointer another thread has not published yet
// (checked with an atomic, so no data race): a segmentation fault in some
// interleavings, reported as a crash with its schedule.
// weft-exec-expect: crash
#include <atomic>
#include <thread>

namespace {
struct config {
  int value = 1;
};
std::atomic<config*> current{nullptr};
}  // namespace

int main() {
  std::thread writer([] { current.store(new config); });
  std::thread reader([] {
    config* c = current.load();
    volatile int v = c->value;  // null before the writer ran
    (void)v;
  });
  writer.join();
  reader.join();
  delete current.load();
  return 0;
}
