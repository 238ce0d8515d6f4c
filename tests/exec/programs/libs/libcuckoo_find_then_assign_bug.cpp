// libcuckoo's concurrent cuckoo hash map (libcuckoo-dev), a lost update:
// each call is atomic, but a find() followed by insert_or_assign() is not.
// Two threads read the counter, both see 0, both store 1; main then finds 1
// where two increments were made and aborts. upsert() with an update
// function (libcuckoo_ok.cpp) is the correct form.
// weft-exec-expect: crash
#include <cstdlib>
#include <libcuckoo/cuckoohash_map.hh>
#include <string>
#include <thread>

int main() {
  libcuckoo::cuckoohash_map<std::string, int> counts(64);
  counts.insert("hits", 0);
  const auto hit = [&counts] {
    int now = 0;
    counts.find("hits", now);
    counts.insert_or_assign("hits", now + 1);
  };
  std::thread a(hit);
  std::thread b(hit);
  a.join();
  b.join();
  if (counts.find("hits") != 2) std::abort();
  return 0;
}
