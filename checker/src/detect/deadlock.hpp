// deadlock.hpp — what to say when no logical thread can run.
//
// Every unfinished thread waits. Following each thread's single wait-for
// edge (a mutex to its owner, a join to the joined thread) either closes a
// cycle — a `deadlock`, reported with the cycle — or ends at a thread that
// waits on a condition variable or semaphore nobody can signal any more — a
// `lost_wakeup` (stuck waiter). The finding lists what every thread waits on.
// It reads the execution (its threads and what each waits for), never changes it.
#pragma once

#include "weft/result.hpp"

namespace weft::detail {

class execution;
finding describe_stuck(const execution& e);

}  // namespace weft::detail
