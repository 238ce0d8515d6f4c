// deadlock.hpp — what to say when no logical thread can run.
//
// Every unfinished thread waits. The wait-for edges (a lock to its owner,
// or to its readers when a writer waits, or to the writers waiting first
// when a reader of a writer-first rwlock waits; a join to the joined thread)
// either close a cycle — a `deadlock`, reported with the cycle — or end at
// a thread that waits on a condition variable or semaphore nobody can
// signal any more — a `lost_wakeup` (stuck waiter). The finding lists what every thread waits on.
// It reads the execution (its threads and what each waits for), never changes it.
#pragma once

#include <vector>

#include "lock_order.hpp"
#include "weft/result.hpp"

namespace weft::detail {

class execution;
/// The locks each thread holds, by thread id (detectors.hpp keeps them).
using held_by_thread = std::vector<std::vector<held_lock>>;
finding describe_stuck(const execution& e, const held_by_thread& held);

}  // namespace weft::detail
