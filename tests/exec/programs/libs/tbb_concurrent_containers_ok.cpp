// oneTBB's concurrent containers (libtbb-dev), correct use: two producers
// insert into a concurrent_hash_map under a write accessor, then push the key
// on a concurrent_queue, append to a concurrent_vector and emplace into a
// concurrent_unordered_map; a consumer polls the queue and reads each name
// under a read accessor (the producer's write happened before its push).
// After the joins main checks every container's size.
// weft-exec-expect: clean
#include <oneapi/tbb/concurrent_hash_map.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/concurrent_unordered_map.h>
#include <oneapi/tbb/concurrent_vector.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>
using table = tbb::concurrent_hash_map<int, std::string>;
int main() {
  table names;
  tbb::concurrent_queue<int> jobs;
  tbb::concurrent_bounded_queue<int> done;
  tbb::concurrent_vector<int> log;
  tbb::concurrent_unordered_map<int, int> seen;
  std::vector<std::thread> ts;
  for (int w = 0; w < 2; ++w) {
    ts.emplace_back([&, w] {
      for (int i = 0; i < 3; ++i) {
        table::accessor a;
        names.insert(a, w * 10 + i);
        a->second = "v" + std::to_string(w * 10 + i);
        jobs.push(w * 10 + i);
        log.push_back(i);
        seen.emplace(w * 10 + i, w);
      }
    });
  }
  std::thread consumer([&] {
    int got = 0, j;
    while (got < 6) {
      if (jobs.try_pop(j)) {
        table::const_accessor a;
        if (!names.find(a, j) || a->second != "v" + std::to_string(j)) std::abort();
        done.push(j);
        ++got;
      } else {
        std::this_thread::yield();
      }
    }
  });
  for (auto& t : ts) t.join();
  consumer.join();
  if (done.size() != 6 || log.size() != 6 || seen.size() != 6 || names.size() != 6) std::abort();
  return 0;
}
