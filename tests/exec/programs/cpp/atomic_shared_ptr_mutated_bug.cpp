// A configuration published through std::atomic<std::shared_ptr>, then
// changed in place by its writer through the pointer it kept: a reader
// that loaded it reads the fields while they are written. A data race on
// the configuration (the atomic pointer orders only what came before the
// store).
// weft-exec-expect: data_race
#include <atomic>
#include <memory>
#include <thread>

struct config {
  int version;
  int limit;
};

int seen_limit = 0;

int main() {
  std::atomic<std::shared_ptr<config>> current{std::make_shared<config>(config{1, 10})};
  std::thread writer([&] {
    auto next = std::make_shared<config>(config{2, 20});
    current.store(next);
    next->limit = 30;  // BUG: changed after it was published
  });
  std::thread reader([&] {
    auto c = current.load();
    seen_limit = c->limit;
  });
  writer.join();
  reader.join();
  return seen_limit > 0 ? 0 : 1;
}
