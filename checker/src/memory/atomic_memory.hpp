// atomic_memory.hpp — the C++ memory model of weft::atomic inside one
// execution (options::memory_model, docs/guide.md "The memory model").
//
// Every atomic object keeps its modification order: a bounded history of
// stores, each with its value, what an acquire that reads it synchronises
// with (its release sequence, fences included), and when each thread first
// saw it. Which store a load reads, where a store goes in the modification
// order, and whether a compare_exchange_weak fails spuriously are choices
// the strategy makes (execution::choose), so they are recorded in the
// schedule and replayed exactly, as thread choices are.
//
// What is allowed follows C++20 [intro.races] and [atomics.order]:
// coherence (CoRR, CoWR, CoRW, CoWW) through "seen" epochs compared with the
// reading thread's vector clock; release/acquire and release sequences
// through the stores' sync clocks; release and acquire fences; and the
// single total order S of seq_cst operations and fences as execution order,
// with the four constraints of [atomics.order]/4. Read-modify-writes read
// the newest store and are appended to the modification order. Not
// modelled: loads reading from stores not yet executed (load buffering,
// out-of-thin-air results), stores older than the history bound, weak
// behaviour of atomics larger than 16 bytes (they are sequentially
// consistent).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "weft/detail/runtime.hpp"
#include "weft/detail/vclock.hpp"

namespace weft::detail {

class execution;

class atomic_memory {
 public:
  /// `weak`: the C++ model (false: every access reads and writes the newest
  /// value); `history`: older stores each object keeps readable.
  atomic_memory(bool weak, unsigned history)
      : weak_(weak), history_(weak ? history : 0), history_slots_(store_ring::slots_for(history_ + 1)) {}

  /// A new execution: every object's history is forgotten.
  void begin_execution();
  /// A new object (or one first used in this execution): its history index.
  std::uint32_t add_object();

  /// The accesses, by the current thread of `e`, right after the scheduling
  /// point (see weft/detail/runtime.hpp for the value conventions).
  void load(execution& e, atomic_state& a, std::memory_order order, void* value, std::size_t size);
  bool store(execution& e, atomic_state& a, std::memory_order order, const void* newest, const void* value,
             std::size_t size);
  void rmw(execution& e, atomic_state& a, std::memory_order order, const void* old, const void* desired,
           std::size_t size);
  bool compare_exchange(execution& e, atomic_state& a, std::memory_order success, std::memory_order failure,
                        const void* newest, void* expected, const void* desired, std::size_t size, bool weak);
  void fence(execution& e, std::memory_order order);
  /// A volatile access of an instrumented program (weft exec), which does
  /// the access itself right after: a relaxed load that reads the newest
  /// store (`value`: the bytes in memory); a relaxed store that becomes the
  /// newest, its value read from memory at the object's next access
  /// (`newest`: the bytes in memory before it).
  void load_newest(execution& e, atomic_state& a, const void* value, std::size_t size);
  void store_unwritten(execution& e, atomic_state& a, const void* newest, std::size_t size);
  /// A block holding the object is freed by the current thread while
  /// memory (`value`) holds a value none of its stores wrote: code weft does
  /// not see changed it since — an uninstrumented library's read-modify-write
  /// of a reference count, whose last drop deletes the object. That drop
  /// read the newest store weft saw, as a read-modify-write does: the thread
  /// acquires what that store's release sequence published. False, and
  /// nothing acquired, when memory holds the newest store's value, or the
  /// values are not kept (the sequentially consistent model, a value larger
  /// than max_tracked).
  bool acquire_before_unseen_write(execution& e, atomic_state& a, const void* value);

  /// What code weft does not see may have published, when weft exec knows
  /// it (a compiled library's calls into the program that returned:
  /// library_callbacks.cpp), or null. An acquiring read-modify-write that
  /// reads a value no store weft saw wrote (the object's first access, or
  /// memory changed behind weft's back) acquires it: the last drop of a
  /// reference count the library dropped before, unseen.
  static inline const vclock* (*unseen_code_released)() = nullptr;

 private:
  static constexpr std::size_t max_tracked = 16;  // bytes of a value kept in the history
  static constexpr std::uint64_t no_seq = ~std::uint64_t{0};

