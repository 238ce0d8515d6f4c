// misuse.hpp — the misuse detector's findings: a primitive's contract broken
// (relock of a plain mutex, unlock by a non-owner, a thread ending with a
// lock held, ...). The runtime's primitives see the broken contract where it
// happens and call these; every misuse finding is built here: kind misuse,
// the sub-kind saying which contract was broken (weft::finding_subkind), a
// one-line message and the place of the call.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "lock_order.hpp"
#include "weft/detail/runtime.hpp"
#include "weft/result.hpp"

namespace weft::detail {

class execution;

finding misuse_finding(finding_subkind what, std::string message, const location& where);

/// The current thread locks `m`, a non-recursive mutex it already holds.
finding relock_misuse(const execution& e, const mutex_state& m, const location& where);
/// `m` is destroyed while held.
finding destroy_held_misuse(const execution& e, const mutex_state& m);
/// The current thread unlocks `m` (unlock_shared when `shared`), which it does not hold.
finding unlock_not_held_misuse(const execution& e, const mutex_state& m, bool shared, const location& where);
/// `s` released `n` permits beyond its maximum.
finding over_release_misuse(const execution& e, const semaphore_state& s, std::ptrdiff_t n, const location& where);
/// The current thread frees (`how`: "free", "realloc") the `size`-byte heap
/// block at `block`, which thread `first_by` freed already at `first_at`.
finding double_free_misuse(const execution& e, const char* how, const void* block, std::size_t size,
                           std::uint32_t first_by, const location& first_at, const location& where);
/// The current thread reads (or writes) `size` bytes at `address`, inside
/// the `block_size`-byte heap block at `block`, which thread `freed_by` freed
/// at `freed_at` and whose free happens before this access.
finding use_after_free_misuse(const execution& e, bool write, const void* address, std::size_t size,
                              const void* block, std::size_t block_size, std::uint32_t freed_by,
                              const location& freed_at, const location& where);
/// Thread `thread` ends while holding `held` (not empty): reports it.
void report_held_at_end(execution& e, std::uint32_t thread, std::span<const held_lock> held);

}  // namespace weft::detail
