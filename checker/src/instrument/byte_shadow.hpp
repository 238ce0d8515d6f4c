// byte_shadow.hpp — the race detector's state (a FastTrack var_state) of
// every byte of plain memory an instrumented program touches in one
// execution (address_objects.hpp: address_tables::bytes).
//
// Kept in pages of `page_bytes` consecutive addresses, each page made on the
// first use of one of its bytes and found by its number in an ordered map,
// with the last page used cached (accesses are mostly sequential: a loop
// over an array, a memcpy, a read() into a buffer), so that finding a byte's
// state costs a compare in the common case and O(log pages) otherwise. A
// byte's state is constructed in its page on the byte's first use (the
// caller's `on_birth` then makes it the execution's object) and stays where
// it is until the byte is forgotten or the shadow dies: references to it are
// stable. Forgetting a range (the memory is freed) destroys the states in
// it, so the bytes start clean when used again, and gives back the pages
// left empty; it walks only the pages that exist in the range. A state's
// address is known from its page: find(h.key) == &h says whether a
// var_state is the shadow's state of the byte h.key, so reports name a byte
// without a search.
//
// Memory: a var_state is ~190 bytes, so a program touching 1 MiB needs
// ~200 MB of shadow per execution, and an execution is a fresh process
// (weft exec forks one per execution): faulting that in 4 KiB pages was
// most of the run time (on this VM a page fault is dear). Pages therefore
// come from chunks mapped 2 MiB-aligned with MADV_HUGEPAGE (transparent huge
// pages where the system allows them: one fault per 2 MiB; the first chunk
// excepted, see new_chunk), handed out in order and reused through a free
// list.
//
// Page size: 64 bytes, the most one word of bits (page::born) covers.
// Measured on tests/exec/programs/own/sendto_stream_bulk_ok.c (weft exec,
// 20 executions, dev build): 16, 32 and 64 bytes ran alike within the noise
// (7.5, 8-10 and 8-9 executions/s; the bytes' states themselves, not the
// lookups, cost the time, and sequential accesses hit the cached page);
// 64 keeps the fewest pages in the map, and a program touching scattered
// bytes pays for a page each (12 KiB) either way.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "weft/detail/runtime.hpp"

namespace weft::detail::instrument {

class byte_shadow {
 public:
  static constexpr std::size_t page_bytes = 64;  // one bit each in page::born

  byte_shadow() = default;
  byte_shadow(const byte_shadow&) = delete;
  byte_shadow& operator=(const byte_shadow&) = delete;
  byte_shadow(byte_shadow&& other) noexcept { swap(other); }
  byte_shadow& operator=(byte_shadow&& other) noexcept {
    byte_shadow gone(std::move(other));  // this one's pages die with it
    swap(gone);
    return *this;
  }
  ~byte_shadow() {
    for (auto& [number, p] : pages_) std::destroy_at(p);
    for (const chunk& c : chunks_) ::munmap(c.memory, c.size);
  }

  /// The state of the byte at `address`, constructed and passed to
  /// `on_birth(var_state&)` when the byte had none.
  template <class OnBirth>
  var_state& at(std::uintptr_t address, OnBirth&& on_birth) {
    const std::uintptr_t number = address / page_bytes;
    page& p = number == cached_number_ ? *cached_ : page_numbered(number);
    const auto i = static_cast<unsigned>(address % page_bytes);
    var_state& state = p.slots[i].state;
    if ((p.born & bit(i)) == 0) {
      std::construct_at(&state);
      p.born |= bit(i);
      on_birth(state);
    }
    return state;
  }

  /// The state of the byte at `address`, or null when it has none.
  var_state* find(std::uintptr_t address) {
    const std::uintptr_t number = address / page_bytes;
    page* p = cached_;
    if (number != cached_number_) {
      const auto it = pages_.find(number);
      if (it == pages_.end()) return nullptr;
      p = it->second;
    }
    const auto i = static_cast<unsigned>(address % page_bytes);
    return (p->born & bit(i)) == 0 ? nullptr : &p->slots[i].state;
  }

  /// Calls `f(address, var_state&)` for every byte in [lo, hi) that has a
  /// state, in address order. `f` may make states (not forget them).
  template <class F>
  void for_each(std::uintptr_t lo, std::uintptr_t hi, F&& f) {
    if (lo >= hi) return;
    for (auto it = pages_.lower_bound(lo / page_bytes); it != pages_.end() && it->first * page_bytes < hi; ++it) {
      page& p = *it->second;
      const std::uintptr_t base = it->first * page_bytes;
      for (std::uint64_t left = p.born & mask(base, lo, hi); left != 0; left &= left - 1) {
        const auto i = static_cast<unsigned>(std::countr_zero(left));
        f(base + i, p.slots[i].state);
      }
    }
  }

  /// The bytes in [lo, hi) have no state any more (their memory is freed):
  /// the next use of one makes a new one. Pages left empty are given back.
  void forget(std::uintptr_t lo, std::uintptr_t hi) noexcept {
    if (lo >= hi) return;
    for (auto it = pages_.lower_bound(lo / page_bytes); it != pages_.end() && it->first * page_bytes < hi;) {
      page* p = it->second;
      const std::uintptr_t base = it->first * page_bytes;
      const std::uint64_t gone = p->born & mask(base, lo, hi);
      for (std::uint64_t left = gone; left != 0; left &= left - 1) {
        std::destroy_at(&p->slots[std::countr_zero(left)].state);
      }
      p->born &= ~gone;
      if (p->born != 0) {
        ++it;
        continue;
      }
      if (cached_ == p) {
        cached_number_ = no_page;
        cached_ = nullptr;
      }
      it = pages_.erase(it);
      std::destroy_at(p);
      give_back(p);
    }
  }

