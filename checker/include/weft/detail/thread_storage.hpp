// weft/detail/thread_storage.hpp — whether each logical thread of a checked
// execution has its own thread_local variables, errno and
// std::this_thread::get_id() (the thread pointer is switched with the fiber).
// It is off in ThreadSanitizer and AddressSanitizer builds (their runtimes
// keep per-OS-thread state behind the same pointer) and where glibc's
// entry points for allocating static TLS are missing; there every logical
// thread of an execution shares the OS thread's.
#pragma once

namespace weft::detail {

bool per_thread_storage() noexcept;

}  // namespace weft::detail
