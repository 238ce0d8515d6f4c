// A cache guarded by a std::shared_mutex, shared by its users through
// shared_ptr copies: main lets go of it at once, and whichever worker drops
// the last reference destroys it, shared_mutex and all, after every other
// worker's last lock (the reference count's release and acquire order
// them). Correct.
// weft-exec-expect: clean
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

struct cache {
  mutable std::shared_mutex m;
  std::map<int, std::string> entries;
  std::string get(int key) const {
    std::shared_lock lock(m);
    const auto it = entries.find(key);
    return it == entries.end() ? std::string() : it->second;
  }
  void put(int key, std::string value) {
    std::unique_lock lock(m);
    entries[key] = std::move(value);
  }
};

int main() {
  auto shared = std::make_shared<cache>();
  std::vector<std::thread> workers;
  for (int i = 0; i < 3; ++i) {
    workers.emplace_back([shared, i] {
      shared->put(i, std::to_string(i));
      (void)shared->get((i + 1) % 3);
    });
  }
  shared.reset();
  for (auto& t : workers) t.join();
  return 0;
}
