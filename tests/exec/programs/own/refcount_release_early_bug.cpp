// A reference-counted buffer shared by two threads, each dropping its
// reference when done, the last one deleting it. The main thread drops its
// reference one line too early and reads the buffer after: when the worker
// dropped its reference first, main's own release deletes the buffer and
// its next read is a use after free; when main released first, the
// worker's delete races with that read.
// weft-exec-expect: misuse/use_after_free | data_race
#include <atomic>
#include <thread>

struct shared_buffer {
  std::atomic<int> references{2};
  int values[4] = {1, 2, 3, 4};
};

void release(shared_buffer* b) {
  if (b->references.fetch_sub(1, std::memory_order_acq_rel) == 1) delete b;
}

int main() {
  auto* b = new shared_buffer;
  std::thread worker([b] {
    const int sum = b->values[0] + b->values[1];
    release(b);
    (void)sum;
  });
  release(b);  // BUG: before its last use, two lines down
  const int last = b->values[3];
  worker.join();
  return last == 4 ? 0 : 1;
}
