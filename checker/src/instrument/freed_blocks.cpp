// The heap blocks an instrumented program frees inside an execution
// (address_objects.hpp: keep_freed, check_realloc, release_freed).
//
// glibc catches a double free only when the block is still at the top of
// its bin, and an execution's logical threads share one OS thread's bins
// with weft's own allocations in between: a second free by another thread
// went through silently and corrupted the heap. So, as AddressSanitizer
// does, a freed block is kept allocated (quarantined) while the execution
// runs: it cannot be handed out again, so freeing it again is certainly a
// double free, and an access to it after a free that happens before the
// access (check_not_freed) is certainly a use after free. The quarantine holds at most `budget` bytes, oldest blocks
// leaving first (a program that churns memory touches at most that much
// more of it per execution); a block that has left is forgotten like any
// freed memory, and its second free is glibc's to catch.
//
// The free itself writes the block's bytes the program accessed, for the
// race detector, as ThreadSanitizer's free does: a thread freeing memory
// another thread still reads or writes without synchronisation is a data
// race, whichever comes first (the kept block keeps the free's write). So
// an access after the free is a use after free only when the free happens
// before it; unordered, it is the race detector's. An atomic or volatile
// access after a free it is unordered with is a data race too, reported by
// check_not_freed. A free after an atomic access it is unordered with is
// not reported: a consumer that frees a node after reading the producer's
// relaxed store into it (liburcu's wait-free queue) is ordered by
// coherence, not happens-before, and correct; and a library whose
// synchronisation weft does not see whole would make such reports false.
#include <malloc.h>

#include <cstddef>
#include <cstdint>

#include "../detect/misuse.hpp"
#include "../detect/race.hpp"
#include "../runtime/execution.hpp"
#include "address_objects.hpp"


