// weft/fixed_threads.hpp — a body of Relacy's test-suite shape for
// weft::check and weft::replay: a fixed number of threads, each running the
// same function with its index, over state built fresh for every execution,
// and a check after all of them ended.
//
//   struct store_buffering {
//     weft::atomic<int> x{0}, y{0};
//     int r0 = -1, r1 = -1;
//   };
//   const auto body = weft::fixed_threads<store_buffering>(
//       2,
//       [](store_buffering& s, std::size_t i) {
//         if (i == 0) { s.x.store(1, std::memory_order_relaxed); s.r0 = s.y.load(std::memory_order_relaxed); }
//         else        { s.y.store(1, std::memory_order_relaxed); s.r1 = s.x.load(std::memory_order_relaxed); }
//       },
//       [](store_buffering& s) { WEFT_ASSERT(s.r0 == 1 || s.r1 == 1); });
//   weft::result r = weft::check(body, opts);   // and weft::replay(body, schedule)
//
// Thread 0 is the execution's first logical thread itself: it builds the
// state, starts threads 1..n-1, runs its own part, joins the others and runs
// the check. So an execution has exactly n logical threads, numbered as the
// indices are (a finding's "thread 1" is the call with i == 1), and pays one
// spawn and join fewer than a body that starts n threads and joins them.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "weft/assert.hpp"
#include "weft/detail/runtime.hpp"

namespace weft {

/// The body described above. `State` is default-constructed at the start
/// of every execution (before any thread but 0 exists: what its constructor
/// does happens before every thread); `thread(state, i)` runs on logical
/// thread i; `check(state)` runs after every thread has ended. Throws
/// std::invalid_argument when `threads` is 0.
template <class State, class Thread, class Check>
  requires std::is_default_constructible_v<State> && std::is_invocable_v<const Thread&, State&, std::size_t> &&
           std::is_invocable_v<const Check&, State&>
std::function<void()> fixed_threads(std::size_t threads, Thread thread, Check check) {
  if (threads == 0) throw std::invalid_argument("weft::fixed_threads: at least one thread is needed");
  return [threads, thread = std::move(thread), check = std::move(check)] {
    State state{};
    if (!detail::in_checked_execution()) {  // called directly: real threads
      std::vector<std::thread> others;
      others.reserve(threads - 1);
      for (std::size_t i = 1; i < threads; ++i) others.emplace_back([&state, &thread, i] { thread(state, i); });
      try {
        thread(state, 0);
      } catch (...) {
        for (std::thread& t : others) t.join();
        throw;
      }
      for (std::thread& t : others) t.join();
      check(state);
      return;
    }
    // The other threads' ids, on this stack up to a few: an execution
    // allocates nothing for them.
    constexpr std::size_t on_stack = 7;
    std::array<std::uint32_t, on_stack> few;
    std::vector<std::uint32_t> many;
    if (threads - 1 > on_stack) many.resize(threads - 1);
    std::uint32_t* const ids = many.empty() ? few.data() : many.data();
    const detail::location here = detail::location::current();
    for (std::size_t i = 1; i < threads; ++i) {
      ids[i - 1] = detail::thread_spawn([&state, &thread, i] { thread(state, i); }, here);
    }
    // An exception out of thread 0 ends the execution here, as one out of a
    // spawned thread does, before unwinding would destroy the state the
    // other threads still use.
    try {
      thread(state, 0);
    } catch (const std::exception& e) {
      detail::fail(finding_kind::uncaught_exception,
                   std::string("thread 0 ended with an uncaught exception: ") + e.what(), detail::location::current());
    } catch (...) {
      detail::fail(finding_kind::uncaught_exception, "thread 0 ended with an uncaught exception of unknown type",
                   detail::location::current());
    }
    for (std::size_t i = 1; i < threads; ++i) detail::thread_join(ids[i - 1], here);
    check(state);
  };
}

/// The same without a final check (the threads' own WEFT_ASSERTs and the
/// detectors are the verdict).
template <class State, class Thread>
  requires std::is_default_constructible_v<State> && std::is_invocable_v<const Thread&, State&, std::size_t>
std::function<void()> fixed_threads(std::size_t threads, Thread thread) {
  return fixed_threads<State>(threads, std::move(thread), [](State&) {});
}

}  // namespace weft
