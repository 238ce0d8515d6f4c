// boost_fiber.hpp — inside weft exec's model of Boost.Fiber
// (boost_fiber_sync.cpp): which thread's fiber holds each fiber mutex and
// which threads' fibers wait for which (boost_fiber_waits.cpp), so that a
// deadlock among fibers is reported as one.
#pragma once

#include <cstdint>

namespace weft::detail::instrument {

/// Inside an execution: the program's fiber, calling from `pc`, waits to
/// lock the fiber mutex `mutex` (on the current thread, returned; no_thread
/// outside an execution); it took it (having waited on thread `waited_on`,
/// or no_thread after a try_lock); it lets it go.
std::uint32_t wants_fiber_mutex(const void* mutex, const void* pc);
void took_fiber_mutex(const void* mutex, std::uint32_t waited_on);
void let_go_fiber_mutex(const void* mutex);
/// Inside an execution: the current thread begins (true) or ends waiting in
/// its fiber scheduler for a fiber to be ready.
void scheduler_idle(bool idle);
/// Gives the deadlock detector those waits (library_waits): once, before
/// the executions, in a program that loads libboost_fiber.
void follow_fiber_mutex_waits();

}  // namespace weft::detail::instrument