  struct store_record {
    std::array<std::byte, max_tracked> bytes{};
    vclock seen;                  // by thread: the epoch it first saw this store at (0: not yet)
    vclock sync;                  // what an acquire reading this store joins
    std::uint64_t sc_seq = no_seq;  // earliest place in S of a seq_cst access to this store
    std::int64_t event = -1;      // its trace step (tracing only)
    bool rmw = false;             // reads the store before it: nothing may come between
    bool unwritten = false;       // bytes not known yet: memory holds them at the next access
    bool initial = false;         // the value found at a first access: no store weft saw wrote it
  };
  /// An object's modification order, oldest first, as a ring of at most
  /// `capacity` stores: appending a store to a full ring forgets the oldest
  /// in place (the common case costs no copy).
  class store_ring {
   public:
    /// The slots for at most `limit` stores: a power of two, so that a
    /// position is a mask away from its slot.
    static std::size_t slots_for(std::size_t limit) {
      std::size_t slots = 1;
      while (slots < limit) slots *= 2;
      return slots;
    }
    /// At most `limit` stores in `slots` == slots_for(limit) slots.
    void reset(std::size_t limit, std::size_t slots) {
      if (slots_.size() < slots) slots_.resize(slots);
      mask_ = slots - 1;
      limit_ = limit;
      head_ = 0;
      size_ = 0;
    }
    /// No stores (reset() comes before the next insert).
    void forget() { size_ = 0; }
    std::size_t size() const { return size_; }
    store_record& operator[](std::size_t i) { return slots_[(head_ + i) & mask_]; }
    const store_record& operator[](std::size_t i) const { return slots_[(head_ + i) & mask_]; }
    store_record& back() { return (*this)[size_ - 1]; }
    /// Room for a store at position `at` (0 < at <= size(), or the first at
    /// 0), the ones from `at` on moved one place newer; returns the slot.
    store_record& insert(std::size_t at) {
      if (size_ < limit_) {
        ++size_;
      } else {  // full: the oldest goes, its slot becomes the newest
        head_ = (head_ + 1) & mask_;
        if (at > 0) --at;
      }
      for (std::size_t i = size_ - 1; i > at; --i) (*this)[i] = (*this)[i - 1];
      return (*this)[at];
    }

   private:
    std::vector<store_record> slots_;  // pooled across executions
    std::size_t mask_ = 0;
    std::size_t limit_ = 1;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
  };
  struct object {
    store_ring stores;                 // modification order, oldest first
    std::uint64_t version = 0;         // changes at every store, and when the object is new (see stamp_)
    bool tracked = false;              // values fit in store_record::bytes
    std::uint8_t size = 0;             // the value's bytes, when tracked
    // By thread: the version when the thread last read a store other than
    // the newest (or failed spuriously): it reads the newest next time unless
    // something was written since, so a spinning reader always gets there.
    // Kept across executions: no version is ever given twice, so an old entry
    // matches nothing.
    std::vector<std::uint64_t> stale_at;
  };
  struct thread_state {
    vclock fence_release;    // its clock at its last release fence (relaxed stores carry it)
    vclock pending_acquire;  // what its relaxed reads read: an acquire fence joins it
    bool dirty = false;      // in dirty_threads_: a clock above may be set
  };
  struct sc_fence {
    std::uint64_t seq = 0;    // its place in S
    std::uint32_t thread = 0;
    std::uint32_t epoch = 0;  // its thread's epoch at the fence
    vclock upto;              // the clocks of this fence and every earlier one, joined
  };

  /// One more object in objects_ (cold: they are pooled across executions).
  [[gnu::noinline]] void add_object_room();
  // Inline, defined in atomic_memory.cpp (used there only): per access.
  inline object& object_of(atomic_state& a, const void* newest, std::size_t size);
  void first_access(object& o, const void* newest, std::size_t size);
  /// An access of another width than the object's first (a ticket lock's
  /// 16-bit release add to the low half of the word its 32-bit fetch_add
  /// takes tickets from): the object keeps only its newest store from here
  /// on, with what that store synchronises with, and its values are not
  /// compared any more (a narrower store's record holds only its own bytes).
  void mixed_widths(object& o);
  /// The object's history starts again from `newest`, a value none of its
  /// stores wrote (object_of()).
  void renew(object& o, const void* newest, std::size_t size);
  inline thread_state& thread_of(std::uint32_t thread);
  void add_threads(std::uint32_t upto);  // room for threads [0, upto]
  /// A clock of `thread`'s state was set: begin_execution() clears it.
  void dirtied(std::uint32_t thread);
  /// The oldest store a thread with `clock` may read in `o` (or order its
  /// store after): [intro.races] coherence and [atomics.order]/4.
  std::size_t floor(const object& o, const vclock& clock, bool seq_cst) const;
  /// `thread` reads `s`: it has seen it, and gets what it synchronises with
  /// (at once when acquiring, at its next acquire fence otherwise). `seq`:
  /// the access's place in S, when it is seq_cst.
  inline void read(execution& e, store_record& s, std::uint32_t thread, std::memory_order order, std::uint64_t seq);
  /// A new store at `at` in the modification order (oldest ones beyond the
  /// history bound forgotten), and its record filled in.
  store_record& insert(object& o, std::size_t at);
  inline void written(execution& e, store_record& s, std::uint32_t thread, const void* value, std::size_t size,
                      bool tracked);
  bool stale_allowed(const object& o, std::uint32_t thread) const;
  void mark_stale(object& o, std::uint32_t thread);
  std::uint64_t next_seq() { return seq_++; }

  const bool weak_;
  const std::size_t history_;
  const std::size_t history_slots_;  // store_ring::slots_for(history_ + 1)
  std::vector<object> objects_;  // pooled across executions
  std::uint32_t used_ = 0;
  std::vector<thread_state> threads_;         // by thread, pooled across executions; clear between them
  std::vector<std::uint32_t> dirty_threads_;  // threads whose state is not clear
  std::vector<sc_fence> fences_;
  std::uint64_t seq_ = 0;
  std::uint64_t stamp_ = 0;  // the last object::version given, in any execution
  std::vector<std::size_t> choices_;  // scratch: candidate positions
};

}  // namespace weft::detail
