// weft/assert.hpp — WEFT_ASSERT(cond) and WEFT_ASSERT(cond, message).
//
// Inside a checked execution a failed assertion ends the execution with an
// `assertion` finding naming the source location. Outside one (real threads,
// stress runs, benchmarks) the failure is recorded in a process-wide sink that
// weft stress reads, and execution goes on.
#pragma once

#include <string>
#include <vector>

#include "weft/detail/location.hpp"
#include "weft/result.hpp"

namespace weft::detail {

[[noreturn]] void assertion_failed_checked(const char* expression, std::string message,
                                           const location& where);
void assertion_failed_outside(const char* expression, std::string message,
                              const location& where);
bool in_checked_execution() noexcept;

inline void assertion_failed(const char* expression, std::string message,
                             const location& where) {
  if (in_checked_execution()) assertion_failed_checked(expression, std::move(message), where);
  assertion_failed_outside(expression, std::move(message), where);
}

inline std::string assert_message() { return {}; }
inline std::string assert_message(std::string message) { return message; }

/// A handler for failures outside a checked execution; the Relacy backend
/// installs one that fails the current Relacy iteration. Null: the sink.
using assert_hook = void (*)(const char* expression, const std::string& message,
                             const location& where);
void set_outside_assert_hook(assert_hook hook) noexcept;

/// Records a finding raised outside a checked execution (a stress run's
/// linearizability check) in the same sink as failed assertions (thread-safe).
void record_outside_failure(finding f);

/// Failures recorded outside a checked execution since the last take (thread-safe).
std::vector<finding> take_outside_failures();

}  // namespace weft::detail

#define WEFT_ASSERT(cond, ...)                                                       \
  ((cond) ? static_cast<void>(0)                                                     \
          : ::weft::detail::assertion_failed(#cond,                                  \
                                             ::weft::detail::assert_message(__VA_ARGS__), \
                                             ::weft::detail::location::current()))
