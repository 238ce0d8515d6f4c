// thread_set.hpp — a set of logical thread ids as a bitset: O(1) insert,
// erase and lookup, and iteration in ascending id order that costs one word
// per 64 threads plus one step per member. The execution keeps its runnable
// and blocked threads in these, updated as threads block, wake and finish,
// instead of reading every thread's status at every scheduling point; a
// herd of waiters moves between them a word at a time (move_common).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace weft::detail {

class thread_set {
 public:
  /// Empties the set and makes room for ids below `n`.
  void reset(std::uint32_t n) {
    const std::size_t words = (n + 63) / 64;
    if (words_.size() < words) words_.resize(words);
    if (words_.size() == 1) {  // up to 64 threads: a store, not a call to memset
      words_[0] = 0;
      return;
    }
    std::fill(words_.begin(), words_.end(), 0);
  }
  /// Makes room for ids below `n` (keeps the members).
  void reserve(std::uint32_t n) {
    const std::size_t words = (n + 63) / 64;
    if (words_.size() < words) words_.resize(words, 0);
  }
  bool contains(std::uint32_t id) const { return (words_[id / 64] >> (id % 64)) & 1; }
  void insert(std::uint32_t id) { words_[id / 64] |= std::uint64_t{1} << (id % 64); }
  void erase(std::uint32_t id) { words_[id / 64] &= ~(std::uint64_t{1} << (id % 64)); }
  /// Moves the members of `which` that are in `from` over to `to`, a word
  /// (64 threads) at a time.
  static void move_common(const thread_set& which, thread_set& from, thread_set& to) {
    const std::size_t words = std::min({which.words_.size(), from.words_.size(), to.words_.size()});
    for (std::size_t w = 0; w < words; ++w) {
      const std::uint64_t bits = which.words_[w] & from.words_[w];
      from.words_[w] &= ~bits;
      to.words_[w] |= bits;
    }
  }
  /// Calls f(id) for every member, in ascending order. f may erase the
  /// member it is given (not others).
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      std::uint64_t bits = words_[w];
      while (bits != 0) {
        const auto id = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
        bits &= bits - 1;
        f(id);
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

}  // namespace weft::detail
