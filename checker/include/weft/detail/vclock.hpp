// weft/detail/vclock.hpp — vector clocks for happens-before, with room for
// four threads inline so that the common small scenario never allocates.
// data_ points at the entries wherever they are (inline or on the heap), so
// reading one costs no branch; a clock is only ever copied through its copy
// constructor or assignment, which point data_ at the copy's own entries.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace weft::detail {

class vclock {
 public:
  vclock() = default;
  vclock(const vclock& other) { assign(other); }
  vclock& operator=(const vclock& other) {
    if (this != &other) assign(other);
    return *this;
  }
  ~vclock() = default;

  std::uint32_t get(std::uint32_t thread) const { return thread < size_ ? data_[thread] : 0; }
  // The accessors run at every synchronising operation: their common paths
  // (an entry in range, both clocks inline) are inline, the rest is not.
  [[gnu::always_inline]] void set(std::uint32_t thread, std::uint32_t value) {
    reach(thread + 1);
    data_[thread] = value;
  }
  [[gnu::always_inline]] void tick(std::uint32_t thread) {
    reach(thread + 1);
    ++data_[thread];
  }
  /// this = max(this, other), entry by entry.
  [[gnu::always_inline]] void join(const vclock& other) {
    if ((capacity_ | other.capacity_) == inline_capacity) {  // both inline: fixed-size, branch-free
      for (std::uint32_t i = 0; i < inline_capacity; ++i) inline_[i] = std::max(inline_[i], other.inline_[i]);
      size_ = std::max(size_, other.size_);
      return;
    }
    join_heap(other);
  }
  /// Whether every entry of this is <= the same entry of other.
  bool leq(const vclock& other) const {
    for (std::uint32_t i = 0; i < size_; ++i) {
      if (data_[i] > other.get(i)) return false;
    }
    return true;
  }
  void clear() {
    if (!heap_) {
      for (auto& entry : inline_) entry = 0;  // entries past size_ stay zero
    }
    size_ = 0;
  }
  std::uint32_t size() const { return size_; }

 private:
  static constexpr std::uint32_t inline_capacity = 4;

  /// d = max(d, o) over n entries that do not overlap: a loop the compiler
  /// vectorises (a mutex handed over among 256 threads joins 256 entries).
  static void join_entries(std::uint32_t* __restrict d, const std::uint32_t* __restrict o, std::uint32_t n) {
    for (std::uint32_t i = 0; i < n; ++i) d[i] = d[i] < o[i] ? o[i] : d[i];
  }

  /// size_ >= n: inline while the entries fit inline (those past size_
  /// are zero already).
  [[gnu::always_inline]] void reach(std::uint32_t n) {
    if (n <= size_) return;
    if (capacity_ == inline_capacity && n <= inline_capacity) {
      size_ = n;
      return;
    }
    grow(n);
  }
  [[gnu::noinline]] void join_heap(const vclock& other) {
    if (this == &other) return;
    const std::uint32_t n = other.size_;
    if (n > size_) grow(n);
    join_entries(data_, other.data_, n);
  }

  [[gnu::noinline]] void grow(std::uint32_t n) {
    if (n <= size_) return;
    if (n > capacity_) {
      const std::uint32_t cap = std::max(n, capacity_ * 2);
      auto bigger = std::make_unique<std::uint32_t[]>(cap);  // zero-initialised
      std::memcpy(bigger.get(), data_, size_ * sizeof(std::uint32_t));
      heap_ = std::move(bigger);
      data_ = heap_.get();
      capacity_ = cap;
    }
    if (heap_) {
      for (std::uint32_t i = size_; i < n; ++i) data_[i] = 0;
    }  // inline entries past size_ are kept zero
    size_ = n;
  }

  [[gnu::always_inline]] void assign(const vclock& other) {
    if ((capacity_ | other.capacity_) == inline_capacity) {
      std::memcpy(inline_, other.inline_, sizeof inline_);
      size_ = other.size_;
      return;
    }
    assign_heap(other);
  }
  [[gnu::noinline]] void assign_heap(const vclock& other) {
    const std::uint32_t n = other.size_;
    if (heap_ && n <= capacity_) {  // heap entries past size_ need not be zero (grow() zeroes them)
      std::memcpy(data_, other.data_, n * sizeof(std::uint32_t));
      size_ = n;
      return;
    }
    if (!heap_) {
      for (auto& entry : inline_) entry = 0;  // keep inline entries past size_ zero
    }
    size_ = 0;
    grow(other.size_);
    std::memcpy(data_, other.data_, other.size_ * sizeof(std::uint32_t));
  }

  std::uint32_t* data_ = inline_;  // inline_ or heap_
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = inline_capacity;
  std::uint32_t inline_[inline_capacity] = {};
  std::unique_ptr<std::uint32_t[]> heap_;
};

}  // namespace weft::detail
