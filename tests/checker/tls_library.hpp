// tls_library.hpp — a stand-in for a third-party library that keeps
// per-thread state in thread_local variables, built as its own shared
// library (so its TLS is reached through __tls_get_addr, as a real
// library's is).
#pragma once

namespace tls_library {

/// 1, 2, 3, ... counted separately in every thread (a function-local
/// thread_local inside the library).
int next_in_this_thread();

}  // namespace tls_library
