// own_stack.hpp — weft's heavy work (reading debug information) on a stack
// of weft's own when the logical thread runs on a stack the program made:
// Boost.Fiber's fibers (64 to 128 KiB each) leave too little room below the
// program's frame for libdw, and a replay's trace, which names each step's
// line, overflowed one.
#pragma once

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace weft::detail {

/// Calls fn(arg) on weft's own stack (1 MiB, guarded, one per process) when
/// the current logical thread runs on a stack that is not its own;
/// otherwise (weft's own stacks, no execution, already on that stack)
/// calls it where it is.
void run_on_own_stack(void (*fn)(void*), void* arg);

/// run_on_own_stack for a callable: its result, or its exception rethrown
/// on the caller's stack.
template <class F>
auto on_own_stack(F&& f) -> std::invoke_result_t<F&> {
  using result = std::invoke_result_t<F&>;
  std::exception_ptr failed;
  if constexpr (std::is_void_v<result>) {
    auto call = [&] {
      try {
        f();
      } catch (...) {
        failed = std::current_exception();
      }
    };
    run_on_own_stack([](void* p) { (*static_cast<decltype(call)*>(p))(); }, &call);
    if (failed) std::rethrow_exception(failed);
  } else {
    std::optional<result> value;
    auto call = [&] {
      try {
        value.emplace(f());
      } catch (...) {
        failed = std::current_exception();
      }
    };
    run_on_own_stack([](void* p) { (*static_cast<decltype(call)*>(p))(); }, &call);
    if (failed) std::rethrow_exception(failed);
    return std::move(*value);
  }
}

}  // namespace weft::detail
