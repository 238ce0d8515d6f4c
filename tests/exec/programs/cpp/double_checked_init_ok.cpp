// Double-checked initialisation with an atomic pointer: an acquire load
// outside the lock, a relaxed load and a release store inside it. Three
// threads get the same widget, fully built. Correct.
// weft-exec-expect: clean
#include <atomic>
#include <mutex>
#include <thread>

struct widget {
  int value = 42;
};
std::atomic<widget*> instance{nullptr};
std::mutex m;

widget* get() {
  widget* w = instance.load(std::memory_order_acquire);
  if (w == nullptr) {
    std::lock_guard<std::mutex> lock(m);
    w = instance.load(std::memory_order_relaxed);
    if (w == nullptr) {
      w = new widget;
      instance.store(w, std::memory_order_release);
    }
  }
  return w;
}

int main() {
  int seen[3] = {};
  std::thread t0([&] { seen[0] = get()->value; }), t1([&] { seen[1] = get()->value; });
  seen[2] = get()->value;
  t0.join();
  t1.join();
  delete instance.load();
  return seen[0] + seen[1] + seen[2] == 126 ? 0 : 1;
}