namespace weft::detail::instrument {

namespace {

constexpr std::size_t budget = std::size_t{1} << 20;  // bytes kept per execution, at most

std::uintptr_t address_of(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

/// A free of a block freed already: reported, and the execution ends.
[[noreturn]] void double_free(const freed_block& first, void* block, const char* how, const location& where) {
  execution& e = *current();
  e.fail(double_free_misuse(e, how, block, first.size, first.thread, first.where, where));
}

/// A kept block at `address` goes back to its allocator.
void give_back(std::uintptr_t address, const freed_block& block) {
  if (block.release != nullptr) {
    block.release(reinterpret_cast<void*>(address));
  } else {
    allocator_free(reinterpret_cast<void*>(address));
  }
}

/// The free (`how`, at `where`) of [lo, lo + size) writes it: its first
/// byte (the trace's event) and every byte the program accessed.
void written_by_free(address_tables& t, std::uintptr_t lo, std::size_t size, const char* how, const location& where) {
  execution& e = *current();
  var_state& first = byte_at(t, lo);
  if (e.tracing()) e.record(how, &first, where);
  t.bytes.for_each(lo, lo + size, [&where](std::uintptr_t, var_state& byte) { var_write(byte, where, false); });
}

/// The atomics in a block [lo, lo + size) a thread frees: one that code
/// weft does not see wrote since its newest store (a library's last drop of
/// a reference count, which then deletes the object: Poco's
/// NotificationQueue::clear inside libPocoFoundation) orders the drops
/// weft saw before the free (atomic_memory::acquire_before_unseen_write).
void acquire_before_unseen_writes(address_tables& t, std::uintptr_t lo, std::size_t size) {
  if (t.atomics.empty()) return;
  execution& e = *current();
  for (auto it = t.atomics.lower_bound(lo); it != t.atomics.end() && it->first < lo + size; ++it) {
    e.memory().acquire_before_unseen_write(e, it->second, reinterpret_cast<const void*>(it->first));
  }
}

/// The oldest kept blocks go back to the allocator until the quarantine
/// holds at most `budget` bytes.
void trim(address_tables& t) {
  while (t.freed_bytes > budget && !t.freed_order.empty()) {
    const std::uintptr_t oldest = t.freed_order.front();
    t.freed_order.pop_front();
    const auto it = t.freed.find(oldest);
    t.freed_bytes -= it->second.size;
    erase_states(t, oldest, oldest + it->second.size);
    const freed_block gone = it->second;
    t.freed.erase(it);
    give_back(oldest, gone);
  }
}

}  // namespace

bool keep_freed(void* block, const void* pc) noexcept {
  return keep_freed(block, malloc_usable_size(block), nullptr, "free", pc);
}

bool keep_freed(void* block, std::size_t size, void (*release)(void*), const char* how, const void* pc) noexcept {
  address_tables* tables_now = tables();
  if (tables_now == nullptr) return false;
  if (callbacks > 0) callback_library_frees();  // a slot object's destruction, say (library_callbacks.cpp)
  address_tables& t = *tables_now;
  const weft_section weft;
  const location where = location::caller(pc);
  const std::uintptr_t lo = address_of(block);
  if (const auto it = t.freed.find(lo); it != t.freed.end()) double_free(it->second, block, how, where);
  acquire_before_unseen_writes(t, lo, size);
  // A library whose synchronisation weft does not see frees its own memory
  // after the thread that filled it handed it over unseen: not checked.
  if (!in_opaque_library(pc)) written_by_free(t, lo, size, how, where);
  if (size > budget) {  // too big to keep: forgotten and given back now
    erase_states(t, lo, lo + size);
    return false;
  }
  execution& e = *current();
  const std::uint32_t me = e.current_id();
  const std::uint64_t event = e.tracing() ? e.last_event() : 0;
  t.freed.emplace(lo, freed_block{size, me, e.detect().clock(me).get(me), where, event, release});
  t.freed_order.push_back(lo);
  t.freed_bytes += size;
  trim(t);  // never the newest block: it fits the budget alone
  return true;
}

void given_back(const void* start, std::size_t length, const char* what, const void* pc) noexcept {
  address_tables* tables_now = tables();
  if (!in_program || length == 0 || tables_now == nullptr) return;
  address_tables& t = *tables_now;
  const weft_section weft;
  const location where = location::caller(pc);
  const std::uintptr_t lo = address_of(start);
  written_by_free(t, lo, length, what, where);
  erase_states(t, lo, lo + length);
}

void check_realloc(void* block, const void* pc) noexcept {
  address_tables* t = tables();
  if (t == nullptr || block == nullptr) return;
  const weft_section weft;
  if (const auto it = t->freed.find(address_of(block)); it != t->freed.end()) {
    double_free(it->second, block, "realloc", location::caller(pc));
  }
}

void check_not_freed(address_tables& t, std::uintptr_t address, std::size_t size, bool write,
                     const location& where, const object_header* atomic, const char* kind) {
  if (t.freed.empty()) return;
  auto it = t.freed.upper_bound(address);  // the first block after the access...
  if (it == t.freed.begin()) return;
  --it;  // ...and the one that may hold it
  const freed_block& block = it->second;
  if (address >= it->first + block.size) return;
  execution& e = *current();
  const std::uint32_t me = e.current_id();
  if (e.detect().clock(me).get(block.thread) < block.epoch) {  // unordered with the free: a race
    if (atomic != nullptr) race::report(e, *atomic, kind, where, block.thread, "free", to_location(block.where), block.event);
    return;
  }
  e.fail(use_after_free_misuse(e, write, reinterpret_cast<const void*>(address), size,
                               reinterpret_cast<const void*>(it->first), block.size, block.thread, block.where,
                               where));
}

void release_freed(address_tables& t) noexcept {
  for (const auto& [address, block] : t.freed) give_back(address, block);
  t.freed.clear();
  t.freed_order.clear();
  t.freed_bytes = 0;
}

}  // namespace weft::detail::instrument
