// libcuckoo's concurrent cuckoo hash map (libcuckoo-dev), correct use: two
// writers insert their own keys and bump a shared counter with upsert()
// (its update function runs under the bucket locks), a reader looks keys up
// while they arrive. After the joins main checks every key and the count;
// the table's destructor then walks its 2,048 buckets, re-reading the
// table's atomic size at each one with only register work between (alone,
// after the joins: no livelock).
// weft-exec-expect: clean
#include <cstdlib>
#include <libcuckoo/cuckoohash_map.hh>
#include <string>
#include <thread>
#include <vector>

int main() {
  libcuckoo::cuckoohash_map<int, std::string> names(8192);
  libcuckoo::cuckoohash_map<std::string, int> counts(64);
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&names, &counts, w] {
      for (int i = 0; i < 3; ++i) names.insert(w * 10 + i, "v" + std::to_string(w * 10 + i));
      counts.upsert(
          "writes", [](int& n) { n += 3; }, 3);
    });
  }
  std::thread reader([&names] {
    std::string out;
    for (int i = 0; i < 3; ++i) {
      if (names.find(i, out) && out != "v" + std::to_string(i)) std::abort();
    }
  });
  for (std::thread& t : writers) t.join();
  reader.join();
  if (names.size() != 6 || names.find(12) != "v12") std::abort();
  if (counts.find("writes") != 6) std::abort();
  return 0;
}
