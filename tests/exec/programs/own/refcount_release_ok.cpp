// The reference-counted buffer of refcount_release_early_bug.cpp used as it
// should be: each thread drops its reference after its last use, with
// acq_rel so that whoever deletes sees every other use finished; and a
// shared_ptr handed to a detached-style worker that outlives its creator's
// reference. No use after free, no race. Correct.
// weft-exec-expect: clean
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

struct shared_buffer {
  std::atomic<int> references{2};
  int values[4] = {1, 2, 3, 4};
};

void release(shared_buffer* b) {
  if (b->references.fetch_sub(1, std::memory_order_acq_rel) == 1) delete b;
}

int main() {
  auto* b = new shared_buffer;
  int seen = 0;
  std::thread worker([b, &seen] {
    seen = b->values[0] + b->values[1];
    release(b);
  });
  const int last = b->values[3];
  release(b);
  worker.join();

  std::vector<std::thread> readers;
  {
    auto owned = std::make_shared<std::vector<int>>(8, 7);
    for (int i = 0; i < 2; ++i) readers.emplace_back([owned] { return (*owned)[3]; });
  }  // the creator's reference goes first; the last reader frees the vector
  for (auto& r : readers) r.join();
  return last == 4 && seen == 3 ? 0 : 1;
}
