// xenium (libxenium-dev): a left-right wrapped std::map; a writer inserts
// entries with update(), two readers look them up with read(). Correct.
// weft-exec-expect: clean
#include <xenium/left_right.hpp>

#include <cassert>
#include <map>
#include <string>
#include <thread>

int main() {
  xenium::left_right<std::map<int, std::string>> table;
  std::thread writer([&] {
    for (int i = 0; i < 3; ++i)
      table.update([i](std::map<int, std::string> &m) {
        m[i] = std::string(i + 1, 'x');
      });
  });
  auto reader = [&] {
    std::size_t seen = 0;
    for (int i = 0; i < 3; ++i) {
      seen += table.read([i](const std::map<int, std::string> &m) {
        auto it = m.find(i);
        return it == m.end() ? std::size_t{0} : it->second.size();
      });
    }
    assert(seen <= 6);
  };
  std::thread r1(reader), r2(reader);
  writer.join();
  r1.join();
  r2.join();
}
