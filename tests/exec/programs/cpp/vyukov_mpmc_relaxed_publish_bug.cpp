// vyukov_mpmc_ok.cpp with the producer's publishing store of the sequence
// relaxed instead of release: a consumer that sees the sequence is not
// ordered after the producer's write of the payload, and reads it in a data
// race (under a weak memory model the old payload).
// weft-exec-expect: data_race
#include <cassert>
#include <cstddef>
#include <thread>
#include <vector>
template <typename T>
class mpmc_bounded_queue {
 public:
  explicit mpmc_bounded_queue(size_t buffer_size) : buffer_(new cell_t[buffer_size]), buffer_mask_(buffer_size - 1) {
    for (size_t i = 0; i != buffer_size; i += 1) buffer_[i].sequence_.store(i, std::memory_order_relaxed);
    enqueue_pos_.store(0, std::memory_order_relaxed);
    dequeue_pos_.store(0, std::memory_order_relaxed);
  }
  ~mpmc_bounded_queue() { delete[] buffer_; }
  bool enqueue(T const& data) {
    cell_t* cell;
    size_t pos = enqueue_pos_.load(std::memory_order_relaxed);
    for (;;) {
      cell = &buffer_[pos & buffer_mask_];
      size_t seq = cell->sequence_.load(std::memory_order_acquire);
      intptr_t dif = (intptr_t)seq - (intptr_t)pos;
      if (dif == 0) {
        if (enqueue_pos_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) break;
      } else if (dif < 0)
        return false;
      else
        pos = enqueue_pos_.load(std::memory_order_relaxed);
    }
    cell->data_ = data;
    cell->sequence_.store(pos + 1, std::memory_order_relaxed);  // the bug: release
    return true;
  }
  bool dequeue(T& data) {
    cell_t* cell;
    size_t pos = dequeue_pos_.load(std::memory_order_relaxed);
    for (;;) {
      cell = &buffer_[pos & buffer_mask_];
      size_t seq = cell->sequence_.load(std::memory_order_acquire);
      intptr_t dif = (intptr_t)seq - (intptr_t)(pos + 1);
      if (dif == 0) {
        if (dequeue_pos_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) break;
      } else if (dif < 0)
        return false;
      else
        pos = dequeue_pos_.load(std::memory_order_relaxed);
    }
    data = cell->data_;
    cell->sequence_.store(pos + buffer_mask_ + 1, std::memory_order_release);
    return true;
  }

 private:
  struct cell_t {
    std::atomic<size_t> sequence_;
    T data_;
  };
  alignas(64) cell_t* const buffer_;
  size_t const buffer_mask_;
  alignas(64) std::atomic<size_t> enqueue_pos_;
  alignas(64) std::atomic<size_t> dequeue_pos_;
};
int main() {
  mpmc_bounded_queue<int> q(4);
  std::atomic<int> sum{0};
  std::vector<std::thread> ts;
  for (int p = 0; p < 2; ++p)
    ts.emplace_back([&, p] {
      for (int i = 1; i <= 3; ++i)
        while (!q.enqueue(p * 10 + i)) std::this_thread::yield();
    });
  for (int c = 0; c < 2; ++c)
    ts.emplace_back([&] {
      for (int i = 0; i < 3; ++i) {
        int v;
        while (!q.dequeue(v)) std::this_thread::yield();
        sum.fetch_add(v);
      }
    });
  for (auto& t : ts) t.join();
  assert(sum.load() == 1 + 2 + 3 + 11 + 12 + 13);
  return 0;
}
