// interpose.hpp — what the instrumentation runtime's files share: how
// pthread_exit leaves a logical thread.
#pragma once

namespace weft::detail::instrument {

/// Thrown by pthread_exit inside a checked execution; caught where the
/// logical thread (or main) started, which then ends as a return would.
struct thread_exit {};

}  // namespace weft::detail::instrument