  /// How many pages are in use (tests; measurements).
  std::size_t pages() const noexcept { return pages_.size(); }

 private:
  /// `page_bytes` states; slot i is constructed when bit i of `born` is set.
  struct page {
    union slot {
      slot() noexcept {}  // not constructed: see page::born
      ~slot() {}
      var_state state;
    };
    page() noexcept {}  // slots left raw
    page(const page&) = delete;
    page& operator=(const page&) = delete;
    ~page() {
      for (std::uint64_t left = born; left != 0; left &= left - 1)
        std::destroy_at(&slots[std::countr_zero(left)].state);
    }
    std::uint64_t born = 0;
    slot slots[page_bytes];
  };
  /// A page's memory while given back: a link of the free list.
  struct free_page {
    free_page* next;
  };
  static_assert(page_bytes <= 64, "page::born has a bit per byte");

  /// Memory mapped for pages. The first chunk is small (most programs touch
  /// a few hundred bytes: no 2 MiB page to clear for them); the next ones are
  /// 2 MiB-aligned, advised to be huge pages, each twice the last, up to 64 MiB.
  struct chunk {
    void* memory = nullptr;
    std::size_t size = 0;
  };
  static constexpr std::size_t huge_page = std::size_t{2} << 20;
  static constexpr std::size_t first_chunk = std::size_t{256} << 10, last_chunk = std::size_t{64} << 20;

  static constexpr std::uintptr_t no_page = ~std::uintptr_t{0};  // no address / page_bytes is this

  static constexpr std::uint64_t bit(unsigned i) { return std::uint64_t{1} << i; }
  /// The bits of the page at `base` whose bytes are in [lo, hi) (lo < hi, overlapping the page).
  static std::uint64_t mask(std::uintptr_t base, std::uintptr_t lo, std::uintptr_t hi) {
    const std::uintptr_t first = lo > base ? lo - base : 0;
    const std::uintptr_t end = hi - base < page_bytes ? hi - base : page_bytes;
    const std::uint64_t upto = end == 64 ? ~std::uint64_t{0} : bit(static_cast<unsigned>(end)) - 1;
    return upto & ~(bit(static_cast<unsigned>(first)) - 1);
  }

  void swap(byte_shadow& other) noexcept {
    pages_.swap(other.pages_);
    chunks_.swap(other.chunks_);
    std::swap(free_, other.free_);
    std::swap(next_, other.next_);
    std::swap(end_, other.end_);
    std::swap(cached_number_, other.cached_number_);
    std::swap(cached_, other.cached_);
  }

  page& page_numbered(std::uintptr_t number) {
    auto it = pages_.find(number);
    if (it == pages_.end()) {
      void* memory = page_memory();
      try {
        it = pages_.emplace(number, nullptr).first;
      } catch (...) {
        give_back(memory);
        throw;
      }
      it->second = ::new (memory) page;
    }
    cached_number_ = number;
    cached_ = it->second;
    return *cached_;
  }

  /// Room for a page: a given-back one, or the next in the current chunk.
  void* page_memory() {
    if (free_ != nullptr) return std::exchange(free_, free_->next);
    if (end_ - next_ < static_cast<std::ptrdiff_t>(sizeof(page))) new_chunk();
    return std::exchange(next_, next_ + sizeof(page));
  }

  void give_back(void* memory) noexcept { free_ = ::new (memory) free_page{free_}; }

  void new_chunk() {
    const std::size_t size = chunks_.empty()                   ? first_chunk
                             : chunks_.back().size < huge_page ? huge_page
                                                               : std::min(2 * chunks_.back().size, last_chunk);
    chunks_.reserve(chunks_.size() + 1);  // so that push_back cannot throw after the mapping
    // Mapped with a huge page of slack, the unaligned ends unmapped again.
    void* mapped =
        ::mmap(nullptr, size + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t aligned = (start + huge_page - 1) & ~(huge_page - 1);
    if (aligned > start) ::munmap(mapped, aligned - start);
    if (const std::uintptr_t tail = start + size + huge_page - (aligned + size); tail > 0) {
      ::munmap(reinterpret_cast<void*>(aligned + size), tail);
    }
    auto* memory = reinterpret_cast<char*>(aligned);
#ifdef MADV_HUGEPAGE
    if (size >= huge_page) ::madvise(memory, size, MADV_HUGEPAGE);  // advice only: small pages where refused
#endif
    chunks_.push_back({memory, size});
    next_ = memory;
    end_ = memory + size;
  }

  std::map<std::uintptr_t, page*> pages_;  // by number: address / page_bytes
  std::vector<chunk> chunks_;              // where the pages are
  free_page* free_ = nullptr;              // pages given back, for reuse
  char* next_ = nullptr;                   // the current chunk's room left
  char* end_ = nullptr;
  std::uintptr_t cached_number_ = no_page;  // the last page used, if any
  page* cached_ = nullptr;
};

}  // namespace weft::detail::instrument
