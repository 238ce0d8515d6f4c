// deadlock.hpp — what to say when no logical thread can run.
//
// Every unfinished thread waits. The wait-for edges (a lock to its owner,
// or to its readers when a writer waits, or to the writers waiting first
// when a reader of a writer-first rwlock waits; a join to the joined thread)
// either close a cycle — a `deadlock`, reported with the cycle — or end at
// a thread that waits on a condition variable or semaphore nobody can
// signal any more — a `lost_wakeup` (stuck waiter). The finding lists what every thread waits on.
// It reads the execution (its threads and what each waits for), never changes it.
//
// A library that runs its own waits inside a thread's wait (Boost.Fiber: a
// thread whose scheduler has no ready fiber waits on a condition variable
// while its fibers wait on fiber mutexes other threads' fibers hold) adds
// the edges it knows through library_waits: a thread blocked on a
// condition variable waits for the threads it names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lock_order.hpp"
#include "weft/detail/location.hpp"
#include "weft/result.hpp"

namespace weft::detail {

class execution;
/// The locks each thread holds, by thread id (detectors.hpp keeps them).
using held_by_thread = std::vector<std::vector<held_lock>>;
finding describe_stuck(const execution& e, const held_by_thread& held);

/// Wait-for edges a library model knows, asked about a thread blocked on a
/// condition variable: the threads it waits for (none: the library does not
/// know of any); what it waits for, said as describe_wait says it ("runs no
/// fiber: its fiber waits to lock ..."), empty when the library has nothing
/// to say; and then the program's place the thread waits at (the fiber's
/// lock), instead of the library's wait. Set once, by the model, before
/// executions run.
struct library_waits {
  std::vector<std::uint32_t> (*waits_for)(std::uint32_t thread) = nullptr;
  std::string (*describe)(std::uint32_t thread) = nullptr;
  location (*waits_at)(std::uint32_t thread) = nullptr;
};
void set_library_waits(library_waits waits);

}  // namespace weft::detail
